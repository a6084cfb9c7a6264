package tcplab.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcplab.i18n.Lang;
import tcplab.i18n.Problem;
import tcplab.i18n.ProblemException;

/** Teachers' question banks: the file format, its mistakes, and bank questions in a quiz. */
class BankTest {
    static final String TEACHERS_QUESTION = String.join("\n",
            "bank: my-class",
            "title: {en: My class, zh: 我的班}",
            "questions:",
            "  - id: port-445",
            "    topic: ports",
            "    question: {en: Which service is port 445?, zh: 445 端口是什么服务?}",
            "    choices:",
            "      - text: {en: SMB, zh: SMB}",
            "        right: true",
            "      - text: HTTP",
            "        feedback: {en: HTTP is port 80., zh: HTTP 是 80 端口。}",
            "      - text: Telnet",
            "        feedback: {en: Telnet is port 23., zh: Telnet 是 23 端口。}",
            "    explain: {en: 445 is SMB., zh: 445 是 SMB。}",
            "  - id: listening",
            "    question: {en: The state of a waiting server port?, zh: 等待连接的服务器端口是什么状态?}",
            "    answer: {accept: [LISTEN]}",
            "    explain: {en: LISTEN., zh: LISTEN。}",
            "");

    static Bank bank(String text) throws ProblemException {
        return BankLoader.parse(text, "my.yaml");
    }

    static List<String> problems(String text) {
        try {
            bank(text);
            return List.of();
        } catch (ProblemException e) {
            List<String> out = new ArrayList<>();
            for (Problem p : e.problems()) {
                out.add(p.format(Lang.EN));
            }
            return out;
        }
    }

    @Nested
    class TheFormat {
        @Test
        void aTeachersQuestionWithFeedbackPerChoiceIsAskedInBothLanguages() throws Exception {
            Bank b = bank(TEACHERS_QUESTION);
            assertEquals("my-class", b.id());
            assertEquals(2, b.questions().size());
            for (Lang lang : Lang.values()) {
                Question q = b.question(b.questions().get(0), lang, new java.util.Random(1), "1-1");
                assertEquals(QuestionType.BANK, q.type());
                assertEquals(3, q.options().size());
                assertEquals("SMB", q.answer());
                assertTrue(q.isCorrect("smb"));
                int http = q.options().indexOf("HTTP");
                String why = q.whyWrong(String.valueOf((char) ('A' + http)));
                assertEquals(lang == Lang.ZH ? "HTTP 是 80 端口。" : "HTTP is port 80.", why);
                assertTrue(q.prompt().contains("445"));
            }
        }

        @Test
        void aTypedAnswerOfStateNamesAcceptsEveryToolsSpelling() throws Exception {
            Bank b = bank(TEACHERS_QUESTION);
            Question q = b.question(b.questions().get(1), Lang.EN, new java.util.Random(1), "1-2");
            assertTrue(q.options().isEmpty());
            for (String s : List.of("LISTEN", "listening", "Listen")) {
                assertTrue(q.isCorrect(s), s);
            }
            assertFalse(q.isCorrect("ESTABLISHED"));
            assertFalse(q.isCorrect("A"));
        }

        @Test
        void theShippedSeedBankLoadsAndEveryWrongChoiceSaysWhy() {
            List<BankLoader.Loaded> all = BankLoader.loadAll(Path.of("banks"));
            assertFalse(all.isEmpty());
            for (BankLoader.Loaded l : all) {
                assertTrue(l.ok(), () -> l.path() + ": " + l.problems());
                for (Bank.Item it : l.bank().questions()) {
                    for (Bank.Choice c : it.choices()) {
                        assertTrue(c.right() || c.feedback().size() == 2, () -> it.id() + " line " + c.line());
                    }
                }
            }
        }
    }

    @Nested
    class Mistakes {
        @Test
        void eachMistakeIsReportedWithItsLineAndAHint() {
            List<String> p = problems(String.join("\n",
                    "bank: my-class",
                    "title: {en: My class, zh: 我的班}",
                    "questions:",
                    "  - id: q1",
                    "    topik: ports",
                    "    question: {en: Which?}",
                    "    choices:",
                    "      - text: A",
                    "      - text: B",
                    "    explain: {en: E, zh: E}",
                    "  - id: q1",
                    "    difficulty: medum",
                    "    question: {en: Q, zh: Q}",
                    "    answer: {accept: [LISTNE], kind: state}",
                    "    explain: {en: E, zh: E}",
                    "    show: {scenario: handshak}",
                    ""));
            assertTrue(p.contains("my.yaml:5: unknown key 'topik' in a question; did you mean 'topic'? The keys allowed here are: "
                    + "answer, choices, difficulty, explain, id, question, show, shuffle, topic"), p::toString);
            assertTrue(p.stream().anyMatch(s -> s.startsWith("my.yaml:6: 'question' has no 'zh' text")), p::toString);
            assertTrue(p.stream().anyMatch(s -> s.startsWith("my.yaml:8: no choice is marked right")), p::toString);
            assertTrue(p.stream().anyMatch(s -> s.startsWith("my.yaml:11: another question of this bank already has the id 'q1'")), p::toString);
            assertTrue(p.stream().anyMatch(s -> s.startsWith("my.yaml:12: 'difficulty' must be one of easy, medium, hard, not 'medum'; did you mean 'medium'?")), p::toString);
            assertTrue(p.stream().anyMatch(s -> s.startsWith("my.yaml:14: 'LISTNE' is not a TCP state")), p::toString);
            assertTrue(p.stream().anyMatch(s -> s.startsWith("my.yaml:16: there is no built-in scenario 'handshak'; did you mean 'handshake'?")), p::toString);
        }

