package tcplab.ui.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tcplab.i18n.Lang;
import tcplab.quiz.AnswerKind;
import tcplab.quiz.Difficulty;
import tcplab.quiz.Question;
import tcplab.quiz.QuestionType;
import tcplab.quiz.ResultsStore;
import tcplab.quiz.live.ClassServer;
import tcplab.quiz.live.ClassSession;
import tcplab.quiz.live.LiveQuestion;
import tcplab.quiz.live.Room;

/**
 * The teacher's Class tab model and three students in real headless Chromium (Debian's chromium
 * and chromium-driver): they join, answer on the page, see the reveal, one comes back after the
 * phone slept, and the results and the CSV hold what they did. One of them is named like markup:
 * every browser shows the name as text.
 */
class ClassroomBrowsersTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** 23 characters: under the name limit, so nothing of it is cut. */
    static final String MARKUP_NAME = "<img src=x onerror=p()>";
    static final Path SHOTS = Path.of("target", "class-screens");

    static Path dir;
    static ClassViewModel teacher;
    static ClassSession session;
    static final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        boolean have = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (System.getenv("CI") != null && !have) {
            throw new AssertionError(".ci/run must install chromium and chromium-driver");
        }
        Assumptions.assumeTrue(have, "needs Debian's chromium and chromium-driver");
        dir = Files.createTempDirectory("tcplab-class");
        ResultsStore store = new ResultsStore(dir.resolve("results.json"));
        teacher = new ClassViewModel((port, host) -> ClassSession.start(InetAddress.getLoopbackAddress(), port, host, store,
                dir.resolve("class.csv"), ClassServer.Limits.CLASSROOM, 50), () -> List.of("127.0.0.1"), () -> null,
                show -> { }, Runnable::run, Runnable::run, () -> 2026L, 0);
        teacher.langProperty().set(Lang.EN);
        teacher.start();
        session = teacher.session();
        Files.createDirectories(SHOTS);
        browsers.add(browser("zh-CN", 360, 740)); // a small Android phone, Chinese
        browsers.add(browser("en-US", 412, 915));
        browsers.add(browser("en-GB", 1024, 768)); // a laptop
    }

    static WebDriver browser(String lang, int w, int h) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        // As the machine's notes say: no sandbox as root, and none of Chromium's own background traffic.
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--lang=" + lang, "--window-size=" + w + "," + h);
        o.setExperimentalOption("prefs", Map.of("intl.accept_languages", lang));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().window().setSize(new Dimension(w, h));
        return d;
    }

    @AfterAll
    static void stop() {
        for (WebDriver d : browsers) {
            d.quit();
        }
        if (teacher != null) {
            teacher.close();
        }
    }

    static WebDriverWait waitFor(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(15));
    }

    static void shot(WebDriver d, String name) throws Exception {
        File f = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static void await(java.util.function.BooleanSupplier cond, String what) throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void threeStudentsJoin_answer_seeTheReveal_andTheirResultsAreSaved() throws Exception {
        WebDriver zh = browsers.get(0);
        WebDriver en = browsers.get(1);
        WebDriver laptop = browsers.get(2);
        String[] names = {"小明", MARKUP_NAME, "Li Lei"};
        // Two scanned the QR code (the code is filled in), one typed the address.
        zh.get(session.joinUrl() + "?code=" + session.code());
        en.get(session.joinUrl() + "?code=" + session.code());
        laptop.get(session.joinUrl());
        for (int i = 0; i < 3; i++) {
            WebDriver d = browsers.get(i);
            waitFor(d).until(x -> x.findElement(By.id("name")).isDisplayed());
            if (i == 2) {
                d.findElement(By.id("code")).sendKeys(session.code());
            }
            d.findElement(By.id("name")).sendKeys(names[i]);
            d.findElement(By.id("join")).click();
        }
        await(() -> session.room().snapshot().joined() == 3, "three students");
        assertEquals("加入课堂测验", zh.findElement(By.tagName("h1")).getAttribute("textContent"), "the Chinese phone reads Chinese");
        waitFor(en).until(x -> x.findElement(By.id("waitText")).isDisplayed());
        shot(zh, "phone-zh-lobby");

        // Question 1: the teacher sends a generated question from the Class tab.
        teacher.sourceProperty().set(ClassViewModel.Source.GENERATED);
        teacher.topicProperty().set("next_state");
        teacher.pushNow();
        LiveQuestion q1 = session.room().snapshot().question();
        assertEquals(4, teacher.optionsProperty().size());
        int right = q1.answerIndex();
        int wrong = (right + 1) % q1.optionCount();
        int[] choice = {right, wrong, right};
        for (int i = 0; i < 3; i++) {
            WebDriver d = browsers.get(i);
            waitFor(d).until(x -> x.findElements(By.cssSelector("button.option")).size() == q1.optionCount());
            List<WebElement> opts = d.findElements(By.cssSelector("button.option"));
            Lang lang = i == 0 ? Lang.ZH : Lang.EN;
            assertEquals(q1.in(lang).options().get(0), opts.get(0).findElement(By.className("text")).getText());
            assertTrue(d.findElement(By.id("prompt")).getText().contains(q1.in(lang).prompt().substring(0, 12)));
            if (i == 0) {
                shot(d, "phone-zh-question");
            }
            opts.get(choice[i]).click();
            String received = i == 0 ? "答案已收到,等待老师揭晓。" : "Answer received. Wait for the reveal.";
            waitFor(d).until(x -> x.findElement(By.id("status")).getText().equals(received));
            assertFalse(d.findElements(By.cssSelector("button.option")).get(0).isEnabled(), "one answer only");
        }
        await(() -> session.room().snapshot().answered() == 3, "three answers");
        teacher.reveal();
        assertEquals(2, teacher.barsProperty().get(right).count());
        assertTrue(teacher.barsProperty().get(right).right());
        for (int i = 0; i < 3; i++) {
            WebDriver d = browsers.get(i);
            String cls = choice[i] == right ? "right" : "wrong";
            waitFor(d).until(x -> x.findElement(By.id("result")).getAttribute("class").equals(cls));
            assertEquals(choice[i] == right ? "1" : "0", d.findElement(By.id("score")).getText());
            WebElement rightOption = d.findElements(By.cssSelector("button.option")).get(right);
            assertTrue(rightOption.getAttribute("class").contains("right"));
        }
        shot(zh, "phone-zh-reveal");
        shot(en, "phone-en-reveal");

        // The leaderboard, with the markup name, shown as text in every browser.
        teacher.showStandingsProperty().set(true);
        for (WebDriver d : browsers) {
            waitFor(d).until(x -> x.findElements(By.cssSelector("#standings li")).size() == 3);
            String all = d.findElement(By.id("standings")).getText();
            assertTrue(all.contains(MARKUP_NAME), all);
            assertEquals(0, d.findElements(By.cssSelector("#standings img, img[src='x']")).size(), "no element made of a name");
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) d).executeScript("return typeof window.p === 'undefined';"));
        }
        assertEquals(MARKUP_NAME, en.findElement(By.id("me")).getText(), "the student's own name, as text");
        shot(laptop, "laptop-en-standings");

        // Question 2: a typed answer, with a time limit.
        Map<Lang, Question> typed = new EnumMap<>(Lang.class);
        typed.put(Lang.EN, new Question("t-2", QuestionType.BANK, Difficulty.EASY,
                "Which state does the side that closed first wait in for 2 MSL?", List.of(), "TIME_WAIT", AnswerKind.STATE,
                List.of(), "TIME_WAIT lasts 2 MSL on the side that sent the first FIN.", null, Map.of(), null));
        typed.put(Lang.ZH, new Question("t-2", QuestionType.BANK, Difficulty.EASY,
                "先关闭的一方要在哪个状态等待 2MSL?", List.of(), "TIME_WAIT", AnswerKind.STATE,
                List.of(), "先发 FIN 的一方在 TIME_WAIT 等待 2MSL。", null, Map.of(), null));
        session.push(new LiveQuestion(2, typed, "bank"), 120);
        String[] typedAnswers = {"time-wait", "CLOSE_WAIT", "TIME_WAIT"};
        for (int i = 0; i < 3; i++) {
            WebDriver d = browsers.get(i);
            waitFor(d).until(x -> x.findElement(By.id("answer")).isDisplayed());
            assertTrue(d.findElement(By.id("countdown")).getText().matches("\\d+ (s|秒)"), d.findElement(By.id("countdown")).getText());
            d.findElement(By.id("answer")).sendKeys(typedAnswers[i]);
            d.findElement(By.id("submit")).click();
        }
        await(() -> session.room().snapshot().answered() == 3, "three typed answers");

        // The Chinese phone slept and comes back: same student, same score.
        zh.navigate().refresh();
        waitFor(zh).until(x -> x.findElement(By.id("me")).getText().equals("小明"));
        waitFor(zh).until(x -> x.findElement(By.id("status")).getText().equals("答案已收到,等待老师揭晓。"));
        teacher.reveal();
        int[] expectedScore = {2, 0, 2};
        for (int i = 0; i < 3; i++) {
            WebDriver d = browsers.get(i);
            String score = Integer.toString(expectedScore[i]);
            waitFor(d).until(x -> x.findElement(By.id("score")).getText().equals(score));
            String cls = i == 1 ? "wrong" : "right";
            waitFor(d).until(x -> x.findElement(By.id("result")).getAttribute("class").equals(cls));
        }
        shot(zh, "phone-zh-typed-reveal");

        teacher.endNow();
        assertTrue(teacher.summaryProperty().stream().anyMatch(l -> l.startsWith("Question 1: 2 of 3 right")),
                teacher.summaryProperty()::toString);
        assertTrue(teacher.summaryProperty().stream().anyMatch(l -> l.startsWith("Question 2: 2 of 3 right")),
                teacher.summaryProperty()::toString);
        for (WebDriver d : browsers) {
            waitFor(d).until(x -> x.findElement(By.id("waitText")).getText().contains(d == zh ? "已结束" : "ended"));
        }
        ResultsStore.Loaded saved = new ResultsStore(dir.resolve("results.json")).load();
        assertEquals(2, saved.of("小明").size());
        assertTrue(saved.of("小明").stream().allMatch(a -> a.correct()));
        assertEquals(List.of(false, false), saved.of(MARKUP_NAME).stream().map(a -> a.correct()).toList());
        assertTrue(teacher.exportCsv(dir.resolve("export.csv")));
        assertEquals(Files.readAllLines(dir.resolve("class.csv")), Files.readAllLines(dir.resolve("export.csv")));
        List<String> csv = Files.readAllLines(dir.resolve("export.csv"));
        assertEquals(7, csv.size(), String.join("\n", csv));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("Li Lei,2,t-2,") && l.contains(",TIME_WAIT,TIME_WAIT,1,")), csv::toString);
        assertTrue(csv.stream().anyMatch(l -> l.startsWith(MARKUP_NAME + ",1,")), csv::toString);
    }
}
