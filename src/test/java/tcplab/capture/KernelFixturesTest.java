package tcplab.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tcplab.tcp.TcpState;

/**
 * The inference against the real kernel: captures made here with tcpdump (at the client) and
 * dumpcap (at the server) in private network namespaces, each with the state changes Linux
 * reported at the time through its sock:inet_sock_set_state tracepoint
 * (src/test/resources/tcplab/capture/fixtures/make-fixtures.py). From either capture point, each
 * end's inferred state sequence is the kernel's; and the end at the capture point changes state
 * within 10 ms of the kernel's time at every transition not marked as inferred (the far end's
 * times are only as good as the packets the capture point saw: a FIN lost before it was
 * retransmitted later). 10 ms: the fixtures were made on a machine shared by several builds,
 * where a capture's timestamps lag the tracepoint's by a few milliseconds.
 */
class KernelFixturesTest {
    static final String DIR = "/tcplab/capture/fixtures/";
    static final String CLIENT = "10.9.1.1";
    static final String SERVER = "10.9.2.2";

    static Stream<Arguments> fixtures() {
        List<Arguments> a = new ArrayList<>();
        for (String name : List.of("handshake-close", "data", "simultaneous-close", "refused", "lost-synack", "reset")) {
            a.add(Arguments.of(name, name + "-a.pcap"));
            a.add(Arguments.of(name, name + "-b.pcapng"));
        }
        return a.stream();
    }

    record KernelChange(long timeNanos, TcpState from, TcpState to) {
    }

    private static final Map<String, TcpState> KERNEL = Map.ofEntries(
            Map.entry("CLOSE", TcpState.CLOSED), Map.entry("LISTEN", TcpState.LISTEN), Map.entry("SYN_SENT", TcpState.SYN_SENT),
            Map.entry("SYN_RECV", TcpState.SYN_RECEIVED), Map.entry("ESTABLISHED", TcpState.ESTABLISHED),
            Map.entry("FIN_WAIT1", TcpState.FIN_WAIT_1), Map.entry("FIN_WAIT2", TcpState.FIN_WAIT_2),
            Map.entry("CLOSE_WAIT", TcpState.CLOSE_WAIT), Map.entry("CLOSING", TcpState.CLOSING),
            Map.entry("LAST_ACK", TcpState.LAST_ACK), Map.entry("TIME_WAIT", TcpState.TIME_WAIT));

    /**
     * The kernel's changes of the connection socket at {@code addr}, in RFC names. Linux hands a
     * connection entering TIME-WAIT to a small timewait socket and closes the full one
     * (tcp_time_wait() in net/ipv4/tcp_minisocks.c), so the tracepoint shows FIN_WAIT2, CLOSING
     * or FIN_WAIT1 → CLOSE where RFC 9293 has → TIME-WAIT.
     */
    static List<KernelChange> kernel(String name, String addr) throws Exception {
        return kernel(name, f -> f[1].startsWith(addr + ":") && !f[2].startsWith("0.0.0.0"));
    }

    /**
     * The same on loopback, where both ends have one address: the server's socket is the one whose
     * local port is the service's; the client's is every other (its first line has local port 0,
     * before connect() has chosen one).
     */
    static List<KernelChange> kernelOnLoopback(String name, int servicePort, boolean server) throws Exception {
        return kernel(name, f -> f[1].endsWith(":" + servicePort) == server);
    }

