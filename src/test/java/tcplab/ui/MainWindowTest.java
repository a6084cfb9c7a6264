package tcplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tcplab.i18n.Lang;
import tcplab.sim.ScenarioLoader;
import tcplab.sim.Timeline;
import tcplab.tcp.TcpState;
import tcplab.ui.common.Png;
import tcplab.ui.common.UiSettings;
import tcplab.ui.run.RunViewModel;

/** The real window on headless Monocle, driven as a user drives it. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private RunViewModel vm;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        vm = new RunViewModel();
        vm.langProperty().set(Lang.EN);
        window = new MainWindow(vm, UiSettings.inMemory());
        Panes.install(window);
        vm.load("handshake");
        stage.setScene(window.scene(1280, 800));
        window.attach(stage);
        stage.show();
    }

    private String status(FxRobot robot) {
        return robot.lookup("#status").queryAs(Label.class).getText();
    }

    @Test
    void thePanesOfTabsNotYetOpenedAreMadeWhenTheirTabIsFirstOpened(FxRobot robot) {
        assertTrue(robot.lookup("#netstatPane").tryQuery().isPresent(), "the tab shown at start is there");
        for (String[] tab : new String[][] {{"tab-paste", "#pastePane"}, {"tab-lessons", "#lessonPane"}}) {
            assertFalse(robot.lookup(tab[1]).tryQuery().isPresent(), tab[1] + " before its tab is opened");
            robot.interact(() -> window.selectBottomTab(tab[0]));
            assertTrue(robot.lookup(tab[1]).tryQuery().isPresent(), tab[1] + " once its tab is opened");
        }
        robot.interact(() -> window.selectBottomTab("tab-quiz"));
        assertTrue(robot.lookup("#quiz-start").tryQuery().isPresent());
        assertEquals("Quiz", window.bottomTabs().getSelectionModel().getSelectedItem().getText());
    }

    @Test
    void stepForwardAndBackWithButtonsAndArrowKeys(FxRobot robot) {
        int steps = vm.timeline().steps();
        assertEquals(5, steps, "listen, connect, and the three segments arriving");
        assertTrue(status(robot).endsWith("event 0 of 5"), status(robot));
        robot.clickOn("#forward");
        robot.clickOn("#forward");
        assertEquals(2, vm.step());
        assertTrue(status(robot).contains("event 2 of 5"), status(robot));
        robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        assertEquals(3, vm.step());
        robot.press(KeyCode.LEFT).release(KeyCode.LEFT);
        robot.clickOn("#back");
        assertEquals(1, vm.step());
        robot.press(KeyCode.HOME).release(KeyCode.HOME);
        assertEquals(0, vm.step());
        assertTrue(robot.lookup("#back").queryAs(Button.class).isDisabled(), "nothing to go back to at the start");
    }

    @Test
    void beforeTheFirstEventTheLadderShowsNothingYetEvenThingsAtTimeZero(FxRobot robot) {
        assertEquals(0, vm.step());
        long syn = vm.timeline().flights().get(0).id();
        double[] head = window.ladder().headOnScreen(syn);
        assertEquals(null, window.ladder().flightAt(head[0], head[1]), "the SYN (sent at 0 ms, step 2) is not drawn yet");
        robot.clickOn("#forward");
        robot.clickOn("#forward");
        double[] sent = window.ladder().headOnScreen(syn);
        assertEquals(syn, (long) window.ladder().flightAt(sent[0], sent[1]));
    }

    @Test
    void stepBackShowsExactlyTheEarlierStateOfBothSides(FxRobot robot) {
        for (int i = 0; i < 5; i++) {
            robot.clickOn("#forward");
        }
        assertEquals(TcpState.ESTABLISHED, vm.stateAProperty().get());
        assertEquals(TcpState.ESTABLISHED, vm.stateBProperty().get());
        robot.clickOn("#back"); // before the ACK arrives
        robot.clickOn("#back"); // before the SYN-ACK arrives
        assertEquals(3, vm.step());
        assertEquals(TcpState.SYN_SENT, vm.stateAProperty().get());
        assertEquals(TcpState.SYN_RECEIVED, vm.stateBProperty().get());
    }

    @Test
    void playRunsTheHandshakeToItsEnd(FxRobot robot) throws Exception {
        robot.clickOn("#play");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.atEndProperty().get() && !vm.playingProperty().get());
        assertEquals(TcpState.ESTABLISHED, vm.stateAProperty().get());
        assertEquals(TcpState.ESTABLISHED, vm.stateBProperty().get());
        assertFalse(vm.playingProperty().get());
    }

    @Test
    void theScrubberMovesThePlayhead(FxRobot robot) {
        robot.interact(() -> robot.lookup("#scrubber").queryAs(Slider.class).setValue(150));
        assertEquals(150_000, vm.timeUs());
        assertEquals(TcpState.SYN_SENT, vm.stateAProperty().get());
        assertEquals(TcpState.SYN_RECEIVED, vm.stateBProperty().get());
    }

    @Test
    void clickingASegmentInFlightDropsItAndTheRetransmissionFollows(FxRobot robot) {
        robot.interact(() -> vm.seekMs(50)); // the SYN is half-way
        long synId = vm.timeline().flights().get(0).id();
        double[] head = window.ladder().headOnScreen(synId);
        Point2D onScreen = window.ladder().localToScreen(head[0], head[1]);
        robot.clickOn(onScreen);
        Timeline tl = vm.timeline();
        assertTrue(tl.flight(synId).lost(), "the clicked SYN is lost");
        assertEquals(1_000_000, tl.flights().get(1).startUs(), "and the client sends it again after 1 s");
        assertEquals(synId, (long) vm.selectedSegmentProperty().get());
    }

    @Test
    void clickingAnArrivedSegmentInspectsIt(FxRobot robot) {
        robot.interact(() -> vm.seekMs(250));
        long synAck = vm.timeline().flights().get(1).id();
        double[] head = window.ladder().headOnScreen(synAck);
        robot.clickOn(window.ladder().localToScreen(head[0], head[1]));
        assertEquals(synAck, (long) vm.selectedSegmentProperty().get());
        assertFalse(vm.timeline().flight(synAck).lost());
        assertTrue(robot.lookup(".pane-title").queryAs(Label.class).getText().contains("SYN,ACK"));
        boolean explained = robot.lookup("#inspector .label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText() != null && l.getText().contains("Step 2 of the three-way handshake"));
        assertTrue(explained, "the inspector says what this SYN,ACK is");
    }

    @Test
    void switchingLanguageRelabelsEverything(FxRobot robot) {
        assertEquals("▶ Play", robot.lookup("#play").queryAs(Button.class).getText());
        robot.clickOn("#lang");
        assertEquals(Lang.ZH, vm.langProperty().get());
        assertEquals("▶ 播放", robot.lookup("#play").queryAs(Button.class).getText());
        assertEquals("单步 ▶", robot.lookup("#forward").queryAs(Button.class).getText());
        assertTrue(status(robot).contains("个事件"), status(robot));
        // The choice boxes show their current value in the new language too.
        assertEquals("标准配色", ((javafx.scene.control.ComboBox<?>) robot.lookup("#theme").query()).getButtonCell().getText());
        assertEquals("(按场景设置)", ((javafx.scene.control.ComboBox<?>) robot.lookup("#profile").query()).getButtonCell().getText());
        robot.clickOn("#lang");
        assertEquals("▶ Play", robot.lookup("#play").queryAs(Button.class).getText());
    }

    @Test
    void theEventListFiltersAndJumpsToAnEvent(FxRobot robot) {
        robot.clickOn("Events"); // the netstat tab is shown first
        int all = window.eventList().getItems().size();
        robot.clickOn("#eventFilter").write("SYN_RECEIVED");
        int some = window.eventList().getItems().size();
        assertTrue(some > 0 && some < all, some + " of " + all);
        robot.interact(() -> vm.seekStep(0));
        javafx.scene.Node firstRow = robot.lookup(".table-row-cell").nth(0).query();
        robot.clickOn(firstRow);
        assertTrue(vm.step() > 0, "clicking an event jumps to it");
    }

    @Test
    void theNewUsersPathPlayStatesNetstatLinesAndTheirMeaning(FxRobot robot) throws Exception {
        // issue 4, "done when": play the handshake; the netstat lines go from SYN_SENT and
        // SYN_RECEIVED to ESTABLISHED; click a line and read what it means.
        robot.clickOn("#netstat-host-server");
        robot.clickOn("#forward");
        robot.clickOn("#forward");
        robot.clickOn("#forward");
        assertTrue(netstatText(robot).contains("SYN_RECV"), netstatText(robot));
        robot.clickOn("#netstat-host-client");
        assertTrue(netstatText(robot).contains("SYN_SENT"), netstatText(robot));
        robot.clickOn("#play");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.atEndProperty().get() && !vm.playingProperty().get());
        assertTrue(netstatText(robot).contains("ESTABLISHED"), netstatText(robot));
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<String> list = robot.lookup("#netstat-lines").queryAs(javafx.scene.control.ListView.class);
        int index = -1;
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).contains("ESTABLISHED")) {
                index = i;
            }
        }
        int target = index;
        robot.interact(() -> list.scrollTo(target)); // as a user scrolls to the row
        javafx.scene.Node line = robot.lookup("#netstat-lines .list-cell").match(
                (javafx.scene.Node n) -> ((javafx.scene.control.ListCell<?>) n).getItem() != null
                        && ((javafx.scene.control.ListCell<?>) n).getItem().toString().contains("ESTABLISHED")).query();
        robot.clickOn(line);
        String meaning = robot.lookup("#netstat-explanation").queryAs(Label.class).getText();
        assertTrue(meaning.contains("ESTABLISHED"), meaning);
        robot.clickOn("#lang");
        String zh = robot.lookup("#netstat-explanation").queryAs(Label.class).getText();
        assertTrue(zh.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), zh);
        // Step back: everything exactly as it was, the netstat lines included.
        robot.clickOn("#back");
        robot.clickOn("#back");
        robot.clickOn("#netstat-host-server");
        assertTrue(netstatText(robot).contains("SYN_RECV"), netstatText(robot));
    }

    private static String netstatText(FxRobot robot) {
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<String> lines = robot.lookup("#netstat-lines").queryAs(javafx.scene.control.ListView.class);
        return String.join("\n", lines.getItems());
    }

    @Test
    void spaceStartsAndPausesPlaying(FxRobot robot) {
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        assertTrue(vm.playingProperty().get());
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        assertFalse(vm.playingProperty().get());
    }

    @Test
    void aNewWindowRemembersZoomThemeLanguageAndSpeed(FxRobot robot) {
        UiSettings settings = UiSettings.inMemory();
        robot.interact(() -> {
            RunViewModel first = new RunViewModel();
            MainWindow w = new MainWindow(first, settings);
            w.setZoom(1.5);
            first.langProperty().set(Lang.ZH);
            settings.put("palette", "high-contrast");
        });
        assertEquals(1.5, settings.getDouble("zoom", 1), 1e-9);
        assertEquals("zh", settings.get("lang", null));
        robot.interact(() -> {
            MainWindow again = new MainWindow(new RunViewModel(), settings);
            assertEquals(1.5, again.zoom(), 1e-9);
            assertEquals("high-contrast", again.palette().name());
        });
    }

    @Test
    void theLadderExportsToAPngForSlides(FxRobot robot) throws Exception {
        robot.interact(() -> vm.seekMs(300));
        Path file = Path.of("target/export/handshake-ladder.png");
        Files.deleteIfExists(file);
        robot.interact(() -> {
            try {
                window.exportLadder(file, 1600);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        BufferedImage b = ImageIO.read(file.toFile());
        assertEquals(1600, b.getWidth());
        assertTrue(b.getHeight() > 300, "the whole run, not just the visible part");
    }

    @Test
    void f10GivesTheLowerTabsMostOfTheWindowAndBack(FxRobot robot) {
        javafx.scene.control.SplitPane split = (javafx.scene.control.SplitPane) window.root().lookup(".split-pane:vertical");
        double before = split == null ? 0.6 : split.getDividerPositions()[0];
        robot.press(KeyCode.F10).release(KeyCode.F10);
        assertTrue(robot.lookup("#enlargeLower").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
        robot.press(KeyCode.F10).release(KeyCode.F10);
        assertFalse(robot.lookup("#enlargeLower").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
        assertTrue(before > 0.5);
    }

    @Test
    void zoomScalesTheText(FxRobot robot) {
        double before = window.zoom();
        robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        assertTrue(window.zoom() > before);
        assertTrue(window.root().getStyle().contains("-fx-font-size: 1"), window.root().getStyle());
    }

    @Test
    void everyBuiltinScenarioRendersToANonBlankPng(FxRobot robot) throws Exception {
        Path dir = Path.of("target/screenshots");
        Files.createDirectories(dir);
        for (String name : ScenarioLoader.BUILTIN) {
            WritableImage[] img = new WritableImage[1];
            robot.interact(() -> {
                vm.load(name);
                vm.seekMs(vm.endMsProperty().get() / 2);
                img[0] = window.root().getScene().snapshot(null);
            });
            Path file = dir.resolve(name + ".png");
            Png.write(img[0], file);
            BufferedImage b = ImageIO.read(file.toFile());
            assertEquals(1280, b.getWidth());
            // Not blank: many different colours, and a good share of pixels away from the background.
            java.util.Set<Integer> colours = new java.util.HashSet<>();
            int drawn = 0;
            int bg = b.getRGB(b.getWidth() / 3, b.getHeight() / 2 + 5);
            for (int y = 0; y < b.getHeight(); y += 3) {
                for (int x = 0; x < b.getWidth(); x += 3) {
                    int p = b.getRGB(x, y);
                    colours.add(p);
                    if (p != bg) {
                        drawn++;
                    }
                }
            }
            assertTrue(colours.size() > 50, name + ": only " + colours.size() + " colours");
            assertTrue(drawn > 5000, name + ": only " + drawn + " drawn pixels");
        }
    }

    /**
     * Issue 15: the window loaded scenario files on its UI thread (a 20 MB file froze it for
     * minutes). Now the file loads beside it: the loading row names it with a progress bar, the
     * window keeps answering, and Cancel stops it and keeps the run shown.
     */
    @Test
    void aLargeScenarioFileLoadsOffTheUiThreadWithProgressAndCancel(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path f = Files.writeString(dir.resolve("many.yaml"), "scenario: many\ntitle: {en: Many, zh: 多}\n"
                + "hosts: {c: {address: 10.0.0.1}, s: {address: 10.0.0.2}}\nactions:\n  - {at: 0, host: s, do: listen, port: 80}\n"
                + "  - {at: 0, host: c, do: connect, to: 's:80', count: 100000, interval_ms: 1}\n");
        assertFalse(robot.lookup("#loading-row").query().isVisible(), "no loading row while nothing loads");
        robot.interact(() -> window.openScenarioFile(f));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.loadProgressProperty().get() > 0);
        assertTrue(robot.lookup("#loading-row").query().isVisible());
        assertEquals("Loading " + f + "…", robot.lookup("#loading-file").queryAs(Label.class).getText());
        robot.clickOn("#forward"); // the window still answers while the file loads
        assertEquals(1, vm.step());
        robot.clickOn("#loading-cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#loading-row").query().isVisible());
        assertEquals("handshake", vm.scenarioProperty().get().name(), "the run shown stays");
        Path bomb = Files.writeString(dir.resolve("loop.yaml"),
                "scenario: s\ntitle: {en: x, zh: x}\nhosts: &h {client: {address: 10.0.0.1}, loop: *h}\nactions: []\n");
        robot.interact(() -> window.openScenarioFile(bomb));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#error").queryAs(Label.class).getText().startsWith(bomb + ":3: anchors and aliases are not used"),
                robot.lookup("#error").queryAs(Label.class).getText());
    }
}
