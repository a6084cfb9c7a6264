package tcplab.capture;

/**
 * The IP and TCP header fields of one captured TCP packet, as the inference reads them.
 *
 * @param frame      the frame's number in the file (1-based, as Wireshark shows it)
 * @param timeNanos  capture time in nanoseconds since the epoch
 * @param ipVersion  4 or 6
 * @param src        source address as text (dotted quad, or RFC 5952 IPv6)
 * @param flags      the TCP control bits (byte 13 of the header: FIN 0x01 ... CWR 0x80)
 * @param window     the raw 16-bit window field
 * @param payloadLen data octets, from the IP lengths (right even when the snap length cut them)
 * @param mss        the MSS option, 0 when absent
 */
public record TcpPacket(long frame, long timeNanos, int ipVersion, String src, int srcPort, String dst, int dstPort,
                        long seq, long ack, int flags, int window, int payloadLen, int mss) {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** SEG.LEN of RFC 9293 §3.4: data octets plus one for SYN and one for FIN. */
    public long seqLen() {
        return payloadLen + (has(SYN) ? 1 : 0) + (has(FIN) ? 1 : 0);
    }

    public String srcText() {
        return ipVersion == 6 ? "[" + src + "]:" + srcPort : src + ":" + srcPort;
    }

    public String dstText() {
        return ipVersion == 6 ? "[" + dst + "]:" + dstPort : dst + ":" + dstPort;
    }

    /** The flags as tcpdump names them, e.g. {@code SYN,ACK}. */
    public String flagText() {
        StringBuilder sb = new StringBuilder();
        String[] names = {"SYN", "FIN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
        int[] bits = {SYN, FIN, RST, PSH, ACK, 0x20, 0x40, 0x80};
        for (int i = 0; i < bits.length; i++) {
            if ((flags & bits[i]) != 0) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(names[i]);
            }
        }
        return sb.toString();
    }
}
