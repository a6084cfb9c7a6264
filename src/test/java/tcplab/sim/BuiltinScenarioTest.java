package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tcplab.sim.TraceEvent.DropReason;
import tcplab.sim.TraceEvent.SegmentAction;
import tcplab.sim.TraceEvent.SegmentEvent;
import tcplab.tcp.TcpState;

/**
 * One test per built-in scenario: each side's exact state sequence with its times, and the
 * segments exchanged, as RFC 9293 and the Linux (or Windows) defaults give them. The link delay
 * is 100 ms each way unless the scenario says otherwise.
 */
class BuiltinScenarioTest {

    private static final List<String> CLIENT_HANDSHAKE = List.of(
            "0 CLOSED>SYN_SENT (active OPEN)",
            "200 SYN_SENT>ESTABLISHED (rcv SYN,ACK)");
    private static final List<String> SERVER_HANDSHAKE = List.of(
            "0 CLOSED>LISTEN (passive OPEN)",
            "100 LISTEN>SYN_RECEIVED (rcv SYN)",
            "300 SYN_RECEIVED>ESTABLISHED (rcv ACK of SYN)");
    private static final List<String> HANDSHAKE_SEGMENTS = List.of(
            "0 client>server SYN 0/0 len=0",
            "100 server>client SYN,ACK 0/1 len=0",
            "200 client>server ACK 1/1 len=0");

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    @Test
    void handshakeTakesSynSynAckAckAndBothSidesEndEstablished() {
        Traces.Result r = Traces.runBuiltin("handshake");
        assertEquals(CLIENT_HANDSHAKE, Traces.states(r, "client"));
        assertEquals(SERVER_HANDSHAKE, Traces.states(r, "server"));
        assertEquals(HANDSHAKE_SEGMENTS, Traces.segments(r));
        assertTrue(Traces.apps(r).containsAll(List.of("200 client connect OK", "300 server accept accepted")));
    }

    @Test
    void dataMovesSeqAndAckByTheLengthsOfRequestAndResponse() {
        Traces.Result r = Traces.runBuiltin("data");
        assertEquals(CLIENT_HANDSHAKE, Traces.states(r, "client"));
        assertEquals(concat(HANDSHAKE_SEGMENTS,
                // The request follows the handshake ACK; the server ACKs it at once (quick-ACK) and replies.
                "200 client>server PSH,ACK 1/1 len=78",
                "300 server>client ACK 1/79 len=0",
                "300 server>client PSH,ACK 1/79 len=512",
                "400 client>server ACK 79/513 len=0"), Traces.segments(r));
    }

    @Test
    void activeCloseGoesThroughFinWaitAndTimeWaitForSixtySecondsOnLinux() {
        Traces.Result r = Traces.runBuiltin("active-close");
        assertEquals(concat(CLIENT_HANDSHAKE,
                "500 ESTABLISHED>FIN_WAIT_1 (CLOSE)",
                "700 FIN_WAIT_1>FIN_WAIT_2 (rcv ACK of FIN)",
                "1000 FIN_WAIT_2>TIME_WAIT (rcv FIN)",
                "61000 TIME_WAIT>CLOSED (timeout 2MSL)"), Traces.states(r, "client"));
        assertEquals(concat(SERVER_HANDSHAKE,
                "600 ESTABLISHED>CLOSE_WAIT (rcv FIN)",
                "900 CLOSE_WAIT>LAST_ACK (CLOSE)",
                "1100 LAST_ACK>CLOSED (rcv ACK of FIN)"), Traces.states(r, "server"));
        assertEquals(concat(HANDSHAKE_SEGMENTS,
                "500 client>server FIN,ACK 1/1 len=0",
                "600 server>client ACK 1/2 len=0",
                "900 server>client FIN,ACK 1/2 len=0",
                "1000 client>server ACK 2/2 len=0"), Traces.segments(r));
    }

    @Test
    void passiveCloseIsTheMirrorImageWithTheServerInTimeWait() {
        Traces.Result r = Traces.runBuiltin("passive-close");
        assertEquals(concat(SERVER_HANDSHAKE,
                "500 ESTABLISHED>FIN_WAIT_1 (CLOSE)",
                "700 FIN_WAIT_1>FIN_WAIT_2 (rcv ACK of FIN)",
                "1000 FIN_WAIT_2>TIME_WAIT (rcv FIN)",
                "61000 TIME_WAIT>CLOSED (timeout 2MSL)"), Traces.states(r, "server"));
        assertEquals(concat(CLIENT_HANDSHAKE,
                "600 ESTABLISHED>CLOSE_WAIT (rcv FIN)",
                "900 CLOSE_WAIT>LAST_ACK (CLOSE)",
                "1100 LAST_ACK>CLOSED (rcv ACK of FIN)"), Traces.states(r, "client"));
    }

