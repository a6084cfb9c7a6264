package tcplab.tcp;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.IntSupplier;

/**
 * One TCP connection endpoint (a TCB) and the event processing of RFC 9293 §3.10.
 *
 * <p>Pure: it reads no clock and owns no thread. Each call is one event — a user call (OPEN,
 * SEND, CLOSE, ABORT), an arriving segment, or a deadline ({@link #onTimer}) — with the current
 * virtual time in microseconds. Replies, state transitions and notices to the application go out
 * through {@link Events}; {@link #nextDeadline()} says when the endpoint next wants
 * {@link #onTimer} to be called. Every state change goes through {@link #setState}, which is the
 * only place that emits a transition.
 *
 * <p>Where the RFC leaves room, the model does what Linux does, and says so: SYN-ACK
 * retransmission on a duplicate SYN, RST,ACK on ABORT, RFC 5961 challenge ACKs, the RTO formula,
 * the SYN linear timeouts and the give-up rules (see {@link TcpConfig}). Simplifications that
 * never show anything false: out-of-order data is dropped and re-requested by a duplicate ACK
 * (no reassembly queue, so no fast retransmit), a FIN travels in its own segment, the
 * application reads at once so the advertised window never shrinks, and the congestion window is
 * counted in segments (initial window, reset to one after an RTO, +1 per new ACK).
 */
public final class TcpEndpoint {

    /** Where an endpoint's outputs go. Called synchronously, in order, during the event. */
    public interface Events {
        /** Put {@code segment} on the wire. */
        void transmit(TcpEndpoint from, Segment segment);

        /** Put {@code segment} on the wire, sent by a timer ({@code resend} null: sent for any other reason). */
        default void transmit(TcpEndpoint from, Segment segment, Resend resend) {
            transmit(from, segment);
        }

        /** The endpoint moved from one state to another. */
        void stateChanged(TcpEndpoint endpoint, TcpState from, TcpState to, Cause cause);

        /** Tell the application something; {@code segment} is the segment that caused it, if any. */
        void notice(TcpEndpoint endpoint, Notice notice, Segment segment);
    }

    /** Result of a user call (RFC 9293 §3.10.1–3.10.5 error responses). */
    public enum CallResult {
        OK,
        /** "error: connection does not exist" */
        CONNECTION_DOES_NOT_EXIST,
        /** "error: connection already exists" */
        CONNECTION_ALREADY_EXISTS,
        /** "error: connection closing" */
        CONNECTION_CLOSING,
        /** "error: foreign socket unspecified" */
        FOREIGN_SOCKET_UNSPECIFIED
    }

    private static final long NEVER = Long.MAX_VALUE;
    private static final int MAX_CWND = 1 << 16;

    /** A piece of the send stream: data octets, or the FIN, with its sequence number. */
    private static final class Chunk {
        final int seq;
        final int len;
        final boolean fin;
        final boolean push;
        final String label;
        long firstSentUs = -1;

        Chunk(int seq, int len, boolean fin, boolean push, String label) {
            this.seq = seq;
            this.len = len;
            this.fin = fin;
            this.push = push;
            this.label = label;
        }

        int end() {
            return seq + len + (fin ? 1 : 0);
        }
    }

    private final TcpConfig cfg;
    private final Endpoint local;
    private final IntSupplier isnSource;
    private final Events events;
    private Endpoint remote;
    /** Whether this connection came from LISTEN (RFC 9293 §3.10.7.4: RST in SYN-RECEIVED then returns to LISTEN). */
    private boolean passive;
    /** The application called CLOSE: Linux calls such a socket an orphan (tcp_orphan_retries, tcp_fin_timeout). */
    private boolean orphaned;
    private TcpState state = TcpState.CLOSED;
    private Object attachment;

    // Send sequence variables (RFC 9293 §3.3.1).
    private int iss;
    private int sndUna;
    private int sndNxt;
    /**
     * The highest sequence number sent, plus one: SND.NXT as RFC 9293 §3.3.1 defines it, which
     * never moves back. {@link #sndNxt} is where the next (re)transmission starts and goes back to
     * SND.UNA after a retransmission timeout; ACKs up to sndMax acknowledge data we did send.
     */
    private int sndMax;
    private int sndWnd;
    private int maxSndWnd;
    /** The sequence number the next queued octet (or FIN) will get. */
    private int sndEnd;
    private boolean finQueued;
    // Receive sequence variables.
    private int irs;
    private int rcvNxt;
    private final int rcvWnd;
    /**
     * Whether the application reads everything as soon as it arrives (the default). When not, in-order
     * data waits in {@link #unread} until {@link #read}: netstat's Recv-Q, and what decides
     * between FIN and RST on close ({@link #close}).
     */
    private boolean readsAtOnce = true;
    private int unread;

    private final ArrayDeque<Chunk> sendQueue = new ArrayDeque<>();

    // Retransmission (RFC 6298) and the other timers, all in virtual microseconds.
    private long rtoUs;
    private long srttUs = -1;
    /** RTTVAR (RFC 6298 estimator); 4·RTTVAR, Linux's tp->rttvar_us (Linux estimator). */
    private long rttvarUs;
    /** Linux estimator state (tcp_sock): 8·SRTT, the smoothed deviation, its maximum in this window, rtt_seq. */
    private long srtt8Us;
    private long mdevUs;
    private long mdevMaxUs;
    private int linuxRttSeq;
    private int retransmits;
    /** SYN-ACK retransmissions allowed at the next timeout, when the listener's queue lowers them; -1: the config's. */
    private int synAckRetryLimit = -1;
    private long rtxStartUs = -1;
    /** The timer whose expiry is sending segments right now (the trace tells RTO and TLP apart), or null. */
    private Resend sendingFor;
    /** The timeout the retransmission timer was last armed with (Linux's icsk_rto for SYN states). */
    private long rtxIntervalUs;
    private long synSentUs = -1;
    private boolean rttTiming;
    private int rttSeq;
    private long rttStartUs;
    private int cwnd;
    private long rtxAt = NEVER;
    /** When the tail loss probe fires (RFC 8985 §7); NEVER when none is armed. */
    private long probeAt = NEVER;
    /** A probe is out and not yet acknowledged up to {@link #tlpHighSeq} (Linux tp->tlp_high_seq). */
    private boolean tlpOutstanding;
    private int tlpHighSeq;
    /** An RTO happened and {@link #lossHighSeq} (SND.NXT then) is not yet acknowledged. */
    private boolean lossRecovery;
    private int lossHighSeq;
    private long timeWaitAt = NEVER;
    private long finWait2At = NEVER;
    /** When we last answered an unacceptable pure ACK or SYN (see {@link #ackRateLimited}); MIN_VALUE for never. */
    private long lastOowAckUs = Long.MIN_VALUE;

    /**
     * A new endpoint in CLOSED, bound to {@code local}.
     *
     * @param isnSource gives the initial send sequence number for each new connection; the
     *                  simulator draws it from its seeded random source (RFC 9293 §3.4.1 asks for
     *                  unpredictable ISNs; a seeded source keeps runs reproducible)
     */
    public TcpEndpoint(TcpConfig cfg, Endpoint local, IntSupplier isnSource, Events events) {
        this.cfg = cfg;
        this.local = local;
        this.isnSource = isnSource;
        this.events = events;
        this.rcvWnd = cfg.window();
        this.rtoUs = cfg.rtoInitialMs() * 1000;
        this.cwnd = cfg.initialCwnd();
    }

