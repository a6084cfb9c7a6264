package tcplab.ui.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tcplab.i18n.Lang;
import tcplab.ui.MainWindow;
import tcplab.ui.Panes;
import tcplab.ui.common.Tables;
import tcplab.ui.common.UiSettings;
import tcplab.ui.run.RunViewModel;

/**
 * Room for the netstat lines in the real window at classroom sizes: with the SYN_FLOOD warning
 * shown, the rows the lesson is about are in view, not behind a scroll bar (at a projector's
 * 1024x768 the list once showed only its header line).
 */
@ExtendWith(ApplicationExtension.class)
class NetstatRoomTest {
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage primary) {
        // Each size gets a stage of its own (below): Monocle's painter does not follow a shown
        // stage that is resized.
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(this::closeWindow);
    }

    private void closeWindow() {
        if (window != null) {
            window.dispose();
            window = null;
        }
        if (stage != null) {
            stage.close();
            stage = null;
        }
    }

    /** The window at {@code w} x {@code h} on the syn-flood server at 3000 ms, netstat tab in front. */
    private void show(FxRobot robot, int w, int h, Lang lang, String palette, double zoom) {
        robot.interact(() -> {
            closeWindow();
            RunViewModel vm = new RunViewModel();
            vm.langProperty().set(lang);
            UiSettings settings = UiSettings.inMemory();
            settings.put("palette", palette);
            settings.putDouble("zoom", zoom);
            window = new MainWindow(vm, settings);
            Panes.install(window, false);
            vm.load("syn-flood");
            stage = new Stage();
            stage.setScene(window.scene(w, h));
            stage.show();
            vm.seekMs(3000);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            Scene s = stage.getScene();
            s.getRoot().applyCss();
            s.getRoot().layout();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(w, stage.getScene().getWidth(), 0.5);
        assertEquals(h, stage.getScene().getHeight(), 0.5);
    }

    @SuppressWarnings("unchecked")
    private ListView<String> lines(FxRobot robot) {
        return robot.lookup("#netstat-lines").queryAs(ListView.class);
    }

    /** How many rows of {@code list} are on screen whole (not cut by its edges or a scroll bar). */
    static int wholeRowsInView(ListView<?> list) {
        VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        double viewport = flow.getHeight();
        for (Node n : flow.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL && bar.isVisible()) {
                viewport -= bar.getHeight();
            }
        }
        int whole = 0;
        for (int i = 0; i < flow.getCellCount(); i++) {
            IndexedCell<?> cell = flow.getVisibleCell(i);
            if (cell == null || !cell.isVisible()) {
                continue;
            }
            Bounds b = flow.sceneToLocal(cell.localToScene(cell.getLayoutBounds()));
            if (b.getMinY() >= -0.5 && b.getMaxY() <= viewport + 0.5) {
                whole++;
            }
        }
        return whole;
    }

    /** {@code inner} lies whole inside {@code outer}, on screen. */
    private static void assertInside(Node outer, Node inner, String what) {
        Bounds o = outer.localToScene(outer.getLayoutBounds());
        Bounds i = inner.localToScene(inner.getLayoutBounds());
        assertTrue(i.getMinX() >= o.getMinX() - 0.5 && i.getMaxX() <= o.getMaxX() + 0.5
                && i.getMinY() >= o.getMinY() - 0.5 && i.getMaxY() <= o.getMaxY() + 0.5, what + ": " + i + " not inside " + o);
    }

    private void assertRowsInView(FxRobot robot, int atLeast, String where) {
        Node warnings = robot.lookup("#netstat-warnings").query();
        assertTrue(warnings.isVisible(), "the SYN_FLOOD warning is shown " + where);
        int rows = wholeRowsInView(lines(robot));
        assertTrue(rows >= atLeast, where + ": " + rows + " whole netstat rows in view, wanted at least " + atLeast);
        Node pane = robot.lookup("#netstatPane").query();
        assertInside(pane, warnings, "the warning card " + where);
        assertInside(pane, lines(robot), "the lines " + where);
        assertInside(pane, robot.lookup("#netstat-side").query(), "the explanation " + where);
    }

    @Test
    void atAProjectors1024x768TheSynFloodWarningLeavesAtLeastSixNetstatRowsInView(FxRobot robot) {
        for (Lang lang : Lang.values()) {
            show(robot, 1024, 768, lang, "standard", 1);
            assertRowsInView(robot, 6, "1024x768 " + lang);
        }
    }

    @Test
    void atALaptops1280x800TheSynFloodServerShowsAtLeastSevenNetstatRows(FxRobot robot) {
        for (Lang lang : Lang.values()) {
            show(robot, 1280, 800, lang, "standard", 1);
            assertRowsInView(robot, 7, "1280x800 " + lang);
        }
    }

    @Test
    void zoomedInAndInEveryThemeTheWarningTheLinesAndTheExplanationStayWholeAndInView(FxRobot robot) {
        for (String palette : new String[] {"high-contrast", "color-blind"}) {
            for (Lang lang : Lang.values()) {
                show(robot, 1024, 768, lang, palette, 1);
                assertRowsInView(robot, 6, "1024x768 " + palette + " " + lang);
                show(robot, 1280, 800, lang, palette, 1.15 * 1.15);
                assertRowsInView(robot, 3, "1280x800 zoom 1.32 " + palette + " " + lang);
            }
        }
    }

    @Test
    void inTheExplainTabAt1024x768TwoWarningsStillLeaveTheExplainedLinesInView(FxRobot robot) throws Exception {
        for (Lang lang : Lang.values()) {
            show(robot, 1024, 768, lang, "standard", 1);
            robot.interact(() -> window.selectBottomTab("tab-paste"));
            ExplainView paste = robot.lookup("#pastePane").queryAs(ExplainView.class);
            robot.interact(() -> {
                paste.model().textProperty().set(Tables.SEED_ROWS + "TCP fdlpw:telnet fdlpw:0 LISTENING\nTCP fdlpw:3389 fdlpw:0 LISTENING\n"
                + "TCP fdlpw:socks fdlpw:0 LISTENING\n" /* Windows' own 135 and 445 are one note: a third exposed service makes four */);
                paste.model().explain();
            });
            WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                    () -> !paste.model().busyProperty().get() && !paste.model().rowsProperty().isEmpty());
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(4, paste.model().warningsProperty().size(), "two shown, a link to two more");
            ListView<?> rows = robot.lookup("#paste-rows").queryAs(ListView.class);
            int whole = wholeRowsInView(rows);
            assertTrue(whole >= 3, lang + ": " + whole + " whole explained lines in view, wanted at least 3");
            assertInside(paste, robot.lookup("#paste-warnings").query(), "the warning card " + lang);
            assertInside(paste, rows, "the explained lines " + lang);
            assertInside(paste, robot.lookup("#paste-side").query(), "the explanation " + lang);
            assertInside(paste, robot.lookup("#paste-status").query(), "the status " + lang);
        }
    }

    @Test
    void theMeaningOfTheSelectedLineStandsBesideTheLinesNotUnderThem(FxRobot robot) {
        show(robot, 1024, 768, Lang.EN, "standard", 1);
        Bounds list = lines(robot).localToScene(lines(robot).getLayoutBounds());
        Node side = robot.lookup("#netstat-side").query();
        Bounds meaning = side.localToScene(side.getLayoutBounds());
        assertTrue(meaning.getMinX() >= list.getMaxX(), "beside: " + meaning + " right of " + list);
        assertTrue(meaning.getMinY() < list.getMaxY() && meaning.getMaxY() > list.getMinY(), "at the same height");
        assertTrue(list.getWidth() > meaning.getWidth(), "the lines are the wider of the two");
        // A Linux line (the longest of the table) fits without a horizontal scroll bar.
        for (Node n : lines(robot).lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL) {
                assertFalse(bar.isVisible(), "no horizontal scroll bar over the rows at 1024x768");
            }
        }
    }

    @Test
    void theWarningIsOneLineAndItsAdviceOpensAndClosesWithTheLink(FxRobot robot) {
        show(robot, 1024, 768, Lang.ZH, "standard", 1);
        Node card = robot.lookup("#netstat-warnings").query();
        Text title = robot.lookup("#netstat-warnings .warning-title").queryAs(Text.class);
        assertTrue(title.getText().contains("SYN_FLOOD"), title.getText());
        double oneLine = title.getLayoutBounds().getHeight();
        assertTrue(card.getLayoutBounds().getHeight() < 2.6 * oneLine,
                "badge, finding and evidence on one line: the card is " + card.getLayoutBounds().getHeight() + " high");
        assertTrue(robot.lookup("#netstat-warnings .warning-message").tryQuery().isEmpty(), "the advice starts closed");
        int before = wholeRowsInView(lines(robot));

        Hyperlink advice = robot.lookup("#netstat-warnings .warning-advice").queryAs(Hyperlink.class);
        assertEquals("怎么办 ▸", advice.getText());
        robot.clickOn(advice);
        WaitForAsyncUtils.waitForFxEvents();
        Text message = robot.lookup("#netstat-warnings .warning-message").queryAs(Text.class);
        assertTrue(message.getText().contains("SYN cookies"), message.getText());
        assertInside(robot.lookup("#netstatPane").query(), card, "the opened card");
        assertTrue(wholeRowsInView(lines(robot)) >= 2, "the lines keep some room while the advice is open");
        Hyperlink hide = robot.lookup("#netstat-warnings .warning-advice").queryAs(Hyperlink.class);
        assertEquals("收起建议 ▴", hide.getText());
        robot.clickOn(hide);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#netstat-warnings .warning-message").tryQuery().isEmpty(), "closed again");
        assertEquals(before, wholeRowsInView(lines(robot)));
    }
}