    @Test
    void simultaneousOpenPassesThroughSynReceivedOnBothSides() {
        // RFC 9293 Figure 8: the SYNs cross; each answers SYN,ACK with its own ISN; each SYN,ACK
        // acknowledges the other's SYN. Linux then ACKs the SYN,ACK it received (its SYN is one it
        // has: tcp_data_queue() ACKs a retransmission at once), as the kernel check recorded.
        Traces.Result r = Traces.runBuiltin("simultaneous-open");
        List<String> expected = List.of(
                "0 CLOSED>SYN_SENT (active OPEN)",
                "100 SYN_SENT>SYN_RECEIVED (rcv SYN)",
                "200 SYN_RECEIVED>ESTABLISHED (rcv ACK of SYN)");
        assertEquals(expected, Traces.states(r, "client"));
        assertEquals(expected, Traces.states(r, "server"));
        assertEquals(List.of(
                "0 client>server SYN 0/0 len=0",
                "0 server>client SYN 0/0 len=0",
                "100 server>client SYN,ACK 0/1 len=0",
                "100 client>server SYN,ACK 0/1 len=0",
                "200 client>server ACK 1/1 len=0",
                "200 server>client ACK 1/1 len=0"), Traces.segments(r));
    }

    @Test
    void simultaneousCloseReachesClosingOnBothSides() {
        // RFC 9293 Figure 13: each FIN arrives in FIN-WAIT-1 without acknowledging the other's FIN.
        Traces.Result r = Traces.runBuiltin("simultaneous-close");
        List<String> tail = List.of(
                "500 ESTABLISHED>FIN_WAIT_1 (CLOSE)",
                "600 FIN_WAIT_1>CLOSING (rcv FIN)",
                "700 CLOSING>TIME_WAIT (rcv ACK of FIN)",
                "60700 TIME_WAIT>CLOSED (timeout 2MSL)");
        List<String> client = Traces.states(r, "client");
        assertEquals(tail, client.subList(2, client.size()));
        List<String> server = Traces.states(r, "server");
        assertEquals(tail, server.subList(3, server.size()));
        assertEquals(concat(HANDSHAKE_SEGMENTS,
                "500 client>server FIN,ACK 1/1 len=0",
                "500 server>client FIN,ACK 1/1 len=0",
                "600 server>client ACK 2/2 len=0",
                "600 client>server ACK 2/2 len=0"), Traces.segments(r));
    }

    @Test
    void refusedIsARstAcknowledgingTheSyn() {
        // RFC 9293 §3.10.7.1: no socket, SYN without ACK → <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
        Traces.Result r = Traces.runBuiltin("refused");
        assertEquals(List.of("0 CLOSED>SYN_SENT (active OPEN)", "200 SYN_SENT>CLOSED (rcv RST)"), Traces.states(r, "client"));
        assertEquals(List.of("0 client>server SYN 0/0 len=0", "100 server>client RST,ACK 0/1 len=0"), Traces.segments(r));
        assertTrue(Traces.apps(r).contains("200 client connect ECONNREFUSED"));
    }

    @Test
    void synTimeoutRetransmitsAsLinuxDocumentsAndGivesUpAt131Seconds() {
        // ip-sysctl.rst: tcp_syn_retries 6 + tcp_syn_linear_timeouts 4: RTOs 1,1,1,1,1,2,4,...,
        // the last retransmission at 67 s, the final timeout at 131 s.
        Traces.Result r = Traces.runBuiltin("syn-timeout");
        assertEquals(List.of(0L, 1000L, 2000L, 3000L, 4000L, 5000L, 7000L, 11000L, 19000L, 35000L, 67000L),
                sendTimes(r, "client", "SYN"));
        assertEquals(List.of("0 CLOSED>SYN_SENT (active OPEN)", "131000 SYN_SENT>CLOSED (timeout retransmission)"),
                Traces.states(r, "client"));
        assertTrue(Traces.apps(r).contains("131000 client connect ETIMEDOUT"));
        // tcp_synack_retries 5: five SYN-ACK timeouts, then the half-open connection is dropped.
        // Each retransmitted SYN is answered with a SYN-ACK and restarts the timer with its
        // current timeout (tcp_check_req()), so the timeouts come at 1.1, 7.1, 11.1, 19.1 and
        // 35.1 s (1, 4, 8, 16, 32 s after the SYN before) and the drop at 67.1 s, just as the SYN
        // sent at 67 s arrives and opens a new one, which nothing restarts: 63 s, as documented.
        // The kernel check saw the first 8 s of this: SYN-ACKs twice at 1.1 and 7.1 s.
        List<String> server = Traces.states(r, "server");
        assertEquals(List.of(
                "0 CLOSED>LISTEN (passive OPEN)",
                "100 LISTEN>SYN_RECEIVED (rcv SYN)",
                "67100 SYN_RECEIVED>CLOSED (timeout retransmission)",
                "67100 LISTEN>SYN_RECEIVED (rcv SYN)",
                "130100 SYN_RECEIVED>CLOSED (timeout retransmission)"), server);
        assertEquals(List.of(100L, 1100L, 1100L, 2100L, 3100L, 4100L, 5100L, 7100L, 7100L, 11100L, 11100L, 19100L, 19100L,
                35100L, 35100L, 67100L, 68100L, 70100L, 74100L, 82100L, 98100L), sendTimes(r, "server", "SYN,ACK"));
        assertEquals(0, countDrops(r, DropReason.RULE) - sendTimes(r, "server", "SYN,ACK").size(),
                "every SYN-ACK towards the client is lost");
    }