    /**
     * A connection spawned by a listening socket for one incoming SYN: it starts in LISTEN as a
     * copy of the listener (no transition is emitted) and is passive. Real stacks keep the
     * listening socket in LISTEN and give each SYN its own such child, which is why netstat shows a
     * LISTEN row beside SYN_RECEIVED and ESTABLISHED rows on the same port.
     */
    public static TcpEndpoint childOfListener(TcpConfig cfg, Endpoint local, IntSupplier isnSource, Events events) {
        TcpEndpoint child = new TcpEndpoint(cfg, local, isnSource, events);
        child.state = TcpState.LISTEN;
        child.passive = true;
        return child;
    }

    /**
     * The reply of a host with no connection for {@code seg} (RFC 9293 §3.10.7.1, "If the state
     * is CLOSED"): a RST, or null when {@code seg} itself is a RST. This is "connection refused".
     */
    public static Segment resetFor(Segment seg) {
        if (seg.has(Flags.RST)) {
            return null;
        }
        if (seg.has(Flags.ACK)) {
            // <SEQ=SEG.ACK><CTL=RST>
            return Segment.reset(seg.dst(), seg.src(), seg.ack());
        }
        // <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
        return Segment.resetAck(seg.dst(), seg.src(), 0, seg.seq() + seg.seqLen());
    }

    // ------------------------------------------------------------------ user calls (§3.10.1–3.10.5)

    /** OPEN, passive (RFC 9293 §3.10.1): CLOSED → LISTEN. */
    public CallResult listen(long nowUs) {
        if (state != TcpState.CLOSED) {
            return CallResult.CONNECTION_ALREADY_EXISTS;
        }
        passive = true;
        setState(TcpState.LISTEN, Cause.PASSIVE_OPEN, null);
        return CallResult.OK;
    }

    /** OPEN, active (RFC 9293 §3.10.1): send SYN, CLOSED → SYN-SENT. */
    public CallResult connect(Endpoint to, long nowUs) {
        if (state != TcpState.CLOSED) {
            return CallResult.CONNECTION_ALREADY_EXISTS;
        }
        remote = to;
        startActiveOpen(nowUs, Cause.ACTIVE_OPEN);
        return CallResult.OK;
    }

    /**
     * SEND (RFC 9293 §3.10.2): queue {@code len} octets described by {@code label}. In LISTEN with
     * a known foreign socket this turns the passive open into an active one (Figure 5's
     * "LISTEN → SEND / snd SYN → SYN-SENT").
     */
    public CallResult send(int len, String label, long nowUs) {
        if (len <= 0) {
            throw new IllegalArgumentException("send length must be positive");
        }
        switch (state) {
            case CLOSED:
                return CallResult.CONNECTION_DOES_NOT_EXIST;
            case LISTEN:
                if (remote == null) {
                    return CallResult.FOREIGN_SOCKET_UNSPECIFIED;
                }
                startActiveOpen(nowUs, Cause.SEND);
                enqueueData(len, label);
                return CallResult.OK;
            case SYN_SENT:
            case SYN_RECEIVED:
                // "Queue the data for transmission after entering ESTABLISHED state."
                enqueueData(len, label);
                return CallResult.OK;
            case ESTABLISHED:
            case CLOSE_WAIT:
                enqueueData(len, label);
                pump(nowUs);
                return CallResult.OK;
            default:
                return CallResult.CONNECTION_CLOSING;
        }
    }

    /** The foreign socket a LISTEN endpoint should SEND to (a "fully specified" passive OPEN). */
    public void setRemote(Endpoint remote) {
        this.remote = remote;
    }

    /** CLOSE (RFC 9293 §3.10.4). The application gives up the socket, as close(2) does. */
    public CallResult close(long nowUs) {
        switch (state) {
            case CLOSED:
                return CallResult.CONNECTION_DOES_NOT_EXIST;
            case LISTEN:
            case SYN_SENT:
                // "Any outstanding RECEIVEs are returned ... delete TCB, enter CLOSED state."
                orphaned = true;
                setState(TcpState.CLOSED, Cause.CLOSE, null);
                return CallResult.OK;
            case SYN_RECEIVED:
                if (sendQueue.isEmpty()) {
                    // "If no SENDs have been issued and there is no pending data to send, then form
                    // a FIN segment and send it, and enter FIN-WAIT-1 state" (§3.10.4; Figure 5
                    // SYN-RCVD --CLOSE / snd FIN--> FINWAIT-1). pump() would hold it back until our
                    // SYN is acknowledged, so send it here. (With data queued, the FIN follows
                    // the data once the handshake completes.)
                    orphaned = true;
                    enqueueFin();
                    setState(TcpState.FIN_WAIT_1, Cause.CLOSE, null);
                    sendChunk(sendQueue.peekFirst(), nowUs, false);
                    return CallResult.OK;
                }
                orphaned = true;
                enqueueFin();
                setState(TcpState.FIN_WAIT_1, Cause.CLOSE, null);
                return CallResult.OK;
            case ESTABLISHED:
                if (unread > 0) {
                    return closeDiscardingUnread(nowUs);
                }
                orphaned = true;
                enqueueFin();
                setState(TcpState.FIN_WAIT_1, Cause.CLOSE, null);
                pump(nowUs);
                return CallResult.OK;
            case CLOSE_WAIT:
                if (unread > 0) {
                    return closeDiscardingUnread(nowUs);
                }
                orphaned = true;
                enqueueFin();
                setState(TcpState.LAST_ACK, Cause.CLOSE, null);
                pump(nowUs);
                return CallResult.OK;
            default:
                return CallResult.CONNECTION_CLOSING;
        }
    }

    /**
     * CLOSE while received data is still unread: the data is thrown away, so the peer must not
     * believe it was delivered. RFC 9293 §3.6.1 ("if data is still in the receive buffer ... a RST
     * should be sent") and RFC 2525 §2.17; Linux's __tcp_close() counts the unread octets (the FIN
     * not counted), moves to CLOSE and sends RST,ACK with SND.NXT and RCV.NXT
     * (tcp_send_active_reset), and the peer's next read fails with ECONNRESET.
     */
    private CallResult closeDiscardingUnread(long nowUs) {
        orphaned = true;
        unread = 0;
        transmit(Segment.resetAck(local, remote, sndMax, rcvNxt), nowUs);
        setState(TcpState.CLOSED, Cause.CLOSE, null);
        return CallResult.OK;
    }

    /**
     * Whether the application reads what arrives at once (true, the default) or only when it calls
     * {@link #read}. Switching back to true does not read what is waiting: call {@link #read}.
     */
    public void setReadsAtOnce(boolean atOnce) {
        this.readsAtOnce = atOnce;
    }

    public boolean readsAtOnce() {
        return readsAtOnce;
    }

    /** RECEIVE (RFC 9293 §3.10.3): the application takes every octet waiting; returns how many. */
    public int read() {
        int n = unread;
        unread = 0;
        return n;
    }

    /** Octets received in order and not yet read by the application: netstat's Recv-Q. */
    public int unreadBytes() {
        return unread;
    }

