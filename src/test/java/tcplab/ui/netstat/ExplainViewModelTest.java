package tcplab.ui.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcplab.i18n.Lang;
import tcplab.netstat.Dialect;
import tcplab.netstat.HostTable;
import tcplab.netstat.LiveCapture;
import tcplab.netstat.Warning;
import tcplab.ui.common.Tables;

/** The "explain your own netstat" view model, without starting JavaFX (work runs on the calling thread). */
class ExplainViewModelTest {

    private static ExplainViewModel direct() {
        return new ExplainViewModel(Runnable::run, Runnable::run);
    }

    private static ExplainViewModel.Row row(ExplainViewModel m, String part) {
        return m.rowsProperty().stream().filter(r -> r.text().contains(part)).findFirst().orElseThrow();
    }

    @Test
    void changingTheLanguageOfAnEmptyTabDoesNotFail() {
        ExplainViewModel m = new ExplainViewModel(Runnable::run, Runnable::run);
        m.langProperty().set(tcplab.i18n.Lang.ZH);
        m.langProperty().set(tcplab.i18n.Lang.EN);
        org.junit.jupiter.api.Assertions.assertEquals(0, m.rowsProperty().size());
    }

    @Test
    void theSeedArticlesRowsAreExplainedLineByLine() {
        ExplainViewModel m = direct();
        m.textProperty().set(Tables.SEED_ROWS);
        m.explain();
        assertEquals(8, m.rowsProperty().size());
        assertTrue(m.rowsProperty().stream().allMatch(r -> r.kind().equals("socket")), m.rowsProperty().toString());
        ExplainViewModel.Row syn = row(m, "MYCHENG:2782");
        assertTrue(syn.explanation().contains("SYN_RECEIVED"), syn.explanation());
        m.selectRow(m.rowsProperty().indexOf(syn));
        assertTrue(m.explanationProperty().get().contains("SYN_RECEIVED"));
        assertEquals("Line 3 · socket", m.explanationTitleProperty().get());
        assertTrue(row(m, "fdlpw:epmap fdlpw:0").explanation().contains("135"), "epmap is port 135");
        assertEquals("8 lines: 8 sockets, 0 not recognised.", m.statusProperty().get());
        assertEquals("Pasted text", m.sourceProperty().get());

        m.langProperty().set(Lang.ZH);
        assertEquals(2, m.selectedRowProperty().get(), "the language switch keeps the selected row");
        assertTrue(m.explanationProperty().get().contains("三次握手"), m.explanationProperty().get());
        assertEquals("第 3 行 · 套接字", m.explanationTitleProperty().get());
        assertEquals("粘贴的文本", m.sourceProperty().get());
        assertEquals("8 行:8 个套接字,0 行无法识别。", m.statusProperty().get());
        assertTrue(m.warningsProperty().stream().anyMatch(w -> w.code() == Warning.Code.EXPOSED_SERVICE),
                "epmap (135) listening on every interface " + m.warningsProperty());
    }

    @Test
    void aSynFloodPastedFromTheSimulatorGivesTheSynFloodWarning() throws Exception {
        ExplainViewModel m = direct();
        m.textProperty().set(HostTable.emit(Tables.run("syn-flood", 3_000_000).host("server"), Dialect.WINDOWS_ZH));
        m.explain();
        assertTrue(m.warningsProperty().stream().anyMatch(w -> w.code() == Warning.Code.SYN_FLOOD));
        assertEquals(129L, m.countsByStateProperty().get("SYN_RECEIVED"));
        assertEquals("header", m.rowsProperty().get(1).kind());
        assertEquals("blank", m.rowsProperty().get(0).kind());
    }

