package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;
import tcplab.i18n.ProblemException;
import tcplab.sim.Host;
import tcplab.sim.ScenarioLoader;
import tcplab.sim.ScenarioRunner;
import tcplab.sim.Sock;
import tcplab.sim.TraceSink;
import tcplab.tcp.TcpState;

/**
 * The owner columns of a simulated host's synthetic output (netstat -o and -b, TCPView, netstat
 * -p, ss -p): a row names its program and PID exactly when a process holds the socket
 * ({@link Sock#heldByProcess()}), and otherwise shows what the real tool shows for a socket of no
 * process: PID 0, no -b line, {@code [System Process]:0}, {@code -}, no {@code users:}.
 */
class SyntheticOwnersTest {

    /** The dialects that show an owner. */
    static final List<Dialect> OWNER_DIALECTS = List.of(Dialect.WINDOWS_PID, Dialect.WINDOWS_B, Dialect.WINDOWS_ZH,
            Dialect.TCPVIEW, Dialect.LINUX_P, Dialect.SS_P);

    static Host hostAt(String scenario, String profile, String host, double ms) {
        try {
            ScenarioRunner.Overrides o = new ScenarioRunner.Overrides(null, profile, null, null, Map.of(), List.of());
            ScenarioRunner.Run run = ScenarioRunner.build(ScenarioLoader.builtin(scenario), o, TraceSink.NONE);
            run.simulation().runUntil(Math.round(ms * 1000));
            return run.simulation().host(host);
        } catch (ProblemException e) {
            throw new AssertionError(e.format(Lang.EN), e);
        }
    }

    /** The rows the parser reads back from {@code host}'s output in {@code d}, -b lines folded in. */
    static List<SocketRow> readBack(Host host, Dialect d) {
        return EmitterTest.rowsOf(NetstatParser.parseAll(HostTable.emit(host, d)));
    }

    /** Whether a row read back from {@code d} names an owner. */
    static boolean hasOwner(Dialect d, SocketRow r) {
        switch (d) {
            case WINDOWS_PID: case WINDOWS_ZH: case TCPVIEW:
                assertNotNull(r.pid(), d + " always prints a PID");
                return r.pid() != 0;
            case WINDOWS_B:
                assertEquals(r.pid() != 0, r.program() != null, () -> d + ": a program line exactly under a PID that is not 0: " + r);
                return r.pid() != 0;
            case LINUX_P: case SS_P:
                assertEquals(r.pid() != null, r.program() != null, () -> d + ": " + r);
                return r.pid() != null;
            default:
                throw new AssertionError(d);
        }
    }

    private static List<SocketRow> inState(List<SocketRow> rows, TcpState state) {
        List<SocketRow> out = new ArrayList<>();
        for (SocketRow r : rows) {
            if (r.state() == state) {
                out.add(r);
            }
        }
        assertFalse(out.isEmpty(), "no " + state + " row");
        return out;
    }

    // ------------------------------------------------------------------ TIME_WAIT

    @Test
    void timeWaitRowsCarryNoOwnerInEveryOwnerShowingDialectOnALinuxHost() {
        Host client = hostAt("active-close", null, "client", 1000);
        for (Dialect d : OWNER_DIALECTS) {
            for (SocketRow r : inState(readBack(client, d), TcpState.TIME_WAIT)) {
                assertFalse(hasOwner(d, r), d + ": " + r);
            }
        }
        String p = HostTable.emit(client, Dialect.LINUX_P);
        assertTrue(p.contains(" TIME_WAIT   -                   \n"), p);
        String ss = HostTable.emit(client, Dialect.SS_P);
        assertFalse(ss.contains("users:"), ss);
    }

    @Test
    void timeWaitRowsHavePidZeroAndNoProgramLineOnAWindowsHost() {
        for (String profile : List.of("windows-10", "windows-xp")) {
            Host client = hostAt("active-close", profile, "client", 1000);
            String pid = HostTable.emit(client, Dialect.WINDOWS_PID);
            assertTrue(pid.matches("(?s).* TIME_WAIT       0\r\n"), pid);
            String b = HostTable.emit(client, Dialect.WINDOWS_B);
            assertTrue(b.endsWith(" TIME_WAIT       0\r\n"), "no [curl] line under a TIME_WAIT row: " + b);
            String tcpView = HostTable.emit(client, Dialect.TCPVIEW);
            assertTrue(tcpView.startsWith("[System Process]:0 TCP "), tcpView);
        }
    }

    // ------------------------------------------------------------------ the listener's queues

