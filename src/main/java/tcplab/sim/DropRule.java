package tcplab.sim;

import tcplab.tcp.Flags;
import tcplab.tcp.Segment;

/**
 * A targeted drop: "every SYN-ACK towards the client", "the 3rd segment", "the first 2 SYNs from
 * the client". Every given condition must hold; {@code count} limits how many segments it drops.
 *
 * @param flags   the exact flag set to match (e.g. SYN|ACK), or -1 for any
 * @param from    the sending host's name, or null for any
 * @param to      the receiving host's name, or null for any
 * @param nth     the run's n-th segment (1-based, in sending order), or 0 for any
 * @param count   how many segments this rule drops at most, or -1 for no limit
 * @param afterMs drop only segments sent at or after this time
 * @param source  where the rule was written (file:line), for the trace
 * @param lossAtUs when the segment is lost on the link (virtual µs), for a drop made while it
 *                 was already travelling (the user's click); -1: half-way along the link
 * @param byUser  whether the user dropped it (the window, a lesson) rather than a scenario's rule
 */
public record DropRule(int flags, String from, String to, long nth, int count, double afterMs, String source,
                       long lossAtUs, boolean byUser) {

    /** A scenario's rule: what it matches is lost half-way along the link. */
    public DropRule(int flags, String from, String to, long nth, int count, double afterMs, String source) {
        this(flags, from, to, nth, count, afterMs, source, -1, false);
    }

    /** The user dropped segment {@code id} at {@code atUs}, while it was on the wire. */
    public static DropRule byUser(long id, long atUs) {
        return new DropRule(-1, null, null, id, 1, 0, "user", atUs, true);
    }

    boolean matches(Segment seg, String fromHost, String toHost, long id, long timeUs) {
        if (flags >= 0 && seg.flags() != flags) {
            return false;
        }
        if (from != null && !from.equals(fromHost)) {
            return false;
        }
        if (to != null && !to.equals(toHost)) {
            return false;
        }
        if (nth > 0 && id != nth) {
            return false;
        }
        return timeUs >= (long) (afterMs * 1000);
    }

    /** A short description for traces and ladders: "flags=SYN,ACK to=client". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (flags >= 0) {
            sb.append("flags=").append(Flags.format(flags)).append(' ');
        }
        if (from != null) {
            sb.append("from=").append(from).append(' ');
        }
        if (to != null) {
            sb.append("to=").append(to).append(' ');
        }
        if (nth > 0) {
            sb.append("nth=").append(nth).append(' ');
        }
        if (afterMs > 0) {
            sb.append("after=").append(afterMs).append("ms ");
        }
        return sb.toString().trim();
    }
}
