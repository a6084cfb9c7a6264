package tcplab.ui.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcplab.i18n.Lang;
import tcplab.lesson.LessonLoader;
import tcplab.lesson.LessonRun;
import tcplab.lesson.LessonViewModel;
import tcplab.quiz.Difficulty;
import tcplab.quiz.Question;
import tcplab.quiz.ResultsStore;
import tcplab.quiz.Show;
import tcplab.quiz.live.ClassServer;
import tcplab.quiz.live.ClassSession;
import tcplab.quiz.live.LiveQuestion;
import tcplab.quiz.live.Room;

/**
 * The Class tab's model without JavaFX: a real session on the loopback address, students joining
 * and answering through its room (the HTTP side is the TestFX test's), every executor direct.
 */
class ClassViewModelTest {
    private static LessonRun handshake;

    @TempDir
    Path dir;
    private ClassViewModel vm;
    private final AtomicReference<Show> shown = new AtomicReference<>();
    private LessonViewModel lesson;

    @BeforeAll
    static void runLesson() throws Exception {
        handshake = LessonRun.of(LessonLoader.load(Path.of("lessons/handshake.yaml")));
    }

    private ClassViewModel model(List<String> addresses, int port) {
        ResultsStore store = new ResultsStore(dir.resolve("results.json"));
        vm = new ClassViewModel((p, host) -> ClassSession.start(InetAddress.getLoopbackAddress(), p, host, store, null,
                ClassServer.Limits.CLASSROOM, 50), () -> addresses, () -> lesson, shown::set, Runnable::run, Runnable::run,
                () -> 42L, port);
        return vm;
    }

    private ClassViewModel started() {
        model(List.of("127.0.0.1"), 0);
        vm.start();
        assertTrue(vm.runningProperty().get(), vm.statusProperty().get());
        return vm;
    }

    @AfterEach
    void stop() {
        if (vm != null) {
            vm.close();
        }
    }

    private Room room() {
        return vm.session().room();
    }

    private String join(String name) throws Room.RefusedException {
        return room().join(name, room().code(), null, Lang.EN);
    }

    private void answer(String token, int option) throws Room.RefusedException {
        room().answer(token, room().snapshot().asked(), Integer.toString(option));
    }