    /** ABORT (RFC 9293 §3.10.5): RST where a connection is synchronized or half-synchronized, then CLOSED. */
    public CallResult abort(long nowUs) {
        switch (state) {
            case CLOSED:
                return CallResult.CONNECTION_DOES_NOT_EXIST;
            case SYN_RECEIVED:
            case ESTABLISHED:
            case FIN_WAIT_1:
            case FIN_WAIT_2:
            case CLOSE_WAIT:
                // RFC: <SEQ=SND.NXT><CTL=RST>. Linux (tcp_send_active_reset) also sets ACK with
                // RCV.NXT; the peer accepts either because SEQ is what it expects.
                transmit(Segment.resetAck(local, remote, sndMax, rcvNxt), nowUs);
                setState(TcpState.CLOSED, Cause.ABORT, null);
                return CallResult.OK;
            default:
                // LISTEN, SYN-SENT: nothing to tell anyone. CLOSING, LAST-ACK, TIME-WAIT: "respond
                // with ok and delete the TCB".
                setState(TcpState.CLOSED, Cause.ABORT, null);
                return CallResult.OK;
        }
    }

    /** The host lost all its state (crash, reboot): the TCB vanishes without a segment. */
    public void loseState(long nowUs) {
        if (state != TcpState.CLOSED) {
            setState(TcpState.CLOSED, Cause.HOST_RESTART, null);
        }
    }

    // ------------------------------------------------------------------ SEGMENT ARRIVES (§3.10.7)

    /** SEGMENT ARRIVES (RFC 9293 §3.10.7) for this connection. */
    public void segmentArrives(Segment seg, long nowUs) {
        switch (state) {
            case CLOSED:
                Segment rst = resetFor(seg);
                if (rst != null) {
                    transmit(rst, nowUs);
                }
                return;
            case LISTEN:
                arrivesInListen(seg, nowUs);
                return;
            case SYN_SENT:
                arrivesInSynSent(seg, nowUs);
                return;
            default:
                arrivesSynchronized(seg, nowUs);
        }
    }

    /** §3.10.7.2, LISTEN. */
    private void arrivesInListen(Segment seg, long nowUs) {
        // First, check for a RST: "An incoming RST segment could not be valid ... ignored."
        if (seg.has(Flags.RST)) {
            return;
        }
        // Second, check for an ACK: nothing could have been acknowledged yet. <SEQ=SEG.ACK><CTL=RST>,
        // sent from the address the segment was sent to: a listener is bound to 0.0.0.0, and a
        // reset from 0.0.0.0 matches no connection of the peer, which would ignore it and go on
        // retransmitting. Linux builds every such reset from the offending segment with its
        // addresses swapped (tcp_v4_send_reset()), as RFC 9293 §3.10.7.2 forms it from the segment.
        if (seg.has(Flags.ACK)) {
            transmit(Segment.reset(seg.dst(), seg.src(), seg.ack()), nowUs);
            return;
        }
        // Third, check for a SYN.
        if (seg.has(Flags.SYN)) {
            remote = seg.src();
            passive = true;
            irs = seg.seq();
            rcvNxt = seg.seq() + 1;
            sndWnd = maxSndWnd = seg.window();
            iss = isnSource.getAsInt();
            sndUna = iss;
            sndNxt = sndMax = iss + 1;
            sndEnd = iss + 1;
            setState(TcpState.SYN_RECEIVED, Cause.RCV_SYN, seg);
            sendSynAck(nowUs);
            armRtx(nowUs, rtoUs);
        }
        // Fourth, other text or control: drop.
    }

    /**
     * A connection rebuilt from a SYN cookie (RFC 4987 §3.6): the listener kept no state for the
     * SYN; the final ACK carries ISS+1 (the cookie) and the client's ISN+1. The child appears in
     * SYN-RECEIVED and the ACK completes the handshake at once.
     */
    public void establishFromCookie(Segment ack, int cookieIss, long nowUs) {
        if (state != TcpState.LISTEN) {
            throw new IllegalStateException("only a fresh listener child can be rebuilt from a cookie");
        }
        remote = ack.src();
        passive = true;
        irs = ack.seq() - 1;
        rcvNxt = ack.seq();
        sndWnd = maxSndWnd = ack.window();
        iss = cookieIss;
        sndUna = iss;
        sndNxt = sndMax = iss + 1;
        sndEnd = iss + 1;
        setState(TcpState.SYN_RECEIVED, Cause.RCV_ACK_WITH_COOKIE, ack);
        arrivesSynchronized(ack, nowUs);
    }

    /** §3.10.7.3, SYN-SENT. */
    private void arrivesInSynSent(Segment seg, long nowUs) {
        boolean ackAcceptable = false;
        // First, check the ACK bit: SND.UNA < SEG.ACK =< SND.NXT, and it must acknowledge the SYN.
        if (seg.has(Flags.ACK)) {
            if (Seq.le(seg.ack(), iss) || Seq.gt(seg.ack(), sndNxt)) {
                if (!seg.has(Flags.RST)) {
                    transmit(Segment.reset(local, seg.src(), seg.ack()), nowUs);
                }
                return;
            }
            ackAcceptable = true;
        }
        // Second, the RST bit: valid only if it acknowledges our SYN (RFC 5961 §3.2 keeps this
        // test for SYN-SENT). Then "error: connection reset", which connect() reports as refused.
        if (seg.has(Flags.RST)) {
            if (ackAcceptable) {
                events.notice(this, Notice.REFUSED, seg);
                setState(TcpState.CLOSED, Cause.RCV_RST, seg);
            }
            return;
        }
        // Fourth, the SYN bit.
        if (!seg.has(Flags.SYN)) {
            return;
        }
        irs = seg.seq();
        rcvNxt = seg.seq() + 1;
        sndWnd = maxSndWnd = seg.window();
        if (ackAcceptable) {
            // Our SYN has been ACKed: the handshake is complete on this side.
            if (retransmits == 0 && synSentUs >= 0) {
                sampleRtt(nowUs - synSentUs);
            }
            sndUna = seg.ack();
            dropAckedChunks();
            retransmits = 0;
            rtxAt = NEVER;
            probeAt = NEVER;
            setState(TcpState.ESTABLISHED, Cause.RCV_SYN_ACK, seg);
            events.notice(this, Notice.CONNECTED, seg);
            sendAck(nowUs);
            pump(nowUs);
        } else {
            // Simultaneous open (RFC 9293 §3.5, Figure 8): answer SYN,ACK with our same ISS.
            setState(TcpState.SYN_RECEIVED, Cause.RCV_SYN, seg);
            sendSynAck(nowUs);
            // Linux's tcp_rcv_synsent_state_process() leaves the SYN's retransmission timer and
            // count as they are: the SYN-ACK is resent when the SYN would have been, and the
            // timeouts go on from there (the kernel check's simultaneous-open-challenge).
        }
    }

