package tcplab.quiz;

import java.util.ArrayList;
import java.util.List;
import tcplab.tcp.Cause;
import tcplab.tcp.Endpoint;
import tcplab.tcp.Flags;
import tcplab.tcp.Notice;
import tcplab.tcp.Segment;
import tcplab.tcp.TcpConfig;
import tcplab.tcp.TcpEndpoint;
import tcplab.tcp.TcpState;

/**
 * One real {@link TcpEndpoint} and a scripted peer that answers it correctly: the quiz's way of
 * asking the engine "state S meets event E: what happens?". The peer only keeps the numbers it
 * needs (its own ISN and next sequence number); every segment it sends is built from what the
 * endpoint has sent, so the questions never depend on numbers typed by hand.
 */
public final class Conn implements TcpEndpoint.Events {
    /** A state change seen while applying steps. */
    public record Transition(TcpState from, TcpState to, Cause cause) {
    }

    private static final long STEP_US = 50_000L;

    private final TcpEndpoint ep;
    private final Endpoint local;
    private final Endpoint remote;
    private final int peerIss;
    /** The peer's next sequence number (its SND.NXT). */
    private int peerNxt;
    private boolean peerSynSent;
    private long now;
    private final List<Segment> sent = new ArrayList<>();
    private final List<Transition> transitions = new ArrayList<>();
    private Segment lastArrived;

    public Conn(Endpoint local, Endpoint remote, int iss, int peerIss) {
        this.local = local;
        this.remote = remote;
        this.peerIss = peerIss;
        this.peerNxt = peerIss;
        this.ep = new TcpEndpoint(TcpConfig.rfcDefaults(), local, () -> iss, this);
    }

    public TcpEndpoint endpoint() {
        return ep;
    }

    public TcpState state() {
        return ep.state();
    }

    public Endpoint local() {
        return local;
    }

    public Endpoint remote() {
        return remote;
    }

    public int peerIss() {
        return peerIss;
    }

    /** What the endpoint sent during the last {@link #apply}. */
    public List<Segment> sent() {
        return List.copyOf(sent);
    }

    /** The state changes of the last {@link #apply}. */
    public List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    /** The segment the peer sent in the last {@link #apply}, or null for a user call or timer. */
    public Segment lastArrived() {
        return lastArrived;
    }

    /**
     * The segment the peer would send for {@code step} now (null for user calls and timers), so a
     * question can show it before asking what happens.
     */
    public Segment peerSegment(Step step, int dataLen) {
        int ackAll = ep.sndNxt();
        switch (step) {
            case RCV_SYN:
                return seg(Flags.SYN, peerIss, 0, 0);
            case RCV_SYN_ACK:
                return seg(Flags.SYN | Flags.ACK, peerIss, ackAll, 0);
            case RCV_ACK_OF_SYN:
            case RCV_ACK_OF_FIN:
                return seg(Flags.ACK, peerNxt, ackAll, 0);
            case RCV_FIN: {
                // In FIN-WAIT-1 "rcv FIN" means the peer's FIN crossed ours: it does not yet
                // acknowledge our FIN (that would be "rcv FIN,ACK of FIN").
                int ack = ep.state() == TcpState.FIN_WAIT_1 ? ackAll - 1 : ackAll;
                return seg(Flags.FIN | Flags.ACK, peerNxt, ack, 0);
            }
            case RCV_FIN_ACK_OF_FIN:
                return seg(Flags.FIN | Flags.ACK, peerNxt, ackAll, 0);
            case RCV_RST:
                if (ep.state() == TcpState.SYN_SENT) {
                    // Acceptable in SYN-SENT only if it acknowledges our SYN (§3.10.7.3).
                    return seg(Flags.RST | Flags.ACK, 0, ackAll, 0);
                }
                // SEQ exactly RCV.NXT: accepted at once, no challenge ACK (RFC 5961 §3.2).
                return seg(Flags.RST, ep.rcvNxt(), 0, 0);
            case RCV_DATA: {
                int ack = ep.state() == TcpState.FIN_WAIT_1 ? ackAll - 1 : ackAll;
                return seg(Flags.PSH | Flags.ACK, peerNxt, ack, dataLen);
            }
            default:
                return null;
        }
    }

    private Segment seg(int flags, int seq, int ack, int len) {
        return Segment.from(remote).to(local).seq(seq).ack(ack).flags(flags).window(64240)
                .mss((flags & Flags.SYN) != 0 ? 1460 : 0).data(len, len > 0 ? "data" : null).build();
    }

    /** Applies one step at the next virtual instant; returns false when the engine refused the call. */
    public boolean apply(Step step, int dataLen) {
        sent.clear();
        transitions.clear();
        lastArrived = null;
        now += STEP_US;
        switch (step) {
            case PASSIVE_OPEN:
                return ep.listen(now) == TcpEndpoint.CallResult.OK;
            case ACTIVE_OPEN:
                return ep.connect(remote, now) == TcpEndpoint.CallResult.OK;
            case SEND:
                ep.setRemote(remote);
                return ep.send(dataLen, "data", now) == TcpEndpoint.CallResult.OK;
            case SEND_DATA:
                return ep.send(dataLen, "data", now) == TcpEndpoint.CallResult.OK;
            case CLOSE:
                return ep.close(now) == TcpEndpoint.CallResult.OK;
            case ABORT:
                return ep.abort(now) == TcpEndpoint.CallResult.OK;
            case TIMEOUT_2MSL:
            case TIMEOUT_RETRANSMISSION: {
                long d = ep.nextDeadline();
                if (d == Long.MAX_VALUE) {
                    return false;
                }
                now = Math.max(now, d);
                ep.onTimer(now);
                return true;
            }
            default: {
                Segment s = peerSegment(step, dataLen);
                lastArrived = s;
                if (s.has(Flags.SYN)) {
                    peerSynSent = true;
                    peerNxt = peerIss + 1;
                }
                if (!s.has(Flags.SYN) && !s.has(Flags.RST)) {
                    peerNxt = s.seq() + s.seqLen();
                }
                ep.segmentArrives(s, now);
                return true;
            }
        }
    }

    /** Whether the peer has sent its SYN (its sequence numbers are known to the endpoint). */
    public boolean peerSynSent() {
        return peerSynSent;
    }

    @Override
    public void transmit(TcpEndpoint from, Segment segment) {
        sent.add(segment);
    }

    @Override
    public void stateChanged(TcpEndpoint endpoint, TcpState from, TcpState to, Cause cause) {
        transitions.add(new Transition(from, to, cause));
    }

    @Override
    public void notice(TcpEndpoint endpoint, Notice notice, Segment segment) {
    }
}
