package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;
import tcplab.tcp.TcpState;

/**
 * The shapes issue 17 added, each on its real fixture (debian12-netns: made on this project's
 * machine in a private network namespace; jc-more: jc's fixtures), row for row.
 */
class DialectShapesTest {

    static List<ParsedLine> fixture(String name) throws IOException {
        Path p = FixtureTest.folder().resolve(name);
        return FixtureTest.parse(p);
    }

    static List<ParsedLine.Socket> sockets(List<ParsedLine> lines) {
        return lines.stream().filter(l -> l instanceof ParsedLine.Socket).map(l -> (ParsedLine.Socket) l)
                .collect(Collectors.toList());
    }

    static Map<TcpState, Long> states(List<ParsedLine> lines) {
        return sockets(lines).stream().filter(s -> s.row().state() != null)
                .collect(Collectors.groupingBy(s -> s.row().state(), Collectors.counting()));
    }

    @Nested
    class TranslatedNetTools {
        @Test
        void everyLanguageGivesTheSameStatesAsTheEnglishTableOfTheSameSockets() throws IOException {
            Map<TcpState, Long> english = states(fixture("debian12-netns/netstat-tan.C.txt"));
            assertTrue(english.size() >= 8, "states in the capture: " + english);
            for (String lang : List.of("cs", "de", "et", "fr", "ja", "pt_BR")) {
                List<ParsedLine> lines = fixture("debian12-netns/netstat-tan." + lang + ".txt");
                assertEquals(english, states(lines), lang);
                assertInstanceOf(ParsedLine.Header.class, lines.get(0), lang + ": the translated title is a header");
                assertInstanceOf(ParsedLine.Header.class, lines.get(1), lang + ": the translated column line is a header");
            }
        }

        @Test
        void czechLastAckIsTwoWordsAndPortugueseListenIsOuca() {
            ParsedLine.Socket cs = sockets(NetstatParser.parseAll(
                    "tcp        1 3782145 127.0.0.1:9001          127.0.0.1:48084         POSLEDNÍ ACK")).get(0);
            assertEquals(TcpState.LAST_ACK, cs.row().state());
            assertEquals("POSLEDNÍ ACK", cs.raw().state());
            ParsedLine.Socket pt = sockets(NetstatParser.parseAll(
                    "tcp        0      0 0.0.0.0:22              0.0.0.0:*               OUÇA")).get(0);
            assertEquals(TcpState.LISTEN, pt.row().state());
        }

        @Test
        void noTranslatedWordChangesWhatAnEnglishWordMeans() {
            Map<String, TcpState> seen = new HashMap<>();
            for (ToolWords.StateWord w : ToolWords.stateWords()) {
                TcpState before = seen.putIfAbsent(w.word(), w.state());
                assertTrue(before == null || before == w.state(), w.word() + " means two states");
                assertEquals(w.state(), StateWords.parse(w.word()), w.word());
            }
        }
    }

    @Nested
    class NetToolsTimers {
        @Test
        void theTimerColumnIsNotPartOfTheProgramName() throws IOException {
            List<ParsedLine.Socket> rows = sockets(fixture("debian12-netns/netstat-tanpo.txt"));
            assertTrue(rows.size() >= 20);
            for (ParsedLine.Socket s : rows) {
                assertNotNull(s.raw().timer(), "line " + s.line());
                assertTrue(s.row().program() == null || s.row().program().equals("python3"), s.row().program());
                assertTrue(s.row().pid() == null || s.row().pid() > 0, "pid " + s.row().pid());
            }
        }

        @Test
        void aRowOwnedByNoProgramKeepsItsTimerAndHasNoPid() {
            ParsedLine.Socket s = sockets(NetstatParser.parseAll("tcp        0      0 127.0.0.1:8080          "
                    + "127.0.0.1:52268         FIN_WAIT2   -                    timewait (58.74/0/0)")).get(0);
            assertNull(s.row().pid());
            assertNull(s.row().program());
            assertEquals("timewait (58.74/0/0)", s.raw().timer());
            assertTrue(new Explainer(Lang.EN).explain(s).contains("goes away in 58.74s"));
        }
    }

