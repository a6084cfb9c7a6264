package tcplab.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcplab.i18n.Lang;
import tcplab.i18n.ProblemException;
import tcplab.lesson.LessonLoader;
import tcplab.quiz.BankLoader;
import tcplab.sim.ScenarioLoader;

/**
 * The files a careless or hostile user can give the YAML readers (issue 15): each is refused
 * with one {@code file:line} message in both languages, quickly and in little memory, or loads.
 */
class HostileYamlTest {
    @TempDir
    Path dir;

    /** 24 levels of two aliases each: 48 aliases, 2^24 values once expanded, in 700 bytes. */
    static String billionLaughs(String head) {
        StringBuilder sb = new StringBuilder(head).append("about:\n  l0: &a0 [x, x]\n");
        for (int i = 1; i < 25; i++) {
            sb.append("  l").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        return sb.toString();
    }

    private static ProblemException refused(org.junit.jupiter.api.function.Executable e) {
        return assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(ProblemException.class, e));
    }

    @Test
    void aBillionLaughsScenarioIsRefusedAtItsFirstAnchorNotExpanded() {
        String text = billionLaughs("scenario: bomb\ntitle: {en: x, zh: x}\nhosts: {client: {address: 10.0.0.1}}\nactions: []\n");
        assertTrue(text.length() < 800, "a small file");
        ProblemException e = refused(() -> ScenarioLoader.parse(text, "bomb.yaml"));
        assertEquals("bomb.yaml:6: anchors and aliases are not used in scenario files (&name, *name); "
                + "write the value out in full where it is needed", e.format(Lang.EN));
        assertEquals("bomb.yaml:6: 场景文件里不使用锚点和别名(&名字、*名字);请在需要的地方把值完整写出来", e.format(Lang.ZH));
    }

    @Test
    void aBillionLaughsLessonAndBankAreRefusedTooNamingTheirKindOfFile() {
        ProblemException lesson = refused(() -> LessonLoader.parse(billionLaughs("lesson: bomb\n"), "bomb.yaml"));
        assertTrue(lesson.format(Lang.EN).startsWith("bomb.yaml:3: anchors and aliases are not used in lesson files"), lesson.format(Lang.EN));
        assertTrue(lesson.format(Lang.ZH).startsWith("bomb.yaml:3: 课程文件里不使用锚点和别名"), lesson.format(Lang.ZH));
        ProblemException bank = refused(() -> BankLoader.parse(billionLaughs("bank: bomb\n"), "bomb.yaml"));
        assertTrue(bank.format(Lang.EN).startsWith("bomb.yaml:3: anchors and aliases are not used in question bank files"), bank.format(Lang.EN));
        assertTrue(bank.format(Lang.ZH).startsWith("bomb.yaml:3: 题库文件里不使用锚点和别名"), bank.format(Lang.ZH));
    }

    @Test
    void aSelfReferencingAliasIsRefusedWithoutAStackOverflow() {
        String text = "scenario: s\ntitle: {en: x, zh: x}\nhosts: &h {client: {address: 10.0.0.1}, loop: *h}\nactions: []\n";
        ProblemException e = refused(() -> ScenarioLoader.parse(text, "loop.yaml"));
        assertTrue(e.format(Lang.EN).startsWith("loop.yaml:3: anchors and aliases are not used in scenario files"), e.format(Lang.EN));
    }

    @Test
    void anAliasOfAPlainTextIsRefusedToo() {
        ProblemException e = refused(() -> ScenarioLoader.parse("scenario: &n s\ntitle: {en: *n, zh: x}\n", "a.yaml"));
        assertTrue(e.format(Lang.EN).startsWith("a.yaml:1: anchors and aliases"), e.format(Lang.EN));
    }

    @Test
    void tenThousandNestedBracketsAreTooDeepAtTheirLine() {
        String text = "scenario: s\nabout: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        ProblemException e = refused(() -> ScenarioLoader.parse(text, "deep.yaml"));
        assertEquals("deep.yaml:2: maps and lists nested more than 32 levels deep; no file of this program needs that many",
                e.format(Lang.EN));
        assertEquals("deep.yaml:2: 映射和列表嵌套超过了 32 层;本程序的文件都用不到这么多层", e.format(Lang.ZH));
    }

