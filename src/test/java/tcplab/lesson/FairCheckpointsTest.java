package tcplab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tcplab.i18n.Lang;
import tcplab.sim.Host;
import tcplab.sim.Simulation;
import tcplab.sim.Sock;
import tcplab.sim.Timeline;
import tcplab.sim.TraceEvent;
import tcplab.tcp.Flags;
import tcplab.tcp.TcpState;

/**
 * Every checkpoint of every lesson is a fair question: what it names is in the frame shown with
 * it, and its answer is not (the frame is the one before the answer, the narration that reveals
 * it is not shown, nor the highlights that point at it, and the setup and question do not say it).
 */
class FairCheckpointsTest {

    @TestFactory
    Stream<DynamicTest> everyCheckpointOfEveryLessonIsFair() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("lessons"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : files) {
            LessonRun run;
            try {
                run = LessonRun.of(LessonLoader.load(p));
            } catch (tcplab.i18n.ProblemException e) {
                throw new AssertionError(e.format(Lang.EN));
            }
            List<Lesson.Step> steps = run.lesson().steps();
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).checkpoint() == null) {
                    continue;
                }
                int step = i;
                for (Lang lang : Lang.values()) {
                    tests.add(DynamicTest.dynamicTest(run.lesson().id() + " step " + (i + 1) + " " + lang,
                            () -> fair(run, step, lang)));
                }
            }
        }
        assertTrue(tests.size() >= 2 * 23, "the lessons' checkpoints, in both languages: " + tests.size());
        return tests.stream();
    }

    private static void fair(LessonRun run, int i, Lang lang) {
        LessonViewModel vm = new LessonViewModel(run, lang);
        vm.goTo(i);
        Lesson.Checkpoint cp = vm.checkpoint();
        String answer = run.frames().get(i).answer();
        LessonRun.Frame shown = vm.frame();
        String where = run.lesson().id() + " step " + (i + 1) + ": ";

        // Asked before the answer: the frame the step starts from, no narration, no highlights.
        assertEquals(LessonViewModel.Phase.QUESTION, vm.phase());
        assertEquals(run.before(i).simStep(), shown.simStep(), where + "the frame shown is the one before the step");
        assertEquals("", vm.narration(), where + "the narration that reveals the answer is not shown");
        assertFalse(vm.highlighted(), where + "the highlights point at the answer");
        assertFalse(vm.setup().isBlank(), where + "a setup text is shown with the question");

        // What the question names is on screen.
        Simulation sim = shown.timeline().replayTo(shown.simStep());
        if (cp.host() != null) {
            assertTrue(ladderHosts(shown).contains(cp.host()), where + cp.host() + " is a column of the ladder");
        }
        if (cp.kind() == Lesson.CheckKind.LINE) {
            List<LessonViewModel.TableLine> lines = vm.tableLines();
            assertTrue(cp.netstatLine() <= lines.size() && lines.get(cp.netstatLine() - 1).marked(),
                    where + "the line asked about is in the table shown, marked");
            assertTrue(vm.referencedLines().stream().anyMatch(l -> l.number() == cp.netstatLine()),
                    where + "and among the lines the presenter shows");
        }
        if (cp.kind() == Lesson.CheckKind.NEXT_STATE && cp.port() != 0) {
            // In the table shown, or (a socket not opened yet) said by the setup read with the question.
            assertTrue(shown.table().contains(":" + cp.port()) || vm.setup().contains(Integer.toString(cp.port())),
                    where + "port " + cp.port() + " asked about is in the table shown or in the setup");
        }

        // The answer is not on screen.
        switch (cp.kind()) {
            case NEXT_STATE -> {
                TcpState s = TcpState.valueOf(answer);
                if (s != TcpState.CLOSED) {
                    assertFalse(hasState(sim, cp.host(), cp.port(), s),
                            where + "no socket of " + cp.host() + " is shown in " + s + " before the answer");
                } else {
                    assertTrue(hasSocketOn(sim, cp.host(), cp.port()), where + "the socket is still there before the answer");
                }
                assertNotSaid(where, vm, s.name(), s.name().replace('_', '-'));
            }
            case NEXT_SEGMENT -> {
                int revealed = revealingSend(run, i, cp, answer);
                assertTrue(revealed > shown.simStep(), where + "the segment answered is sent after the frame shown");
                assertNotSaid(where, vm, answer, answer.replace(',', '-'), Flags.format(Flags.parse(answer)).replace(",", ", "));
            }
            case LINE -> {
                // The line itself shows the state (reading it is the exercise); what explains it, the
                // narration, is not shown (checked above).
            }
        }
        // The teacher's notes are for the teacher: views decide where; they never hold the answer to
        // an open question.
        if (cp.kind() != Lesson.CheckKind.LINE) {
            assertNotSaid(where + "(notes) ", vm.notes(), answer);
        }
    }

    private static void assertNotSaid(String where, LessonViewModel vm, String... words) {
        assertNotSaid(where, vm.setup() + "\n" + vm.question(), words);
    }

    /** {@code words} as whole words (SYN is not said by SYN-ACK, nor CLOSED by closed_ports). */
    private static void assertNotSaid(String where, String text, String... words) {
        String t = text.toUpperCase(Locale.ROOT);
        for (String w : words) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(
                    "(?<![A-Z0-9_,-])" + java.util.regex.Pattern.quote(w.toUpperCase(Locale.ROOT)) + "(?![A-Z0-9_,-])");
            assertFalse(p.matcher(t).find(), where + "'" + w + "' is the answer, and the text says it: " + text);
        }
    }

    private static List<String> ladderHosts(LessonRun.Frame f) {
        List<String> out = new ArrayList<>();
        for (Host h : f.timeline().replayTo(0).hosts()) {
            out.add(h.name());
        }
        return out;
    }

    private static boolean hasState(Simulation sim, String host, int port, TcpState s) {
        Host h = sim.host(host);
        for (Sock k : h.sockets()) {
            if (k.state() == s && (port == 0 || k.local().port() == port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSocketOn(Simulation sim, String host, int port) {
        Host h = sim.host(host);
        for (Sock k : h.sockets()) {
            if (k.state() != TcpState.CLOSED && (port == 0 || k.local().port() == port)) {
                return true;
            }
        }
        return false;
    }

    /** The simulation step at which the segment that answers the question is sent. */
    private static int revealingSend(LessonRun run, int i, Lesson.Checkpoint cp, String answer) {
        LessonRun.Frame f = run.frames().get(i);
        for (Timeline.Entry e : f.timeline().entriesUpTo(f.simStep())) {
            if (e.step() > run.before(i).simStep() && e.event() instanceof TraceEvent.SegmentEvent s
                    && s.action() == TraceEvent.SegmentAction.SEND && (cp.host() == null || s.host().equals(cp.host()))
                    && Flags.format(s.segment().flags()).equals(answer)) {
                return e.step();
            }
        }
        throw new AssertionError("no segment answers the question");
    }
}
