package tcplab.netstat;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tcplab.i18n.Lang;
import tcplab.tcp.TcpState;

/**
 * The {@code --format text} view, for people: title, the pasted commands, warnings first, counts
 * by state, then the rows grouped by state (LISTEN first, UDP last) in aligned columns, as the
 * tool printed them, each with its explanation, then the lines that are not sockets. Rows are
 * kept to print them grouped, up to {@link #MAX_ROWS}; past that only counts and warnings grow
 * (jsonl shows every row), and every group says how many of its rows it shows.
 *
 * <p>Everything taken from the input is printed through {@link Printable}: a pasted escape
 * sequence must not reach the terminal.
 */
public final class TextReport {
    /** Rows kept for the grouped view: enough for any real machine, bounded for generated files. */
    public static final int MAX_ROWS = 20_000;
    private static final int MAX_OTHER = 2_000;

    private record Row(int line, String proto, String local, String foreign, String state, String owner, String explanation) {
    }

    private final Explainer explainer;
    private final Map<TcpState, List<Row>> byState = new EnumMap<>(TcpState.class);
    private final List<Row> udp = new ArrayList<>();
    /** TCP rows whose output prints no state (FreeBSD -T, ss filtered to several states). */
    private final List<Row> tcpNoState = new ArrayList<>();
    private final List<String> other = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();
    private final List<Dialect> dialects = new ArrayList<>();
    private long kept;
    private long dropped;

    public TextReport(Explainer explainer) {
        this.explainer = explainer;
    }

    /** Explains and keeps one line. */
    public void add(ParsedLine line) {
        String ex = explainer.explain(line);
        if (line instanceof ParsedLine.Socket s) {
            if (s.dialect() != null && !dialects.contains(s.dialect())) {
                dialects.add(s.dialect());
            }
            if (kept >= MAX_ROWS) {
                dropped++;
                return;
            }
            kept++;
            SocketRow r = s.row();
            ParsedLine.RawFields raw = s.raw();
            String state = raw.state() != null ? raw.state() : r.state() != null ? r.state().name() : "";
            StringBuilder owner = new StringBuilder();
            if (r.program() != null && !r.program().equals("-")) {
                owner.append(r.program());
                if (r.pid() != null) {
                    owner.append(" (").append(r.pid()).append(')');
                }
            } else if (r.pid() != null) {
                owner.append("PID ").append(r.pid());
            }
            if (r.service() != null) {
                owner.append(owner.length() > 0 ? " " : "").append(r.service());
            }
            Row row = new Row(s.line(), r.proto().jsonName().toUpperCase(java.util.Locale.ROOT),
                    Endpoint.shown(r.local().address(), r.local().port(), raw.localHost(), raw.localPort()),
                    Endpoint.shown(r.foreign().address(), r.foreign().port(), raw.foreignHost(), raw.foreignPort()),
                    state, owner.toString(), ex);
            if (r.proto() == Proto.UDP) {
                udp.add(row);
            } else if (r.state() == null) {
                tcpNoState.add(row);
            } else {
                byState.computeIfAbsent(r.state(), k -> new ArrayList<>()).add(row);
            }
        } else if (line instanceof ParsedLine.Unrecognised u) {
            if (other.size() < MAX_OTHER) {
                other.add(explainer.text("text.unrecognised", u.line(), explainer.reason(u)) + colon() + u.excerpt());
            }
        } else if (line instanceof ParsedLine.Notice n && n.code() == ParsedLine.NoticeCode.COMMAND) {
            if (commands.size() < MAX_OTHER) {
                commands.add(explainer.text("text.line", n.line()) + colon() + ex);
            }
        } else if (line instanceof ParsedLine.Program
                || line instanceof ParsedLine.Notice n && (n.code() == ParsedLine.NoticeCode.WRAPPED
                        || n.code() == ParsedLine.NoticeCode.WRAPPED_REST)) {
            // Shown in the row it belongs to (its owner column, or the joined row).
        } else if (line instanceof ParsedLine.Notice || line instanceof ParsedLine.Detail) {
            if (other.size() < MAX_OTHER && ex != null) {
                other.add(explainer.text("text.line", line.line()) + colon() + ex);
            }
        }
    }

