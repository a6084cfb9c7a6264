package tcplab.capture;

import java.nio.ByteBuffer;

/** Builds Ethernet + IPv4/IPv6 + TCP frames with correct lengths and checksums (RFC 791, 8200, 9293). */
public final class Packets {
    private Packets() {
    }

    /** The fields of a TCP packet to build; addresses are 4 or 16 bytes. */
    public record Spec(byte[] src, byte[] dst, int srcPort, int dstPort, int seq, int ack, int flags, int window,
                       int mss, byte[] payload, int ipId) {
    }

    /** A locally administered MAC for an address: 02:00 then the address's last four bytes. */
    static byte[] mac(byte[] addr) {
        int n = addr.length;
        return new byte[]{2, 0, addr[n - 4], addr[n - 3], addr[n - 2], addr[n - 1]};
    }

    /** An Ethernet frame carrying the TCP packet. */
    public static byte[] ethernet(Spec s) {
        byte[] ip = ip(s);
        ByteBuffer b = ByteBuffer.allocate(14 + ip.length);
        b.put(mac(s.dst())).put(mac(s.src())).putShort((short) (s.src().length == 4 ? 0x0800 : 0x86DD)).put(ip);
        return b.array();
    }

    /** The IP packet (header, TCP header with options, payload). */
    public static byte[] ip(Spec s) {
        int optLen = s.mss() > 0 ? 4 : 0;
        int tcpLen = 20 + optLen + s.payload().length;
        ByteBuffer tcp = ByteBuffer.allocate(tcpLen);
        tcp.putShort((short) s.srcPort()).putShort((short) s.dstPort()).putInt(s.seq()).putInt(s.ack())
                .put((byte) (((20 + optLen) / 4) << 4)).put((byte) s.flags())
                .putShort((short) Math.min(s.window(), 0xFFFF)).putShort((short) 0).putShort((short) 0);
        if (s.mss() > 0) {
            tcp.put((byte) 2).put((byte) 4).putShort((short) s.mss());
        }
        tcp.put(s.payload());
        byte[] t = tcp.array();
        int sum = checksum(pseudoHeader(s.src(), s.dst(), tcpLen), t);
        t[16] = (byte) (sum >>> 8);
        t[17] = (byte) sum;
        if (s.src().length == 4) {
            ByteBuffer h = ByteBuffer.allocate(20 + tcpLen);
            h.put((byte) 0x45).put((byte) 0).putShort((short) (20 + tcpLen)).putShort((short) s.ipId())
                    .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0).put(s.src()).put(s.dst());
            byte[] a = h.array();
            int hs = checksum(new byte[0], java.util.Arrays.copyOf(a, 20));
            a[10] = (byte) (hs >>> 8);
            a[11] = (byte) hs;
            System.arraycopy(t, 0, a, 20, tcpLen);
            return a;
        }
        ByteBuffer h = ByteBuffer.allocate(40 + tcpLen);
        h.putInt(0x60000000).putShort((short) tcpLen).put((byte) 6).put((byte) 64).put(s.src()).put(s.dst()).put(t);
        return h.array();
    }

    static byte[] pseudoHeader(byte[] src, byte[] dst, int tcpLen) {
        if (src.length == 4) {
            return ByteBuffer.allocate(12).put(src).put(dst).put((byte) 0).put((byte) 6).putShort((short) tcpLen).array();
        }
        return ByteBuffer.allocate(40).put(src).put(dst).putInt(tcpLen).putInt(6).array();
    }

    /** The Internet checksum (RFC 1071) of {@code a} then {@code b}, as a 16-bit value. */
    static int checksum(byte[] a, byte[] b) {
        long sum = 0;
        sum = add(sum, a, a.length);
        sum = add(sum, b, b.length);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private static long add(long sum, byte[] x, int n) {
        for (int i = 0; i + 1 < n; i += 2) {
            sum += ((x[i] & 0xFF) << 8) | (x[i + 1] & 0xFF);
        }
        if ((n & 1) != 0) {
            sum += (x[n - 1] & 0xFF) << 8;
        }
        return sum;
    }

    /**
     * Whether the TCP checksum of an IP packet verifies (used by tests; real captures taken on the
     * sending host often carry unfilled checksums because the network card computes them).
     */
    public static boolean tcpChecksumOk(byte[] ipPacket) {
        boolean v4 = (ipPacket[0] >>> 4) == 4;
        int hl = v4 ? (ipPacket[0] & 15) * 4 : 40;
        int addrLen = v4 ? 4 : 16;
        int srcAt = v4 ? 12 : 8;
        byte[] src = java.util.Arrays.copyOfRange(ipPacket, srcAt, srcAt + addrLen);
        byte[] dst = java.util.Arrays.copyOfRange(ipPacket, srcAt + addrLen, srcAt + 2 * addrLen);
        byte[] tcp = java.util.Arrays.copyOfRange(ipPacket, hl, ipPacket.length);
        return checksum(pseudoHeader(src, dst, tcp.length), tcp) == 0;
    }

    /** Whether the IPv4 header checksum verifies. */
    public static boolean ipv4ChecksumOk(byte[] ipPacket) {
        int hl = (ipPacket[0] & 15) * 4;
        return checksum(new byte[0], java.util.Arrays.copyOf(ipPacket, hl)) == 0;
    }
}
