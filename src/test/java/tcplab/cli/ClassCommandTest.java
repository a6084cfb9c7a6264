package tcplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcplab.quiz.live.StudentClient;

/** {@code tcplab class --headless}: the teacher types commands, students answer over HTTP. */
class ClassCommandTest {
    @TempDir
    Path dir;

    /** A synchronized buffer the command writes to while the test reads it. */
    private static final class Screen extends StringWriter {
        @Override
        public synchronized void write(String s, int off, int len) {
            super.write(s, off, len);
        }

        @Override
        public synchronized String toString() {
            return super.toString();
        }

        String waitFor(Pattern p) throws InterruptedException {
            long end = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < end) {
                Matcher m = p.matcher(toString());
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
                Thread.sleep(20);
            }
            throw new AssertionError("never printed " + p + ":\n" + this);
        }
    }

    @Test
    void aTeacherPushesRevealsAndEnds_fromStandardInput_whileStudentsAnswerInTheirBrowsers() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        InputStream stdin = new PipedInputStream(keys, 4096);
        InputStream old = System.in;
        System.setIn(stdin);
        Screen out = new Screen();
        StringWriter err = new StringWriter();
        Path csv = dir.resolve("class.csv");
        CompletableFuture<Integer> exit;
        try {
            exit = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"class", "--headless", "--bind", "127.0.0.1",
                    "--port", "0", "--seed", "7", "--questions", "2", "--topic", "states", "--lang", "en", "--results",
                    dir.resolve("results.json").toString(), "--csv", csv.toString()}, new PrintWriter(out, true),
                    new PrintWriter(err, true)));
            String join = out.waitFor(Pattern.compile("(?m)^join: (\\S+)$"));
            String code = out.waitFor(Pattern.compile("(?m)^code: (\\d+)$"));
            assertTrue(join.startsWith("http://127.0.0.1:"), join);
            List<StudentClient> students = List.of(new StudentClient(join), new StudentClient(join), new StudentClient(join));
            String[] names = {"小明", "Li Lei", "Ana"};
            for (int i = 0; i < 3; i++) {
                assertEquals(200, students.get(i).join(names[i], code).statusCode());
            }
            out.waitFor(Pattern.compile("\\(3 joined\\)"));
            type(keys, "next");
            out.waitFor(Pattern.compile("Question 1/2"));
            for (StudentClient s : students) {
                assertEquals(200, s.answer(1, "0").statusCode());
            }
            type(keys, "status");
            out.waitFor(Pattern.compile("answered 3 / 3 \\(open\\)"));
            type(keys, "reveal");
            out.waitFor(Pattern.compile("Answer: [A-D]\\) "));
            assertTrue(Files.exists(csv), "the CSV is written at the reveal, not only at the end");
            type(keys, "who");
            out.waitFor(Pattern.compile("3 joined: "));
            type(keys, "remove Ana");
            out.waitFor(Pattern.compile("Removed Ana\\."));
            type(keys, "dance");
            out.waitFor(Pattern.compile("unknown command 'dance'"));
            type(keys, "end");
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        } finally {
            System.setIn(old);
        }
        String screen = out.toString();
        assertTrue(screen.contains("Session ended after 1 question."), screen);
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(4, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(1).startsWith("小明,1,7-1,"), rows.get(1));
        assertEquals("", err.toString());
    }

    @Test
    void wrongValues_areUsageErrors_withExitCode2() {
        StringWriter err = new StringWriter();
        assertEquals(2, Main.run(new String[] {"class", "--headless", "--questions", "0"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true)));
        assertTrue(err.toString().contains("--questions must be between 1 and 1000"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, Main.run(new String[] {"class", "--headless", "--bind", "203.0.113.77"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err2, true)));
        assertTrue(err2.toString().contains("not an address of this machine"), err2.toString());
    }

    private static void type(PipedOutputStream keys, String line) throws IOException {
        keys.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }
}
