package tcplab.capture;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a capture, finds its TCP connections and infers each one's states; bounded in memory
 * ({@link #MAX_PACKETS} TCP packets kept at most) whatever the file.
 */
public final class CaptureAnalysis {
    /** TCP packets kept at most (about 100 bytes each, addresses shared): beyond, the reading stops and says so. */
    public static final int MAX_PACKETS = 1_000_000;
    /** One String per address, shared by all its packets. */
    private final Map<String, String> addresses = new HashMap<>();

    private final List<Connection> connections = new ArrayList<>();
    private final Map<PacketDecoder.Skip, Long> skipped = new EnumMap<>(PacketDecoder.Skip.class);
    private final TreeSet<Integer> unsupportedLinkTypes = new TreeSet<>();
    private long frames;
    private long tcpPackets;
    private CaptureProblem problem;
    private boolean stoppedAtLimit;
    private CaptureReader.Format format;

    private CaptureAnalysis() {
    }

    public static CaptureAnalysis read(InputStream in) {
        return read(in, MAX_PACKETS);
    }

    static CaptureAnalysis read(InputStream in, int maxPackets) {
        CaptureAnalysis a = new CaptureAnalysis();
        CaptureReader r = CaptureReader.open(in);
        a.format = r.format();
        Map<String, Connection> open = new HashMap<>();
        Map<Connection, Integer> lastIndex = new LinkedHashMap<>();
        for (Frame f; (f = r.next()) != null; ) {
            a.frames++;
            PacketDecoder.Result res = PacketDecoder.decode(f);
            if (res.packet() == null) {
                a.skipped.merge(res.skip(), 1L, Long::sum);
                if (res.skip() == PacketDecoder.Skip.linkType) {
                    a.unsupportedLinkTypes.add(f.linkType());
                }
                continue;
            }
            if (a.tcpPackets >= maxPackets) {
                a.stoppedAtLimit = true;
                break;
            }
            a.tcpPackets++;
            TcpPacket p = res.packet();
            String src = a.addresses.computeIfAbsent(p.src(), x -> x);
            String dst = a.addresses.computeIfAbsent(p.dst(), x -> x);
            a.add(new TcpPacket(p.frame(), p.timeNanos(), p.ipVersion(), src, p.srcPort(), dst, p.dstPort(), p.seq(), p.ack(),
                    p.flags(), p.window(), p.payloadLen(), p.mss()), open);
        }
        a.problem = r.problem();
        for (Connection c : a.connections) {
            notes(c);
            StateInference.infer(c);
            Zeek.summarise(c);
        }
        return a;
    }

    private void add(TcpPacket p, Map<String, Connection> open) {
        String k = key(p);
        Connection c = open.get(k);
        boolean freshSyn = p.has(TcpPacket.SYN) && !p.has(TcpPacket.ACK);
        if (c != null && freshSyn && c.ended && c.packets.stream().noneMatch(x -> x.tcp().seq() == p.seq() && x.tcp().has(TcpPacket.SYN))) {
            // the same ports again after a close: a new connection (port reuse)
            c = null;
        }
        if (c == null) {
            // the client sends the first SYN; a SYN-ACK's receiver is the client; else the first sender
            boolean firstIsClient = !(p.has(TcpPacket.SYN) && p.has(TcpPacket.ACK));
            c = new Connection(connections.size() + 1, p, firstIsClient);
            connections.add(c);
            open.put(k, c);
        }
        c.packets.add(new Connection.Packet(p, c.endOf(p), null));
        if (p.has(TcpPacket.RST) || p.has(TcpPacket.FIN)) {
            c.ended = true;
        }
    }

    private static String key(TcpPacket p) {
        String a = p.src() + "|" + p.srcPort();
        String b = p.dst() + "|" + p.dstPort();
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    /** Marks retransmissions (sequence space sent before), duplicates (the same packet twice) and duplicate ACKs. */
    private static void notes(Connection c) {
        long[] sndMax = {-1, -1};
        TcpPacket[] last = new TcpPacket[2];
        for (int i = 0; i < c.packets.size(); i++) {
            Connection.Packet cp = c.packets.get(i);
            TcpPacket t = cp.tcp();
            int e = cp.from();
            Connection.Note note = null;
            long end = (t.seq() + t.seqLen()) & 0xFFFFFFFFL;
            TcpPacket prev = last[e];
            if (prev != null && prev.seq() == t.seq() && prev.ack() == t.ack() && prev.flags() == t.flags()
                    && prev.payloadLen() == t.payloadLen() && prev.window() == t.window()) {
                // the same header again: a retransmission when it carries sequence space, else a duplicate ACK
                note = t.seqLen() > 0 ? Connection.Note.retransmission : Connection.Note.dupAck;
            } else if (t.seqLen() > 0 && sndMax[e] >= 0 && !StateInference.after(end, sndMax[e])) {
                note = Connection.Note.retransmission;
            }
            if (prev != null && prev.timeNanos() == t.timeNanos() && prev.seq() == t.seq() && prev.ack() == t.ack()
                    && prev.flags() == t.flags() && prev.payloadLen() == t.payloadLen()) {
                // the very same packet captured twice (e.g. on two interfaces)
                note = Connection.Note.duplicate;
            }
            if (sndMax[e] < 0 || StateInference.after(end, sndMax[e])) {
                sndMax[e] = end;
            }
            last[e] = t;
            c.packets.set(i, new Connection.Packet(t, e, note));
        }
    }

    public List<Connection> connections() {
        return connections;
    }

    public long frames() {
        return frames;
    }

    public long tcpPackets() {
        return tcpPackets;
    }

    public Map<PacketDecoder.Skip, Long> skipped() {
        return skipped;
    }

    public java.util.Set<Integer> unsupportedLinkTypes() {
        return unsupportedLinkTypes;
    }

    /** Why the reading stopped early, or null. */
    public CaptureProblem problem() {
        return problem;
    }

    /** True when the reading stopped at {@link #MAX_PACKETS}. */
    public boolean stoppedAtLimit() {
        return stoppedAtLimit;
    }

    public CaptureReader.Format format() {
        return format;
    }
}