    /** §3.10.7.4, SYN-RECEIVED and the synchronized states. */
    private void arrivesSynchronized(Segment seg, long nowUs) {
        if (state == TcpState.SYN_RECEIVED && seg.has(Flags.SYN) && !seg.has(Flags.RST) && seg.seq() == irs) {
            if (!seg.has(Flags.ACK)) {
                if (!passive) {
                    // A simultaneous open's full socket: tcp_validate_incoming() "step 4" answers
                    // any SYN with a challenge ACK (RFC 5961 §4.2, tcp_send_challenge_ack()), at
                    // most one per tcp_invalid_ratelimit on the connection; the host-wide
                    // tcp_challenge_ack_limit is unlimited by default since Linux 6.0.
                    if (!oowRateLimited(nowUs)) {
                        sendAck(nowUs);
                    }
                    return;
                }
                // The peer retransmitted its SYN: our SYN-ACK was lost. Linux answers with the
                // SYN-ACK again (tcp_check_req, "retransmitted SYN") instead of the bare ACK the
                // acceptability test below would send, but at most once per tcp_invalid_ratelimit
                // (tcp_oow_rate_limited() on the request's last_oow_ack_time, counted as
                // TCPACKSkippedSynRecv); a SYN within that time is ignored and the timer left alone.
                if (oowRateLimited(nowUs)) {
                    return;
                }
                sendSynAck(nowUs);
                // tcp_check_req() then restarts the request's timer from now with its current
                // backed-off timeout ("Reset timer after retransmitting SYNACK, similar to the
                // idea of fast retransmit in recovery": mod_timer_pending(&req->rsk_timer,
                // jiffies + reqsk_timeout(req, TCP_RTO_MAX))). The resend does not count as a
                // timeout (num_retrans, not num_timeout), so the give-up count is unchanged.
                armRtx(nowUs, backedOff(cfg.rtoInitialMs() * 1000, retransmits));
                return;
            }
            if (seg.ack() == sndNxt) {
                // Simultaneous open, Figure 8 line 6: the peer's SYN,ACK acknowledges our SYN.
                // Its SYN is the one we already have, so it fails the sequence test; like Linux
                // (tcp_validate_incoming(), the "goto pass" for this very segment), take its ACK.
                long sentBefore = sndMax;
                completeHandshake(seg, nowUs);
                if (state == TcpState.ESTABLISHED && sndMax == sentBefore) {
                    // Linux then treats the SYN as a retransmission of what it has: tcp_data_queue()
                    // forces an immediate ACK for a segment wholly below rcv_nxt ("A retransmit, 2nd
                    // most common case"), sent by tcp_ack_snd_check() unless data just carried it.
                    // RFC 9293 Figure 8 shows no third segment; the kernel sends one from each side.
                    sendAck(nowUs);
                }
                return;
            }
        }
        if (state == TcpState.TIME_WAIT && seg.has(Flags.FIN) && !seg.has(Flags.RST)
                && seg.seq() + seg.len() + 1 == rcvNxt) {
            // "The only thing that can arrive in this state is a retransmission of the remote
            // FIN. Acknowledge it, and restart the 2 MSL timeout." (§3.10.7.4, eighth)
            sendAck(nowUs);
            timeWaitAt = nowUs + cfg.timeWaitMs() * 1000;
            return;
        }

        // First, check sequence number (the acceptability test).
        if (!acceptable(seg)) {
            if (!seg.has(Flags.RST) && !ackRateLimited(seg, nowUs)) {
                sendAck(nowUs);
            }
            return;
        }

        // Second, check the RST bit. RFC 5961 §3.2: reset only if SEG.SEQ == RCV.NXT exactly;
        // otherwise (in window but not exact) send a challenge ACK, so a blind attacker must
        // guess the exact number.
        if (seg.has(Flags.RST)) {
            if (seg.seq() != rcvNxt) {
                if (!oowRateLimited(nowUs)) {
                    sendAck(nowUs); // tcp_send_challenge_ack(): rate-limited per connection
                }
                return;
            }
            reset(seg);
            return;
        }

        // Fourth, check the SYN bit (RFC 5961 §4.2 / RFC 9293 §3.10.7.4).
        if (seg.has(Flags.SYN)) {
            if (state == TcpState.SYN_RECEIVED && passive) {
                // "If the connection was initiated with a passive OPEN, then return this
                // connection to the LISTEN state and return."
                rtxAt = NEVER;
                probeAt = NEVER;
                setState(TcpState.LISTEN, Cause.RCV_SYN, seg);
                events.notice(this, Notice.DELETED, seg);
                return;
            }
            // In a synchronized state answer with a challenge ACK; a real peer that restarted
            // will reply to it with a RST (half-open recovery, §3.5.2). Linux's
            // tcp_send_challenge_ack() sends at most one per tcp_invalid_ratelimit.
            if (!oowRateLimited(nowUs)) {
                sendAck(nowUs);
            }
            return;
        }

        // Fifth, check the ACK field.
        if (!seg.has(Flags.ACK)) {
            return;
        }
        if (state == TcpState.SYN_RECEIVED) {
            if (Seq.lt(sndUna, seg.ack()) && Seq.le(seg.ack(), sndMax)) {
                completeHandshake(seg, nowUs);
                if (state != TcpState.ESTABLISHED) {
                    return;
                }
            } else {
                // <SEQ=SEG.ACK><CTL=RST>
                transmit(Segment.reset(local, seg.src(), seg.ack()), nowUs);
                return;
            }
        }
        if (state == TcpState.TIME_WAIT) {
            return;
        }
        if (Seq.gt(seg.ack(), sndMax)) {
            // ACKs something not yet sent: "send an ACK, drop the segment, and return". Compared
            // with the highest octet ever sent: after a timeout sent us back to SND.UNA, a late ACK
            // of the first transmissions is valid (§3.10.7.4 fifth; RFC 6298 §5).
            if (!ackRateLimited(seg, nowUs)) {
                sendAck(nowUs);
            }
            return;
        }
        if (Seq.lt(seg.ack(), sndUna - maxSndWnd)) {
            // RFC 5961 §5.2: too old to be a real ACK; challenge it.
            if (!ackRateLimited(seg, nowUs)) {
                sendAck(nowUs);
            }
            return;
        }
        if (Seq.gt(seg.ack(), sndUna)) {
            ackAdvances(seg.ack(), nowUs);
        }
        if (Seq.ge(seg.ack(), sndUna)) {
            // "If SND.UNA =< SEG.ACK =< SND.NXT, the send window should be updated" (§3.10.7.4
            // fifth): an older, delayed ACK carries a stale window. (No SND.WL1/WL2: this model's
            // network never reorders segments of one connection.)
            sndWnd = seg.window();
            maxSndWnd = Math.max(maxSndWnd, sndWnd);
        }
        boolean finAcked = finQueued && sendQueue.isEmpty() && sndUna == sndEnd;
        boolean finAckedInFinWait1 = false;
        switch (state) {
            case FIN_WAIT_1:
                finAckedInFinWait1 = finAcked;
                break;
            case CLOSING:
                if (finAcked) {
                    enterTimeWait(Cause.RCV_ACK_OF_FIN, seg, nowUs);
                } else {
                    // Data or the FIN may be waiting to be resent after a retransmission timeout.
                    pump(nowUs);
                }
                return;
            case LAST_ACK:
                if (finAcked) {
                    setState(TcpState.CLOSED, Cause.RCV_ACK_OF_FIN, seg);
                } else {
                    pump(nowUs);
                }
                return;
            default:
                break;
        }

        // Seventh, process the segment text (ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2 only).
        boolean needAck = false;
        if (seg.len() > 0 && (state == TcpState.ESTABLISHED || state == TcpState.FIN_WAIT_1 || state == TcpState.FIN_WAIT_2)) {
            int fresh = seg.seq() + seg.len() - rcvNxt;
            if (Seq.le(seg.seq(), rcvNxt) && fresh > 0) {
                rcvNxt += fresh;
                if (!readsAtOnce) {
                    unread += fresh;
                }
                events.notice(this, Notice.DATA, seg);
            }
            // In order or not, acknowledge: a gap makes this a duplicate ACK asking for RCV.NXT.
            needAck = true;
        }

        // Eighth, check the FIN bit: only when it is next in sequence. A FIN beyond a gap is not
        // processed, but like any out-of-order segment it is acknowledged at once with RCV.NXT
        // (a duplicate ACK, RFC 5681 §4.2), so the peer learns what is missing.
        boolean finInOrder = seg.has(Flags.FIN) && seg.seq() + seg.len() == rcvNxt;
        if (seg.has(Flags.FIN) && !finInOrder && state.isSynchronized()) {
            needAck = true;
        }
        if (finAckedInFinWait1 && !finInOrder) {
            enterFinWait2(seg, nowUs);
        }
        if (finInOrder && (state == TcpState.ESTABLISHED || state == TcpState.FIN_WAIT_1 || state == TcpState.FIN_WAIT_2)) {
            // (In CLOSE-WAIT, CLOSING, LAST-ACK and TIME-WAIT the peer's FIN is already behind
            // RCV.NXT, so a repeated one failed the acceptability test and was re-ACKed there.)
            rcvNxt += 1;
            needAck = true;
            switch (state) {
                case ESTABLISHED:
                    setState(TcpState.CLOSE_WAIT, Cause.RCV_FIN, seg);
                    events.notice(this, Notice.EOF, seg);
                    break;
                case FIN_WAIT_1:
                    if (finAckedInFinWait1) {
                        // FIN-WAIT-1 → TIME-WAIT directly: this FIN also acknowledges ours.
                        enterTimeWait(Cause.RCV_FIN_ACK_OF_FIN, seg, nowUs);
                    } else {
                        // Simultaneous close (§3.6, Figure 13): both FINs crossed.
                        setState(TcpState.CLOSING, Cause.RCV_FIN, seg);
                    }
                    events.notice(this, Notice.EOF, seg);
                    break;
                default: // FIN-WAIT-2
                    enterTimeWait(Cause.RCV_FIN, seg, nowUs);
                    events.notice(this, Notice.EOF, seg);
                    break;
            }
        }
        if (needAck) {
            sendAck(nowUs);
        }
        pump(nowUs);
    }

