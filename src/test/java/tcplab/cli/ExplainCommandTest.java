package tcplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tcplab explain}: the jsonl shape, the text view, and one-line errors with exit codes. */
class ExplainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void jsonlHasOneObjectPerLineInInputOrderThenTheSummary() throws IOException {
        Path p = file("an.txt", "\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State\r\n"
                + "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING\r\n"
                + "  UDP    0.0.0.0:500            *:*                    \r\n"
                + "garbage here\r\n");
        Run r = run("explain", p.toString(), "--format", "jsonl", "--lang", "en");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            lines.add(JSON.readTree(l));
        }
        assertEquals(8, lines.size());
        for (int i = 0; i < 7; i++) {
            assertEquals(i + 1, lines.get(i).get("line").asInt());
        }
        JsonNode s = lines.get(4);
        assertEquals("socket", s.get("kind").asText());
        assertEquals("windows", s.get("dialect").asText());
        assertEquals("tcp", s.get("proto").asText());
        assertEquals("ipv4", s.get("family").asText());
        assertEquals("0.0.0.0", s.get("local_address").asText());
        assertEquals(135, s.get("local_port").asInt());
        assertTrue(s.get("local_port").isNumber());
        assertEquals("epmap", s.get("local_service").asText());
        assertEquals("0.0.0.0", s.get("foreign_address").asText());
        assertEquals(0, s.get("foreign_port").asInt());
        assertEquals("LISTEN", s.get("state").asText());
        assertEquals("LISTENING", s.get("state_raw").asText());
        assertTrue(s.get("pid").isNull());
        assertTrue(s.get("program").isNull());
        assertTrue(s.get("explanation").asText().contains("every interface"));
        JsonNode udp = lines.get(5);
        assertEquals("udp", udp.get("proto").asText());
        assertTrue(udp.get("state").isNull());
        assertTrue(udp.get("foreign_port").isNull());
        assertEquals("unrecognised", lines.get(6).get("kind").asText());
        assertFalse(lines.get(6).get("reason").asText().isEmpty());
        assertEquals("blank", lines.get(0).get("kind").asText());
        assertEquals("header", lines.get(1).get("kind").asText());
        JsonNode sum = lines.get(7);
        assertEquals("summary", sum.get("kind").asText());
        assertEquals(7, sum.get("lines").asInt());
        assertEquals(2, sum.get("sockets").asInt());
        assertEquals(1, sum.get("unrecognised").asInt());
        assertEquals(1, sum.get("by_state").get("LISTEN").asInt());
        JsonNode w = sum.get("warnings").get(0);
        assertEquals("EXPOSED_SERVICE", w.get("code").asText());
        assertTrue(w.has("severity") && w.has("evidence") && w.has("message"));
    }

    @Test
    void jsonlSendQIsTheNumberSsPrintedEvenOnAListenRowWhereItIsTheBacklog() throws IOException {
        Path p = file("ss.txt", "State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n"
                + "LISTEN 0      8          127.0.0.1:21       0.0.0.0:*\n"
                + "ESTAB  0      5          127.0.0.1:21     127.0.0.1:47262\n");
        String[] out = run("explain", p.toString(), "--format=jsonl").out().split("\n");
        assertEquals(8, JSON.readTree(out[1]).get("send_q").asInt());
        assertEquals(0, JSON.readTree(out[1]).get("recv_q").asInt());
        assertEquals(5, JSON.readTree(out[2]).get("send_q").asInt());
    }

    @Test
    void namedPortsAreNumbersWithTheNameKeptAsRaw() throws IOException {
        Path p = file("a.txt", "TCP fdlpw:ftp fdlpw:0 LISTENING\n");
        JsonNode s = JSON.readTree(run("explain", p.toString(), "--format=jsonl").out().split("\n")[0]);
        assertEquals(21, s.get("local_port").asInt());
        assertEquals("ftp", s.get("local_port_raw").asText());
        assertEquals("windows-names", s.get("dialect").asText());
    }

    @Test
    void textPutsWarningsFirstInTheChosenLanguage() throws IOException {
        StringBuilder sb = new StringBuilder("tcp 0 0 0.0.0.0:80 0.0.0.0:* LISTEN\n");
        for (int i = 0; i < 20; i++) {
            sb.append("tcp 0 0 10.0.0.1:80 203.0.113.").append(i).append(":4").append(1000 + i).append(" SYN_RECV\n");
        }
        Path p = file("flood.txt", sb.toString());
        Run zh = run("explain", p.toString(), "--lang", "zh");
        assertEquals(0, zh.code(), zh.err());
        assertTrue(zh.out().indexOf("SYN_FLOOD") < zh.out().indexOf("-- LISTEN"), zh.out());
        assertTrue(zh.out().contains("== 警告 =="), zh.out());
        Run en = run("explain", p.toString(), "--lang", "en");
        assertTrue(en.out().contains("== Warnings =="), en.out());
    }

    @Test
    void anUnrecognisedLineCarriesItsReasonInTheChosenLanguageAndAStableCode() throws IOException {
        Path p = file("bad.txt", "  TCP    0.0.0.0:135    0.0.0.0:0    LAUSCHEND\n");
        JsonNode zh = JSON.readTree(run("explain", p.toString(), "--format", "jsonl", "--lang", "zh").out().split("\n")[0]);
        assertEquals("UNKNOWN_STATE", zh.get("reason_code").asText());
        assertEquals("未知的状态词“LAUSCHEND”", zh.get("reason").asText());
        Run text = run("explain", p.toString(), "--lang", "zh");
        assertTrue(text.out().contains("第 1 行:无法识别(未知的状态词“LAUSCHEND”)"), text.out());
        JsonNode en = JSON.readTree(run("explain", p.toString(), "--format", "jsonl", "--lang", "en").out().split("\n")[0]);
        assertEquals("unknown state word 'LAUSCHEND'", en.get("reason").asText());
    }

    @Test
    void escapeSequencesInTheInputNeverReachTheTerminal() throws IOException {
        Path p = file("esc.txt", "\u001b]0;PWNED\u0007\u001b[2J\n"
                + "tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN 1/ss\u001b[31mhd\n");
        Run r = run("explain", p.toString(), "--lang", "en");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().chars().anyMatch(c -> c == 0x1b || c == 0x07), r.out());
        assertTrue(r.out().contains("\\x1B]0;PWNED\\x07"), r.out());
    }

    @Test
    void aTableTooBigToShowSaysHowManyRowsOfEachStateAreShown() throws IOException {
        StringBuilder sb = new StringBuilder("tcp 0 0 0.0.0.0:80 0.0.0.0:* LISTEN\n");
        for (int i = 0; i < tcplab.netstat.TextReport.MAX_ROWS + 500; i++) {
            sb.append("tcp 0 0 10.0.0.1:80 10.1.").append(i / 250).append('.').append(i % 250 + 1).append(":40000 ")
                    .append(i % 2 == 0 ? "ESTABLISHED" : "TIME_WAIT").append('\n');
        }
        Run r = run("explain", file("big.txt", sb.toString()).toString(), "--lang", "en");
        assertTrue(r.out().contains("-- ESTABLISHED (10000 of 10250 shown)"), r.out().substring(0, 2000));
        assertTrue(r.out().indexOf("501 more rows are not shown") < r.out().indexOf("== Warnings =="),
                "the cut is said before the rows, not only after 20,000 of them");
    }

    @Test
    void anEmptyInputSaysThereIsNothingToExplain() throws IOException {
        Run r = run("explain", file("empty.txt", "").toString(), "--lang", "en");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("The input is empty"), r.out());
    }

    @Test
    void aMissingFileIsAOneLineUsageErrorNamingTheFile() {
        Run r = run("explain", dir.resolve("nope.txt").toString(), "--lang", "en");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("nope.txt") && r.err().contains("no such file"), r.err());
        Run zh = run("explain", dir.resolve("nope.txt").toString(), "--lang", "zh");
        assertTrue(zh.err().contains("文件不存在"), zh.err());
    }

    @Test
    void anEmptyFileNameIsAUsageErrorNotADirectoryError() {
        Run r = run("explain", "", "--lang", "en");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("file name is empty") && !r.err().contains("directory"), r.err());
        Run zh = run("explain", " ", "--lang", "zh");
        assertTrue(zh.err().contains("文件名为空"), zh.err());
    }

    @Test
    void aBadDialectOrEncodingIsAUsageError() throws IOException {
        Path p = file("x.txt", "TCP 0.0.0.0:80 0.0.0.0:0 LISTENING\n");
        Run d = run("explain", p.toString(), "--dialect", "klingon", "--lang", "en");
        assertEquals(2, d.code());
        assertTrue(d.err().contains("klingon") && d.err().contains("windows-pid"), d.err());
        Run e = run("explain", p.toString(), "--encoding", "no-such-charset", "--lang", "en");
        assertEquals(2, e.code());
        assertTrue(e.err().contains("no-such-charset"), e.err());
        assertFalse(e.err().contains("Exception"), e.err());
        Run f = run("explain", p.toString(), "--format", "xml", "--lang", "en");
        assertEquals(2, f.code());
    }

    @Test
    void anExplicitDialectAndEncodingAreUsed() throws IOException {
        Path p = dir.resolve("gbk.txt");
        Files.write(p, "  协议  本地地址          外部地址        状态           PID\r\n  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712\r\n"
                .getBytes(Charset.forName("GBK")));
        Run r = run("explain", p.toString(), "--format", "jsonl", "--encoding", "GBK", "--dialect", "windows-zh");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].contains("协议"), lines[0]);
        assertEquals("windows-zh", JSON.readTree(lines[1]).get("dialect").asText());
    }

    private static JsonNode firstSocket(Run r) throws IOException {
        for (String l : r.out().split("\n")) {
            JsonNode n = JSON.readTree(l);
            if (n.get("kind").asText().equals("socket")) {
                return n;
            }
        }
        throw new AssertionError("no socket line in\n" + r.out());
    }

    @Test
    void aGivenEncodingOverridesTheDetectedOne() throws IOException {
        Path p = dir.resolve("de-cp850.txt");
        Files.write(p, ("Aktive Verbindungen\r\n\r\n  Proto  Lokale Adresse         Remoteadresse          Status           PID\r\n"
                + "  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN          1012\r\n").getBytes(Charset.forName("IBM850")));
        JsonNode detected = firstSocket(run("explain", p.toString(), "--format", "jsonl", "--lang", "en"));
        assertEquals("ABHÖREN", detected.get("state_raw").asText());
        // Read as windows-1252, as an editor would show it: the ABH™REN seen in the wild, still LISTEN.
        JsonNode forced = firstSocket(run("explain", p.toString(), "--format", "jsonl", "--lang", "en", "--encoding", "windows-1252"));
        assertEquals("ABH™REN", forced.get("state_raw").asText());
        assertEquals("LISTEN", forced.get("state").asText());
    }

    @Test
    void aFileWrittenByWindowsPowerShellInUtf16IsExplained() throws IOException {
        Path p = dir.resolve("ps.txt");
        byte[] text = ("\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n"
                + "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1012\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[text.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(text, 0, bytes, 2, text.length);
        Files.write(p, bytes);
        Run r = run("explain", p.toString(), "--format", "jsonl", "--lang", "en");
        assertEquals(0, r.code(), r.err());
        assertEquals(135, firstSocket(r).get("local_port").asInt());
        String[] lines = r.out().split("\n");
        assertEquals(0, JSON.readTree(lines[lines.length - 1]).get("unrecognised").asInt(), r.out());
    }

    @Test
    void helpIsAvailableInBothLanguages() {
        Run en = run("explain", "--help", "--lang", "en");
        assertEquals(0, en.code());
        assertTrue(en.out().contains("--dialect") && en.out().contains("Explain netstat"), en.out());
        Run zh = run("explain", "--help", "--lang", "zh");
        assertTrue(zh.out().contains("逐行解释"), zh.out());
    }

    @Test
    void theWindowsExplainedTableSaysOfEachRowWhatExplainPrintsUnderThatRow() throws IOException {
        // The netstat tab, the explain tab and the lessons read tables through ExplainedTable; a
        // row must read the same there as here (direction included: it depends on the whole table).
        for (String name : new String[] {"seeds/article1-rows.txt", "seeds/article2-rows.txt",
            "netstat-fixtures/debian12/netstat-tanp.txt"}) {
            String text = Files.readString(Path.of("src/test/resources", name));
            for (tcplab.i18n.Lang l : tcplab.i18n.Lang.values()) {
                Run r = run("explain", file("t.txt", text).toString(), "--lang", l == tcplab.i18n.Lang.ZH ? "zh" : "en");
                assertEquals(0, r.code(), r.err());
                tcplab.netstat.ExplainedTable table = tcplab.netstat.ExplainedTable.of(text, l);
                String[] out = r.out().split("\\R");
                int rows = 0;
                for (int i = 0; i + 1 < out.length; i++) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^  #\\s*(\\d+)  ").matcher(out[i]);
                    if (m.find() && out[i + 1].startsWith("      ")) {
                        int line = Integer.parseInt(m.group(1));
                        assertEquals(out[i + 1].substring(6), table.row(line - 1).explanation(), name + " " + l + " line " + line);
                        rows++;
                    }
                }
                assertEquals(table.summary().sockets(), rows, name + ": every socket row compared");
            }
        }
    }
}
