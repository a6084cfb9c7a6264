package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tcplab.i18n.Lang;
import tcplab.tcp.TcpState;

/** Explanations per row, and the table's warnings with their thresholds. */
class ExplainerTest {

    /** Explains every line of a text; returns the explainer for its summary. */
    static Explainer explainAll(String text, Lang lang, List<String> out) {
        Explainer ex = new Explainer(lang);
        for (ParsedLine l : NetstatParser.parseAll(text)) {
            String e = ex.explain(l);
            if (out != null) {
                out.add(e);
            }
        }
        return ex;
    }

    static Set<Warning.Code> codes(Explainer ex) {
        return ex.summary().warnings().stream().map(Warning::code).collect(Collectors.toSet());
    }

    static String table(List<SocketRow> rows) {
        return NetstatEmitter.emit(Dialect.LINUX_P, rows, "h");
    }

    @Nested
    class Warnings {
        @Test
        void manySynReceivedRowsAreASynFlood() {
            List<SocketRow> rows = new ArrayList<>();
            rows.add(SocketRow.tcp("0.0.0.0", 80, "0.0.0.0", null, TcpState.LISTEN).withProcess(1, "nginx"));
            for (int i = 0; i < 40; i++) {
                rows.add(SocketRow.tcp("10.0.0.1", 80, "203.0.113." + i, 40000 + i, TcpState.SYN_RECEIVED));
            }
            Explainer ex = explainAll(table(rows), Lang.EN, null);
            Warning w = ex.summary().warnings().get(0);
            assertEquals(Warning.Code.SYN_FLOOD, w.code());
            assertEquals("40 SYN_RECEIVED rows from 40 distinct hosts, on local port 80", w.evidence());
        }

        @Test
        void manySynSentToDistinctHostsOnWindowsPortsIsAHighSeverityScan() {
            List<SocketRow> rows = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                rows.add(SocketRow.tcp("192.168.1.10", 1050 + i, "192.168.1." + (20 + i), 445, TcpState.SYN_SENT));
            }
            Explainer ex = explainAll(NetstatEmitter.emit(Dialect.WINDOWS, rows, "h"), Lang.ZH, null);
            Warning w = ex.summary().warnings().get(0);
            assertEquals(Warning.Code.SCAN, w.code());
            assertEquals(Warning.Severity.HIGH, w.severity());
            assertTrue(w.evidence().contains("12 行 SYN_SENT"), w.evidence());
        }

        @Test
        void aPlainHandshakeTableHasNoWarning() {
            List<SocketRow> rows = List.of(
                    SocketRow.tcp("0.0.0.0", 8080, "0.0.0.0", null, TcpState.LISTEN).withProcess(10, "java"),
                    SocketRow.tcp("127.0.0.1", 8080, "127.0.0.1", 41000, TcpState.ESTABLISHED).withProcess(10, "java"),
                    SocketRow.tcp("127.0.0.1", 41000, "127.0.0.1", 8080, TcpState.ESTABLISHED).withProcess(11, "curl"));
            for (Dialect d : Dialect.emittableValues()) {
                Explainer ex = explainAll(NetstatEmitter.emit(d, rows, "h"), Lang.EN, null);
                assertEquals(List.of(), ex.summary().warnings(), d.cliName());
            }
        }

        @Test
        void aFewSynRowsStayBelowTheThresholds() {
            List<SocketRow> rows = new ArrayList<>();
            for (int i = 0; i < Explainer.SYN_FLOOD_MIN_ROWS - 1; i++) {
                rows.add(SocketRow.tcp("10.0.0.1", 80, "203.0.113." + i, 40000 + i, TcpState.SYN_RECEIVED));
                rows.add(SocketRow.tcp("10.0.0.1", 50000 + i, "198.51.100." + (i % 2), 443, TcpState.SYN_SENT));
            }
            assertEquals(Set.of(), codes(explainAll(table(rows), Lang.EN, null)));
        }

