package tcplab.ui.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tcplab.capture.CaptureAnalysis;
import tcplab.i18n.Lang;
import tcplab.quiz.Attempt;
import tcplab.quiz.Question;
import tcplab.quiz.QuestionType;
import tcplab.quiz.ResultsStore;
import tcplab.ui.MainWindow;
import tcplab.ui.Panes;
import tcplab.ui.common.Snapshots;
import tcplab.ui.common.UiSettings;
import tcplab.ui.run.RunViewModel;

/**
 * The Quiz tab asking about a capture opened in the window (the students' own loopback curl), at
 * 1024×768: one question of each kind answered with the mouse, marked and stored as any other.
 */
@ExtendWith(ApplicationExtension.class)
class QuizCaptureTest {
    private RunViewModel vm;
    private MainWindow window;
    private QuizViewModel quiz;
    private ResultsStore store;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        vm = new RunViewModel();
        vm.langProperty().set(Lang.ZH);
        window = new MainWindow(vm, UiSettings.inMemory());
        Panes.install(window, false);
        window.bottomTabs().getTabs().removeIf(t -> "tab-quiz".equals(t.getId()));
        store = new ResultsStore(Files.createTempDirectory("quiz").resolve("r.json"));
        quiz = QuizPanes.install(window, store);
        stage.setScene(window.scene(1024, 768));
        window.attach(stage);
        stage.show();
    }

    private void openCapture(FxRobot robot, String file) throws Exception {
        CaptureAnalysis a;
        try (InputStream in = getClass().getResourceAsStream("/tcplab/capture/fixtures/" + file)) {
            a = CaptureAnalysis.read(in);
        }
        robot.interact(() -> assertTrue(vm.showCapture(a, "/home/student/" + file)));
    }

    @ParameterizedTest
    @EnumSource(value = QuestionType.class, names = {"CAPTURE_FIELD", "CAPTURE_ORDER", "CAPTURE_STATE"})
    void aQuestionOfEachKindFromTheOpenCaptureIsAnsweredMarkedAndStored(QuestionType type, FxRobot robot) throws Exception {
        openCapture(robot, "curl-loopback-v4.pcap");
        robot.interact(() -> window.selectBottomTab("tab-quiz"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("题目来自 curl-loopback-v4.pcap", robot.lookup("#quiz-captureUsed").queryAs(Label.class).getText());
        robot.interact(() -> {
            quiz.topicProperty().set(type.jsonName());
            quiz.countProperty().set(1);
            quiz.learnerProperty().set("小明");
        });
        robot.clickOn("#quiz-start");
        WaitForAsyncUtils.waitForFxEvents();
        Question q = quiz.current();
        assertNotNull(q);
        assertEquals(type, q.type());
        assertTrue(q.prompt().contains("curl-loopback-v4.pcap"), q.prompt());
        assertTrue(window.lowerEnlarged(), "the packet table gets most of the window, as F10 gives it");
        Label prompt = robot.lookup("#quiz-prompt").queryAs(Label.class);
        assertEquals(q.prompt(), prompt.getText());
        // The packet lines are readable at 1024×768: no smaller than 10 px, and each on one line
        // within the pane (the label is no wider than the pane's viewport).
        QuizView pane = (QuizView) window.root().lookup("#quizPane");
        robot.interact(() -> {
            assertTrue(prompt.getFont().getSize() >= 10, "the packets in " + prompt.getFont().getSize() + " px");
            Bounds view = pane.scroller().getViewportBounds();
            assertTrue(prompt.getWidth() <= view.getWidth(), prompt.getWidth() + " px in " + view.getWidth());
            double cell = prompt.getFont().getSize() * 0.61;
            int longest = 0;
            String[] lines = q.prompt().split("\n");
            for (int i = 1; i < lines.length - 1; i++) {
                if (lines[i].contains("→")) {
                    longest = Math.max(longest, lines[i].length());
                }
            }
            assertTrue(longest * cell <= view.getWidth(), "a packet line of " + longest + " characters fits");
        });
        if (type == QuestionType.CAPTURE_FIELD) {
            Path png = Path.of("target", "quiz-capture-zh-1024.png");
            robot.interact(() -> {
                try {
                    Snapshots.write(stage.getScene(), png);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        int right = q.options().indexOf(q.answer());
        Button option = robot.lookup("#quiz-option-" + right).queryAs(Button.class);
        robot.interact(() -> {
            option.requestFocus();
            option.fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#quiz-feedback").queryAs(Label.class).getText().startsWith("✓"),
                robot.lookup("#quiz-feedback").queryAs(Label.class).getText());
        robot.interact(quiz::next);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!window.lowerEnlarged(), "and gives it back at the end");
        List<Attempt> saved = store.load().of("小明");
        assertEquals(1, saved.size());
        assertEquals(type.jsonName(), saved.get(0).type());
        assertTrue(saved.get(0).correct());
    }

    @Test
    void loadingAScenarioAfterTheCaptureGoesBackToTheSimulatorsQuestions(FxRobot robot) throws Exception {
        openCapture(robot, "curl-loopback-v6.pcap");
        assertNotNull(quiz.captureProperty().get());
        robot.interact(() -> vm.load("handshake"));
        assertNull(quiz.captureProperty().get());
        robot.interact(() -> {
            quiz.countProperty().set(1);
            quiz.start();
        });
        assertTrue(!tcplab.quiz.CaptureQuiz.TYPES.contains(quiz.current().type()), quiz.current().type().jsonName());
    }

    @Test
    void questionsFromACaptureFileOpenedInTheQuizTabItself(FxRobot robot) throws Exception {
        Path file = Files.createTempDirectory("cap").resolve("student.pcap");
        try (InputStream in = getClass().getResourceAsStream("/tcplab/capture/fixtures/curl-loopback-v6.pcap")) {
            Files.copy(in, file);
        }
        java.util.ArrayDeque<Runnable> background = new java.util.ArrayDeque<>();
        robot.interact(() -> quiz.loadCaptureInBackground(file, background::add, javafx.application.Platform::runLater));
        background.poll().run();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("student.pcap", quiz.captureProperty().get().name());
        robot.interact(() -> {
            quiz.countProperty().set(1);
            quiz.start();
        });
        assertTrue(quiz.current().prompt().contains("[::1]"), quiz.current().prompt());
        Path bad = file.resolveSibling("notes.pcap");
        Files.writeString(bad, "not a capture");
        robot.interact(() -> quiz.loadCaptureInBackground(bad, background::add, javafx.application.Platform::runLater));
        background.poll().run();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(quiz.statusProperty().get().startsWith(bad.toString() + ": "), quiz.statusProperty().get());
        assertEquals("student.pcap", quiz.captureProperty().get().name(), "the capture in use stays");
    }
}
