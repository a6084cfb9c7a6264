package tcplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcplab.i18n.Lang;

/**
 * Every command exits non-zero when it did not do what it says (issue 15): running out of memory
 * or stack is one line and exit 1, never a Java trace; {@code --screenshot} says "Wrote" only for
 * a file that is there.
 */
class HonestExitsTest {
    @TempDir
    Path dir;

    private static final String MANY = "scenario: many\ntitle: {en: Many, zh: 多}\nhosts: {c: {address: 10.0.0.1}, s: {address: 10.0.0.2}}\n"
            + "actions:\n  - {at: 0, host: s, do: listen, port: 80}\n  - {at: 0, host: c, do: connect, to: 's:80', count: 100000, interval_ms: 1}\n";

    /** A real process with a small heap: the largest run a scenario may ask for does not fit in 24 MB. */
    @Test
    void runningOutOfMemoryIsOneLineInTheUsersLanguageAndExitOne() throws Exception {
        Path f = Files.writeString(dir.resolve("many.yaml"), MANY);
        for (Lang lang : Lang.values()) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx24m",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "tcplab.cli.Main", "simulate", "--scenario",
                    f.toString(), "--lang", lang.name().toLowerCase(java.util.Locale.ROOT))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue(), err);
            assertEquals(1, err.lines().count(), err);
            assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), err);
            assertTrue(lang == Lang.EN ? err.startsWith("tcplab: error: out of memory (at most ")
                    : err.startsWith("tcplab:错误: 内存不足(最多 "), err);
        }
    }

    @Test
    void aScreenshotThatFailsOnTheFxThreadInAnyWayIsAnErrorNotWrote() {
        assertEquals("the input is nested too deeply for this command, which stopped without finishing; nothing was written after this point",
                tcplab.ui.Screenshot.guardedForTests(HonestExitsTest::recurse, Lang.EN));
        assertTrue(tcplab.ui.Screenshot.guardedForTests(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, Lang.ZH).startsWith("内存不足(最多 "));
        assertEquals("java.lang.IllegalStateException: x", tcplab.ui.Screenshot.guardedForTests(() -> {
            throw new IllegalStateException("x");
        }, Lang.EN));
        assertEquals(null, tcplab.ui.Screenshot.guardedForTests(() -> null, Lang.EN));
    }

    private static String recurse() {
        return recurse() + "";
    }

    @Test
    void aScreenshotWhereNoFileCanBeWrittenExitsOneWithoutSayingWrote() {
        SimulateCommandTest.Run r = SimulateCommandTest.run("--screenshot", "/sys/tcplab-x.png", "--scenario", "handshake",
                "--at", "10", "--lang", "en");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertFalse(r.out().contains("Wrote"), r.out());
        assertEquals("tcplab: error: no picture was written to /sys/tcplab-x.png: permission denied\n", r.err());
        assertFalse(Files.exists(Path.of("/sys/tcplab-x.png")));
        SimulateCommandTest.Run dev = SimulateCommandTest.run("--screenshot", "/dev/null", "--scenario", "handshake",
                "--at", "10", "--lang", "zh");
        assertEquals(1, dev.exit());
        assertEquals("tcplab:错误: 没有把图片写到 /dev/null:它是文件夹、设备或管道,不是文件(保持原样)\n", dev.err());
        assertFalse(Files.isRegularFile(Path.of("/dev/null")), "the device is still a device");
    }

    @Test
    void aScreenshotOfAHostileScenarioSaysWhyAndWritesNothing() throws Exception {
        Path bomb = Files.writeString(dir.resolve("loop.yaml"),
                "scenario: s\ntitle: {en: x, zh: x}\nhosts: &h {client: {address: 10.0.0.1}, loop: *h}\nactions: []\n");
        Path png = dir.resolve("x.png");
        SimulateCommandTest.Run r = SimulateCommandTest.run("--screenshot", png.toString(), "--scenario", bomb.toString(),
                "--at", "10", "--lang", "en");
        assertEquals(1, r.exit());
        assertEquals("tcplab: error: " + bomb + ":3: anchors and aliases are not used in scenario files (&name, *name); "
                + "write the value out in full where it is needed\n", r.err());
        assertFalse(Files.exists(png));
        assertEquals(List.of(), List.of(r.out().lines().filter(l -> l.contains("Wrote")).toArray()));
    }
}
