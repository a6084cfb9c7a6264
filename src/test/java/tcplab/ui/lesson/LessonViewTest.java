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
class LessonViewTest {
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
        LessonView pane = robot.lookup("#lessonPane").queryAs(LessonView.class);
        robot.interact(() -> pane.open(3)); // ports, netstat-reading, port-ranges, handshake
        assertEquals(0, pane.index());
        assertEquals(expected.frames().get(0).simStep(), vm.step());
        assertTrue(robot.lookup("#lessonNarration").queryAs(Label.class).getText().contains("nginx"));

        robot.clickOn("#lessonNext");
        // Step 2 asks first: the simulation waits where step 1 left it, and Next would only show the answer.
        assertTrue(robot.lookup("#lessonSetup").queryAs(Label.class).getText().startsWith("The server is listening"));
        assertEquals(expected.frames().get(0).simStep(), vm.step());
        assertEquals("Show the answer ▶", robot.lookup("#lessonNext").queryAs(Button.class).getText());
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
        assertEquals(expected.frames().get(1).simStep(), vm.step(), "answered: Next shows the answer, it does not ask again");
        assertEquals("Right: you chose “SYN_SENT”.", robot.lookup("#lessonFeedback").queryAs(Label.class).getText());
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
    void theTeachersNotesAreBehindAToggleThatPresentingInTheWindowTurnsOff(FxRobot robot) throws Exception {
        robot.interact(() -> window.bottomTabs().getSelectionModel().select(3));
        LessonView pane = robot.lookup("#lessonPane").queryAs(LessonView.class);
        robot.interact(() -> pane.open("closing", 6)); // the last step of closing has a teacher's note
        Label notes = robot.lookup("#lessonNotes").queryAs(Label.class);
        assertTrue(!notes.isVisible(), "off until the teacher asks for them");
        javafx.scene.control.ToggleButton toggle = robot.lookup("#lessonNotesToggle").queryAs(javafx.scene.control.ToggleButton.class);
        robot.clickOn(toggle);
        assertTrue(notes.isVisible() && notes.getText().startsWith("Teacher's notes: "), notes.getText());
        robot.clickOn("#lessonPresenter");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!toggle.isSelected() && !notes.isVisible(), "presenting in this window: the notes toggle goes off");
        Label big = robot.lookup("#presenterNarration").queryAs(Label.class);
        assertTrue(big.getText().startsWith("The client receives the FIN") || !big.getText().isBlank(), big.getText());
        assertTrue(big.getFont().getSize() >= PresenterView.TEXT, "projector-sized text");
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> img[0] = big.getScene().snapshot(null));
        Png.write(img[0], Path.of("target/lesson-presenter.png"));
    }

    @Test
    void aQuestionAboutALineHasTheTableBesideItWithTheLineMarked(FxRobot robot) {
        robot.interact(() -> window.bottomTabs().getSelectionModel().select(3));
        LessonView pane = robot.lookup("#lessonPane").queryAs(LessonView.class);
        robot.interact(() -> pane.open("netstat-reading", 1)); // "What does line 6 mean?"
        javafx.scene.control.ListView<?> table = robot.lookup("#lessonPasted").queryAs(javafx.scene.control.ListView.class);
        assertTrue(table.isVisible() && table.getParent().isVisible());
        assertEquals(5, table.getSelectionModel().getSelectedIndex(), "line 6 selected");
        assertTrue(String.valueOf(table.getItems().get(5)).contains("0.0.0.0:135"));
        assertTrue(robot.lookup("#lessonSetup").queryAs(Label.class).getText().contains("line 6 marked"));
        assertTrue(!robot.lookup("#lessonNarration").queryAs(Label.class).isVisible(), "the narration waits for the answer");
        assertTrue(robot.lookup("#lessonPastedExplanation").queryAs(Label.class).getText().startsWith("What the marked line means comes with"),
                "so does the explanation of the line asked about");
        robot.clickOn("Someone is talking to this machine on port 135");
        Label feedback = robot.lookup("#lessonFeedback").queryAs(Label.class);
        assertEquals("Not quite: you chose “Someone is talking to this machine on port 135”; the simulation shows"
                + " “Port 135 of this machine is open and waiting for connections”.", feedback.getText());
        assertTrue(feedback.getStyle().contains("#b3261e"), "wrong in red");
    }

    @Test
    void aTablePastedByTheLessonIsShownSelectedAndExplainedInTheWindow(FxRobot robot) {
        robot.interact(() -> window.bottomTabs().getSelectionModel().select(3));
        LessonView pane = robot.lookup("#lessonPane").queryAs(LessonView.class);
        robot.interact(() -> pane.open(1)); // netstat-reading: pastes the article's table
        javafx.scene.control.ListView<?> pasted = robot.lookup("#lessonPasted").queryAs(javafx.scene.control.ListView.class);
        // Every step shows its table beside the text (first fdlpw's netstat); go on to the article's paste.
        Label tableTitle = robot.lookup("#lessonTableTitle").queryAs(Label.class);
        for (int i = 0; i < 8 && !tableTitle.getText().equals("The table pasted by the lesson"); i++) {
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
        // The line is explained in its table, as the explain tab and `tcplab explain` explain it
        // (alone, a connection's direction would only be guessed from its ports).
        String paste = String.join("\n", pasted.getItems().stream().map(Object::toString).toList());
        tcplab.netstat.ExplainedTable table = tcplab.netstat.ExplainedTable.of(paste, Lang.EN);
        assertEquals(table.row(pasted.getSelectionModel().getSelectedIndex()).explanation(), meaning);
        int dependsOnTable = 0;
        for (int i = 0; i < pasted.getItems().size(); i++) {
            int k = i;
            robot.interact(() -> pasted.getSelectionModel().clearAndSelect(k));
            tcplab.netstat.ExplainedTable.Row row = table.row(i);
            if (row != null && row.explanation() != null) { // a last empty item after the final line break has no row
                assertEquals(row.explanation(), robot.lookup("#lessonPastedExplanation").queryAs(Label.class).getText(), "line " + (i + 1));
                dependsOnTable += row.explanation().equals(tcplab.netstat.ExplainedTable.of(row.text(), Lang.EN).row(0).explanation()) ? 0 : 1;
            }
        }
        assertTrue(dependsOnTable > 0, "some line reads differently without its table (its direction)");
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