    private void completeHandshake(Segment seg, long nowUs) {
        if (retransmits == 0 && synSentUs >= 0) {
            sampleRtt(nowUs - synSentUs);
        }
        sndUna = seg.ack();
        sndWnd = seg.window();
        maxSndWnd = Math.max(maxSndWnd, sndWnd);
        dropAckedChunks();
        retransmits = 0;
        rtxAt = NEVER;
        probeAt = NEVER;
        setState(TcpState.ESTABLISHED, Cause.RCV_ACK_OF_SYN, seg);
        events.notice(this, Notice.CONNECTED, seg);
        pump(nowUs);
    }

    /** An acceptable RST with the exact sequence number (RFC 9293 §3.10.7.4, second). */
    private void reset(Segment seg) {
        switch (state) {
            case SYN_RECEIVED:
                if (passive) {
                    // "return this connection to LISTEN state ... The user need not be informed."
                    rtxAt = NEVER;
                    probeAt = NEVER;
                    setState(TcpState.LISTEN, Cause.RCV_RST, seg);
                    events.notice(this, Notice.DELETED, seg);
                } else {
                    events.notice(this, Notice.REFUSED, seg);
                    setState(TcpState.CLOSED, Cause.RCV_RST, seg);
                }
                return;
            case ESTABLISHED:
            case FIN_WAIT_1:
            case FIN_WAIT_2:
            case CLOSE_WAIT:
                events.notice(this, Notice.RESET, seg);
                setState(TcpState.CLOSED, Cause.RCV_RST, seg);
                return;
            default:
                // CLOSING, LAST-ACK, TIME-WAIT: "enter the CLOSED state, delete the TCB, and return."
                setState(TcpState.CLOSED, Cause.RCV_RST, seg);
        }
    }

    /**
     * RFC 5961 §7 (ACK throttling), as Linux does it (tcp_oow_rate_limited, tcp_invalid_ratelimit =
     * 500 ms): an unacceptable pure ACK or SYN is answered at most once per 500 ms. Otherwise two
     * desynchronized ends (an old duplicate SYN, a half-open connection) answer each other's ACKs
     * for ever, an "ACK war" in which no timer ever gets to run. Segments that occupy sequence
     * space (data, FIN) are always answered: their sender needs the ACK to recover.
     */
    private boolean ackRateLimited(Segment seg, long nowUs) {
        if (seg.seqLen() > 0 && !seg.has(Flags.SYN)) {
            return false;
        }
        return oowRateLimited(nowUs);
    }

    /**
     * Linux's __tcp_oow_rate_limited(): an answer to an out-of-window segment (a duplicate or
     * challenge ACK, the SYN-ACK to a repeated SYN) is skipped when the last one on this
     * connection went less than tcp_invalid_ratelimit ago; otherwise it is allowed and its time
     * remembered. Timer retransmissions do not count.
     */
    private boolean oowRateLimited(long nowUs) {
        long limitUs = cfg.oowRateLimitMs() * 1000;
        if (limitUs > 0 && lastOowAckUs != Long.MIN_VALUE && nowUs - lastOowAckUs >= 0 && nowUs - lastOowAckUs < limitUs) {
            return true;
        }
        lastOowAckUs = nowUs;
        return false;
    }

    /**
     * The segment acceptability test of RFC 9293 §3.10.7.4: some part of the segment must fall
     * inside the receive window [RCV.NXT, RCV.NXT + RCV.WND).
     */
    boolean acceptable(Segment seg) {
        int segLen = seg.seqLen();
        int wndEnd = rcvNxt + rcvWnd;
        if (segLen == 0) {
            return rcvWnd == 0 ? seg.seq() == rcvNxt : Seq.inRange(seg.seq(), rcvNxt, wndEnd);
        }
        if (rcvWnd == 0) {
            return false;
        }
        return Seq.inRange(seg.seq(), rcvNxt, wndEnd) || Seq.inRange(seg.seq() + segLen - 1, rcvNxt, wndEnd);
    }

    // ------------------------------------------------------------------ timers (§3.10.8)

    /** The earliest virtual time (µs) at which {@link #onTimer} has work to do; MAX_VALUE for none. */
    public long nextDeadline() {
        return Math.min(Math.min(rtxAt, probeAt), Math.min(timeWaitAt, finWait2At));
    }

    /** Called at (or after) {@link #nextDeadline()}: runs every timer that is due. */
    public void onTimer(long nowUs) {
        if (timeWaitAt <= nowUs) {
            // TIME-WAIT TIMEOUT: "If the time-wait timeout expires on a connection, delete the TCB,
            // enter the CLOSED state, and return."
            timeWaitAt = NEVER;
            setState(TcpState.CLOSED, Cause.TIMEOUT_2MSL, null);
            return;
        }
        if (finWait2At <= nowUs) {
            finWait2At = NEVER;
            setState(TcpState.CLOSED, Cause.TIMEOUT_FIN_WAIT_2, null);
            return;
        }
        if (probeAt <= nowUs) {
            // The probe timer stands in for the RTO timer (Linux keeps one timer, ICSK_TIME_LOSS_PROBE
            // or ICSK_TIME_RETRANS): when both are due the probe goes first.
            probeAt = NEVER;
            sendingFor = Resend.TLP;
            try {
                sendLossProbe(nowUs);
            } finally {
                sendingFor = null;
            }
            return;
        }
        if (rtxAt <= nowUs) {
            rtxAt = NEVER;
            sendingFor = Resend.RTO;
            try {
                retransmissionTimeout(nowUs);
            } finally {
                sendingFor = null;
            }
        }
    }

