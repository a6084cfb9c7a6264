package tcplab.ui.netstat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tcplab.netstat.ExplainedTable;
import tcplab.netstat.ParsedLine;
import tcplab.netstat.ToolWords;
import tcplab.ui.common.UiTexts;

/**
 * What the netstat views say about one parsed line: the explainer's text for sockets, programs
 * and notices; for header lines, what the title or each column means (the explainer only echoes
 * the header); a short sentence for blank and unrecognised lines. Shared by both view models, over the rows of an {@link ExplainedTable}.
 */
final class LineExplanations {
    private LineExplanations() {
    }

    /** The kind in the current language: socket, header, program, notice, blank, not recognised. */
    static String kindLabel(ParsedLine line, UiTexts t) {
        return t.get("kind." + line.kind());
    }

    /** The explanation shown for a row of an explained table. */
    static String explain(ExplainedTable.Row row, UiTexts t) {
        return explain(row.parsed(), row.reason() != null ? row.reason() : row.explanation(), t);
    }

    /**
     * The explanation shown for {@code line}; {@code fromExplainer} is what the Explainer said
     * (for an unrecognised line, its reason: {@link tcplab.netstat.Explainer#reason}).
     */
    private static String explain(ParsedLine line, String fromExplainer, UiTexts t) {
        if (line instanceof ParsedLine.Header h) {
            return header(h.text(), t);
        }
        if (line instanceof ParsedLine.Detail) {
            return fromExplainer != null ? sentences(fromExplainer) : t.get("explain.none");
        }
        if (line instanceof ParsedLine.Blank) {
            return t.get("explain.blank");
        }
        if (line instanceof ParsedLine.Unrecognised) {
            return t.get("explain.unrecognised", fromExplainer);
        }
        return fromExplainer != null ? sentences(fromExplainer) : t.get("explain.none");
    }

    /** English sentence ends: a full stop, then a capital or a parenthesis (not 10.0.0.2, not 0-1023). */
    private static final Pattern EN_BREAK = Pattern.compile("(?<=\\.)\\s+(?=[A-Z(])");
    /** Chinese sentence ends: the ideographic full stop. */
    private static final Pattern ZH_BREAK = Pattern.compile("(?<=。)\\s*(?=\\S)");

    /**
     * The explainer's text one part per line (protocol, local end, foreign end, state, direction,
     * owner) instead of one long paragraph: easier to read on a projector. Words are unchanged.
     */
    static String sentences(String text) {
        return ZH_BREAK.matcher(EN_BREAK.matcher(text).replaceAll("\n")).replaceAll("\n");
    }

    /** A title line, or the column headings with what each column means, in the order printed. */
    static String header(String text, UiTexts t) {
        List<int[]> found = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        boolean program = text.contains("PID/Program name");
        // The column words of every tool and language, from the parser's own table.
        for (ToolWords.ColumnWord c : ToolWords.columnWords()) {
            String key = c.column().key();
            int at = text.indexOf(c.word());
            if (at < 0 || keys.contains(key) || (program && key.equals("col.pid"))) {
                continue;
            }
            keys.add(key);
            found.add(new int[] {at, keys.size() - 1});
        }
        if (found.size() < 2) {
            return t.get("explain.title", text.strip());
        }
        found.sort((a, b) -> Integer.compare(a[0], b[0]));
        StringBuilder sb = new StringBuilder(t.get("explain.columns"));
        for (int[] f : found) {
            sb.append('\n').append("• ").append(t.get(keys.get(f[1])));
        }
        return sb.toString();
    }

    /** "129 sockets: LISTEN 1 · SYN_RECEIVED 128", or "no sockets". */
    static String counts(long sockets, long udp, Map<String, Long> byState, UiTexts t) {
        if (sockets == 0) {
            return t.get("counts.none");
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : byState.entrySet()) {
            sb.append(sb.length() > 0 ? " · " : "").append(e.getKey()).append(' ').append(e.getValue());
        }
        if (udp > 0) {
            sb.append(sb.length() > 0 ? " · " : "").append("UDP ").append(udp);
        }
        return t.get("counts", sockets, sb.toString());
    }

    /** Control characters shown as escapes, long lines cut: for display only, never for parsing. */
    static String printable(String s, int max) {
        return tcplab.netstat.Printable.of(s, max);
    }
}
