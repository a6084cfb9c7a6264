package tcplab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tcplab.i18n.Lang;
import tcplab.i18n.Problem;

/** Every file of lessons/ loads, validates and runs to its end; every broken file says file:line what is wrong. */
class LessonFilesTest {
    private static final Path LESSONS = Path.of("lessons");
    private static final Path BROKEN = Path.of("src/test/resources/lessons/broken");

    @TestFactory
    Stream<DynamicTest> everyLessonLoadsAndRunsToItsEnd() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(LESSONS)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() >= 15, "at least 15 lessons, found " + files.size());
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            LessonLoader.Loaded l = LessonLoader.check(p);
            assertTrue(l.ok(), () -> l.problems().stream().map(x -> x.format(Lang.EN)).collect(Collectors.joining("\n")));
            LessonRun run = LessonRun.of(l.lesson());
            assertEquals(l.lesson().steps().size(), run.frames().size());
            for (Lang lang : Lang.values()) {
                assertTrue(!l.lesson().title(lang).isBlank() && !l.lesson().summary(lang).isBlank());
                for (Lesson.Step st : l.lesson().steps()) {
                    assertTrue(!st.narration(lang).isBlank(), "narration of the step at line " + st.line());
                }
            }
            for (int i = 0; i < run.frames().size(); i++) {
                if (l.lesson().steps().get(i).checkpoint() != null) {
                    assertTrue(run.frames().get(i).answer() != null, "checkpoint answer computed");
                }
            }
        }));
    }

    @Test
    void theFolderLoadsAsAWholeInOrder() throws IOException {
        List<LessonLoader.Loaded> all = LessonLoader.checkDir(LESSONS);
        assertEquals("ports", all.get(0).lesson().id());
        assertEquals("state-diagram", all.get(all.size() - 1).lesson().id());
    }

    private static String only(String file) {
        LessonLoader.Loaded l = LessonLoader.check(BROKEN.resolve(file));
        assertTrue(!l.problems().isEmpty(), file + " should fail");
        return l.problems().stream().map(p -> p.format(Lang.EN)).collect(Collectors.joining("\n"));
    }

    @Test
    void anUnknownKeyIsReportedWithItsLineAndTheKeyMeant() {
        String m = only("unknown-key.yaml");
        assertTrue(m.startsWith(BROKEN.resolve("unknown-key.yaml") + ":7: unknown key 'actoins' in steps; did you mean 'actions'?"), m);
    }

    @Test
    void aMissingTranslationIsReported() {
        String m = only("missing-zh.yaml");
        assertTrue(m.contains("missing-zh.yaml:7: 'narration' has no 'zh' text"), m);
    }

    @Test
    void aStateThatDoesNotExistIsReportedWithTheNearestName() {
        String m = only("bad-state.yaml");
        assertTrue(m.contains("bad-state.yaml:8: there is no TCP state 'SYN_SEND'; did you mean SYN_SENT?"), m);
    }

    @Test
    void anExpectationThatDoesNotHoldIsReportedAtItsLine() {
        String m = only("expect-fails.yaml");
        assertTrue(m.contains("expect-fails.yaml:10: expected the number of client's sockets in ESTABLISHED after step 1 to be ≥ 1, but it is 0"), m);
    }

    @Test
    void aCheckpointAnswerTheSimulationContradictsIsReported() {
        String m = only("wrong-answer.yaml");
        assertTrue(m.contains("wrong-answer.yaml:13: the answer 'ESTABLISHED' is wrong: in the simulation the answer is SYN_SENT"), m);
    }

    @Test
    void aCheckpointWithoutASetupTextIsReported() {
        String m = only("setup-without-question.yaml");
        assertTrue(m.contains("setup-without-question.yaml:10: 'setup' is missing; add a line like: setup: {en: ..., zh: ...}"), m);
    }

    @Test
    void aSetupTextWithoutAQuestionIsReported() {
        String m = only("setup-without-question.yaml");
        assertTrue(m.contains("setup-without-question.yaml:7: 'setup' is the text shown with a checkpoint's question, and this step has no checkpoint"), m);
    }

    @Test
    void aQuestionAboutATableShownOnlyWithTheAnswerIsReported() {
        // The paste comes in the step's actions, after the question: the class could not read it.
        String m = only("table-after-question.yaml");
        assertTrue(m.contains("table-after-question.yaml:12: line 5 of the table shown with the question (the one the step starts from)"
                + " is not a TCP socket line with a state"), m);
    }

    @Test
    void oneBrokenLessonNeverStopsTheOthers() throws IOException {
        List<LessonLoader.Loaded> all = LessonLoader.checkDir(BROKEN);
        assertEquals(7, all.size());
        for (LessonLoader.Loaded l : all) {
            for (Problem p : l.problems()) {
                assertTrue(p.line() > 0, p.toString());
            }
        }
    }

    @Test
    void backRestoresTheExactEarlierStep() throws Exception {
        LessonRun run = LessonRun.of(LessonLoader.load(LESSONS.resolve("lost-synack.yaml")));
        LessonRun.Frame f = run.frames().get(0);
        // The frame is a recorded timeline and a step: replaying it gives the same tables every time.
        String again = tcplab.netstat.HostTable.emit(f.timeline().replayTo(f.simStep()).host("server"), tcplab.netstat.Dialect.LINUX);
        assertEquals(f.table(), again);
        assertTrue(run.frames().get(1).timeline().flight(2).lost(), "the SYN-ACK was dropped by the lesson");
    }
}
