package tcplab.ui.netstat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyMapProperty;
import javafx.beans.property.ReadOnlyMapWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import tcplab.i18n.Lang;
import tcplab.netstat.Dialect;
import tcplab.netstat.Explainer;
import tcplab.netstat.NetstatEmitter;
import tcplab.netstat.NetstatParser;
import tcplab.netstat.ParsedLine;
import tcplab.netstat.SocketRow;
import tcplab.netstat.Warning;
import tcplab.ui.common.UiTexts;

/**
 * The netstat pane's view model: each simulated host's synthetic netstat output in a chosen
 * dialect, and the explanation of the selected line, produced by the parser and explainer from
 * that very text (the same code that reads pasted output).
 *
 * <p>Inputs: {@link #setTables} after every simulation step, the language, the selected host,
 * dialect and line. Outputs are read-only properties. The selection (host, dialect, line) is
 * kept across {@link #setTables} calls; a line is followed by its text, then by its socket (so
 * a SYN_SENT row that becomes ESTABLISHED stays selected). Only javafx.beans: tested without
 * starting JavaFX. Not thread-safe: call it on the FX thread (or one test thread).
 */
public final class NetstatPaneModel {
    static final String BUNDLE = "tcplab.ui.Netstat";

    /** A dialect choice with its label in the current language (the selector shows the label). */
    public record DialectChoice(Dialect dialect, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final ObjectProperty<Lang> lang = new SimpleObjectProperty<>(this, "lang", Lang.EN);
    private final UiTexts texts = new UiTexts(BUNDLE, lang);
    private final StringProperty selectedHost = new SimpleStringProperty(this, "selectedHost");
    private final ObjectProperty<Dialect> selectedDialect = new SimpleObjectProperty<>(this, "selectedDialect");
    private final IntegerProperty selectedLineIndex = new SimpleIntegerProperty(this, "selectedLineIndex", -1);

    private final ReadOnlyListWrapper<String> hosts = new ReadOnlyListWrapper<>(this, "hosts", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<DialectChoice> dialectChoices =
            new ReadOnlyListWrapper<>(this, "dialectChoices", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<String> lines = new ReadOnlyListWrapper<>(this, "lines", FXCollections.observableArrayList());
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper(this, "explanation", "");
    private final ReadOnlyStringWrapper explanationTitle = new ReadOnlyStringWrapper(this, "explanationTitle", "");
    private final ReadOnlyListWrapper<Warning> warnings = new ReadOnlyListWrapper<>(this, "warnings", FXCollections.observableArrayList());
    private final ReadOnlyMapWrapper<String, Long> countsByState =
            new ReadOnlyMapWrapper<>(this, "countsByState", FXCollections.observableHashMap());
    private final ReadOnlyStringWrapper countsText = new ReadOnlyStringWrapper(this, "countsText", "");

    private LinkedHashMap<String, List<SocketRow>> rowsByHost = new LinkedHashMap<>();
    private Map<String, Dialect> nativeByHost = new HashMap<>();
    /** The dialect the user picked, or null while the host's own dialect is shown. */
    private Dialect userDialect;
    /** Set while the model itself writes its input properties: those writes are not user choices. */
    private boolean updating;

    /** Per line of {@link #lines}: the parsed record and what is said about it. */
    private ParsedLine[] parsed = new ParsedLine[0];
    private String[] explanations = new String[0];

    public NetstatPaneModel() {
        dialectChoices.setAll(choices(Lang.EN));
        lang.addListener((o, a, b) -> {
            Dialect keep = selectedDialect.get();
            updating = true;
            try {
                dialectChoices.setAll(choices(texts.lang()));
                selectedDialect.set(keep);
            } finally {
                updating = false;
            }
            recompute(false);
        });
        selectedHost.addListener((o, a, b) -> {
            if (!updating) {
                recompute(true);
            }
        });
        selectedDialect.addListener((o, a, b) -> {
            if (!updating) {
                userDialect = b != null && b.emittable() ? b : null;
                recompute(false);
            }
        });
        selectedLineIndex.addListener((o, a, b) -> {
            if (!updating) {
                describeSelection();
            }
        });
        recompute(false);
    }

    // ------------------------------------------------------------------ inputs

    public ObjectProperty<Lang> langProperty() {
        return lang;
    }

    /** The host whose table is shown; the window or the host selector sets it. */
    public StringProperty selectedHostProperty() {
        return selectedHost;
    }

    /**
     * The dialect shown. Setting it counts as the user's choice and is kept for every host;
     * setting null (or {@link #useNativeDialect()}) goes back to each host's own dialect.
     */
    public ObjectProperty<Dialect> selectedDialectProperty() {
        return selectedDialect;
    }

    /** The selected line of {@link #linesProperty()}, -1 for none. */
    public IntegerProperty selectedLineIndexProperty() {
        return selectedLineIndex;
    }

    /**
     * The hosts' socket tables now, in the order the host selector shows them, with each host's
     * own dialect (what a user of that machine would paste; {@code HostTable.nativeDialect}).
     * Called by the window after every simulation step; the selection is kept.
     */
    public void setTables(LinkedHashMap<String, List<SocketRow>> rowsByHost, Map<String, Dialect> nativeDialectByHost) {
        this.rowsByHost = rowsByHost == null ? new LinkedHashMap<>() : new LinkedHashMap<>(rowsByHost);
        this.nativeByHost = nativeDialectByHost == null ? new HashMap<>() : new HashMap<>(nativeDialectByHost);
        List<String> names = new ArrayList<>(this.rowsByHost.keySet());
        updating = true;
        try {
            if (!hosts.equals(names)) {
                hosts.setAll(names);
            }
            if (selectedHost.get() == null || !this.rowsByHost.containsKey(selectedHost.get())) {
                selectedHost.set(names.isEmpty() ? null : names.get(0));
            }
        } finally {
            updating = false;
        }
        recompute(false);
    }

    // ------------------------------------------------------------------ commands

    public void selectHost(String host) {
        selectedHost.set(host);
    }

    public void selectDialect(Dialect dialect) {
        selectedDialect.set(dialect);
    }

    /** Shows each host in its own dialect again (forgets the user's pick). */
    public void useNativeDialect() {
        selectedDialect.set(null);
    }

    public void selectLine(int index) {
        selectedLineIndex.set(index);
    }

    // ------------------------------------------------------------------ outputs

    public ReadOnlyListProperty<String> hostsProperty() {
        return hosts.getReadOnlyProperty();
    }

    /** The emittable dialects with labels in the current language, in the selector's order. */
    public ReadOnlyListProperty<DialectChoice> dialectChoicesProperty() {
        return dialectChoices.getReadOnlyProperty();
    }

    /** The selected host's output, line by line, exactly as the emitter wrote it (no CR or LF). */
    public ReadOnlyListProperty<String> linesProperty() {
        return lines.getReadOnlyProperty();
    }

    /** What the selected line means (the parser's and explainer's reading of that text), or a hint. */
    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    /** "Line 6 · socket" above the explanation; empty when no line is selected. */
    public ReadOnlyStringProperty explanationTitleProperty() {
        return explanationTitle.getReadOnlyProperty();
    }

    /** The whole table's warnings (SYN_FLOOD during syn-flood...), most severe first. */
    public ReadOnlyListProperty<Warning> warningsProperty() {
        return warnings.getReadOnlyProperty();
    }

    /** Rows per TCP state (RFC names: LISTEN, SYN_RECEIVED...). */
    public ReadOnlyMapProperty<String, Long> countsByStateProperty() {
        return countsByState.getReadOnlyProperty();
    }

    /** The counts as one line of text, e.g. "129 sockets: LISTEN 1 · SYN_RECEIVED 128". */
    public ReadOnlyStringProperty countsTextProperty() {
        return countsText.getReadOnlyProperty();
    }

    /** A label of the pane in the current language (keys of {@code tcplab/ui/Netstat.properties}). */
    public ReadOnlyStringProperty text(String key) {
        return texts.text(key);
    }

    /** The human label of {@code d} in {@code l}: "Windows (netstat -an)", "Windows 中文 (netstat -ano)"... */
    public static String dialectLabel(Dialect d, Lang l) {
        return tcplab.i18n.Texts.of(BUNDLE, l).get("dialect." + d.cliName());
    }

    /** The dialect the selected host is shown in now (the user's pick or the host's own). */
    public Dialect effectiveDialect() {
        if (userDialect != null) {
            return userDialect;
        }
        Dialect d = nativeByHost.get(selectedHost.get());
        return d != null && d.emittable() ? d : Dialect.WINDOWS;
    }

    // ------------------------------------------------------------------ the work

    private static List<DialectChoice> choices(Lang l) {
        List<DialectChoice> out = new ArrayList<>();
        for (Dialect d : Dialect.emittableValues()) {
            out.add(new DialectChoice(d, dialectLabel(d, l)));
        }
        return out;
    }

    /**
     * Emits the selected host's table, parses it back, explains every line in order (the
     * explainer decides direction from the LISTEN rows above), and restores the selection.
     */
    private void recompute(boolean hostChanged) {
        String host = selectedHost.get();
        Dialect dialect = effectiveDialect();
        List<String> newLines = new ArrayList<>();
        ParsedLine[] newParsed;
        String[] newExplanations;
        Explainer.Summary summary = null;
        if (host != null && rowsByHost.containsKey(host)) {
            List<SocketRow> rows = rowsByHost.get(host);
            String text = NetstatEmitter.emit(dialect, rows == null ? List.of() : rows, host);
            newLines.addAll(Arrays.asList(text.split("\r?\n", -1)));
            if (!newLines.isEmpty() && newLines.get(newLines.size() - 1).isEmpty() && text.endsWith("\n")) {
                newLines.remove(newLines.size() - 1);
            }
            newParsed = new ParsedLine[newLines.size()];
            newExplanations = new String[newLines.size()];
            Explainer explainer = new Explainer(texts.lang());
            NetstatParser parser = new NetstatParser(new StringReader(text), null);
            ParsedLine p;
            while ((p = parser.next()) != null) {
                String said = explainer.explain(p);
                if (p instanceof ParsedLine.Unrecognised u) {
                    said = explainer.reason(u);
                }
                int i = p.line() - 1;
                if (i >= 0 && i < newParsed.length) {
                    newParsed[i] = p;
                    newExplanations[i] = LineExplanations.explain(p, said, texts);
                }
            }
            summary = explainer.summary();
        } else {
            newParsed = new ParsedLine[0];
            newExplanations = new String[0];
        }

        int newIndex = hostChanged ? -1 : follow(newLines, newParsed);
        updating = true;
        try {
            if (selectedDialect.get() != dialect) {
                selectedDialect.set(dialect);
            }
            parsed = newParsed;
            explanations = newExplanations;
            if (!lines.equals(newLines)) {
                lines.setAll(newLines);
            }
            selectedLineIndex.set(newIndex);
            if (summary == null) {
                warnings.clear();
                countsByState.clear();
                countsText.set(host == null ? texts.get("netstat.noTables") : texts.get("counts.none"));
            } else {
                if (!warnings.equals(summary.warnings())) {
                    warnings.setAll(summary.warnings());
                }
                if (!countsByState.equals(summary.byState())) {
                    countsByState.clear();
                    countsByState.putAll(summary.byState());
                }
                countsText.set(LineExplanations.counts(summary.sockets(), summary.udpSockets(), summary.byState(), texts));
            }
        } finally {
            updating = false;
        }
        describeSelection();
    }

    /** Where the selected line is in the new output: same text, else same socket, else none. */
    private int follow(List<String> newLines, ParsedLine[] newParsed) {
        int old = selectedLineIndex.get();
        List<String> oldLines = lines.get();
        if (old < 0 || old >= oldLines.size()) {
            return -1;
        }
        String oldText = oldLines.get(old);
        int best = -1;
        for (int i = 0; i < newLines.size(); i++) {
            if (newLines.get(i).equals(oldText) && (best < 0 || Math.abs(i - old) < Math.abs(best - old))) {
                best = i;
            }
        }
        if (best >= 0) {
            return best;
        }
        String key = old < parsed.length ? socketKey(parsed[old]) : null;
        if (key != null) {
            for (int i = 0; i < newParsed.length; i++) {
                if (key.equals(socketKey(newParsed[i]))) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** A socket's identity: protocol and both endpoints (the state may change, the socket is the same). */
    private static String socketKey(ParsedLine p) {
        if (p instanceof ParsedLine.Socket s) {
            SocketRow r = s.row();
            return r.proto() + " " + r.local().address() + " " + r.local().port() + " " + r.foreign().address() + " "
                    + r.foreign().port();
        }
        return null;
    }

    private void describeSelection() {
        int i = selectedLineIndex.get();
        if (i < 0 || i >= explanations.length) {
            explanationTitle.set("");
            explanation.set(lines.isEmpty() ? texts.get("netstat.noTables") : texts.get("netstat.hint"));
            return;
        }
        ParsedLine p = parsed[i];
        explanationTitle.set(texts.get("lineTitle", Integer.toString(i + 1),
                p == null ? "" : LineExplanations.kindLabel(p, texts)));
        explanation.set(Objects.requireNonNullElse(explanations[i], ""));
    }
}