        @Test
        void closeWaitRowsOfOneProgramAreALeak() {
            List<SocketRow> rows = new ArrayList<>();
            for (int i = 0; i < Explainer.CLOSE_WAIT_LEAK_ROWS; i++) {
                rows.add(SocketRow.tcp("10.0.0.1", 40000 + i, "10.0.0.9", 5432, TcpState.CLOSE_WAIT).withProcess(77, "app"));
            }
            Warning w = explainAll(table(rows), Lang.EN, null).summary().warnings().get(0);
            assertEquals(Warning.Code.CLOSE_WAIT_LEAK, w.code());
            assertEquals("10 CLOSE_WAIT rows of app", w.evidence());
        }

        @Test
        void thousandsOfTimeWaitRowsAreAPileUp() {
            List<SocketRow> rows = new ArrayList<>();
            for (int i = 0; i < Explainer.TIME_WAIT_PILEUP_ROWS; i++) {
                rows.add(SocketRow.tcp("10.0.0.1", 80, "10.0.1." + (i % 250), 30000 + i, TcpState.TIME_WAIT));
            }
            assertEquals(Set.of(Warning.Code.TIME_WAIT_PILEUP), codes(explainAll(table(rows), Lang.EN, null)));
        }

        @Test
        void rdpListeningOnEveryInterfaceIsExposedButOnLoopbackIsNot() {
            assertEquals(Set.of(Warning.Code.EXPOSED_SERVICE), codes(explainAll(table(List.of(
                    SocketRow.tcp("0.0.0.0", 3389, "0.0.0.0", null, TcpState.LISTEN))), Lang.EN, null)));
            assertEquals(Set.of(), codes(explainAll(table(List.of(
                    SocketRow.tcp("127.0.0.1", 3389, "0.0.0.0", null, TcpState.LISTEN))), Lang.EN, null)));
        }

        @Test
        void aLookAlikeOfIexploreWithAnEstablishedConnectionIsUnexpected() {
            List<String> ex = new ArrayList<>();
            Explainer e = explainAll("EXPLORE.EXE:3120 TCP 192.168.1.10:1045 202.108.250.249:80 ESTABLISHED\n", Lang.EN, ex);
            Warning w = e.summary().warnings().get(0);
            assertEquals(Warning.Code.UNEXPECTED_PROGRAM, w.code());
            assertEquals(Warning.Severity.HIGH, w.severity());
            assertTrue(ex.get(0).contains("EXPLORE.EXE looks like iexplore.exe"), ex.get(0));
            assertEquals(Set.of(), codes(explainAll("IEXPLORE.EXE:3120 TCP 192.168.1.10:1045 202.108.250.249:80 ESTABLISHED\n",
                    Lang.EN, null)));
        }

