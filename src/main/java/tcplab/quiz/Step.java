package tcplab.quiz;

import java.util.EnumSet;
import java.util.Set;
import tcplab.tcp.Cause;
import tcplab.tcp.TcpState;

/**
 * An event a quiz applies to one endpoint: the user calls and arriving segments of RFC 9293
 * Figure 5, named with its words ({@link Cause#label()}), plus data in either direction (which
 * Figure 5 does not draw). {@link #appliesIn()} lists the states in which the quiz asks about the
 * event; what the endpoint does then is always computed by running it ({@link Conn#apply}), never
 * written here.
 */
public enum Step {
    PASSIVE_OPEN(Cause.PASSIVE_OPEN, EnumSet.of(TcpState.CLOSED)),
    ACTIVE_OPEN(Cause.ACTIVE_OPEN, EnumSet.of(TcpState.CLOSED)),
    /** SEND in LISTEN with a known foreign socket: Figure 5's LISTEN → SYN-SENT. */
    SEND(Cause.SEND, EnumSet.of(TcpState.LISTEN)),
    CLOSE(Cause.CLOSE, EnumSet.of(TcpState.LISTEN, TcpState.SYN_SENT, TcpState.SYN_RECEIVED, TcpState.ESTABLISHED,
            TcpState.CLOSE_WAIT)),
    ABORT(Cause.ABORT, EnumSet.of(TcpState.LISTEN, TcpState.SYN_SENT, TcpState.SYN_RECEIVED, TcpState.ESTABLISHED,
            TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2, TcpState.CLOSE_WAIT)),
    RCV_SYN(Cause.RCV_SYN, EnumSet.of(TcpState.LISTEN, TcpState.SYN_SENT)),
    RCV_SYN_ACK(Cause.RCV_SYN_ACK, EnumSet.of(TcpState.SYN_SENT)),
    RCV_ACK_OF_SYN(Cause.RCV_ACK_OF_SYN, EnumSet.of(TcpState.SYN_RECEIVED)),
    RCV_ACK_OF_FIN(Cause.RCV_ACK_OF_FIN, EnumSet.of(TcpState.FIN_WAIT_1, TcpState.CLOSING, TcpState.LAST_ACK)),
    RCV_FIN(Cause.RCV_FIN, EnumSet.of(TcpState.ESTABLISHED, TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2)),
    RCV_FIN_ACK_OF_FIN(Cause.RCV_FIN_ACK_OF_FIN, EnumSet.of(TcpState.FIN_WAIT_1)),
    RCV_RST(Cause.RCV_RST, EnumSet.of(TcpState.SYN_SENT, TcpState.SYN_RECEIVED, TcpState.ESTABLISHED,
            TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2, TcpState.CLOSE_WAIT, TcpState.CLOSING, TcpState.LAST_ACK)),
    TIMEOUT_2MSL(Cause.TIMEOUT_2MSL, EnumSet.of(TcpState.TIME_WAIT)),
    /** The first expiry of the retransmission timer (the segment is sent again; RFC 9293 §3.8.1). */
    TIMEOUT_RETRANSMISSION(Cause.TIMEOUT_RETRANSMISSION, EnumSet.of(TcpState.SYN_SENT, TcpState.SYN_RECEIVED,
            TcpState.FIN_WAIT_1, TcpState.CLOSING, TcpState.LAST_ACK)),
    /** The application sends data (not a Figure 5 edge: the state does not change). */
    SEND_DATA(null, EnumSet.of(TcpState.ESTABLISHED, TcpState.CLOSE_WAIT)),
    /** Data from the peer arrives (not a Figure 5 edge). */
    RCV_DATA(null, EnumSet.of(TcpState.ESTABLISHED, TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2));

    private final Cause cause;
    private final Set<TcpState> appliesIn;

    Step(Cause cause, Set<TcpState> appliesIn) {
        this.cause = cause;
        this.appliesIn = appliesIn;
    }

    /** The Figure 5 event, or null for data. */
    public Cause cause() {
        return cause;
    }

    /** Figure 5's words ({@code rcv ACK of FIN}); {@code SEND data} / {@code rcv data} for data. */
    public String label() {
        if (cause != null) {
            return cause.label();
        }
        return this == SEND_DATA ? "SEND data" : "rcv data";
    }

    public Set<TcpState> appliesIn() {
        return appliesIn;
    }

    public boolean isFigure5() {
        return cause != null;
    }

    /** The step whose label is {@code label}, or null. */
    public static Step byLabel(String label) {
        for (Step s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        return null;
    }
}
