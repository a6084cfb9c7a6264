package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tcplab.tcp.TcpState;

/** Line shapes of NETSTAT.md, one group per tool, plus encodings and pasted fragments. */
class ParserTest {

    static ParsedLine.Socket socket(String line) {
        List<ParsedLine> l = NetstatParser.parseAll(line);
        assertEquals(1, l.size());
        return assertInstanceOf(ParsedLine.Socket.class, l.get(0), () -> l.get(0).toString());
    }

    @Nested
    class Windows {
        @Test
        void aListeningRowWithoutHeaderIsRead() {
            ParsedLine.Socket s = socket("  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING");
            assertEquals(Dialect.WINDOWS, s.dialect());
            assertEquals(TcpState.LISTEN, s.row().state());
            assertEquals("LISTENING", s.raw().state());
            assertEquals(Endpoint.of("0.0.0.0", 135), s.row().local());
            assertEquals(Endpoint.of("0.0.0.0", 0), s.row().foreign());
        }

        @Test
        void udpRowsHaveNoStateAndAStarPeer() {
            ParsedLine.Socket s = socket("UDP    [::]:500               *:*                                    6856");
            assertEquals(Proto.UDP, s.row().proto());
            assertNull(s.row().state());
            assertEquals(Family.IPV6, s.row().family());
            assertEquals(Endpoint.anyPort("::"), s.row().foreign());
            assertEquals(6856, s.row().pid());
        }

        @Test
        void zoneIdsStayWithTheAddress() {
            ParsedLine.Socket s = socket("  UDP    [fe80::244e:2f1e:2096:62b2%9]:1900  *:*                    ");
            assertEquals("fe80::244e:2f1e:2096:62b2%9", s.row().local().address());
            assertEquals(1900, s.row().local().port());
        }

        @Test
        void namesFromNetstatAAreResolvedThroughTheServicesTable() {
            ParsedLine.Socket s = socket("TCP fdlpw:epmap MYCHENG:2782 SYN_RECEIVED");
            assertEquals(Dialect.WINDOWS_NAMES, s.dialect());
            assertEquals(Endpoint.of("fdlpw", 135), s.row().local());
            assertEquals("epmap", s.raw().localPort());
            assertEquals(Endpoint.of("MYCHENG", 2782), s.row().foreign());
        }

        @Test
        void chineseHeaderIsRecognisedAsWindowsZhDialect() {
            List<ParsedLine> l = NetstatParser.parseAll("\r\n活动连接\r\n\r\n  协议  本地地址          外部地址        状态           PID\r\n"
                    + "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712\r\n");
            assertEquals(5, l.size());
            assertInstanceOf(ParsedLine.Header.class, l.get(1));
            assertEquals(Dialect.WINDOWS_ZH, ((ParsedLine.Socket) l.get(4)).dialect());
        }

        @Test
        void germanStateWordsIncludingTheCp1252MisreadingAreRead() {
            String text = "Aktive Verbindungen\n\n  Proto  Lokale Adresse         Remoteadresse          Status           PID\n"
                    + "  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN         1000\n"
                    + "  TCP    0.0.0.0:445            0.0.0.0:0              ABH™REN         4\n"
                    + "  TCP    10.0.0.2:50000         1.2.3.4:443            HERGESTELLT     7\n"
                    + "  TCP    10.0.0.2:50001         1.2.3.4:443            WARTEND         0\n"
                    + "  TCP    10.0.0.2:50002         1.2.3.4:443            SCHLIESSEN_WARTEN 7\n"
                    + "  TCP    10.0.0.2:50003         1.2.3.4:443            FIN_WARTEN_2    7\n"
                    + "  TCP    10.0.0.2:50004         1.2.3.4:443            SYN_GESENDET    7\n"
                    + "  TCP    10.0.0.2:50005         1.2.3.4:443            SCHLIESSEND     7\n";
            List<ParsedLine> l = NetstatParser.parseAll(text);
            TcpState[] expected = {TcpState.LISTEN, TcpState.LISTEN, TcpState.ESTABLISHED, TcpState.TIME_WAIT,
                TcpState.CLOSE_WAIT, TcpState.FIN_WAIT_2, TcpState.SYN_SENT, TcpState.CLOSING};
            for (int i = 0; i < expected.length; i++) {
                ParsedLine.Socket s = assertInstanceOf(ParsedLine.Socket.class, l.get(3 + i));
                assertEquals(expected[i], s.row().state());
                assertEquals(Dialect.WINDOWS_DE, s.dialect());
            }
        }

