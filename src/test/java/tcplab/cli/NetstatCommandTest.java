package tcplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code tcplab netstat}: a simulated host's output in a real tool's format. */
class NetstatCommandTest {

    @Test
    void windowsOutputOfTheSynFloodServerHasCrLfLinesAndManySynReceived() {
        SimulateCommandTest.Run r = SimulateCommandTest.run("netstat", "--scenario", "syn-flood", "--host", "server",
                "--at", "3000", "--dialect", "windows");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State\r\n"), r.out());
        assertEquals(129, r.out().split("SYN_RECEIVED", -1).length - 1);
    }

    @Test
    void withoutADialectAHostPrintsItsOwnOperatingSystemsNetstat() {
        assertTrue(SimulateCommandTest.run("netstat", "--scenario", "worm-scan", "--host", "worm", "--at", "1000").out()
                .contains("Active Connections"));
        assertTrue(SimulateCommandTest.run("netstat", "--scenario", "handshake", "--host", "server", "--at", "1000").out()
                .startsWith("Active Internet connections (servers and established)\n"));
    }

    @Test
    void explainReadsTheLinesBackAndWarnsOfTheFlood() {
        SimulateCommandTest.Run r = SimulateCommandTest.run("netstat", "--scenario", "syn-flood", "--host", "server",
                "--at", "3000", "--dialect", "ss", "--explain", "--lang", "en");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("SYN_FLOOD"), r.out());
    }

    @Test
    void anUnknownHostOrDialectIsAUsageErrorThatListsTheChoices() {
        SimulateCommandTest.Run host = SimulateCommandTest.run("netstat", "--scenario", "syn-flood", "--host", "client", "--lang", "en");
        assertEquals(2, host.exit());
        assertTrue(host.err().contains("scenario syn-flood has no host 'client'; its hosts are: attacker, server"), host.err());
        SimulateCommandTest.Run dialect = SimulateCommandTest.run("netstat", "--scenario", "syn-flood", "--host", "server",
                "--dialect", "proc-net-tcp", "--lang", "en");
        assertEquals(2, dialect.exit());
        assertTrue(dialect.err().contains("use one of: windows, windows-names"), dialect.err());
    }
}
