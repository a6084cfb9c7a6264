package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tcplab.i18n.Lang;
import tcplab.tcp.TcpState;

/**
 * The warnings' rules (README, "The explainer's warnings"), each on the tables that motivate it:
 * normal machines raise no alarm (at most a note, severity INFO), the seeds' SYN flood and the
 * worms' tables still do, in both languages; and the sentences about rows say only what is true.
 */
class WarningRulesTest {
    private static String resource(String name) {
        try (InputStream in = WarningRulesTest.class.getResourceAsStream("/netstat-machines/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("missing test table " + name, e);
        }
    }

    /** The explainer after reading {@code text}; {@code lines} gets each line's explanation. */
    private static Explainer explain(String text, Lang lang, List<String> lines) {
        Explainer ex = new Explainer(lang);
        for (ParsedLine l : NetstatParser.parseAll(text)) {
            String e = ex.explain(l);
            if (lines != null && e != null) {
                lines.add(e);
            }
        }
        return ex;
    }

    private static Explainer explain(String text, Lang lang) {
        return explain(text, lang, null);
    }

    /** The most severe finding of each code. */
    private static Map<Warning.Code, Warning.Severity> findings(Explainer ex) {
        Map<Warning.Code, Warning.Severity> m = new EnumMap<>(Warning.Code.class);
        for (Warning w : ex.summary().warnings()) {
            m.merge(w.code(), w.severity(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return m;
    }

    private static Warning only(Explainer ex, Warning.Code code) {
        List<Warning> ws = ex.summary().warnings().stream().filter(w -> w.code() == code).toList();
        assertEquals(1, ws.size(), ex.summary().warnings().toString());
        return ws.get(0);
    }

    private static void assertNoAlarm(Explainer ex) {
        for (Warning w : ex.summary().warnings()) {
            assertEquals(Warning.Severity.INFO, w.severity(), "a normal machine gets at most a note: " + w);
        }
    }

    private static String linux(List<SocketRow> rows) {
        return NetstatEmitter.emit(Dialect.LINUX_P, rows, "h");
    }

    @Nested
    class NormalMachinesRaiseNoAlarm {
        @ParameterizedTest
        @EnumSource(Lang.class)
        void aDeveloperLaptopGetsNoWarningAtAll(Lang lang) {
            Explainer ex = explain(resource("laptop-ss-tanp.txt"), lang);
            assertEquals(0, ex.summary().unrecognised());
            assertEquals(List.of(), ex.summary().warnings());
        }

        @ParameterizedTest
        @EnumSource(Lang.class)
        void aBrowserWaitingOnFiveBlockedSitesGetsANoteNotAScan(Lang lang) {
            Explainer ex = explain(resource("laptop-netstat-tanp-blocked-sites.txt"), lang);
            assertEquals(Map.of(Warning.Code.SCAN, Warning.Severity.INFO), findings(ex));
            String m = only(ex, Warning.Code.SCAN).message();
            assertTrue(m.contains(lang == Lang.ZH ? "还不能说明有扫描" : "Not a sign of a scan by itself"), m);
        }

        @ParameterizedTest
        @EnumSource(Lang.class)
        void aDefaultWindows10MachineGetsOneTrueNoteAboutItsOwnPorts(Lang lang) {
            Explainer ex = explain(resource("windows10-netstat-aon.txt"), lang);
            assertEquals(0, ex.summary().unrecognised());
            assertNoAlarm(ex);
            Warning w = only(ex, Warning.Code.EXPOSED_SERVICE);
            assertTrue(w.evidence().contains("135") && w.evidence().contains("445"), w.evidence());
            // What is true (the firewall blocks them by default) and advice a user can follow.
            assertTrue(w.message().contains(lang == Lang.ZH ? "除非被防火墙挡住" : "unless a firewall blocks them"), w.message());
            assertTrue(w.message().contains(lang == Lang.ZH ? "XP SP2" : "on by default since XP SP2"), w.message());
            assertFalse(w.message().contains("127.0.0.1"), "no advice to rebind Windows' own services: " + w.message());
        }

        @ParameterizedTest
        @EnumSource(Lang.class)
        void aBusyWebServerIsNoSynFloodAndItsTimeWaitsAreHarmless(Lang lang) {
            Explainer ex = explain(resource("busy-web-server-ss-tan.txt"), lang);
            assertEquals(0, ex.summary().unrecognised());
            assertEquals(8L, ex.summary().byState().get("SYN_RECEIVED"));
            assertEquals(Map.of(Warning.Code.TIME_WAIT_PILEUP, Warning.Severity.INFO), findings(ex));
            Warning w = only(ex, Warning.Code.TIME_WAIT_PILEUP);
            assertTrue(w.message().startsWith(lang == Lang.ZH ? "无害" : "Harmless"), w.message());
            assertTrue(w.evidence().contains("443"), w.evidence());
        }
    }

    @Nested
    class AttackTablesStillRaiseTheirAlarm {
        @ParameterizedTest
        @EnumSource(Lang.class)
        void theSeedsSynFloodIsAHighSynFlood(Lang lang) {
            Explainer ex = explain(resource("seed-syn-flood-netstat-tan.txt"), lang);
            assertEquals(Warning.Severity.HIGH, findings(ex).get(Warning.Code.SYN_FLOOD));
        }

        @ParameterizedTest
        @EnumSource(Lang.class)
        void blastersScanOfPort135IsAHighScan(Lang lang) {
            Explainer ex = explain(resource("worm-blaster-netstat-ano.txt"), lang);
            assertEquals(Warning.Severity.HIGH, findings(ex).get(Warning.Code.SCAN));
            assertTrue(only(ex, Warning.Code.SCAN).message().startsWith(lang == Lang.ZH ? "几乎可以肯定" : "Almost certainly"));
        }

        @ParameterizedTest
        @EnumSource(Lang.class)
        void sassersSixSynSentTo445InTcpViewAreAHighScan(Lang lang) {
            Explainer ex = explain(resource("worm-sasser-tcpview.txt"), lang);
            assertEquals(Map.of(Warning.Code.SCAN, Warning.Severity.HIGH), findings(ex));
            assertTrue(only(ex, Warning.Code.SCAN).evidence().contains("avserve.exe"));
        }
    }

    @Nested
    class SynFlood {
        private String server(int synRecv, int established, int estPort) {
            List<SocketRow> rows = new ArrayList<>();
            rows.add(SocketRow.tcp("0.0.0.0", 443, "0.0.0.0", null, TcpState.LISTEN));
            rows.add(SocketRow.tcp("0.0.0.0", 8443, "0.0.0.0", null, TcpState.LISTEN));
            for (int i = 0; i < synRecv; i++) {
                rows.add(SocketRow.tcp("10.0.0.5", 443, "203.0.113." + (i % 250), 20000 + i, TcpState.SYN_RECEIVED));
            }
            for (int i = 0; i < established; i++) {
                rows.add(SocketRow.tcp("10.0.0.5", estPort, "198.51.100." + (i % 250), 30000 + i, TcpState.ESTABLISHED));
            }
            return linux(rows);
        }

        @Test
        void eightHalfOpenBesideFourHundredThirtyEstablishedOnTheSamePortIsNormalLoad() {
            assertEquals(Map.of(), findings(explain(server(8, 430, 443), Lang.EN)));
        }

        @Test
        void oneHalfOpenForEveryTenEstablishedIsWhereAFloodBegins() {
            Warning w = only(explain(server(8, 80, 443), Lang.EN), Warning.Code.SYN_FLOOD);
            assertEquals(Warning.Severity.MEDIUM, w.severity());
            assertEquals("8 SYN_RECEIVED rows from 8 distinct hosts, on local port 443, beside 80 ESTABLISHED rows there", w.evidence());
            assertEquals(Map.of(), findings(explain(server(8, 81, 443), Lang.EN)));
        }

        @Test
        void connectionsEstablishedOnAnotherPortDoNotHideAFlood() {
            Warning w = only(explain(server(60, 1000, 8443), Lang.EN), Warning.Code.SYN_FLOOD);
            assertEquals(Warning.Severity.HIGH, w.severity());
            assertEquals("60 SYN_RECEIVED rows from 60 distinct hosts, on local port 443",
                    w.evidence());
        }

        @Test
        void belowTheFloorThereIsNoFloodWhateverTheRatio() {
            assertEquals(Map.of(), findings(explain(server(Explainer.SYN_FLOOD_MIN_ROWS - 1, 0, 443), Lang.EN)));
        }
    }

    @Nested
    class Scan {
        private String synSent(int hosts, int port, String program) {
            List<SocketRow> rows = new ArrayList<>();
            for (int i = 0; i < hosts; i++) {
                SocketRow r = SocketRow.tcp("192.168.1.10", 40000 + i, "93.184." + (i / 200) + "." + (1 + i % 200), port,
                        TcpState.SYN_SENT);
                rows.add(program == null ? r : r.withProcess(100, program));
            }
            return linux(rows);
        }

        @Test
        void aProgramThatIsNotABrowserReachingFiveHostsIsAProbableScanNamingIt() {
            Warning w = only(explain(synSent(5, 443, "updater"), Lang.EN), Warning.Code.SCAN);
            assertEquals(Warning.Severity.MEDIUM, w.severity());
            assertTrue(w.message().startsWith("Probably a scan: updater is not a web browser"), w.message());
        }

        @Test
        void fiveHostsFromABrowserAreANote() {
            assertEquals(Map.of(Warning.Code.SCAN, Warning.Severity.INFO), findings(explain(synSent(5, 443, "firefox"), Lang.ZH)));
            assertEquals(Map.of(Warning.Code.SCAN, Warning.Severity.INFO), findings(explain(synSent(5, 443, null), Lang.EN)));
        }

        @Test
        void fourHostsGiveNothingAtAll() {
            assertEquals(Map.of(), findings(explain(synSent(Explainer.SCAN_MIN_HOSTS - 1, 443, "updater"), Lang.EN)));
        }

        @Test
        void veryManyHostsAreAProbableScanWhoeverOpensThemButOnlyLowForBrowsers() {
            assertEquals(Warning.Severity.MEDIUM,
                    findings(explain(synSent(Explainer.SCAN_MANY_HOSTS, 443, null), Lang.EN)).get(Warning.Code.SCAN));
            assertEquals(Warning.Severity.LOW,
                    findings(explain(synSent(Explainer.SCAN_MANY_HOSTS, 443, "chrome"), Lang.EN)).get(Warning.Code.SCAN));
            assertEquals(Warning.Severity.INFO,
                    findings(explain(synSent(Explainer.SCAN_MANY_HOSTS - 1, 443, null), Lang.EN)).get(Warning.Code.SCAN));
        }

        @Test
        void threeHostsOnTheWormPortsAreAHighScanEvenFromABrowsersName() {
            assertEquals(Warning.Severity.HIGH, findings(explain(synSent(3, 445, "chrome.exe"), Lang.EN)).get(Warning.Code.SCAN));
            assertEquals(Map.of(), findings(explain(synSent(2, 445, null), Lang.EN)));
        }
    }

    @Nested
    class TimeWait {
        @Test
        void aServersTimeWaitsOnItsServicePortAreAHarmlessNote() {
            List<SocketRow> rows = new ArrayList<>();
            rows.add(SocketRow.tcp("0.0.0.0", 80, "0.0.0.0", null, TcpState.LISTEN));
            for (int i = 0; i < Explainer.TIME_WAIT_PILEUP_ROWS; i++) {
                rows.add(SocketRow.tcp("10.0.0.1", 80, "10.0.1." + (i % 250), 30000 + i, TcpState.TIME_WAIT));
            }
            List<String> lines = new ArrayList<>();
            Explainer ex = explain(linux(rows), Lang.EN, lines);
            Warning w = only(ex, Warning.Code.TIME_WAIT_PILEUP);
            assertEquals(Warning.Severity.INFO, w.severity());
            assertEquals("1000 TIME_WAIT rows on local port 80", w.evidence());
            assertTrue(lines.get(3).contains("This TIME_WAIT is on port 80, which this machine serves"), lines.get(3));
        }

        @Test
        void aClientsTimeWaitsTowardsOneDestinationCanExhaustItsPorts() {
            List<SocketRow> rows = new ArrayList<>();
            rows.add(SocketRow.tcp("0.0.0.0", 22, "0.0.0.0", null, TcpState.LISTEN));
            for (int i = 0; i < Explainer.TIME_WAIT_PILEUP_ROWS; i++) {
                rows.add(SocketRow.tcp("10.0.0.1", 33000 + i, "10.0.0.9", 5432, TcpState.TIME_WAIT));
            }
            List<String> lines = new ArrayList<>();
            Warning w = only(explain(linux(rows), Lang.ZH, lines), Warning.Code.TIME_WAIT_PILEUP);
            assertEquals(Warning.Severity.LOW, w.severity());
            assertEquals("客户端口上有 1000 行 TIME_WAIT;其中 1000 行连向 10.0.0.9:5432", w.evidence());
            assertTrue(lines.get(3).contains("会暂时占住客户端口 33000"), lines.get(3));
        }

        @Test
        void onLinuxClientTimeWaitsSpreadOverManyDestinationsExhaustNothingButOnWindowsTheyShareOnePool() {
            List<SocketRow> rows = new ArrayList<>();
            rows.add(SocketRow.tcp("0.0.0.0", 22, "0.0.0.0", null, TcpState.LISTEN));
            for (int i = 0; i < Explainer.TIME_WAIT_PILEUP_ROWS; i++) {
                rows.add(SocketRow.tcp("10.0.0.1", 50000 + i, "10.0.0." + (10 + i % 10), 443, TcpState.TIME_WAIT));
            }
            assertEquals(Map.of(), findings(explain(linux(rows), Lang.EN)));
            Warning w = only(explain(NetstatEmitter.emit(Dialect.WINDOWS, rows, "h"), Lang.EN), Warning.Code.TIME_WAIT_PILEUP);
            assertEquals(Warning.Severity.LOW, w.severity());
            assertTrue(w.message().contains("one pool"), w.message());
        }
    }

    @Nested
    class ExposedService {
        @Test
        void sambaOnLinuxListeningOnEveryAddressIsAWarningWithAdviceToFollow() {
            Warning w = only(explain(linux(List.of(SocketRow.tcp("0.0.0.0", 445, "0.0.0.0", null, TcpState.LISTEN))), Lang.EN),
                    Warning.Code.EXPOSED_SERVICE);
            assertEquals(Warning.Severity.MEDIUM, w.severity());
            assertTrue(w.message().contains("If you do not use it, turn the service off"), w.message());
        }

        @Test
        void telnetOnWindowsIsStillAHighWarningBesideTheNoteAboutWindowsOwnPorts() {
            String table = NetstatEmitter.emit(Dialect.WINDOWS, List.of(
                    SocketRow.tcp("0.0.0.0", 23, "0.0.0.0", 0, TcpState.LISTEN),
                    SocketRow.tcp("0.0.0.0", 135, "0.0.0.0", 0, TcpState.LISTEN),
                    SocketRow.tcp("0.0.0.0", 445, "0.0.0.0", 0, TcpState.LISTEN)), "h");
            List<Warning> ws = explain(table, Lang.ZH).summary().warnings();
            assertEquals(2, ws.size(), ws.toString());
            assertEquals(Warning.Severity.HIGH, ws.get(0).severity());
            assertTrue(ws.get(0).evidence().startsWith("端口 23"), ws.get(0).evidence());
            assertEquals(Warning.Severity.INFO, ws.get(1).severity());
        }
    }

    @Nested
    class TrueSentences {
        private final String netTools = "Active Internet connections (servers and established)\n"
                + "Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n"
                + "tcp        0      0 0.0.0.0:ssh             0.0.0.0:*               LISTEN     \n"
                + "tcp        0      0 localhost.localdoma:ssh 192.168.1.23:51234      ESTABLISHED\n"
                + "tcp        0      0 localhost.localdoma…:ssh 192.168.1.23:51238     ESTABLISHED\n"
                + "tcp        0      0 localhost:5432          localhost:44126         ESTABLISHED\n";

        @ParameterizedTest
        @EnumSource(Lang.class)
        void aHostNameCutShortIsSaidToBeCutAndNotCalledLoopback(Lang lang) {
            List<String> lines = new ArrayList<>();
            explain(netTools, lang, lines);
            String loopback = lang == Lang.ZH ? "回环" : "loopback";
            for (int i = 3; i <= 4; i++) {
                assertFalse(lines.get(i).contains(loopback), lines.get(i));
                assertTrue(lines.get(i).contains(lang == Lang.ZH ? "截短" : "cut short"), lines.get(i));
            }
            assertTrue(lines.get(3).contains("23"), "the width the tool prints the column in: " + lines.get(3));
            assertTrue(lines.get(5).contains(loopback), "localhost itself is loopback: " + lines.get(5));
        }

        @Test
        void namesThatOnlyStartWithLocalhostAreNotLoopback() {
            assertFalse(Addresses.isLoopback("localhost.localdomain"));
            assertFalse(Addresses.isLoopback("localhost.localdoma\u2026"));
            assertFalse(Addresses.isLoopback("localhostess"));
            assertTrue(Addresses.isLoopback("localhost"));
            assertTrue(Addresses.isLoopback("ip6-localhost"));
        }

        @ParameterizedTest
        @EnumSource(Lang.class)
        void aMacPortCutShortToFitItsColumnIsNotReadAsAWellKnownPort(Lang lang) {
            String mac = "Active Internet connections\n"
                    + "Socket           Flowhash Proto Recv-Q Send-Q  Local Address      Foreign Address    (state)    \n"
                    + "7fb03cb94b4347dd a1f7c428 tcp4       0      0  192.168.1.221.5164 35.235.123.194.555 CLOSE_WAIT\n"
                    + "7fb03cb94d692475 1c9f9fcd tcp6       0      0  2600:1700:bab0:d.5 fe80::aede:48ff:.4 CLOSE_WAIT \n";
            List<String> lines = new ArrayList<>();
            explain(mac, lang, lines);
            for (int i = 2; i <= 3; i++) {
                String l = lines.get(i);
                assertFalse(l.contains(lang == Lang.ZH ? "公认端口" : "well-known port"), l);
                assertFalse(l.contains(lang == Lang.ZH ? "还没有对端" : "no peer yet"), l);
                assertTrue(l.contains(lang == Lang.ZH ? "截短" : "cut short"), l);
            }
            assertTrue(lines.get(3).contains(lang == Lang.ZH ? "看不出它是什么地址" : "what it is (this machine only"),
                    "the IPv6 address itself is cut at 16 characters: " + lines.get(3));
        }

        @ParameterizedTest
        @EnumSource(Lang.class)
        void aWholeMacAddressOf18CharactersInA22ColumnTableIsNotCalledCut(Lang lang) {
            // 18 characters fill the column of `netstat -A` only; plain `-an` prints 22.
            String mac = "Active Internet connections (including servers)\n"
                    + "Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)\n"
                    + "tcp4       0      0  192.168.1.100.5432     10.0.0.1.80            ESTABLISHED\n";
            List<String> lines = new ArrayList<>();
            explain(mac, lang, lines);
            String row = lines.get(2);
            assertFalse(row.contains(lang == Lang.ZH ? "截短" : "cut short"), row);
            assertTrue(row.contains("postgresql"), row);
        }

        @Test
        void aConnectedRowWithoutAPrintedPortStillHasAPeer() {
            List<String> lines = new ArrayList<>();
            explain("tcp 0 0 10.0.0.1:40000 10.0.0.9:* CLOSE_WAIT\n", Lang.EN, lines);
            assertFalse(lines.get(0).contains("no peer yet"), lines.get(0));
            assertTrue(lines.get(0).contains("leaves out the peer's port"), lines.get(0));
        }

        @ParameterizedTest
        @EnumSource(Lang.class)
        void queuesSayWhatTheyCount(Lang lang) {
            String ss = "State      Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
                    + "LISTEN     3      128   0.0.0.0:8080        0.0.0.0:*\n"
                    + "SYN-SENT   0      1     10.0.0.1:40000      10.0.0.9:443\n"
                    + "CLOSE-WAIT 1      0     10.0.0.1:40002      10.0.0.9:443\n"
                    + "FIN-WAIT-1 0      5     10.0.0.1:40004      10.0.0.9:443\n"
                    + "ESTAB      1      0     10.0.0.1:40006      10.0.0.9:443\n";
            List<String> l = new ArrayList<>();
            explain(ss, lang, l);
            boolean zh = lang == Lang.ZH;
            assertTrue(l.get(1).contains(zh ? "Recv-Q 3(最多 128)" : "Recv-Q 3 of at most 128"), l.get(1));
            assertTrue(l.get(1).contains(zh ? "不是字节数" : "not bytes"), l.get(1));
            assertTrue(l.get(2).contains(zh ? "而是本方发出的 SYN" : "not a byte of data but the SYN"), l.get(2));
            assertTrue(l.get(3).contains(zh ? "而是对方的 FIN" : "not a byte of data but the peer's FIN"), l.get(3));
            assertTrue(l.get(4).contains(zh ? "对方还没确认的字节(4 个),再加上本方的 FIN" : "(4), plus 1 for this side's FIN"), l.get(4));
            assertTrue(l.get(5).contains(zh ? "程序还没读取的字节数" : "bytes received that the program has not read"), l.get(5));
        }

        @Test
        void onAMacAQueueOfOneIsABytesInTheBuffer() {
            String mac = "Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)\n"
                    + "tcp4       0      1  192.168.1.5.50000      93.184.216.34.443      SYN_SENT\n";
            List<String> l = new ArrayList<>();
            explain(mac, Lang.EN, l);
            assertTrue(l.get(1).contains("Send-Q 1: bytes sent that the peer has not acknowledged yet"), l.get(1));
        }

        @Test
        void aTimerColumnReadAsAProgramNameIsNoUnexpectedProgram() {
            assertFalse(ProgramCheck.isName("0/0)"));
            assertEquals(null, ProgramCheck.unusualServer(443, "0/0)"));
            assertTrue(ProgramCheck.unusualServer(443, "nc") != null);
        }
    }

    /**
     * Every conditional of the English texts stays a conditional in Chinese: a Chinese text that
     * drops the "if" states as a fact what English only supposes ("the queue is full").
     */
    @Test
    void everyEnglishConditionalInTheExplainBundleStaysAConditionalInChinese() throws IOException {
        Map<String, String> en = load("/tcplab/netstat/Explain.properties");
        Map<String, String> zh = load("/tcplab/netstat/Explain_zh_CN.properties");
        // "if" and "unless", and the elliptic forms the texts once used instead ("Many of them: a
        // program that forgets to close", "a queue that stays full means...").
        Pattern english = Pattern.compile("\\b(if|unless)\\b|\\bmany of them\\b|\\bthat stays\\b", Pattern.CASE_INSENSITIVE);
        Pattern chinese = Pattern.compile("如果|若|除非|要是|只有|一旦|只要|的话");
        List<String> lost = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, String> e : en.entrySet()) {
            if (english.matcher(e.getValue()).find()) {
                checked++;
                if (!chinese.matcher(zh.getOrDefault(e.getKey(), "")).find()) {
                    lost.add(e.getKey() + ": " + zh.get(e.getKey()));
                }
            }
        }
        assertTrue(checked >= 10, "the check found the conditionals: " + checked);
        assertEquals(List.of(), lost);
    }

    private static Map<String, String> load(String path) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = WarningRulesTest.class.getResourceAsStream(path)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        return m;
    }
}
