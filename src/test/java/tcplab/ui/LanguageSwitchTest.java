package tcplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tcplab.i18n.Lang;
import tcplab.quiz.ResultsStore;
import tcplab.sim.ScenarioLoader;
import tcplab.ui.common.UiSettings;
import tcplab.ui.netstat.ExplainView;
import tcplab.ui.netstat.NetstatView;
import tcplab.ui.netstat.NetstatViewModel;
import tcplab.ui.quiz.QuizPanes;
import tcplab.ui.quiz.QuizViewModel;
import tcplab.ui.run.RunViewModel;

/**
 * Switching language with each tab open: every control of the window shows the new language at
 * once (the issue: "switching language blanks the Format list and mixes Chinese titles into the
 * English scenario list"). English mode shows no Chinese character outside the data itself; Chinese
 * mode shows the Chinese texts, not the English ones left over.
 */
@ExtendWith(ApplicationExtension.class)
class LanguageSwitchTest {
    private RunViewModel vm;
    private MainWindow window;
    private QuizViewModel quiz;

    @Start
    void start(Stage stage) throws Exception {
        vm = new RunViewModel();
        vm.langProperty().set(Lang.EN);
        window = new MainWindow(vm, UiSettings.inMemory());
        Panes.install(window, false);
        // The window's own quiz tab writes to the user's folder; this one to a temporary file.
        window.bottomTabs().getTabs().removeIf(t -> "tab-quiz".equals(t.getId()));
        quiz = QuizPanes.install(window, new ResultsStore(Files.createTempDirectory("quiz").resolve("r.json")));
        vm.load("syn-flood");
        stage.setScene(window.scene(1024, 768));
        window.attach(stage);
        stage.show();
    }

