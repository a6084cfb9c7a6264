package tcplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** {@code java -jar tcplab.jar --screenshot FILE.png --scenario NAME --at MS}: the window, headlessly. */
class ScreenshotOptionTest {

    @Test
    void writesAPngOfTheWindowAtTheRequestedSizeWithoutADisplay() throws Exception {
        Path file = Path.of("target/screenshot-option/handshake-zh.png");
        Files.deleteIfExists(file);
        SimulateCommandTest.Run r = SimulateCommandTest.run("--screenshot", file.toString(), "--scenario", "handshake",
                "--at", "250", "--lang", "zh", "--size", "1024x700", "--theme", "color-blind");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("已写入"), r.out());
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(1024, img.getWidth());
        assertEquals(700, img.getHeight());
    }

    @Test
    void aTabNamedLikeACommand_isTheTabsName_notTheCommand() throws Exception {
        Path file = Path.of("target/screenshot-option/class-tab.png");
        Files.deleteIfExists(file);
        SimulateCommandTest.Run r = SimulateCommandTest.run("--screenshot", file.toString(), "--tab", "class", "--at", "0",
                "--lang", "en", "--size", "1024x768");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1024, ImageIO.read(file.toFile()).getWidth());
    }

    @Test
    void badScreenshotOptionsAreUsageErrors() {
        assertEquals(2, SimulateCommandTest.run("--screenshot", "target/x.png", "--scenario", "handshake", "--at", "10",
                "--size", "huge").exit());
        assertEquals(2, SimulateCommandTest.run("--screenshot", "target/x.png", "--scenario", "handshake").exit());
        assertEquals(2, SimulateCommandTest.run("--screenshot", "target/x.png", "--at", "10", "--theme", "neon").exit());
        SimulateCommandTest.Run bad = SimulateCommandTest.run("--screenshot", "target/x.png", "--at", "10", "--scenario",
                "nosuch", "--lang", "en");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("there is no built-in scenario 'nosuch'"), bad.err());
    }

    @Test
    void writesThePresenterViewOfALessonStep() throws Exception {
        Path file = Path.of("target/screenshot-option/closing-step4-presenter-en.png");
        Files.deleteIfExists(file);
        SimulateCommandTest.Run r = SimulateCommandTest.run("--screenshot", file.toString(), "--lesson", "closing", "--step", "4",
                "--presenter", "--size", "1024x768", "--lang", "en");
        assertEquals(0, r.exit(), r.err());
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(1024, img.getWidth());
        assertEquals(768, img.getHeight());
    }

    @Test
    void badLessonScreenshotOptionsSayWhatIsWrong() {
        SimulateCommandTest.Run noLesson = SimulateCommandTest.run("--screenshot", "target/x.png", "--presenter", "--lang", "en");
        assertEquals(2, noLesson.exit());
        assertTrue(noLesson.err().contains("--presenter needs --lesson ID"), noLesson.err());
        SimulateCommandTest.Run unknown = SimulateCommandTest.run("--screenshot", "target/x.png", "--lesson", "nosuch", "--lang", "en");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("there is no lesson 'nosuch'"), unknown.err());
        SimulateCommandTest.Run step = SimulateCommandTest.run("--screenshot", "target/x.png", "--lesson", "handshake", "--step", "12",
                "--lang", "en");
        assertEquals(1, step.exit());
        assertTrue(step.err().contains("--step 12: the lesson 'handshake' has steps 1 to 5"), step.err());
    }
}