    @Test
    void garbageNeverThrowsAndTheUsersTextStaysAsItWas() {
        ExplainViewModel m = direct();
        Random rnd = new Random(42);
        byte[] bin = new byte[20_000];
        rnd.nextBytes(bin);
        StringBuilder tenMb = new StringBuilder(10 * 1024 * 1024 + 40);
        while (tenMb.length() < 10 * 1024 * 1024) {
            tenMb.append("TCP 0.0.0.0:80 ");
        }
        tenMb.append("\nTCP    0.0.0.0:135    0.0.0.0:0    LISTENING\n");
        String[] inputs = {
            new String(bin, StandardCharsets.ISO_8859_1),
            "\u0000\u0001\u0002 TCP \u0000\n\r\n\r\r\t\t",
            "hello world\nthis is not netstat at all\n😀😀😀 中文 ABHÖREN",
            tenMb.toString(),
            "TCP 999.1.1.1:99999 :::: LISTENING\nudp6 0 0 [[::]]:x *:* \nProto",
        };
        for (String in : inputs) {
            m.textProperty().set(in);
            m.explain();
            assertEquals(in, m.textProperty().get(), "explaining never changes the user's text");
            assertFalse(m.errorProperty().get(), m.statusProperty().get());
            assertFalse(m.busyProperty().get());
            for (ExplainViewModel.Row r : m.rowsProperty()) {
                assertTrue(r.text().length() <= ExplainViewModel.MAX_SHOWN_CHARS + 1, "a shown line is cut");
                assertTrue(r.text().chars().noneMatch(c -> c < 0x20), "no control characters reach the list");
                if (r.kind().equals("unrecognised")) {
                    assertTrue(r.reason() != null && r.explanation().contains(r.reason()));
                }
            }
        }
        // The 10 MB line is one unrecognised row, the row after it is still read.
        m.textProperty().set(tenMb.toString());
        m.explain();
        assertEquals(2, m.rowsProperty().size());
        assertEquals("unrecognised", m.rowsProperty().get(0).kind());
        assertTrue(m.rowsProperty().get(0).reason().startsWith("line too long"));
        assertEquals("socket", m.rowsProperty().get(1).kind());
    }

    @Test
    void aLongInputIsListedUpToTheCapAndCountedInFull() {
        ExplainViewModel m = direct();
        StringBuilder sb = new StringBuilder("Active Internet connections (servers and established)\n"
                + "Proto Recv-Q Send-Q Local Address           Foreign Address         State\n");
        int n = ExplainViewModel.MAX_ROWS_SHOWN + 1000;
        for (int i = 0; i < n; i++) {
            sb.append("tcp        0      0 10.0.0.2:80             10.0.1.").append(i % 250).append(':').append(1024 + i)
                    .append("          TIME_WAIT\n");
        }
        m.textProperty().set(sb.toString());
        m.explain();
        assertEquals(ExplainViewModel.MAX_ROWS_SHOWN, m.rowsProperty().size());
        assertEquals((long) n, m.countsByStateProperty().get("TIME_WAIT"));
        assertTrue(m.statusProperty().get().contains("Only the first 5,000 lines are listed"), m.statusProperty().get());
    }

    @Test
    void aGbkFileFromAChineseWindowsIsDecodedAndExplained(@TempDir Path dir) throws Exception {
        String zh = HostTable.emit(Tables.run("handshake", 400_000).host("server"), Dialect.WINDOWS_ZH);
        Path f = dir.resolve("netstat-ano.txt");
        Files.write(f, zh.getBytes(Charset.forName("GBK")));
        ExplainViewModel m = direct();
        m.loadFile(f);
        assertEquals(zh, m.textProperty().get());
        assertEquals("File netstat-ano.txt (GBK, " + Files.size(f) + " bytes)", m.sourceProperty().get());
        assertTrue(m.rowsProperty().stream().noneMatch(r -> r.kind().equals("unrecognised")));
        assertEquals(2, m.rowsProperty().stream().filter(r -> r.kind().equals("socket")).count());
        m.textProperty().set(m.textProperty().get() + "\n");
        assertEquals("Pasted text", m.sourceProperty().get(), "an edit makes it the user's text");
    }

