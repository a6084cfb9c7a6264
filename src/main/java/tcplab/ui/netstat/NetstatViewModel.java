package tcplab.ui.netstat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.binding.Bindings;
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
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import tcplab.i18n.Lang;
import tcplab.netstat.Dialect;
import tcplab.netstat.ExplainedTable;
import tcplab.netstat.Explainer;
import tcplab.netstat.NetstatEmitter;
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
public final class NetstatViewModel {
    static final String BUNDLE = "tcplab.ui.Netstat";

    private final ObjectProperty<Lang> lang = new SimpleObjectProperty<>(this, "lang", Lang.EN);
    private final UiTexts texts = new UiTexts(BUNDLE, lang);
    private final StringProperty selectedHost = new SimpleStringProperty(this, "selectedHost");
    private final ObjectProperty<Dialect> selectedDialect = new SimpleObjectProperty<>(this, "selectedDialect");
    private final IntegerProperty selectedLineIndex = new SimpleIntegerProperty(this, "selectedLineIndex", -1);

    private final ReadOnlyListWrapper<String> hosts = new ReadOnlyListWrapper<>(this, "hosts", FXCollections.observableArrayList());
    /** The emittable dialects, in the selector's order; fixed, so a language switch keeps the selector's value. */
    private final ReadOnlyListWrapper<Dialect> dialects =
            new ReadOnlyListWrapper<>(this, "dialects", FXCollections.observableArrayList(Dialect.emittableValues()));
    private final ReadOnlyListWrapper<String> lines = new ReadOnlyListWrapper<>(this, "lines", FXCollections.observableArrayList());
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper(this, "explanation", "");
    private final ReadOnlyStringWrapper explanationTitle = new ReadOnlyStringWrapper(this, "explanationTitle", "");
    private final ReadOnlyListWrapper<Warning> warnings = new ReadOnlyListWrapper<>(this, "warnings", FXCollections.observableArrayList());
    private final ReadOnlyMapWrapper<String, Long> countsByState =
            new ReadOnlyMapWrapper<>(this, "countsByState", FXCollections.observableHashMap());
    private final ReadOnlyStringWrapper countsText = new ReadOnlyStringWrapper(this, "countsText", "");
    /** Where the tables come from, said under the counts (a capture's unknowable Recv-Q); null: a simulation. */
    private java.util.function.Function<tcplab.i18n.Lang, String> sourceNote;

    private LinkedHashMap<String, List<SocketRow>> rowsByHost = new LinkedHashMap<>();
    private Map<String, Dialect> nativeByHost = new HashMap<>();
    /** The dialect the user picked, or null while the host's own dialect is shown. */
    private Dialect userDialect;
    /** Set while the model itself writes its input properties: those writes are not user choices. */
    private boolean updating;

    /** The shown table, read and explained (null while no host is shown); row i is line i of {@link #lines}. */
    private ExplainedTable table;
    /** Per line of {@link #lines}: what the pane says about it (the table's explanation, set out for reading). */
    private String[] explanations = new String[0];

    public NetstatViewModel() {
        // A new language relabels the dialects (dialectLabel) but never replaces the list: replacing
        // it made the selector drop its value, and the Format box went blank (issue 11).
        lang.addListener((o, a, b) -> recompute(false));
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
        setTables(rowsByHost, nativeDialectByHost, null);
    }

