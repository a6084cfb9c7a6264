package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;
import tcplab.i18n.ProblemException;

/**
 * The cases where the {@code linux} profile was found to differ from a real Linux 6.18 kernel
 * (issue 16), each run as a whole scenario with a 100 ms link: what the wire and the applications
 * show must be what the kernel does.
 */
class KernelCasesTest {

    /** A 100-byte request whose first two copies the link drops (kernel case data-lost-twice). */
    private static final String[] REQUEST_LOST_TWICE = {
        "hosts:",
        "  client: {address: 10.0.0.1}",
        "  server: {address: 10.0.0.2}",
        "link:",
        "  drop:",
        "    - {flags: PSH-ACK, from: client, count: 2}",
        "actions:",
        "  - {at: 0, host: server, do: listen, port: 80}",
        "  - {at: 0, host: client, do: connect, to: server:80, send: {bytes: 100}}"};

    static Traces.Result run(String... lines) {
        String yaml = String.join("\n", "scenario: case", "title: {en: Case, zh: 案例}") + "\n" + String.join("\n", lines);
        try {
            return Traces.run(ScenarioLoader.parse(yaml, "case.yaml"), ScenarioRunner.Overrides.NONE);
        } catch (ProblemException e) {
            throw new AssertionError(e.format(Lang.EN), e);
        }
    }

    @Test
    void noApplicationReadsFromASocketItHasClosed() {
        // In active close the closer gets the peer's FIN in FIN-WAIT-2; its program closed the
        // descriptor already, so there is no read() = EOF to report.
        for (String name : ScenarioLoader.BUILTIN) {
            Traces.Result r = Traces.runBuiltin(name);
            java.util.Set<String> closed = new java.util.HashSet<>();
            for (TraceEvent e : r.events()) {
                if (e instanceof TraceEvent.AppEvent a && a.socketId() != 0) {
                    String key = a.host() + "#" + a.socketId();
                    if (a.call().equals("close") || a.call().equals("abort")) {
                        closed.add(key);
                    } else if (a.call().equals("read") && closed.contains(key)) {
                        throw new AssertionError(name + ": " + key + " reads " + a.result() + " at " + a.timeUs() + " µs after closing");
                    }
                }
            }
        }
        Traces.Result r = Traces.runBuiltin("active-close");
        assertFalse(Traces.apps(r).stream().anyMatch(l -> l.contains("client read EOF")), () -> String.join("\n", Traces.apps(r)));
        assertTrue(Traces.apps(r).stream().anyMatch(l -> l.contains("server read EOF")));
    }

    @Test
    void aResetFromAListenerReachesTheClientWhoseHandshakeAckWasLost() {
        // The client's handshake ACKs are lost until the server's SYN-ACKs give up (one retry:
        // dropped at 3.1 s); its data at 5 s reaches the listener, whose RST must come from
        // 10.0.0.2:80, not 0.0.0.0:80, for the client to take it: ECONNRESET at 5.2 s.
        Traces.Result r = run(
                "hosts:",
                "  client: {address: 10.0.0.1}",
                "  server: {address: 10.0.0.2, set: {tcp_synack_retries: 1}}",
                "link:",
                "  drop:",
                "    - {flags: ACK, from: client}",
                "actions:",
                "  - {at: 0, host: server, do: listen, port: 80}",
                "  - {at: 0, host: client, do: connect, to: server:80}",
                "  - {at: 5000, host: client, do: send, bytes: 100}");
        assertTrue(Traces.segments(r).contains("5100 server>client RST 1/0 len=0"), () -> String.join("\n", Traces.segments(r)));
        assertTrue(Traces.apps(r).contains("5200 client read ECONNRESET"), () -> String.join("\n", Traces.apps(r)));
        assertEquals(List.of("0 CLOSED>SYN_SENT (active OPEN)", "200 SYN_SENT>ESTABLISHED (rcv SYN,ACK)",
                "5200 ESTABLISHED>CLOSED (rcv RST)"), Traces.states(r, "client"));
        assertFalse(Traces.segments(r).stream().anyMatch(s -> s.startsWith("5") && s.contains("client>server PSH,ACK") && !s.startsWith("5000")),
                "the client does not retransmit after the RST");
    }

