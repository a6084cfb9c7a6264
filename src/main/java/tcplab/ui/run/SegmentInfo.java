package tcplab.ui.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.sim.Timeline;
import tcplab.sim.TraceEvent;
import tcplab.tcp.Flags;
import tcplab.tcp.Segment;
import tcplab.tcp.Seq;

/**
 * What the segment inspector shows: every header field of one segment, its value, what it means
 * in this very segment, and the RFC section that defines it. No JavaFX, so it is tested alone.
 */
public final class SegmentInfo {

    /** One line of the inspector. */
    public record Field(String name, String value, String meaning, String rfc) {
    }

    private SegmentInfo() {
    }

    /**
     * The fields of {@code flight}. {@code isnOwn}/{@code isnPeer} are the initial sequence numbers
     * of the segment's direction and of the reverse one (null when not known), to show relative
     * numbers beside the raw ones.
     */
    public static List<Field> describe(Timeline.Flight flight, Integer isnOwn, Integer isnPeer, Lang lang) {
        return describe(flight, RunViewModel.Phase.ENDED, isnOwn, isnPeer, lang);
    }

    /**
     * The fields of {@code flight} as it is at the playhead ({@code phase}): its fate is told only
     * once it has happened, at its true time, with its true cause.
     */
    public static List<Field> describe(Timeline.Flight flight, RunViewModel.Phase phase, Integer isnOwn, Integer isnPeer,
                                       Lang lang) {
        Texts t = Texts.of(LadderView.BUNDLE, lang);
        Segment s = flight.send().segment();
        List<Field> out = new ArrayList<>();
        out.add(new Field(t.get("insp.what"), s.flagText(), t.get(whatKey(s)), "RFC 9293 " + whatSection(s)));
        out.add(new Field(t.get("insp.src"), s.src().toString(), t.get("insp.src.m", flight.send().host()), "RFC 9293 §3.1"));
        out.add(new Field(t.get("insp.dst"), s.dst().toString(), t.get("insp.dst.m"), "RFC 9293 §3.1"));
        String rel = isnOwn == null ? "" : " (" + t.get("insp.relative.seq", Seq.unsigned(s.seq() - isnOwn)) + ")";
        String seqMeaning = s.has(Flags.SYN) ? t.get("insp.seq.syn")
                : s.len() > 0 ? t.get("insp.seq.data", s.len())
                : s.has(Flags.FIN) ? t.get("insp.seq.fin")
                : t.get("insp.seq.none");
        out.add(new Field(t.get("insp.seq"), Seq.unsigned(s.seq()) + rel, seqMeaning, "RFC 9293 §3.4"));
        if (s.has(Flags.ACK)) {
            String arel = isnPeer == null ? "" : " (" + t.get("insp.relative.ack", Seq.unsigned(s.ack() - isnPeer)) + ")";
            String ackMeaning = isnPeer != null && s.ack() == isnPeer + 1 ? t.get("insp.ack.syn") : t.get("insp.ack.m");
            out.add(new Field(t.get("insp.ack"), Seq.unsigned(s.ack()) + arel, ackMeaning, "RFC 9293 §3.4"));
        } else {
            out.add(new Field(t.get("insp.ack"), "0", t.get("insp.ack.off"), "RFC 9293 §3.1"));
        }
        for (int f : new int[] {Flags.SYN, Flags.ACK, Flags.PSH, Flags.FIN, Flags.RST}) {
            if (s.has(f)) {
                String name = Flags.format(f);
                out.add(new Field(t.get("insp.flag", name), "1", t.get("insp.flag." + name), flagSection(f)));
            }
        }
        out.add(new Field(t.get("insp.window"), Integer.toString(s.window()), t.get("insp.window.m"), "RFC 9293 §3.8.6"));
        out.add(new Field(t.get("insp.len"), Integer.toString(s.len()), t.get("insp.len.m", s.seqLen()), "RFC 9293 §3.4"));
        if (s.mss() > 0) {
            out.add(new Field(t.get("insp.mss"), Integer.toString(s.mss()), t.get("insp.mss.m"), "RFC 9293 §3.7.1"));
        }
        if (s.data() != null) {
            out.add(new Field(t.get("insp.data"), "\u201c" + s.data() + "\u201d", t.get("insp.data.m"), "RFC 9293 §3.9.1"));
        }
        out.add(new Field(t.get("insp.sent"), ms(flight.startUs()), t.get("insp.sent.m", flight.send().host()), ""));
        out.add(fate(flight, phase, t, lang));
        return out;
    }