        @Test
        void bLinesAttachToTheRowAboveAndNoticesAreNotices() {
            List<ParsedLine> l = NetstatParser.parseAll("  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712\n"
                    + "  RpcSs\n [svchost.exe]\n"
                    + "  TCP    0.0.0.0:445            0.0.0.0:0              LISTENING       4\n"
                    + " Can not obtain ownership information\n"
                    + "The requested operation requires elevation.\n");
            assertEquals(new ParsedLine.Program(2, Dialect.WINDOWS_B, null, "RpcSs", 1), l.get(1));
            assertEquals(new ParsedLine.Program(3, Dialect.WINDOWS_B, "svchost.exe", null, 1), l.get(2));
            assertEquals(ParsedLine.NoticeCode.NO_OWNERSHIP, ((ParsedLine.Notice) l.get(4)).code());
            assertEquals(4, ((ParsedLine.Notice) l.get(4)).attachesTo());
            assertEquals(ParsedLine.NoticeCode.ELEVATION_REQUIRED, ((ParsedLine.Notice) l.get(5)).code());
        }
    }

    @Nested
    class TcpView {
        @Test
        void processFirstRowsWithSpacesOrTabsAreRead() {
            ParsedLine.Socket s = socket("[System Process]:0\tTCP\t192.168.1.10:21\t192.168.1.1:3009\tTIME_WAIT");
            assertEquals(Dialect.TCPVIEW, s.dialect());
            assertEquals("[System Process]", s.row().program());
            assertEquals(0, s.row().pid());
            ParsedLine.Socket t = socket("inetinfo.exe:1260 TCP 0.0.0.0:21 0.0.0.0:0 LISTENING");
            assertEquals("inetinfo.exe", t.row().program());
            assertEquals(1260, t.row().pid());
        }
    }

    @Nested
    class Linux {
        @Test
        void programNamesWithSpacesAreKeptWhole() {
            ParsedLine.Socket s = socket("tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      600/sshd: /usr/sbin");
            assertEquals(600, s.row().pid());
            assertEquals("sshd: /usr/sbin", s.row().program());
            assertNull(s.row().foreign().port());
        }

        @Test
        void ssListenSendQIsTheBacklogAndNetstatListenSendQIsTheSendQueue() {
            SocketRow ss = socket("LISTEN     2      8          127.0.0.1:21         0.0.0.0:*").row();
            assertEquals(2L, ss.recvQ(), "the accept queue");
            assertEquals(8L, ss.backlog());
            assertNull(ss.sendQ(), "ss does not show a listener's send queue");
            SocketRow est = socket("ESTAB      0      5          127.0.0.1:21       127.0.0.1:47262").row();
            assertEquals(5L, est.sendQ());
            assertNull(est.backlog());
            SocketRow netTools = socket("tcp        2      0 127.0.0.1:21            0.0.0.0:*               LISTEN     ").row();
            assertEquals(0L, netTools.sendQ());
            assertNull(netTools.backlog(), "/proc/net/tcp does not give the backlog");
        }

        @Test
        void tripleColonStarAndBracketedStarAreTheSameAddress() {
            ParsedLine.Socket a = socket("tcp6       0      0 :::22                   :::*                    LISTEN");
            ParsedLine.Socket b = socket("LISTEN 0 128 [::]:22 [::]:*");
            assertEquals(a.row().local(), b.row().local());
            assertEquals(a.row().foreign(), b.row().foreign());
            assertEquals(Endpoint.anyPort("::"), a.row().foreign());
        }

        @Test
        void ssReadsBracketsMappedAddressesInterfacesAndUsers() {
            ParsedLine.Socket s = socket("ESTAB 0 0 [::ffff:127.0.0.1]:80 [::ffff:127.0.0.1]:5000 users:((\"nginx\",pid=812,fd=3))");
            assertEquals("::ffff:127.0.0.1", s.row().local().address());
            assertEquals("nginx", s.row().program());
            assertEquals(812, s.row().pid());
            ParsedLine.Socket t = socket("udp   UNCONN     0      0          127.0.0.53%lo:53             0.0.0.0:*");
            assertEquals("127.0.0.53%lo", t.row().local().address());
            ParsedLine.Socket u = socket("LISTEN 0 4096 *:22 *:*");
            assertTrue(u.row().dualStack());
        }

        @Test
        void procNetTcpHexAddressesAndStatesAreDecoded() {
            ParsedLine.Socket s = socket("   8: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 113916 1");
            assertEquals(Endpoint.of("127.0.0.1", 8080), s.row().local());
            assertEquals(TcpState.LISTEN, s.row().state());
            ParsedLine.Socket v6 = socket("0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000");
            assertEquals(Endpoint.of("::1", 22), v6.row().local());
        }
    }