    @Test
    void startingWhenThePortIsTaken_usesAnotherPortAndSaysWhich() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            model(List.of("127.0.0.1"), taken.getLocalPort());
            vm.start();
            assertTrue(vm.runningProperty().get(), vm.statusProperty().get());
            assertNotEquals(taken.getLocalPort(), vm.session().port());
            assertEquals("Port " + taken.getLocalPort() + " is taken: this class uses port " + vm.session().port() + ".",
                    vm.statusProperty().get());
            assertEquals("http://127.0.0.1:" + vm.session().port() + "/", vm.joinUrlProperty().get());
        }
    }

    @Test
    void withoutANetwork_onlyTheLoopbackAddressIsOffered_andTheTabSaysSo() {
        model(List.of(), 0);
        assertTrue(vm.noLanProperty().get());
        assertEquals(List.of("127.0.0.1"), vm.addressesProperty());
        assertEquals("127.0.0.1", vm.hostProperty().get());
    }

    @Test
    void choosingAnotherAddress_changesTheJoinAddressAndItsQrCode() {
        model(List.of("192.168.1.20", "10.0.0.5"), 0);
        assertFalse(vm.noLanProperty().get());
        assertEquals("192.168.1.20", vm.hostProperty().get(), "the first (site-local) address is offered first");
        vm.start();
        int port = vm.session().port();
        assertEquals("http://192.168.1.20:" + port + "/", vm.joinUrlProperty().get());
        assertEquals(4, vm.codeProperty().get().length());
        var before = vm.qrProperty().get();
        vm.hostProperty().set("10.0.0.5");
        assertEquals("http://10.0.0.5:" + port + "/", vm.joinUrlProperty().get());
        assertNotEquals(before, vm.qrProperty().get());
    }

    @Test
    void whoJoinedIsListedInTheOrderTheyJoined_namesAsTheyTypedThem() throws Exception {
        started();
        join("王小明");
        join("<script>");
        join("Bob");
        assertEquals(3, vm.joinedProperty().get());
        assertEquals("3 students joined", vm.joinedTextProperty().get());
        assertEquals(List.of("王小明", "<script>", "Bob"),
                vm.peopleProperty().stream().map(ClassViewModel.Person::name).toList());
        vm.langProperty().set(Lang.ZH);
        assertEquals("已加入 3 人", vm.joinedTextProperty().get());
    }

    @Test
    void aGeneratedQuestion_isCountedWhileItsAnswersStayHidden_thenTheRevealShowsTheirDistribution() throws Exception {
        started();
        String a = join("Ann");
        String b = join("Ben");
        join("Cai");
        vm.topicProperty().set("states");
        vm.difficultyProperty().set(Difficulty.EASY);
        vm.push();
        assertEquals(Room.Phase.OPEN, vm.phaseProperty().get());
        LiveQuestion q = room().snapshot().question();
        assertEquals(1, q.number());
        assertEquals("answered 0 / 3", vm.answeredTextProperty().get());
        assertTrue(vm.headingProperty().get().startsWith("Question 1 · "), vm.headingProperty().get());
        assertTrue(vm.headingProperty().get().endsWith(" · easy"), vm.headingProperty().get());
        assertEquals(q.in(Lang.EN).prompt(), vm.promptProperty().get());
        assertEquals("A)  " + q.in(Lang.EN).options().get(0), vm.optionsProperty().get(0));
        int right = q.answerIndex();
        answer(a, right);
        answer(b, (right + 1) % q.optionCount());
        assertEquals("answered 2 / 3", vm.answeredTextProperty().get());
        assertTrue(vm.barsProperty().isEmpty(), "no answer is shown before the reveal");
        assertEquals("", vm.answerProperty().get());
        assertFalse(vm.canPush(), "a question is open: reveal it before sending the next");

        vm.reveal();
        assertEquals(Room.Phase.REVEALED, vm.phaseProperty().get());
        List<ClassViewModel.Bar> bars = vm.barsProperty();
        assertEquals(q.optionCount(), bars.size());
        for (int i = 0; i < bars.size(); i++) {
            assertEquals(i == right || i == (right + 1) % q.optionCount() ? 1 : 0, bars.get(i).count(), "bar " + i);
            assertEquals(i == right, bars.get(i).right(), "bar " + i);
        }
        Question en = q.in(Lang.EN);
        assertEquals("Answer: " + en.answerLetter() + ") " + en.answer(), vm.answerProperty().get());
        assertEquals("1 of 2 right", vm.rightTextProperty().get());
        assertEquals(en.explanation(), vm.explanationProperty().get());
        assertTrue(vm.canPush());
        if (en.show() != null) {
            vm.showMe();
            assertEquals(en.show(), shown.get(), "Show me goes where the Quiz tab's goes");
        }
    }

    @Test
    void switchingTheLanguage_rewordsTheOpenQuestionAndItsCounts() throws Exception {
        started();
        join("Ann");
        vm.push();
        LiveQuestion q = room().snapshot().question();
        vm.langProperty().set(Lang.ZH);
        assertEquals(q.in(Lang.ZH).prompt(), vm.promptProperty().get());
        assertTrue(vm.headingProperty().get().startsWith("第 1 题 · "), vm.headingProperty().get());
        assertEquals("已作答 0 / 1", vm.answeredTextProperty().get());
        vm.reveal();
        assertEquals("没有人作答。", vm.rightTextProperty().get());
    }

    @Test
    void theQuestionsAreNumberedAndEachIsANewOne() throws Exception {
        started();
        join("Ann");
        vm.push();
        String first = vm.promptProperty().get();
        vm.push(); // ignored: the first is open
        assertEquals(1, room().snapshot().asked());
        vm.reveal();
        vm.push();
        assertEquals(2, room().snapshot().question().number());
        assertTrue(vm.headingProperty().get().startsWith("Question 2 · "));
        assertNotEquals(first, vm.promptProperty().get());
    }

    @Test
    void aTimeLimitShowsTheTimeLeft() throws Exception {
        started();
        vm.timeLimitSProperty().set(30);
        vm.push();
        assertTrue(vm.clockProperty().get().matches("0:(30|29) left"), vm.clockProperty().get());
        vm.reveal();
        assertEquals("", vm.clockProperty().get());
    }

    @Test
    void theLessonsCheckpoint_isAskedInBothLanguages_withTheAnswerTheLessonComputed() throws Exception {
        started();
        vm.sourceProperty().set(ClassViewModel.Source.LESSON);
        vm.push();
        assertEquals("Open a lesson in the Lessons tab and stop at a step that asks a question.", vm.statusProperty().get());
        assertNull(room().snapshot().question());
        int step = -1;
        for (int i = 0; i < handshake.lesson().steps().size() && step < 0; i++) {
            if (handshake.lesson().steps().get(i).checkpoint() != null) {
                step = i;
            }
        }
        lesson = new LessonViewModel(handshake, Lang.EN);
        lesson.goTo(step);
        vm.refreshLesson();
        assertEquals("Lesson: " + handshake.lesson().title(Lang.EN) + ", step " + (step + 1), vm.lessonTextProperty().get());
        vm.push();
        LiveQuestion q = room().snapshot().question();
        assertEquals("lesson", q.source());
        assertEquals(lesson.rightIndex(), q.answerIndex());
        for (Lang l : Lang.values()) {
            Question in = q.in(l);
            assertTrue(in.prompt().endsWith(lesson.lesson().steps().get(step).checkpoint().question(l)), in.prompt());
            String setup = lesson.lesson().steps().get(step).setup(l);
            assertTrue(setup.isBlank() || in.prompt().startsWith(setup.strip()), in.prompt());
        }
        assertEquals("Question 1 · " + handshake.lesson().title(Lang.EN) + ", step " + (step + 1), vm.headingProperty().get());
        String token = join("Ann");
        answer(token, q.answerIndex());
        vm.reveal();
        assertEquals("1 of 1 right", vm.rightTextProperty().get());
        assertTrue(vm.canShowProperty().get());
        assertEquals(LessonViewModel.Phase.QUESTION, lesson.phase());
        vm.showMe();
        assertEquals(LessonViewModel.Phase.ANSWERED, lesson.phase(), "Show me reveals it in the Lessons tab");
    }

    @Test
    void aQuestionBank_isAskedOnlyOnceOneIsLoaded() throws Exception {
        started();
        join("Ann");
        vm.sourceProperty().set(ClassViewModel.Source.BANK);
        vm.push();
        assertEquals("Load a question bank first.", vm.statusProperty().get());
        vm.sourceProperty().set(ClassViewModel.Source.GENERATED);
        vm.loadBanks(Path.of("banks/seeds.yaml"));
        assertEquals(ClassViewModel.Source.BANK, vm.sourceProperty().get(), "a bank just loaded is what comes next");
        assertTrue(vm.banksTextProperty().get().startsWith("Banks: "), vm.banksTextProperty().get());
        vm.push();
        assertEquals("bank", room().snapshot().question().source());
        assertTrue(vm.headingProperty().get().contains("From a question bank"), vm.headingProperty().get());
    }

    @Test
    void aBankLoadsWhileTheClassWaits_andIsAskedOnlyOnceItHasLoaded() throws Exception {
        started();
        java.util.ArrayDeque<Runnable> background = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Runnable> ui = new java.util.ArrayDeque<>();
        vm.loadBanksInBackground(Path.of("banks/seeds.yaml"), background::add, ui::add);
        assertEquals("banks/seeds.yaml", vm.bankLoad().fileProperty().get());
        assertEquals(ClassViewModel.Source.GENERATED, vm.sourceProperty().get(), "nothing changes while it loads");
        background.poll().run();
        ui.poll().run();
        assertEquals(ClassViewModel.Source.BANK, vm.sourceProperty().get());
        assertEquals("", vm.bankLoad().fileProperty().get());
    }

    @Test
    void theLeaderboard_isHiddenUntilShown_thenListsByRankHereAndInTheBrowsers() throws Exception {
        started();
        String ann = join("Ann");
        join("Ben");
        vm.push();
        answer(ann, room().snapshot().question().answerIndex());
        vm.reveal();
        assertFalse(room().standingsShown());
        vm.showStandingsProperty().set(true);
        assertTrue(room().standingsShown());
        ClassViewModel.Person first = vm.peopleProperty().get(0);
        assertEquals(new ClassViewModel.Person("Ann", 1, 1), first);
        assertEquals(2, vm.peopleProperty().get(1).rank());
        vm.showStandingsProperty().set(false);
        assertFalse(room().standingsShown());
    }

    @Test
    void removingAName_takesItOffTheList_andFreesIt() throws Exception {
        started();
        join("Ann");
        join("Ben");
        assertTrue(vm.remove("Ann"));
        assertEquals(List.of("Ben"), vm.peopleProperty().stream().map(ClassViewModel.Person::name).toList());
        join("Ann");
        assertEquals(2, vm.joinedProperty().get());
    }

    @Test
    void ending_showsHowManyGotEachQuestionRight_andTheCsvHasARowPerStudentAndQuestion() throws Exception {
        started();
        String ann = join("Ann");
        String ben = join("=Ben");
        vm.push();
        LiveQuestion q1 = room().snapshot().question();
        answer(ann, q1.answerIndex());
        answer(ben, (q1.answerIndex() + 1) % q1.optionCount());
        vm.reveal();
        vm.push();
        answer(ann, room().snapshot().question().answerIndex());
        vm.end(); // the second question is still open: ending reveals it
        assertTrue(vm.endedProperty().get());
        assertFalse(vm.runningProperty().get());
        List<String> summary = vm.summaryProperty();
        assertEquals("The class is over: 2 questions.", summary.get(0));
        assertTrue(summary.get(1).startsWith("Question 1: 1 of 2 right (2 answered) · "), summary.get(1));
        assertTrue(summary.get(2).startsWith("Question 2: 1 of 2 right (1 answered) · "), summary.get(2));
        Path csv = dir.resolve("class.csv");
        assertTrue(vm.exportCsv(csv));
        List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        assertEquals("\uFEFFname,question,question_id,prompt,chosen,answer,right,answer_ms", lines.get(0));
        assertEquals(5, lines.size(), "a header and a row per student and question");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("'=Ben,1,")), "a formula-like name is quoted for spreadsheets");
        assertEquals("Saved " + csv, vm.statusProperty().get());
        assertTrue(Files.readString(dir.resolve("results.json")).contains("\"class\""), "saved with the quiz results");
        vm.langProperty().set(Lang.ZH);
        assertEquals("课堂结束:共 2 道题。", vm.summaryProperty().get(0));
    }

    @Test
    void anEndedSession_canBeFollowedByANewOne() throws Exception {
        started();
        String code = vm.codeProperty().get();
        int port = vm.session().port();
        vm.end();
        assertNotNull(vm.session());
        vm.start();
        assertTrue(vm.runningProperty().get());
        assertFalse(vm.endedProperty().get());
        assertTrue(vm.summaryProperty().isEmpty());
        assertTrue(!code.equals(vm.codeProperty().get()) || port != vm.session().port());
    }
}