        @Test
        void scvhostWithTwoLettersSwappedIsALookAlikeOfSvchost() {
            List<String> ex = new ArrayList<>();
            Explainer e = explainAll("scvhost.exe:2044 TCP 192.168.1.10:1046 61.135.169.125:6667 ESTABLISHED\n", Lang.EN, ex);
            assertEquals(Warning.Code.UNEXPECTED_PROGRAM, e.summary().warnings().get(0).code());
            assertTrue(ex.get(0).contains("scvhost.exe looks like svchost.exe"), ex.get(0));
        }
    }

    @Nested
    class Rows {
        @Test
        void timeWaitIsExplainedAsTheSideThatClosedFirst() {
            List<String> en = new ArrayList<>();
            explainAll("tcp 0 0 127.0.0.1:8080 127.0.0.1:45336 TIME_WAIT\n", Lang.EN, en);
            assertTrue(en.get(0).contains("this side closed first"), en.get(0));
            List<String> zh = new ArrayList<>();
            explainAll("tcp 0 0 127.0.0.1:8080 127.0.0.1:45336 TIME_WAIT\n", Lang.ZH, zh);
            assertTrue(zh.get(0).contains("本方先关闭"), zh.get(0));
        }

        @Test
        void directionComesFromTheListenRowsOfTheSameTable() {
            List<String> ex = new ArrayList<>();
            explainAll("tcp 0 0 0.0.0.0:2121 0.0.0.0:* LISTEN\ntcp 0 0 10.0.0.1:2121 10.0.0.9:2121 ESTABLISHED\n"
                    + "tcp 0 0 10.0.0.1:50000 93.184.216.34:443 ESTABLISHED\n", Lang.EN, ex);
            assertTrue(ex.get(1).contains("connected to our service on port 2121"), ex.get(1));
            assertTrue(ex.get(2).contains("a program here connected out to port 443"), ex.get(2));
        }

        @Test
        void wildcardLoopbackPortClassesAndServicesAreNamed() {
            List<String> ex = new ArrayList<>();
            explainAll("  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING\n"
                    + "tcp 0 0 127.0.0.1:5432 0.0.0.0:* LISTEN\n"
                    + "tcp 0 0 192.168.1.5:40000 192.168.1.9:22 ESTABLISHED\n", Lang.EN, ex);
            assertTrue(ex.get(0).contains("every interface") && ex.get(0).contains("epmap")
                    && ex.get(0).contains("well-known") && ex.get(0).contains("no peer yet"), ex.get(0));
            assertTrue(ex.get(1).contains("this machine only") && ex.get(1).contains("postgresql")
                    && ex.get(1).contains("registered"), ex.get(1));
            assertTrue(ex.get(2).contains("Linux's client port range"), ex.get(2));
        }

        @ParameterizedTest
        @EnumSource(TcpState.class)
        void everyStateHasAMeaningInBothLanguages(TcpState s) {
            Explainer en = new Explainer(Lang.EN);
            Explainer zh = new Explainer(Lang.ZH);
            assertTrue(en.text("state." + s.name()).startsWith(s.name()));
            assertNotEquals(en.text("state." + s.name()), zh.text("state." + s.name()));
        }
    }

    @Nested
    class WhatARowSays {
        private String one(String table, int index, Lang lang) {
            List<String> ex = new ArrayList<>();
            explainAll(table, lang, ex);
            return ex.get(index);
        }

        @Test
        void aPeerWithoutAHostNameIsNamedAsSuchInTheDirection() {
            // The first seed article: "TCP fdlpw:3527 :http SYN_SENT".
            String en = one("TCP fdlpw:3527 :http SYN_SENT\n", 0, Lang.EN);
            assertTrue(en.contains("connected out to port 80 of a host whose name is missing"), en);
            String zh = one("TCP fdlpw:3527 :http SYN_SENT\n", 0, Lang.ZH);
            assertTrue(zh.contains("一台没写出名字的主机"), zh);
        }

        @Test
        void anIpv4MappedPeerIsJudgedByItsIpv4Address() {
            String row = "ESTAB 0 0 [::ffff:10.0.0.5]:80 [::ffff:10.0.0.9]:40000\n";
            String en = one(row, 0, Lang.EN);
            assertTrue(en.contains("a host on the local network"), en);
            assertTrue(en.contains("Local [::ffff:10.0.0.5]"), en);
        }

        @Test
        void addressesAreShownAsTheToolPrintedThem() {
            String en = one("  UDP    0.0.0.0:500            *:*\n", 0, Lang.EN);
            assertTrue(en.contains("Foreign *:*"), en);
            en = one("TCP fdlpw:ftp fdlpw:0 LISTENING\n", 0, Lang.EN);
            assertTrue(en.contains("Local fdlpw:") && en.contains("(printed as ftp)"), en);
        }

        @Test
        void theClientPortRangeIsOnlyMentionedForTheLocalPortOfAConnection() {
            String table = "  UDP    0.0.0.0:1900           *:*\n  TCP    0.0.0.0:3702           0.0.0.0:0              LISTENING\n"
                    + "  TCP    10.0.0.5:1040          10.0.0.9:80            ESTABLISHED\n";
            List<String> ex = new ArrayList<>();
            explainAll(table, Lang.EN, ex);
            assertFalse(ex.get(0).contains("client ports"), ex.get(0));
            assertFalse(ex.get(1).contains("client ports"), ex.get(1));
            assertTrue(ex.get(2).contains("Windows XP and older pick client ports from (1025-5000): on those"), ex.get(2));
        }

        @Test
        void aConnectionOnAPortNobodyListensOnInTheTableWentOut() {
            // The first seed article: fdlpw:2220 -> 10.11.3.123:1080, a table with LISTEN rows but none on 2220.
            String table = "TCP fdlpw:1080 fdlpw:0 LISTENING\nTCP fdlpw:2220 10.11.3.123:1080 ESTABLISHED\n";
            String en = one(table, 1, Lang.EN);
            assertTrue(en.contains("probably a program here connected out to port 1080 of 10.11.3.123")
                    && en.contains("this local port is not one of them"), en);
        }

        @Test
        void wordsNetstatNeverPrintsOrThatMeanMoreThanTheirStateAreSaidForWhatTheyAre() {
            String bound = one("  TCP    0.0.0.0:5000           0.0.0.0:0              BOUND\n", 0, Lang.EN);
            assertTrue(bound.contains("BOUND: bound to this port but neither listening nor connected"), bound);
            assertFalse(bound.contains("CLOSED:"), bound);
            String synSend = one("  TCP    10.0.0.5:1040          10.0.0.9:80            SYN_SEND\n", 0, Lang.EN);
            assertTrue(synSend.contains("SYN_SENT:") && synSend.contains("SYN_SEND is not what netstat prints"), synSend);
        }

        @Test
        void nonZeroQueuesAreExplainedAndAListenersQueuesAsItsAcceptQueueAndBacklog() {
            String en = one("tcp 5000 12 10.0.0.1:22 10.0.0.9:5000 ESTABLISHED\n", 0, Lang.EN);
            assertTrue(en.contains("Recv-Q 5000: bytes received that the program has not read yet")
                    && en.contains("Send-Q 12: bytes sent that the peer has not acknowledged yet"), en);
            String listen = one("LISTEN 3 128 0.0.0.0:80 0.0.0.0:*\n", 0, Lang.EN);
            assertTrue(listen.contains("Recv-Q 3 of at most 128: connections (not bytes) that completed the handshake")
                    && listen.contains("Send-Q 128 (ss): the backlog"), listen);
            String quiet = one("tcp 0 0 10.0.0.1:22 10.0.0.9:5000 ESTABLISHED\n", 0, Lang.EN);
            assertFalse(quiet.contains("Recv-Q") || quiet.contains("Send-Q"), quiet);
        }

        @Test
        void pidZeroIsSaidToBeNoProcess() {
            String en = one("  TCP    10.0.0.5:1040          10.0.0.9:80            TIME_WAIT       0\n", 0, Lang.EN);
            assertTrue(en.contains("Owner: no process (PID 0 is the system itself"), en);
            String tv = one("[System Process]:0 TCP 192.168.1.10:21 192.168.1.1:3009 TIME_WAIT\n", 0, Lang.ZH);
            assertTrue(tv.contains("没有进程"), tv);
        }

        @Test
        void aPastedCommandLineIsExplainedOptionByOptionForItsSystem() {
            String win = one("C:\\>netstat -ano\n", 0, Lang.EN);
            assertTrue(win.contains("-o: adds the PID column") && win.contains("-a: every connection"), win);
            String linux = one("$ netstat -tanp\n", 0, Lang.EN);
            assertTrue(linux.contains("-t: TCP sockets only") && linux.contains("-p: adds the PID/Program name"), linux);
            String mac = one("% netstat -an -p tcp\n", 0, Lang.ZH);
            assertTrue(mac.contains("-p 加协议名"), mac);
        }
    }

    @Nested
    class Evidence {
        @Test
        void closeWaitRowsWithoutAnOwnerSaySoInsteadOfNamingAnOwnerOther() {
            List<SocketRow> rows = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                rows.add(SocketRow.tcp("10.0.0.1", 40000 + i, "10.0.0.9", 80, TcpState.CLOSE_WAIT));
            }
            Explainer ex = explainAll(NetstatEmitter.emit(Dialect.LINUX, rows, "h"), Lang.EN, null);
            Warning w = ex.summary().warnings().get(0);
            assertEquals("12 CLOSE_WAIT rows (this table does not show which program owns them)", w.evidence());
        }

        @Test
        void aScanNamesTheProgramThatOpensItsConnectionsWhereTheTableShowsIt() {
            StringBuilder t = new StringBuilder();
            for (int i = 1; i <= 6; i++) {
                t.append("  TCP    10.0.0.5:").append(1040 + i).append("   10.0.0.").append(i + 10)
                        .append(":135   SYN_SENT   2044\r\n [msblast.exe]\r\n");
            }
            Explainer ex = explainAll(t.toString(), Lang.EN, null);
            Warning w = ex.summary().warnings().get(0);
            assertEquals(Warning.Code.SCAN, w.code());
            assertTrue(w.evidence().endsWith("6 opened by msblast.exe"), w.evidence());
        }

        @Test
        void unexpectedProgramFindingsReadAsSeparateSentences() {
            String table = "tcp 0 0 0.0.0.0:80 0.0.0.0:* LISTEN 1/python3\n"
                    + "tcp 0 0 10.0.0.1:80 10.0.0.9:5000 ESTABLISHED 1/python3\n"
                    + "tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN 2/nc\n"
                    + "tcp 0 0 10.0.0.1:22 10.0.0.9:5001 ESTABLISHED 2/nc\n";
            Explainer ex = explainAll(table, Lang.EN, null);
            String e = ex.summary().warnings().get(0).evidence();
            assertFalse(e.contains(".;"), e);
            assertTrue(e.contains("not python3. Unusual owner: port 22"), e);
        }
    }

    @Nested
    class Seeds {
        private String resource(String name) throws IOException {
            try (InputStream in = ExplainerTest.class.getResourceAsStream("/seeds/" + name)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        @ParameterizedTest
        @EnumSource(Lang.class)
        void theFirstArticlesRowsAreAllExplainedAndItsOpenProxiesAndLoginsFlagged(Lang lang) throws IOException {
            List<String> ex = new ArrayList<>();
            Explainer e = explainAll(resource("article1-rows.txt"), lang, ex);
            assertEquals(0, e.summary().unrecognised());
            assertEquals(45, e.summary().sockets());
            assertFalse(ex.contains(null));
            Set<String> exposed = new TreeSet<>();
            for (Warning w : e.summary().warnings()) {
                if (w.code() == Warning.Code.EXPOSED_SERVICE) {
                    // Windows' own 135/139/445 come together in one note, each as "port N (...)".
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:port|端口) (\\d+)").matcher(w.evidence());
                    while (m.find()) {
                        exposed.add(m.group(1));
                    }
                }
            }
            assertEquals(new TreeSet<>(Set.of("23", "135", "139", "445", "808", "1080", "3389")), exposed);
        }

        @ParameterizedTest
        @EnumSource(Lang.class)
        void theSecondArticlesNetstatAndTcpViewRowsAreAllExplained(Lang lang) throws IOException {
            List<String> ex = new ArrayList<>();
            Explainer e = explainAll(resource("article2-rows.txt"), lang, ex);
            assertEquals(0, e.summary().unrecognised());
            assertEquals(7, e.summary().sockets());
            assertFalse(ex.contains(null));
            assertTrue(ex.get(2).contains(lang == Lang.ZH ? "连接到了本机端口 21" : "connected to our service on port 21"),
                    ex.get(2));
        }
    }

    @Test
    void bothBundlesHaveTheSameKeys() throws IOException {
        assertEquals(keys("Explain.properties"), keys("Explain_zh_CN.properties"));
    }

    private static Set<Object> keys(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Explainer.class.getResourceAsStream(name)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(p.keySet());
    }
}