    @Test
    void closeUnreadResetsTheConnectionInsteadOfClosingItWithFin() {
        // The server never reads the 78-byte request and closes at 1000 ms: RST,ACK, not FIN
        // (RFC 9293 §3.6.1, RFC 2525 §2.17, Linux __tcp_close); the client's read fails.
        Traces.Result r = Traces.runBuiltin("close-unread");
        assertEquals(List.of("0 CLOSED>LISTEN (passive OPEN)", "100 LISTEN>SYN_RECEIVED (rcv SYN)",
                "300 SYN_RECEIVED>ESTABLISHED (rcv ACK of SYN)", "1000 ESTABLISHED>CLOSED (CLOSE)"), Traces.states(r, "server"));
        assertEquals(concat(CLIENT_HANDSHAKE, "1100 ESTABLISHED>CLOSED (rcv RST)"), Traces.states(r, "client"));
        assertEquals(concat(HANDSHAKE_SEGMENTS,
                "200 client>server PSH,ACK 1/1 len=78",
                "300 server>client ACK 1/79 len=0",
                "1000 server>client RST,ACK 1/79 len=0"), Traces.segments(r));
        assertTrue(Traces.apps(r).contains("1100 client read ECONNRESET"));
        assertTrue(Traces.apps(r).stream().noneMatch(a -> a.contains("server read")), "the server never reads");
    }

    @Test
    void closeUnreadShowsTheRequestInTheServersRecvQBeforeTheClose() throws Exception {
        Traces.Result r = Traces.runBuiltin("close-unread");
        // Replayed to 500 ms: the accepted connection holds the 78 octets nobody has read.
        ScenarioRunner.Run run = ScenarioRunner.build(r.run().scenario(), ScenarioRunner.Overrides.NONE, TraceSink.NONE);
        run.simulation().runUntil(500_000);
        Sock conn = run.simulation().host("server").sockets().stream()
                .filter(s -> s.state() == TcpState.ESTABLISHED).findFirst().orElseThrow();
        assertEquals(78, conn.recvQueue());
    }

    @Test
    void synTimeoutOnWindowsXpFailsAfterTwentyOneSeconds() {
        // TcpMaxConnectRetransmissions 2 with a 3 s initial RTO: SYNs at 0, 3, 9 s; failure at 21 s.
        Traces.Result r = Traces.runBuiltin("syn-timeout",
                new ScenarioRunner.Overrides(null, "windows-xp", null, null, Map.of(), List.of()));
        assertEquals(List.of(0L, 3000L, 9000L), sendTimes(r, "client", "SYN"));
        assertTrue(Traces.apps(r).contains("21000 client connect ETIMEDOUT"));
    }

    @Test
    void fewerSynRetriesSetOnTheCommandLineGiveUpSooner() {
        // tcp_syn_retries 2 + 4 linear timeouts would allow 6 retransmissions, but the time budget
        // tcp_model_timeout(2, 1 s) = 7 s comes first (tcp_write_timeout): SYNs at 0-5 s and
        // ETIMEDOUT at 7 s, as Linux 6.18 does.
        Traces.Result r = Traces.runBuiltin("syn-timeout",
                new ScenarioRunner.Overrides(null, null, null, null, Map.of("client.tcp_syn_retries", 2L), List.of()));
        assertEquals(List.of(0L, 1000L, 2000L, 3000L, 4000L, 5000L), sendTimes(r, "client", "SYN"));
        assertTrue(Traces.apps(r).contains("7000 client connect ETIMEDOUT"));
    }

