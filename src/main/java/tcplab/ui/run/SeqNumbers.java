package tcplab.ui.run;

import java.util.HashMap;
import java.util.Map;
import tcplab.sim.Timeline;
import tcplab.tcp.Flags;
import tcplab.tcp.Segment;
import tcplab.tcp.Seq;

/**
 * Sequence and acknowledgement numbers as the screen shows them: relative to each direction's
 * initial sequence number (as Wireshark does, so the handshake reads seq=0, ack=1), or absolute
 * as sent on the wire. One instance per timeline, shared by the ladder, the event list and the
 * inspector, so they never disagree about a number.
 */
public final class SeqNumbers {
    /** Per segment id: the ISN of its own direction and of the reverse one, as known when it was sent. */
    private final Map<Long, Integer[]> isns = new HashMap<>();

    public SeqNumbers(Timeline tl) {
        Map<String, Integer> lastSyn = new HashMap<>();
        for (Timeline.Flight f : tl.flights()) {
            Segment s = f.send().segment();
            String key = s.src() + ">" + s.dst();
            if (s.has(Flags.SYN)) {
                lastSyn.put(key, s.seq());
            }
            isns.put(f.id(), new Integer[] {lastSyn.get(key), lastSyn.get(s.dst() + ">" + s.src())});
        }
    }

    /** The ISN of segment {@code id}'s direction, or null when its SYN was not seen. */
    public Integer isnOwn(long id) {
        Integer[] k = isns.get(id);
        return k == null ? null : k[0];
    }

    /** The ISN of the reverse direction (what its ACK acknowledges), or null. */
    public Integer isnPeer(long id) {
        Integer[] k = isns.get(id);
        return k == null ? null : k[1];
    }

    /** "SYN,ACK seq=0 ack=1 len=0": relative numbers unless {@code absolute}. */
    public String label(long id, Segment seg, boolean absolute) {
        StringBuilder sb = new StringBuilder(seg.flagText());
        long seq = Seq.unsigned(seg.seq());
        long ack = Seq.unsigned(seg.ack());
        Integer own = isnOwn(id);
        Integer peer = isnPeer(id);
        if (!absolute) {
            if (own != null) {
                seq = Seq.unsigned(seg.seq() - own);
            }
            if (peer != null && seg.has(Flags.ACK)) {
                ack = Seq.unsigned(seg.ack() - peer);
            }
        }
        sb.append(" seq=").append(seq);
        if (seg.has(Flags.ACK)) {
            sb.append(" ack=").append(ack);
        }
        sb.append(" len=").append(seg.len());
        return sb.toString();
    }
}