    @Nested
    class CutAddresses {
        @Test
        void netToolsCutsLongIpv6HostsAndTheRowSaysSo() {
            ParsedLine.Socket s = sockets(NetstatParser.parseAll(
                    "tcp6       0      0 2001:db8:aaaa:bbbb:5000 2001:db8:aaaa:bbb:49880 ESTABLISHED")).get(0);
            assertTrue(s.raw().localTruncated());
            assertTrue(s.raw().foreignTruncated());
            assertTrue(new Explainer(Lang.EN).explain(s).contains("cut short"), new Explainer(Lang.EN).explain(s));
        }

        @Test
        void aDottedIpv4EndIsNeverCut() {
            ParsedLine.Socket s = sockets(NetstatParser.parseAll(
                    "tcp        0      0 192.168.100.200:50000   10.0.0.1:443            ESTABLISHED")).get(0);
            assertFalse(s.raw().truncated());
        }

        @Test
        void macOsMinusACutsAt18Characters() throws IOException {
            List<ParsedLine.Socket> rows = sockets(fixture("jc-more/osx-10.14.6_netstat-Abn.out"));
            ParsedLine.Socket first = rows.get(0); // 192.168.1.221.5486: port 5486x, cut
            assertEquals("192.168.1.221", first.row().local().address());
            assertTrue(first.raw().localTruncated());
            assertFalse(first.raw().foreignTruncated(), "140.82.113.26.443 is 17 characters");
        }
    }

    @Nested
    class Lsof {
        @Test
        void everyInternetFileOfLsofIsARowWithItsProgram() throws IOException {
            List<ParsedLine> lines = fixture("debian12-netns/lsof-i-n-P.txt");
            assertEquals(lines.size() - 1, sockets(lines).size());
            for (ParsedLine.Socket s : sockets(lines)) {
                assertEquals(Dialect.LSOF, s.dialect());
                assertEquals("python3", s.row().program());
            }
        }

        @Test
        void nameIsLocalArrowPeerAndTheStateIsInParentheses() {
            ParsedLine.Socket s = sockets(NetstatParser.parseAll(
                    "firefox 901 ann 8u IPv4 603588 0t0 TCP 10.0.0.5:52254->93.184.216.34:443 (SYN_SENT)")).get(0);
            assertEquals(Endpoint.of("10.0.0.5", 52254), s.row().local());
            assertEquals(Endpoint.of("93.184.216.34", 443), s.row().foreign());
            assertEquals(TcpState.SYN_SENT, s.row().state());
            assertEquals(901, s.row().pid());
            ParsedLine.Socket listen = sockets(NetstatParser.parseAll(
                    "nginx 812 root 6u IPv6 603586 0t0 TCP *:8080 (LISTEN)")).get(0);
            assertEquals(Endpoint.of("::", 8080), listen.row().local());
            assertEquals(TcpState.LISTEN, listen.row().state());
        }

        @Test
        void namesOfHostsAndPortsWithoutMinusNPAreResolved() throws IOException {
            List<ParsedLine.Socket> rows = sockets(fixture("debian12-netns/lsof-i-8080.txt"));
            assertEquals(4, rows.size());
            assertTrue(rows.stream().allMatch(s -> s.row().local().port() == 8080 || s.row().foreign().port() == 8080));
        }
    }

