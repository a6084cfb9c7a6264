package tcplab.ui.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
class QuizPaneTest {
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
}
