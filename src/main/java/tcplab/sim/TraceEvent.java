package tcplab.sim;

import tcplab.tcp.Cause;
import tcplab.tcp.Endpoint;
import tcplab.tcp.Resend;
import tcplab.tcp.Segment;
import tcplab.tcp.TcpState;

/**
 * Something that happened in a simulation, at a virtual time in microseconds. The trace is the
 * single record the ladder, the jsonl export, the window, lessons and quizzes all read.
 */
public sealed interface TraceEvent permits TraceEvent.StateChange, TraceEvent.SegmentEvent, TraceEvent.AppEvent {

    long timeUs();

    /** The host it happened on (for a segment: the sender on send and loss, the receiver on delivery). */
    String host();

    default double timeMs() {
        return timeUs() / 1000.0;
    }

    /**
     * A connection changed state. {@code remote} is null for a listening socket (shown as "*").
     * {@code socketId} identifies the socket within the run.
     */
    record StateChange(long timeUs, String host, int socketId, Endpoint local, Endpoint remote,
                       TcpState from, TcpState to, Cause cause) implements TraceEvent {
    }

    /** What happened to a segment. */
    enum SegmentAction {
        SEND("send"), DELIVER("deliver"), DROP("drop");

        private final String word;

        SegmentAction(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** Why a segment was dropped. */
    enum DropReason {
        /** The link's random loss. */
        LOSS("loss"),
        /** A drop rule of the scenario. */
        RULE("rule"),
        /** Dropped on purpose by the user (clicked in the window). */
        USER("user"),
        /** No host has the destination address (e.g. a spoofed source, an unused address). */
        NO_HOST("no-host"),
        /** The destination port is closed and the host drops instead of resetting (a firewall). */
        FILTERED("filtered"),
        /** The listener's SYN queue is full and SYN cookies are off. */
        SYN_QUEUE_FULL("syn-queue-full"),
        /** The listener's accept queue is full (the application does not accept fast enough). */
        ACCEPT_QUEUE_FULL("accept-queue-full");

        private final String word;

        DropReason(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * A segment event. {@code id} numbers segments in the order they were sent (1, 2, 3, ...),
     * the same id on its send, deliver and drop events. {@code reason} is null unless dropped.
     * {@code resend} (on a send) is the timer that sent it again, RTO or tail-loss probe, or null.
     */
    record SegmentEvent(long timeUs, String host, SegmentAction action, long id, Segment segment,
                        DropReason reason, String detail, Resend resend) implements TraceEvent {

        public SegmentEvent(long timeUs, String host, SegmentAction action, long id, Segment segment,
                            DropReason reason, String detail) {
            this(timeUs, host, action, id, segment, reason, detail, null);
        }
    }

    /**
     * What the application saw: {@code call} is listen, connect, accept, read, send, close, abort
     * or restart; {@code result} OK, ECONNREFUSED, ETIMEDOUT, ECONNRESET, EOF or accepted (or an
     * error name for a refused call). {@code value} is the octets read for a read, the backlog
     * for a listen, 0 otherwise; {@code data} what the octets said, if known.
     */
    record AppEvent(long timeUs, String host, int socketId, Endpoint local, Endpoint remote,
                    String call, String result, long value, String data) implements TraceEvent {
    }
}
