package tcplab.sim;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tcplab.i18n.Columns;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.sim.TraceEvent.AppEvent;
import tcplab.sim.TraceEvent.SegmentAction;
import tcplab.sim.TraceEvent.SegmentEvent;
import tcplab.sim.TraceEvent.StateChange;
import tcplab.tcp.Endpoint;
import tcplab.tcp.Segment;
import tcplab.tcp.Seq;

/**
 * A text ladder diagram of a trace: a lifeline per host, an arrow per segment with its flags,
 * sequence and acknowledgement numbers and length, state changes and application results beside
 * the lifelines, and the virtual time of every row.
 *
 * <p>Drawn in ASCII only: box-drawing characters are "ambiguous width" and take two columns in
 * many Chinese terminal fonts, which would break the alignment for exactly the users who read the
 * Chinese text. Chinese text itself is measured as two columns per character.
 */
public final class TextLadder {
    public static final String BUNDLE = "tcplab.sim.Ladder";
    private static final int TIME_WIDTH = 11;

    /** How to draw. */
    public record Options(Lang lang, boolean absoluteSeq, int columnWidth) {
        public static Options of(Lang lang) {
            return new Options(lang, false, 44);
        }
    }

    private final Options opt;
    private final Texts t;
    private final List<String> columns = new ArrayList<>();
    private final Map<String, Integer> columnOf = new LinkedHashMap<>();
    private final Map<Integer, String> hostByAddress = new HashMap<>();
    private final Map<String, Integer> isn = new HashMap<>();
    private int otherColumn = -1;

    private TextLadder(Options opt, List<Host> hosts) {
        this.opt = opt;
        this.t = Texts.of(BUNDLE, opt.lang());
        for (Host h : hosts) {
            columnOf.put(h.name(), columns.size());
            columns.add(h.name());
            hostByAddress.put(h.address(), h.name());
        }
    }

    /** Writes the whole ladder of {@code events} for the run's hosts. */
    public static void write(PrintWriter out, Scenario sc, ScenarioRunner.Run run, List<TraceEvent> events, Options opt) {
        if (run.simulation().hosts().size() > 2 && opt.columnWidth() > 34) {
            // Narrower columns once there are more than two lifelines, so a scan still fits a wide terminal.
            opt = new Options(opt.lang(), opt.absoluteSeq(), 34);
        }
        TextLadder l = new TextLadder(opt, run.simulation().hosts());
        l.render(out, sc, run, events);
    }

