package tcplab.netstat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;

/**
 * A netstat table read and explained as a whole: its rows (one per input line, in input order,
 * each with the text the tool printed), what is said about each row, and the table's summary and
 * warnings with their titles. The one reading of a table behind the netstat tab, the "explain your
 * own netstat" tab and the lessons, so the three say the same about the same line.
 *
 * <p>A row is explained in its table, never alone: the {@link Explainer} decides whether a
 * connection is incoming or outgoing from the LISTEN rows of the same table above it, so an
 * ESTABLISHED row to local port 80 is "a client connected to this machine's port 80" under a
 * LISTEN row for port 80, and only a guess from the port numbers without one. Rows are explained
 * in input order, as {@code tcplab explain} does, so a row's explanation here is exactly what
 * {@code tcplab explain} prints under that row.
 */
public final class ExplainedTable {
    /**
     * One input line: the parser's record, the line as printed (no line break), what the explainer
     * says about it ({@link #explanation}, null for blank and unrecognised lines), and for an
     * unrecognised line why ({@link #reason}, in the table's language).
     */
    public record Row(ParsedLine parsed, String text, String explanation, String reason) {
        /** The 1-based line number in the input. */
        public int line() {
            return parsed.line();
        }

        /** socket, header, program, notice, blank or unrecognised (the jsonl {@code kind}). */
        public String kind() {
            return parsed.kind();
        }
    }

    /** A finding about the whole table and its short title in the table's language ("Possible SYN flood"). */
    public record TitledWarning(Warning warning, String title) {
    }

    private final Lang lang;
    private final List<Row> rows;
    private final long lines;
    private final Explainer.Summary summary;
    private final List<TitledWarning> warnings;

    private ExplainedTable(Lang lang, List<Row> rows, long lines, Explainer.Summary summary) {
        this.lang = lang;
        this.rows = Collections.unmodifiableList(rows);
        this.lines = lines;
        this.summary = summary;
        List<TitledWarning> ws = new ArrayList<>();
        for (Warning w : summary.warnings()) {
            ws.add(new TitledWarning(w, title(w, lang)));
        }
        this.warnings = Collections.unmodifiableList(ws);
    }

    /** Reads and explains every line of {@code text} in {@code lang}. */
    public static ExplainedTable of(String text, Lang lang) {
        return of(text, lang, Integer.MAX_VALUE, () -> false);
    }

    /**
     * Reads and explains {@code text} in {@code lang}, keeping the first {@code maxRows} rows (the
     * summary and warnings still cover every line: a generated file of a million rows is counted
     * whole, only its first rows are listed). {@code cancelled} is asked every 1,024 lines; when
     * it says true, the work stops and the result is null (a newer paste made it pointless).
     */
    public static ExplainedTable of(String text, Lang lang, int maxRows, BooleanSupplier cancelled) {
        String input = text == null ? "" : text;
        NetstatParser parser = new NetstatParser(new StringReader(input), null);
        // The same line splitting as the parser's, in step with it, for the text of each row.
        LineReader raw = new LineReader(new StringReader(input));
        Explainer explainer = new Explainer(lang);
        List<Row> rows = new ArrayList<>();
        long n = 0;
        ParsedLine p;
        while ((p = parser.next()) != null) {
            String line;
            try {
                line = raw.next() ? raw.text() : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringReader does not fail
            }
            String said = explainer.explain(p);
            n++;
            if (rows.size() < maxRows) {
                String reason = p instanceof ParsedLine.Unrecognised u ? explainer.reason(u) : null;
                rows.add(new Row(p, line, said, reason));
            }
            if ((n & 1023) == 0 && cancelled.getAsBoolean()) {
                return null;
            }
        }
        return new ExplainedTable(lang, rows, n, explainer.summary());
    }

    /** The short title of a kind of finding in {@code lang}: "Possible SYN flood", "疑似 SYN 洪水攻击"... */
    public static String title(Warning.Code code, Lang lang) {
        return Texts.of(Explainer.BUNDLE, lang).get("w." + code.name() + ".title");
    }

    /**
     * The short title of this finding in {@code lang}. A note (INFO: what is normal, such as a
     * server's own TIME_WAITs) has a title of its own that reads as a note ("TIME_WAIT on ports
     * this machine serves"), never the alarm's ("Many TIME_WAIT") above a text that says
     * "harmless".
     */
    public static String title(Warning w, Lang lang) {
        String key = w.severity() == Warning.Severity.INFO ? ".note.title" : ".title";
        return Texts.of(Explainer.BUNDLE, lang).get("w." + w.code().name() + key);
    }

    public Lang lang() {
        return lang;
    }

    /** The rows kept, in input order: row {@code i} is input line {@code i + 1}. */
    public List<Row> rows() {
        return rows;
    }

    /** Row {@code index} (0-based), or null when there is no such row. */
    public Row row(int index) {
        return index >= 0 && index < rows.size() ? rows.get(index) : null;
    }

    /** How many lines the input had (more than {@link #rows()} holds when they were capped). */
    public long lines() {
        return lines;
    }

    /** Counts by state and the warnings of the whole input. */
    public Explainer.Summary summary() {
        return summary;
    }

    /** The table's warnings, most severe first, each with its title. */
    public List<TitledWarning> warnings() {
        return warnings;
    }
}
