package tcplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tcplab quiz}: the jsonl shape, exit codes, and a scripted practice and exam. */
class QuizCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
    }

    static Run run(String stdin, String... args) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(old);
        }
    }

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            k.add(it.next());
        }
        return k;
    }

    @Test
    void generate_printsOneObjectPerLine_nextStateWithExactlyTheIssuesFields() throws Exception {
        Run r = run("", "quiz", "generate", "--count", "200", "--seed", "1", "--format", "jsonl", "--lang", "en");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(200, lines.length);
        int nextStates = 0;
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            List<String> k = keys(n);
            assertEquals(List.of("id", "type", "prompt", "options", "answer"), k.subList(0, 5), line);
            assertTrue(k.contains("explanation"));
            boolean answerIsOption = false;
            for (JsonNode o : n.get("options")) {
                answerIsOption |= o.asText().equals(n.get("answer").asText());
            }
            assertTrue(answerIsOption, line);
            if (n.get("type").asText().equals("next_state")) {
                nextStates++;
                List<String> expected = new java.util.ArrayList<>(List.of("id", "type", "prompt", "options", "answer",
                        "from_state", "event"));
                if (n.has("subject")) {
                    expected.add("subject"); // asked about the connection a listener made
                }
                expected.addAll(List.of("explanation", "feedback"));
                assertEquals(expected, k);
                // Why each wrong option is wrong, keyed by the option.
                assertEquals(n.get("options").size() - 1, n.get("feedback").size(), line);
                assertTrue(n.get("from_state").asText().matches("[A-Z_12]+"));
            }
        }
        assertTrue(nextStates > 10);
    }

    @Test
    void generate_sameSeedSameOutput_otherSeedOtherOutput() {
        Run a = run("", "quiz", "generate", "--count", "20", "--seed", "42", "--lang", "zh");
        Run b = run("", "quiz", "generate", "--count", "20", "--seed", "42", "--lang", "zh");
        Run c = run("", "quiz", "generate", "--count", "20", "--seed", "43", "--lang", "zh");
        assertEquals(a.out(), b.out());
        assertFalse(a.out().equals(c.out()));
    }

    @Test
    void badValues_exitWithTwo() {
        assertEquals(2, run("", "quiz", "generate", "--count", "0", "--lang", "en").code());
        assertEquals(2, run("", "quiz", "generate", "--format", "xml", "--lang", "en").code());
        Run r = run("", "quiz", "--topic", "nonsense", "--lang", "en");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown topic 'nonsense'"), r.err());
        assertEquals(2, run("", "quiz", "--difficulty", "extreme", "--lang", "en").code());
        assertEquals(2, run("", "quiz", "--time-limit", "30", "--lang", "en").code());
        assertEquals(2, run("", "quiz", "--exam", "--classroom", "--lang", "en").code());
        assertEquals(2, run("", "quiz", "--count", "x", "--lang", "en").code());
    }

    @Test
    void practice_readsPipedAnswers_givesFeedback_andSavesResults(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("r.json");
        // The first question of seed 9 on next_state, answered right by typing its state; the second wrong.
        Run gen = run("", "quiz", "generate", "--count", "2", "--seed", "9", "--topic", "next_state", "--lang", "en");
        String[] lines = gen.out().split("\n");
        String right = JSON.readTree(lines[0]).get("answer").asText().toLowerCase().replace('_', ' ');
        Run r = run(right + "\nzzz\n", "quiz", "--count", "2", "--seed", "9", "--topic", "next_state", "--lang", "en",
                "--name", "ana", "--results", results.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("✓ Right."), r.out());
        assertTrue(r.out().contains("✗ Not quite."), r.out());
        assertTrue(r.out().contains("Score: 1 / 2"), r.out());
        assertTrue(Files.readString(results).contains("\"ana\""));
        Run csv = run("", "quiz", "results", "--results", results.toString(), "--lang", "en");
        assertEquals(0, csv.code());
        assertTrue(csv.out().startsWith("learner,time,mode,question_id,type,state,given,answer,correct"));
        assertEquals(3, csv.out().split("\r\n").length);
    }

    @Test
    void exam_scoresAndReviewsAtTheEnd_inChinese(@TempDir Path dir) {
        Run r = run("A\nB\nC\n", "quiz", "--exam", "--count", "3", "--seed", "3", "--lang", "zh",
                "--results", dir.resolve("r.json").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("逐题回顾"), r.out());
        assertTrue(r.out().contains("得分:"), r.out());
        assertFalse(r.out().contains("✓ 正确。"), "no feedback during an exam");
    }

    @Test
    void aFolderThatCannotTakeTheResultsIsSaidBeforeTheFirstQuestionWithItsPath(@TempDir Path dir) throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "mine");
        Run r = run("A\n", "quiz", "--count", "1", "--seed", "1", "--lang", "zh", "--name", "bo",
                "--results", notes.resolve("r.json").toString());
        assertEquals(1, r.code());
        assertEquals("tcplab:错误: 无法把成绩保存到 " + notes + ":应当是文件夹的地方有一个同名文件。测验尚未开始:"
                + "请换一个可以写入的文件夹,或用 --results 文件 指定另一个文件\n", r.err());
        assertFalse(r.out().contains("1/1"), "no question was asked: " + r.out());
        assertFalse(r.err().contains("internal error") || r.err().contains("内部错误"));
    }

    @Test
    void aFileThatIsNotAResultsFileIsLeftAsItIs(@TempDir Path dir) throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes\n");
        Run r = run("A\n", "quiz", "--count", "1", "--seed", "1", "--lang", "en", "--name", "bo",
                "--results", notes.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("tcplab: error: " + notes + " is not a tcplab results file: it was left as it is"), r.err());
        assertEquals("my notes\n", Files.readString(notes));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "nothing renamed, nothing made beside it");
        }
        Run results = run("", "quiz", "results", "--results", dir.toString(), "--lang", "en");
        assertEquals(1, results.code());
        assertEquals("tcplab: error: " + dir + " is not a regular file (a folder, a device or a pipe): no results are saved there, "
                + "and it was left as it is\n", results.err());
        Run csv = run("", "quiz", "results", "--results", dir.resolve("r.json").toString(), "--csv",
                notes.resolve("x.csv").toString(), "--lang", "en");
        assertEquals(1, csv.code());
        assertEquals("tcplab: error: cannot write the CSV file " + notes.resolve("x.csv")
                + ": a file is in the way where a folder should be\n", csv.err());
    }

    /**
     * Each answer is in the file before the next question is asked: a quiz killed (Ctrl-C, a
     * closed terminal) loses at most the question on screen. The answers are typed one at a
     * time through a pipe, and the file is read between them.
     */
    @Test
    void everyAnswerIsSavedBeforeTheNextQuestion(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("r.json");
        java.io.PipedOutputStream keys = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(keys);
        InputStream old = System.in;
        System.setIn(stdin);
        java.util.concurrent.ExecutorService quiz = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            StringWriter out = new StringWriter();
            java.util.concurrent.Future<Integer> code = quiz.submit(() -> Main.run(new String[] {"quiz", "--exam", "--count", "3",
                    "--seed", "5", "--lang", "en", "--name", "ana", "--results", results.toString()}, new PrintWriter(out), new PrintWriter(new StringWriter())));
            for (int answered = 1; answered <= 2; answered++) {
                keys.write("A\n".getBytes(StandardCharsets.UTF_8));
                keys.flush();
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (saved(results) < answered && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(answered, saved(results), "answer " + answered + " in the file while question " + (answered + 1) + " is on screen");
            }
            keys.close(); // the terminal closes: the third question is given up, and saved as such
            assertEquals(0, code.get(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(3, saved(results));
            assertTrue(out.toString().contains("Saved for ana in " + results), out.toString());
        } finally {
            System.setIn(old);
            quiz.shutdownNow();
        }
    }

    private static int saved(Path results) throws java.io.IOException {
        return Files.exists(results) ? new tcplab.quiz.ResultsStore(results).load().of("ana").size() : 0;
    }

    @Test
    void aDamagedResultsFile_isSetAsideAndReported(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("r.json");
        Files.writeString(results, "{\"format\":\"tcplab-quiz-results\",\"learners\":{\"x\":[{\"id\":");
        Run r = run("A\n", "quiz", "--count", "1", "--seed", "1", "--lang", "en", "--name", "bo",
                "--results", results.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("could not be read"), r.out());
        long damaged;
        try (var s = Files.list(dir)) {
            damaged = s.filter(p -> p.getFileName().toString().startsWith("r.json.damaged-")).count();
        }
        assertEquals(1, damaged);
        assertTrue(Files.readString(results).contains("\"bo\""));
    }

    @Test
    void check_acceptsTheShippedBank_andReportsEveryMistakeOfABrokenOneWithItsLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Run ok = run("", "quiz", "check", "banks", "--lang", "en");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("ok  seeds"), ok.out());
        java.nio.file.Path bad = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, "bank: mine\ntitle: {en: T, zh: T}\nquestions:\n  - id: a\n    qestion: {en: Q, zh: Q}\n");
        Run r = run("", "quiz", "check", bad.toString(), "--lang", "en");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(bad + ":5: unknown key 'qestion' in a question; did you mean 'question'?"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        Run quiz = run("", "quiz", "--bank", bad.toString(), "--count", "2", "--lang", "en");
        assertEquals(1, quiz.code());
        assertTrue(quiz.err().contains(bad + ":5:"), quiz.err());
    }

    @Test
    void aBankOnlyQuizAsksTheTeachersQuestions_andGenerateIncludesThem() throws Exception {
        Run g = run("", "quiz", "generate", "--bank", "banks/seeds.yaml", "--count", "6", "--seed", "3", "--lang", "zh");
        assertEquals(0, g.code(), g.err());
        long bank = java.util.Arrays.stream(g.out().split("\n")).filter(l -> l.contains("\"type\":\"bank\"")).count();
        assertEquals(3, bank, g.out()); // every second question, while the bank lasts
        Run only = run("", "quiz", "generate", "--bank", "banks", "--bank-only", "--count", "12", "--seed", "3", "--lang", "en");
        assertEquals(0, only.code(), only.err());
        for (String line : only.out().split("\n")) {
            JsonNode n = JSON.readTree(line);
            assertEquals("bank", n.get("type").asText());
            assertEquals("seeds", n.get("bank").asText());
        }
        Run noBank = run("", "quiz", "--bank-only", "--count", "2", "--lang", "en");
        assertEquals(2, noBank.code());
        assertTrue(noBank.err().contains("--bank-only needs a --bank"), noBank.err());
        // A typed answer in a terminal quiz: the state in any tool's spelling.
        Run typed = run("21\nLISTENING\n", "quiz", "--bank", "banks/seeds.yaml", "--bank-only", "--topic", "states",
                "--difficulty", "easy", "--count", "1", "--seed", "1", "--lang", "en");
        assertEquals(0, typed.code(), typed.err());
        assertTrue(typed.out().contains("(type your answer)"), typed.out());
    }

    private static String fixture(String name) throws Exception {
        return Path.of(QuizCommandTest.class.getResource("/tcplab/capture/fixtures/" + name).toURI()).toString();
    }

    @Test
    void generateWithACaptureAsksOnlyAboutThatCaptureTheSameForTheSameSeedInBothLanguages() throws Exception {
        String f = fixture("data-a.pcap");
        Run en = run("", "quiz", "generate", "--capture", f, "--count", "12", "--seed", "4", "--lang", "en");
        assertEquals(0, en.code(), en.err());
        assertEquals(en.out(), run("", "quiz", "generate", "--capture", f, "--count", "12", "--seed", "4", "--lang", "en").out());
        Run zh = run("", "quiz", "generate", "--capture", f, "--count", "12", "--seed", "4", "--lang", "zh");
        String[] e = en.out().split("\n");
        String[] z = zh.out().split("\n");
        assertEquals(12, e.length);
        for (int i = 0; i < e.length; i++) {
            JsonNode a = JSON.readTree(e[i]);
            JsonNode b = JSON.readTree(z[i]);
            assertTrue(a.get("type").asText().startsWith("capture_"), e[i]);
            assertEquals("data-a.pcap", a.get("capture").asText());
            assertEquals(a.get("answer"), b.get("answer"));
            assertTrue(b.get("prompt").asText().contains("抓包文件 data-a.pcap"), z[i]);
        }
    }

    @Test
    void aCaptureTopicPicksThatKindOfQuestion() throws Exception {
        Run r = run("", "quiz", "generate", "--capture", fixture("handshake-close-b.pcapng"), "--topic", "capture_order",
                "--count", "5", "--lang", "en");
        assertEquals(0, r.code(), r.err());
        for (String line : r.out().split("\n")) {
            assertEquals("capture_order", JSON.readTree(line).get("type").asText());
        }
    }

    @Test
    void aCaptureTopicWithoutACaptureOrACaptureWithABankIsAUsageMessage() throws Exception {
        Run r = run("", "quiz", "generate", "--topic", "capture", "--lang", "en");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--capture FILE"), r.err());
        Run both = run("", "quiz", "generate", "--capture", fixture("reset-a.pcap"), "--bank", "x.yaml", "--lang", "en");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--capture cannot be mixed with --bank"), both.err());
    }

    @Test
    void aMissingOrNonCaptureFileIsAClearMessageNotAStackTrace(@TempDir Path dir) throws Exception {
        Run missing = run("", "quiz", "generate", "--capture", dir.resolve("nope.pcap").toString(), "--lang", "en");
        assertFalse(missing.code() == 0);
        assertTrue(missing.err().contains("nope.pcap"), missing.err());
        Path text = dir.resolve("notes.pcap");
        Files.writeString(text, "not a capture at all\n");
        Run notCapture = run("", "quiz", "--capture", text.toString(), "--lang", "zh");
        assertFalse(notCapture.code() == 0);
        assertTrue(notCapture.err().contains("notes.pcap"), notCapture.err());
        assertFalse(notCapture.err().contains("Exception"), notCapture.err());
    }

    @Test
    void aPracticeOnACaptureTakesTheAnswersTypedAndScoresThem() throws Exception {
        String f = fixture("simultaneous-close-b.pcapng");
        Run g = run("", "quiz", "generate", "--capture", f, "--count", "3", "--seed", "9", "--lang", "en");
        StringBuilder answers = new StringBuilder();
        for (String line : g.out().split("\n")) {
            answers.append(JSON.readTree(line).get("answer").asText()).append('\n');
        }
        Run r = run(answers.toString(), "quiz", "--capture", f, "--count", "3", "--seed", "9", "--lang", "en");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Score: 3 / 3"), r.out());
    }
}
