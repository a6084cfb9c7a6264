package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;
import tcplab.i18n.ProblemException;
import tcplab.tcp.TcpState;

/**
 * Who holds a socket ({@link Sock#heldByProcess()}): on Linux only a listener, a connection the
 * program opened or accepted, and only until the program closes it; on Windows every socket but
 * one in TIME_WAIT.
 */
class SocketOwnershipTest {

    private static Simulation at(String scenario, String profile, double ms) {
        try {
            ScenarioRunner.Overrides o = new ScenarioRunner.Overrides(null, profile, null, null, java.util.Map.of(), List.of());
            return at(ScenarioLoader.builtin(scenario), o, ms);
        } catch (ProblemException e) {
            throw new AssertionError(e.format(Lang.EN), e);
        }
    }

    private static Simulation at(Scenario sc, ScenarioRunner.Overrides o, double ms) throws ProblemException {
        Simulation sim = ScenarioRunner.build(sc, o, TraceSink.NONE).simulation();
        sim.runUntil(Math.round(ms * 1000));
        return sim;
    }

    private static List<Sock> inState(Simulation sim, String host, TcpState state) {
        List<Sock> out = new ArrayList<>();
        for (Sock s : sim.host(host).sockets()) {
            if (s.state() == state) {
                out.add(s);
            }
        }
        assertFalse(out.isEmpty(), () -> "no " + state + " socket on " + host + ": " + sim.host(host).sockets());
        return out;
    }

    private static Sock only(Simulation sim, String host, TcpState state) {
        List<Sock> s = inState(sim, host, state);
        assertEquals(1, s.size(), () -> s.toString());
        return s.get(0);
    }

    // ------------------------------------------------------------------ TIME-WAIT

    @Test
    void aTimeWaitSocketIsHeldByNoProcessOnLinux() {
        Sock tw = only(at("active-close", null, 1000), "client", TcpState.TIME_WAIT);
        assertFalse(tw.heldByProcess(), "tcp_time_wait() leaves an inet_timewait_sock, which no file refers to");
        assertEquals("curl", tw.program(), "the program that opened it is still known to the model");
    }

    @Test
    void aTimeWaitSocketIsHeldByNoProcessOnWindowsEither() {
        for (String profile : List.of("windows-10", "windows-xp")) {
            Sock tw = only(at("active-close", profile, 1000), "client", TcpState.TIME_WAIT);
            assertFalse(tw.heldByProcess(), profile + ": netstat -o shows PID 0, TCPView [System Process]");
        }
    }

    // ------------------------------------------------------------------ the listener's queues

    @Test
    void theSynReceivedConnectionsOfASynFloodAreHeldByNoProcessOnLinux() {
        Simulation sim = at("syn-flood", null, 3000);
        List<Sock> half = inState(sim, "server", TcpState.SYN_RECEIVED);
        assertEquals(129, half.size());
        for (Sock s : half) {
            assertFalse(s.heldByProcess(), "a request sock in the listener's SYN queue has no descriptor: " + s);
        }
        Sock listener = only(sim, "server", TcpState.LISTEN);
        assertTrue(listener.heldByProcess(), "nginx holds its listening socket");
        assertEquals(128, listener.backlog());
    }

    @Test
    void theSynReceivedConnectionsOfASynFloodKeepTheListenersOwnerOnWindows() {
        Simulation sim = at("syn-flood", "windows-10", 3000);
        for (Sock s : inState(sim, "server", TcpState.SYN_RECEIVED)) {
            assertTrue(s.heldByProcess(), s.toString());
            assertEquals("nginx", s.program());
        }
    }

    private static final String NEVER_ACCEPTS = String.join("\n",
            "scenario: never-accepts",
            "title: {en: A server that never accepts, zh: 从不 accept 的服务器}",
            "hosts:",
            "  client: {address: 10.0.0.1, profile: PROFILE}",
            "  server: {address: 10.0.0.2, profile: PROFILE}",
            "actions:",
            "  - {at: 0, host: server, do: listen, port: 80, backlog: 8, accept: false, program: nginx}",
            "  - {at: 0, host: client, do: connect, to: server:80, program: curl}",
            "");

    private static Simulation neverAccepts(String profile, double ms) throws ProblemException {
        return at(ScenarioLoader.parse(NEVER_ACCEPTS.replace("PROFILE", profile), "never-accepts.yaml"),
                ScenarioRunner.Overrides.NONE, ms);
    }

