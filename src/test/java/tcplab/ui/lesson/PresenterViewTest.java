package tcplab.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tcplab.i18n.Lang;
import tcplab.lesson.Lesson;
import tcplab.lesson.LessonLoader;
import tcplab.lesson.LessonRun;
import tcplab.lesson.LessonViewModel;
import tcplab.ui.MainWindow;
import tcplab.ui.Panes;
import tcplab.ui.common.UiSettings;
import tcplab.ui.run.RunViewModel;

/** The presenter view run by a clicker in a 1024×768 window (headless Monocle: one display). */
@ExtendWith(ApplicationExtension.class)
class PresenterViewTest {
    private RunViewModel vm;
    private MainWindow window;
    private Stage stage;
    private LessonView pane;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        vm = new RunViewModel();
        vm.langProperty().set(Lang.EN);
        window = new MainWindow(vm, UiSettings.inMemory());
        Panes.install(window, false);
        vm.load("handshake");
        stage.setScene(window.scene(1024, 768));
        window.attach(stage);
        stage.show();
    }

    private void openLesson(FxRobot robot, String id) {
        robot.interact(() -> {
            pane = (LessonView) window.selectBottomTab("tab-lessons").getContent();
            assertTrue(pane.open(id, 0));
        });
    }

    private void key(FxRobot robot, KeyCode k) {
        robot.press(k).release(k);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String position(FxRobot robot) {
        return robot.lookup("#presenterPosition").queryAs(Label.class).getText();
    }

    @Test
    void theClickerKeysDriveTheHandshakeLessonFromStartToEnd(FxRobot robot) {
        openLesson(robot, "handshake");
        robot.clickOn("#lessonPresenter");
        PresenterView p = pane.presenter();
        assertNotNull(p);
        assertSame(p, stage.getScene().getRoot(), "one display: the window itself becomes the presenter view");
        assertEquals("1 / 5", position(robot));
        LessonViewModel lesson = pane.lesson();

        key(robot, KeyCode.PAGE_DOWN);
        assertEquals("2 / 5", position(robot));
        assertEquals(LessonViewModel.Phase.QUESTION, lesson.phase());
        key(robot, KeyCode.DIGIT2);
        assertEquals("Right: you chose “SYN_SENT”.", robot.lookup("#presenterFeedback").queryAs(Label.class).getText());

        key(robot, KeyCode.SPACE);
        assertEquals("3 / 5", position(robot));
        key(robot, KeyCode.DIGIT1); // ACK: wrong
        assertTrue(robot.lookup("#presenterFeedback").queryAs(Label.class).getText().startsWith("Not quite: you chose “ACK”"));
        key(robot, KeyCode.ENTER);
        assertEquals("4 / 5", position(robot));
        key(robot, KeyCode.DIGIT2);
        key(robot, KeyCode.RIGHT);
        assertEquals("5 / 5", position(robot));
        key(robot, KeyCode.PAGE_DOWN);
        assertEquals("5 / 5", position(robot), "the last step stays");
        assertTrue(lesson.atEnd());

        key(robot, KeyCode.PAGE_UP);
        assertEquals("4 / 5", position(robot));
        assertEquals(LessonViewModel.Phase.ANSWERED, lesson.phase(), "back shows the answered checkpoint, not the question again");
        key(robot, KeyCode.LEFT);
        assertEquals("3 / 5", position(robot));
        assertTrue(robot.lookup("#presenterFeedback").queryAs(Label.class).getText().contains("“ACK”"));
    }

    @Test
    void aClickerWithOnlyPageDownRevealsEachAnswerAndReachesTheEnd(FxRobot robot) {
        openLesson(robot, "handshake");
        robot.clickOn("#lessonPresenter");
        LessonViewModel lesson = pane.lesson();
        key(robot, KeyCode.PAGE_DOWN);
        assertEquals("2 / 5", position(robot));
        assertEquals(LessonViewModel.Phase.QUESTION, lesson.phase());
        key(robot, KeyCode.PAGE_DOWN);
        assertEquals("2 / 5", position(robot), "the first press at a question shows its answer");
        assertEquals("The simulation shows “SYN_SENT”.", robot.lookup("#presenterFeedback").queryAs(Label.class).getText());
        for (int i = 0; i < 20 && !lesson.atEnd(); i++) {
            key(robot, KeyCode.PAGE_DOWN);
        }
        assertEquals("5 / 5", position(robot));
        assertTrue(lesson.atEnd());
    }

    @Test
    void theClickerBlanksTheScreenWithBOrAFullStopAndLeavesWithEscape(FxRobot robot) {
        openLesson(robot, "handshake");
        robot.clickOn("#lessonPresenter");
        PresenterView p = pane.presenter();
        key(robot, KeyCode.B);
        assertTrue(p.blackedOut());
        key(robot, KeyCode.PAGE_DOWN);
        assertFalse(p.blackedOut(), "any key brings the picture back");
        assertEquals("1 / 5", position(robot), "without moving on");
        key(robot, KeyCode.PERIOD);
        assertTrue(p.blackedOut());
        key(robot, KeyCode.ESCAPE);
        assertFalse(p.blackedOut());
        key(robot, KeyCode.ESCAPE);
        assertNull(pane.presenter());
        assertSame(window.root(), stage.getScene().getRoot(), "Esc gives the window back");
    }

    @Test
    void aSecondClickNeverOpensASecondPresenter(FxRobot robot) {
        openLesson(robot, "closing");
        robot.interact(() -> pane.openPresenter());
        PresenterView first = pane.presenter();
        robot.interact(() -> pane.openPresenter());
        assertSame(first, pane.presenter());
        assertEquals(1, robot.lookup("#presenter").queryAll().size());
        assertEquals(1, robot.listWindows().size());
    }

    @Test
    void theWindowsArrowKeysDriveAnOpenLessonNotTheSimulation(FxRobot robot) throws Exception {
        openLesson(robot, "handshake");
        LessonRun run = pane.lesson().run();
        robot.clickOn("#lessonList"); // focus somewhere that is not a text field
        key(robot, KeyCode.RIGHT);
        assertEquals(1, pane.index());
        assertEquals(run.frames().get(0).simStep(), vm.step(), "the question's frame: the simulation did not step into its answer");
        key(robot, KeyCode.PAGE_DOWN);
        assertEquals(1, pane.index(), "waits for the answer");
        key(robot, KeyCode.LEFT);
        assertEquals(0, pane.index());
    }

    @Test
    void everyStepFitsA1024x768ProjectorInBigText(FxRobot robot) {
        openLesson(robot, "closing");
        robot.clickOn("#lessonPresenter");
        LessonViewModel lesson = pane.lesson();
        for (int i = 0; i < lesson.size(); i++) {
            if (lesson.phase() == LessonViewModel.Phase.QUESTION) {
                checkFits(robot, lesson);
                key(robot, KeyCode.DIGIT1);
            }
            checkFits(robot, lesson);
            key(robot, KeyCode.PAGE_DOWN);
        }
    }

    @Test
    void everyStepOfEveryLessonFitsTheProjectorInBothLanguages(FxRobot robot) throws Exception {
        List<String> tooBig = new java.util.ArrayList<>();
        for (Lang lang : Lang.values()) {
            robot.interact(() -> vm.langProperty().set(lang));
            for (LessonLoader.Loaded l : LessonLoader.checkDir(Path.of("lessons"))) {
                openLesson(robot, l.lesson().id());
                robot.clickOn("#lessonPresenter");
                LessonViewModel lesson = pane.lesson();
                for (int i = 0; i < lesson.size(); i++) {
                    if (lesson.phase() == LessonViewModel.Phase.QUESTION) {
                        fits(robot, lesson, lang, tooBig);
                        robot.interact(() -> lesson.answer(0));
                    }
                    fits(robot, lesson, lang, tooBig);
                    robot.interact(lesson::next);
                }
                key(robot, KeyCode.ESCAPE);
            }
        }
        assertEquals(List.of(), tooBig, "texts too long for a 1024×768 projector: shorten the narration, setup or choices");
    }

    private void fits(FxRobot robot, LessonViewModel lesson, Lang lang, List<String> tooBig) {
        try {
            checkFits(robot, lesson);
        } catch (AssertionError e) {
            tooBig.add(lang + " " + e.getMessage());
        }
    }

    private void checkFits(FxRobot robot, LessonViewModel lesson) {
        for (String id : List.of("#presenterNarration", "#presenterSetup", "#presenterQuestion", "#presenterChoices", "#presenterPosition")) {
            Node n = robot.lookup(id).query();
            if (!n.isVisible()) {
                continue;
            }
            Bounds b = n.localToScene(n.getBoundsInLocal());
            String where = pane.lesson().run().lesson().id() + " " + id + " at step " + (lesson.index() + 1) + " " + lesson.phase();
            assertTrue(b.getMinX() >= 0 && b.getMaxX() <= 1024.5 && b.getMinY() >= 0 && b.getMaxY() <= 768.5, where + ": " + b);
            if (n instanceof Label l) {
                assertTrue(l.getFont().getSize() >= PresenterView.TEXT, where + " is read from the back of the room");
                assertFalse(l.getText().endsWith("…") || l.getText().endsWith("..."), where);
            }
        }
    }

    @Test
    void noTeachersNoteIsAnywhereInThePresenterViewOfAnyLesson(FxRobot robot) throws Exception {
        List<LessonLoader.Loaded> all = LessonLoader.checkDir(Path.of("lessons"));
        int notesSeen = 0;
        for (LessonLoader.Loaded l : all) {
            LessonRun run = LessonRun.of(l.lesson());
            for (Lang lang : Lang.values()) {
                LessonViewModel lesson = new LessonViewModel(run, lang);
                PresenterView[] p = new PresenterView[1];
                robot.interact(() -> p[0] = new PresenterView(lesson));
                for (int i = 0; i < lesson.size(); i++) {
                    robot.interact(() -> lesson.answer(0)); // a question, then its answer: both shown
                    List<String>[] texts = new List[1];
                    robot.interact(() -> texts[0] = p[0].texts());
                    for (Lesson.Step st : l.lesson().steps()) {
                        String note = st.notes(lang);
                        if (note.isEmpty()) {
                            continue;
                        }
                        notesSeen++;
                        for (String t : texts[0]) {
                            assertFalse(t.contains(note), l.lesson().id() + ": a teacher's note in the presenter view: " + note);
                        }
                    }
                    robot.interact(lesson::next);
                }
                robot.interact(() -> p[0].dispose());
            }
        }
        assertTrue(notesSeen > 20, "the lessons have notes to hide: " + notesSeen);
    }

    @Test
    void theCopiedPictureOfAStepIsAPngForSlides(FxRobot robot, @TempDir Path dir) throws Exception {
        LessonView.setSlidesDir(dir);
        try {
            openLesson(robot, "handshake");
            robot.interact(() -> pane.lesson().next());
            Path[] file = new Path[1];
            robot.interact(() -> file[0] = pane.copyPicture());
            assertEquals(dir.resolve("handshake-step2-question-en.png"), file[0]);
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(file[0].toFile());
            assertEquals(1024, img.getWidth());
            assertEquals(768, img.getHeight());
            assertTrue(robot.lookup("#lessonStatus").queryAs(Label.class).getText().contains(file[0].toString()));
            robot.interact(() -> assertTrue(javafx.scene.input.Clipboard.getSystemClipboard().hasImage()));
            assertTrue(Files.size(file[0]) < 400_000, "a modest PNG");
        } finally {
            LessonView.setSlidesDir(null);
        }
    }
}