    /** The inspector's "Fate" line. */
    static Field fate(Timeline.Flight flight, RunViewModel.Phase phase, Texts t, Lang lang) {
        String name = t.get("insp.fate");
        if (phase == RunViewModel.Phase.NOT_SENT) {
            return new Field(name, "—", t.get("insp.fate.notSent"), "");
        }
        if (phase == RunViewModel.Phase.IN_FLIGHT || flight.end() == null) {
            return new Field(name, t.get("insp.flying"), t.get("insp.flying.m", ms(flight.arrivalUs())), "");
        }
        if (flight.lostInFlight()) {
            TraceEvent.DropReason r = flight.end().reason();
            // A lesson's drop is a rule of the lesson, not of the scenario.
            String cause = r == TraceEvent.DropReason.RULE && Timeline.LESSON_DROP.equals(flight.end().detail()) ? "LESSON" : r.name();
            int percent = (int) Math.round(flight.reached() * 100);
            return new Field(name, t.get("insp.lost." + cause, ms(flight.endUs())),
                    t.get("insp.lost.where", percent) + sentenceGap(lang) + t.get(retransmitKey(flight.send().segment())),
                    "RFC 9293 §3.8.1");
        }
        if (flight.lost()) {
            TraceEvent.DropReason r = flight.end().reason();
            String value = r == TraceEvent.DropReason.NO_HOST ? t.get("insp.dropped.NO_HOST", ms(flight.endUs()))
                    : t.get("insp.dropped", ms(flight.endUs()), flight.end().host());
            return new Field(name, value, t.get("insp.drop." + r.name()),
                    r == TraceEvent.DropReason.SYN_QUEUE_FULL ? "RFC 4987 §2" : "RFC 9293 §3.10.7");
        }
        return new Field(name, t.get("insp.arrived", ms(flight.endUs()), flight.end().host()),
                t.get("insp.arrived.m", ms(flight.endUs() - flight.startUs())), "");
    }

    /** Whether a lost segment comes again: only what takes sequence space is retransmitted (RFC 9293 §3.8.1). */
    private static String retransmitKey(Segment s) {
        if (s.has(Flags.RST)) {
            return "insp.retransmit.rst";
        }
        return s.seqLen() > 0 ? "insp.retransmit.data" : "insp.retransmit.ack";
    }

    /** Between two sentences: a space in English, nothing after a Chinese full stop. */
    private static String sentenceGap(Lang lang) {
        return lang == Lang.ZH ? "" : " ";
    }

    private static String ms(long us) {
        return String.format(Locale.ROOT, "%.1f ms", us / 1000.0);
    }

    private static String whatKey(Segment s) {
        int f = s.flags() & ~Flags.PSH;
        if (f == (Flags.SYN)) {
            return "insp.what.syn";
        }
        if (f == (Flags.SYN | Flags.ACK)) {
            return "insp.what.synack";
        }
        if ((f & Flags.RST) != 0) {
            return "insp.what.rst";
        }
        if ((f & Flags.FIN) != 0) {
            return "insp.what.fin";
        }
        if (s.len() > 0) {
            return "insp.what.data";
        }
        return "insp.what.ack";
    }

    private static String whatSection(Segment s) {
        if (s.has(Flags.SYN)) {
            return "§3.5";
        }
        if (s.has(Flags.RST)) {
            return "§3.5.2";
        }
        if (s.has(Flags.FIN)) {
            return "§3.6";
        }
        return s.len() > 0 ? "§3.9.1" : "§3.4";
    }

    private static String flagSection(int f) {
        switch (f) {
            case Flags.SYN:
                return "RFC 9293 §3.5";
            case Flags.FIN:
                return "RFC 9293 §3.6";
            case Flags.RST:
                return "RFC 9293 §3.5.2";
            case Flags.PSH:
                return "RFC 9293 §3.9.1";
            default:
                return "RFC 9293 §3.1";
        }
    }
}