    @Test
    void theRtoStaysAt600msAfterASecondSampleOfASteady200msRoundTrip() {
        Traces.Result r = run(
                "hosts:",
                "  client: {address: 10.0.0.1}",
                "  server: {address: 10.0.0.2}",
                "until_ms: 1000",
                "actions:",
                "  - {at: 0, host: server, do: listen, port: 80}",
                "  - {at: 0, host: client, do: connect, to: server:80, send: {bytes: 100}}");
        Sock client = r.sim().host("client").sockets().get(0);
        assertEquals(600_000, client.endpoint().rtoUs());
    }

    @Test
    void anOrphanedFinWait2WithAOneSecondFinTimeoutIsHeldThreeAndAHalfRto() {
        // RTO 600 ms (two 200 ms samples): tcp_fin_time() = max(1 s, 2.1 s).
        Traces.Result r = run(
                "hosts:",
                "  client: {address: 10.0.0.1, set: {tcp_fin_timeout: 1}}",
                "  server: {address: 10.0.0.2}",
                "actions:",
                "  - {at: 0, host: server, do: listen, port: 80}",
                "  - {at: 0, host: client, do: connect, to: server:80}",
                "  - {at: 500, host: client, do: close}");
        assertEquals(List.of("0 CLOSED>SYN_SENT (active OPEN)", "200 SYN_SENT>ESTABLISHED (rcv SYN,ACK)",
                "500 ESTABLISHED>FIN_WAIT_1 (CLOSE)", "700 FIN_WAIT_1>FIN_WAIT_2 (rcv ACK of FIN)",
                "2800 FIN_WAIT_2>CLOSED (timeout FIN-WAIT-2)"), Traces.states(r, "client"));
    }

    @Test
    void aRequestLostTwiceIsProbedAndThenRetransmittedOneRtoLater() {
        // The request leaves at 200 ms (RTO 600 ms after the handshake); the first two copies are
        // lost. Linux: tail loss probe at 800 ms, RTO (not doubled) at 1400 ms, which gets through.
        Traces.Result r = run(REQUEST_LOST_TWICE);
        List<String> requests = Traces.segments(r).stream().filter(l -> l.contains("client>server PSH,ACK")).toList();
        assertEquals(List.of("200 client>server PSH,ACK 1/1 len=100", "800 client>server PSH,ACK 1/1 len=100",
                "1400 client>server PSH,ACK 1/1 len=100"), requests);
        assertTrue(Traces.apps(r).contains("1500 server read OK"), () -> String.join("\n", Traces.apps(r)));
    }

    @Test
    void theTraceSaysTheSecondCopyCameFromTheTailLossProbeAndTheThirdFromTheRto() {
        Traces.Result r = run(REQUEST_LOST_TWICE);
        List<String> why = r.events().stream()
                .filter(e -> e instanceof TraceEvent.SegmentEvent s && s.action() == TraceEvent.SegmentAction.SEND
                        && s.host().equals("client") && s.segment().len() > 0)
                .map(e -> e.timeMs() + " " + ((TraceEvent.SegmentEvent) e).resend()).toList();
        assertEquals(List.of("200.0 null", "800.0 TLP", "1400.0 RTO"), why);
    }

    @Test
    void aSynResentByItsTimerIsMarkedAsSentByTheRto() {
        Traces.Result r = Traces.runBuiltin("syn-timeout");
        List<TraceEvent.SegmentEvent> syns = r.events().stream()
                .filter(e -> e instanceof TraceEvent.SegmentEvent s && s.action() == TraceEvent.SegmentAction.SEND
                        && s.host().equals("client"))
                .map(e -> (TraceEvent.SegmentEvent) e).limit(3).toList();
        assertEquals(null, syns.get(0).resend());
        assertEquals(tcplab.tcp.Resend.RTO, syns.get(1).resend());
        assertEquals(tcplab.tcp.Resend.RTO, syns.get(2).resend());
    }

