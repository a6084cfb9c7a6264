package tcplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;
import tcplab.lesson.LessonLoader;
import tcplab.lesson.LessonRun;
import tcplab.sim.TraceEvent;
import tcplab.netstat.Dialect;
import tcplab.netstat.HostTable;
import tcplab.sim.Host;
import tcplab.sim.Timeline;
import tcplab.tcp.TcpState;

/** The window's run model, without starting JavaFX. */
class RunViewModelTest {

    private static RunViewModel loaded(String scenario) {
        RunViewModel vm = new RunViewModel();
        assertTrue(vm.load(scenario), vm.errorProperty().get());
        return vm;
    }

    /** Everything a user can see of the simulation: every host's netstat lines. */
    private static List<String> screen(RunViewModel vm) {
        List<String> out = new ArrayList<>();
        for (Host h : vm.simulationProperty().get().hosts()) {
            out.add(HostTable.emit(h, Dialect.LINUX_P));
        }
        out.add(vm.stateAProperty().get() + "/" + vm.stateBProperty().get());
        return out;
    }

    @Test
    void aLoadedScenarioStartsBeforeItsFirstEvent() {
        RunViewModel vm = loaded("handshake");
        assertEquals(0, vm.step());
        assertTrue(vm.atStartProperty().get());
        assertNull(vm.stateAProperty().get());
        assertEquals(300.0, vm.endMsProperty().get());
    }

    @Test
    void steppingThroughTheHandshakeShowsBothSidesReachEstablished() {
        RunViewModel vm = loaded("handshake");
        List<String> seen = new ArrayList<>();
        while (!vm.atEndProperty().get()) {
            vm.stepForward();
            seen.add(vm.stateAProperty().get() + "/" + vm.stateBProperty().get());
        }
        assertTrue(seen.contains("SYN_SENT/LISTEN"), seen.toString());
        assertTrue(seen.contains("SYN_SENT/SYN_RECEIVED"), seen.toString());
        assertTrue(seen.contains("ESTABLISHED/SYN_RECEIVED"), seen.toString());
        assertEquals("ESTABLISHED/ESTABLISHED", seen.get(seen.size() - 1));
    }

    @Test
    void stepBackRestoresExactlyWhatAFreshRunShowsAtThatStep() {
        RunViewModel vm = loaded("active-close");
        List<List<String>> forward = new ArrayList<>();
        forward.add(screen(vm));
        while (!vm.atEndProperty().get()) {
            vm.stepForward();
            forward.add(screen(vm));
        }
        for (int k = forward.size() - 1; k > 0; k--) {
            vm.stepBack();
            assertEquals(forward.get(k - 1), screen(vm), "after stepping back to step " + (k - 1));
        }
        assertTrue(vm.atStartProperty().get());
    }

    @Test
    void stepForwardReportsTheTransitionToAnimate() {
        RunViewModel vm = loaded("handshake");
        RunViewModel.Transition last = null;
        while (!vm.atEndProperty().get()) {
            vm.stepForward();
            if (vm.lastTransitionProperty().get() != null) {
                last = vm.lastTransitionProperty().get();
            }
        }
        assertEquals(TcpState.SYN_RECEIVED, last.from());
        assertEquals(TcpState.ESTABLISHED, last.to());
        assertFalse(last.sideA(), "the server's side made the last transition");
    }

    @Test
    void droppingTheSynInFlightMakesTheClientRetransmitItAfterOneSecond() {
        RunViewModel vm = loaded("handshake");
        vm.seekMs(50); // the SYN left at 0 ms and arrives at 100 ms
        long synId = vm.timeline().flights().get(0).id();
        assertTrue(vm.dropInFlight(synId));
        Timeline tl = vm.timeline();
        assertTrue(tl.flight(synId).lost());
        assertEquals(1_000_000, tl.flights().get(1).startUs(), "the retransmitted SYN (Linux: 1 s initial RTO)");
        assertEquals(50_000, vm.timeUs(), "the playhead stays where it was");
        vm.seekMs(2000);
        assertEquals(TcpState.ESTABLISHED, vm.stateAProperty().get());
    }

