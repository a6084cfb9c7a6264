package tcplab.ui.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tcplab.i18n.Lang;
import tcplab.quiz.ResultsStore;
import tcplab.quiz.live.LiveQuestion;
import tcplab.quiz.live.Room;
import tcplab.ui.MainWindow;
import tcplab.ui.Panes;
import tcplab.ui.common.Snapshots;
import tcplab.ui.common.UiSettings;
import tcplab.ui.quiz.QuizPanes;
import tcplab.ui.run.RunViewModel;

/**
 * The Class tab in the real window on headless Monocle, with students who join and answer through
 * the session's real HTTP API (as their phones' page does): start, join, send, answered N / N,
 * reveal, remove, end and export.
 */
@ExtendWith(ApplicationExtension.class)
class ClassViewTest {
    private static final String IMG = "<img src=x onerror=alert(1)>";
    private final HttpClient http = HttpClient.newHttpClient();
    private RunViewModel run;
    private MainWindow window;
    private Stage stage;
    private Path results;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        run = new RunViewModel();
        run.langProperty().set(Lang.EN);
        window = new MainWindow(run, UiSettings.inMemory());
        Panes.install(window, false);
        // The window's own Class tab saves to the user's folder; this one to a temporary file.
        window.bottomTabs().getTabs().removeIf(t -> "tab-class".equals(t.getId()));
        results = Files.createTempDirectory("class").resolve("results.json");
        ClassPanes.install(window, () -> null, show -> QuizPanes.show(run, show), new ResultsStore(results),
                ClassViewModel.DEFAULT_PORT);
        run.load("handshake");
        stage.setScene(window.scene(1024, 768));
        window.attach(stage);
        stage.show();
    }

    @AfterEach
    void closeTheSession() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.dispose()).get(10, TimeUnit.SECONDS);
    }

    private ClassView openClassTab(FxRobot robot) {
        Tab[] tab = {null};
        robot.interact(() -> tab[0] = window.selectBottomTab("tab-class"));
        WaitForAsyncUtils.waitForFxEvents();
        return (ClassView) tab[0].getContent();
    }

    private static void waitFor(String what, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
        assertTrue(condition.getAsBoolean(), what);
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A phone joins: POST /api/join; returns the cookie its browser would keep. */
    private String join(ClassViewModel vm, String name) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vm.session().port() + "/api/join"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":" + json(name) + ",\"code\":" + json(vm.codeProperty().get())
                        + ",\"lang\":\"en\"}", StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    /** A phone answers question {@code n} with option {@code option}: POST /api/answer. */
    private void answer(ClassViewModel vm, String cookie, int n, int option) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vm.session().port() + "/api/answer"))
                .header("Content-Type", "application/json").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + n + ",\"answer\":\"" + option + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private void picture(FxRobot robot, String name) {
        robot.interact(() -> {
            try {
                Snapshots.write(stage.getScene(), Path.of("target", name));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private List<String> chips(FxRobot robot, ClassView view) {
        List<String>[] out = new List[1];
        robot.interact(() -> out[0] = view.chipTexts());
        return out[0];
    }

    @Test
    void threeStudentsJoinOverHttp_answer_andTheRevealShowsWhatTheyChose(FxRobot robot) throws Exception {
        ClassView view = openClassTab(robot);
        ClassViewModel vm = view.viewModel();
        robot.clickOn("#class-start");
        waitFor("the session runs", () -> vm.runningProperty().get());
        assertTrue(window.lowerEnlarged(), "the class reads the tab from the back of the room");
        assertEquals(vm.session().joinUrl(vm.hostProperty().get()), text(robot, "#class-url"));
        assertEquals(vm.session().code(), text(robot, "#class-code"));
        String ann = join(vm, "Ann");
        String ben = join(vm, "Ben");
        String img = join(vm, IMG);
        waitFor("three joined", () -> "3 students joined".equals(text(robot, "#class-joined")));
        // As the room keeps it (at most Room.MAX_NAME characters), as text, never as markup.
        assertEquals(List.of("Ann", "Ben", Room.cleanName(IMG)), chips(robot, view));
        assertEquals("<img src=x onerror=alert", chips(robot, view).get(2));

        robot.interact(() -> {
            vm.topicProperty().set("states");
            vm.timeLimitSProperty().set(60);
        });
        robot.clickOn("#class-push");
        waitFor("the question is open", () -> vm.phaseProperty().get() == Room.Phase.OPEN);
        LiveQuestion q = vm.session().room().snapshot().question();
        assertEquals(q.in(Lang.EN).prompt(), text(robot, "#class-prompt"));
        assertEquals("answered 0 / 3", text(robot, "#class-answered"));
        assertTrue(text(robot, "#class-clock").matches("[01]:\\d\\d left"), text(robot, "#class-clock"));
        int right = q.answerIndex();
        int wrong = (right + 1) % q.optionCount();
        answer(vm, ann, q.number(), right);
        answer(vm, ben, q.number(), right);
        answer(vm, img, q.number(), wrong);
        waitFor("answered 3 / 3", () -> "answered 3 / 3".equals(text(robot, "#class-answered")));
        assertFalse(robot.lookup("#class-bar-0").tryQuery().isPresent(), "no answer is shown before the reveal");
        picture(robot, "class-tab-question-en.png");

        robot.clickOn("#class-reveal");
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < q.optionCount(); i++) {
            String count = text(robot, "#class-bar-count-" + i);
            assertEquals(i == right ? "2" : i == wrong ? "1" : "0", count, "bar " + i);
            assertEquals(i == right, text(robot, "#class-bar-label-" + i).startsWith("✓ "), "the right option is marked");
        }
        String letter = String.valueOf((char) ('A' + right));
        assertEquals("Answer: " + letter + ") " + q.in(Lang.EN).answer(), text(robot, "#class-answer"));
        assertEquals("2 of 3 right", text(robot, "#class-right"));
        assertEquals(q.in(Lang.EN).explanation(), text(robot, "#class-explanation"));
        picture(robot, "class-tab-reveal-en.png");
        if (q.in(Lang.EN).show() != null) {
            robot.clickOn("#class-show");
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(Math.round(q.in(Lang.EN).show().atMs() * 1000), run.timeUs(), "Show me seeks the simulation");
            assertFalse(window.lowerEnlarged(), "the simulation gets its room back to show it");
        }
    }

    @Test
    void removingAStudent_asksTheTeacherFirst_thenTakesTheNameOffTheList(FxRobot robot) throws Exception {
        ClassView view = openClassTab(robot);
        ClassViewModel vm = view.viewModel();
        robot.clickOn("#class-start");
        waitFor("the session runs", () -> vm.runningProperty().get());
        join(vm, "Ann");
        join(vm, "Ben");
        waitFor("two joined", () -> chips(robot, view).size() == 2);
        List<String> asked = new java.util.ArrayList<>();
        boolean[] answer = {false};
        robot.interact(() -> view.setConfirm((title, text, yes) -> {
            asked.add(text);
            return answer[0];
        }));
        assertTrue(robot.lookup("#class-remove").queryAs(Button.class).isDisabled(), "nobody is selected yet");
        robot.interact(() -> view.select("Ben"));
        robot.clickOn("#class-remove");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("Remove “Ben” from the class? Their phone is told, and the name is free again."), asked);
        assertEquals(List.of("Ann", "Ben"), chips(robot, view), "the teacher said no");
        answer[0] = true;
        robot.clickOn("#class-remove");
        waitFor("Ben is gone", () -> chips(robot, view).equals(List.of("Ann")));
        assertEquals("1 student joined", text(robot, "#class-joined"));
    }

    @Test
    void ending_savesTheAnswers_showsTheSummary_andExportsACsvRowPerStudentAndQuestion(FxRobot robot) throws Exception {
        ClassView view = openClassTab(robot);
        ClassViewModel vm = view.viewModel();
        robot.interact(() -> view.setConfirm((title, text, yes) -> true));
        robot.clickOn("#class-start");
        waitFor("the session runs", () -> vm.runningProperty().get());
        String ann = join(vm, "Ann");
        join(vm, "Ben");
        robot.clickOn("#class-push");
        waitFor("the question is open", () -> vm.phaseProperty().get() == Room.Phase.OPEN);
        LiveQuestion q = vm.session().room().snapshot().question();
        answer(vm, ann, 1, q.answerIndex());
        waitFor("answered 1 / 2", () -> "answered 1 / 2".equals(text(robot, "#class-answered")));
        robot.clickOn("#class-end");
        // The FX thread sets "ended" and then fills the summary in one step; this thread can look
        // in between, so it waits for both.
        waitFor("the class is over", () -> vm.endedProperty().get() && !vm.summaryProperty().isEmpty());
        Node summary = robot.lookup("#class-summary").query();
        assertTrue(summary.isVisible());
        List<String> rows = vm.summaryProperty();
        assertEquals("The class is over: 1 question.", rows.get(0));
        assertTrue(rows.get(1).startsWith("Question 1: 1 of 2 right (1 answered) · "), rows.get(1));
        picture(robot, "class-tab-end-en.png");
        Path csv = Files.createTempDirectory("class").resolve("answers.csv");
        robot.interact(() -> vm.exportCsv(csv));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(3, lines.size(), "a header and one row per student");
        assertTrue(lines.get(1).startsWith("Ann,1,") && lines.get(1).contains(",1,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("Ben,1,"), lines.get(2));
        assertTrue(Files.readString(results).contains("\"Ann\""), "saved with the quiz results");
    }

    @Test
    void closingTheWindow_stopsTheSessionsServer(FxRobot robot) throws Exception {
        ClassView view = openClassTab(robot);
        ClassViewModel vm = view.viewModel();
        robot.clickOn("#class-start");
        waitFor("the session runs", () -> vm.runningProperty().get());
        int port = vm.session().port();
        join(vm, "Ann");
        WaitForAsyncUtils.asyncFx(() -> window.dispose()).get(10, TimeUnit.SECONDS); // what closing the window calls
        assertFalse(vm.runningProperty().get());
        assertThrows(java.io.IOException.class, () -> new java.net.Socket("127.0.0.1", port).close(), "nobody listens any more");
    }

    @Test
    void theTabSpeaksChinese_andItsTextGrowsWithTheZoom(FxRobot robot) throws Exception {
        robot.interact(() -> run.langProperty().set(Lang.ZH));
        ClassView view = openClassTab(robot);
        ClassViewModel vm = view.viewModel();
        assertEquals("课堂", window.bottomTabs().getSelectionModel().getSelectedItem().getText());
        assertEquals("开始课堂", robot.lookup("#class-start").queryAs(Button.class).getText());
        robot.clickOn("#class-start");
        waitFor("the session runs", () -> vm.runningProperty().get());
        join(vm, "王小明");
        waitFor("one joined", () -> "已加入 1 人".equals(text(robot, "#class-joined")));
        Label code = robot.lookup("#class-code").queryAs(Label.class);
        double before = code.getFont().getSize();
        picture(robot, "class-tab-lobby-zh.png");
        robot.interact(() -> window.classroom().zoomIn());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#class-joined").queryAs(Label.class).getFont().getSize() > 13 * 1.5 * 1.1,
                "the count is set at 1.5 times the zoomed size");
        assertTrue(code.getFont().getSize() >= before, "the code does not shrink when zoomed in");
        robot.interact(() -> window.classroom().zoomProperty().set(2.0));
        WaitForAsyncUtils.waitForFxEvents();
        List<String>[] inMore = new List[1];
        robot.interact(() -> inMore[0] = view.controlsInMore());
        assertFalse(inMore[0].isEmpty(), "at 200 % on 1024×768 the least used controls wait in More");
        for (String id : new String[] {"#class-push", "#class-reveal"}) {
            assertTrue(robot.lookup(id).query().getParent() == robot.lookup("#class-controls").query(), id + " stays in the bar");
        }
        robot.interact(() -> window.classroom().zoomReset());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> inMore[0] = view.controlsInMore());
        assertEquals(List.of(), inMore[0], "back at 100 % everything is in the bar again");
        robot.interact(() -> run.langProperty().set(Lang.EN));
        assertEquals("1 student joined", text(robot, "#class-joined"));
        assertEquals("Send the question", robot.lookup("#class-push").queryAs(Button.class).getText());
    }
}