    @Test
    void synFloodFillsTheSynQueueWithHalfOpenConnectionsAndDropsTheRest() {
        Traces.Result r = Traces.runBuiltin("syn-flood");
        // 300 SYNs, one every 10 ms from 100 ms; the listener's backlog is 128 and cookies are off.
        // Linux's queue is full when it holds more than the backlog (inet_csk_reqsk_queue_is_full):
        // 129 requests, as the kernel check's syn-flood shows.
        assertEquals(300, sendTimes(r, "attacker", "SYN").size());
        assertEquals(129, count(r, "server", "LISTEN>SYN_RECEIVED"));
        assertEquals(300 - 129, countDrops(r, DropReason.SYN_QUEUE_FULL));
        assertEquals(129, count(r, "server", "SYN_RECEIVED>CLOSED (timeout retransmission)"));
        // The crowded queue lowers tcp_synack_retries (5) for old requests (reqsk_timer_handler):
        // nobody has the spoofed addresses, so every SYN-ACK is lost, and there are far fewer
        // than the 129 × 6 an uncrowded listener would send.
        long synAcks = countDrops(r, DropReason.NO_HOST);
        assertTrue(synAcks > 129 * 3 && synAcks < 129 * 6, "SYN-ACKs: " + synAcks);
    }

    @Test
    void aCrowdedSynQueueGivesUpOnTheFloodsFirstRequestsAfterTwoRetransmissions() {
        Traces.Result r = Traces.runBuiltin("syn-flood");
        // The first SYN arrives at 150 ms. When its timer fires at 3150 ms the queue holds 129
        // requests none of which is young: reqsk_timer_handler() lowers tcp_synack_retries 5 to 2,
        // so its third timeout (7150 ms) drops it instead of sending a fourth SYN-ACK.
        List<Long> synAcks = new ArrayList<>();
        TraceEvent.SegmentEvent first = null;
        for (TraceEvent e : r.events()) {
            if (e instanceof SegmentEvent s && s.action() == SegmentAction.SEND && s.host().equals("server")
                    && (first == null || s.segment().dst().equals(first.segment().dst()))) {
                first = first == null ? s : first;
                synAcks.add(s.timeUs() / 1000);
            }
        }
        assertEquals(List.of(150L, 1150L, 3150L), synAcks);
        assertEquals("7150 SYN_RECEIVED>CLOSED (timeout retransmission)",
                Traces.states(r, "server").stream().filter(x -> x.contains(">CLOSED")).findFirst().orElseThrow());
    }

    @Test
    void synFloodAtFiveSecondsShowsManySynReceivedRowsOnTheServer() {
        Traces.Result r = runUntil("syn-flood", 5000);
        long synRcvd = r.sim().host("server").sockets().stream().filter(s -> s.state() == TcpState.SYN_RECEIVED).count();
        assertEquals(129, synRcvd);
        assertEquals(129, r.sim().host("server").sockets().stream()
                .filter(s -> s.kind() == Sock.Kind.LISTENER).findFirst().orElseThrow().halfOpenCount());
    }

    @Test
    void synCookiesKeepAnsweringWithoutStateSoARealClientStillConnects() {
        Traces.Result r = Traces.runBuiltin("syn-flood-cookies");
        assertEquals(129, count(r, "server", "LISTEN>SYN_RECEIVED (rcv SYN)"));
        assertEquals(0, countDrops(r, DropReason.SYN_QUEUE_FULL));
        // The SYN-ACKs of the other 171 SYNs carry cookies: sent once, never retransmitted; the
        // 129 requests' SYN-ACKs are retransmitted fewer than 5 times while the queue is crowded.
        long lost = countDrops(r, DropReason.NO_HOST);
        assertTrue(lost > 129 * 3 + 171 && lost < 129 * 6 + 171, "SYN-ACKs lost: " + lost);
        assertEquals(List.of("2000 CLOSED>SYN_SENT (active OPEN)", "2100 SYN_SENT>ESTABLISHED (rcv SYN,ACK)"),
                Traces.states(r, "client"));
        List<String> server = Traces.states(r, "server");
        assertTrue(server.contains("2150 LISTEN>SYN_RECEIVED (rcv ACK with SYN cookie)"), server.toString());
        assertTrue(server.contains("2150 SYN_RECEIVED>ESTABLISHED (rcv ACK of SYN)"));
    }