    @Test
    void aConnectionWaitingInTheAcceptQueueIsHeldByNoProcessOnLinux() throws ProblemException {
        Simulation sim = neverAccepts("linux", 1000);
        Sock waiting = only(sim, "server", TcpState.ESTABLISHED);
        assertEquals(1, only(sim, "server", TcpState.LISTEN).acceptQueueCount());
        assertFalse(waiting.heldByProcess(), "the descriptor comes with accept(), which nginx never calls");
        assertTrue(only(sim, "client", TcpState.ESTABLISHED).heldByProcess(), "curl holds what it connect()ed");
        assertEquals(8, only(sim, "server", TcpState.LISTEN).backlog());
    }

    @Test
    void aConnectionWaitingInTheAcceptQueueKeepsTheListenersOwnerOnWindows() throws ProblemException {
        Sock waiting = only(neverAccepts("windows-10", 1000), "server", TcpState.ESTABLISHED);
        assertTrue(waiting.heldByProcess());
    }

    @Test
    void anAcceptedConnectionIsHeldByTheListenersProgram() {
        Simulation sim = at("handshake", null, 400);
        Sock accepted = only(sim, "server", TcpState.ESTABLISHED);
        assertTrue(accepted.heldByProcess());
        assertEquals("nginx", accepted.program());
        assertEquals(only(sim, "server", TcpState.LISTEN).pid(), accepted.pid());
    }

    // ------------------------------------------------------------------ close()

    @Test
    void aConnectionInCloseWaitStillBelongsToItsProgramUntilItCallsClose() {
        // active-close: the client closes at 500 ms, its FIN reaches the server at 600 ms, and
        // nginx closes 300 ms after reading end-of-stream.
        Sock closeWait = only(at("active-close", null, 700), "server", TcpState.CLOSE_WAIT);
        assertTrue(closeWait.heldByProcess(), "nginx has not called close() yet");
        Sock lastAck = only(at("active-close", null, 950), "server", TcpState.LAST_ACK);
        assertFalse(lastAck.heldByProcess(), "after close() the socket is an orphan (sock_orphan())");
    }

    @Test
    void aSocketTheProgramClosedIsAnOrphanOnLinux() {
        assertFalse(only(at("active-close", null, 550), "client", TcpState.FIN_WAIT_1).heldByProcess());
        assertFalse(only(at("active-close", null, 700), "client", TcpState.FIN_WAIT_2).heldByProcess());
        Simulation closing = at("simultaneous-close", null, inClosing());
        for (String host : List.of("client", "server")) {
            assertFalse(only(closing, host, TcpState.CLOSING).heldByProcess(), host);
        }
    }

    /** A time at which both sides of simultaneous-close are in CLOSING. */
    private static double inClosing() {
        for (double ms = 0; ms < 5000; ms += 10) {
            Simulation sim = at("simultaneous-close", null, ms);
            boolean both = true;
            for (String host : List.of("client", "server")) {
                boolean any = false;
                for (Sock s : sim.host(host).sockets()) {
                    any |= s.state() == TcpState.CLOSING;
                }
                both &= any;
            }
            if (both) {
                return ms;
            }
        }
        throw new AssertionError("simultaneous-close never has both sides in CLOSING");
    }

    @Test
    void aSocketTheProgramClosedKeepsItsOwnerOnWindows() {
        assertTrue(only(at("active-close", "windows-10", 700), "client", TcpState.FIN_WAIT_2).heldByProcess());
        assertTrue(only(at("active-close", "windows-10", 950), "server", TcpState.LAST_ACK).heldByProcess());
    }

    @Test
    void theSynReceivedOfASimultaneousOpenIsTheProgramsOwnSocket() {
        Simulation sim = null;
        for (double ms = 0; ms < 1000 && sim == null; ms += 10) {
            Simulation s = at("simultaneous-open", null, ms);
            for (Sock sock : s.host("client").sockets()) {
                if (sock.state() == TcpState.SYN_RECEIVED) {
                    sim = s;
                }
            }
        }
        assertTrue(sim != null, "simultaneous-open passes through SYN_RECEIVED");
        for (Sock s : inState(sim, "client", TcpState.SYN_RECEIVED)) {
            assertEquals(Sock.Kind.ACTIVE, s.kind());
            assertTrue(s.heldByProcess(), "connect() made it; it is no request sock");
        }
    }
}
