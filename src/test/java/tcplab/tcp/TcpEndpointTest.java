package tcplab.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tcplab.tcp.Flags.ACK;
import static tcplab.tcp.Flags.FIN;
import static tcplab.tcp.Flags.PSH;
import static tcplab.tcp.Flags.RST;
import static tcplab.tcp.Flags.SYN;
import static tcplab.tcp.TcpEndpoint.CallResult.CONNECTION_ALREADY_EXISTS;
import static tcplab.tcp.TcpEndpoint.CallResult.CONNECTION_CLOSING;
import static tcplab.tcp.TcpEndpoint.CallResult.CONNECTION_DOES_NOT_EXIST;
import static tcplab.tcp.TcpEndpoint.CallResult.FOREIGN_SOCKET_UNSPECIFIED;
import static tcplab.tcp.TcpEndpoint.CallResult.OK;
import static tcplab.tcp.TcpState.CLOSED;
import static tcplab.tcp.TcpState.CLOSE_WAIT;
import static tcplab.tcp.TcpState.CLOSING;
import static tcplab.tcp.TcpState.ESTABLISHED;
import static tcplab.tcp.TcpState.FIN_WAIT_1;
import static tcplab.tcp.TcpState.FIN_WAIT_2;
import static tcplab.tcp.TcpState.LAST_ACK;
import static tcplab.tcp.TcpState.LISTEN;
import static tcplab.tcp.TcpState.SYN_RECEIVED;
import static tcplab.tcp.TcpState.SYN_SENT;
import static tcplab.tcp.TcpState.TIME_WAIT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Per-state tests of {@link TcpEndpoint} against RFC 9293 §3.10 (event processing), Figure 5 (the
 * state diagram), RFC 5961 (blind RST/SYN) and the Linux timer rules the model follows.
 *
 * <p>Layout after smoltcp's {@code socket/tcp.rs}: one block per state, fixtures built on each
 * other ({@link #established()} starts from {@link #synReceived()}), and
 * {@link #assertSameTcb} comparing every observable field with the fixture of the expected state.
 *
 * <p>Both ends pick initial sequence numbers next to 2^32 ({@link #ISS}, {@link #IRS}), so every
 * test that moves data also crosses the wrap of the sequence space (§3.4).
 */
class TcpEndpointTest {

    static final Endpoint LOCAL = Endpoint.of("10.0.0.1", 80);
    static final Endpoint REMOTE = Endpoint.of("10.0.0.2", 40000);
    /** Our ISN: the SYN is 2^32-2, the first data octet 2^32-1, the second one 0. */
    static final int ISS = 0xFFFFFFFE;
    /** The peer's ISN: its data wraps after 15 octets. */
    static final int IRS = 0xFFFFFFF0;
    static final int WND = 64240;
    static final long MS = 1_000L;
    static final long S = 1_000_000L;
    static final long NEVER = Long.MAX_VALUE;
    static final TcpConfig CFG = TcpConfig.rfcDefaults();

    // ------------------------------------------------------------------ harness

    /** An endpoint under test and what it emitted. Every call stamps the recorder with its time. */
    static final class Conn {
        final Recorder rec = new Recorder();
        final TcpEndpoint ep;

        Conn(TcpConfig cfg, boolean listenerChild) {
            ep = listenerChild
                    ? TcpEndpoint.childOfListener(cfg, LOCAL, () -> ISS, rec)
                    : new TcpEndpoint(cfg, LOCAL, () -> ISS, rec);
        }

        TcpEndpoint.CallResult listen(long t) {
            rec.now = t;
            return ep.listen(t);
        }

        TcpEndpoint.CallResult connect(long t) {
            rec.now = t;
            return ep.connect(REMOTE, t);
        }

        TcpEndpoint.CallResult send(int len, long t) {
            rec.now = t;
            return ep.send(len, "data", t);
        }

        TcpEndpoint.CallResult close(long t) {
            rec.now = t;
            return ep.close(t);
        }

        TcpEndpoint.CallResult abort(long t) {
            rec.now = t;
            return ep.abort(t);
        }

        void arrive(Segment seg, long t) {
            rec.now = t;
            ep.segmentArrives(seg, t);
        }

        void timer(long t) {
            rec.now = t;
            ep.onTimer(t);
        }

        /** Fires every deadline up to and including {@code untilUs}, in order, as a simulator would. */
        void runTimers(long untilUs) {
            for (int guard = 0; guard < 10_000; guard++) {
                long d = ep.nextDeadline();
                if (d > untilUs) {
                    return;
                }
                timer(d);
            }
            throw new AssertionError("timers never settle");
        }

        TcpState state() {
            return ep.state();
        }

        Conn cleared() {
            rec.clear();
            return this;
        }
    }

    /** Every observable field of the TCB, for comparing an endpoint with a state's fixture. */
    record Tcb(TcpState state, Endpoint remote, boolean passive, boolean orphaned, long iss, long irs, long sndUna,
               long sndNxt, long rcvNxt, int sndWnd, int rcvWnd, int sendQueueBytes, long rtoUs, int retransmits,
               long nextDeadline) {
        static Tcb of(TcpEndpoint e) {
            return new Tcb(e.state(), e.remote(), e.isPassive(), e.isOrphaned(), Seq.unsigned(e.iss()), Seq.unsigned(e.irs()),
                    Seq.unsigned(e.sndUna()), Seq.unsigned(e.sndNxt()), Seq.unsigned(e.rcvNxt()), e.sndWnd(), e.rcvWnd(),
                    e.sendQueueBytes(), e.rtoUs(), e.retransmits(), e.nextDeadline());
        }
    }

    static void assertSameTcb(Conn expected, Conn actual) {
        assertEquals(Tcb.of(expected.ep), Tcb.of(actual.ep));
    }

    static Recorder.Transition tr(TcpState from, TcpState to, Cause cause) {
        return new Recorder.Transition(from, to, cause);
    }

    static void assertTransitions(Conn c, Recorder.Transition... expected) {
        assertEquals(Arrays.asList(expected), c.rec.transitions);
    }

    static void assertNothingSent(Conn c) {
        assertEquals(List.of(), c.rec.segments(), "no segment expected");
    }

    static Segment onlySent(Conn c) {
        assertEquals(1, c.rec.sent.size(), () -> "exactly one segment expected: " + c.rec.segments());
        return c.rec.sent.get(0).segment();
    }

    /** Flags, SEQ, ACK (when ACK is set) and data length of a segment we sent to the peer. */
    static void assertSegment(Segment s, int flags, int seq, int ack, int len) {
        assertEquals(Flags.format(flags), s.flagText(), () -> "flags of " + s);
        assertEquals(Seq.unsigned(seq), Seq.unsigned(s.seq()), () -> "SEQ of " + s);
        if ((flags & ACK) != 0) {
            assertEquals(Seq.unsigned(ack), Seq.unsigned(s.ack()), () -> "ACK of " + s);
        }
        assertEquals(len, s.len(), () -> "LEN of " + s);
        assertEquals(LOCAL, s.src());
        assertEquals(REMOTE, s.dst());
    }

    /** A segment from the peer. */
    static Segment peer(int flags, int seq, int ack, int len) {
        return Segment.from(REMOTE).to(LOCAL).seq(seq).ack(ack).flags(flags).window(WND).mss((flags & SYN) != 0 ? 1460 : 0)
                .data(len, len > 0 ? "x" : null).build();
    }

    static Segment syn(int seq) {
        return peer(SYN, seq, 0, 0);
    }

    static Segment synAck(int seq, int ack) {
        return peer(SYN | ACK, seq, ack, 0);
    }

    static Segment ack(int seq, int ack) {
        return peer(ACK, seq, ack, 0);
    }

    static Segment fin(int seq, int ack) {
        return peer(FIN | ACK, seq, ack, 0);
    }

    static Segment data(int seq, int ack, int len) {
        return peer(PSH | ACK, seq, ack, len);
    }

    static Segment rst(int seq) {
        return peer(RST, seq, 0, 0);
    }

    static TcpConfig config(long rtoInitialMs, int synRetries, int synLinear) {
        return TcpConfig.builder().rtoInitialMs(rtoInitialMs).synRetries(synRetries, synLinear).window(WND).build();
    }

    // ------------------------------------------------------------------ fixtures, one per state

    static Conn closed(TcpConfig cfg) {
        return new Conn(cfg, false);
    }

    static Conn closed() {
        return closed(CFG);
    }

    static Conn listen(TcpConfig cfg) {
        Conn c = closed(cfg);
        c.listen(0);
        return c.cleared();
    }

    static Conn listen() {
        return listen(CFG);
    }

    static Conn synSent(TcpConfig cfg) {
        Conn c = closed(cfg);
        c.connect(0);
        return c.cleared();
    }

    static Conn synSent() {
        return synSent(CFG);
    }

    /** Passive: LISTEN, then the peer's SYN (seq IRS) at t=0; our SYN,ACK is out. */
    static Conn synReceived(TcpConfig cfg) {
        Conn c = listen(cfg);
        c.arrive(syn(IRS), 0);
        return c.cleared();
    }

    static Conn synReceived() {
        return synReceived(CFG);
    }

    /** From {@link #synReceived()}: the ACK of our SYN at t=0 (an RTT sample of 0, so RTO = RTO.min = 200 ms). */
    static Conn established(TcpConfig cfg) {
        Conn c = synReceived(cfg);
        c.arrive(ack(IRS + 1, ISS + 1), 0);
        return c.cleared();
    }

    static Conn established() {
        return established(CFG);
    }

    /** From {@link #established()}: CLOSE at t=0, our FIN (seq ISS+1) is out. */
    static Conn finWait1(TcpConfig cfg) {
        Conn c = established(cfg);
        c.close(0);
        return c.cleared();
    }

    static Conn finWait1() {
        return finWait1(CFG);
    }

    static Conn finWait2(TcpConfig cfg) {
        Conn c = finWait1(cfg);
        c.arrive(ack(IRS + 1, ISS + 2), 0);
        return c.cleared();
    }

    static Conn finWait2() {
        return finWait2(CFG);
    }

    static Conn closeWait() {
        Conn c = established();
        c.arrive(fin(IRS + 1, ISS + 1), 0);
        return c.cleared();
    }

    /** From {@link #finWait1()}: the peer's FIN crossed ours (it does not acknowledge our FIN). */
    static Conn closing() {
        Conn c = finWait1();
        c.arrive(fin(IRS + 1, ISS + 1), 0);
        return c.cleared();
    }

    static Conn lastAck() {
        Conn c = closeWait();
        c.close(0);
        return c.cleared();
    }

    /** From {@link #finWait2()}: the peer's FIN at t=0, so 2 MSL ends at 60 s. */
    static Conn timeWait(TcpConfig cfg) {
        Conn c = finWait2(cfg);
        c.arrive(fin(IRS + 1, ISS + 2), 0);
        return c.cleared();
    }

    static Conn timeWait() {
        return timeWait(CFG);
    }

    static Conn fixture(TcpState state) {
        switch (state) {
            case CLOSED:
                return closed();
            case LISTEN:
                return listen();
            case SYN_SENT:
                return synSent();
            case SYN_RECEIVED:
                return synReceived();
            case ESTABLISHED:
                return established();
            case FIN_WAIT_1:
                return finWait1();
            case FIN_WAIT_2:
                return finWait2();
            case CLOSE_WAIT:
                return closeWait();
            case CLOSING:
                return closing();
            case LAST_ACK:
                return lastAck();
            default:
                return timeWait();
        }
    }

    @Test
    void fixtures_areInTheirStates() {
        for (TcpState s : TcpState.values()) {
            assertEquals(s, fixture(s).state());
        }
    }

    // ------------------------------------------------------------------ CLOSED

    @Nested
    class Closed {
        @Test
        void closed_passiveOpen_movesToListenSilently() {
            Conn c = closed();
            assertEquals(OK, c.listen(0));
            assertTransitions(c, tr(CLOSED, LISTEN, Cause.PASSIVE_OPEN));
            assertNothingSent(c);
            assertSameTcb(listen(), c);
            assertEquals(NEVER, c.ep.nextDeadline());
        }

        @Test
        void closed_activeOpen_sendsSynAndMovesToSynSent() {
            Conn c = closed();
            assertEquals(OK, c.connect(0));
            Segment s = onlySent(c);
            assertSegment(s, SYN, ISS, 0, 0);
            assertEquals(1460, s.mss());
            assertEquals(WND, s.window());
            assertTransitions(c, tr(CLOSED, SYN_SENT, Cause.ACTIVE_OPEN));
            // The SYN takes one sequence number (§3.4).
            assertEquals(ISS, c.ep.sndUna());
            assertEquals(ISS + 1, c.ep.sndNxt());
            assertEquals(1 * S, c.ep.nextDeadline());
            assertSameTcb(synSent(), c);
        }

        @Test
        void closed_userCalls_reportConnectionDoesNotExist() {
            Conn c = closed();
            assertEquals(CONNECTION_DOES_NOT_EXIST, c.send(10, 0));
            assertEquals(CONNECTION_DOES_NOT_EXIST, c.close(0));
            assertEquals(CONNECTION_DOES_NOT_EXIST, c.abort(0));
            assertTransitions(c);
            assertNothingSent(c);
        }

        @Test
        void closed_segmentWithAck_answeredWithRstAtSegAck() {
            Conn c = closed();
            c.arrive(data(IRS + 1, 12345, 10), 0);
            assertSegment(onlySent(c), RST, 12345, 0, 0);
            assertTransitions(c);
        }

        @Test
        void closed_segmentWithoutAck_answeredWithRstAckOfSegLen() {
            Conn c = closed();
            c.arrive(syn(IRS), 0);
            assertSegment(onlySent(c), RST | ACK, 0, IRS + 1, 0);
        }

        @Test
        void closed_rst_isNotAnswered() {
            Conn c = closed();
            c.arrive(rst(IRS), 0);
            assertNothingSent(c);
        }
    }

    // ------------------------------------------------------------------ LISTEN

    @Nested
    class Listen {
        @Test
        void listen_receivesSyn_sendsSynAckAndMovesToSynReceived() {
            Conn c = listen();
            c.arrive(syn(IRS), 0);
            Segment s = onlySent(c);
            assertSegment(s, SYN | ACK, ISS, IRS + 1, 0);
            assertEquals(1460, s.mss());
            assertTransitions(c, tr(LISTEN, SYN_RECEIVED, Cause.RCV_SYN));
            assertEquals(REMOTE, c.ep.remote());
            assertEquals(IRS, c.ep.irs());
            assertEquals(IRS + 1, c.ep.rcvNxt());
            assertEquals(ISS + 1, c.ep.sndNxt());
            assertEquals(1 * S, c.ep.nextDeadline());
            assertSameTcb(synReceived(), c);
        }

        @Test
        void aListenerOnEveryInterfaceResetsAnAckFromTheAddressTheAckWasSentTo() {
            // The listener is bound to 0.0.0.0:80; an ACK for 10.0.0.1:80 with no connection
            // (the peer's handshake ACK lost until our SYN-ACKs gave up) is answered from
            // 10.0.0.1:80, or the peer could not match the RST (tcp_v4_send_reset, §3.10.7.2).
            Recorder rec = new Recorder();
            TcpEndpoint l = new TcpEndpoint(CFG, new Endpoint(0, 80), () -> ISS, rec);
            l.listen(0);
            rec.clear();
            l.segmentArrives(data(IRS + 1, ISS + 1, 100), 5 * S);
            assertEquals(1, rec.sent.size());
            Segment r = rec.sent.get(0).segment();
            assertSegment(r, RST, ISS + 1, 0, 0);
            assertEquals(LISTEN, l.state());
        }

        @Test
        void listen_sendWithForeignSocket_sendsSynAndMovesToSynSent() {
            Conn c = listen();
            c.ep.setRemote(REMOTE);
            assertEquals(OK, c.send(100, 0));
            assertSegment(onlySent(c), SYN, ISS, 0, 0);
            assertTransitions(c, tr(LISTEN, SYN_SENT, Cause.SEND));
            assertFalse(c.ep.isPassive());
            assertEquals(100, c.ep.sendQueueBytes());
        }

        @Test
        void listen_sendWithoutForeignSocket_isAnError() {
            Conn c = listen();
            assertEquals(FOREIGN_SOCKET_UNSPECIFIED, c.send(100, 0));
            assertTransitions(c);
            assertNothingSent(c);
        }

        @Test
        void listen_close_movesToClosed() {
            Conn c = listen();
            assertEquals(OK, c.close(0));
            assertTransitions(c, tr(LISTEN, CLOSED, Cause.CLOSE));
            assertNothingSent(c);
            assertTrue(c.rec.notices.contains(Notice.DELETED));
        }

        @Test
        void listen_abort_movesToClosedWithoutRst() {
            Conn c = listen();
            assertEquals(OK, c.abort(0));
            assertTransitions(c, tr(LISTEN, CLOSED, Cause.ABORT));
            assertNothingSent(c);
        }

        @Test
        void listen_receivesAck_answersRstAndKeepsListening() {
            Conn c = listen();
            c.arrive(ack(IRS, 12345), 0);
            assertSegment(onlySent(c), RST, 12345, 0, 0);
            assertTransitions(c);
            assertSameTcb(listen(), c);
        }

        @Test
        void listen_receivesRst_isIgnored() {
            Conn c = listen();
            c.arrive(rst(IRS), 0);
            assertNothingSent(c);
            assertSameTcb(listen(), c);
        }

        @Test
        void listen_openAgain_connectionAlreadyExists() {
            Conn c = listen();
            assertEquals(CONNECTION_ALREADY_EXISTS, c.listen(0));
            assertEquals(CONNECTION_ALREADY_EXISTS, c.connect(0));
            assertTransitions(c);
        }
    }

    // ------------------------------------------------------------------ SYN-SENT

    @Nested
    class SynSent {
        @Test
        void synSent_receivesSynAck_movesToEstablishedAndAcks() {
            Conn c = synSent();
            c.arrive(synAck(IRS, ISS + 1), 0);
            assertSegment(onlySent(c), ACK, ISS + 1, IRS + 1, 0);
            assertTransitions(c, tr(SYN_SENT, ESTABLISHED, Cause.RCV_SYN_ACK));
            assertTrue(c.rec.notices.contains(Notice.CONNECTED));
            assertEquals(ISS + 1, c.ep.sndUna());
            assertEquals(ISS + 1, c.ep.sndNxt());
            assertEquals(IRS, c.ep.irs());
            assertEquals(IRS + 1, c.ep.rcvNxt());
            assertEquals(NEVER, c.ep.nextDeadline());
        }

        @Test
        void synSent_receivesSyn_movesToSynReceivedAndSendsSynAckWithSameIss() {
            Conn c = synSent();
            c.arrive(syn(IRS), 0);
            assertSegment(onlySent(c), SYN | ACK, ISS, IRS + 1, 0);
            assertTransitions(c, tr(SYN_SENT, SYN_RECEIVED, Cause.RCV_SYN));
            assertFalse(c.ep.isPassive());
            assertEquals(IRS + 1, c.ep.rcvNxt());
            assertEquals(1 * S, c.ep.nextDeadline());
        }

        @Test
        void synSent_simultaneousOpen_synAckOfOurSynCompletesAndIsAckedAsLinuxDoes() {
            // RFC 9293 Figure 8, line 6: the peer's SYN,ACK carries the SYN we already have. The
            // figure sends nothing more; Linux takes the SYN for a retransmission and ACKs it at
            // once (tcp_data_queue()), so each side of a simultaneous open sends three segments.
            Conn c = synSent();
            c.arrive(syn(IRS), 0);
            c.cleared();
            c.arrive(synAck(IRS, ISS + 1), 10 * MS);
            assertSegment(onlySent(c), ACK, ISS + 1, IRS + 1, 0);
            assertTransitions(c, tr(SYN_RECEIVED, ESTABLISHED, Cause.RCV_ACK_OF_SYN));
            assertTrue(c.rec.notices.contains(Notice.CONNECTED));
            assertEquals(ISS + 1, c.ep.sndUna());
            assertEquals(IRS + 1, c.ep.rcvNxt());
            assertEquals(NEVER, c.ep.nextDeadline());
        }

        @Test
        void synSent_simultaneousOpen_queuedDataCarriesThatAckInsteadOfABareOne() {
            // tcp_data_snd_check() runs before tcp_ack_snd_check(): data that may leave now
            // carries the ACK, and no bare ACK follows.
            Conn c = synSent();
            c.send(10, 0);
            c.arrive(syn(IRS), 0);
            c.cleared();
            c.arrive(synAck(IRS, ISS + 1), 10 * MS);
            assertSegment(onlySent(c), PSH | ACK, ISS + 1, IRS + 1, 10);
        }

        @Test
        void synSent_simultaneousOpen_plainAckOfOurSynAlsoCompletes() {
            Conn c = synSent();
            c.arrive(syn(IRS), 0);
            c.cleared();
            c.arrive(ack(IRS + 1, ISS + 1), 10 * MS);
            assertNothingSent(c);
            assertTransitions(c, tr(SYN_RECEIVED, ESTABLISHED, Cause.RCV_ACK_OF_SYN));
        }

        @Test
        void synSent_receivesAckNotOfOurSyn_answersRstAndStays() {
            Conn c = synSent();
            c.arrive(ack(IRS, ISS), 0); // SEG.ACK =< ISS
            assertSegment(onlySent(c), RST, ISS, 0, 0);
            c.cleared();
            c.arrive(synAck(IRS, ISS + 2), 0); // SEG.ACK > SND.NXT
            assertSegment(onlySent(c), RST, ISS + 2, 0, 0);
            assertTransitions(c);
            assertSameTcb(synSent(), c);
        }

        @Test
        void synSent_close_movesToClosed() {
            Conn c = synSent();
            assertEquals(OK, c.close(0));
            assertTransitions(c, tr(SYN_SENT, CLOSED, Cause.CLOSE));
            assertNothingSent(c);
            assertEquals(NEVER, c.ep.nextDeadline());
        }

        @Test
        void synSent_send_queuesDataUntilEstablished() {
            Conn c = synSent();
            assertEquals(OK, c.send(100, 0));
            assertNothingSent(c);
            c.arrive(synAck(IRS, ISS + 1), 0);
            List<Segment> out = c.rec.segments();
            assertEquals(2, out.size(), out::toString);
            assertSegment(out.get(0), ACK, ISS + 1, IRS + 1, 0);
            assertSegment(out.get(1), PSH | ACK, ISS + 1, IRS + 1, 100);
        }

        @Test
        void aSynSentEndpointGivesUpAfterTheTimeBudget() {
            // Linux 6.18 with tcp_syn_retries = 2 and tcp_syn_linear_timeouts = 4: SYNs at 0-5 s,
            // ETIMEDOUT at 7 s = tcp_model_timeout(2, 1 s), before the count (6) is spent.
            TcpConfig linux = config(1000, 2, 4).toBuilder().dataRetries(15, 8, TcpConfig.GiveUp.LINUX_TIME_BUDGET).build();
            Conn c = closed(linux);
            c.connect(0);
            c.runTimers(1000 * S);
            assertEquals(List.of(0L, 1 * S, 2 * S, 3 * S, 4 * S, 5 * S), c.rec.sentTimes());
            assertEquals(List.of(0L, 7 * S), c.rec.transitionTimes);
            assertEquals(tr(SYN_SENT, CLOSED, Cause.TIMEOUT_RETRANSMISSION), c.rec.transitions.get(1));
            assertTrue(c.rec.notices.contains(Notice.TIMED_OUT));
        }

        @Test
        void aSynSentEndpointCountingRetriesOnlyIgnoresTheTimeBudget() {
            // The same numbers under a count rule: all 2 + 4 retransmissions go out.
            Conn c = closed(config(1000, 2, 4));
            c.connect(0);
            c.runTimers(1000 * S);
            assertEquals(List.of(0L, 1 * S, 2 * S, 3 * S, 4 * S, 5 * S, 7 * S), c.rec.sentTimes());
            assertEquals(List.of(0L, 11 * S), c.rec.transitionTimes);
        }

        @Test
        void theSynTimeBudgetIsTheModelTimeoutOfTheSynRetriesFromTheInitialRto() {
            assertEquals(127_000, config(1000, 6, 4).synBudgetMs());
            assertEquals(7_000, config(1000, 2, 4).synBudgetMs());
            assertEquals(21_000, config(3000, 2, 0).synBudgetMs());
        }

        @Test
        void synSent_openAgain_connectionAlreadyExists() {
            Conn c = synSent();
            assertEquals(CONNECTION_ALREADY_EXISTS, c.connect(0));
            assertEquals(CONNECTION_ALREADY_EXISTS, c.listen(0));
        }
    }

    // ------------------------------------------------------------------ SYN-RECEIVED

    @Nested
    class SynReceived {
        @Test
        void synReceived_receivesAckOfSyn_movesToEstablished() {
            Conn c = synReceived();
            c.arrive(ack(IRS + 1, ISS + 1), 0);
            assertNothingSent(c);
            assertTransitions(c, tr(SYN_RECEIVED, ESTABLISHED, Cause.RCV_ACK_OF_SYN));
            assertTrue(c.rec.notices.contains(Notice.CONNECTED));
            assertSameTcb(established(), c);
        }

        @Test
        void synReceived_receivesAckOfSynWithData_establishesDeliversAndAcks() {
            Conn c = synReceived();
            c.arrive(data(IRS + 1, ISS + 1, 20), 0);
            assertTransitions(c, tr(SYN_RECEIVED, ESTABLISHED, Cause.RCV_ACK_OF_SYN));
            assertTrue(c.rec.notices.contains(Notice.DATA));
            assertSegment(onlySent(c), ACK, ISS + 1, IRS + 21, 0);
            assertEquals(IRS + 21, c.ep.rcvNxt());
        }

        @Test
        void synReceived_close_sendsFinAndMovesToFinWait1() {
            // Figure 5: SYN-RCVD --CLOSE / snd FIN--> FINWAIT-1; §3.10.4: "If no SENDs have been
            // issued and there is no pending data to send, then form a FIN segment and send it".
            Conn c = synReceived();
            assertEquals(OK, c.close(0));
            assertTransitions(c, tr(SYN_RECEIVED, FIN_WAIT_1, Cause.CLOSE));
            assertSegment(onlySent(c), FIN | ACK, ISS + 1, IRS + 1, 0);
            assertEquals(ISS + 2, c.ep.sndNxt());
        }

        @Test
        void synReceived_closedThenSynAckLost_retransmitsTheSynAck() {
            // Until the peer has our SYN, retransmitting only the FIN cannot synchronize it.
            Conn c = synReceived();
            c.close(0);
            c.cleared();
            c.runTimers(1 * S);
            assertTrue(c.rec.segments().stream().anyMatch(s -> s.has(SYN) && s.has(ACK) && s.seq() == ISS),
                    () -> "SYN,ACK retransmission expected: " + c.rec.segments());
        }

        @Test
        void synReceived_closeThenAckOfSynAndFin_reachesFinWait2() {
            Conn c = synReceived();
            c.close(0);
            c.cleared();
            c.arrive(ack(IRS + 1, ISS + 2), 10 * MS);
            assertTransitions(c, tr(FIN_WAIT_1, FIN_WAIT_2, Cause.RCV_ACK_OF_FIN));
            assertNothingSent(c);
        }

        @Test
        void synReceived_receivesRetransmittedSyn_resendsSynAck() {
            Conn c = synReceived();
            c.arrive(syn(IRS), 500 * MS);
            assertSegment(onlySent(c), SYN | ACK, ISS, IRS + 1, 0);
            assertTransitions(c);
        }

        @Test
        void synReceived_retransmittedSynRestartsTheSynAckTimerFromNow() {
            // tcp_check_req(): after resending the SYN-ACK, mod_timer_pending(&req->rsk_timer,
            // jiffies + reqsk_timeout(req, TCP_RTO_MAX)). The SYN-ACK timer (1 s) would fire at
            // 1 s; the SYN retransmitted at 0.9 s moves it to 1.9 s.
            Conn c = synReceived();
            c.arrive(syn(IRS), 900 * MS);
            assertEquals(1900 * MS, c.ep.nextDeadline());
        }

        @Test
        void synReceived_retransmittedSynKeepsTheBackoffAndTheGiveUpCount() {
            // The resend is not a timeout (inet_rtx_syn_ack() counts num_retrans, the give-up
            // num_timeout): after the SYN-ACK timeouts at 1 s and 3 s (timer now 4 s), a SYN at
            // 3.5 s restarts the 4 s timeout: 7.5 s, then 15.5, 31.5, and the request is dropped
            // after the fifth timeout's 32 s, at 63.5 s.
            Conn c = synReceived();
            c.runTimers(3 * S);
            c.arrive(syn(IRS), 3500 * MS);
            assertEquals(7500 * MS, c.ep.nextDeadline());
            c.cleared();
            c.runTimers(1000 * S);
            assertEquals(List.of(7500 * MS, 15_500 * MS, 31_500 * MS), c.rec.sentTimes());
            assertEquals(List.of(63_500 * MS), c.rec.transitionTimes);
        }

        @Test
        void aHalfOpenConnectionIgnoresARepeatedSynWithinTheOutOfWindowRateLimit() {
            // tcp_check_req(): the SYN-ACK to a repeated SYN goes only if the last such answer is at
            // least tcp_invalid_ratelimit old (tcp_oow_rate_limited()); a skipped SYN leaves the
            // timer alone. With 5 s: the SYN at 1 s is answered (timer 2 s), the one at 3 s is not.
            Conn c = synReceived(CFG.toBuilder().oowRateLimitMs(5000).build());
            c.arrive(syn(IRS), 1 * S);
            assertSegment(onlySent(c), SYN | ACK, ISS, IRS + 1, 0);
            assertEquals(2 * S, c.ep.nextDeadline());
            c.cleared();
            c.arrive(syn(IRS), 1800 * MS);
            assertNothingSent(c);
            assertEquals(2 * S, c.ep.nextDeadline());
        }

        @Test
        void aHalfOpenConnectionAnswersARepeatedSynAgainOnceTheRateLimitHasPassed() {
            Conn c = synReceived(CFG.toBuilder().oowRateLimitMs(500).build());
            c.arrive(syn(IRS), 100 * MS);
            c.arrive(syn(IRS), 400 * MS);
            c.arrive(syn(IRS), 600 * MS);
            assertEquals(List.of(100 * MS, 600 * MS), c.rec.sentTimes());
        }

        @Test
        void aSimultaneousOpenAnswersARepeatedSynWithARateLimitedChallengeAck() {
            // RFC 5961 §4.2; tcp_validate_incoming() "step 4" sends tcp_send_challenge_ack(), not a
            // SYN-ACK, for a full socket in SYN_RECV, at most one per tcp_invalid_ratelimit.
            Conn c = synSent();
            c.arrive(syn(IRS), 400 * MS);
            c.cleared();
            c.arrive(syn(IRS), 600 * MS);
            assertSegment(onlySent(c), ACK, ISS + 1, IRS + 1, 0);
            c.cleared();
            c.arrive(syn(IRS), 900 * MS);
            assertNothingSent(c);
            assertEquals(SYN_RECEIVED, c.ep.state());
        }

        @Test
        void aSimultaneousOpenResendsItsSynAckWhenTheSynWouldHaveBeenResentAndThenDoubles() {
            // tcp_rcv_synsent_state_process() keeps the SYN's timer: the SYN went at 0, the peer's
            // SYN came at 0.4 s; the SYN-ACK is resent at 1 s, then after 2 s (tcp_retransmit_timer()
            // backs off outside SYN-SENT), at 3 s.
            Conn c = synSent();
            c.arrive(syn(IRS), 400 * MS);
            assertEquals(1 * S, c.ep.nextDeadline());
            c.cleared();
            c.runTimers(3500 * MS);
            assertEquals(List.of(1 * S, 3 * S), c.rec.sentTimes());
        }

        @Test
        void synReceived_receivesUnacceptableAck_answersRst() {
            Conn c = synReceived();
            c.arrive(ack(IRS + 1, ISS + 5), 0);
            assertSegment(onlySent(c), RST, ISS + 5, 0, 0);
            c.cleared();
            c.arrive(ack(IRS + 1, ISS), 0);
            assertSegment(onlySent(c), RST, ISS, 0, 0);
            assertTransitions(c);
            assertSameTcb(synReceived(), c);
        }

        @Test
        void synReceived_send_queuesDataUntilEstablished() {
            Conn c = synReceived();
            assertEquals(OK, c.send(10, 0));
            assertNothingSent(c);
            c.arrive(ack(IRS + 1, ISS + 1), 0);
            assertSegment(onlySent(c), PSH | ACK, ISS + 1, IRS + 1, 10);
        }
    }

    // ------------------------------------------------------------------ ESTABLISHED

    @Nested
    class Established {
        @Test
        void anEstablishedEndpointClosingWithUnreadDataSendsRstInsteadOfFin() {
            // RFC 9293 §3.6.1, RFC 2525 §2.17, Linux __tcp_close(): RST,ACK <SEQ=SND.NXT><ACK=RCV.NXT>.
            Conn c = established();
            c.ep.setReadsAtOnce(false);
            c.arrive(data(IRS + 1, ISS + 1, 100), 0);
            assertEquals(100, c.ep.unreadBytes());
            c.cleared();
            assertEquals(OK, c.close(10 * MS));
            assertSegment(onlySent(c), RST | ACK, ISS + 1, IRS + 101, 0);
            assertTransitions(c, tr(ESTABLISHED, CLOSED, Cause.CLOSE));
            assertEquals(NEVER, c.ep.nextDeadline());
        }

        @Test
        void anEstablishedEndpointThatReadWhatArrivedClosesWithFin() {
            Conn c = established();
            c.ep.setReadsAtOnce(false);
            c.arrive(data(IRS + 1, ISS + 1, 100), 0);
            assertEquals(100, c.ep.read());
            assertEquals(0, c.ep.unreadBytes());
            c.cleared();
            c.close(10 * MS);
            assertSegment(onlySent(c), FIN | ACK, ISS + 1, IRS + 101, 0);
            assertTransitions(c, tr(ESTABLISHED, FIN_WAIT_1, Cause.CLOSE));
        }

        @Test
        void anEstablishedEndpointReadingAtOnceLeavesNothingUnread() {
            Conn c = established();
            c.arrive(data(IRS + 1, ISS + 1, 100), 0);
            assertEquals(0, c.ep.unreadBytes());
        }
        @Test
        void established_activeOpenFixtureMatchesPassiveExceptPassiveFlag() {
            Conn c = synSent();
            c.arrive(synAck(IRS, ISS + 1), 0);
            Tcb active = Tcb.of(c.ep);
            Tcb passive = Tcb.of(established().ep);
            assertEquals(passive, new Tcb(active.state(), active.remote(), true, active.orphaned(), active.iss(), active.irs(),
                    active.sndUna(), active.sndNxt(), active.rcvNxt(), active.sndWnd(), active.rcvWnd(),
                    active.sendQueueBytes(), active.rtoUs(), active.retransmits(), active.nextDeadline()));
        }

        @Test
        void established_receivesFin_movesToCloseWaitAcksAndSignalsEof() {
            Conn c = established();
            c.arrive(fin(IRS + 1, ISS + 1), 0);
            // The FIN takes one sequence number: ACK = IRS + 2.
            assertSegment(onlySent(c), ACK, ISS + 1, IRS + 2, 0);
            assertTransitions(c, tr(ESTABLISHED, CLOSE_WAIT, Cause.RCV_FIN));
            assertTrue(c.rec.notices.contains(Notice.EOF));
            assertSameTcb(closeWait(), c);
        }

        @Test
        void established_close_sendsFinAndMovesToFinWait1() {
            Conn c = established();
            assertEquals(OK, c.close(0));
            assertSegment(onlySent(c), FIN | ACK, ISS + 1, IRS + 1, 0);
            assertTransitions(c, tr(ESTABLISHED, FIN_WAIT_1, Cause.CLOSE));
            assertEquals(ISS + 2, c.ep.sndNxt());
            assertSameTcb(finWait1(), c);
        }

        @Test
        void established_requestAndResponse_moveSeqAndAckAcrossTheWrap() {
            Conn c = established();
            assertEquals(OK, c.send(100, 0));
            assertSegment(onlySent(c), PSH | ACK, ISS + 1, IRS + 1, 100);
            assertEquals(100, c.ep.sendQueueBytes());
            assertEquals(99, c.ep.sndNxt()); // 2^32 - 1 + 100, modulo 2^32
            c.cleared();
            // The response acknowledges the request and brings 300 octets.
            c.arrive(data(IRS + 1, ISS + 101, 300), 10 * MS);
            assertTrue(c.rec.notices.contains(Notice.DATA));
            assertSegment(onlySent(c), ACK, ISS + 101, IRS + 301, 0);
            assertEquals(ISS + 101, c.ep.sndUna());
            assertEquals(IRS + 301, c.ep.rcvNxt());
            assertEquals(0x11D, c.ep.rcvNxt());
            assertEquals(0, c.ep.sendQueueBytes());
            assertEquals(NEVER, c.ep.nextDeadline());
        }

        @Test
        void established_sendLargerThanMss_splitsAndPushesOnlyTheLast() {
            Conn c = established();
            c.send(3000, 0);
            List<Segment> out = c.rec.segments();
            assertEquals(3, out.size(), out::toString);
            assertSegment(out.get(0), ACK, ISS + 1, IRS + 1, 1460);
            assertSegment(out.get(1), ACK, ISS + 1461, IRS + 1, 1460);
            assertSegment(out.get(2), PSH | ACK, ISS + 2921, IRS + 1, 80);
            assertEquals(ISS + 3001, c.ep.sndNxt());
            assertEquals(3000, c.ep.sendQueueBytes());
        }

        @Test
        void established_ackOfData_clearsSendQueue() {
            Conn c = established();
            c.send(3000, 0);
            c.cleared();
            c.arrive(ack(IRS + 1, ISS + 1461), 10 * MS);
            assertEquals(1540, c.ep.sendQueueBytes());
            assertEquals(ISS + 1461, c.ep.sndUna());
            c.arrive(ack(IRS + 1, ISS + 3001), 20 * MS);
            assertEquals(0, c.ep.sendQueueBytes());
            assertEquals(ISS + 3001, c.ep.sndUna());
            assertEquals(NEVER, c.ep.nextDeadline());
            assertNothingSent(c);
        }

        @Test
        void established_dataBeyondWindow_isAckedAndDropped() {
            Conn c = established();
            c.arrive(data(IRS + 1 + WND, ISS + 1, 10), 0);
            assertSegment(onlySent(c), ACK, ISS + 1, IRS + 1, 0);
            assertFalse(c.rec.notices.contains(Notice.DATA));
            assertSameTcb(established(), c);
        }

        @Test
        void established_oldDuplicateData_isAckedAndDropped() {
            Conn c = established();
            c.arrive(data(IRS + 1 - 10, ISS + 1, 10), 0);
            assertSegment(onlySent(c), ACK, ISS + 1, IRS + 1, 0);
            assertFalse(c.rec.notices.contains(Notice.DATA));
            assertSameTcb(established(), c);
        }

        @Test
        void established_dataOverlappingRcvNxt_deliversOnlyTheNewPart() {
            Conn c = established();
            c.arrive(data(IRS + 1 - 10, ISS + 1, 30), 0);
            assertSegment(onlySent(c), ACK, ISS + 1, IRS + 21, 0);
            assertEquals(IRS + 21, c.ep.rcvNxt());
        }

        @Test
        void established_zeroLengthSegmentAtRcvNxt_isAcceptedSilently() {
            Conn c = established();
            c.arrive(Segment.ack(REMOTE, LOCAL, IRS + 1, ISS + 1, 1000), 0);
            assertNothingSent(c);
            assertEquals(1000, c.ep.sndWnd());
            assertTransitions(c);
        }

        @Test
        void established_zeroLengthSegmentBeforeRcvNxt_isAcked() {
            Conn c = established();
            c.arrive(ack(IRS, ISS + 1), 0);
            assertSegment(onlySent(c), ACK, ISS + 1, IRS + 1, 0);
        }

        @Test
        void established_dataAfterAGap_isDroppedWithDuplicateAck() {
            Conn c = established();
            c.arrive(data(IRS + 11, ISS + 1, 10), 0);
            assertSegment(onlySent(c), ACK, ISS + 1, IRS + 1, 0);
            assertFalse(c.rec.notices.contains(Notice.DATA));
        }

        @Test
        void established_unacceptablePureAcks_areAnsweredAtMostOncePerHalfSecond() {
            // A desynchronized peer answers our ACKs with out-of-window ACKs: replying to each would
            // be an endless ACK war. RFC 5961 §7 ACK throttling, Linux tcp_invalid_ratelimit (500 ms).
            Conn c = established();
            c.arrive(ack(IRS + 1 + 10 * WND, ISS + 1), 0);
            assertSegment(onlySent(c), ACK, ISS + 1, IRS + 1, 0);
            c.cleared();
            c.arrive(ack(IRS + 1 + 10 * WND, ISS + 1), 1 * MS);
            c.arrive(ack(IRS + 1 + 10 * WND, ISS + 1), 499 * MS);
            assertNothingSent(c);
            c.arrive(ack(IRS + 1 + 10 * WND, ISS + 1), 500 * MS);
            assertSegment(onlySent(c), ACK, ISS + 1, IRS + 1, 0);
        }

        @Test
        void established_unacceptableData_isAlwaysAcked() {
            // Data (and FIN) retransmissions need their ACK to recover; only pure ACKs are throttled.
            Conn c = established();
            for (int i = 0; i < 3; i++) {
                c.arrive(data(IRS + 1 - 10, ISS + 1, 10), i * MS);
            }
            assertEquals(3, c.rec.sent.size());
        }

        @Test
        void established_oldAck_doesNotUpdateSendWindow() {
            // §3.10.7.4 fifth: "If SND.UNA =< SEG.ACK =< SND.NXT, the send window should be updated";
            // an older ACK (a delayed duplicate) must not, or its stale window (here 0) stalls us.
            Conn c = established();
            c.send(100, 0);
            c.arrive(Segment.ack(REMOTE, LOCAL, IRS + 1, ISS + 101, 1000), 10 * MS);
            c.arrive(Segment.ack(REMOTE, LOCAL, IRS + 1, ISS + 1, 0), 11 * MS);
            assertEquals(1000, c.ep.sndWnd());
            c.cleared();
            c.send(100, 12 * MS);
            assertSegment(onlySent(c), PSH | ACK, ISS + 101, IRS + 1, 100);
        }

        @Test
        void established_ackOfUnsentData_isAckedAndDropped() {
            Conn c = established();
            c.arrive(data(IRS + 1, ISS + 50, 10), 0);
            assertSegment(onlySent(c), ACK, ISS + 1, IRS + 1, 0);
            assertEquals(ISS + 1, c.ep.sndUna());
            assertEquals(IRS + 1, c.ep.rcvNxt());
        }

        @Test
        void established_sendThenClose_sendsDataThenFinAfterIt() {
            Conn c = established();
            c.send(100, 0);
            c.close(0);
            List<Segment> out = c.rec.segments();
            assertEquals(2, out.size(), out::toString);
            assertSegment(out.get(0), PSH | ACK, ISS + 1, IRS + 1, 100);
            assertSegment(out.get(1), FIN | ACK, ISS + 101, IRS + 1, 0);
            assertEquals(ISS + 102, c.ep.sndNxt());
        }

        @Test
        void established_openAgain_connectionAlreadyExists() {
            Conn c = established();
            assertEquals(CONNECTION_ALREADY_EXISTS, c.connect(0));
            assertEquals(CONNECTION_ALREADY_EXISTS, c.listen(0));
        }
    }

    // ------------------------------------------------------------------ FIN-WAIT-1

    @Nested
    class FinWait1 {
        @Test
        void finWait1_receivesAckOfFin_movesToFinWait2() {
            Conn c = finWait1();
            c.arrive(ack(IRS + 1, ISS + 2), 0);
            assertNothingSent(c);
            assertTransitions(c, tr(FIN_WAIT_1, FIN_WAIT_2, Cause.RCV_ACK_OF_FIN));
            assertSameTcb(finWait2(), c);
        }

        @Test
        void finWait1_receivesFin_movesToClosingAndAcks() {
            Conn c = finWait1();
            c.arrive(fin(IRS + 1, ISS + 1), 0);
            assertSegment(onlySent(c), ACK, ISS + 2, IRS + 2, 0);
            assertTransitions(c, tr(FIN_WAIT_1, CLOSING, Cause.RCV_FIN));
            assertTrue(c.rec.notices.contains(Notice.EOF));
            assertSameTcb(closing(), c);
        }

        @Test
        void finWait1_receivesFinAckOfFin_movesToTimeWait() {
            Conn c = finWait1();
            c.arrive(fin(IRS + 1, ISS + 2), 0);
            assertSegment(onlySent(c), ACK, ISS + 2, IRS + 2, 0);
            assertTransitions(c, tr(FIN_WAIT_1, TIME_WAIT, Cause.RCV_FIN_ACK_OF_FIN));
            assertSameTcb(timeWait(), c);
        }

        @Test
        void finWait1_ackOfDataButNotFin_staysInFinWait1() {
            Conn c = established();
            c.send(10, 0);
            c.close(0);
            c.cleared();
            c.arrive(ack(IRS + 1, ISS + 11), 0);
            assertTransitions(c);
            assertEquals(FIN_WAIT_1, c.state());
        }

        @Test
        void finWait1_receivesData_deliversAndAcks() {
            Conn c = finWait1();
            c.arrive(data(IRS + 1, ISS + 1, 10), 0);
            assertTrue(c.rec.notices.contains(Notice.DATA));
            assertSegment(onlySent(c), ACK, ISS + 2, IRS + 11, 0);
        }

        @Test
        void finWait1_userCalls_connectionClosingAndNoSecondFin() {
            Conn c = finWait1();
            assertEquals(CONNECTION_CLOSING, c.send(10, 0));
            TcpEndpoint.CallResult r = c.close(0);
            assertTrue(r == CONNECTION_CLOSING || r == OK, r::toString);
            assertNothingSent(c);
            assertTransitions(c);
        }

        @Test
        void finWait1_finLost_isRetransmittedOnTimeout() {
            Conn c = finWait1();
            assertEquals(200 * MS, c.ep.nextDeadline());
            c.timer(200 * MS);
            assertSegment(onlySent(c), FIN | ACK, ISS + 1, IRS + 1, 0);
            assertEquals(600 * MS, c.ep.nextDeadline());
        }
    }

    // ------------------------------------------------------------------ FIN-WAIT-2

    @Nested
    class FinWait2 {
        /** ESTABLISHED after a 200 ms handshake (RTO 600 ms), closed at 1 s, our FIN acknowledged at 1.2 s. */
        private Conn orphanedAfterRoundTrips(TcpConfig cfg) {
            Conn c = listen(cfg);
            c.arrive(syn(IRS), 0);
            c.arrive(ack(IRS + 1, ISS + 1), 200 * MS);
            c.close(1 * S);
            c.arrive(ack(IRS + 1, ISS + 2), 1200 * MS);
            assertEquals(FIN_WAIT_2, c.state());
            return c.cleared();
        }

        @Test
        void anOrphanedFinWait2WithASmallFinTimeoutWaitsThreeAndAHalfRto() {
            // tcp_fin_time(): max(tcp_fin_timeout, 3.5 RTO).
            Conn c = orphanedAfterRoundTrips(CFG.toBuilder().finWait2TimeoutMs(1000).finTimeRtoFloor(true).build());
            long rto = c.ep.rtoUs();
            assertTrue(rto >= 500 * MS, "RTO after two 200 ms samples: " + rto);
            assertEquals(1200 * MS + rto * 7 / 2, c.ep.nextDeadline());
            c.runTimers(1000 * S);
            assertTransitions(c, tr(FIN_WAIT_2, CLOSED, Cause.TIMEOUT_FIN_WAIT_2));
        }

        @Test
        void anOrphanedFinWait2WithALargeFinTimeoutWaitsTheFinTimeout() {
            Conn c = orphanedAfterRoundTrips(CFG.toBuilder().finWait2TimeoutMs(60_000).finTimeRtoFloor(true).build());
            assertEquals(1200 * MS + 60 * S, c.ep.nextDeadline());
        }

        @Test
        void anOrphanedFinWait2WithoutTheRtoFloorWaitsTheFinTimeoutAlone() {
            Conn c = orphanedAfterRoundTrips(CFG.toBuilder().finWait2TimeoutMs(1000).build());
            assertEquals(2200 * MS, c.ep.nextDeadline());
        }

        @Test
        void finWait2_receivesFin_movesToTimeWaitAndAcks() {
            Conn c = finWait2();
            c.arrive(fin(IRS + 1, ISS + 2), 5 * S);
            assertSegment(onlySent(c), ACK, ISS + 2, IRS + 2, 0);
            assertTransitions(c, tr(FIN_WAIT_2, TIME_WAIT, Cause.RCV_FIN));
            assertTrue(c.rec.notices.contains(Notice.EOF));
            assertEquals(65 * S, c.ep.nextDeadline());
        }

        @Test
        void finWait2_receivesData_deliversAndAcks() {
            Conn c = finWait2();
            c.arrive(data(IRS + 1, ISS + 2, 10), 0);
            assertTrue(c.rec.notices.contains(Notice.DATA));
            assertSegment(onlySent(c), ACK, ISS + 2, IRS + 11, 0);
            assertEquals(FIN_WAIT_2, c.state());
        }

        @Test
        void finWait2_waitsForeverByDefault() {
            assertEquals(NEVER, finWait2().ep.nextDeadline());
        }

        @Test
        void finWait2_orphaned_isDroppedExactlyAfterFinTimeout() {
            Conn c = finWait2(CFG.toBuilder().finWait2TimeoutMs(60_000).build());
            assertEquals(60 * S, c.ep.nextDeadline());
            c.timer(60 * S - 1);
            assertTransitions(c);
            c.timer(60 * S);
            assertTransitions(c, tr(FIN_WAIT_2, CLOSED, Cause.TIMEOUT_FIN_WAIT_2));
            assertNothingSent(c);
        }

        @Test
        void finWait2_userCalls_connectionClosing() {
            Conn c = finWait2();
            assertEquals(CONNECTION_CLOSING, c.send(10, 0));
            TcpEndpoint.CallResult r = c.close(0);
            assertTrue(r == CONNECTION_CLOSING || r == OK, r::toString);
            assertNothingSent(c);
        }
    }

    // ------------------------------------------------------------------ CLOSE-WAIT

    @Nested
    class CloseWait {
        @Test
        void aCloseWaitEndpointClosingWithUnreadDataSendsRst() {
            Conn c = established();
            c.ep.setReadsAtOnce(false);
            c.arrive(data(IRS + 1, ISS + 1, 100), 0);
            c.arrive(fin(IRS + 101, ISS + 1), 0);
            assertEquals(CLOSE_WAIT, c.state());
            c.cleared();
            assertEquals(OK, c.close(10 * MS));
            assertSegment(onlySent(c), RST | ACK, ISS + 1, IRS + 102, 0);
            assertTransitions(c, tr(CLOSE_WAIT, CLOSED, Cause.CLOSE));
        }

        @Test
        void aCloseWaitEndpointWhoseOnlyUnreadThingIsTheFinClosesWithFin() {
            // __tcp_close() does not count the FIN as unread data.
            Conn c = established();
            c.ep.setReadsAtOnce(false);
            c.arrive(fin(IRS + 1, ISS + 1), 0);
            c.cleared();
            assertEquals(OK, c.close(10 * MS));
            assertSegment(onlySent(c), FIN | ACK, ISS + 1, IRS + 2, 0);
            assertTransitions(c, tr(CLOSE_WAIT, LAST_ACK, Cause.CLOSE));
        }

        @Test
        void closeWait_close_sendsFinAndMovesToLastAck() {
            Conn c = closeWait();
            assertEquals(OK, c.close(0));
            assertSegment(onlySent(c), FIN | ACK, ISS + 1, IRS + 2, 0);
            assertTransitions(c, tr(CLOSE_WAIT, LAST_ACK, Cause.CLOSE));
            assertSameTcb(lastAck(), c);
        }

        @Test
        void closeWait_send_stillSendsData() {
            Conn c = closeWait();
            assertEquals(OK, c.send(10, 0));
            assertSegment(onlySent(c), PSH | ACK, ISS + 1, IRS + 2, 10);
        }

        @Test
        void closeWait_retransmittedFin_isReAcked() {
            Conn c = closeWait();
            c.arrive(fin(IRS + 1, ISS + 1), 0);
            assertSegment(onlySent(c), ACK, ISS + 1, IRS + 2, 0);
            assertTransitions(c);
            assertSameTcb(closeWait(), c);
        }
    }

    // ------------------------------------------------------------------ CLOSING

    @Nested
    class Closing {
        @Test
        void closing_receivesAckOfFin_movesToTimeWait() {
            Conn c = closing();
            c.arrive(ack(IRS + 2, ISS + 2), 0);
            assertNothingSent(c);
            assertTransitions(c, tr(CLOSING, TIME_WAIT, Cause.RCV_ACK_OF_FIN));
            assertSameTcb(timeWait(), c);
        }

        @Test
        void closing_ackNotOfFin_staysClosing() {
            Conn c = closing();
            c.arrive(ack(IRS + 2, ISS + 1), 0);
            assertTransitions(c);
            assertEquals(CLOSING, c.state());
        }

        @Test
        void closing_userCalls_connectionClosing() {
            Conn c = closing();
            assertEquals(CONNECTION_CLOSING, c.close(0));
            assertEquals(CONNECTION_CLOSING, c.send(1, 0));
            assertNothingSent(c);
        }

        @Test
        void closing_finLost_isRetransmitted() {
            Conn c = closing();
            c.runTimers(200 * MS);
            assertSegment(onlySent(c), FIN | ACK, ISS + 1, IRS + 2, 0);
        }
    }

    // ------------------------------------------------------------------ LAST-ACK

    @Nested
    class LastAck {
        @Test
        void lastAck_receivesAckOfFin_movesToClosed() {
            Conn c = lastAck();
            c.arrive(ack(IRS + 2, ISS + 2), 0);
            assertNothingSent(c);
            assertTransitions(c, tr(LAST_ACK, CLOSED, Cause.RCV_ACK_OF_FIN));
            assertTrue(c.rec.notices.contains(Notice.DELETED));
            assertEquals(NEVER, c.ep.nextDeadline());
        }

        @Test
        void lastAck_ackNotOfFin_staysLastAck() {
            Conn c = lastAck();
            c.arrive(ack(IRS + 2, ISS + 1), 0);
            assertTransitions(c);
            assertEquals(LAST_ACK, c.state());
        }

        @Test
        void lastAck_finLost_isRetransmitted() {
            Conn c = lastAck();
            c.runTimers(200 * MS);
            assertSegment(onlySent(c), FIN | ACK, ISS + 1, IRS + 2, 0);
        }

        @Test
        void lastAck_userCalls_connectionClosing() {
            Conn c = lastAck();
            assertEquals(CONNECTION_CLOSING, c.close(0));
            assertEquals(CONNECTION_CLOSING, c.send(1, 0));
        }
    }

    // ------------------------------------------------------------------ TIME-WAIT

    @Nested
    class TimeWait {
        @Test
        void timeWait_2mslTimeout_closesExactlyAtConfiguredTime() {
            Conn c = timeWait();
            assertEquals(60 * S, c.ep.nextDeadline());
            c.timer(60 * S - 1);
            assertTransitions(c);
            c.timer(60 * S);
            assertTransitions(c, tr(TIME_WAIT, CLOSED, Cause.TIMEOUT_2MSL));
            assertTrue(c.rec.notices.contains(Notice.DELETED));
            assertNothingSent(c);
            assertEquals(NEVER, c.ep.nextDeadline());
        }

        @Test
        void timeWait_lengthComesFromConfig() {
            Conn c = timeWait(CFG.toBuilder().timeWaitMs(240_000).build());
            assertEquals(240 * S, c.ep.nextDeadline());
        }

        @Test
        void timeWait_retransmittedFin_isReAckedAndTimerRestarted() {
            Conn c = timeWait();
            c.arrive(fin(IRS + 1, ISS + 2), 30 * S);
            assertSegment(onlySent(c), ACK, ISS + 2, IRS + 2, 0);
            assertTransitions(c);
            assertEquals(90 * S, c.ep.nextDeadline());
            c.runTimers(90 * S);
            assertTransitions(c, tr(TIME_WAIT, CLOSED, Cause.TIMEOUT_2MSL));
            assertEquals(List.of(90 * S), c.rec.transitionTimes);
        }

        @Test
        void timeWait_userCalls_connectionClosing() {
            Conn c = timeWait();
            assertEquals(CONNECTION_CLOSING, c.close(0));
            assertEquals(CONNECTION_CLOSING, c.send(1, 0));
            assertNothingSent(c);
        }
    }

    // ------------------------------------------------------------------ timers

    @Nested
    class Timers {
        private List<Long> seconds(long... s) {
            List<Long> out = new ArrayList<>();
            for (long x : s) {
                out.add(x * S);
            }
            return out;
        }

        @Test
        void synRetransmission_linearThenDoubling_givesUpAt131s() {
            // ip-sysctl.rst: tcp_syn_retries 6 with tcp_syn_linear_timeouts 4: the last SYN at
            // 67 s, the final timeout at 131 s.
            Conn c = synSent(config(1000, 6, 4));
            c.runTimers(1000 * S);
            assertEquals(seconds(1, 2, 3, 4, 5, 7, 11, 19, 35, 67), c.rec.sentTimes());
            for (Segment s : c.rec.segments()) {
                assertSegment(s, SYN, ISS, 0, 0);
            }
            assertTransitions(c, tr(SYN_SENT, CLOSED, Cause.TIMEOUT_RETRANSMISSION));
            assertEquals(seconds(131), c.rec.transitionTimes);
            assertTrue(c.rec.notices.contains(Notice.TIMED_OUT));
        }

        @Test
        void synRetransmission_withoutLinearTimeouts_doublesFromInitialRto() {
            Conn c = closed(config(3000, 2, 0));
            c.connect(0);
            c.runTimers(1000 * S);
            assertEquals(seconds(0, 3, 9), c.rec.sentTimes());
            assertEquals(seconds(0, 21), c.rec.transitionTimes);
            assertEquals(tr(SYN_SENT, CLOSED, Cause.TIMEOUT_RETRANSMISSION), c.rec.transitions.get(1));
            assertTrue(c.rec.notices.contains(Notice.TIMED_OUT));
        }

        @Test
        void synAckRetransmission_passiveChild_isForgottenAt63sWithoutNotice() {
            Conn c = new Conn(CFG, true);
            assertEquals(LISTEN, c.state());
            c.arrive(syn(IRS), 0);
            c.runTimers(1000 * S);
            assertEquals(seconds(0, 1, 3, 7, 15, 31), c.rec.sentTimes());
            for (Segment s : c.rec.segments()) {
                assertSegment(s, SYN | ACK, ISS, IRS + 1, 0);
            }
            assertTransitions(c, tr(LISTEN, SYN_RECEIVED, Cause.RCV_SYN),
                    tr(SYN_RECEIVED, CLOSED, Cause.TIMEOUT_RETRANSMISSION));
            assertEquals(seconds(0, 63), c.rec.transitionTimes);
            assertFalse(c.rec.notices.contains(Notice.TIMED_OUT));
        }

        @Test
        void synAckRetransmission_simultaneousOpen_givesUpWithTimedOutAfterTheSynRetries() {
            // The connect()ing socket keeps counting against tcp_syn_retries (6 here) in SYN_RECV
            // (tcp_write_timeout()), not the listener's tcp_synack_retries (5).
            Conn c = synSent();
            c.arrive(syn(IRS), 0);
            c.cleared();
            c.runTimers(1000 * S);
            assertEquals(seconds(1, 3, 7, 15, 31, 63), c.rec.sentTimes());
            assertEquals(List.of(127 * S), c.rec.transitionTimes);
            assertTransitions(c, tr(SYN_RECEIVED, CLOSED, Cause.TIMEOUT_RETRANSMISSION));
            assertTrue(c.rec.notices.contains(Notice.TIMED_OUT));
        }

        @Test
        void dataRetransmission_doublesRtoAndGivesUpAfterCount() {
            Conn c = established(CFG.toBuilder().dataRetries(3, 8, TcpConfig.GiveUp.COUNT).build());
            assertEquals(200 * MS, c.ep.rtoUs());
            c.send(100, 0);
            c.runTimers(1000 * S);
            assertEquals(List.of(0L, 200 * MS, 600 * MS, 1400 * MS), c.rec.sentTimes());
            for (Segment s : c.rec.segments()) {
                assertSegment(s, PSH | ACK, ISS + 1, IRS + 1, 100);
            }
            assertTransitions(c, tr(ESTABLISHED, CLOSED, Cause.TIMEOUT_RETRANSMISSION));
            assertEquals(List.of(3000 * MS), c.rec.transitionTimes);
            assertTrue(c.rec.notices.contains(Notice.TIMED_OUT));
        }

        @Test
        void linuxBudget_forFifteenRetries_is924point6Seconds() {
            assertEquals(924_600, CFG.linuxBudgetMs(15));
            assertEquals(200 + 400 + 800, CFG.linuxBudgetMs(2));
        }

        @Test
        void dataRetransmission_linuxTimeBudget_givesUpAtTheBudget() {
            Conn c = established(CFG.toBuilder().dataRetries(15, 8, TcpConfig.GiveUp.LINUX_TIME_BUDGET).build());
            c.send(100, 0);
            c.runTimers(10_000 * S);
            List<Long> expected = new ArrayList<>();
            long t = 0;
            long rto = 200 * MS;
            expected.add(0L);
            for (int i = 0; i < 15; i++) {
                t += rto;
                expected.add(t);
                rto = Math.min(rto * 2, 120 * S);
            }
            assertEquals(expected, c.rec.sentTimes());
            assertEquals(List.of(924_600 * MS), c.rec.transitionTimes);
            assertTransitions(c, tr(ESTABLISHED, CLOSED, Cause.TIMEOUT_RETRANSMISSION));
            assertTrue(c.rec.notices.contains(Notice.TIMED_OUT));
        }

        @Test
        void orphanedFin_usesOrphanRetriesAndGivesUpSilently() {
            Conn c = finWait1(CFG.toBuilder().dataRetries(15, 2, TcpConfig.GiveUp.COUNT).build());
            c.runTimers(1000 * S);
            assertEquals(List.of(200 * MS, 600 * MS), c.rec.sentTimes());
            assertTransitions(c, tr(FIN_WAIT_1, CLOSED, Cause.TIMEOUT_RETRANSMISSION));
            assertEquals(List.of(1400 * MS), c.rec.transitionTimes);
            assertFalse(c.rec.notices.contains(Notice.TIMED_OUT));
        }

        /** RTO after the handshake (200 ms) and {@code windows} request/ACK exchanges, each a 200 ms round trip. */
        private long rtoAfterSteadyRoundTrips(TcpConfig.RttEstimator estimator, int windows) {
            Conn c = listen(CFG.toBuilder().rttEstimator(estimator).build());
            c.arrive(syn(IRS), 0);
            c.arrive(ack(IRS + 1, ISS + 1), 200 * MS);
            for (int i = 0; i < windows; i++) {
                long t = (i + 1) * S;
                c.send(100, t);
                c.arrive(ack(IRS + 1, ISS + 1 + 100 * (i + 1)), t + 200 * MS);
            }
            return c.ep.rtoUs();
        }

        @Test
        void aLinuxEndpointKeepsA600msRtoAfterASecondSampleOfASteady200msRoundTrip() {
            // tcp_rtt_estimator(): rttvar falls only once per window, towards a deviation floored at
            // tcp_rto_min; Linux 6.18 shows 600 ms here.
            assertEquals(600 * MS, rtoAfterSteadyRoundTrips(TcpConfig.RttEstimator.LINUX, 0));
            assertEquals(600 * MS, rtoAfterSteadyRoundTrips(TcpConfig.RttEstimator.LINUX, 1));
        }

        @Test
        void aLinuxEndpointsRtoSettlesAtSrttPlusTheMinimumRto() {
            // (the kernel's fixed-point arithmetic leaves a few µs over)
            assertEquals(400, rtoAfterSteadyRoundTrips(TcpConfig.RttEstimator.LINUX, 60) / MS);
        }

        @Test
        void anRfc6298EndpointLowersItsRtoTo500msAfterTheSecondSample() {
            // RFC 6298 §2.3: RTTVAR = 3/4·100 + 1/4·0 = 75 ms, RTO = 200 + 4·75 = 500 ms.
            assertEquals(600 * MS, rtoAfterSteadyRoundTrips(TcpConfig.RttEstimator.RFC_6298, 0));
            assertEquals(500 * MS, rtoAfterSteadyRoundTrips(TcpConfig.RttEstimator.RFC_6298, 1));
            // ... and towards SRTT + G (the clock granularity, 1 µs in the model), no less than the minimum RTO (§2.4).
            assertEquals(200 * MS + 1, rtoAfterSteadyRoundTrips(TcpConfig.RttEstimator.RFC_6298, 60));
        }

        /** ESTABLISHED after a 200 ms handshake: SRTT 200 ms, RTO 600 ms. */
        private Conn establishedAfter200ms(boolean tailLossProbe) {
            Conn c = listen(CFG.toBuilder().tailLossProbe(tailLossProbe).rttEstimator(TcpConfig.RttEstimator.LINUX).build());
            c.arrive(syn(IRS), 0);
            c.arrive(ack(IRS + 1, ISS + 1), 200 * MS);
            assertEquals(600 * MS, c.ep.rtoUs());
            return c.cleared();
        }

        @Test
        void aSegmentLostTwiceIsProbedThenRetransmittedOneUndoubledRtoAfterTheProbe() {
            // RFC 8985 §7, tcp_schedule_loss_probe()/tcp_send_loss_probe(): PTO = min(2·SRTT +
            // RTO.min, RTO) = 600 ms, the probe resends the tail, the RTO restarts at 600 ms; only
            // the real timeout after it doubles the RTO.
            Conn c = establishedAfter200ms(true);
            c.send(100, 1 * S);
            c.runTimers(3 * S);
            assertEquals(List.of(1000 * MS, 1600 * MS, 2200 * MS), c.rec.sentTimes());
            for (Segment s : c.rec.segments()) {
                assertSegment(s, PSH | ACK, ISS + 1, IRS + 1, 100);
            }
            assertEquals(1200 * MS, c.ep.rtoUs());
            assertEquals(3400 * MS, c.ep.nextDeadline());
        }

        @Test
        void withoutTailLossProbeTheSecondRetransmissionComesAfterADoubledRto() {
            Conn c = establishedAfter200ms(false);
            c.send(100, 1 * S);
            c.runTimers(3 * S);
            assertEquals(List.of(1000 * MS, 1600 * MS, 2800 * MS), c.rec.sentTimes());
        }

        @Test
        void withSeveralSegmentsInFlightTheProbeComesAfterTwoRoundTripsAndResendsTheLastSegment() {
            Conn c = establishedAfter200ms(true);
            c.send(2920, 1 * S); // two full segments
            assertEquals(1402 * MS, c.ep.nextDeadline());
            c.cleared();
            c.timer(1402 * MS);
            assertSegment(onlySent(c), PSH | ACK, ISS + 1461, IRS + 1, 1460);
            assertEquals(2002 * MS, c.ep.nextDeadline());
        }

        @Test
        void anAcknowledgedProbeEndsTheEpisodeAndTheNextTailIsProbedAgain() {
            Conn c = establishedAfter200ms(true);
            c.send(100, 1 * S);
            c.timer(1600 * MS);                                // the probe
            c.arrive(ack(IRS + 1, ISS + 101), 1800 * MS);      // it got through
            assertEquals(NEVER, c.ep.nextDeadline());
            c.send(100, 2 * S);
            c.cleared();
            c.runTimers(2 * S + 600 * MS);
            assertSegment(onlySent(c), PSH | ACK, ISS + 101, IRS + 1, 100);
            assertEquals(List.of(2600 * MS), c.rec.sentTimes());
        }

        @Test
        void karn_ackOfRetransmittedSegment_givesNoRttSample() {
            Conn c = established();
            c.send(100, 0);
            c.timer(200 * MS);
            assertEquals(400 * MS, c.ep.rtoUs());
            c.arrive(ack(IRS + 1, ISS + 101), 250 * MS);
            assertEquals(400 * MS, c.ep.rtoUs());
        }

        @Test
        void karn_segmentResentAfterGoBack_givesNoRttSample() {
            Conn c = established();
            c.send(2920, 0); // two full segments
            c.timer(200 * MS); // retransmits the first only
            assertEquals(400 * MS, c.ep.rtoUs());
            c.cleared();
            c.arrive(ack(IRS + 1, ISS + 1461), 250 * MS);
            assertSegment(onlySent(c), PSH | ACK, ISS + 1461, IRS + 1, 1460); // sent a second time
            c.arrive(ack(IRS + 1, ISS + 2921), 260 * MS);
            // Both segments were sent twice: the ACKs are ambiguous (RFC 6298 §3).
            assertEquals(400 * MS, c.ep.rtoUs());
        }

        @Test
        void lateAckOfOriginalTransmission_afterTimeout_isAccepted() {
            // The first RTO was spurious: the ACK of everything sent arrives just after it.
            Conn c = established();
            c.send(2920, 0);
            c.timer(200 * MS);
            c.cleared();
            c.arrive(ack(IRS + 1, ISS + 2921), 250 * MS);
            assertEquals(ISS + 2921, c.ep.sndUna());
            assertEquals(0, c.ep.sendQueueBytes());
            assertEquals(NEVER, c.ep.nextDeadline());
            assertNothingSent(c);
        }

        @Test
        void userTimeout_givesUpExactlyWhenItExpires() {
            // RFC 9293 §3.10.8; Linux clamps the RTO to the time left (tcp_clamp_rto_to_user_timeout).
            Conn c = established(CFG.toBuilder().userTimeoutMs(5000).build());
            c.send(100, 0);
            c.runTimers(1000 * S);
            assertEquals(List.of(0L, 200 * MS, 600 * MS, 1400 * MS, 3000 * MS), c.rec.sentTimes());
            assertTransitions(c, tr(ESTABLISHED, CLOSED, Cause.TIMEOUT_USER));
            assertEquals(List.of(5 * S), c.rec.transitionTimes);
            assertTrue(c.rec.notices.contains(Notice.USER_TIMED_OUT));
        }

        @Test
        void nextDeadline_timerFiredEarlierThanDeadline_doesNothing() {
            for (TcpState s : TcpState.values()) {
                Conn c = fixture(s);
                long d = c.ep.nextDeadline();
                if (d != NEVER) {
                    c.timer(d - 1);
                    assertNothingSent(c);
                    assertTransitions(c);
                    assertEquals(d, c.ep.nextDeadline(), s::toString);
                }
            }
        }

        @Test
        void nextDeadline_isNeverWhenNothingIsPending() {
            for (TcpState s : List.of(CLOSED, LISTEN, ESTABLISHED, FIN_WAIT_2, CLOSE_WAIT)) {
                assertEquals(NEVER, fixture(s).ep.nextDeadline(), s::toString);
            }
        }
    }

    // ------------------------------------------------------------------ RST and RFC 5961

    @Nested
    class Rst {
        @Test
        void synSent_rstAckOfOurSyn_isRefused() {
            Conn c = synSent();
            c.arrive(peer(RST | ACK, 0, ISS + 1, 0), 0);
            assertNothingSent(c);
            assertTransitions(c, tr(SYN_SENT, CLOSED, Cause.RCV_RST));
            assertTrue(c.rec.notices.contains(Notice.REFUSED));
            assertEquals(NEVER, c.ep.nextDeadline());
        }

        @Test
        void synSent_rstWhoseAckIsNotOfOurSyn_isIgnored() {
            Conn c = synSent();
            c.arrive(peer(RST | ACK, 0, ISS + 7, 0), 0);
            c.arrive(peer(RST | ACK, 0, ISS, 0), 0);
            c.arrive(rst(0), 0); // no ACK at all
            assertNothingSent(c);
            assertTransitions(c);
            assertSameTcb(synSent(), c);
        }

        @Test
        void synReceivedFromPassiveOpen_rst_returnsToListen() {
            Conn c = synReceived();
            c.arrive(rst(IRS + 1), 0);
            assertNothingSent(c);
            assertTransitions(c, tr(SYN_RECEIVED, LISTEN, Cause.RCV_RST));
            assertFalse(c.rec.notices.contains(Notice.RESET));
            assertEquals(NEVER, c.ep.nextDeadline());
        }

        @Test
        void synReceivedFromActiveOpen_rst_isRefused() {
            Conn c = synSent();
            c.arrive(syn(IRS), 0);
            c.cleared();
            c.arrive(rst(IRS + 1), 0);
            assertTransitions(c, tr(SYN_RECEIVED, CLOSED, Cause.RCV_RST));
            assertTrue(c.rec.notices.contains(Notice.REFUSED));
        }

        @ParameterizedTest
        @EnumSource(value = TcpState.class, names = {"ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT"})
        void synchronized_rstAtRcvNxt_resetsWithNotice(TcpState state) {
            Conn c = fixture(state);
            c.arrive(rst(c.ep.rcvNxt()), 0);
            assertNothingSent(c);
            assertTransitions(c, tr(state, CLOSED, Cause.RCV_RST));
            assertTrue(c.rec.notices.contains(Notice.RESET));
            assertEquals(NEVER, c.ep.nextDeadline());
        }

        @ParameterizedTest
        @EnumSource(value = TcpState.class, names = {"CLOSING", "LAST_ACK", "TIME_WAIT"})
        void closingStates_rstAtRcvNxt_closesWithoutResetNotice(TcpState state) {
            Conn c = fixture(state);
            c.arrive(rst(c.ep.rcvNxt()), 0);
            assertNothingSent(c);
            assertTransitions(c, tr(state, CLOSED, Cause.RCV_RST));
            assertFalse(c.rec.notices.contains(Notice.RESET));
        }

        @ParameterizedTest
        @EnumSource(value = TcpState.class, names = {"SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2",
                "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT"})
        void rstInWindowButNotExact_getsChallengeAck(TcpState state) {
            Conn c = fixture(state);
            Tcb before = Tcb.of(c.ep);
            c.arrive(rst(c.ep.rcvNxt() + 100), 0);
            assertSegment(onlySent(c), ACK, c.ep.sndNxt(), c.ep.rcvNxt(), 0);
            assertTransitions(c);
            assertEquals(before, Tcb.of(c.ep));
        }

        @ParameterizedTest
        @EnumSource(value = TcpState.class, names = {"SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2",
                "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT"})
        void rstOutsideWindow_isSilentlyDropped(TcpState state) {
            Conn c = fixture(state);
            Tcb before = Tcb.of(c.ep);
            c.arrive(rst(c.ep.rcvNxt() + WND), 0);
            c.arrive(rst(c.ep.rcvNxt() - 1), 0);
            assertNothingSent(c);
            assertTransitions(c);
            assertEquals(before, Tcb.of(c.ep));
        }

        @ParameterizedTest
        @EnumSource(value = TcpState.class, names = {"ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT",
                "CLOSING", "LAST_ACK", "TIME_WAIT"})
        void synInSynchronizedState_getsChallengeAck(TcpState state) {
            for (int seq : new int[] {IRS, IRS + 50, IRS + 1 + WND + 7}) {
                Conn c = fixture(state);
                Tcb before = Tcb.of(c.ep);
                c.arrive(syn(seq), 0);
                assertSegment(onlySent(c), ACK, c.ep.sndNxt(), c.ep.rcvNxt(), 0);
                assertTransitions(c);
                assertEquals(before, Tcb.of(c.ep));
            }
        }

        @Test
        void resetFor_segmentWithoutAck_isRstAckAcknowledgingSegLen() {
            // SYN + 10 octets + FIN occupy 12 sequence numbers; SEQ+12 wraps past 2^32.
            Segment in = Segment.from(REMOTE).to(LOCAL).seq(0xFFFFFFFA).flags(SYN | FIN).window(WND).len(10).build();
            Segment r = TcpEndpoint.resetFor(in);
            assertNotNull(r);
            assertEquals(LOCAL, r.src());
            assertEquals(REMOTE, r.dst());
            assertEquals(RST | ACK, r.flags());
            assertEquals(0, r.seq());
            assertEquals(6, r.ack());
            assertEquals(0, r.len());
        }

        @Test
        void resetFor_segmentWithAck_isRstAtSegAck() {
            Segment r = TcpEndpoint.resetFor(data(IRS, 0xFFFFFFFF, 5));
            assertNotNull(r);
            assertEquals(RST, r.flags());
            assertEquals(0xFFFFFFFF, r.seq());
            assertEquals(LOCAL, r.src());
            assertEquals(REMOTE, r.dst());
        }

        @Test
        void resetFor_rst_isNotAnswered() {
            assertNull(TcpEndpoint.resetFor(rst(5)));
            assertNull(TcpEndpoint.resetFor(peer(RST | ACK, 5, 6, 0)));
        }

        @ParameterizedTest
        @EnumSource(value = TcpState.class, names = {"SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT"})
        void abort_whereSynchronized_sendsRstAtSndNxt(TcpState state) {
            Conn c = fixture(state);
            int sndNxt = c.ep.sndNxt();
            int rcvNxt = c.ep.rcvNxt();
            assertEquals(OK, c.abort(0));
            Segment s = onlySent(c);
            assertTrue(s.has(RST), s::toString);
            assertFalse(s.has(SYN) || s.has(FIN) || s.len() > 0, s::toString);
            assertEquals(Seq.unsigned(sndNxt), Seq.unsigned(s.seq()));
            if (s.has(ACK)) {
                assertEquals(Seq.unsigned(rcvNxt), Seq.unsigned(s.ack()));
            }
            assertTransitions(c, tr(state, CLOSED, Cause.ABORT));
            assertEquals(NEVER, c.ep.nextDeadline());
        }

        @ParameterizedTest
        @EnumSource(value = TcpState.class, names = {"LISTEN", "SYN_SENT", "CLOSING", "LAST_ACK", "TIME_WAIT"})
        void abort_elsewhere_closesWithoutRst(TcpState state) {
            Conn c = fixture(state);
            assertEquals(OK, c.abort(0));
            assertNothingSent(c);
            assertTransitions(c, tr(state, CLOSED, Cause.ABORT));
            assertEquals(NEVER, c.ep.nextDeadline());
        }

        @Test
        void abort_finWait1_rstSeqCountsTheFin() {
            Conn c = finWait1();
            c.abort(0);
            assertEquals(ISS + 2, onlySent(c).seq());
        }
    }
}