    /** True when {@code s} holds a Chinese character (CJK ideographs or CJK punctuation). */
    static boolean hasCjk(String s) {
        return s != null && s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || c >= 0x3000 && c <= 0x303F || c >= 0xFF00 && c <= 0xFFEF);
    }

    private void switchTo(FxRobot robot, Lang l) {
        robot.interact(() -> vm.langProperty().set(l));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The texts the user sees in a combo box: the value shown, then every row of its open list. */
    private List<String> comboTexts(FxRobot robot, String id) {
        ComboBox<?> box = robot.lookup(id).queryAs(ComboBox.class);
        robot.interact(box::show);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> out = new ArrayList<>();
        out.add(box.getButtonCell() == null ? String.valueOf(box.getValue()) : box.getButtonCell().getText());
        ListView<?> list = (ListView<?>) ((javafx.scene.control.skin.ComboBoxListViewSkin<?>) box.getSkin()).getPopupContent();
        for (Node n : list.lookupAll(".list-cell")) {
            if (n instanceof ListCell<?> c && !c.isEmpty()) {
                out.add(c.getText());
            }
        }
        robot.interact(box::hide);
        return out;
    }

    private String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    // ---------------------------------------------------------------- the netstat tab (open at start)

    @Test
    void theFormatListKeepsItsChoiceAndIsRelabelledInBothDirections(FxRobot robot) {
        List<String> en = comboTexts(robot, "#netstat-dialect");
        assertNotNull(en.get(0), "a format is shown");
        switchTo(robot, Lang.ZH);
        List<String> zh = comboTexts(robot, "#netstat-dialect");
        assertNotNull(zh.get(0), "the format is still shown after the switch (it was blank)");
        assertEquals(netstatModel(robot).dialectLabel(netstatModel(robot).effectiveDialect()).get(), zh.get(0));
        assertTrue(zh.stream().anyMatch(LanguageSwitchTest::hasCjk), "Chinese labels in the list: " + zh);
        switchTo(robot, Lang.EN);
        List<String> back = comboTexts(robot, "#netstat-dialect");
        assertEquals(en.get(0), back.get(0));
        for (String s : back) {
            assertFalse(hasCjk(s), "no Chinese in the English format list: " + s);
        }
    }

    @Test
    void theScenarioListShowsEveryTitleInTheNewLanguage(FxRobot robot) throws Exception {
        comboTexts(robot, "#scenario"); // the list's cells exist (made in English)
        switchTo(robot, Lang.ZH);
        List<String> zh = comboTexts(robot, "#scenario");
        assertEquals("syn-flood — " + ScenarioLoader.builtin("syn-flood").title(Lang.ZH), zh.get(0));
        assertTrue(zh.size() > 3, "the open list shows rows: " + zh);
        for (String s : zh.subList(1, zh.size())) {
            String name = s.substring(0, s.indexOf(" — "));
            assertEquals(name + " — " + ScenarioLoader.builtin(name).title(Lang.ZH), s);
        }
        switchTo(robot, Lang.EN);
        for (String s : comboTexts(robot, "#scenario")) {
            assertFalse(hasCjk(s), "no Chinese title in the English scenario list: " + s);
        }
    }

    @Test
    void theNetstatTabsLabelsExplanationAndWarningsFollowTheLanguage(FxRobot robot) {
        NetstatViewModel nm = netstatModel(robot);
        robot.interact(() -> vm.seekMs(2000));
        robot.interact(() -> nm.selectLine(4));
        switchTo(robot, Lang.ZH);
        assertTrue(hasCjk(label(robot, "#netstat-explanation")), label(robot, "#netstat-explanation"));
        assertTrue(hasCjk(label(robot, "#netstat-counts")), label(robot, "#netstat-counts"));
        switchTo(robot, Lang.EN);
        for (String id : new String[] {"#netstat-explanation", "#netstat-explanation-title", "#netstat-counts"}) {
            assertFalse(hasCjk(label(robot, id)), id + ": " + label(robot, id));
        }
        for (Node n : robot.lookup("#netstat-warnings .text").queryAll()) {
            String s = ((javafx.scene.text.Text) n).getText();
            assertFalse(hasCjk(s), "warning: " + s);
        }
    }

    private NetstatViewModel netstatModel(FxRobot robot) {
        return robot.lookup("#netstatPane").queryAs(NetstatView.class).model();
    }

    // ---------------------------------------------------------------- explain your own

    @Test
    void theExplainTabReExplainsThePastedTableInTheNewLanguage(FxRobot robot) throws Exception {
        robot.interact(() -> window.selectBottomTab("tab-paste"));
        ExplainView pane = robot.lookup("#pastePane").queryAs(ExplainView.class);
        String table = "Active Connections\n\n  Proto  Local Address          Foreign Address        State\n"
                + "  TCP    0.0.0.0:80             0.0.0.0:0              LISTENING\n"
                + "  TCP    10.0.0.2:80            10.0.0.1:50000         ESTABLISHED\n";
        robot.interact(() -> {
            pane.model().textProperty().set(table);
            pane.model().explain();
        });
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> pane.model().rowsProperty().size() == 5);
        robot.interact(() -> pane.model().selectRow(4));
        String en = label(robot, "#paste-explanation");
        assertFalse(hasCjk(en), en);
        switchTo(robot, Lang.ZH);
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> hasCjk(label(robot, "#paste-explanation")));
        assertTrue(label(robot, "#paste-explanation").contains("10.0.0.1 连接到了本机"), "the same row, still selected, explained in Chinese: "
                + label(robot, "#paste-explanation"));
        assertTrue(hasCjk(label(robot, "#paste-status")), label(robot, "#paste-status"));
    }

    // ---------------------------------------------------------------- lessons

    @Test
    void anOpenLessonIsShownInTheNewLanguageAtTheSameStep(FxRobot robot) throws Exception {
        robot.interact(() -> window.selectBottomTab("tab-lessons"));
        ListView<?> list = robot.lookup("#lessonList").queryAs(ListView.class);
        robot.interact(() -> list.getSelectionModel().select(3)); // ports, netstat-reading, port-ranges, handshake
        String en = label(robot, "#lessonNarration");
        assertFalse(hasCjk(en), en);
        switchTo(robot, Lang.ZH);
        assertTrue(hasCjk(label(robot, "#lessonNarration")), label(robot, "#lessonNarration"));
        for (Object item : list.getItems()) {
            assertTrue(hasCjk(item.toString()), "lesson titles in Chinese: " + item);
        }
        String scenario = robot.lookup("#scenario").queryAs(ComboBox.class).getButtonCell().getText();
        assertTrue(hasCjk(scenario), "the lesson's scenario is named with its Chinese title: " + scenario);
        String next = robot.lookup("#lessonNext").queryAs(javafx.scene.control.Button.class).getText();
        assertTrue(hasCjk(next), "the buttons relabelled: " + next);
        switchTo(robot, Lang.EN);
        assertEquals(en, label(robot, "#lessonNarration"));
        scenario = robot.lookup("#scenario").queryAs(ComboBox.class).getButtonCell().getText();
        assertTrue(scenario != null && !scenario.isBlank() && !hasCjk(scenario), "and its English title: " + scenario);
        for (Object item : list.getItems()) {
            assertFalse(hasCjk(item.toString()), "lesson titles in English: " + item);
        }
    }

    // ---------------------------------------------------------------- quiz

    @Test
    void aQuestionInProgressIsAskedAgainInTheNewLanguage(FxRobot robot) {
        robot.interact(() -> window.selectBottomTab("tab-quiz"));
        robot.interact(() -> quiz.topicProperty().set("next_state"));
        robot.clickOn("#quiz-start");
        WaitForAsyncUtils.waitForFxEvents();
        String en = label(robot, "#quiz-prompt");
        assertFalse(hasCjk(en), en);
        switchTo(robot, Lang.ZH);
        assertTrue(hasCjk(label(robot, "#quiz-prompt")), label(robot, "#quiz-prompt"));
        assertTrue(hasCjk(label(robot, "#quiz-heading")), label(robot, "#quiz-heading"));
        switchTo(robot, Lang.EN);
        assertEquals(en, label(robot, "#quiz-prompt"));
    }
}