    @Test
    void aServerThatReadsLateReadsEverythingWaitingAtOnceThenRepliesAndClosesWithFin() {
        // read_after_ms: 500 — accepted at 300 ms, first read at 800 ms: the request that waited
        // since 300 ms, then the reply; the client's FIN at 1000 ms is read at once.
        Traces.Result r = run(
                "hosts:",
                "  client: {address: 10.0.0.1}",
                "  server: {address: 10.0.0.2}",
                "actions:",
                "  - {at: 0, host: server, do: listen, port: 80, read_after_ms: 500, reply: {bytes: 10}, close_after_eof_ms: 0}",
                "  - {at: 0, host: client, do: connect, to: server:80, send: {bytes: 100}, close_after_ms: 800}");
        List<String> apps = Traces.apps(r);
        assertTrue(apps.containsAll(List.of("800 server read OK", "1100 server read EOF", "1100 server close OK")), () -> String.join("\n", apps));
        assertTrue(Traces.segments(r).contains("800 server>client PSH,ACK 1/101 len=10"), () -> String.join("\n", Traces.segments(r)));
        assertTrue(Traces.segments(r).contains("1100 server>client FIN,ACK 11/102 len=0"), () -> String.join("\n", Traces.segments(r)));
    }

    // ------------------------------------------------------------------ the same cases on Windows 10

    private static final String WINDOWS_HOSTS = String.join("\n",
            "hosts:",
            "  client: {address: 10.0.0.1, profile: windows-10}",
            "  server: {address: 10.0.0.2, profile: windows-10}");

    @Test
    void windows10GivesUpOnASynAfterMaxSynRetransmissionsDoublingFromThreeSeconds() {
        Traces.Result r = run(WINDOWS_HOSTS, "actions:", "  - {at: 0, host: client, do: connect, to: 10.0.0.99:80}");
        assertEquals(List.of("0 client>10.0.0.99 SYN 0/0 len=0", "3000 client>10.0.0.99 SYN 0/0 len=0",
                "9000 client>10.0.0.99 SYN 0/0 len=0"), Traces.segments(r));
        assertTrue(Traces.apps(r).contains("21000 client connect ETIMEDOUT"), () -> String.join("\n", Traces.apps(r)));
    }

    @Test
    void windows10KeepsTimeWaitForTheDocumented120Seconds() {
        Traces.Result r = run(WINDOWS_HOSTS, "actions:",
                "  - {at: 0, host: server, do: listen, port: 80, close_after_eof_ms: 0}",
                "  - {at: 0, host: client, do: connect, to: server:80, close_after_ms: 300}");
        List<String> client = Traces.states(r, "client");
        assertEquals("120700 TIME_WAIT>CLOSED (timeout 2MSL)", client.get(client.size() - 1), () -> String.join("\n", client));
    }

    @Test
    void windows10ProbesATailLostTwiceAndFollowsRfc6298ForItsRto() {
        Traces.Result r = run(WINDOWS_HOSTS,
                "link:",
                "  drop:",
                "    - {flags: PSH-ACK, from: client, count: 2}",
                "actions:",
                "  - {at: 0, host: server, do: listen, port: 80}",
                "  - {at: 0, host: client, do: connect, to: server:80, send: {bytes: 100}}");
        List<String> requests = Traces.segments(r).stream().filter(l -> l.contains("client>server PSH,ACK")).toList();
        assertEquals(List.of("200 client>server PSH,ACK 1/1 len=100", "800 client>server PSH,ACK 1/1 len=100",
                "1400 client>server PSH,ACK 1/1 len=100"), requests);
        Traces.Result steady = run(WINDOWS_HOSTS, "until_ms: 1000", "actions:",
                "  - {at: 0, host: server, do: listen, port: 80}",
                "  - {at: 0, host: client, do: connect, to: server:80, send: {bytes: 100}}");
        // RFC 6298 §2.3 after two 200 ms samples: 200 + 4·75 = 500 ms (Linux keeps 600).
        assertEquals(500_000, steady.sim().host("client").sockets().get(0).endpoint().rtoUs());
    }

    @Test
    void windows10ResetsAConnectionClosedWithUnreadDataAndAnswersFromTheListenersAddress() {
        Traces.Result r = run(WINDOWS_HOSTS, "actions:",
                "  - {at: 0, host: server, do: listen, port: 80, read_after_ms: never, close_after_ms: 700}",
                "  - {at: 0, host: client, do: connect, to: server:80, send: {bytes: 78}}");
        assertTrue(Traces.segments(r).contains("1000 server>client RST,ACK 1/79 len=0"), () -> String.join("\n", Traces.segments(r)));
        assertTrue(Traces.apps(r).contains("1100 client read ECONNRESET"));
    }
}