    @Test
    void aMissingOrHugeFileGivesAClearMessageAndKeepsTheText(@TempDir Path dir) throws Exception {
        ExplainViewModel m = direct();
        m.textProperty().set("mine");
        m.loadFile(dir.resolve("nope.txt"));
        assertTrue(m.errorProperty().get());
        assertTrue(m.statusProperty().get().startsWith("Cannot read nope.txt"), m.statusProperty().get());
        assertEquals("mine", m.textProperty().get());
        Path big = dir.resolve("big.txt");
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(ExplainViewModel.MAX_FILE_BYTES + 1);
        }
        m.loadFile(big);
        assertTrue(m.statusProperty().get().contains("tcplab explain FILE"), m.statusProperty().get());
        assertEquals("mine", m.textProperty().get());
    }

    @Test
    void aDeviceOrAFolderIsNotReadForEver(@TempDir Path dir) {
        ExplainViewModel m = direct();
        m.textProperty().set("mine");
        m.loadFile(Path.of("/dev/zero")); // its size says 0; reading it never ends
        assertTrue(m.errorProperty().get());
        assertEquals("zero is not a regular file (a folder, a device or a pipe); choose a saved netstat output", m.statusProperty().get());
        m.loadFile(dir);
        assertTrue(m.statusProperty().get().endsWith("is not a regular file (a folder, a device or a pipe); choose a saved netstat output"));
        assertEquals("mine", m.textProperty().get());
    }

    @Test
    void readingThisMachineExplainsWhatTheToolPrinted() {
        byte[] out = ("State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n"
                + "LISTEN 0      128          0.0.0.0:22        0.0.0.0:*\n").getBytes(StandardCharsets.UTF_8);
        ExplainViewModel m = new ExplainViewModel(Runnable::run, Runnable::run, () -> new LiveCapture("ss -tanp", out));
        m.readThisMachine();
        assertEquals("This machine: ss -tanp", m.sourceProperty().get());
        assertEquals("socket", m.rowsProperty().get(1).kind());
        assertTrue(m.rowsProperty().get(1).explanation().contains("ssh"), m.rowsProperty().get(1).explanation());
    }

    @Test
    void whenNoToolCanRunTheMessageSaysWhichWereTriedAndTheTextStays() {
        ExplainViewModel m = new ExplainViewModel(Runnable::run, Runnable::run, () -> {
            throw new LiveCapture.Unavailable(List.of("ss -tanp", "netstat -tanp"));
        });
        m.textProperty().set("TCP 0.0.0.0:21 0.0.0.0:0 LISTENING");
        m.readThisMachine();
        assertTrue(m.errorProperty().get());
        assertTrue(m.statusProperty().get().contains("ss -tanp, netstat -tanp"), m.statusProperty().get());
        assertEquals("TCP 0.0.0.0:21 0.0.0.0:0 LISTENING", m.textProperty().get());
        m.langProperty().set(Lang.ZH);
        assertTrue(m.statusProperty().get().startsWith("无法读取本机"), m.statusProperty().get());
    }

    @Test
    void anOlderExplanationFinishingLateIsDropped() {
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        ExplainViewModel m = new ExplainViewModel(queue::add, Runnable::run);
        m.textProperty().set("TCP 0.0.0.0:21 0.0.0.0:0 LISTENING");
        m.explain();
        m.textProperty().set("TCP 0.0.0.0:21 0.0.0.0:0 LISTENING\nTCP 0.0.0.0:23 0.0.0.0:0 LISTENING");
        m.explain();
        assertTrue(m.busyProperty().get());
        assertEquals("Explaining…", m.statusProperty().get());
        queue.removeLast().run(); // the newer one finishes first
        queue.removeFirst().run();
        assertEquals(2, m.rowsProperty().size(), "the late, older result does not overwrite the newer one");
        assertFalse(m.busyProperty().get());
    }

    @Test
    void clearingEmptiesTheResults() {
        ExplainViewModel m = direct();
        m.textProperty().set(Tables.SEED_ROWS);
        m.explain();
        m.clear();
        assertEquals("", m.textProperty().get());
        assertTrue(m.rowsProperty().isEmpty());
        assertTrue(m.warningsProperty().isEmpty());
        assertEquals("Nothing to explain yet: paste some netstat output.", m.statusProperty().get());
        assertEquals("", m.countsTextProperty().get());
    }
}