    @Test
    void aSegmentThatHasArrivedCannotBeDropped() {
        RunViewModel vm = loaded("handshake");
        vm.seekMs(150);
        assertFalse(vm.dropInFlight(1));
    }

    @Test
    void playingAdvancesTheClockAndCompressesLongIdleGaps() {
        RunViewModel vm = loaded("active-close");
        vm.seekMs(1100); // only TIME-WAIT's 60 s remain
        vm.play();
        for (int i = 0; i < 200 && vm.playingProperty().get(); i++) {
            vm.tick(1 / 60.0);
        }
        assertTrue(vm.atEndProperty().get(), "60 s of TIME-WAIT crossed in a few seconds of playing");
        assertFalse(vm.playingProperty().get());
    }

    @Test
    void aBrokenScenarioFileKeepsTheCurrentRunAndSaysWhy() {
        RunViewModel vm = loaded("handshake");
        assertFalse(vm.load("src/test/resources/scenarios/broken/unknown-key.yaml"));
        assertTrue(vm.errorProperty().get().contains("unknown-key.yaml:4:"), vm.errorProperty().get());
        assertEquals("handshake", vm.scenarioProperty().get().name());
    }

    @Test
    void changingTheProfileReRunsTheScenarioKeepingThePlayhead() {
        RunViewModel vm = loaded("syn-timeout");
        vm.seekMs(5000);
        vm.profileProperty().set("windows-xp");
        assertTrue(vm.rerun());
        // XP: the client gives up at 21 s; the server's half-open connection, born at 100 ms, at 21.1 s.
        assertEquals(21_100.0, vm.endMsProperty().get(), 1.0);
        assertEquals(5_000_000, vm.timeUs());
    }

    // ------------------------------------------------------------------ a segment's fate

    private static String fate(RunViewModel vm, Lang lang) {
        RunViewModel.Inspected in = vm.inspectedProperty().get();
        SeqNumbers n = new SeqNumbers(vm.timeline());
        List<SegmentInfo.Field> fields = SegmentInfo.describe(in.flight(), in.phase(), n.isnOwn(in.flight().id()),
                n.isnPeer(in.flight().id()), lang);
        return fields.get(fields.size() - 1).value();
    }

    @Test
    void aSegmentTheUserDropsIsLostWhereAndWhenTheClickCaughtIt() {
        RunViewModel vm = loaded("handshake");
        vm.seekMs(59.3); // the SYN left at 0 ms for a 100 ms trip
        long synId = vm.timeline().flights().get(0).id();
        assertTrue(vm.dropInFlight(synId));
        Timeline.Flight syn = vm.timeline().flight(synId);
        assertEquals(59_300, syn.endUs(), "lost at the click, not when it was sent");
        assertEquals(TraceEvent.DropReason.USER, syn.dropReason());
        assertEquals(0.593, syn.reached(), 1e-9, "59.3 % of the way across");
        assertEquals(59_300, vm.timeUs(), "the playhead stays");
        assertEquals(RunViewModel.Phase.ENDED, vm.inspectedProperty().get().phase(), "the inspector knows at once");
        assertEquals("dropped by you at 59.3 ms", fate(vm, Lang.EN));
        assertEquals("被你在 59.3 ms 丢弃", fate(vm, Lang.ZH));
    }

    @Test
    void steppingBackBeforeTheClickShowsTheDroppedSegmentStillInFlight() {
        RunViewModel vm = loaded("handshake");
        vm.seekMs(59.3);
        long synId = vm.timeline().flights().get(0).id();
        vm.dropInFlight(synId);
        vm.seekMs(30);
        assertEquals(RunViewModel.Phase.IN_FLIGHT, vm.inspectedProperty().get().phase());
        assertEquals("in flight", fate(vm, Lang.EN));
        vm.seekMs(60);
        assertEquals("dropped by you at 59.3 ms", fate(vm, Lang.EN));
    }

