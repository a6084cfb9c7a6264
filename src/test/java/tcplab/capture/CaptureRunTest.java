package tcplab.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tcplab.sim.Timeline;
import tcplab.sim.TraceEvent;
import tcplab.sim.TraceEvent.SegmentAction;
import tcplab.sim.TraceEvent.SegmentEvent;
import tcplab.sim.TraceEvent.StateChange;
import tcplab.tcp.TcpState;

/** A capture's connection as the recorded run the window plays: the real fixtures made with tcpdump. */
class CaptureRunTest {
    static final String DIR = "/tcplab/capture/fixtures/";

    static Stream<String> ipv4Fixtures() {
        List<String> out = new ArrayList<>();
        for (String name : List.of("handshake-close", "data", "simultaneous-close", "refused", "lost-synack", "reset")) {
            out.add(name + "-a.pcap");
            out.add(name + "-b.pcapng");
        }
        out.add("loopback-any-v4.pcap");
        return out.stream();
    }

    static Connection connection(String file) throws Exception {
        try (InputStream in = CaptureRunTest.class.getResourceAsStream(DIR + file)) {
            assertNotNull(in, file);
            CaptureAnalysis a = CaptureAnalysis.read(in);
            return a.connections().get(0);
        }
    }

    static List<TcpState> inferredStates(Connection c, int end) {
        List<TcpState> out = new ArrayList<>();
        out.add(c.initialState(end));
        for (Connection.Transition t : c.transitions()) {
            if (t.end() == end) {
                out.add(t.to());
            }
        }
        return out;
    }

    /** The states the run shows an end going through: its connection socket's changes (the listener excluded). */
    static List<TcpState> runStates(CaptureRun run, int end) {
        List<TcpState> out = new ArrayList<>();
        out.add(run.connection().initialState(end));
        for (Timeline.Entry en : run.timeline().entries()) {
            if (en.event() instanceof StateChange s && s.socketId() != CaptureRun.LISTENER && s.host().equals(run.host(end))) {
                if (en.step() == 1 && s.from() == TcpState.CLOSED && s.to() == run.connection().initialState(end)) {
                    continue; // the state it was in before the first packet, not a change
                }
                out.add(s.to());
            }
        }
        return out;
    }

