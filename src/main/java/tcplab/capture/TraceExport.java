package tcplab.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tcplab.sim.TraceEvent;
import tcplab.tcp.Endpoint;
import tcplab.tcp.Segment;

/**
 * Writes a simulated run as a capture Wireshark opens: one Ethernet frame per segment, at the
 * run's virtual time (time 0 is the Unix epoch, so Wireshark's relative and absolute times agree).
 */
public final class TraceExport {
    private TraceExport() {
    }

    /** A segment as the capture point saw it. */
    public record Captured(long timeUs, long id, Segment segment) {
    }

    /**
     * The segments a capture point sees. With {@code host} null: every segment once, when it was
     * sent (lost ones included: they were on the wire). With a host: what that host's tcpdump
     * would show, the segments it sent (at sending) and those it received (at delivery); segments
     * lost on the way to it never appear.
     */
    public static List<Captured> seenBy(List<TraceEvent> events, String host) {
        List<Captured> out = new ArrayList<>();
        for (TraceEvent e : events) {
            if (!(e instanceof TraceEvent.SegmentEvent s)) {
                continue;
            }
            boolean take = host == null
                    ? s.action() == TraceEvent.SegmentAction.SEND
                    : s.host().equals(host) && s.action() != TraceEvent.SegmentAction.DROP;
            if (take) {
                out.add(new Captured(s.timeUs(), s.id(), s.segment()));
            }
        }
        return out;
    }

    /** Writes the packets; IPv6 maps each IPv4 address a.b.c.d to 2001:db8::a.b.c.d (RFC 3849's documentation prefix). */
    public static void write(List<Captured> packets, boolean ipv6, CaptureReader.Format format, OutputStream out) throws IOException {
        write(packets, e -> address(e, ipv6), format, out);
    }

    /**
     * Writes the packets, each end's address given by {@code address} (4 octets for IPv4, 16 for
     * IPv6; both ends of a packet of one family): a capture opened in the window is saved with
     * its own IPv6 addresses ({@link CaptureRun#addressBytes}).
     */
    public static void write(List<Captured> packets, java.util.function.Function<Endpoint, byte[]> address,
                             CaptureReader.Format format, OutputStream out) throws IOException {
        CaptureWriter w = new CaptureWriter(out, format, LinkTypes.ETHERNET);
        for (Captured c : packets) {
            w.write(c.timeUs(), Packets.ethernet(spec(c, address)));
        }
        w.flush();
    }

    static Packets.Spec spec(Captured c, boolean ipv6) {
        return spec(c, e -> address(e, ipv6));
    }

    static Packets.Spec spec(Captured c, java.util.function.Function<Endpoint, byte[]> address) {
        Segment s = c.segment();
        return new Packets.Spec(address.apply(s.src()), address.apply(s.dst()), s.src().port(), s.dst().port(),
                s.seq(), s.has(tcplab.tcp.Flags.ACK) ? s.ack() : 0, s.flags() & 0x1F, s.window(), s.mss(),
                payload(s.len(), s.data()), (int) c.id());
    }

    /**
     * {@code len} octets: the segment's label (what the data says, e.g. an HTTP request line) as
     * far as it goes, then spaces, so that Wireshark shows readable text.
     */
    static byte[] payload(int len, String label) {
        byte[] p = new byte[Math.max(0, len)];
        java.util.Arrays.fill(p, (byte) ' ');
        if (label != null) {
            byte[] l = label.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(l, 0, p, 0, Math.min(l.length, p.length));
        }
        return p;
    }

    public static byte[] address(Endpoint e, boolean ipv6) {
        int a = e.address();
        byte[] v4 = {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
        if (!ipv6) {
            return v4;
        }
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[2] = 0x0d;
        v6[3] = (byte) 0xb8;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    /** The capture format a file name asks for: pcapng for {@code .pcapng}, else pcap. */
    public static CaptureReader.Format formatFor(String fileName) {
        return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".pcapng") ? CaptureReader.Format.PCAPNG : CaptureReader.Format.PCAP;
    }
}
