package tcplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LessonCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @AfterEach
    void restoreStdin() {
        LessonCommand.stdin = System.in;
    }

    @Test
    void checkPassesOnTheLessonsFolder() {
        assertEquals(0, run("lesson", "check", "--lang", "en"), err.toString());
        assertTrue(out.toString().contains("15 lessons: 15 ok, 0 failed"), out.toString());
    }

    @Test
    void checkFailsWithFileLineMessagesOnBrokenLessons() {
        assertEquals(1, run("lesson", "check", "src/test/resources/lessons/broken", "--lang", "en"));
        assertTrue(err.toString().contains("unknown-key.yaml:7: unknown key 'actoins'"), err.toString());
        assertTrue(out.toString().contains("7 lessons: 0 ok, 7 failed"), out.toString());
    }

    /**
     * Issue 15: one 75-byte lesson with a self-referencing alias used to overflow the stack and
     * stop list and check for every lesson (and empty the window's Lessons tab, which loads the
     * folder with the same {@code LessonLoader.loadDir}).
     */
    @Test
    void oneHostileLessonAmongTheOthersIsReportedAndTheOthersStillLoad(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        for (String id : java.util.List.of("handshake", "closing")) {
            java.nio.file.Files.copy(java.nio.file.Path.of("lessons", id + ".yaml"), dir.resolve(id + ".yaml"));
        }
        java.nio.file.Path loop = java.nio.file.Files.writeString(dir.resolve("loop.yaml"),
                "lesson: loop\ntitle: {en: x, zh: x}\nscenario: &s {hosts: {a: *s}}\nsteps: []\n");
        java.nio.file.Path deep = java.nio.file.Files.writeString(dir.resolve("deep.yaml"), "lesson: [" + "[".repeat(10_000) + "\n");
        assertEquals(1, run("lesson", "check", dir.toString(), "--lang", "en"));
        assertTrue(out.toString().contains("4 lessons: 2 ok, 2 failed"), out.toString());
        assertTrue(err.toString().contains(loop + ":3: anchors and aliases are not used in lesson files"), err.toString());
        assertTrue(err.toString().contains(deep + ":1: maps and lists nested more than 32 levels deep"), err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace");
        out.getBuffer().setLength(0);
        assertEquals(0, run("lesson", "list", "--dir", dir.toString(), "--lang", "zh"));
        assertTrue(out.toString().contains("三次握手") && out.toString().contains("closing"), out.toString());
        assertTrue(out.toString().contains("loop.yaml") && out.toString().contains("deep.yaml"), out.toString());
        java.util.List<tcplab.lesson.LessonLoader.Loaded> window = tcplab.lesson.LessonLoader.loadDir(dir);
        assertEquals(2, window.stream().filter(tcplab.lesson.LessonLoader.Loaded::ok).count(), "the Lessons tab lists both");
    }

    @Test
    void checkOfAFolderWithoutLessonsCheckedNothingAndSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertEquals(1, run("lesson", "check", dir.toString(), "--lang", "en"));
        assertEquals("tcplab: error: there are no .yaml lessons in " + dir + ": nothing was checked\n", err.toString());
    }

    @Test
    void checkTakesTheFolderWithDirAsListAndRunDoAndStillAsAnArgument() {
        assertEquals(1, run("lesson", "check", "--dir", "src/test/resources/lessons/broken", "--lang", "en"));
        assertEquals(0, run("lesson", "check", "--dir", "lessons", "--lang", "en"), err.toString());
        assertEquals(0, run("lesson", "check", "--dir=lessons", "lessons", "--lang", "en"), err.toString());
        assertEquals(2, run("lesson", "check", "--dir", "lessons", "src/test/resources/lessons/broken", "--lang", "en"));
    }

    @Test
    void checkOfAMissingFolderIsAUsageError() {
        assertEquals(2, run("lesson", "check", "no-such-folder", "--lang", "en"));
    }

    @Test
    void listShowsEveryLessonWithItsTitle() {
        assertEquals(0, run("lesson", "list", "--lang", "zh"));
        assertTrue(out.toString().contains("handshake") && out.toString().contains("三次握手"), out.toString());
    }

    @Test
    void runIsDrivenByTypedKeysAnswersAndBack() {
        // Step 1; Enter; answer 2 (SYN_SENT, right); Enter; answer 1 (ACK, wrong); b back to step 2; Enter: step 3 again; q.
        LessonCommand.stdin = new ByteArrayInputStream("\n2\n\n1\nb\n\nq\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run("lesson", "run", "handshake", "--lang", "en"), err.toString());
        String o = out.toString();
        assertTrue(o.contains("--- Step 1/5"), o);
        assertTrue(o.contains("Right: you chose “SYN_SENT”."), o);
        assertTrue(o.contains("Not quite: you chose “ACK”; the simulation shows “SYN,ACK”."), o);
        assertTrue(o.contains("|------------ SYN seq=0 len=0 ------------->|  #1 still in flight"), o);
        int back = o.lastIndexOf("--- Step 2/5");
        assertTrue(back > o.indexOf("--- Step 3/5"), "b went back to step 2");
        // Forward again: step 3 shows its answer instead of asking a second time.
        assertEquals(2, count(o, "Predict:"), o);
        assertTrue(o.lastIndexOf("--- Step 3/5") > back, o);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aQuestionShowsTheSetupAndTheTableBeforeTheStepNeverTheTableAfterItNorStateHints() {
        // netstat-reading step 7 asks about line 6 of the article's paste, shown in step 6.
        LessonCommand.stdin = new ByteArrayInputStream("q\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run("lesson", "run", "netstat-reading", "--step", "7", "--lang", "en"), err.toString());
        String o = out.toString();
        int predict = o.indexOf("Predict:");
        assertTrue(predict > 0, o);
        String asked = o.substring(0, predict);
        assertTrue(asked.contains(">  6 | TCP    fdlpw:2213             202.120.225.9:telnet   ESTABLISHED"), "the line asked about, marked: " + o);
        assertTrue(asked.contains("The same real output; now look at the marked line 6"), "the setup: " + o);
        assertTrue(!o.contains("Line 6 is ESTABLISHED"), "the narration comes after the answer: " + o);
        String choices = o.substring(predict);
        assertTrue(choices.contains("  2) ESTABLISHED") && !choices.contains("["), "no [STATE] hints after the choices: " + choices);
    }

    @Test
    void aSentenceChoiceIsListedAsItsSentenceAlone() {
        LessonCommand.stdin = new ByteArrayInputStream("3\nq\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run("lesson", "run", "netstat-reading", "--step", "2", "--lang", "zh"), err.toString());
        String o = out.toString();
        assertTrue(o.contains("  1) 本机的 135 端口敞开着,等待连接\n"), o);
        assertTrue(!o.contains("[LISTEN]"), o);
        assertTrue(o.contains("不对。你选的是“本机正在连接别人的 135 端口”,模拟的结果是“本机的 135 端口敞开着,等待连接”。"), o);
    }

    @Test
    void aStepOutsideTheLessonIsAUsageError() {
        assertEquals(2, run("lesson", "run", "handshake", "--step", "9", "--lang", "en"));
        assertTrue(err.toString().contains("--step 9: the lesson 'handshake' has steps 1 to 5"), err.toString());
    }

    @Test
    void answersAreSavedUnderTheLearnersNameAndExportedAsCsv(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path results = dir.resolve("results.json");
        LessonCommand.stdin = new ByteArrayInputStream("\n2\nq\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run("lesson", "run", "handshake", "--name", "小明", "--results", results.toString(), "--lang", "en"), err.toString());
        assertTrue(out.toString().contains("Saved 1 answer of 小明 to " + results), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("quiz", "results", "--results", results.toString(), "--lang", "en"), err.toString());
        assertTrue(out.toString().contains(",lesson,lesson:handshake:2,next_state,SYN_SENT,SYN_SENT,SYN_SENT,1"), out.toString());
    }

    @Test
    void anUnknownLessonIsAUsageError() {
        assertEquals(2, run("lesson", "run", "nope", "--lang", "en"));
        assertTrue(err.toString().contains("there is no lesson 'nope'"), err.toString());
    }
}