    private static List<KernelChange> kernel(String name, java.util.function.Predicate<String[]> ofThisEnd) throws Exception {
        List<KernelChange> out = new ArrayList<>();
        try (InputStream in = KernelFixturesTest.class.getResourceAsStream(DIR + name + ".states");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                if (!ofThisEnd.test(f)) {
                    continue; // another end, or the listening socket itself
                }
                TcpState from = KERNEL.get(f[3]);
                TcpState to = KERNEL.get(f[4]);
                if (to == TcpState.CLOSED && (from == TcpState.FIN_WAIT_1 || from == TcpState.FIN_WAIT_2 || from == TcpState.CLOSING)) {
                    to = TcpState.TIME_WAIT;
                }
                out.add(new KernelChange(Long.parseLong(f[0]), from, to));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("fixtures")
    void fromEitherCapturePointEachEndGoesThroughTheStatesTheKernelReported(String name, String file) throws Exception {
        CaptureAnalysis a;
        try (InputStream in = getClass().getResourceAsStream(DIR + file)) {
            a = CaptureAnalysis.read(in);
        }
        assertNull(a.problem());
        assertEquals(1, a.connections().size());
        Connection c = a.connections().get(0);
        assertEquals(CLIENT, c.address(0));
        assertEquals(SERVER, c.address(1));
        for (int end = 0; end < 2; end++) {
            List<KernelChange> k = kernel(name, c.address(end));
            List<Connection.Transition> inferred = new ArrayList<>();
            for (Connection.Transition t : c.transitions()) {
                if (t.end() == end && !"timeWaitTimer".equals(t.reason())) {
                    inferred.add(t);
                }
            }
            String where = file + " end " + c.endText(end) + ": inferred " + describe(c, end, inferred) + " kernel " + k;
            assertEquals(k.stream().map(KernelChange::to).toList(), inferred.stream().map(Connection.Transition::to).toList(), where);
            if (!k.isEmpty()) {
                assertEquals(k.get(0).from(), c.initialState(end), where);
            }
            for (int i = 0; i < k.size(); i++) {
                Connection.Transition t = inferred.get(i);
                // Linux creates the server's connection socket in SYN_RECV only when the handshake's
                // last ACK arrives (tcp_check_req(), inet_csk_clone_lock()); RFC 9293 enters
                // SYN-RECEIVED on the SYN: only the order is comparable for this one
                boolean childSocket = t.to() == TcpState.SYN_RECEIVED && end == 1;
                // an orphaned FIN_WAIT2 socket is handed to a timewait socket (still FIN_WAIT2) as
                // soon as its FIN is acknowledged (tcp_rcv_state_process(), case TCP_FIN_WAIT1:
                // tcp_time_wait(sk, TCP_FIN_WAIT2, tmo)): then the tracepoint's FIN_WAIT2 → CLOSE
                // is the hand-over, not TIME-WAIT
                boolean handOver = k.get(i).from() == TcpState.FIN_WAIT_2;
                boolean atCapturePoint = file.endsWith("-a.pcap") == (end == 0);
                if (!t.inferred() && !childSocket && !handOver && atCapturePoint) {
                    long diff = Math.abs(t.timeNanos() - k.get(i).timeNanos());
                    assertTrue(diff < 10_000_000, where + ": " + t + " is " + diff / 1000 + " µs from the kernel's");
                }
            }
        }
    }

    /**
     * The issue's own case: a student captures {@code curl http://127.0.0.1:8081/} with tcpdump on
     * lo (make-curl-fixture.py: Python's http.server speaking HTTP/1.1 keeps the connection, so
     * curl closes first). Each end's inferred sequence is what the kernel reported, the client's
     * SYN_SENT → ESTABLISHED → FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT among them, every transition
     * not marked inferred within 10 ms of the kernel's time.
     */
    @org.junit.jupiter.api.Test
    void aCurlCapturedOnLoopbackShowsBothEndsGoingThroughTheKernelsStates() throws Exception {
        CaptureAnalysis a;
        try (InputStream in = getClass().getResourceAsStream(DIR + "curl-keepalive.pcap")) {
            a = CaptureAnalysis.read(in);
        }
        assertNull(a.problem());
        assertEquals(1, a.connections().size());
        Connection c = a.connections().get(0);
        for (int end = 0; end < 2; end++) {
            List<KernelChange> k = kernelOnLoopback("curl-keepalive", 8081, end == 1);
            List<Connection.Transition> inferred = new ArrayList<>();
            for (Connection.Transition t : c.transitions()) {
                if (t.end() == end && !"timeWaitTimer".equals(t.reason())) {
                    inferred.add(t);
                }
            }
            String where = "end " + c.endText(end) + ": inferred " + describe(c, end, inferred) + " kernel " + k;
            assertEquals(k.stream().map(KernelChange::to).toList(), inferred.stream().map(Connection.Transition::to).toList(), where);
            for (int i = 0; i < k.size(); i++) {
                Connection.Transition t = inferred.get(i);
                if (!t.inferred()) {
                    long diff = Math.abs(t.timeNanos() - k.get(i).timeNanos());
                    assertTrue(diff < 10_000_000, where + ": " + t + " is " + diff / 1000 + " µs from the kernel's");
                }
            }
        }
        assertEquals(List.of(TcpState.SYN_SENT, TcpState.ESTABLISHED, TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2, TcpState.TIME_WAIT),
                kernelOnLoopback("curl-keepalive", 8081, false).stream().map(KernelChange::to).toList(),
                "the fixture shows the client closing first");
    }

    static String describe(Connection c, int end, List<Connection.Transition> ts) {
        StringBuilder sb = new StringBuilder(String.valueOf(c.initialState(end)));
        for (Connection.Transition t : ts) {
            sb.append(" -").append(t.frame()).append(t.inferred() ? "?" : "").append("-> ").append(t.to());
        }
        return sb.toString();
    }
}