    @Nested
    class Bsd {
        @Test
        void dotPortsStarsAndTcp46AreRead() {
            ParsedLine.Socket s = socket("tcp46      0      0  *.5000                 *.*                    LISTEN");
            assertTrue(s.row().dualStack());
            assertEquals(Endpoint.of("::", 5000), s.row().local());
            assertEquals(Endpoint.anyPort("::"), s.row().foreign());
            ParsedLine.Socket t = socket("tcp6 0 0 fe80::1%lo0.123 *.* LISTEN");
            assertEquals(Endpoint.of("fe80::1%lo0", 123), t.row().local());
        }
    }

    @Nested
    class Fragments {
        @Test
        void severalOutputsPastedOneAfterAnotherSwitchDialectAtEachHeader() {
            String text = "Active Connections\r\n  Proto  Local Address          Foreign Address        State\r\n"
                    + "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING\r\n"
                    + "State      Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n"
                    + "ESTAB      0      0          127.0.0.1:49154    127.0.0.1:18084\n"
                    + "Active Internet connections (servers and established)\n"
                    + "Proto Recv-Q Send-Q Local Address           Foreign Address         State\n"
                    + "tcp        0      0 127.0.0.1:21            0.0.0.0:*               LISTEN\n";
            List<ParsedLine> l = NetstatParser.parseAll(text);
            assertEquals(Dialect.WINDOWS, ((ParsedLine.Socket) l.get(2)).dialect());
            assertEquals(Dialect.SS, ((ParsedLine.Socket) l.get(4)).dialect());
            assertEquals(Dialect.LINUX, ((ParsedLine.Socket) l.get(7)).dialect());
        }

        @Test
        void findstrOutputWithoutLeadingSpacesOrWithTabsIsRead() {
            assertEquals(80, socket("TCP\t0.0.0.0:80\t0.0.0.0:0\tLISTENING").row().local().port());
            assertEquals(80, socket("TCP 10.0.0.2:80 1.2.3.4:5000 ESTABLISHED").row().local().port());
        }

        @Test
        void everyLineGivesExactlyOneRecordEvenBlankAndGarbage() {
            List<ParsedLine> l = NetstatParser.parseAll("\n   \nhello world\nTCP 1 2\n");
            assertEquals(4, l.size());
            assertInstanceOf(ParsedLine.Blank.class, l.get(0));
            assertInstanceOf(ParsedLine.Blank.class, l.get(1));
            assertInstanceOf(ParsedLine.Unrecognised.class, l.get(2));
            assertInstanceOf(ParsedLine.Unrecognised.class, l.get(3));
        }
    }

    @Nested
    class Encoding {
        private List<ParsedLine> read(byte[] bytes) throws IOException {
            try (Reader r = Encodings.reader(new ByteArrayInputStream(bytes), null)) {
                NetstatParser p = new NetstatParser(r, null);
                List<ParsedLine> out = new java.util.ArrayList<>();
                ParsedLine x;
                while ((x = p.next()) != null) {
                    out.add(x);
                }
                return out;
            }
        }

        @Test
        void chineseHeaderInGbkBytesIsDetected() throws IOException {
            Charset gbk = Charset.forName("GBK");
            byte[] bytes = ("\r\n活动连接\r\n\r\n  协议  本地地址          外部地址        状态           PID\r\n"
                    + "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712\r\n").getBytes(gbk);
            assertEquals(gbk, Encodings.detect(bytes, bytes.length));
            List<ParsedLine> l = read(bytes);
            assertEquals("活动连接", ((ParsedLine.Header) l.get(1)).text());
            assertEquals(Dialect.WINDOWS_ZH, ((ParsedLine.Socket) l.get(4)).dialect());
        }

        @Test
        void abhoerenInCp850IsDetected() throws IOException {
            Charset cp850 = Charset.forName("IBM850");
            byte[] bytes = ("Aktive Verbindungen\r\n\r\n  Proto  Lokale Adresse         Remoteadresse          Status\r\n"
                    + "  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN\r\n").getBytes(cp850);
            assertEquals((byte) 0x99, bytes[bytes.length - 6]); // Ö is 0x99 in cp850
            assertEquals(cp850, Encodings.detect(bytes, bytes.length));
            ParsedLine.Socket s = (ParsedLine.Socket) read(bytes).get(3);
            assertEquals("ABHÖREN", s.raw().state());
            assertEquals(TcpState.LISTEN, s.row().state());
        }