    private void render(PrintWriter out, Scenario sc, ScenarioRunner.Run run, List<TraceEvent> events) {
        Lang lang = opt.lang();
        // A pseudo-column for addresses no host has (spoofed sources, unused addresses).
        for (TraceEvent e : events) {
            if (e instanceof SegmentEvent s && (!hostByAddress.containsKey(s.segment().dst().address())
                    || !hostByAddress.containsKey(s.segment().src().address()))) {
                otherColumn = columns.size();
                columns.add(t.get("ladder.elsewhere"));
                break;
            }
        }
        // What happened to each segment after it was sent: delivered when, or dropped why.
        Map<Long, SegmentEvent> fate = new HashMap<>();
        for (TraceEvent e : events) {
            if (e instanceof SegmentEvent s && s.action() != SegmentAction.SEND) {
                fate.put(s.id(), s);
            }
        }

        out.println(t.get("ladder.title", sc.name(), sc.title(lang)));
        if (!sc.about(lang).isEmpty()) {
            out.println(sc.about(lang));
        }
        Simulation sim = run.simulation();
        // The values in effect (after --delay-ms and --loss), not the file's: the header used to
        // say "delay 100.0 ms | loss 0.0%" above a run with --loss 1.0.
        out.println(t.get("ladder.settings", String.valueOf(run.seed()), fmtMs(sim.delayUs() / 1000.0), fmtPercent(sim.loss()),
                t.get(opt.absoluteSeq() ? "ladder.absolute" : "ladder.relative")));
        out.println();
        // Header: host names, then addresses and profiles.
        List<String> names = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (String c : columns) {
            Host h = sim.host(c);
            names.add(c);
            details.add(h == null ? "" : h.addressText() + " " + h.profile().name());
        }
        out.println(row(pad(t.get("ladder.time"), TIME_WIDTH), names, true));
        out.println(row(pad("", TIME_WIDTH), details, true));
        out.println(lifelines(pad("", TIME_WIDTH)));

        for (TraceEvent e : events) {
            String line = eventLine(e, fate);
            if (line != null) {
                out.println(line);
            }
        }
        out.println(lifelines(pad("", TIME_WIDTH)));
        out.println(t.get("ladder.end", fmtMs(sim.now() / 1000.0)));
        for (Host h : sim.hosts()) {
            StringBuilder sb = new StringBuilder();
            for (Sock s : h.sockets()) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(s.state().name()).append(' ').append(socketText(s.local(), s.remote()));
            }
            out.println("  " + h.name() + ": " + (sb.length() == 0 ? t.get("ladder.noSockets") : sb));
        }
    }

    /** The ladder's line for one event, or null for an event the ladder does not draw. */
    private String eventLine(TraceEvent e, Map<Long, SegmentEvent> fate) {
        String time = pad(String.format(Locale.ROOT, "%10.1f", e.timeMs()), TIME_WIDTH);
        if (e instanceof StateChange s) {
            String text = s.from().name() + " -> " + s.to().name() + "  " + causeText(s);
            return item(time, columnOf.get(s.host()), text + "  [" + socketText(s.local(), s.remote()) + "]");
        } else if (e instanceof AppEvent a) {
            return item(time, columnOf.get(a.host()), appText(a));
        } else if (e instanceof SegmentEvent s) {
            if (s.action() == SegmentAction.SEND) {
                return arrow(time, s, fate.get(s.id()));
            } else if (s.action() == SegmentAction.DROP && s.reason() != TraceEvent.DropReason.LOSS
                    && s.reason() != TraceEvent.DropReason.RULE && s.reason() != TraceEvent.DropReason.USER) {
                // Dropped on arrival: show where it died.
                int col = s.reason() == TraceEvent.DropReason.NO_HOST ? otherColumn : columnOf.get(s.host());
                return item(time, col, "x " + label(s.segment()) + "  " + dropText(s));
            }
        }
        return null;
    }

    /**
     * The ladder one event at a time, for showing a run step by step (lessons): the two header
     * lines (host names, then addresses and profiles), then one element per event of
     * {@code events}, null for an event the ladder does not draw. Drawn exactly as {@link #write}.
     */
    public static List<String> eventLines(List<Host> hosts, List<TraceEvent> events, Options opt) {
        if (hosts.size() > 2 && opt.columnWidth() > 34) {
            opt = new Options(opt.lang(), opt.absoluteSeq(), 34);
        }
        TextLadder l = new TextLadder(opt, hosts);
        for (TraceEvent e : events) {
            if (e instanceof SegmentEvent s && (!l.hostByAddress.containsKey(s.segment().dst().address())
                    || !l.hostByAddress.containsKey(s.segment().src().address()))) {
                l.otherColumn = l.columns.size();
                l.columns.add(l.t.get("ladder.elsewhere"));
                break;
            }
        }
        Map<Long, SegmentEvent> fate = new HashMap<>();
        for (TraceEvent e : events) {
            if (e instanceof SegmentEvent s && s.action() != SegmentAction.SEND) {
                fate.put(s.id(), s);
            }
        }
        List<String> names = new ArrayList<>();
        List<String> details = new ArrayList<>();
        Map<String, Host> byName = new HashMap<>();
        for (Host h : hosts) {
            byName.put(h.name(), h);
        }
        for (String c : l.columns) {
            Host h = byName.get(c);
            names.add(c);
            details.add(h == null ? "" : h.addressText() + " " + h.profile().name());
        }
        List<String> out = new ArrayList<>();
        out.add(l.row(pad(l.t.get("ladder.time"), TIME_WIDTH), names, true));
        out.add(l.row(pad("", TIME_WIDTH), details, true));
        for (TraceEvent e : events) {
            out.add(l.eventLine(e, fate));
        }
        return out;
    }

    private String causeText(StateChange s) {
        String key = "cause." + s.cause().name();
        if (opt.lang() == Lang.EN || !t.has(key)) {
            return "(" + s.cause().label() + ")";
        }
        return t.get(key) + " (" + s.cause().label() + ")";
    }

    private String appText(AppEvent a) {
        String call = a.call().equals("restart") ? t.get("ladder.restart") : a.call() + "()";
        String result = t.has("result." + a.result()) ? t.get("result." + a.result()) : a.result();
        StringBuilder sb = new StringBuilder(t.get("ladder.app")).append(' ').append(call).append(" = ").append(result);
        if (a.call().equals("listen") && a.value() > 0) {
            sb.append("  ").append(t.get("ladder.backlog", String.valueOf(a.value())));
        } else if (a.value() > 0) {
            sb.append("  ").append(t.get("ladder.bytes", a.value()));
        }
        if (a.data() != null) {
            sb.append("  \"").append(a.data()).append('"');
        }
        return sb.toString();
    }

    private String dropText(SegmentEvent s) {
        return dropText(s, t);
    }

    /**
     * Why a segment was dropped, in the words of {@code ladderTexts} (the tcplab.sim.Ladder
     * bundle): "dropped by the rule at syn-timeout.yaml:18", "lost on the link". Shared with the
     * window's event list, so both say the same.
     */
    public static String dropText(SegmentEvent s, tcplab.i18n.Texts ladderTexts) {
        if (s.reason() == TraceEvent.DropReason.RULE && Timeline.LESSON_DROP.equals(s.detail())) {
            return ladderTexts.get("drop.LESSON"); // a lesson's drop has no file:line of a rule
        }
        String reason = ladderTexts.get("drop." + s.reason().name());
        return s.detail() == null ? reason : reason + " " + s.detail();
    }

    private static String socketText(Endpoint local, Endpoint remote) {
        return local + " " + (remote == null ? "*:*" : remote.toString());
    }

    /** {@code SYN,ACK seq=0 ack=1 len=0}: numbers relative to each direction's ISN unless asked otherwise. */
    String label(Segment seg) {
        String key = seg.src() + ">" + seg.dst();
        if (seg.has(tcplab.tcp.Flags.SYN)) {
            isn.put(key, seg.seq()); // a new SYN on the same addresses starts a new connection
        }
        long seq = Seq.unsigned(seg.seq());
        long ack = Seq.unsigned(seg.ack());
        if (!opt.absoluteSeq()) {
            Integer mine = isn.get(key);
            Integer theirs = isn.get(seg.dst() + ">" + seg.src());
            if (mine != null) {
                seq = Seq.unsigned(seg.seq() - mine);
            }
            if (theirs != null && seg.has(tcplab.tcp.Flags.ACK)) {
                ack = Seq.unsigned(seg.ack() - theirs);
            }
        }
        StringBuilder sb = new StringBuilder(seg.flagText()).append(" seq=").append(seq);
        if (seg.has(tcplab.tcp.Flags.ACK)) {
            sb.append(" ack=").append(ack);
        }
        sb.append(" len=").append(seg.len());
        return sb.toString();
    }

    private int columnForAddress(Endpoint ep) {
        String h = hostByAddress.get(ep.address());
        return h == null ? otherColumn : columnOf.get(h);
    }

    private String arrow(String time, SegmentEvent send, SegmentEvent fate) {
        Segment seg = send.segment();
        int from = columnOf.get(send.host());
        int to = columnForAddress(seg.dst());
        String lbl = " " + label(seg) + " ";
        String tail;
        if (fate == null) {
            tail = t.get("ladder.inFlight");
        } else if (fate.action() == SegmentAction.DELIVER) {
            tail = t.get("ladder.arrives", fmtMs(fate.timeMs()));
        } else if (fate.reason() == TraceEvent.DropReason.LOSS || fate.reason() == TraceEvent.DropReason.RULE
                || fate.reason() == TraceEvent.DropReason.USER) {
            // Lost on the wire, at its own time (half-way, or where the user caught it).
            tail = "x " + t.get("ladder.lostAt", fmtMs(fate.timeMs())) + " " + dropText(fate);
        } else {
            tail = t.get("ladder.arrives", fmtMs(fate.timeMs()));
        }
        if (seg.data() != null) {
            tail = tail + "  \"" + seg.data() + "\"";
        }
        if (send.resend() != null) {
            tail = tail + "  " + t.get("ladder.resend." + send.resend().name());
        }
        int a = Math.min(from, to);
        int b = Math.max(from, to);
        boolean lost = fate != null && fate.action() == SegmentAction.DROP
                && (fate.reason() == TraceEvent.DropReason.LOSS || fate.reason() == TraceEvent.DropReason.RULE
                || fate.reason() == TraceEvent.DropReason.USER);
        int span = (b - a) * opt.columnWidth() - 1;
        StringBuilder line = new StringBuilder();
        int dashes = Math.max(2, span - lbl.length() - 1);
        int left = dashes / 2;
        int right = dashes - left;
        // The arrow head points at the receiver; a lost segment ends in "x" before reaching it.
        if (from < to) {
            line.append("-".repeat(left)).append(lbl).append("-".repeat(right)).append(lost ? 'x' : '>');
        } else {
            line.append(lost ? 'x' : '<').append("-".repeat(left)).append(lbl).append("-".repeat(right));
        }
        String arrowText = line.toString();
        StringBuilder sb = new StringBuilder(time);
        for (int i = 0; i < columns.size(); i++) {
            int pos = TIME_WIDTH + i * opt.columnWidth();
            if (i < a || i > b) {
                padTo(sb, pos);
                sb.append('|');
            } else if (i == a) {
                padTo(sb, pos);
                sb.append('|').append(arrowText);
            } else if (i == b) {
                padTo(sb, pos);
                sb.append('|');
            }
        }
        sb.append("  #").append(send.id()).append(' ').append(tail);
        return sb.toString();
    }

    /** A row with text at one host's lifeline, the other lifelines drawn where the text leaves room. */
    private String item(String time, int col, String text) {
        StringBuilder sb = new StringBuilder(time);
        int start = TIME_WIDTH + col * opt.columnWidth();
        int end = start + width(text);
        for (int i = 0; i < columns.size(); i++) {
            int pos = TIME_WIDTH + i * opt.columnWidth();
            if (i == col) {
                padTo(sb, pos);
                sb.append(text);
            } else if (pos < start || pos > end) {
                if (width(sb) <= pos) {
                    padTo(sb, pos);
                    sb.append('|');
                }
            }
        }
        return sb.toString();
    }

    private String lifelines(String time) {
        StringBuilder sb = new StringBuilder(time);
        for (int i = 0; i < columns.size(); i++) {
            padTo(sb, TIME_WIDTH + i * opt.columnWidth());
            sb.append('|');
        }
        return sb.toString();
    }

    private String row(String time, List<String> cells, boolean header) {
        StringBuilder sb = new StringBuilder(time);
        for (int i = 0; i < cells.size(); i++) {
            padTo(sb, TIME_WIDTH + i * opt.columnWidth());
            sb.append(cells.get(i));
            sb.append(' ');
        }
        return sb.toString().stripTrailing();
    }

    private static void padTo(StringBuilder sb, int col) {
        int w = width(sb);
        while (w < col) {
            sb.append(' ');
            w++;
        }
    }

    private static String pad(String s, int w) {
        StringBuilder sb = new StringBuilder(s);
        padTo(sb, w);
        return sb.toString();
    }

    /** Terminal columns of {@code s} ({@link Columns#width}: a Chinese character takes two). */
    public static int width(CharSequence s) {
        return Columns.width(s);
    }

    public static String fmtMs(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }

    private static String fmtPercent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p * 100);
    }
}
