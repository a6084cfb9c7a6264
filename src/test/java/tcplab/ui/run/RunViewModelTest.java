package tcplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
}
