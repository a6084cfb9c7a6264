package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tcplab.tcp.TcpState;

/**
 * The emitter prints what the real tools print: real captures are parsed and printed again, and
 * must come out byte for byte (widths, padding, trailing spaces, CRLF).
 */
class EmitterTest {

    static List<SocketRow> rowsOf(List<ParsedLine> lines) {
        // netstat -b: fold the program and service lines into the row above them.
        List<SocketRow> rows = new ArrayList<>();
        for (ParsedLine l : lines) {
            if (l instanceof ParsedLine.Socket s) {
                rows.add(s.row());
            } else if (l instanceof ParsedLine.Program p && !rows.isEmpty()) {
                SocketRow last = rows.remove(rows.size() - 1);
                rows.add(p.program() != null ? last.withProcess(last.pid(), p.program()) : last.withService(p.service()));
            }
        }
        return rows;
    }

    private static void reprints(String fixture, Dialect dialect) throws IOException {
        Path p = FixtureTest.folder().resolve(fixture);
        String original = Files.readString(p, StandardCharsets.UTF_8);
        List<SocketRow> rows = rowsOf(FixtureTest.parse(p));
        assertEquals(original, NetstatEmitter.emit(dialect, rows, "host"), fixture);
    }

    // -- Windows

    @Test
    void windowsNetstatAnIsReprintedByteForByte() throws IOException {
        reprints("jc/windows_windows-10_netstat-an.out", Dialect.WINDOWS);
    }

    @Test
    void windowsNetstatAnoIsReprintedByteForByteWithTheZoneIdsOverflowingTheColumn() throws IOException {
        reprints("jc/windows_windows-10_netstat-aon.out", Dialect.WINDOWS_PID);
    }

    @Test
    void windowsNetstatAnobIsReprintedByteForByteWithServiceAndProgramLines() throws IOException {
        reprints("jc/windows_windows-10_netstat-aonb.out", Dialect.WINDOWS_B);
    }

    @Test
    void chineseWindowsHeaderIsTheTranslatedOne() {
        String out = NetstatEmitter.emit(Dialect.WINDOWS_ZH,
                List.of(SocketRow.tcp("0.0.0.0", 135, "0.0.0.0", 0, TcpState.LISTEN).withProcess(1712, null)), "h");
        assertEquals("\r\n活动连接\r\n\r\n  协议  本地地址          外部地址        状态           PID\r\n"
                + "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712\r\n", out);
    }

    @Test
    void windowsNamesPrintsTheHostNameAndServiceNamesLikeTheSeeds() {
        String out = NetstatEmitter.emit(Dialect.WINDOWS_NAMES, List.of(
                SocketRow.tcp("0.0.0.0", 21, "0.0.0.0", 0, TcpState.LISTEN),
                SocketRow.tcp("0.0.0.0", 2213, "202.120.225.9", 23, TcpState.ESTABLISHED),
                SocketRow.udp("0.0.0.0", 123)), "fdlpw");
        assertTrue(out.contains("  TCP    fdlpw:ftp              fdlpw:0                LISTENING\r\n"), out);
        assertTrue(out.contains("  TCP    fdlpw:2213             202.120.225.9:telnet   ESTABLISHED\r\n"), out);
        assertTrue(out.contains("  UDP    fdlpw:ntp              *:*                    \r\n"), out);
    }

    @Test
    void tcpViewPrintsProgramColonPidFirst() {
        String out = NetstatEmitter.emit(Dialect.TCPVIEW, List.of(
                SocketRow.tcp("0.0.0.0", 21, "0.0.0.0", 0, TcpState.LISTEN).withProcess(1260, "inetinfo.exe"),
                SocketRow.tcp("192.168.1.10", 21, "192.168.1.1", 3009, TcpState.TIME_WAIT)), "h");
        assertEquals("inetinfo.exe:1260 TCP 0.0.0.0:21 0.0.0.0:0 LISTENING\r\n"
                + "[System Process]:0 TCP 192.168.1.10:21 192.168.1.1:3009 TIME_WAIT\r\n", out);
    }

    @Test
    void aRowOfNoProcessGetsPidZeroNoProgramLineAndSystemProcessOnWindows() {
        List<SocketRow> rows = List.of(SocketRow.tcp("10.0.0.1", 59058, "10.0.0.2", 80, TcpState.TIME_WAIT));
        String row = "  TCP    10.0.0.1:59058         10.0.0.2:80            TIME_WAIT       0\r\n";
        assertTrue(NetstatEmitter.emit(Dialect.WINDOWS_PID, rows, "h").endsWith("PID\r\n" + row));
        assertTrue(NetstatEmitter.emit(Dialect.WINDOWS_ZH, rows, "h").endsWith("PID\r\n" + row));
        // jc/windows_windows-10_netstat-aonb.out: a TIME_WAIT row with PID 0 has no line under it.
        assertTrue(NetstatEmitter.emit(Dialect.WINDOWS_B, rows, "h").endsWith("PID\r\n" + row));
        assertEquals("[System Process]:0 TCP 10.0.0.1:59058 10.0.0.2:80 TIME_WAIT\r\n",
                NetstatEmitter.emit(Dialect.TCPVIEW, rows, "h"));
    }

