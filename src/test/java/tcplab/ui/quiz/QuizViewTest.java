package tcplab.ui.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tcplab.i18n.Lang;
import tcplab.quiz.Question;
import tcplab.quiz.ResultsStore;
import tcplab.ui.MainWindow;
import tcplab.ui.Panes;
import tcplab.ui.common.Snapshots;
import tcplab.ui.common.UiSettings;
import tcplab.ui.run.RunViewModel;

/** The quiz tab in the real window on headless Monocle: practice, "show me", and a picture of it. */
@ExtendWith(ApplicationExtension.class)
class QuizViewTest {
    private RunViewModel vm;
    private MainWindow window;
    private QuizViewModel quiz;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        vm = new RunViewModel();
        vm.langProperty().set(Lang.EN);
        window = new MainWindow(vm, UiSettings.inMemory());
        Panes.install(window, false);
        // The window's own quiz tab writes to the user's folder; this one to a temporary file.
        window.bottomTabs().getTabs().removeIf(t -> "tab-quiz".equals(t.getId()));
        quiz = QuizPanes.install(window, new ResultsStore(Files.createTempDirectory("quiz").resolve("r.json")));
        vm.load("handshake");
        stage.setScene(window.scene(1280, 800));
        window.attach(stage);
        stage.show();
    }

    private void openQuizTab(FxRobot robot) {
        robot.interact(() -> window.selectBottomTab("tab-quiz"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void onlyTheBanksQuestions_isOfferedOnceABankHasLoaded_whileItLoadsTheRowSaysWhichFile(FxRobot robot) throws Exception {
        openQuizTab(robot);
        assertFalse(robot.lookup("#quiz-bankOnly").query().isVisible(), "no bank loaded: nothing to ask alone");
        assertFalse(robot.lookup("#quiz-bankload-row").query().isVisible());
        java.util.ArrayDeque<Runnable> background = new java.util.ArrayDeque<>();
        robot.interact(() -> quiz.loadBanksInBackground(Path.of("banks/seeds.yaml"), background::add, javafx.application.Platform::runLater));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#quiz-bankload-row").query().isVisible());
        assertEquals("Loading banks/seeds.yaml…", robot.lookup("#quiz-bankload-file").queryAs(Label.class).getText());
        background.poll().run();
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#quiz-bankload-row").query().isVisible());
        assertTrue(robot.lookup("#quiz-bankOnly").query().isVisible());
    }

    @Test
    void practice_clickTheRightOption_seeFeedback_thenShowMeLoadsTheScenarioAtItsTime(FxRobot robot) throws Exception {
        openQuizTab(robot);
        assertEquals("Quiz", window.bottomTabs().getSelectionModel().getSelectedItem().getText());
        robot.interact(() -> {
            quiz.topicProperty().set("next_state");
            quiz.difficultyProperty().set(tcplab.quiz.Difficulty.MEDIUM);
        });
        robot.clickOn("#quiz-start");
        WaitForAsyncUtils.waitForFxEvents();
        Question q = quiz.current();
        assertEquals(q.prompt(), robot.lookup("#quiz-prompt").queryAs(Label.class).getText());
        int right = q.options().indexOf(q.answer());
        // The option may sit below the scrolled area of the small bottom tab: press it as a keyboard user would.
        Button option = robot.lookup("#quiz-option-" + right).queryAs(Button.class);
        robot.interact(() -> {
            option.requestFocus();
            option.fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("✓ Right.", robot.lookup("#quiz-feedback").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#quiz-option-0").queryAs(Button.class).isDisabled(), "answered: options are locked");
        Path png = Path.of("target", "quiz-tab-en.png");
        robot.interact(() -> {
            try {
                Snapshots.write(stage.getScene(), png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(Files.size(png) > 10_000);
        if (q.show() != null) {
            robot.clickOn("#quiz-show");
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(q.show().scenario(), vm.scenarioSourceProperty().get());
            assertEquals(Math.round(q.show().atMs() * 1000), vm.timeUs());
        }
        robot.clickOn("#quiz-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Question 2/10  [next state · medium]", robot.lookup("#quiz-heading").queryAs(Label.class).getText());
    }

    @Test
    void chineseClassroom_bigText_revealButton(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm.langProperty().set(Lang.ZH);
            quiz.modeProperty().set(tcplab.quiz.QuizSession.Mode.CLASSROOM);
            quiz.countProperty().set(3);
        });
        openQuizTab(robot);
        robot.clickOn("#quiz-start");
        WaitForAsyncUtils.waitForFxEvents();
        Button reveal = robot.lookup("#quiz-reveal").queryAs(Button.class);
        assertEquals("揭晓答案", reveal.getText());
        Path png = Path.of("target", "quiz-tab-zh-classroom.png");
        robot.interact(() -> {
            try {
                Snapshots.write(stage.getScene(), png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        robot.clickOn("#quiz-reveal");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#quiz-feedback").queryAs(Label.class).getText().startsWith("答案:"));
    }

    /** The window in a 1024×768 scene of its own (the stage keeps sizing itself to its scene). */
    private void atProjectorSize() {
        stage.getScene().setRoot(new javafx.scene.layout.Pane());
        stage.setScene(window.scene(1024, 768));
    }

    @Test
    void aClassroomQuizAt1024x768GivesTheLowerTabsTheRoomWithoutF10_andGivesItBackAtTheEnd(FxRobot robot) {
        robot.interact(() -> {
            atProjectorSize();
            quiz.modeProperty().set(tcplab.quiz.QuizSession.Mode.CLASSROOM);
            quiz.topicProperty().set("states"); // questions of a few lines (a whole table cannot fit any screen)
            quiz.countProperty().set(1);
        });
        openQuizTab(robot);
        assertFalse(window.lowerEnlarged());
        robot.interact(quiz::start);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.lowerEnlarged(), "the class reads the question without the teacher pressing F10");
        robot.interact(() -> {
            // The question has most of the window's height, its heading is in view, and the
            // options are in classroom-size text (the questions are random: a long one scrolls).
            QuizView pane = (QuizView) window.root().lookup("#quizPane");
            double room = pane.scroller().getViewportBounds().getHeight();
            assertTrue(room >= 0.48 * 768, "the question has " + room + " px of 768");
            assertFalse(window.root().lookup("#quiz-mode").isVisible(), "the greyed-out settings make room");
            javafx.scene.Node heading = window.root().lookup("#quiz-heading");
            assertTrue(heading.localToScene(heading.getLayoutBounds()).getMaxY() <= 768);
            Button a = (Button) window.root().lookup("#quiz-option-0");
            assertTrue(a.getFont().getSize() >= 2 * 13 - 0.01, "option A in " + a.getFont().getSize() + " px");
        });
        robot.interact(() -> {
            quiz.reveal();
            quiz.next();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.lowerEnlarged(), "after the quiz the window is laid out as before");
    }

    @Test
    void aNewQuestionStartsAtItsTop_evenAfterTheLastOneWasScrolledToItsExplanation(FxRobot robot) {
        robot.interact(() -> {
            atProjectorSize();
            quiz.topicProperty().set("netstat");
            quiz.countProperty().set(3);
        });
        openQuizTab(robot);
        robot.interact(quiz::start);
        WaitForAsyncUtils.waitForFxEvents();
        QuizView pane = (QuizView) window.root().lookup("#quizPane");
        robot.interact(() -> {
            quiz.choose(0);
            pane.scroller().setVvalue(pane.scroller().getVmax()); // read down to the explanation
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(quiz::next);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(pane.scroller().getVmin(), pane.scroller().getVvalue(), 1e-9);
    }

    @Test
    void anExamThatRunsOutOfTimeSaysSoInThePane(FxRobot robot) {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000L);
        QuizViewModel exam = new QuizViewModel(null, s -> { }, now::get, () -> 3L);
        robot.interact(() -> {
            exam.langProperty().set(Lang.EN);
            exam.modeProperty().set(tcplab.quiz.QuizSession.Mode.EXAM);
            exam.countProperty().set(5);
            exam.timeLimitSProperty().set(10);
            stage.setScene(new javafx.scene.Scene(new QuizView(exam), 1024, 400));
            exam.start();
            exam.choose(0);
            now.addAndGet(11_000);
            exam.tick();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Label heading = robot.lookup("#quiz-heading").queryAs(Label.class);
        assertEquals("Time is up: the exam is over. Questions not answered count as wrong.", heading.getText());
        assertTrue(robot.lookup("#quiz-summary").queryAs(Label.class).getText().endsWith(", 1 answered."));
        assertTrue(heading.getStyle().contains(String.format("#%02x%02x%02x", 0xc9, 0x2a, 0x2a)), heading.getStyle());
    }
}
