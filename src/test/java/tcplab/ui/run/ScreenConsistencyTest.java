package tcplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tcplab.i18n.Lang;
import tcplab.lesson.LessonLoader;
import tcplab.lesson.LessonRun;
import tcplab.netstat.HostTable;
import tcplab.netstat.SocketRow;
import tcplab.sim.Host;
import tcplab.sim.ScenarioLoader;
import tcplab.sim.Simulation;
import tcplab.sim.Sock;
import tcplab.sim.Timeline;
import tcplab.tcp.TcpState;

/**
 * The screen never contradicts itself: at every step of every built-in scenario and of every
 * lesson's runs, each state the state diagram shows is the state of the socket it says it
 * follows, that socket is one the ladder highlights, and the host's netstat lists it in that
 * state; or it is CLOSED, gone from netstat, and the legend says so.
 */
class ScreenConsistencyTest {

    @TestFactory
    Stream<DynamicTest> everyStepOfEveryBuiltInScenarioAgreesWithNetstat() {
        return ScenarioLoader.BUILTIN.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            RunViewModel vm = new RunViewModel();
            vm.langProperty().set(Lang.EN);
            assertTrue(vm.load(name), vm.errorProperty().get());
            int checked = everyStep(vm, name);
            assertTrue(checked > 0, name + ": the diagram showed something");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyStepOfEveryLessonAgreesWithNetstat() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("lessons"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() >= 13, "the lessons are there");
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            LessonRun run = LessonRun.of(LessonLoader.load(p));
            RunViewModel vm = new RunViewModel();
            vm.langProperty().set(Lang.EN);
            // Each frame exactly as the lesson pane shows it, then every step of each run the
            // lesson makes (a drop records a new one), as Next/Back and the scrubber reach them.
            Map<Timeline, Boolean> runs = new IdentityHashMap<>();
            for (LessonRun.Frame f : run.frames()) {
                vm.show(f.timeline(), f.simStep(), run.lesson().id());
                check(vm, p.getFileName() + " frame " + f.index());
                runs.put(f.timeline(), true);
            }
            for (Timeline tl : runs.keySet()) {
                vm.show(tl, 0, run.lesson().id());
                everyStep(vm, p.getFileName().toString());
            }
        }));
    }

    /** Walks the loaded run from its start to its end, checking each step; returns how many sides were checked. */
    private static int everyStep(RunViewModel vm, String what) {
        int checked = 0;
        vm.seekStep(0);
        checked += check(vm, what + " step 0");
        while (vm.step() < vm.timeline().steps()) {
            vm.seekStep(vm.step() + 1);
            checked += check(vm, what + " step " + vm.step());
        }
        return checked;
    }

    private static int check(RunViewModel vm, String where) {
        RunViewModel.Followed followed = vm.followedProperty().get();
        assertNotNull(followed, where);
        // The diagram draws stateA/stateB: they are the followed sides' states.
        assertEquals(followed.a() == null ? null : followed.a().state(), vm.stateAProperty().get(), where + ": side A");
        assertEquals(followed.b() == null ? null : followed.b().state(), vm.stateBProperty().get(), where + ": side B");
        int checked = 0;
        for (boolean sideA : new boolean[] {true, false}) {
            RunViewModel.Shown shown = sideA ? followed.a() : followed.b();
            if (shown == null) {
                continue;
            }
            checked++;
            String at = where + ", side " + (sideA ? "A" : "B") + " (" + vm.sideName(sideA) + ")";
            inLadder(vm.connectionProperty().get(), shown, at);
            inSimulation(vm.simulationProperty().get(), vm.sideName(sideA), shown, at);
        }
        return checked;
    }

    /** The ladder highlights the connection the view model follows: the shown socket is part of it. */
    private static void inLadder(RunViewModel.Connection c, RunViewModel.Shown shown, String at) {
        assertNotNull(c, at);
        int id = shown.side().socketId();
        boolean part = (c.a() != null && c.a().socketId() == id) || (c.b() != null && c.b().socketId() == id)
                || c.listenerId() == id;
        assertTrue(part, at + ": socket " + id + " is not the connection the ladder highlights, " + c);
        assertEquals(shown.listener(), c.listenerId() == id, at + ": shown as the listener exactly when it is one");
    }

    private static void inSimulation(Simulation sim, String legend, RunViewModel.Shown shown, String at) {
        RunViewModel.Side side = shown.side();
        Host host = sim.host(side.host());
        assertNotNull(host, at);
        Sock sock = null;
        for (Sock s : host.sockets()) {
            if (s.id() == side.socketId()) {
                sock = s;
            }
        }
        List<SocketRow> rows = HostTable.rows(host);
        if (shown.gone()) {
            // Gone: the simulation has deleted it (or is deleting it), netstat does not list it,
            // and the legend says so rather than leave the class looking for it.
            assertTrue(sock == null || sock.state() == TcpState.CLOSED, at + ": shown CLOSED but the socket is " + sock);
            assertTrue(legend.contains("gone from netstat"), at + ": the legend says it is gone");
            return;
        }
        if (sock == null) {
            fail(at + ": shown " + shown.state() + " but the host has no such socket");
        }
        assertEquals(shown.state(), sock.state(), at + ": the diagram and the simulation");
        tcplab.netstat.Endpoint local = tcplab.netstat.Endpoint.of(sock.local().addressText(), sock.local().port());
        tcplab.netstat.Endpoint foreign = sock.remote() == null ? tcplab.netstat.Endpoint.anyPort("0.0.0.0")
                : tcplab.netstat.Endpoint.of(sock.remote().addressText(), sock.remote().port());
        List<String> seen = new ArrayList<>();
        boolean listed = false;
        for (SocketRow r : rows) {
            seen.add(r.local() + " " + r.foreign() + " " + r.state());
            listed |= r.local().equals(local) && r.foreign().equals(foreign) && r.state() == shown.state();
        }
        assertTrue(listed, at + ": netstat lists " + seen);
        // The legend names the very socket: its addresses, or the listener's.
        String tuple = shown.listener() ? "listener " + side.local() : side.local() + " \u2194 " + side.remote();
        assertTrue(legend.contains(tuple), at + ": the legend names " + tuple);
        assertEquals(side.local(), sock.local(), at);
    }
}