    @Test
    void aScenarioRuleLosesItsSegmentHalfWayAtThatRealTime() {
        RunViewModel vm = loaded("syn-timeout"); // every SYN-ACK to the client is lost; 100 ms link
        Timeline.Flight synAck = vm.timeline().flights().stream()
                .filter(f -> f.send().segment().flagText().equals("SYN,ACK")).findFirst().orElseThrow();
        assertEquals(100_000, synAck.startUs());
        assertEquals(150_000, synAck.endUs(), "lost half-way, 50 ms after it left");
        assertEquals(0.5, synAck.reached(), 1e-9);
        assertEquals(TraceEvent.DropReason.RULE, synAck.dropReason());
        vm.selectSegment(synAck.id());
        vm.seekMs(120);
        assertEquals("in flight", fate(vm, Lang.EN), "its loss is not told before it happens");
        vm.seekMs(150);
        assertEquals("lost at 150.0 ms by the scenario's drop rule", fate(vm, Lang.EN));
        assertEquals("在 150.0 ms 被场景的丢弃规则丢掉", fate(vm, Lang.ZH));
        assertTrue(vm.eventsOfCurrentStep().stream().anyMatch(e -> e instanceof TraceEvent.SegmentEvent se
                && se.action() == TraceEvent.SegmentAction.DROP && se.id() == synAck.id()),
                "the trace (and the event list) drops it at that same step");
    }

    @Test
    void randomLossHappensOnTheLinkHalfWayToo() {
        RunViewModel vm = loaded("data");
        vm.lossProperty().set(0.3);
        assertTrue(vm.rerun());
        Timeline.Flight lost = vm.timeline().flights().stream()
                .filter(f -> f.dropReason() == TraceEvent.DropReason.LOSS).findFirst().orElseThrow();
        assertEquals(lost.startUs() + vm.timeline().delayUs() / 2, lost.endUs());
        vm.selectSegment(lost.id());
        vm.seekStep(lost.endStep());
        assertTrue(fate(vm, Lang.EN).startsWith("lost at ") && fate(vm, Lang.EN).endsWith(" by random loss on the link"),
                fate(vm, Lang.EN));
    }

    @Test
    void theInspectorTellsTheArrivalOnlyOnceThePlayheadHasPassedIt() {
        RunViewModel vm = loaded("handshake");
        vm.seekMs(50);
        vm.selectSegment(vm.timeline().flights().get(0).id());
        assertEquals("in flight", fate(vm, Lang.EN));
        vm.seekMs(150);
        assertEquals("arrived at 100.0 ms on server", fate(vm, Lang.EN));
        vm.seekMs(50);
        assertEquals("in flight", fate(vm, Lang.EN));
    }

    @Test
    void aLessonsDropIsTheLessonsAtTheLessonsTime() throws Exception {
        LessonRun run = LessonRun.of(LessonLoader.load(java.nio.file.Path.of("lessons/lost-synack.yaml")));
        LessonRun.Frame f = run.frames().get(0);
        Timeline.Flight synAck = f.timeline().flight(2);
        assertEquals(150_000, synAck.endUs(), "half-way along the 100 ms link");
        RunViewModel vm = new RunViewModel();
        vm.show(f.timeline(), synAck.endStep(), "lost-synack");
        vm.selectSegment(synAck.id());
        assertEquals("lost at 150.0 ms: the lesson drops it", fate(vm, Lang.EN));
    }

    // ------------------------------------------------------------------ what the diagram follows

