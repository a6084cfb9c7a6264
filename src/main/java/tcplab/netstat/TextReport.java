package tcplab.netstat;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tcplab.i18n.Lang;
import tcplab.tcp.TcpState;

/**
 * The {@code --format text} view, for people: title, warnings first, counts by state, then the
 * rows grouped by state (LISTEN first, UDP last) in aligned columns, each with its explanation,
 * then the lines that are not sockets. Rows are kept to print them grouped, up to
 * {@link #MAX_ROWS}; past that only counts and warnings grow (jsonl shows every row).
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
    private final List<String> other = new ArrayList<>();
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
            String state = r.state() == null ? (s.raw().state() != null ? s.raw().state() : "") : r.state().name();
            String owner = r.program() != null ? r.program() + (r.pid() != null ? " (" + r.pid() + ")" : "")
                    : r.pid() != null ? "PID " + r.pid() : "";
            Row row = new Row(s.line(), r.proto().jsonName().toUpperCase(java.util.Locale.ROOT), endpoint(r.local()),
                    endpoint(r.foreign()), state, owner, ex);
            if (r.proto() == Proto.UDP || r.state() == null) {
                udp.add(row);
            } else {
                byState.computeIfAbsent(r.state(), k -> new ArrayList<>()).add(row);
            }
        } else if (line instanceof ParsedLine.Unrecognised u) {
            if (other.size() < MAX_OTHER) {
                other.add(explainer.text("text.unrecognised", u.line(), u.reason()) + ": " + u.excerpt());
            }
        } else if (line instanceof ParsedLine.Notice || line instanceof ParsedLine.Program) {
            if (other.size() < MAX_OTHER && ex != null) {
                other.add(explainer.text("text.line", line.line()) + ": " + ex);
            }
        }
    }

    private static String endpoint(Endpoint e) {
        String a = e.address().indexOf(':') >= 0 ? "[" + e.address() + "]" : e.address();
        return a + ":" + (e.port() == null ? "*" : e.port());
    }

    /** Prints the report. */
    public void print(PrintWriter out) {
        Explainer.Summary s = explainer.summary();
        boolean zh = explainer.lang() == Lang.ZH;
        out.println(explainer.text("text.title", s.lines(), s.sockets(), s.unrecognised()));
        if (!dialects.isEmpty()) {
            StringBuilder d = new StringBuilder();
            for (Dialect x : dialects) {
                d.append(d.length() > 0 ? ", " : "").append(x.cliName());
            }
            out.println(explainer.text("text.dialect", d));
        }
        out.println();
        out.println("== " + explainer.text("text.warnings") + " ==");
        if (s.warnings().isEmpty()) {
            out.println(explainer.text("text.noWarnings"));
        }
        for (Warning w : s.warnings()) {
            out.println("[" + w.severity().name() + "] " + w.code().name() + (zh ? ":" : ": ") + w.evidence());
            out.println("    " + w.message());
        }
        out.println();
        out.println("== " + explainer.text("text.byState") + " ==");
        for (Map.Entry<String, Long> e : s.byState().entrySet()) {
            out.printf("  %-13s %d%n", e.getKey(), e.getValue());
        }
        if (s.udpSockets() > 0) {
            out.printf("  %-13s %d%n", "UDP", s.udpSockets());
        }
        out.println();
        out.println("== " + explainer.text("text.rows") + " ==");
        // LISTEN first (what is open), then what is connected, then the closing states, UDP last.
        TcpState[] order = {TcpState.LISTEN, TcpState.SYN_RECEIVED, TcpState.SYN_SENT, TcpState.ESTABLISHED,
            TcpState.CLOSE_WAIT, TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2, TcpState.CLOSING, TcpState.LAST_ACK,
            TcpState.TIME_WAIT, TcpState.CLOSED};
        for (TcpState st : order) {
            List<Row> rows = byState.get(st);
            if (rows != null) {
                group(out, st.name(), rows);
            }
        }
        if (!udp.isEmpty()) {
            group(out, "UDP", udp);
        }
        if (dropped > 0) {
            out.println(explainer.text("text.truncated", dropped));
        }
        if (!other.isEmpty()) {
            out.println();
            out.println("== " + explainer.text("text.unexplained") + " ==");
            for (String o : other) {
                out.println("  " + o);
            }
        }
        out.flush();
    }

    private static void group(PrintWriter out, String title, List<Row> rows) {
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
        out.println("-- " + title + " (" + rows.size() + ")");
        for (Row r : rows) {
            StringBuilder sb = new StringBuilder();
            sb.append("  #").append(pad(Integer.toString(r.line), wn)).append("  ").append(pad(r.proto, 3)).append("  ")
                    .append(pad(r.local, wl)).append("  ").append(pad(r.foreign, wf)).append("  ").append(pad(r.state, ws));
            if (!r.owner.isEmpty()) {
                sb.append("  ").append(r.owner);
            }
            out.println(sb.toString().stripTrailing());
            if (r.explanation != null) {
                out.println("      " + r.explanation);
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
