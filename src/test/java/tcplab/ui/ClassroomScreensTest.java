package tcplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tcplab.i18n.Lang;
import tcplab.ui.common.UiSettings;
import tcplab.ui.run.LadderView;
import tcplab.ui.run.RunViewModel;
import tcplab.ui.run.StateDiagramLayout;
import tcplab.ui.run.StateDiagramView;
import tcplab.tcp.TcpState;

/**
 * The window on the screens classrooms have (a 1024×768 projector, a 1366×768 laptop), at the
 * zoom a teacher sets for the back row: it fits, every action keeps its words, nothing collapses,
 * zooming out restores the layout, and the state diagram's names are read by OCR.
 */
@ExtendWith(ApplicationExtension.class)
class ClassroomScreensTest {
    /** Every action of the controls above the ladder, by id. */
    private static final List<String> ACTIONS = List.of("scenario", "reset", "back", "play", "forward", "speed", "profile",
            "delay", "loss", "absolute", "lang", "theme", "zoomOut", "zoomIn", "fullscreen", "enlargeLower", "more");

    private Stage stage;
    private MainWindow window;
    private RunViewModel vm;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.show();
    }

    /** A new window of {@code w}×{@code h} in {@code lang}, the handshake at 150 ms, as the screenshots show it. */
    private void open(FxRobot robot, int w, int h, Lang lang) {
        robot.interact(() -> {
            vm = new RunViewModel();
            vm.langProperty().set(lang);
            window = new MainWindow(vm, UiSettings.inMemory());
            Panes.install(window, false);
            vm.load("handshake");
            stage.setScene(window.scene(w, h));
            window.attach(stage);
            vm.seekMs(150);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void zoomIn(FxRobot robot, int steps) {
        for (int i = 0; i < steps; i++) {
            robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Scene scene() {
        return stage.getScene();
    }

    private Bounds inScene(Node n) {
        return n.localToScene(n.getLayoutBounds());
    }

    private void fitsInTheScene(Node n, String what) {
        Bounds b = inScene(n);
        assertTrue(b.getMinX() >= -0.5 && b.getMinY() >= -0.5 && b.getMaxX() <= scene().getWidth() + 0.5
                && b.getMaxY() <= scene().getHeight() + 0.5, what + " " + b + " is not inside the "
                + scene().getWidth() + "x" + scene().getHeight() + " window");
    }

    /** The words a labelled control shows on screen (a clipped "Full scr…" is not its label). */
    private static String shownText(Parent p) {
        for (Node c : p.getChildrenUnmodifiable()) {
            if (c instanceof Text t && t.isVisible()) {
                return t.getText();
            }
            if (c instanceof Parent inner && c.isVisible()) {
                String s = shownText(inner);
                if (!s.isEmpty()) {
                    return s;
                }
            }
        }
        return "";
    }

    /** A group's words: its label, its button's text, or the value its list shows ("Standard colours"). */
    private static boolean hasWords(Node first) {
        if (first instanceof Labeled l) {
            return !l.getText().isBlank();
        }
        return first instanceof javafx.scene.control.ComboBox<?> c && c.getButtonCell() != null
                && c.getButtonCell().getText() != null && !c.getButtonCell().getText().isBlank();
    }

    /**
     * Every action is either in the bar, whole, inside the window and showing its full label; or
     * in the More menu, in its labelled group.
     */
    private void everyActionIsLabelledAndReachable(String where) {
        List<String> inMore = window.controlsInMore();
        for (String id : ACTIONS) {
            Node n = window.root().lookup("#" + id);
            boolean viaMore = inMore.contains(id);
            if (!viaMore) {
                assertTrue(n != null && n.getScene() != null && n.isVisible(), where + ": " + id + " is neither shown nor in More");
                fitsInTheScene(n, where + ": " + id);
                if (n instanceof Labeled l) {
                    assertFalse(l.getText().isBlank(), where + ": " + id + " has no label");
                    assertEquals(l.getText(), shownText(l), where + ": " + id + " is cut short");
                } else if (n instanceof TextField f) {
                    assertFalse(f.getPromptText().isBlank(), where + ": " + id + " has no prompt");
                } else {
                    assertTrue(n instanceof ComboBoxBase, id);
                }
            } else {
                MenuButton more = (MenuButton) window.root().lookup("#more");
                boolean labelled = false;
                for (MenuItem item : more.getItems()) {
                    if (item instanceof javafx.scene.control.CustomMenuItem c && c.getContent() instanceof javafx.scene.layout.HBox g
                            && id.equals(g.getChildren().get(g.getChildren().size() - 1).getId())) {
                        // Its label travels with it: a Label before the field, or the button's own text.
                        labelled = hasWords(g.getChildren().get(0));
                    }
                }
                assertTrue(labelled, where + ": " + id + " is in More without its label");
            }
        }
        MenuButton more = (MenuButton) window.root().lookup("#more");
        for (MenuItem item : more.getItems()) {
            if (!(item instanceof javafx.scene.control.SeparatorMenuItem) && !(item instanceof javafx.scene.control.CustomMenuItem)) {
                assertFalse(item.getText() == null || item.getText().isBlank(), where + ": an entry of More has no words");
            }
        }
    }

    private double[] dividers() {
        List<Double> all = new ArrayList<>();
        for (Node n : window.root().lookupAll(".split-pane")) {
            for (double d : ((SplitPane) n).getDividerPositions()) {
                all.add(d);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

        @ParameterizedTest(name = "{0}x{1} {2}")
        @CsvSource({"1024, 768, EN", "1024, 768, ZH", "1366, 768, EN", "1366, 768, ZH"})
        void theWindowFitsAndEveryActionIsLabelled(int w, int h, Lang lang, FxRobot robot) {
            open(robot, w, h, lang);
            robot.interact(() -> {
                everyActionIsLabelledAndReachable(w + "x" + h + " " + lang + " at 100 %");
                assertTrue(window.controlsInMore().isEmpty(), "at 100 % everything is in the bar: " + window.controlsInMore());
                fitsInTheScene(window.root().lookup("#netstatPane"), "the netstat pane");
                fitsInTheScene(window.root().lookup("#stateDiagramScroll"), "the state diagram");
            });
        }

        @ParameterizedTest(name = "{0}x{1} {2}")
        @CsvSource({"1024, 768, EN", "1024, 768, ZH", "1366, 768, EN", "1366, 768, ZH"})
        void afterThreeZoomStepsEveryActionIsStillLabelledAndReachable(int w, int h, Lang lang, FxRobot robot) {
            open(robot, w, h, lang);
            zoomIn(robot, 3);
            assertEquals(1.5, window.zoom(), 1e-9);
            robot.interact(() -> everyActionIsLabelledAndReachable(w + "x" + h + " " + lang + " at 150 %"));
        }

        @ParameterizedTest(name = "{0}x{1} {2}")
        @CsvSource({"1024, 768, EN", "1024, 768, ZH", "1366, 768, ZH"})
        void at200PercentTheLanesAndTheNetstatPaneKeepTheirRoom(int w, int h, Lang lang, FxRobot robot) {
            open(robot, w, h, lang);
            zoomIn(robot, 5);
            assertEquals(2.0, window.zoom(), 1e-9);
            robot.interact(() -> {
                everyActionIsLabelledAndReachable(w + "x" + h + " " + lang + " at 200 %");
                LadderView ladder = window.ladder();
                assertTrue(ladder.getWidth() >= ladder.lanesMinWidth() - 1, "the ladder is " + ladder.getWidth()
                        + " px wide, its lifelines need " + ladder.lanesMinWidth());
                assertTrue(ladder.getHeight() >= 120, "the ladder is " + ladder.getHeight() + " px high");
                Node lines = window.root().lookup("#netstat-lines");
                double row = ((javafx.scene.control.ListView<?>) lines).getFixedCellSize() > 0
                        ? ((javafx.scene.control.ListView<?>) lines).getFixedCellSize() : tcplab.ui.common.Fonts.READ_PX * 2 * 1.4;
                assertTrue(lines.getLayoutBounds().getHeight() >= 2 * row, "the netstat lines are "
                        + lines.getLayoutBounds().getHeight() + " px high: fewer than two lines");
                fitsInTheScene(window.root().lookup("#netstatPane"), "the netstat pane at 200 %");
            });
        }

    @Test
    void zoomingOutRestoresTheLayoutZoomingInChanged(FxRobot robot) {
        open(robot, 1024, 768, Lang.ZH);
        double[] before = dividers();
        List<Node> barBefore = new ArrayList<>(((Parent) window.root().lookup("#controls")).getChildrenUnmodifiable());
        zoomIn(robot, 5);
        assertFalse(window.controlsInMore().isEmpty(), "at 200 % on 1024x768 some settings wait in More");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, window.zoom(), 1e-9);
        assertTrue(window.controlsInMore().isEmpty(), "back at 100 %, More holds only its own entries");
        assertEquals(barBefore, ((Parent) window.root().lookup("#controls")).getChildrenUnmodifiable());
        double[] after = dividers();
        assertEquals(before.length, after.length);
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i], after[i], 0.01, "divider " + i);
        }
    }

        private StateDiagramView diagram() {
            return (StateDiagramView) window.root().lookup("#stateDiagram");
        }

        /** The size of the netstat text as drawn: a line of the table. */
        private double netstatTextSize() {
            for (Node n : window.root().lookupAll("#netstat-lines .list-cell")) {
                if (n instanceof ListCell<?> c && c.getText() != null && !c.getText().isBlank()) {
                    return c.getFont().getSize();
                }
            }
            throw new AssertionError("no netstat line drawn");
        }

        @ParameterizedTest(name = "{0}x{1} zoom {2}")
        @CsvSource({"1024, 768, 0", "1024, 768, 3", "1366, 768, 0", "1366, 768, 5"})
        void stateNamesAreAtLeastAsLargeAsTheNetstatText(int w, int h, int steps, FxRobot robot) {
            open(robot, w, h, Lang.EN);
            zoomIn(robot, steps);
            robot.interact(() -> {
                double names = diagram().drawnStateFontSize();
                double netstat = netstatTextSize();
                assertTrue(names >= netstat - 0.05, "state names " + names + " px, netstat text " + netstat + " px");
            });
        }

        @Test
        void atDefaultZoomOn1024x768TheWholeDiagramIsInViewWithoutScrolling(FxRobot robot) {
            open(robot, 1024, 768, Lang.ZH);
            robot.interact(() -> {
                javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) window.root().lookup("#stateDiagramScroll");
                Bounds view = scroll.getViewportBounds();
                assertTrue(view.getWidth() >= diagram().getWidth() - 0.5 && view.getHeight() >= diagram().getHeight() - 0.5,
                        "viewport " + view + ", diagram " + diagram().getWidth() + "x" + diagram().getHeight());
            });
        }

        @Test
        void tesseractReadsEveryStateNameOnA1024x768Screenshot(FxRobot robot) throws Exception {
            Assumptions.assumeTrue(tesseract(), "tesseract is not installed here (apt-get install tesseract-ocr; .ci/run installs it)");
            open(robot, 1024, 768, Lang.EN);
            Path dir = Path.of("target", "ocr");
            Files.createDirectories(dir);
            List<String> misread = new ArrayList<>();
            WritableImage[] shot = new WritableImage[1];
            List<Bounds> boxes = new ArrayList<>();
            List<String> names = new ArrayList<>();
            robot.interact(() -> {
                shot[0] = scene().snapshot(null);
                StateDiagramView d = diagram();
                for (StateDiagramLayout.Node n : d.diagramLayout().nodes()) {
                    boxes.add(d.localToScene(d.drawnNode(n.id())));
                    names.add(n.state().rfcName());
                }
            });
            writePng(shot[0], 0, 0, (int) shot[0].getWidth(), (int) shot[0].getHeight(), dir.resolve("window-1024x768.png"));
            assertEquals(12, names.size(), "eleven states, CLOSED drawn twice");
            for (int i = 0; i < names.size(); i++) {
                Bounds b = boxes.get(i);
                // The box without its border: what is inside is the name as the class sees it.
                int x = (int) Math.ceil(b.getMinX() + 3);
                int y = (int) Math.ceil(b.getMinY() + 3);
                int bw = (int) Math.floor(b.getWidth() - 6);
                int bh = (int) Math.floor(b.getHeight() - 6);
                Path png = dir.resolve(i + "-" + names.get(i) + ".png");
                writePng(shot[0], x, y, bw, bh, png);
                String read = ocr(png);
                if (!letters(read).contains(letters(names.get(i)))) {
                    misread.add(names.get(i) + " read as \"" + read.trim() + "\" (" + png + ")");
                }
            }
            assertTrue(misread.isEmpty(), "not read: " + misread);
        }

    /** Letters and digits only, with the shapes OCR confuses (I, l, | and 1; O and 0) made one. */
    static String letters(String s) {
        return s.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9|]", "").replaceAll("[IL|1]", "1").replace('O', '0');
    }

    private static boolean tesseract() {
        try {
            Process p = new ProcessBuilder("tesseract", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One line of text (page segmentation mode 7), as tesseract reads it. */
    private static String ocr(Path png) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tesseract", png.toString(), "-", "--psm", "7").redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tesseract did not finish");
        return out;
    }

    private static void writePng(WritableImage img, int x0, int y0, int w, int h, Path file) throws IOException {
        PixelReader r = img.getPixelReader();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, r.getArgb(x0 + x, y0 + y));
            }
        }
        ImageIO.write(out, "png", file.toFile());
    }
}