    @Test
    void theDiagramSaysItShowsTheListenerUntilTheServersConnectionIsBorn() {
        RunViewModel vm = loaded("handshake");
        vm.langProperty().set(Lang.EN);
        vm.seekStep(2); // listen, connect: the SYN is on its way
        assertTrue(vm.followedProperty().get().b().listener());
        assertEquals("server: listener 0.0.0.0:80", vm.sideName(false));
        assertEquals("client 10.0.0.1:59058 \u2194 10.0.0.2:80", vm.sideName(true));
        vm.seekMs(100); // the SYN arrives
        assertEquals("server 10.0.0.2:80 \u2194 10.0.0.1:59058", vm.sideName(false));
        vm.langProperty().set(Lang.ZH);
        vm.seekStep(2);
        assertEquals("server:监听套接字 0.0.0.0:80", vm.sideName(false));
    }

    @Test
    void atTheEndOfSynTimeoutTheServersConnectionIsShownGoneNotTheListener() {
        RunViewModel vm = loaded("syn-timeout");
        vm.langProperty().set(Lang.EN);
        vm.seekMs(vm.endMsProperty().get());
        assertEquals(TcpState.CLOSED, vm.stateBProperty().get());
        assertFalse(vm.followedProperty().get().b().listener());
        assertEquals("server 10.0.0.2:80 \u2194 10.0.0.1:59058, gone from netstat", vm.sideName(false));
    }

    @Test
    void beforeTheRealClientComesTheDiagramFollowsTheNewestForgedConnection() {
        RunViewModel vm = loaded("syn-flood-cookies");
        vm.langProperty().set(Lang.EN);
        vm.seekMs(1500);
        assertEquals(TcpState.SYN_RECEIVED, vm.stateBProperty().get(), "as the ladder shows, not the listener");
        assertTrue(vm.sideName(true).endsWith("a forged address, no such host"), vm.sideName(true));
        vm.seekMs(vm.endMsProperty().get());
        assertTrue(vm.sideName(true).startsWith("client "), "the real client's connection once it exists");
    }

    @Test
    void aRefusedConnectionsServerSideSaysNothingListens() {
        RunViewModel vm = loaded("refused");
        vm.langProperty().set(Lang.EN);
        vm.seekMs(100);
        assertNull(vm.stateBProperty().get());
        assertEquals("server: nothing listens on port 8080", vm.sideName(false));
    }

    // ------------------------------------------------------------------ the rest of the screen

    @Test
    void theEventListWritesSequenceNumbersAsTheLadderDoes() {
        RunViewModel vm = loaded("handshake");
        Timeline tl = vm.timeline();
        long isn = Integer.toUnsignedLong(tl.flights().get(0).send().segment().seq());
        List<String> relative = EventRow.of(tl, Lang.EN, false).stream().map(EventRow::text).collect(Collectors.toList());
        List<String> absolute = EventRow.of(tl, Lang.EN, true).stream().map(EventRow::text).collect(Collectors.toList());
        assertTrue(relative.stream().anyMatch(t -> t.contains("sends #1 SYN seq=0 len=0")), relative.toString());
        assertTrue(relative.stream().anyMatch(t -> t.contains("receives #2 SYN,ACK seq=0 ack=1 len=0")), relative.toString());
        assertTrue(absolute.stream().anyMatch(t -> t.contains("sends #1 SYN seq=" + isn + " len=0")), absolute.toString());
    }

    @Test
    void theEventListDropsALostSegmentAtItsLossTimeAndNamesTheRule() {
        RunViewModel vm = loaded("syn-timeout");
        EventRow drop = EventRow.of(vm.timeline(), Lang.EN, false).stream()
                .filter(r -> r.text().startsWith("#2 ")).findFirst().orElseThrow();
        assertEquals(150_000, drop.timeUs());
        assertEquals("#2 SYN,ACK seq=0 ack=1 len=0: dropped by the rule at syn-timeout.yaml:18", drop.text());
    }

    @Test
    void playAtTheEndPlaysFromTheBeginning() {
        RunViewModel vm = loaded("handshake");
        vm.seekMs(vm.endMsProperty().get());
        assertTrue(vm.atEndProperty().get());
        vm.play();
        assertTrue(vm.playingProperty().get());
        assertEquals(0, vm.step());
        assertEquals(0, vm.timeUs());
    }
}
