package tcplab.ui.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tcplab.i18n.Lang;
import tcplab.ui.common.Snapshots;
import tcplab.ui.common.Tables;

/** The "explain your own netstat" tab on headless Monocle, with the window's threads (work off the FX thread). */
@ExtendWith(ApplicationExtension.class)
class ExplainViewTest {
    private ExplainViewModel model;
    private ExplainView pane;

    @Start
    void start(Stage stage) {
        model = ExplainViewModel.forFx();
        pane = new ExplainView(model);
        stage.setScene(new Scene(pane, 1280, 800));
        stage.show();
    }

    private void pasteAndExplain(FxRobot robot, String text) throws Exception {
        robot.interact(() -> robot.lookup("#paste-text").queryAs(TextArea.class).setText(text));
        robot.clickOn("#paste-explain");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.busyProperty().get() && !model.rowsProperty().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private ListView<ExplainViewModel.Row> rows(FxRobot robot) {
        return robot.lookup("#paste-rows").queryAs(ListView.class);
    }

    @Test
    void pastedRowsAreListedAndASelectedRowIsExplained(FxRobot robot) throws Exception {
        pasteAndExplain(robot, Tables.SEED_ROWS);
        assertEquals(8, rows(robot).getItems().size());
        assertEquals("8 lines: 8 sockets, 0 not recognised.", robot.lookup("#paste-status").queryAs(Label.class).getText());
        Node cell = robot.lookup("#paste-rows .list-cell").match(n -> n instanceof ListCell<?> lc && lc.getItem() != null
                && lc.getItem().toString().contains("MYCHENG")).query();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        String shown = robot.lookup("#paste-explanation").queryAs(Label.class).getText();
        assertTrue(shown.contains("SYN_RECEIVED"), shown);
        assertEquals("Line 3 · socket", robot.lookup("#paste-explanation-title").queryAs(Label.class).getText());
        assertEquals(Tables.SEED_ROWS, robot.lookup("#paste-text").queryAs(TextArea.class).getText());
    }

    @Test
    void garbageIsListedAsUnrecognisedAndTheTextStays(FxRobot robot) throws Exception {
        String junk = "\u0000\u0001binary\u0002 \uFFFD\uFFFD\nhello\n" + "x".repeat(20_000);
        pasteAndExplain(robot, junk);
        // The text area itself drops control characters as they come in (JavaFX does); explaining changes nothing more.
        String shown = robot.lookup("#paste-text").queryAs(TextArea.class).getText();
        assertEquals(junk.replaceAll("[\\x00-\\x08]", ""), shown);
        assertEquals(shown, model.textProperty().get());
        assertEquals(3, rows(robot).getItems().size());
        assertTrue(rows(robot).getItems().stream().allMatch(r -> r.kind().equals("unrecognised")));
    }

    @Test
    void manyWarningsShowTheMostSevereAndALinkToTheRest(FxRobot robot) throws Exception {
        pasteAndExplain(robot, Tables.SEED_ROWS + "TCP fdlpw:telnet fdlpw:0 LISTENING\nTCP fdlpw:3389 fdlpw:0 LISTENING\n"
                + "TCP fdlpw:socks fdlpw:0 LISTENING\n" /* Windows' own 135 and 445 are one note: a third exposed service makes four */);
        assertEquals(4, model.warningsProperty().size());
        javafx.scene.control.Hyperlink more = robot.lookup("#paste-warnings .warning-more").queryAs(javafx.scene.control.Hyperlink.class);
        assertTrue(more.isVisible());
        assertEquals("Show 2 more warnings", more.getText());
        assertEquals(2, robot.lookup("#paste-warnings .warning-badge").queryAll().size());
        assertTrue(robot.lookup("#paste-warnings .warning-badge").queryAllAs(Label.class).iterator().next().getText().contains("High"),
                "telnet on every interface, the most severe, comes first");
        robot.clickOn(more);
        // The list is rebuilt on a later pulse: under load one round of FX events is not enough.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#paste-warnings .warning-badge").queryAll().size() == 4);
        assertEquals("Show fewer warnings", more.getText());
    }

    @Test
    void aNoteIsTitledAsANoteInBothLanguages(FxRobot robot) throws Exception {
        pasteAndExplain(robot, "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1052\n"
                + "  TCP    0.0.0.0:445            0.0.0.0:0              LISTENING       4\n");
        assertEquals(1, model.warningsProperty().size());
        assertEquals(tcplab.netstat.Warning.Severity.INFO, model.warningsProperty().get(0).severity());
        javafx.scene.text.Text title = robot.lookup("#paste-warnings .warning-title").queryAs(javafx.scene.text.Text.class);
        assertEquals("Windows' own listening ports  (EXPOSED_SERVICE)", title.getText(), "not 'Exposed service' over a note");
        robot.interact(() -> model.langProperty().set(Lang.ZH));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.busyProperty().get()
                && robot.lookup("#paste-warnings .warning-title").queryAs(javafx.scene.text.Text.class).getText()
                        .startsWith("Windows 自带的监听端口"));
        robot.interact(() -> {
            try {
                Snapshots.write(pane.getScene(), Path.of("target/netstat-pane-note-zh.png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void switchingLanguageRelabelsButtonsPromptAndResults(FxRobot robot) throws Exception {
        pasteAndExplain(robot, Tables.SEED_ROWS);
        robot.interact(() -> model.langProperty().set(Lang.ZH));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.busyProperty().get()
                && model.rowsProperty().get(0).kindLabel().equals("套接字"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("载入文件…", robot.lookup("#paste-load").queryAs(Button.class).getText());
        assertEquals("读取本机", robot.lookup("#paste-live").queryAs(Button.class).getText());
        assertEquals("解释", robot.lookup("#paste-explain").queryAs(Button.class).getText());
        assertTrue(robot.lookup("#paste-text").queryAs(TextArea.class).getPromptText().startsWith("在这里粘贴"));
        assertEquals("8 行:8 个套接字,0 行无法识别。", robot.lookup("#paste-status").queryAs(Label.class).getText());
        assertEquals("粘贴的文本", robot.lookup("#paste-source").queryAs(Label.class).getText());
    }

    @Test
    void rendersThePastePaneWithTheSeedRowsToPng(FxRobot robot) throws Exception {
        String text = "C:\\> netstat -a\n\nActive Connections\n\n  Proto  Local Address          Foreign Address        State\n"
                + Tables.SEED_ROWS + "this line is not netstat\n";
        pasteAndExplain(robot, text);
        robot.interact(() -> model.selectRow(model.rowsProperty().indexOf(model.rowsProperty().stream()
                .filter(r -> r.text().contains("MYCHENG")).findFirst().orElseThrow())));
        AtomicInteger colours = new AtomicInteger();
        robot.interact(() -> {
            try {
                colours.set(Snapshots.write(pane.getScene(), Path.of("target/netstat-pane-paste.png")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(colours.get() > 20, "not blank: " + colours.get());
        robot.interact(() -> model.langProperty().set(Lang.ZH));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.busyProperty().get()
                && model.rowsProperty().get(0).kindLabel().equals("提示")); // the pasted command line
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            try {
                colours.set(Snapshots.write(pane.getScene(), Path.of("target/netstat-pane-paste-zh.png")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(colours.get() > 20);
    }
}
