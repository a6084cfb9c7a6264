package tcplab.ui.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcplab.i18n.Lang;
import tcplab.quiz.Question;
import tcplab.quiz.QuizSession;
import tcplab.quiz.ResultsStore;
import tcplab.quiz.Show;

/** The quiz tab's view model, without starting JavaFX. */
class QuizViewModelTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final List<Show> shown = new ArrayList<>();

    private QuizViewModel model(Path results) {
        QuizViewModel vm = new QuizViewModel(results == null ? null : new ResultsStore(results), shown::add, now::get, () -> 7L);
        vm.langProperty().set(Lang.EN);
        return vm;
    }

    private static int rightIndex(Question q) {
        return q.options().indexOf(q.answer());
    }

    @Test
    void switchingToChineseMidQuestion_rewordsTheSameQuestion_andTheRightAnswerStaysRight() {
        QuizViewModel vm = model(null);
        vm.topicProperty().set("next_state");
        vm.countProperty().set(2);
        vm.start();
        Question en = vm.current();
        vm.langProperty().set(Lang.ZH);
        Question zh = vm.current();
        assertEquals(en.type(), zh.type());
        assertEquals(en.answer(), zh.answer(), "a state name is the same in both languages");
        assertTrue(vm.promptProperty().get().codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), vm.promptProperty().get());
        vm.choose(rightIndex(zh));
        assertEquals(Boolean.TRUE, vm.lastCorrectProperty().get());
    }

    @Test
    void practice_givesFeedbackAndExplanation_andShowMeAnimatesTheAnswer() {
        QuizViewModel vm = model(null);
        vm.topicProperty().set("next_state");
        vm.countProperty().set(2);
        vm.start();
        assertTrue(vm.runningProperty().get());
        Question q = vm.current();
        assertNotNull(q);
        assertEquals(q.prompt(), vm.promptProperty().get());
        assertEquals(q.options(), List.copyOf(vm.optionsProperty()));
        vm.choose(rightIndex(q));
        assertEquals(Boolean.TRUE, vm.lastCorrectProperty().get());
        assertEquals("✓ Right.", vm.feedbackProperty().get());
        assertEquals(q.explanation(), vm.explanationProperty().get());
        if (q.show() != null) {
            assertTrue(vm.canShowProperty().get());
            vm.showMe();
            assertEquals(List.of(q.show()), shown);
        }
        vm.next();
        Question q2 = vm.current();
        vm.answer("certainly not a state");
        assertEquals(Boolean.FALSE, vm.lastCorrectProperty().get());
        assertTrue(vm.feedbackProperty().get().contains(q2.answer()));
        vm.next();
        assertTrue(vm.finishedProperty().get());
        assertEquals("Score: 1 / 2, 2 answered.", vm.summaryProperty().get());
    }

    @Test
    void exam_noFeedbackUntilTheEnd_thenScoreAndReview_savedForTheLearner(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("r.json");
        QuizViewModel vm = model(f);
        vm.modeProperty().set(QuizSession.Mode.EXAM);
        vm.countProperty().set(3);
        vm.learnerProperty().set("ana");
        vm.start();
        vm.choose(rightIndex(vm.current()));
        assertEquals("", vm.feedbackProperty().get(), "no feedback during an exam");
        assertEquals(1, new ResultsStore(f).load().of("ana").size(), "saved at once: closing the window loses at most the question on screen");
        vm.answer("x");
        assertEquals(2, new ResultsStore(f).load().of("ana").size());
        vm.choose(rightIndex(vm.current()));
        assertTrue(vm.finishedProperty().get());
        assertEquals("Score: 2 / 3, 3 answered.", vm.summaryProperty().get());
        assertEquals(3, vm.reviewProperty().size());
        assertFalse(vm.reviewProperty().get(1).correct());
        assertTrue(vm.statusProperty().get().startsWith("Saved for ana"), vm.statusProperty().get());
        assertEquals(3, new ResultsStore(f).load().of("ana").size());
    }

    @Test
    void exam_timeLimit_endsTheExam_andCountsTheRestWrong() {
        QuizViewModel vm = model(null);
        vm.modeProperty().set(QuizSession.Mode.EXAM);
        vm.countProperty().set(5);
        vm.timeLimitSProperty().set(60);
        vm.start();
        vm.choose(rightIndex(vm.current()));
        vm.tick();
        assertEquals("time left 1:00", vm.clockProperty().get());
        now.addAndGet(61_000);
        vm.tick();
        assertTrue(vm.finishedProperty().get());
        assertTrue(vm.timeUpProperty().get());
        assertEquals("Time is up: the exam is over. Questions not answered count as wrong.", vm.headingProperty().get());
        assertEquals("Score: 1 / 5, 1 answered.", vm.summaryProperty().get());
        assertEquals(5, vm.reviewProperty().size(), "the review lists the questions not reached too");
    }

    @Test
    void exam_anAnswerAfterTheBell_isNotCounted_andTheTimeUpIsAnnouncedInChinese() {
        QuizViewModel vm = model(null);
        vm.langProperty().set(Lang.ZH);
        vm.modeProperty().set(QuizSession.Mode.EXAM);
        vm.countProperty().set(5);
        vm.timeLimitSProperty().set(30);
        vm.start();
        vm.choose(rightIndex(vm.current()));
        vm.choose(rightIndex(vm.current()));
        vm.answer("x");
        now.addAndGet(31_000);
        vm.choose(rightIndex(vm.current())); // too late: the ticker had not yet run
        assertTrue(vm.finishedProperty().get());
        assertEquals("时间到,考试结束。没有作答的题目按答错计。", vm.headingProperty().get());
        assertEquals("得分:2 / 5,已答 3 题。", vm.summaryProperty().get());
    }

    @Test
    void exam_finishedInTime_isNotAnnouncedAsTimeUp() {
        QuizViewModel vm = model(null);
        vm.modeProperty().set(QuizSession.Mode.EXAM);
        vm.countProperty().set(2);
        vm.timeLimitSProperty().set(60);
        vm.start();
        vm.choose(rightIndex(vm.current()));
        vm.answer("x");
        assertTrue(vm.finishedProperty().get());
        assertEquals("Finished.", vm.headingProperty().get());
        assertEquals("Score: 1 / 2, 2 answered.", vm.summaryProperty().get());
        vm.start();
        assertEquals(false, vm.timeUpProperty().get(), "a new exam starts without the last one's time-up");
    }

    @Test
    void classroom_bigText_teacherReveals_thenNext() {
        QuizViewModel vm = model(null);
        vm.modeProperty().set(QuizSession.Mode.CLASSROOM);
        assertTrue(vm.bigTextProperty().get());
        vm.countProperty().set(2);
        vm.start();
        Question q = vm.current();
        vm.choose(0);
        assertFalse(vm.answeredProperty().get(), "in class the students answer aloud; the option buttons do nothing");
        vm.reveal();
        assertTrue(vm.answeredProperty().get());
        assertTrue(vm.feedbackProperty().get().contains(q.answer()));
        vm.next();
        vm.reveal();
        vm.next();
        assertTrue(vm.finishedProperty().get());
        assertNull(vm.current());
    }

    @Test
    void aDamagedResultsFile_isReportedInTheTab(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("r.json");
        Files.writeString(f, "{\"format\":\"tcplab-quiz-results\",\"learners\":{\"x\":[{\"id\":");
        QuizViewModel vm = model(f);
        vm.learnerProperty().set("bo");
        vm.countProperty().set(1);
        vm.start();
        assertTrue(vm.statusProperty().get().contains("could not be read"), vm.statusProperty().get());
        vm.choose(0);
        vm.next();
        assertTrue(vm.statusProperty().get().startsWith("Saved for bo"));
    }

    @Test
    void aFileThatIsNotAResultsFileIsSaidAtTheStartLeftAsItIsAndNeverSaved(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("r.json"), "not json");
        QuizViewModel vm = model(f);
        vm.learnerProperty().set("bo");
        vm.countProperty().set(1);
        vm.start();
        assertEquals("Could not save the results: " + f + " is not a tcplab results file: it was left as it is; "
                + "keep the results in another file, or move this one away", vm.statusProperty().get());
        vm.choose(0);
        vm.next();
        assertTrue(vm.statusProperty().get().startsWith("Could not save the results: "), vm.statusProperty().get());
        assertEquals("not json", Files.readString(f));
    }

    @org.junit.jupiter.api.Test
    void aBankLoadsOffTheWindowsThread_andACancelledOneIsNotAdded() {
        QuizViewModel vm = new QuizViewModel(null, show -> { }, () -> 0L, () -> 3L);
        java.util.ArrayDeque<Runnable> background = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Runnable> ui = new java.util.ArrayDeque<>();
        vm.loadBanksInBackground(Path.of("banks/seeds.yaml"), background::add, ui::add);
        assertEquals("banks/seeds.yaml", vm.bankLoad().fileProperty().get());
        assertEquals("", vm.banksTextProperty().get(), "nothing is added while it loads");
        vm.bankLoad().cancel();
        background.poll().run();
        ui.poll().run();
        assertEquals("", vm.banksTextProperty().get(), "a cancelled bank is not added");
        vm.loadBanksInBackground(Path.of("banks/seeds.yaml"), background::add, ui::add);
        background.poll().run();
        ui.poll().run();
        assertEquals("The articles' services and netstat rows (12 questions)", vm.banksTextProperty().get());
        assertEquals("", vm.bankLoad().fileProperty().get());
    }

    @org.junit.jupiter.api.Test
    void aLoadedBankMixesTheTeachersQuestionsIn_andABrokenOneSaysWhereWithoutLosingTheOthers(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        QuizViewModel vm = new QuizViewModel(null, show -> { }, () -> 0L, () -> 3L);
        vm.langProperty().set(tcplab.i18n.Lang.ZH);
        vm.loadBanks(java.nio.file.Path.of("banks/seeds.yaml"));
        org.junit.jupiter.api.Assertions.assertEquals("原文中的服务与 netstat 实例(12 道题)", vm.banksTextProperty().get());
        java.nio.file.Path bad = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, "bank: x\ntitle: {en: X, zh: X}\nquestions:\n  - id: a\n    qestion: {en: Q, zh: Q}\n");
        vm.loadBanks(bad);
        org.junit.jupiter.api.Assertions.assertTrue(vm.statusProperty().get().startsWith(bad + ":5:"), vm.statusProperty().get());
        org.junit.jupiter.api.Assertions.assertTrue(vm.banksTextProperty().get().contains("12"), "the good bank stays");
        vm.bankOnlyProperty().set(true);
        vm.countProperty().set(3);
        vm.topicProperty().set("segments"); // no question of the seeds bank is about segments
        vm.start();
        org.junit.jupiter.api.Assertions.assertFalse(vm.runningProperty().get());
        org.junit.jupiter.api.Assertions.assertEquals("载入的题库中没有符合这个主题和难度的题目。", vm.statusProperty().get());
        vm.topicProperty().set("all");
        vm.start();
        org.junit.jupiter.api.Assertions.assertEquals(tcplab.quiz.QuestionType.BANK, vm.current().type());
        vm.langProperty().set(tcplab.i18n.Lang.EN);
        org.junit.jupiter.api.Assertions.assertTrue(vm.banksTextProperty().get().endsWith("(12 questions)"), vm.banksTextProperty().get());
        org.junit.jupiter.api.Assertions.assertEquals(tcplab.quiz.QuestionType.BANK, vm.current().type(),
                "switching language keeps the bank's question");
    }
}