    /**
     * Arms the tail loss probe (RFC 8985 §7.2) as Linux's tcp_schedule_loss_probe() does, when
     * something is in flight and the connection is not recovering from an RTO: PTO = 2·SRTT, plus
     * the minimum RTO (for the peer's delayed ACK) when one segment is in flight or 2 ms
     * (TCP_TIMEOUT_MIN) when more are, 1 s before any RTT sample; and never later than the RTO
     * would fire. {@code advancingRto}: an ACK just restarted the RTO, so the full RTO is left.
     */
    private void scheduleLossProbe(long nowUs, boolean advancingRto) {
        probeAt = NEVER;
        if (!cfg.tailLossProbe() || sndUna == sndMax || sndUna == iss || inLossRecovery() || !state.isSynchronized()) {
            return;
        }
        long pto;
        if (srttUs >= 0) {
            // One segment in flight: allow for the peer's delayed ACK, Linux's TCP_RTO_MIN (a
            // constant 200 ms) and RFC 8985's WCDelAckT alike.
            pto = 2 * srttUs + (segmentsInFlight() == 1 ? 200_000 : 2_000);
        } else {
            pto = 1_000_000;
        }
        long rtoLeft = advancingRto ? rtoUs : rtxAt - nowUs;
        if (rtoLeft > 0) {
            pto = Math.min(pto, rtoLeft);
        }
        probeAt = nowUs + pto;
    }

    /**
     * The probe (Linux tcp_send_loss_probe(), RFC 8985 §7.3): a new segment if one may be sent,
     * otherwise the last segment sent again; at most one probe until it is acknowledged. The RTO is
     * then restarted from now with its current value, not doubled: the probe is not a timeout, so
     * a segment lost twice is retransmitted a second time one RTO after the probe (RFC 6298 §5.5's
     * backoff starts only with the first real RTO).
     */
    private void sendLossProbe(long nowUs) {
        if (tlpOutstanding) {
            // "At most one outstanding TLP": the RTO timer takes over where it stood.
            return;
        }
        Chunk fresh = null;
        Chunk tail = null;
        for (Chunk c : sendQueue) {
            if (Seq.lt(c.seq, sndNxt)) {
                tail = c;
            } else {
                fresh = c;
                break;
            }
        }
        if (fresh != null && !(fresh.len > 0 && fresh.seq + fresh.len - sndUna - sndWnd > 0)) {
            sendChunk(fresh, nowUs, false);
        } else if (tail != null) {
            // Karn: the ACK of a segment sent twice gives no RTT sample.
            rttTiming = false;
            sendChunk(tail, nowUs, true);
        } else {
            return;
        }
        probeAt = NEVER;
        tlpOutstanding = true;
        tlpHighSeq = sndMax;
        armRtx(nowUs, rtoUs);
    }

    /** Segments (data or FIN) sent and not yet acknowledged: Linux's packets_out. */
    private int segmentsInFlight() {
        int n = 0;
        for (Chunk c : sendQueue) {
            if (!Seq.lt(c.seq, sndNxt)) {
                break;
            }
            n++;
        }
        return n;
    }

    /** After an RTO and until all that was outstanding then is acknowledged (Linux's TCP_CA_Loss). */
    private boolean inLossRecovery() {
        return lossRecovery && Seq.lt(sndUna, lossHighSeq);
    }

    private void retransmissionTimeout(long nowUs) {
        switch (state) {
            case SYN_SENT: {
                // Linux counts SYN retransmissions: tcp_syn_retries plus tcp_syn_linear_timeouts
                // (tcp_timer.c, tcp_write_timeout), e.g. 6 + 4 = 10, the last at 67 s, giving up at 131 s.
                boolean countSpent = retransmits >= cfg.synRetries() + cfg.synLinearTimeouts();
                // tcp_write_timeout() has a second limit: retransmits_timed_out() against the time
                // tcp_model_timeout() computes from tcp_syn_retries alone, as if the backoff doubled
                // from the initial RTO (rto_base = tcp_timeout_init()): 7 s for tcp_syn_retries = 2,
                // reached before the count when the linear timeouts make the SYNs come faster.
                boolean budgetSpent = cfg.giveUp() == TcpConfig.GiveUp.LINUX_TIME_BUDGET && retransmits > 0
                        && nowUs - synSentUs >= cfg.synBudgetMs() * 1000;
                if (countSpent || budgetSpent) {
                    giveUp(Notice.TIMED_OUT, Cause.TIMEOUT_RETRANSMISSION);
                    return;
                }
                retransmits++;
                sendSyn(nowUs);
                armRtx(nowUs, synRto(retransmits));
                return;
            }
            case SYN_RECEIVED:
            case FIN_WAIT_1: {
                if (state == TcpState.FIN_WAIT_1 && sndUna != iss) {
                    break; // our SYN is acknowledged: retransmit data and FIN below
                }
                // CLOSE in SYN-RECEIVED sent a FIN (§3.10.4), but until the peer acknowledges our
                // SYN the SYN,ACK is still first on the retransmission queue (§3.10.8): resend it,
                // then the FIN, on the SYN-ACK schedule.
                // A simultaneous open's own socket counts on from its SYN against tcp_syn_retries
                // (tcp_write_timeout(): "retry_until = tcp_syn_retries" for SYN_SENT and SYN_RECV).
                int maxRetries = !passive ? cfg.synRetries()
                        : synAckRetryLimit >= 0 ? synAckRetryLimit : cfg.synAckRetries();
                if (retransmits >= maxRetries) {
                    // A passive child is just forgotten; the application never knew it.
                    giveUp(passive || orphaned ? null : Notice.TIMED_OUT, Cause.TIMEOUT_RETRANSMISSION);
                    return;
                }
                retransmits++;
                sendSynAck(nowUs);
                Chunk fin = firstUnacked();
                if (state == TcpState.FIN_WAIT_1 && fin != null && fin.fin) {
                    sendChunk(fin, nowUs, true);
                }
                // tcp_retransmit_timer() doubles the RTO it had (outside SYN-SENT no linear timeouts).
                armRtx(nowUs, passive ? backedOff(cfg.rtoInitialMs() * 1000, retransmits)
                        : Math.min(rtxIntervalUs * 2, cfg.rtoMaxMs() * 1000));
                return;
            }
            default:
                break;
        }
        Chunk head = firstUnacked();
        if (head == null && sndUna == sndMax) {
            return;
        }
        long start = rtxStartUs >= 0 ? rtxStartUs : (head != null && head.firstSentUs >= 0 ? head.firstSentUs : nowUs);
        if (cfg.userTimeoutMs() > 0 && retransmits > 0 && nowUs - start >= cfg.userTimeoutMs() * 1000) {
            giveUp(Notice.USER_TIMED_OUT, Cause.TIMEOUT_USER);
            return;
        }
        int limit = orphaned ? cfg.orphanRetries() : cfg.dataRetries();
        boolean expired = cfg.giveUp() == TcpConfig.GiveUp.COUNT
                ? retransmits >= limit
                : retransmits > 0 && nowUs - start >= cfg.linuxBudgetMs(limit) * 1000;
        if (expired) {
            giveUp(orphaned ? null : Notice.TIMED_OUT, Cause.TIMEOUT_RETRANSMISSION);
            return;
        }
        if (retransmits == 0) {
            rtxStartUs = start;
        }
        retransmits++;
        // An RTO ends any probe episode and starts loss recovery (tcp_retransmit_timer clears
        // tlp_high_seq, tcp_enter_loss): no probe until what is outstanding now is acknowledged.
        tlpOutstanding = false;
        probeAt = NEVER;
        lossRecovery = true;
        lossHighSeq = sndMax;
        // Karn's algorithm (RFC 6298 §3): no RTT sample from a retransmitted segment; back off
        // the timer (§5.5) and restart with a congestion window of one segment (RFC 5681 §3.1).
        rttTiming = false;
        rtoUs = Math.min(rtoUs * 2, cfg.rtoMaxMs() * 1000);
        cwnd = 1;
        sndNxt = sndUna;
        if (head != null) {
            sendChunk(head, nowUs, true);
        }
        long next = rtoUs;
        if (cfg.userTimeoutMs() > 0) {
            // RFC 9293 §3.10.8: the user timeout expires when it expires, not at the next backed-off
            // RTO after it. Like Linux (tcp_clamp_rto_to_user_timeout), wake up no later than then.
            long left = start + cfg.userTimeoutMs() * 1000 - nowUs;
            next = Math.max(1, Math.min(next, left));
        }
        armRtx(nowUs, next);
    }

