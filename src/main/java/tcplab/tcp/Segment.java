package tcplab.tcp;

/**
 * A TCP segment as this model carries it (RFC 9293 §3.1): the header fields a learner reads, and
 * the application data as a length plus an optional human-readable label ("GET / HTTP/1.1").
 *
 * @param seq    sequence number of the first octet (or of the SYN)
 * @param ack    acknowledgement number, meaningful when {@link Flags#ACK} is set (0 otherwise)
 * @param flags  control bits, see {@link Flags}
 * @param window the receive window the sender advertises
 * @param len    octets of data (SYN and FIN not counted; see {@link #seqLen()})
 * @param mss    the MSS option on a SYN, 0 when absent
 * @param data   what the data says, for display; null when there is none or it does not matter
 */
public record Segment(Endpoint src, Endpoint dst, int seq, int ack, int flags, int window, int len, int mss, String data) {

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** SEG.LEN of RFC 9293 §3.4: data octets plus one for SYN and one for FIN. */
    public int seqLen() {
        return len + ((flags & Flags.SYN) != 0 ? 1 : 0) + ((flags & Flags.FIN) != 0 ? 1 : 0);
    }

    public String flagText() {
        return Flags.format(flags);
    }

    @Override
    public String toString() {
        return src + " > " + dst + " [" + flagText() + "] seq=" + Seq.unsigned(seq)
                + (has(Flags.ACK) ? " ack=" + Seq.unsigned(ack) : "") + " len=" + len;
    }
}