    @Test
    void deeplyIndentedMapsAreTooDeepAtTheLineThatGoesPastTheLimit() {
        StringBuilder sb = new StringBuilder("lesson: deep\n");
        for (int i = 0; i < 1_000; i++) {
            sb.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        ProblemException e = refused(() -> LessonLoader.parse(sb.toString(), "deep.yaml"));
        assertTrue(e.format(Lang.EN).startsWith("deep.yaml:34: maps and lists nested more than 32 levels"), e.format(Lang.EN));
    }

    @Test
    void thirtyTwoLevelsAreStillRead() throws ProblemException {
        YNode n = YNode.parse("a: " + "[".repeat(31) + "x" + "]".repeat(31) + "\n", "ok.yaml", YNode.Format.SCENARIO);
        YNode v = n.get("a");
        for (int i = 0; i < 31; i++) {
            v = v.items().get(0);
        }
        assertEquals("x", v.text());
    }

    @Test
    void tooManyValuesAreRefusedAtTheLineOfTheFirstOneTooMany() {
        String text = "scenario: s\nabout:\n  [" + "1,".repeat(100_000) + "1]\n";
        ProblemException e = refused(() -> ScenarioLoader.parse(text, "many.yaml"));
        assertEquals("many.yaml:3: more than 100,000 values; a scenario file never needs that many, split it into several files",
                e.format(Lang.EN));
        assertEquals("many.yaml:3: 值超过了 100,000 个;场景文件用不到这么多,请拆成几个文件", e.format(Lang.ZH));
    }

    @Test
    void aTwentyMegabyteFileIsRefusedBySizeBeforeAnythingIsRead() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(20L << 20); // sparse: only its size is ever looked at
        }
        long t0 = System.nanoTime();
        ProblemException e = refused(() -> ScenarioLoader.load(big));
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
        assertEquals(big + ": the file is 20 MB, larger than the 1 MB a scenario file may be; split it into several files",
                e.format(Lang.EN));
        assertEquals(big + ": 文件有 20 MB,超过了场景文件的上限 1 MB;请拆成几个文件", e.format(Lang.ZH));
    }

    @Test
    void aLongQuotedTextIsReadInLinearTime() {
        // With the library's 1 KiB buffer a 4 MB quoted text took 45 s (its window copied per KiB).
        String bank = "bank: b\ntitle: \"" + "a".repeat(4_000_000) + "\"\n";
        ProblemException e = refused(() -> BankLoader.parse(bank, "long.yaml"));
        assertTrue(e.format(Lang.EN).contains("long.yaml:2: 'title' must give the text in both languages"), e.format(Lang.EN));
        String scenario = "scenario: s\nabout: \"" + "a".repeat(1_000_000) + "\"\n";
        refused(() -> ScenarioLoader.parse(scenario, "long.yaml"));
    }

    @Test
    void aFolderAFifoAndADeviceAreNotReadAndNothingWaits() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder.yaml"));
        assertEquals(folder + ": this is a folder, not a file", refused(() -> ScenarioLoader.load(folder)).format(Lang.EN));
        Path fifo = dir.resolve("fifo.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertEquals(fifo + ": this is not a regular file (a device, a pipe or a socket); give the path of a .yaml file",
                refused(() -> LessonLoader.load(fifo)).format(Lang.EN));
        assertTrue(refused(() -> BankLoader.load(Path.of("/dev/zero"))).format(Lang.ZH).endsWith("这不是普通文件(而是设备、管道或套接字);请给出 .yaml 文件的路径"));
    }

    @Test
    void binaryIsNotUtf8() throws IOException {
        Path bin = dir.resolve("bin.yaml");
        Files.write(bin, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        assertEquals(bin + ": the file is not UTF-8 text; save it as UTF-8", refused(() -> ScenarioLoader.load(bin)).format(Lang.EN));
    }

    @Test
    void aSecondDocumentIsRefusedAtItsLine() {
        ProblemException e = refused(() -> YNode.parse("a: 1\n---\nb: 2\n", "two.yaml", YNode.Format.LESSON));
        assertEquals("two.yaml:2: a second YAML document (a second \"---\" line); a file holds one", e.format(Lang.EN));
    }

    @Test
    void theCancelFlagStopsTheParser() {
        String text = "scenario: s\nabout: [" + "1,".repeat(50_000) + "1]\n";
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> YNode.parse(text, "c.yaml", YNode.Format.SCENARIO, () -> true));
    }

    @Test
    void everyBuiltinFileStillLoadsAndItsTextIsUtf8() throws Exception {
        for (String name : ScenarioLoader.BUILTIN) {
            ScenarioLoader.builtin(name);
        }
        for (Path p : Files.list(Path.of("lessons")).filter(p -> p.toString().endsWith(".yaml")).toList()) {
            LessonLoader.load(p);
            assertTrue(Files.size(p) < YNode.Format.LESSON.maxBytes / 16, p + " far from the limit");
        }
        for (Path p : Files.list(Path.of("banks")).filter(p -> p.toString().endsWith(".yaml")).toList()) {
            BankLoader.load(p);
        }
        assertEquals("x", new String("x".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