        @Test
        void utf8StaysUtf8() {
            byte[] bytes = "活动连接\n".getBytes(StandardCharsets.UTF_8);
            assertEquals(StandardCharsets.UTF_8, Encodings.detect(bytes, bytes.length));
        }
    }

    @Nested
    class OwnerLinesOfNetstatB {
        private static final String ANOB = "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712\r\n"
                + "  RpcSs\r\n [svchost.exe]\r\n"
                + "  TCP    0.0.0.0:445            0.0.0.0:0              LISTENING       4\r\n"
                + " Can not obtain ownership information\r\n"
                + "  TCP    10.0.0.5:1040          10.0.0.9:135           SYN_SENT        2044\r\n"
                + " [msblast.exe]\r\n";

        @Test
        void aRowCarriesTheProgramAndServiceOfTheLinesUnderIt() {
            List<ParsedLine> l = NetstatParser.parseAll(ANOB);
            ParsedLine.Socket first = assertInstanceOf(ParsedLine.Socket.class, l.get(0));
            assertEquals("svchost.exe", first.row().program());
            assertEquals("RpcSs", first.row().service());
            assertEquals(1712, first.row().pid());
            assertEquals(Dialect.WINDOWS_B, first.dialect(), "the first row of a -b table is already windows-b");
            assertEquals("msblast.exe", ((ParsedLine.Socket) l.get(5)).row().program());
        }

        @Test
        void theOwnerLinesStayRecordsOfTheirOwnInInputOrder() {
            List<ParsedLine> l = NetstatParser.parseAll(ANOB);
            assertEquals(7, l.size());
            for (int i = 0; i < l.size(); i++) {
                assertEquals(i + 1, l.get(i).line());
            }
            assertEquals(new ParsedLine.Program(2, Dialect.WINDOWS_B, null, "RpcSs", 1), l.get(1));
            assertEquals(ParsedLine.NoticeCode.NO_OWNERSHIP, ((ParsedLine.Notice) l.get(4)).code());
            assertEquals(null, ((ParsedLine.Socket) l.get(3)).row().program(), "no ownership information: no program");
        }

        @Test
        void aLoneWordUnderARowIsAServiceNameOnlyWhenAProgramLineFollows() {
            // The seed article's own notes under its rows are prose, not -b service names.
            List<ParsedLine> l = NetstatParser.parseAll("TCP fdlpw:1080 fdlpw:0 LISTENING\nsocks代理服务\n"
                    + "TCP fdlpw:8000 fdlpw:0 LISTENING\nweb\nTCP fdlpw:8001 fdlpw:0 LISTENING\n");
            assertEquals(ParsedLine.Why.NO_SHAPE, ((ParsedLine.Unrecognised) l.get(1)).why());
            ParsedLine.Unrecognised web = assertInstanceOf(ParsedLine.Unrecognised.class, l.get(3));
            assertEquals(ParsedLine.Why.LONE_WORD, web.why());
            assertEquals(null, ((ParsedLine.Socket) l.get(2)).row().service());
            assertInstanceOf(ParsedLine.Socket.class, l.get(4));
            List<ParsedLine> two = NetstatParser.parseAll("TCP fdlpw:8000 fdlpw:0 LISTENING\nweb\nproxy\n");
            assertEquals(ParsedLine.Why.LONE_WORD, ((ParsedLine.Unrecognised) two.get(1)).why());
            assertEquals(ParsedLine.Why.LONE_WORD, ((ParsedLine.Unrecognised) two.get(2)).why());
        }
    }

    @Nested
    class PastedAroundTheOutput {
        @Test
        void aRowWrappedAfterItsProtocolIsJoinedAndTheProtocolLineSaysSo() {
            List<ParsedLine> l = NetstatParser.parseAll("TCP\nfdlpw:epmap MYCHENG:2782 SYN_RECEIVED\n");
            ParsedLine.Notice n = assertInstanceOf(ParsedLine.Notice.class, l.get(0));
            assertEquals(ParsedLine.NoticeCode.WRAPPED, n.code());
            assertEquals(2, n.attachesTo());
            ParsedLine.Socket s = assertInstanceOf(ParsedLine.Socket.class, l.get(1));
            assertEquals(2, s.line());
            assertEquals(TcpState.SYN_RECEIVED, s.row().state());
        }