    /**
     * As {@link #setTables(LinkedHashMap, Map)}, with a sentence about where the tables come from,
     * in the current language, shown under the counts ({@code note}, null for none): a capture's
     * tables say which of their numbers no packet can show.
     */
    public void setTables(LinkedHashMap<String, List<SocketRow>> rowsByHost, Map<String, Dialect> nativeDialectByHost,
                          java.util.function.Function<tcplab.i18n.Lang, String> note) {
        this.sourceNote = note;
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

    /** The emittable dialects, in the selector's order (labelled by {@link #dialectLabel(Dialect)}). */
    public ReadOnlyListProperty<Dialect> dialectsProperty() {
        return dialects.getReadOnlyProperty();
    }

    /** The label of {@code d} in the current language, relabelled when the language changes. */
    public ReadOnlyStringProperty dialectLabel(Dialect d) {
        return texts.text("dialect." + d.cliName());
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

    /**
     * The title of a finding in the current language ({@link ExplainedTable#title(Warning, Lang)}:
     * a note has a note's title), relabelled on a switch.
     */
    public ObservableStringValue warningTitle(Warning w) {
        return Bindings.createStringBinding(() -> ExplainedTable.title(w, texts.lang()), lang);
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

    /** The dialect the selected host is shown in now (the user's pick or the host's own). */
    public Dialect effectiveDialect() {
        if (userDialect != null) {
            return userDialect;
        }
        Dialect d = nativeByHost.get(selectedHost.get());
        return d != null && d.emittable() ? d : Dialect.WINDOWS;
    }

    // ------------------------------------------------------------------ the work

    /**
     * Emits the selected host's table, reads it back as one {@link ExplainedTable} (every line
     * explained in its table: the direction of a row follows the LISTEN rows above it), and
     * restores the selection.
     */
    private void recompute(boolean hostChanged) {
        String host = selectedHost.get();
        Dialect dialect = effectiveDialect();
        List<String> newLines = new ArrayList<>();
        ExplainedTable newTable = null;
        String[] newExplanations = new String[0];
        if (host != null && rowsByHost.containsKey(host)) {
            List<SocketRow> rows = rowsByHost.get(host);
            newTable = ExplainedTable.of(NetstatEmitter.emit(dialect, rows == null ? List.of() : rows, host), texts.lang());
            newExplanations = new String[newTable.rows().size()];
            for (ExplainedTable.Row r : newTable.rows()) {
                newLines.add(r.text());
                newExplanations[newLines.size() - 1] = LineExplanations.explain(r, texts);
            }
        }

        int newIndex = hostChanged ? -1 : follow(newLines, newTable);
        updating = true;
        try {
            if (selectedDialect.get() != dialect) {
                selectedDialect.set(dialect);
            }
            table = newTable;
            explanations = newExplanations;
            if (!lines.equals(newLines)) {
                lines.setAll(newLines);
            }
            selectedLineIndex.set(newIndex);
            if (newTable == null) {
                warnings.clear();
                countsByState.clear();
                countsText.set(host == null ? texts.get("netstat.noTables") : texts.get("counts.none"));
            } else {
                Explainer.Summary summary = newTable.summary();
                if (!warnings.equals(summary.warnings())) {
                    warnings.setAll(summary.warnings());
                }
                if (!countsByState.equals(summary.byState())) {
                    countsByState.clear();
                    countsByState.putAll(summary.byState());
                }
                String counts = LineExplanations.counts(summary.sockets(), summary.udpSockets(), summary.byState(), texts);
                String note = sourceNote == null ? null : sourceNote.apply(texts.lang());
                countsText.set(note == null || note.isEmpty() ? counts : counts + "\n" + note);
            }
        } finally {
            updating = false;
        }
        describeSelection();
    }

    /** Where the selected line is in the new output: same text, else same socket, else none. */
    private int follow(List<String> newLines, ExplainedTable newTable) {
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
        String key = table == null || table.row(old) == null ? null : socketKey(table.row(old).parsed());
        if (key != null && newTable != null) {
            for (int i = 0; i < newTable.rows().size(); i++) {
                if (key.equals(socketKey(newTable.rows().get(i).parsed()))) {
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
        ExplainedTable.Row r = table == null ? null : table.row(i);
        explanationTitle.set(texts.get("lineTitle", Integer.toString(i + 1),
                r == null ? "" : LineExplanations.kindLabel(r.parsed(), texts)));
        explanation.set(Objects.requireNonNullElse(explanations[i], ""));
    }
}