    @Test
    void synRecvRowsOfASynFloodHaveNoOwnerOnLinuxWhileTheListenerKeepsNginx() {
        Host server = hostAt("syn-flood", null, "server", 3000);
        for (Dialect d : OWNER_DIALECTS) {
            List<SocketRow> rows = readBack(server, d);
            assertEquals(129, inState(rows, TcpState.SYN_RECEIVED).size());
            for (SocketRow r : inState(rows, TcpState.SYN_RECEIVED)) {
                assertFalse(hasOwner(d, r), d + ": " + r);
            }
            SocketRow listener = inState(rows, TcpState.LISTEN).get(0);
            assertTrue(hasOwner(d, listener), d.toString());
            if (d != Dialect.WINDOWS_PID && d != Dialect.WINDOWS_ZH) {
                assertEquals("nginx", listener.program(), d.toString());
            }
        }
        String ss = HostTable.emit(server, Dialect.SS_P);
        assertEquals(1, ss.split("users:", -1).length - 1, "only the listener has a descriptor (fd=3): " + ss);
        assertTrue(ss.contains("users:((\"nginx\",pid="), ss);
        assertTrue(ss.contains(",fd=3))"), ss);
    }

    @Test
    void synReceivedRowsOfASynFloodKeepNginxOnAWindowsHost() {
        Host server = hostAt("syn-flood", "windows-10", "server", 3000);
        for (SocketRow r : inState(readBack(server, Dialect.WINDOWS_B), TcpState.SYN_RECEIVED)) {
            assertEquals("nginx", r.program(), r.toString());
        }
    }

    @Test
    void anAcceptedEstablishedConnectionKeepsNginxInEveryOwnerShowingDialect() {
        Host server = hostAt("handshake", null, "server", 400);
        for (Dialect d : OWNER_DIALECTS) {
            List<SocketRow> rows = readBack(server, d);
            SocketRow est = inState(rows, TcpState.ESTABLISHED).get(0);
            SocketRow listener = inState(rows, TcpState.LISTEN).get(0);
            assertTrue(hasOwner(d, est), d.toString());
            assertEquals(listener.pid(), est.pid(), d + ": the accepted connection is the listening program's");
            if (d != Dialect.WINDOWS_PID && d != Dialect.WINDOWS_ZH) {
                assertEquals("nginx", est.program(), d.toString());
            }
        }
        assertTrue(HostTable.emit(server, Dialect.SS_P).contains(",fd=4))"), "accept() gave it the next descriptor");
    }

    @Test
    void aClosedConnectionInLastAckHasNoOwnerOnLinuxButCloseWaitStillHasNginx() {
        List<SocketRow> closeWait = readBack(hostAt("active-close", null, "server", 700), Dialect.LINUX_P);
        assertEquals("nginx", inState(closeWait, TcpState.CLOSE_WAIT).get(0).program());
        List<SocketRow> lastAck = readBack(hostAt("active-close", null, "server", 950), Dialect.LINUX_P);
        assertNull(inState(lastAck, TcpState.LAST_ACK).get(0).pid(), "an orphan after close()");
    }

    // ------------------------------------------------------------------ every run

    @Provide
    Arbitrary<String> scenarios() {
        return Arbitraries.of(ScenarioLoader.BUILTIN);
    }

    @Provide
    Arbitrary<String> profiles() {
        return Arbitraries.of("", "linux", "windows-10", "windows-xp");
    }

    private static String key(String localPort, String foreignAddress, Object foreignPort) {
        return localPort + " " + foreignAddress + " " + foreignPort;
    }

    @Property(tries = 150)
    void aRowHasAnOwnerExactlyWhenTheSimulatorSaysAProcessHoldsTheSocket(@ForAll("scenarios") String scenario,
            @ForAll("profiles") String profile, @ForAll @IntRange(min = 0, max = 8000) int atMs) {
        ScenarioRunner.Run run;
        try {
            run = ScenarioRunner.build(ScenarioLoader.builtin(scenario),
                    new ScenarioRunner.Overrides(null, profile.isEmpty() ? null : profile, null, null, Map.of(), List.of()),
                    TraceSink.NONE);
        } catch (ProblemException e) {
            throw new AssertionError(e.format(Lang.EN), e);
        }
        run.simulation().runUntil(atMs * 1000L);
        for (Host h : run.simulation().hosts()) {
            Map<String, Sock> socks = new HashMap<>();
            for (Sock s : h.sockets()) {
                if (s.state() != TcpState.CLOSED) {
                    socks.put(key(Integer.toString(s.local().port()), s.remote() == null ? "0.0.0.0" : s.remote().addressText(),
                            s.remote() == null ? 0 : s.remote().port()), s);
                }
            }
            for (Dialect d : OWNER_DIALECTS) {
                List<SocketRow> rows = readBack(h, d);
                assertEquals(socks.size(), rows.size(), d + " lists every socket of " + h);
                for (SocketRow r : rows) {
                    Sock s = socks.get(key(Integer.toString(r.local().port()), r.foreign().address(),
                            r.foreign().port() == null ? 0 : r.foreign().port()));
                    assertNotNull(s, () -> d + ": no socket for " + r);
                    assertEquals(s.heldByProcess(), hasOwner(d, r), () -> scenario + " " + h + " at " + atMs + " ms, " + d + ": " + s);
                    if (s.heldByProcess()) {
                        assertEquals(s.pid(), r.pid(), d.toString());
                        if (d != Dialect.WINDOWS_PID && d != Dialect.WINDOWS_ZH) {
                            assertEquals(s.program(), r.program(), d.toString());
                        }
                    }
                }
            }
        }
    }
}
