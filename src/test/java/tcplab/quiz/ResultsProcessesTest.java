package tcplab.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several real processes saving to one results file at the same moment (issue 15: two
 * {@code tcplab quiz} both said "Saved" and the file kept one; 15 of 15 trials lost a learner):
 * every answer any of them saved is in the file. And a quiz killed mid-way keeps what it saved.
 */
class ResultsProcessesTest {
    @TempDir
    Path dir;

    private static ProcessBuilder java(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    private static String finish(Process p) throws Exception {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "process ended");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void fourProcessesSavingAtOnceLoseNoAnswer() throws Exception {
        Path results = dir.resolve("results.json");
        int processes = 4;
        int each = 40;
        List<Process> running = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            running.add(java(ResultsHammer.class.getName(), results.toString(), "learner" + i, Integer.toString(each)).start());
        }
        for (Process p : running) {
            String out = finish(p);
            assertEquals(0, p.exitValue(), out);
            assertEquals("saved " + each, out.strip());
        }
        ResultsStore.Loaded l = new ResultsStore(results).load();
        for (int i = 0; i < processes; i++) {
            List<String> ids = l.of("learner" + i).stream().map(Attempt::questionId).toList();
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < each; k++) {
                expected.add("learner" + i + "-" + k);
            }
            assertEquals(expected, ids, "every answer of learner" + i + ", in order");
        }
    }

    @Test
    void threeQuizzesFinishingAtOnceAllKeepTheirResults() throws Exception {
        Path results = dir.resolve("results.json");
        List<Process> quizzes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Process p = java("tcplab.cli.Main", "quiz", "--count", "4", "--seed", Integer.toString(i + 1), "--name", "learner" + i,
                    "--results", results.toString(), "--lang", "en").start();
            quizzes.add(p);
        }
        // The answers go in together: the four saves of each quiz race the others'.
        for (Process p : quizzes) {
            try (OutputStream keys = p.getOutputStream()) {
                keys.write("A\nB\nA\nB\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        for (int i = 0; i < 3; i++) {
            String out = finish(quizzes.get(i));
            assertEquals(0, quizzes.get(i).exitValue(), out);
            assertTrue(out.contains("Saved for learner" + i + " in " + results), out);
        }
        ResultsStore.Loaded l = new ResultsStore(results).load();
        for (int i = 0; i < 3; i++) {
            assertEquals(4, l.of("learner" + i).size(), "learner" + i + " saw Saved");
        }
    }

    @Test
    void aQuizKilledMidWayKeepsEveryAnswerGivenBeforeTheQuestionOnScreen() throws Exception {
        Path results = dir.resolve("results.json");
        Process p = java("tcplab.cli.Main", "quiz", "--count", "5", "--seed", "7", "--name", "ana", "--results", results.toString(),
                "--lang", "en").start();
        try {
            OutputStream keys = p.getOutputStream();
            keys.write("A\nB\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (answers(results) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(2, answers(results));
        } finally {
            p.destroy(); // SIGTERM, as a closed terminal or Ctrl-C ends it
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(2, answers(results), "both answers kept, the file whole");
    }

    private static int answers(Path results) throws IOException {
        return Files.exists(results) ? new ResultsStore(results).load().of("ana").size() : 0;
    }
}
