package tcplab.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tcplab.i18n.Lang;
import tcplab.lesson.LessonLoader;
import tcplab.lesson.LessonRun;
import tcplab.tcp.TcpState;
import tcplab.ui.MainWindow;
import tcplab.ui.Panes;
import tcplab.ui.common.Png;
import tcplab.ui.common.Snapshots;
import tcplab.ui.common.UiSettings;
import tcplab.ui.run.RunViewModel;

/** A lesson stepped forwards and back in the real window (headless Monocle). */
@ExtendWith(ApplicationExtension.class)
class LessonPaneTest {
    private RunViewModel vm;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        vm = new RunViewModel();
        vm.langProperty().set(Lang.EN);
        window = new MainWindow(vm, UiSettings.inMemory());
        Panes.install(window, false);
        vm.load("handshake");
        stage.setScene(window.scene(1280, 800));
        window.attach(stage);
        stage.show();
    }

    @Test
    void handshakeLessonForwardsWithACheckpointAndBackExactly(FxRobot robot) throws Exception {
        LessonRun expected = LessonRun.of(LessonLoader.load(Path.of("lessons/handshake.yaml")));
        robot.interact(() -> window.bottomTabs().getSelectionModel().select(3));
        LessonPane pane = robot.lookup("#lessonPane").queryAs(LessonPane.class);
        robot.interact(() -> pane.open(3)); // ports, netstat-reading, port-ranges, handshake
        assertEquals(0, pane.index());
        assertEquals(expected.frames().get(0).simStep(), vm.step());
        assertTrue(robot.lookup("#lessonNarration").queryAs(Label.class).getText().contains("nginx"));

        robot.clickOn("#lessonNext");
        // Step 2 asks first: the simulation waits where step 1 left it, and Next waits for an answer.
        assertEquals(expected.frames().get(0).simStep(), vm.step());
        assertTrue(robot.lookup("#lessonNext").queryAs(Button.class).isDisabled());
        robot.clickOn("SYN_SENT");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(expected.frames().get(1).simStep(), vm.step());
        assertEquals(TcpState.SYN_SENT, vm.stateAProperty().get() == TcpState.SYN_SENT ? TcpState.SYN_SENT : vm.stateBProperty().get());
        var timeline = vm.timeline();

        robot.clickOn("#lessonBack");
        assertEquals(0, pane.index());
        assertEquals(expected.frames().get(0).simStep(), vm.step());
        assertSame(timeline, vm.timeline(), "Back replays the same recorded run");
        robot.clickOn("#lessonNext");
        assertEquals(1, pane.index());
        javafx.scene.Scene scene = robot.window(0).getScene();
        robot.interact(() -> {
            try {
                Snapshots.write(scene, Path.of("target/lesson-handshake-en.png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void thePresenterViewShowsTheNarrationBigAndNeverTheTeachersNotes(FxRobot robot) throws Exception {
        robot.interact(() -> window.bottomTabs().getSelectionModel().select(3));
        LessonPane pane = robot.lookup("#lessonPane").queryAs(LessonPane.class);
        robot.interact(() -> pane.open(6)); // closing: its steps carry teacher's notes
        robot.clickOn("#lessonNext");
        robot.clickOn("#lessonPresenter");
        WaitForAsyncUtils.waitForFxEvents();
        Label big = robot.lookup("#presenterNarration").queryAs(Label.class);
        String shown = big.getText();
        assertTrue(!shown.isBlank(), "the narration is projected");
        // At a checkpoint the audience sees the question to predict; otherwise the narration.
        String narration = robot.lookup("#lessonNarration").queryAs(Label.class).getText();
        assertTrue(shown.equals(narration) || shown.startsWith("Predict:"), shown);
        assertTrue(!shown.contains("Teacher's notes"), "the audience never sees the notes");
        assertTrue(big.getFont().getSize() >= 30, "projector-sized text");
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> img[0] = big.getScene().snapshot(null));
        Png.write(img[0], Path.of("target/lesson-presenter.png"));
    }

    @Test
    void aTablePastedByTheLessonIsShownSelectedAndExplainedInTheWindow(FxRobot robot) {
        robot.interact(() -> window.bottomTabs().getSelectionModel().select(3));
        LessonPane pane = robot.lookup("#lessonPane").queryAs(LessonPane.class);
        robot.interact(() -> pane.open(1)); // netstat-reading: pastes the article's table
        javafx.scene.control.ListView<?> pasted = robot.lookup("#lessonPasted").queryAs(javafx.scene.control.ListView.class);
        for (int i = 0; i < 8 && pasted.getItems().isEmpty(); i++) {
            Button next = robot.lookup("#lessonNext").queryAs(Button.class);
            if (next.isDisabled()) {
                // A checkpoint: answer it (any choice) to go on.
                robot.interact(() -> pane.answerFirstChoiceForTest());
            }
            robot.interact(() -> robot.lookup("#lessonNext").queryAs(Button.class).fire());
        }
        assertTrue(pasted.getParent().isVisible(), "the lesson's pasted table is shown");
        assertTrue(pasted.getItems().size() > 3);
        assertTrue(pasted.getSelectionModel().getSelectedIndex() >= 0, "its highlighted line is selected");
        String meaning = robot.lookup("#lessonPastedExplanation").queryAs(Label.class).getText();
        assertTrue(meaning.length() > 20, meaning);
        robot.interact(() -> {
            vm.langProperty().set(Lang.ZH);
            window.setLowerEnlarged(true);
        });
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> img[0] = window.root().getScene().snapshot(null));
        try {
            Png.write(img[0], Path.of("target/lesson-paste-zh.png"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