        @Test
        void twoRightChoicesAndAChoiceWrittenTwiceAreMistakes() {
            List<String> p = problems(TEACHERS_QUESTION.replace("      - text: HTTP\n", "      - text: HTTP\n        right: true\n")
                    .replace("      - text: Telnet", "      - text: smb"));
            assertTrue(p.stream().anyMatch(s -> s.contains("2 choices are marked right")), p::toString);
            assertTrue(p.stream().anyMatch(s -> s.contains("two choices read 'smb'")), p::toString);
        }

        @Test
        void brokenYamlAndAnEmptyFileSayWhere() {
            assertTrue(problems("bank: x\nquestions: [\n").get(0).startsWith("my.yaml:"), () -> problems("bank: x\nquestions: [\n").toString());
            assertFalse(problems("").isEmpty());
            assertTrue(problems("- just\n- a list\n").get(0).startsWith("my.yaml:1: the file must be a mapping"));
        }

        @Test
        void oneBrokenFileInAFolderDoesNotStopTheOthers(@TempDir Path dir) throws Exception {
            Files.writeString(dir.resolve("a.yaml"), TEACHERS_QUESTION);
            Files.writeString(dir.resolve("b.yaml"), "bank: [");
            Files.writeString(dir.resolve("notes.txt"), "not a bank");
            List<BankLoader.Loaded> all = BankLoader.loadAll(dir);
            assertEquals(2, all.size());
            assertTrue(all.get(0).ok());
            assertFalse(all.get(1).ok());
            assertTrue(all.get(1).problems().get(0).format(Lang.EN).startsWith(dir.resolve("b.yaml") + ":"));
        }

        @Test
        void aMissingFileIsAProblemNotAnException(@TempDir Path dir) {
            List<BankLoader.Loaded> all = BankLoader.loadAll(dir.resolve("nope.yaml"));
            assertEquals(1, all.size());
            assertTrue(all.get(0).problems().get(0).format(Lang.EN).contains("cannot read the file"));
        }
    }

    @Nested
    class InAQuiz {
        @Test
        void aMixedQuizAsksEveryBankQuestionOnceAmongGeneratedOnes() throws Exception {
            Bank b = bank(TEACHERS_QUESTION);
            QuizGenerator g = new QuizGenerator(Lang.EN, List.of(b), false);
            List<Question> qs = g.generate(5, 10, QuizGenerator.Filter.ALL);
            List<String> fromBank = new ArrayList<>();
            for (Question q : qs) {
                if (q.type() == QuestionType.BANK) {
                    fromBank.add(q.fields().get("bank_question"));
                }
            }
            assertEquals(2, fromBank.size());
            assertEquals(2, new java.util.HashSet<>(fromBank).size());
            assertTrue(qs.stream().anyMatch(q -> q.type() != QuestionType.BANK));
        }

        @Test
        void aBankOnlyQuizAsksOnlyTheBanksQuestionsThatFitTheTopic() throws Exception {
            Bank b = bank(TEACHERS_QUESTION);
            QuizGenerator g = new QuizGenerator(Lang.ZH, List.of(b), true);
            for (Question q : g.generate(9, 6, QuizGenerator.Filter.ALL)) {
                assertEquals(QuestionType.BANK, q.type());
            }
            QuizGenerator.Filter ports = new QuizGenerator.Filter(QuizGenerator.topic("ports"), null, Map.of());
            for (Question q : g.generate(9, 4, ports)) {
                // "listening" has no topic (it fits every one); "port-445" is about ports.
                assertNotNull(q.fields().get("bank_question"));
            }
            QuizGenerator.Filter states = new QuizGenerator.Filter(EnumSet.of(QuestionType.NEXT_STATE), null, Map.of());
            for (Question q : g.generate(9, 4, states)) {
                assertEquals("listening", q.fields().get("bank_question"));
            }
        }

        @Property(tries = 100)
        void bankQuestionsAreWellFormedAndTheSameSeedGivesTheSameQuiz(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                                                     @ForAll @IntRange(min = 0, max = 30) int index) throws Exception {
            List<Bank> banks = new ArrayList<>();
            for (BankLoader.Loaded l : BankLoader.loadAll(Path.of("banks"))) {
                banks.add(l.bank());
            }
            QuizGenerator g = new QuizGenerator(Lang.EN, banks, true);
            Question q = g.question(seed, index, QuizGenerator.Filter.ALL);
            assertEquals(q, new QuizGenerator(Lang.EN, banks, true).question(seed, index, QuizGenerator.Filter.ALL));
            if (!q.options().isEmpty()) {
                assertEquals(1, q.options().stream().filter(q::isCorrect).count(), q::toString);
                for (String o : q.options()) {
                    if (!o.equals(q.answer())) {
                        assertNotNull(q.whyWrong(o), o);
                    }
                }
            } else {
                assertTrue(q.isCorrect(q.answer()));
            }
            // The same question in the other language: same place for the right choice.
            Question zh = new QuizGenerator(Lang.ZH, banks, true).question(seed, index, QuizGenerator.Filter.ALL);
            assertEquals(q.options().indexOf(q.answer()), zh.options().indexOf(zh.answer()));
        }
    }

    @Test
    void aQuestionFromABankCannotBeMadeByTheGenerator() {
        assertFalse(QuestionType.BANK.generated());
        assertFalse(QuestionType.generatedTypes().contains(QuestionType.BANK));
        assertThrows(NullPointerException.class, () -> QuestionType.BANK.maker(null));
    }
}
