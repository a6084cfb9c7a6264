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
 *
 * <p>Build one through the named factories ({@link #syn}, {@link #synAck}, {@link #ack},
 * {@link #reset}, {@link #resetAck}) or, for anything else, {@link #from}{@code (src).to(dst)...build()}:
 * a new header field (window scale, SACK) is then added to the builder with a default, and only
 * the places that set it change.
 */
public record Segment(Endpoint src, Endpoint dst, int seq, int ack, int flags, int window, int len, int mss, String data) {

    /** A SYN opening a connection (RFC 9293 §3.5): SEQ = ISS, the receive window and the MSS option. */
    public static Segment syn(Endpoint src, Endpoint dst, int iss, int window, int mss) {
        return from(src).to(dst).seq(iss).flags(Flags.SYN).window(window).mss(mss).build();
    }

    /** The SYN,ACK answering a SYN: &lt;SEQ=ISS&gt;&lt;ACK=RCV.NXT&gt;&lt;CTL=SYN,ACK&gt; (RFC 9293 §3.10.7.2). */
    public static Segment synAck(Endpoint src, Endpoint dst, int iss, int ack, int window, int mss) {
        return from(src).to(dst).seq(iss).ack(ack).flags(Flags.SYN | Flags.ACK).window(window).mss(mss).build();
    }

    /** &lt;SEQ=SND.NXT&gt;&lt;ACK=RCV.NXT&gt;&lt;CTL=ACK&gt;: a plain, duplicate or challenge ACK. */
    public static Segment ack(Endpoint src, Endpoint dst, int seq, int ack, int window) {
        return from(src).to(dst).seq(seq).ack(ack).flags(Flags.ACK).window(window).build();
    }

    /** &lt;SEQ=seq&gt;&lt;CTL=RST&gt;, the reset of RFC 9293 §3.10.7 for a segment that carried an ACK. */
    public static Segment reset(Endpoint src, Endpoint dst, int seq) {
        return from(src).to(dst).seq(seq).flags(Flags.RST).build();
    }

    /** &lt;SEQ=seq&gt;&lt;ACK=ack&gt;&lt;CTL=RST,ACK&gt;: a reset that also acknowledges (RFC 9293 §3.10.7.1, Linux's active reset). */
    public static Segment resetAck(Endpoint src, Endpoint dst, int seq, int ack) {
        return from(src).to(dst).seq(seq).ack(ack).flags(Flags.RST | Flags.ACK).build();
    }

    /** A builder for a segment leaving {@code src}; every field not set is 0 (data: null). */
    public static Builder from(Endpoint src) {
        return new Builder(src);
    }

    /** A builder holding this segment's fields, to change some of them. */
    public Builder toBuilder() {
        return from(src).to(dst).seq(seq).ack(ack).flags(flags).window(window).len(len).mss(mss).data(data);
    }

    /** Builds a {@link Segment} field by field, by name. */
    public static final class Builder {
        private final Endpoint src;
        private Endpoint dst;
        private int seq;
        private int ack;
        private int flags;
        private int window;
        private int len;
        private int mss;
        private String data;

        private Builder(Endpoint src) {
            this.src = src;
        }

        public Builder to(Endpoint dst) {
            this.dst = dst;
            return this;
        }

        public Builder seq(int seq) {
            this.seq = seq;
            return this;
        }

        /** The acknowledgement number; meaningful only with {@link Flags#ACK} in {@link #flags}. */
        public Builder ack(int ack) {
            this.ack = ack;
            return this;
        }

        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        public Builder window(int window) {
            this.window = window;
            return this;
        }

        /** Data octets carried, and what they say (null when it does not matter). */
        public Builder data(int len, String label) {
            this.len = len;
            this.data = label;
            return this;
        }

        public Builder len(int len) {
            this.len = len;
            return this;
        }

        public Builder mss(int mss) {
            this.mss = mss;
            return this;
        }

        public Builder data(String label) {
            this.data = label;
            return this;
        }

        public Segment build() {
            if (src == null || dst == null) {
                throw new IllegalStateException("a segment needs a source and a destination");
            }
            if (len < 0) {
                throw new IllegalArgumentException("negative data length " + len);
            }
            return new Segment(src, dst, seq, ack, flags, window, len, mss, data);
        }
    }

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