    @Test
    void wormScanLeavesManySynSentRowsToManyHosts() {
        Traces.Result r = runUntil("worm-scan", 1000);
        List<Sock> worm = r.sim().host("worm").sockets();
        Set<Integer> synSentHosts = new HashSet<>();
        int synSent = 0;
        for (Sock s : worm) {
            if (s.state() == TcpState.SYN_SENT) {
                synSent++;
                synSentHosts.add(s.remote().address());
            }
            // Blaster (msblast.exe) scans DCOM RPC on 135 only; 445 is Sasser's port.
            assertEquals(135, s.remote().port(), s.toString());
        }
        // 40 addresses × port 135: the victim accepts, "closed" refuses, the other 38 addresses
        // (37 empty, 1 firewalled) never answer.
        assertEquals(38, synSent);
        assertEquals(38, synSentHosts.size());
        assertEquals(1, worm.stream().filter(s -> s.state() == TcpState.ESTABLISHED).count());
        assertEquals(1, Traces.apps(r).stream().filter(a -> a.endsWith("worm connect ECONNREFUSED")).count());
        // Windows XP hands out client ports from 1025 upwards, in order (the seeds).
        assertEquals(1025, worm.get(0).local().port());
        assertEquals(1025 + 39, worm.get(worm.size() - 1).local().port());
    }

    @Test
    void wormScanAttemptsTimeOutAfterTwentyOneSecondsOnWindowsXp() {
        Traces.Result r = Traces.runBuiltin("worm-scan");
        assertTrue(Traces.apps(r).contains("21100 worm connect ETIMEDOUT"), "first probe at 100 ms gives up 21 s later");
        assertEquals(38, Traces.apps(r).stream().filter(a -> a.endsWith("worm connect ETIMEDOUT")).count());
    }

    @Test
    void halfOpenConnectionIsDiscoveredByRstWhenTheServerSends() {
        // RFC 9293 §3.5.2: the restarted client has no connection; data to it earns
        // <SEQ=SEG.ACK><CTL=RST>, which has exactly the sequence number the server expects.
        Traces.Result r = Traces.runBuiltin("half-open");
        assertEquals(concat(CLIENT_HANDSHAKE, "1000 ESTABLISHED>CLOSED (host restart)"), Traces.states(r, "client"));
        assertEquals(concat(SERVER_HANDSHAKE, "2200 ESTABLISHED>CLOSED (rcv RST)"), Traces.states(r, "server"));
        assertEquals(concat(HANDSHAKE_SEGMENTS,
                "2000 server>client PSH,ACK 1/1 len=100",
                "2100 client>server RST 1/0 len=0"), Traces.segments(r));
        assertTrue(Traces.apps(r).contains("2200 server read ECONNRESET"));
    }

    @Test
    void everyBuiltinScenarioIsCoveredByThisTest() {
        // Adding a built-in scenario means adding its test here.
        assertEquals(List.of("handshake", "data", "active-close", "passive-close", "simultaneous-open",
                "simultaneous-close", "refused", "syn-timeout", "syn-flood", "syn-flood-cookies", "worm-scan",
                "half-open", "close-unread"), ScenarioLoader.BUILTIN);
    }

    @Nested
    class SameSeedSameRun {
        @Test
        void everyBuiltinScenarioGivesTheSameTraceTwice() {
            for (String name : ScenarioLoader.BUILTIN) {
                Traces.Result a = Traces.runBuiltin(name);
                Traces.Result b = Traces.runBuiltin(name);
                assertEquals(a.events(), b.events(), name);
            }
        }
    }

    static Traces.Result runUntil(String name, double ms) {
        try {
            TraceSink.Recorder rec = new TraceSink.Recorder();
            ScenarioRunner.Run run = ScenarioRunner.build(ScenarioLoader.builtin(name), ScenarioRunner.Overrides.NONE, rec);
            run.simulation().runUntil(Math.round(ms * 1000));
            return new Traces.Result(run, rec.events());
        } catch (tcplab.i18n.ProblemException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Long> sendTimes(Traces.Result r, String host, String flags) {
        List<Long> out = new ArrayList<>();
        for (TraceEvent e : r.events()) {
            if (e instanceof SegmentEvent s && s.action() == SegmentAction.SEND && s.host().equals(host)
                    && s.segment().flagText().equals(flags)) {
                out.add(s.timeUs() / 1000);
            }
        }
        return out;
    }

    private static long countDrops(Traces.Result r, DropReason reason) {
        return r.events().stream().filter(e -> e instanceof SegmentEvent s && s.action() == SegmentAction.DROP
                && s.reason() == reason).count();
    }

    private static long count(Traces.Result r, String host, String fragment) {
        return Traces.states(r, host).stream().filter(s -> s.contains(fragment)).count();
    }
}