    @Nested
    class TheRunOfEachRealCapture {
        @ParameterizedTest(name = "{0}")
        @MethodSource("tcplab.capture.CaptureRunTest#ipv4Fixtures")
        void goesThroughTheInferredStatesOfBothEndsInOrder(String file) throws Exception {
            Connection c = connection(file);
            CaptureRun run = CaptureRun.of(c, "client", "server");
            for (int end = 0; end < 2; end++) {
                assertEquals(inferredStates(c, end), runStates(run, end), file + " end " + end);
                assertEquals(inferredStates(c, end).get(inferredStates(c, end).size() - 1),
                        run.stateAfter(end, run.timeline().steps()), file + " end " + end + " at the end");
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("tcplab.capture.CaptureRunTest#ipv4Fixtures")
        void hasOneFlightPerPacketWithItsRealHeaderAndTimeRelativeToTheFirst(String file) throws Exception {
            Connection c = connection(file);
            Timeline tl = CaptureRun.of(c, "client", "server").timeline();
            assertEquals(c.packets().size(), tl.flights().size());
            for (int i = 0; i < c.packets().size(); i++) {
                TcpPacket p = c.packets().get(i).tcp();
                Timeline.Flight f = tl.flights().get(i);
                assertEquals(p.seq(), Integer.toUnsignedLong(f.send().segment().seq()), file + " #" + p.frame());
                assertEquals(p.ack(), Integer.toUnsignedLong(f.send().segment().ack()), file + " #" + p.frame());
                assertEquals(p.flags() & 0x1F, f.send().segment().flags(), file + " #" + p.frame());
                assertEquals(p.payloadLen(), f.send().segment().len(), file + " #" + p.frame());
                assertEquals((p.timeNanos() - c.firstNanos()) / 1000, f.startUs(), file + " #" + p.frame());
                assertEquals(c.packets().get(i).from() == 0 ? "client" : "server", f.send().host());
                assertEquals(SegmentAction.DELIVER, f.end().action());
            }
            for (int k = 2; k <= tl.steps(); k++) {
                assertTrue(tl.timeOfStep(k) >= tl.timeOfStep(k - 1), file + ": step times never go back");
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("tcplab.capture.CaptureRunTest#ipv4Fixtures")
        void marksExactlyTheInferredTransitionsWithTheirReason(String file) throws Exception {
            Connection c = connection(file);
            CaptureRun run = CaptureRun.of(c, "client", "server");
            long inferredInCapture = c.transitions().stream().filter(Connection.Transition::inferred).count()
                    + (c.initialReason(0) != null && c.initialState(0) != TcpState.CLOSED ? 1 : 0)
                    + (c.initialReason(1) != null ? 1 : 0);
            long marked = 0;
            for (Timeline.Entry en : run.timeline().entries()) {
                String why = run.inferredReason(en.event());
                if (why != null) {
                    marked++;
                    assertTrue(en.event() instanceof StateChange);
                    // a key of the capture bundle, as the CLI prints it
                    assertNotNull(tcplab.i18n.Texts.of(CaptureProblem.BUNDLE, tcplab.i18n.Lang.EN).get("why." + why));
                }
                if (en.event() instanceof SegmentEvent) {
                    assertNull(why);
                }
            }
            assertEquals(inferredInCapture, marked, file);
        }
    }

    @Test
    void aSimultaneousCloseShowsBothEndsInTimeWaitAndTheirNetstatRows() throws Exception {
        CaptureRun run = CaptureRun.of(connection("simultaneous-close-b.pcapng"), "client", "server");
        int last = run.timeline().steps();
        // the last steps are the two 2MSL timers; just before them both ends are in TIME-WAIT
        int beforeTimers = run.timeline().stepsBy(run.timeline().endUs() - 1_000_000);
        assertEquals(TcpState.TIME_WAIT, run.stateAfter(0, beforeTimers));
        assertEquals(TcpState.TIME_WAIT, run.stateAfter(1, beforeTimers));
        assertEquals(List.of(TcpState.TIME_WAIT), run.rowsAfter(beforeTimers).get("client").stream().map(r -> r.state()).toList());
        assertEquals(List.of(TcpState.LISTEN, TcpState.TIME_WAIT),
                run.rowsAfter(beforeTimers).get("server").stream().map(r -> r.state()).toList());
        assertEquals(TcpState.CLOSED, run.stateAfter(0, last));
        assertTrue(run.rowsAfter(last).get("client").isEmpty(), "a closed connection is not listed");
        assertEquals("10.9.1.1", run.rowsAfter(beforeTimers).get("client").get(0).local().address());
    }

    @Test
    void aReceiverTransitionInferredLaterIsItsOwnStepBeforeThePacketThatProvedIt() throws Exception {
        CaptureRun run = CaptureRun.of(connection("data-a.pcap"), "client", "server");
        for (Timeline.Entry en : run.timeline().entries()) {
            if (en.event() instanceof StateChange s && s.socketId() != CaptureRun.LISTENER) {
                assertEquals(run.timeline().timeOfStep(en.step()), s.timeUs(), "each change at its step's time");
            }
        }
    }

    @Test
    void refusesTwoEndsWithOneName() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> CaptureRun.of(connection("data-a.pcap"), "x", "x"));
    }

    @Nested
    class Ipv6 {
        @Test
        void aRealIpv6CurlGoesThroughTheSameStatesAsTheInferenceAndIsWrittenWithItsRealAddresses() throws Exception {
            Connection c = connection("curl-loopback-v6.pcap");
            assertEquals(6, c.ipVersion());
            CaptureRun run = CaptureRun.of(c, "client", "server");
            assertEquals(inferredStates(c, 0), runStates(run, 0));
            assertEquals(inferredStates(c, 1), runStates(run, 1));
            assertEquals(List.of(TcpState.CLOSED, TcpState.SYN_SENT, TcpState.ESTABLISHED, TcpState.CLOSE_WAIT, TcpState.LAST_ACK, TcpState.CLOSED),
                    runStates(run, 0), "curl against python's http.server: the server closes first");
            TraceEvent.SegmentEvent syn = run.timeline().flights().get(0).send();
            assertEquals("[::1]:" + c.port(0), run.endpointText(syn.segment().src()));
            assertEquals("[::1]:8080", run.endpointText(syn.segment().dst()));
        }

        @Test
        void itsNetstatRowsAreTcp6RowsWithTheRealAddressesAndTheListenerOnTheWildcard() throws Exception {
            CaptureRun run = CaptureRun.of(connection("curl-loopback-v6.pcap"), "client", "server");
            int established = firstStepWith(run, 1, TcpState.ESTABLISHED);
            List<tcplab.netstat.SocketRow> server = run.rowsAfter(established).get("server");
            assertEquals(tcplab.netstat.Family.IPV6, server.get(0).family());
            assertEquals("::", server.get(0).local().address());
            assertEquals("::1", server.get(1).local().address());
            String printed = tcplab.netstat.NetstatEmitter.emit(tcplab.netstat.Dialect.LINUX, server, "server");
            assertTrue(printed.contains("tcp6") && printed.contains(":::8080") && printed.contains("::1:8080"), printed);
        }

        @Test
        void twoDifferentIpv6EndsGetTwoStandInsAndTheLadderFindsBothHosts() throws Exception {
            Connection c = connection("curl-loopback-v6.pcap");
            CaptureRun run = CaptureRun.of(c, "client", "server");
            // loopback: one address, one stand-in, named by the server (as IPv4's 127.0.0.1)
            assertEquals("server", run.timeline().hostAt(CaptureRun.V6_STAND_IN));
        }
    }

    @Nested
    class Queues {
        @Test
        void sendQIsWhatTheEndSentAndNoPacketSeenHadAcknowledgedYet() throws Exception {
            Connection c = connection("curl-loopback-v4.pcap");
            CaptureRun run = CaptureRun.of(c, "client", "server");
            // the server's 184-byte response, before the client's ACK of it: 184 queued
            int response = stepOfPacket(run, p -> p.payloadLen() == 184);
            assertEquals(184, run.sendQAfter(1, response));
            assertEquals(184L, serverConnectionRow(run, response).sendQ());
            assertEquals(0L, serverConnectionRow(run, response).recvQ(), "what the program read no packet shows");
            assertEquals(0, run.sendQAfter(1, response + 1), "the client's ACK 185 took it off");
            // the client's SYN before the SYN-ACK: a SYN-SENT socket's Send-Q is 1 (tcp_connect)
            assertEquals(TcpState.SYN_SENT, run.stateAfter(0, stepOfPacket(run, p -> p.has(TcpPacket.SYN) && !p.has(TcpPacket.ACK))));
            assertEquals(1, run.sendQAfter(0, stepOfPacket(run, p -> p.has(TcpPacket.SYN) && !p.has(TcpPacket.ACK))));
        }

        @Test
        void aServerFinNotYetAcknowledgedCountsOneAndTimeWaitListsNone() throws Exception {
            CaptureRun run = CaptureRun.of(connection("curl-loopback-v4.pcap"), "client", "server");
            int fin = stepOfPacket(run, p -> p.has(TcpPacket.FIN) && p.srcPort() == 8080);
            assertEquals(TcpState.FIN_WAIT_1, run.stateAfter(1, fin));
            assertEquals(1, run.sendQAfter(1, fin));
            int timeWait = firstStepWith(run, 1, TcpState.TIME_WAIT);
            assertEquals(0, run.sendQAfter(1, timeWait));
        }

        private tcplab.netstat.SocketRow serverConnectionRow(CaptureRun run, int k) {
            return run.rowsAfter(k).get("server").stream().filter(r -> r.state() != TcpState.LISTEN).findFirst().orElseThrow();
        }
    }

    static int firstStepWith(CaptureRun run, int end, TcpState s) {
        for (int k = 0; k <= run.timeline().steps(); k++) {
            if (run.stateAfter(end, k) == s) {
                return k;
            }
        }
        throw new AssertionError("never " + s);
    }

    static int stepOfPacket(CaptureRun run, java.util.function.Predicate<TcpPacket> which) {
        for (Connection.Packet p : run.connection().packets()) {
            if (which.test(p.tcp())) {
                for (Timeline.Flight f : run.timeline().flights()) {
                    if (f.send().segment().seq() == (int) p.tcp().seq() && f.send().segment().ack() == (int) p.tcp().ack()
                            && f.send().segment().flags() == (p.tcp().flags() & 0x1F) && f.send().segment().len() == p.tcp().payloadLen()) {
                        return f.sendStep();
                    }
                }
            }
        }
        throw new AssertionError("no such packet");
    }

    @Test
    void aCaptureRunCannotBeReplayedAsASimulation() throws Exception {
        Timeline tl = CaptureRun.of(connection("data-a.pcap"), "client", "server").timeline();
        assertEquals(false, tl.replayable());
        assertThrows(IllegalStateException.class, () -> tl.replayTo(1));
        assertEquals("10.9.1.1:" + connection("data-a.pcap").port(0), tl.hostNote("client"));
    }
}