        @Test
        void aProtocolWordAloneWithNoRowAfterItIsUnrecognisedAndTheNextLineIsStillRead() {
            List<ParsedLine> l = NetstatParser.parseAll("TCP\nTCP 0.0.0.0:80 0.0.0.0:0 LISTENING\n");
            assertEquals(ParsedLine.Why.PROTOCOL_ONLY, ((ParsedLine.Unrecognised) l.get(0)).why());
            assertEquals(80, ((ParsedLine.Socket) l.get(1)).row().local().port());
        }

        @Test
        void commandLinesWithTheirPromptsAreCommandNotices() {
            String[][] cases = {
                {"C:\\>netstat -an", "netstat -an"},
                {"C:\\Users\\me>netstat -ano | findstr 80", "netstat -ano | findstr 80"},
                {"PS C:\\Users\\me> netstat -ano", "netstat -ano"},
                {"$ ss -tan", "ss -tan"},
                {"root@host:~# sudo netstat -tanp", "netstat -tanp"},
                {"netstat -an > out.txt", "netstat -an > out.txt"},
                {"$ cat /proc/net/tcp", "cat /proc/net/tcp"},
            };
            for (String[] c : cases) {
                ParsedLine.Notice n = assertInstanceOf(ParsedLine.Notice.class, NetstatParser.parseAll(c[0]).get(0), c[0]);
                assertEquals(ParsedLine.NoticeCode.COMMAND, n.code(), c[0]);
                assertEquals(c[1], n.text(), c[0]);
            }
            assertInstanceOf(ParsedLine.Unrecognised.class, NetstatParser.parseAll("I ran netstat yesterday").get(0));
        }
    }

    @Nested
    class ChosenDialect {
        @Test
        void aChosenDialectLabelsTheRowsOfItsToolAndOtherShapesKeepTheirOwn() {
            List<ParsedLine> l = NetstatParser.parseAll("tcp 0 0 10.0.0.1:22 10.0.0.9:5000 ESTABLISHED 7/sshd\n"
                    + "inetinfo.exe:1260 TCP 0.0.0.0:21 0.0.0.0:0 LISTENING\n", Dialect.LINUX);
            assertEquals(Dialect.LINUX, ((ParsedLine.Socket) l.get(0)).dialect(), "the user's choice for its tool");
            assertEquals(Dialect.TCPVIEW, ((ParsedLine.Socket) l.get(1)).dialect(), "a TCPView row stays TCPView");
            ParsedLine.Socket zh = (ParsedLine.Socket) NetstatParser.parseAll(
                    "  TCP    0.0.0.0:135    0.0.0.0:0    LISTENING    1712\n", Dialect.WINDOWS_ZH).get(0);
            assertEquals(Dialect.WINDOWS_ZH, zh.dialect(), "a choice that says more than the shape is kept");
        }
    }

    @Nested
    class ReasonsForUnrecognisedLines {
        private ParsedLine.Unrecognised unrecognised(String line) {
            return assertInstanceOf(ParsedLine.Unrecognised.class, NetstatParser.parseAll(line).get(0), line);
        }

        @Test
        void theShapeALineResemblesMostGivesTheReason() {
            // A Windows row with a misread state word: the state is what is wrong, not the ss columns.
            ParsedLine.Unrecognised u = unrecognised("  TCP    0.0.0.0:135    0.0.0.0:0    ABH\u00cdREN");
            assertEquals(ParsedLine.Why.UNKNOWN_STATE, u.why());
            assertEquals("ABH\u00cdREN", u.detail());
            assertEquals(ParsedLine.Why.UNKNOWN_STATE, unrecognised("  TCP    0.0.0.0:135    0.0.0.0:0    UNKNOWN").why());
            assertEquals(ParsedLine.Why.QUEUES, unrecognised("tcp x y 0.0.0.0:22 0.0.0.0:* LISTEN").why());
            assertEquals(ParsedLine.Why.BAD_PORT, unrecognised("TCP 0.0.0.0:8%0 0.0.0.0:0 LISTENING").why());
            assertEquals(ParsedLine.Why.NO_SHAPE, unrecognised("hello world").why());
        }

        @Test
        void everyReasonIsSaidInBothLanguages() {
            for (ParsedLine.Why w : ParsedLine.Why.values()) {
                ParsedLine.Unrecognised u = new ParsedLine.Unrecognised(1, w, "X", "x");
                String en = new Explainer(tcplab.i18n.Lang.EN).reason(u);
                String zh = new Explainer(tcplab.i18n.Lang.ZH).reason(u);
                assertFalse(en.isBlank() || zh.isBlank(), w.name());
                assertNotEquals(en, zh, w.name());
                assertTrue(zh.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), w.name());
            }
        }
    }
}