    /** The SYN timer after {@code k} retransmissions: linear for the first ones, then doubling. */
    private long synRto(int k) {
        long init = cfg.rtoInitialMs() * 1000;
        int linear = cfg.synLinearTimeouts();
        return k <= linear ? init : backedOff(init, k - linear);
    }

    private long backedOff(long base, int doublings) {
        long max = cfg.rtoMaxMs() * 1000;
        if (doublings >= 40) {
            return max;
        }
        return Math.min(base << doublings, max);
    }

    private void giveUp(Notice notice, Cause cause) {
        if (notice != null) {
            events.notice(this, notice, null);
        }
        setState(TcpState.CLOSED, cause, null);
    }

    // ------------------------------------------------------------------ sending

    private void startActiveOpen(long nowUs, Cause cause) {
        passive = false;
        iss = isnSource.getAsInt();
        sndUna = iss;
        sndNxt = sndMax = iss + 1;
        sndEnd = iss + 1;
        retransmits = 0;
        setState(TcpState.SYN_SENT, cause, null);
        sendSyn(nowUs);
        armRtx(nowUs, synRto(0));
    }

    private void sendSyn(long nowUs) {
        if (retransmits == 0) {
            synSentUs = nowUs;
        }
        transmit(Segment.syn(local, remote, iss, rcvWnd, cfg.mss()), nowUs);
    }

    private void sendSynAck(long nowUs) {
        if (retransmits == 0) {
            synSentUs = nowUs;
        }
        transmit(Segment.synAck(local, remote, iss, rcvNxt, rcvWnd, cfg.mss()), nowUs);
    }

    /** <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>: a plain, duplicate or challenge ACK. */
    private void sendAck(long nowUs) {
        transmit(Segment.ack(local, remote, sndMax, rcvNxt, rcvWnd), nowUs);
    }

    private void enqueueData(int len, String label) {
        int mss = cfg.mss();
        int left = len;
        while (left > 0) {
            int n = Math.min(mss, left);
            left -= n;
            // Linux sets PSH on the last segment of a write.
            sendQueue.addLast(new Chunk(sndEnd, n, false, left == 0, label));
            sndEnd += n;
        }
    }

    private void enqueueFin() {
        finQueued = true;
        sendQueue.addLast(new Chunk(sndEnd, 0, true, false, null));
        sndEnd += 1;
    }

    /** Sends what the window and congestion window allow, in sequence order. */
    private void pump(long nowUs) {
        if (!state.isSynchronized() || sndUna == iss) {
            return; // nothing but SYN and SYN-ACK goes out until our SYN is acknowledged
        }
        int inFlight = 0;
        for (Iterator<Chunk> it = sendQueue.iterator(); it.hasNext(); ) {
            Chunk c = it.next();
            if (Seq.lt(c.seq, sndNxt)) {
                inFlight++;
                continue;
            }
            if (inFlight >= cwnd) {
                return;
            }
            if (c.len > 0 && c.seq + c.len - sndUna - sndWnd > 0) {
                return; // would overrun the peer's window
            }
            sendChunk(c, nowUs, false);
            inFlight++;
        }
    }

    private void sendChunk(Chunk c, long nowUs, boolean retransmission) {
        int flags = Flags.ACK | (c.fin ? Flags.FIN : 0) | (c.push ? Flags.PSH : 0);
        // Karn's algorithm (RFC 6298 §3): time only a first transmission. After a timeout, pump()
        // resends the segments behind the head as well; they were sent before, so an ACK of them
        // is ambiguous and must not give an RTT sample.
        boolean firstTransmission = c.firstSentUs < 0;
        if (firstTransmission) {
            c.firstSentUs = nowUs;
        }
        if (!retransmission && firstTransmission && !rttTiming) {
            rttTiming = true;
            rttSeq = c.end();
            rttStartUs = nowUs;
        }
        if (Seq.gt(c.end(), sndNxt)) {
            sndNxt = c.end();
        }
        if (Seq.gt(sndNxt, sndMax)) {
            sndMax = sndNxt;
        }
        transmit(Segment.from(local).to(remote).seq(c.seq).ack(rcvNxt).flags(flags).window(rcvWnd).data(c.len, c.label).build(), nowUs);
        if (rtxAt == NEVER) {
            armRtx(nowUs, rtoUs);
        }
        if (!retransmission) {
            // tcp_write_xmit() ends with tcp_schedule_loss_probe(sk, false) after new data.
            scheduleLossProbe(nowUs, false);
        }
    }

    private Chunk firstUnacked() {
        return sendQueue.peekFirst();
    }

    /** SND.UNA < SEG.ACK =< SND.NXT: new data acknowledged (§3.10.7.4, fifth). */
    private void ackAdvances(int ack, long nowUs) {
        sndUna = ack;
        if (Seq.gt(ack, sndNxt)) {
            // The peer has the first transmissions of what a timeout made us resend: go on after them.
            sndNxt = ack;
        }
        dropAckedChunks();
        if (rttTiming && Seq.ge(ack, rttSeq)) {
            rttTiming = false;
            sampleRtt(nowUs - rttStartUs);
        }
        retransmits = 0;
        rtxStartUs = -1;
        if (cwnd < MAX_CWND) {
            cwnd++;
        }
        if (tlpOutstanding && Seq.ge(ack, tlpHighSeq)) {
            tlpOutstanding = false; // the probe episode is over (tcp_process_tlp_ack)
        }
        if (lossRecovery && !Seq.lt(ack, lossHighSeq)) {
            lossRecovery = false;   // TCP_CA_Loss ends when high_seq is acknowledged
        }
        // RFC 6298 §5.3: restart the timer when new data is acknowledged, stop it when all is;
        // Linux's tcp_set_xmit_timer() arms the probe in its place when it may.
        rtxAt = NEVER;
        probeAt = NEVER;
        if (sndUna != sndMax) {
            armRtx(nowUs, rtoUs);
            scheduleLossProbe(nowUs, true);
        }
    }