    // -- Linux

    @Test
    void netToolsNetstatTanIsReprintedByteForByte() throws IOException {
        reprints("debian12/netstat-tan.txt", Dialect.LINUX);
    }

    @Test
    void netToolsNetstatTanpIsReprintedByteForByte() throws IOException {
        reprints("debian12/netstat-tanp.txt", Dialect.LINUX_P);
    }

    @Test
    void netToolsNetstatTunaIsReprintedByteForByteWithUdpRowsLast() throws IOException {
        reprints("debian12/netstat-tuna.txt", Dialect.LINUX_TUNA);
    }

    @Test
    void ssTanIsReprintedByteForByteWithWidthsFromTheContents() throws IOException {
        reprints("debian12/ss-tan.txt", Dialect.SS);
    }

    @Test
    void ssTanpHasTheProcessColumnAsWideAsItsWidestEntry() {
        String out = NetstatEmitter.emit(Dialect.SS_P, List.of(
                SocketRow.tcp("127.0.0.1", 21, "0.0.0.0", null, TcpState.LISTEN).withProcess(25298, "python3"),
                SocketRow.tcp("127.0.0.1", 8080, "127.0.0.1", 45336, TcpState.TIME_WAIT)), "h");
        String[] lines = out.split("\n");
        // Columns as wide as their widest field (ports: "Port" and "8080"; Process: the users entry).
        assertEquals("State     Recv-Q Send-Q Local Address:Port Peer Address:Port Process                            ", lines[0]);
        assertEquals("LISTEN    0      0          127.0.0.1:21        0.0.0.0:*     users:((\"python3\",pid=25298,fd=3))", lines[1]);
        assertEquals(lines[0].length(), lines[2].length());
    }

    @Test
    void aRowOfNoProcessGetsADashInNetstatAndNoUsersInSs() {
        List<SocketRow> rows = List.of(SocketRow.tcp("0.0.0.0", 80, "0.0.0.0", null, TcpState.LISTEN).withProcess(812, "nginx"),
                SocketRow.tcp("10.0.0.2", 80, "198.51.100.7", 40000, TcpState.SYN_RECEIVED));
        String p = NetstatEmitter.emit(Dialect.LINUX_P, rows, "h");
        // debian12/netstat-tanp.txt: "TIME_WAIT   -" with the column padded to 20.
        assertTrue(p.endsWith("tcp        0      0 10.0.0.2:80             198.51.100.7:40000      SYN_RECV    -                   \n"), p);
        String ss = NetstatEmitter.emit(Dialect.SS_P, rows, "h");
        String[] lines = ss.split("\n");
        assertTrue(lines[1].endsWith(" users:((\"nginx\",pid=812,fd=3))"), ss);
        // debian12/ss-tanp.txt: an empty Process field, padded like the others.
        assertFalse(lines[2].contains("users:"), ss);
        assertEquals(lines[1].length(), lines[2].length(), ss);
    }

    @Test
    void ssShowsAListenersBacklogInSendQWhereNetstatShowsZero() {
        // A listener with 3 connections waiting to be accepted and a backlog of 128.
        List<SocketRow> rows = List.of(SocketRow.tcp("0.0.0.0", 80, "0.0.0.0", null, TcpState.LISTEN)
                .withQueues(3L, 0L).withBacklog(128L));
        assertEquals("LISTEN 3      128          0.0.0.0:80        0.0.0.0:*          ",
                NetstatEmitter.emit(Dialect.SS, rows, "h").split("\n")[1]);
        assertEquals("tcp        3      0 0.0.0.0:80              0.0.0.0:*               LISTEN     ",
                NetstatEmitter.emit(Dialect.LINUX, rows, "h").split("\n")[2]);
    }

    @Test
    void longAddressesAreCutTheWayNetToolsCutsThem() {
        assertEquals("localhost.localdo:35450", NetstatEmitter.linuxAddress(Endpoint.of("localhost.localdomain", 35450)));
        assertEquals("600/sshd: /usr/sbin", NetstatEmitter.linuxProgram(
                SocketRow.tcp("0.0.0.0", 22, "0.0.0.0", null, TcpState.LISTEN).withProcess(600, "sshd: /usr/sbin/sshd -D")));
    }

    // -- macOS

    @Test
    void macosPrintsDotPortsStarsAndTcp46() {
        String out = NetstatEmitter.emit(Dialect.MACOS, List.of(
                SocketRow.tcp("::", 5000, "::", null, TcpState.LISTEN).withDualStack(true),
                SocketRow.tcp("192.168.1.5", 53412, "17.57.144.84", 5223, TcpState.ESTABLISHED)), "h");
        assertEquals("Active Internet connections (including servers)\n"
                + "Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)    \n"
                + "tcp46      0      0  *.5000                 *.*                    LISTEN     \n"
                + "tcp4       0      0  192.168.1.5.53412      17.57.144.84.5223      ESTABLISHED\n", out);
    }

    @Test
    void readOnlyDialectsCannotBeEmitted() {
        assertThrows(IllegalArgumentException.class, () -> NetstatEmitter.emit(Dialect.PROC, List.of(), "h"));
    }
}
