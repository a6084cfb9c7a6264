package tcplab.quiz;

import tcplab.tcp.Flags;
import tcplab.tcp.Segment;
import tcplab.tcp.Seq;

/** A segment as the quiz prints it: {@code SYN,ACK seq=100 ack=301 len=5}, numbers unsigned. */
final class SegText {
    private SegText() {
    }

    static String of(Segment s) {
        StringBuilder sb = new StringBuilder(s.flagText());
        sb.append(" seq=").append(Seq.unsigned(s.seq()));
        if (s.has(Flags.ACK)) {
            sb.append(" ack=").append(Seq.unsigned(s.ack()));
        }
        if (s.len() > 0) {
            sb.append(" len=").append(s.len());
        }
        return sb.toString();
    }

    static String of(int flags, long seq, long ack, int len) {
        StringBuilder sb = new StringBuilder(Flags.format(flags));
        sb.append(" seq=").append(seq & 0xFFFFFFFFL);
        if ((flags & Flags.ACK) != 0) {
            sb.append(" ack=").append(ack & 0xFFFFFFFFL);
        }
        if (len > 0) {
            sb.append(" len=").append(len);
        }
        return sb.toString();
    }
}