    @Nested
    class SsDetails {
        @Test
        void memoryAndTcpLinesAreDetailsOfTheRowAbove() throws IOException {
            List<ParsedLine> lines = fixture("debian12-netns/ss-tanpeomi.txt");
            int details = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i) instanceof ParsedLine.Detail d) {
                    details++;
                    assertInstanceOf(ParsedLine.Socket.class, lines.get(d.attachesTo() - 1));
                    assertEquals(d.line() - 1, d.attachesTo(), "under its row");
                    assertFalse(d.details().memory().isEmpty());
                }
            }
            // Every indented line is one; ss prints none under TIME-WAIT, SYN-RECV and an orphaned
            // FIN-WAIT-2 (the kernel's mini-sockets, inet_timewait_sock and request_sock).
            long indented = java.nio.file.Files.readAllLines(FixtureTest.folder().resolve("debian12-netns/ss-tanpeomi.txt"))
                    .stream().filter(s -> s.startsWith("\t") && !s.isBlank()).count();
            assertEquals(indented, details);
            assertEquals(sockets(lines).size() - 5, details);
        }

        @Test
        void theMemoryIsExplainedInBothLanguages() {
            List<ParsedLine> lines = NetstatParser.parseAll("State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n"
                    + "ESTAB 0 0 127.0.0.1:8080 127.0.0.1:52254 timer:(keepalive,119min,0)\n"
                    + "\t skmem:(r1200,rb131072,t0,tb2626560,f0,w0,o0,bl0,d3) cubic rtt:0.03/0.015 cwnd:10 rto:204\n");
            ParsedLine.Detail d = assertInstanceOf(ParsedLine.Detail.class, lines.get(2));
            assertEquals(1200L, d.details().memory().get("r"));
            assertEquals("0.03", d.details().rttMs());
            String en = new Explainer(Lang.EN).explain(d);
            assertTrue(en.contains("received and not yet read 1200") && en.contains("Packets dropped: 3"), en);
            String zh = new Explainer(Lang.ZH).explain(d);
            assertTrue(zh.contains("1200 字节") && zh.contains("cubic"), zh);
            ParsedLine.Socket row = assertInstanceOf(ParsedLine.Socket.class, lines.get(1));
            assertEquals("timer:(keepalive,119min,0)", row.raw().timer());
            assertTrue(new Explainer(Lang.EN).explain(row).contains("keepalive probe goes out in 119min"));
        }

        @Test
        void aStateFilterLeavesNoStateColumnAndTheCommandSaysWhichState() throws IOException {
            List<ParsedLine> bare = fixture("debian12-netns/ss-tan-state-time-wait.txt");
            assertEquals(bare.size() - 1, sockets(bare).size());
            List<ParsedLine> withCommand = NetstatParser.parseAll("$ ss -tan state time-wait\n"
                    + "Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n"
                    + "0      0          127.0.0.1:52274    127.0.0.1:8080\n");
            assertEquals(TcpState.TIME_WAIT, sockets(withCommand).get(0).row().state());
        }

        @Test
        void aGroupFilterNamesNoSingleState() {
            assertNull(NetstatParser.filterState("ss -tan state connected"));
            assertNull(NetstatParser.filterState("ss -tan state established state syn-sent"));
            assertEquals(TcpState.LISTEN, NetstatParser.filterState("ss -tn state listening"));
        }
    }

    @Nested
    class PastedText {
        @Test
        void grepColourEscapesAreStripped() throws IOException {
            List<ParsedLine> lines = fixture("debian12-netns/netstat-tan-grep-color.txt");
            assertEquals(lines.size(), sockets(lines).size());
            assertTrue(sockets(lines).stream().anyMatch(s -> s.row().local().port() == 8080));
        }

        @Test
        void theSeedsRowWrappedInThreeIsJoinedAfterAnotherRow() {
            List<ParsedLine> lines = NetstatParser.parseAll("  TCP    fdlpw:ftp              fdlpw:0                LISTENING\n"
                    + "  TCP\n  fdlpw:epmap MYCHENG:2\n782 SYN_RECEIVED\n");
            assertEquals(4, lines.size());
            assertInstanceOf(ParsedLine.Notice.class, lines.get(1));
            ParsedLine.Socket row = assertInstanceOf(ParsedLine.Socket.class, lines.get(2));
            assertEquals(Endpoint.of("MYCHENG", 2782), row.row().foreign());
            assertEquals(TcpState.SYN_RECEIVED, row.row().state());
            ParsedLine.Notice rest = assertInstanceOf(ParsedLine.Notice.class, lines.get(3));
            assertEquals(ParsedLine.NoticeCode.WRAPPED_REST, rest.code());
            assertEquals(3, rest.attachesTo());
        }
    }

    @Nested
    class Bsd {
        @Test
        void freeBsdMinusAPrintsOneControlBlockColumnAndALogId() throws IOException {
            List<ParsedLine.Socket> rows = sockets(fixture("jc-more/freebsd12_netstat-AanP.out"));
            assertEquals(6, rows.size());
            assertEquals(TcpState.ESTABLISHED, rows.get(0).row().state());
            assertEquals(Endpoint.of("192.168.71.1", 64330), rows.get(0).row().foreign());
        }
    }

    @Nested
    class FrenchWindows {
        @Test
        void translatedHeadingsEnglishStatesAndTheFrenchOwnershipNoticeAreRead() throws IOException {
            List<ParsedLine> lines = fixture("public/windows-fr-netstat-abo.txt");
            assertInstanceOf(ParsedLine.Header.class, lines.get(2));
            assertInstanceOf(ParsedLine.Header.class, lines.get(4));
            assertEquals(15, sockets(lines).size());
            ParsedLine.Notice n = assertInstanceOf(ParsedLine.Notice.class, lines.get(9));
            assertEquals(ParsedLine.NoticeCode.NO_OWNERSHIP, n.code());
            assertEquals(9, n.attachesTo());
            assertEquals("svchost.exe", sockets(lines).get(0).row().program());
            assertEquals("RpcSs", sockets(lines).get(0).row().service());
        }
    }

    @Nested
    class PowerShell {
        @Test
        void theTableViewIsReadWithItsPidAndItsEnumStateNames() throws IOException {
            List<ParsedLine> lines = fixture("public/powershell-get-nettcpconnection-ko.txt");
            assertInstanceOf(ParsedLine.Notice.class, lines.get(0), "the pasted command line");
            List<ParsedLine.Socket> rows = sockets(lines);
            assertEquals(2, rows.size());
            assertEquals(TcpState.CLOSED, rows.get(0).row().state()); // Bound
            assertEquals(21616, rows.get(1).row().pid());
            assertEquals(Endpoint.of("192.168.20.11", 15490), rows.get(1).row().foreign());
        }

        @Test
        void anAddressCutWithDotsIsMarkedCut() throws IOException {
            List<ParsedLine.Socket> rows = sockets(fixture("public/powershell-get-nettcpconnection-fr.txt"));
            assertEquals(44, rows.size());
            assertTrue(rows.get(0).raw().localTruncated());
            assertFalse(rows.get(0).raw().foreignTruncated());
            assertNull(rows.get(0).row().pid());
        }

        @Test
        void everyStateNameOfTheEnumIsRead() {
            for (String w : List.of("Listen", "SynSent", "SynReceived", "Established", "FinWait1", "FinWait2", "CloseWait",
                    "Closing", "LastAck", "TimeWait", "Closed", "DeleteTCB", "Bound")) {
                assertNotNull(StateWords.parse(w), w);
            }
        }
    }

    @Nested
    class OneTableOfWords {
        @Test
        void everyLanguageNamesItsLocalAndForeignColumns() {
            for (String lang : List.of("en", "zh", "de", "cs", "et", "fr", "ja", "pt_BR")) {
                assertTrue(ToolWords.columnWords().stream().anyMatch(w -> w.language().equals(lang)
                        && w.column() == ToolWords.Column.LOCAL), lang);
                assertTrue(ToolWords.columnWords().stream().anyMatch(w -> w.language().equals(lang)
                        && w.column() == ToolWords.Column.FOREIGN), lang);
            }
        }
    }
}