    private void dropAckedChunks() {
        while (!sendQueue.isEmpty() && Seq.le(sendQueue.peekFirst().end(), sndUna)) {
            sendQueue.removeFirst();
        }
    }

    /** A new RTT measurement {@code r} (µs) gives a new RTO, by the configured estimator. */
    private void sampleRtt(long r) {
        if (r < 0) {
            return;
        }
        long rto = cfg.rttEstimator() == TcpConfig.RttEstimator.LINUX ? linuxRttEstimator(r) : rfc6298Estimator(r);
        rtoUs = Math.min(rto, cfg.rtoMaxMs() * 1000);
    }

    /**
     * RFC 6298 §2.2–2.4: SRTT and RTTVAR with gains 1/8 and 1/4, RTO = SRTT + max(G, 4·RTTVAR)
     * with G the clock granularity (1 µs here), no less than the minimum RTO.
     */
    private long rfc6298Estimator(long r) {
        if (srttUs < 0) {
            srttUs = r;
            rttvarUs = r / 2;
        } else {
            rttvarUs = (3 * rttvarUs + Math.abs(srttUs - r)) / 4;
            srttUs = (7 * srttUs + r) / 8;
        }
        return Math.max(srttUs + Math.max(1, 4 * rttvarUs), cfg.rtoMinMs() * 1000);
    }

    /**
     * Linux's tcp_rtt_estimator() (net/ipv4/tcp_input.c) and __tcp_set_rto(), in its fixed-point
     * units: {@link #srtt8Us} is 8·SRTT, {@link #mdevUs} and {@link #rttvarUs} are 4·RTTVAR. The
     * RTO is SRTT + rttvar, and rttvar starts at no less than tcp_rto_min, rises at once with the
     * deviation but falls only once per window of data (when SND.UNA passes the rtt_seq mark), by a
     * quarter of the way to the largest deviation of that window, itself floored at tcp_rto_min.
     * So a steady 200 ms round trip keeps a 600 ms RTO where RFC 6298's formula falls to 500 ms.
     */
    private long linuxRttEstimator(long mrtt) {
        long m = mrtt;
        long rtoMin = cfg.rtoMinMs() * 1000;
        if (srtt8Us > 0) {
            m -= srtt8Us >> 3;          // m is now the error of the estimate
            srtt8Us += m;               // srtt = 7/8 srtt + 1/8 new
            if (m < 0) {
                m = -m;
                m -= mdevUs >> 2;
                // The RTT fell: a finer gain for mdev, so the RTO does not grow (Eifel-like).
                if (m > 0) {
                    m >>= 3;
                }
            } else {
                m -= mdevUs >> 2;
            }
            mdevUs += m;                // mdev = 3/4 mdev + 1/4 new
            if (mdevUs > mdevMaxUs) {
                mdevMaxUs = mdevUs;
                if (mdevMaxUs > rttvarUs) {
                    rttvarUs = mdevMaxUs;
                }
            }
            if (Seq.gt(sndUna, linuxRttSeq)) {
                // A window of data has been acknowledged since the last such step.
                if (mdevMaxUs < rttvarUs) {
                    rttvarUs -= (rttvarUs - mdevMaxUs) >> 2;
                }
                linuxRttSeq = sndMax;
                mdevMaxUs = rtoMin;
            }
        } else {
            srtt8Us = m << 3;
            mdevUs = m << 1;            // makes the first RTO 3·RTT
            rttvarUs = Math.max(mdevUs, rtoMin);
            mdevMaxUs = rttvarUs;
            linuxRttSeq = sndMax;
        }
        srtt8Us = Math.max(1, srtt8Us);
        srttUs = srtt8Us >> 3;
        return srttUs + rttvarUs;
    }

    private void armRtx(long nowUs, long afterUs) {
        rtxAt = nowUs + afterUs;
        rtxIntervalUs = afterUs;
    }

    private void enterTimeWait(Cause cause, Segment seg, long nowUs) {
        rtxAt = NEVER;
        probeAt = NEVER;
        finWait2At = NEVER;
        setState(TcpState.TIME_WAIT, cause, seg);
        timeWaitAt = nowUs + cfg.timeWaitMs() * 1000;
    }

    private void enterFinWait2(Segment seg, long nowUs) {
        setState(TcpState.FIN_WAIT_2, Cause.RCV_ACK_OF_FIN, seg);
        if (orphaned && cfg.finWait2TimeoutMs() > 0) {
            long hold = cfg.finWait2TimeoutMs() * 1000;
            if (cfg.finTimeRtoFloor()) {
                // Linux's tcp_fin_time() (include/net/tcp.h): never less than 3.5 RTO,
                // (rto << 2) - (rto >> 1), so a small tcp_fin_timeout cannot drop the socket
                // before a retransmitted FIN of the peer could arrive (2.1 s for a 600 ms RTO).
                hold = Math.max(hold, (rtoUs << 2) - (rtoUs >> 1));
            }
            finWait2At = nowUs + hold;
        }
    }

    private void transmit(Segment seg, long nowUs) {
        events.transmit(this, seg, sendingFor);
    }

    /** The one place a state changes: emits the transition, and on CLOSED clears everything. */
    private void setState(TcpState to, Cause cause, Segment seg) {
        TcpState from = state;
        state = to;
        events.stateChanged(this, from, to, cause);
        if (to == TcpState.CLOSED) {
            rtxAt = NEVER;
            probeAt = NEVER;
            timeWaitAt = NEVER;
            finWait2At = NEVER;
            sendQueue.clear();
            events.notice(this, Notice.DELETED, seg);
        }
    }

    // ------------------------------------------------------------------ observation

    public TcpState state() {
        return state;
    }

    public Endpoint local() {
        return local;
    }

    /** The foreign socket; null while listening with none specified. */
    public Endpoint remote() {
        return remote;
    }

    public boolean isPassive() {
        return passive;
    }

    public boolean isOrphaned() {
        return orphaned;
    }

    public int iss() {
        return iss;
    }

    public int irs() {
        return irs;
    }

    public int sndUna() {
        return sndUna;
    }

    /** SND.NXT of RFC 9293 §3.3.1: the next sequence number to be sent, i.e. the highest sent plus one. */
    public int sndNxt() {
        return sndMax;
    }

    public int rcvNxt() {
        return rcvNxt;
    }

    public int sndWnd() {
        return sndWnd;
    }

    public int rcvWnd() {
        return rcvWnd;
    }

    /** Octets sent or queued but not yet acknowledged, SYN and FIN excluded: netstat's Send-Q. */
    public int sendQueueBytes() {
        int n = 0;
        for (Chunk c : sendQueue) {
            n += c.len;
        }
        return n;
    }

    /** Current retransmission timeout in µs (after any backoff). */
    public long rtoUs() {
        return rtoUs;
    }

    public int retransmits() {
        return retransmits;
    }

    /**
     * The SYN-ACK retransmissions this half-open connection may have in all, as its listener's
     * queue decides when its timer fires (Linux: reqsk_timer_handler() lowers tcp_synack_retries
     * for old requests while the queue is crowded); -1 restores the configured number.
     */
    public void limitSynAckRetries(int retries) {
        synAckRetryLimit = retries;
    }

    public TcpConfig config() {
        return cfg;
    }

    /** Free slot for the owner (the simulator's socket record). */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    @Override
    public String toString() {
        return local + " " + (remote == null ? "*" : remote.toString()) + " " + state;
    }
}
