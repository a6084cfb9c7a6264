package tcplab.ui.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tcplab.i18n.Lang;
import tcplab.netstat.Dialect;
import tcplab.sim.Simulation;
import tcplab.ui.common.Palette;
import tcplab.ui.common.Snapshots;
import tcplab.ui.common.Tables;

/** The netstat pane on headless Monocle: lines shown, a click explains that line, language switch, pictures. */
@ExtendWith(ApplicationExtension.class)
class NetstatViewTest {
    private NetstatViewModel model;
    private NetstatView pane;
    private Simulation sim;

    @Start
    void start(Stage stage) throws Exception {
        sim = Tables.run("syn-flood", 3_000_000);
        model = new NetstatViewModel();
        Tables.feed(model, sim);
        model.selectHost("server");
        pane = new NetstatView(model);
        stage.setScene(new Scene(pane, 1200, 800));
        stage.show();
    }

    @SuppressWarnings("unchecked")
    private ListView<String> lines(FxRobot robot) {
        return robot.lookup("#netstat-lines").queryAs(ListView.class);
    }

    /** The visible cell whose text contains {@code part}. */
    @SuppressWarnings("unchecked")
    private ListCell<String> cell(FxRobot robot, String part) {
        return robot.lookup("#netstat-lines .list-cell").match(n -> n instanceof ListCell
                && ((ListCell<String>) n).getText() != null && ((ListCell<String>) n).getText().contains(part))
                .queryAs(ListCell.class);
    }

    @Test
    void thePaneShowsTheHostsLinesAndItsWarnings(FxRobot robot) {
        assertEquals(model.linesProperty(), lines(robot).getItems());
        assertTrue(cell(robot, "LISTEN").isVisible());
        assertTrue(robot.lookup("#netstat-warnings").query().isVisible(), "the SYN_FLOOD warning stands out");
        // The finding is a run of the card's one-line sentence (a Text in a TextFlow), not a label.
        assertTrue(robot.lookup("#netstat-warnings .warning-title").queryAllAs(Text.class).stream()
                .anyMatch(l -> l.getText().contains("SYN_FLOOD")));
        assertTrue(robot.lookup("#netstat-host-server").queryAs(ToggleButton.class).isSelected());
        assertEquals("130 sockets: LISTEN 1 · SYN_RECEIVED 129", robot.lookup("#netstat-counts").queryAs(Label.class).getText());
    }

    @Test
    void clickingALineShowsTheExplanationOfThatLine(FxRobot robot) {
        ListCell<String> c = cell(robot, "SYN_RECV");
        String line = c.getText();
        robot.clickOn(c);
        WaitForAsyncUtils.waitForFxEvents();
        String shown = robot.lookup("#netstat-explanation").queryAs(Label.class).getText();
        assertTrue(shown.contains("SYN_RECEIVED"), shown);
        assertTrue(shown.contains(line.trim().split("\\s+")[4].split(":")[0]), "about that very line: " + line + " / " + shown);
        assertEquals(line, model.linesProperty().get(model.selectedLineIndexProperty().get()));
        assertEquals(c.getIndex(), lines(robot).getSelectionModel().getSelectedIndex());
    }

    @Test
    void pickingADialectAndAHostForwardsToTheModel(FxRobot robot) {
        @SuppressWarnings("unchecked")
        ComboBox<Dialect> combo = robot.lookup("#netstat-dialect").queryAs(ComboBox.class);
        assertEquals(Dialect.LINUX, combo.getValue());
        robot.interact(() -> combo.setValue(Dialect.WINDOWS_ZH));
        assertEquals(Dialect.WINDOWS_ZH, model.selectedDialectProperty().get());
        assertTrue(lines(robot).getItems().contains("活动连接"));
        robot.clickOn("#netstat-host-attacker");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("attacker", model.selectedHostProperty().get());
        assertTrue(!robot.lookup("#netstat-warnings").query().isVisible(), "no warning strip without warnings");
        robot.clickOn("#netstat-native");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Dialect.LINUX, combo.getValue());
    }

    @Test
    void theSelectionSurvivesASimulationStep(FxRobot robot) throws Exception {
        ListCell<String> c = cell(robot, "LISTEN");
        String line = c.getText();
        robot.clickOn(c);
        sim.runUntil(3_500_000);
        robot.interact(() -> Tables.feed(model, sim));
        ListView<String> lv = lines(robot);
        assertEquals(line, lv.getSelectionModel().getSelectedItem());
    }

    @Test
    void switchingLanguageRelabelsEveryControl(FxRobot robot) {
        robot.interact(() -> model.langProperty().set(Lang.ZH));
        assertEquals("主机自己的格式", robot.lookup("#netstat-native").queryAs(Button.class).getText());
        assertTrue(robot.lookup(".label").queryAllAs(Label.class).stream().anyMatch(l -> "主机".equals(l.getText())));
        assertTrue(robot.lookup(".label").queryAllAs(Label.class).stream().anyMatch(l -> "格式".equals(l.getText())));
        assertTrue(robot.lookup("#netstat-warnings .warning-title").queryAllAs(Text.class).stream()
                .anyMatch(l -> l.getText().contains("疑似 SYN 洪水攻击")));
        assertEquals("怎么办 ▸", robot.lookup("#netstat-warnings .warning-advice").queryAs(javafx.scene.control.Hyperlink.class).getText());
        @SuppressWarnings("unchecked")
        ComboBox<Dialect> combo = robot.lookup("#netstat-dialect").queryAs(ComboBox.class);
        assertEquals("Linux netstat -tan", combo.getButtonCell().getText());
        assertEquals(Dialect.LINUX, combo.getValue(), "the dialect stays selected through relabelling");
        assertEquals("点击一行,查看它的含义。", robot.lookup("#netstat-explanation").queryAs(Label.class).getText());
        robot.interact(() -> model.langProperty().set(Lang.EN));
        assertEquals("Host's own", robot.lookup("#netstat-native").queryAs(Button.class).getText());
    }

    @Test
    void rendersTheSynFloodServerInChineseWindowsToPng(FxRobot robot) throws Exception {
        robot.interact(() -> {
            model.langProperty().set(Lang.ZH);
            model.selectDialect(Dialect.WINDOWS_ZH);
            model.selectLine(Tables.indexOf(model.linesProperty(), "SYN_RECEIVED"));
        });
        AtomicInteger colours = new AtomicInteger();
        robot.interact(() -> {
            try {
                colours.set(Snapshots.write(pane.getScene(), Path.of("target/netstat-pane-zh.png")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(colours.get() > 20, "not blank: " + colours.get());
        robot.interact(() -> {
            model.langProperty().set(Lang.EN);
            model.selectDialect(Dialect.SS_P);
            model.selectLine(Tables.indexOf(model.linesProperty(), "SYN-RECV"));
            pane.setZoom(1.25);
            pane.setPalette(Palette.highContrast());
        });
        robot.interact(() -> {
            try {
                colours.set(Snapshots.write(pane.getScene(), Path.of("target/netstat-pane-en-contrast.png")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(colours.get() > 20, "not blank: " + colours.get());
    }
}
