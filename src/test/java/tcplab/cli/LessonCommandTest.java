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
        assertTrue(out.toString().contains("13 lessons: 13 ok, 0 failed"), out.toString());
    }

    @Test
    void checkFailsWithFileLineMessagesOnBrokenLessons() {
        assertEquals(1, run("lesson", "check", "src/test/resources/lessons/broken", "--lang", "en"));
        assertTrue(err.toString().contains("unknown-key.yaml:7: unknown key 'actoins'"), err.toString());
        assertTrue(out.toString().contains("5 lessons: 0 ok, 5 failed"), out.toString());
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
        // Step 1; Enter; answer 2 (SYN_SENT, right); Enter; answer 1 (ACK, wrong); b back to step 2; q.
        LessonCommand.stdin = new ByteArrayInputStream("\n2\n\n1\nb\nq\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run("lesson", "run", "handshake", "--lang", "en"), err.toString());
        String o = out.toString();
        assertTrue(o.contains("--- Step 1/5"), o);
        assertTrue(o.contains("Right: SYN_SENT."), o);
        assertTrue(o.contains("Not quite: you said ACK; the simulation shows SYN,ACK."), o);
        assertTrue(o.contains("|------------ SYN seq=0 len=0 ------------->|  #1 still in flight"), o);
        int back = o.lastIndexOf("--- Step 2/5");
        assertTrue(back > o.indexOf("--- Step 3/5"), "b went back to step 2");
    }

    @Test
    void anUnknownLessonIsAUsageError() {
        assertEquals(2, run("lesson", "run", "nope", "--lang", "en"));
        assertTrue(err.toString().contains("there is no lesson 'nope'"), err.toString());
    }
}