    /** Prints the report. */
    public void print(PrintWriter out) {
        Explainer.Summary s = explainer.summary();
        line(out, explainer.text("text.title", explainer.count("lines", s.lines(), s.lines()),
                explainer.count("sockets", s.sockets(), s.sockets()), s.unrecognised()));
        if (s.lines() == 0) {
            line(out, explainer.text("text.empty"));
            out.flush();
            return;
        }
        if (!dialects.isEmpty()) {
            StringBuilder d = new StringBuilder();
            for (Dialect x : dialects) {
                d.append(d.length() > 0 ? ", " : "").append(x.cliName());
            }
            line(out, explainer.text("text.dialect", d));
        }
        if (dropped > 0) {
            line(out, explainer.text("text.truncated", dropped));
        }
        section(out, "text.commands", commands);
        out.println();
        line(out, "== " + explainer.text("text.warnings") + " ==");
        if (s.warnings().isEmpty()) {
            line(out, explainer.text("text.noWarnings"));
        }
        for (Warning w : s.warnings()) {
            line(out, "[" + w.severity().name() + "] " + ExplainedTable.title(w, explainer.lang()) + " (" + w.code().name() + ")"
                    + colon() + w.evidence());
            line(out, "    " + w.message());
        }
        out.println();
        line(out, "== " + explainer.text("text.byState") + " ==");
        for (Map.Entry<String, Long> e : s.byState().entrySet()) {
            out.printf("  %-13s %d%n", e.getKey(), e.getValue());
        }
        if (s.udpSockets() > 0) {
            out.printf("  %-13s %d%n", "UDP", s.udpSockets());
        }
        out.println();
        line(out, "== " + explainer.text("text.rows") + " ==");
        // LISTEN first (what is open), then what is connected, then the closing states, UDP last.
        TcpState[] order = {TcpState.LISTEN, TcpState.SYN_RECEIVED, TcpState.SYN_SENT, TcpState.ESTABLISHED,
            TcpState.CLOSE_WAIT, TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2, TcpState.CLOSING, TcpState.LAST_ACK,
            TcpState.TIME_WAIT, TcpState.CLOSED};
        for (TcpState st : order) {
            List<Row> rows = byState.get(st);
            if (rows != null) {
                group(out, st.name(), rows, s.byState().getOrDefault(st.name(), (long) rows.size()));
            }
        }
        if (!tcpNoState.isEmpty()) {
            group(out, explainer.text("text.tcpNoState"), tcpNoState, tcpNoState.size());
        }
        if (!udp.isEmpty()) {
            group(out, "UDP", udp, Math.max(s.udpSockets(), udp.size()));
        }
        if (dropped > 0) {
            line(out, explainer.text("text.truncated", dropped));
        }
        section(out, "text.unexplained", other);
        out.flush();
    }

    /** The colon between a label and its text (the Chinese texts use ASCII punctuation, without a space). */
    private String colon() {
        return explainer.lang() == Lang.ZH ? ":" : ": ";
    }

    /** A titled list of lines, after an empty line; nothing when the list is empty. */
    private void section(PrintWriter out, String titleKey, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.println();
        line(out, "== " + explainer.text(titleKey) + " ==");
        for (String l : lines) {
            line(out, "  " + l);
        }
    }

    /** One line of the report, made safe for a terminal. */
    private static void line(PrintWriter out, String text) {
        out.println(Printable.of(text));
    }

    private void group(PrintWriter out, String title, List<Row> rows, long total) {
        int wl = 0;
        int wf = 0;
        int wn = 0;
        int ws = 0;
        for (Row r : rows) {
            wl = Math.max(wl, r.local.length());
            wf = Math.max(wf, r.foreign.length());
            wn = Math.max(wn, Integer.toString(r.line).length());
            ws = Math.max(ws, r.state.length());
        }
        line(out, "-- " + title + " (" + (total > rows.size() ? explainer.text("text.shownOf", rows.size(), total)
                : Integer.toString(rows.size())) + ")");
        for (Row r : rows) {
            StringBuilder sb = new StringBuilder();
            sb.append("  #").append(pad(Integer.toString(r.line), wn)).append("  ").append(pad(r.proto, 3)).append("  ")
                    .append(pad(r.local, wl)).append("  ").append(pad(r.foreign, wf)).append("  ").append(pad(r.state, ws));
            if (!r.owner.isEmpty()) {
                sb.append("  ").append(r.owner);
            }
            line(out, sb.toString().stripTrailing());
            if (r.explanation != null) {
                line(out, "      " + r.explanation);
            }
        }
    }

    private static String pad(String s, int w) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < w) {
            sb.append(' ');
        }
        return sb.toString();
    }
}
