package tcplab.ui.netstat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
import tcplab.netstat.Encodings;
import tcplab.netstat.ExplainedTable;
import tcplab.netstat.Explainer;
import tcplab.netstat.LiveCapture;
import tcplab.netstat.Warning;
import tcplab.ui.common.UiTexts;

/**
 * The "explain your own netstat" tab's view model: the user's text (pasted, loaded from a file in
 * any of the encodings {@link Encodings} detects, or read from this machine by
 * {@link LiveCapture}), and its explanation line by line with the table's warnings and counts.
 *
 * <p>The work runs on {@code background} and its result is applied on {@code ui} (the FX thread
 * in the window, the calling thread in tests), so a large paste never freezes the window; a newer
 * request cancels an older one. The user's text is never changed by explaining; only the first
 * {@link #MAX_ROWS_SHOWN} lines are listed (counts and warnings cover every line), each cut to
 * {@link #MAX_SHOWN_CHARS} characters for display. Nothing the user pastes makes it throw.
 */
public final class ExplainViewModel {
    /** Lines listed: more than any real machine prints; a generated file still explains in full. */
    public static final int MAX_ROWS_SHOWN = 5_000;
    /** Characters of a line shown in the list: a 10 MB line must not become a 10 MB list cell. */
    public static final int MAX_SHOWN_CHARS = 400;
    /** Files loaded into the text area: beyond this the text area itself gets slow; the CLI has no limit. */
    public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    /**
     * One input line as listed: its number, kind ({@code socket}, {@code header}, {@code program},
     * {@code notice}, {@code blank}, {@code unrecognised}), the kind in the current language, the
     * line's text (printable, cut), the parser's reason when unrecognised, and its explanation.
     */
    public record Row(int line, String kind, String kindLabel, String text, String reason, String explanation) {
        @Override
        public String toString() {
            return line + " " + kindLabel + " " + text;
        }
    }

    /** A message kept as key + arguments, so it is re-worded when the language changes. */
    private record Msg(String key, Object... args) {
    }

    private record Result(List<Row> rows, long lines, Explainer.Summary summary) {
    }

    /** Where "read this machine" gets its bytes: {@link LiveCapture#run()}, or a stand-in in tests. */
    @FunctionalInterface
    public interface Capture {
        LiveCapture run() throws LiveCapture.Unavailable, InterruptedException;
    }

    private final Executor background;
    private final Executor ui;
    private final Capture capture;
    private final AtomicLong generation = new AtomicLong();

    private final ObjectProperty<Lang> lang = new SimpleObjectProperty<>(this, "lang", Lang.EN);
    private final UiTexts texts = new UiTexts(NetstatViewModel.BUNDLE, lang);
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final IntegerProperty selectedRow = new SimpleIntegerProperty(this, "selectedRow", -1);
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper error = new ReadOnlyBooleanWrapper(this, "error", false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyListWrapper<Row> rows = new ReadOnlyListWrapper<>(this, "rows", FXCollections.observableArrayList());
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper(this, "explanation", "");
    private final ReadOnlyStringWrapper explanationTitle = new ReadOnlyStringWrapper(this, "explanationTitle", "");
    private final ReadOnlyListWrapper<Warning> warnings = new ReadOnlyListWrapper<>(this, "warnings", FXCollections.observableArrayList());
    private final ReadOnlyMapWrapper<String, Long> countsByState =
            new ReadOnlyMapWrapper<>(this, "countsByState", FXCollections.observableHashMap());
    private final ReadOnlyStringWrapper countsText = new ReadOnlyStringWrapper(this, "countsText", "");

    private Msg sourceMsg = new Msg("paste.source.pasted");
    private Msg statusMsg = new Msg("paste.status.empty");
    private Explainer.Summary lastSummary;
    /** Set while the model replaces the text itself (a loaded file): not the user's edit. */
    private boolean loading;

    /**
     * @param background runs parsing, file reading and the live capture (a daemon thread pool in
     *                   the window; {@code Runnable::run} in tests)
     * @param ui         applies results to the properties ({@code Platform::runLater} in the window)
     */
    public ExplainViewModel(Executor background, Executor ui) {
        this(background, ui, LiveCapture::run);
    }

    /** As {@link #ExplainViewModel(Executor, Executor)}, reading this machine through {@code capture}. */
    public ExplainViewModel(Executor background, Executor ui, Capture capture) {
        this.background = background;
        this.ui = ui;
        this.capture = capture;
        lang.addListener((o, a, b) -> {
            renderMessages();
            explain(true); // the rows and warnings in the new language; an error message stays
        });
        text.addListener((o, a, b) -> {
            if (!loading) {
                sourceMsg = new Msg("paste.source.pasted");
                renderMessages();
            }
        });
        selectedRow.addListener((o, a, b) -> describeSelection());
        renderMessages();
        describeSelection();
    }

    /** The model of the window: work on daemon threads, results on the FX thread. */
    public static ExplainViewModel forFx() {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tcplab-explain");
            t.setDaemon(true);
            return t;
        });
        return new ExplainViewModel(pool, javafx.application.Platform::runLater);
    }

    // ------------------------------------------------------------------ inputs

    public ObjectProperty<Lang> langProperty() {
        return lang;
    }

    /** The user's text; the pane's text area is bound to it both ways. Explaining never changes it. */
    public StringProperty textProperty() {
        return text;
    }

    /** The selected row of {@link #rowsProperty()}, -1 for none. */
    public IntegerProperty selectedRowProperty() {
        return selectedRow;
    }

    // ------------------------------------------------------------------ commands

    /** Explains the current text (off the UI thread); an explanation still running is abandoned. */
    public void explain() {
        explain(false);
    }

    private void explain(boolean keepStatus) {
        String snapshot = text.get() == null ? "" : text.get();
        long gen = generation.incrementAndGet();
        if (snapshot.isEmpty()) {
            apply(new Result(List.of(), 0, null), keepStatus ? null : new Msg("paste.status.empty"), keepStatus);
            return;
        }
        Lang l = texts.lang();
        busy.set(true);
        if (!keepStatus) {
            setStatus(new Msg("paste.status.working"), false);
        }
        background.execute(() -> {
            Result r;
            try {
                r = compute(snapshot, l, gen);
            } catch (RuntimeException | StackOverflowError e) {
                // The parser promises not to throw; if a bug breaks that promise, say so, keep the text.
                ui.execute(() -> {
                    if (gen == generation.get()) {
                        busy.set(false);
                        setStatus(new Msg("paste.error.internal", String.valueOf(e)), true);
                    }
                });
                return;
            }
            if (r != null) {
                ui.execute(() -> {
                    if (gen == generation.get()) {
                        apply(r, null, keepStatus);
                    }
                });
            }
        });
    }

    /** Reads {@code file} (off the UI thread), decodes it with {@link Encodings} and explains it. */
    public void loadFile(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        busy.set(true);
        setStatus(new Msg("paste.status.reading", name), false);
        background.execute(() -> {
            byte[] bytes;
            try {
                if (Files.exists(file) && !Files.isRegularFile(file)) {
                    // A pipe would block until something is written to it, a device may never end.
                    ui.execute(() -> failed(new Msg("paste.error.notFile", name)));
                    return;
                }
                long size = Files.size(file);
                if (size > MAX_FILE_BYTES) {
                    ui.execute(() -> failed(new Msg("paste.error.tooBig", name, Long.toString(size / (1024 * 1024)),
                            Long.toString(MAX_FILE_BYTES / (1024 * 1024)))));
                    return;
                }
                try (java.io.InputStream in = Files.newInputStream(file)) {
                    bytes = in.readNBytes((int) MAX_FILE_BYTES + 1); // no more than the limit, should it grow
                }
                if (bytes.length > MAX_FILE_BYTES) {
                    ui.execute(() -> failed(new Msg("paste.error.tooBig", name, Long.toString(bytes.length / (1024 * 1024)),
                            Long.toString(MAX_FILE_BYTES / (1024 * 1024)))));
                    return;
                }
            } catch (IOException | UncheckedIOException | SecurityException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                ui.execute(() -> failed(new Msg("paste.error.file", name, why)));
                return;
            }
            ui.execute(() -> loadBytes(name, bytes));
        });
    }

    /** Shows {@code bytes} (a file called {@code name}) decoded in its detected encoding, and explains them. */
    public void loadBytes(String name, byte[] bytes) {
        Charset cs = Encodings.detect(bytes, Math.min(bytes.length, Encodings.SNIFF_BYTES));
        replaceText(new String(bytes, cs), new Msg("paste.source.file", name, cs.displayName(), (long) bytes.length));
    }

    /** Runs this machine's {@code ss}/{@code netstat} (off the UI thread) and explains its output. */
    public void readThisMachine() {
        busy.set(true);
        setStatus(new Msg("paste.status.live"), false);
        background.execute(() -> {
            try {
                LiveCapture cap = capture.run();
                byte[] b = cap.output();
                Charset cs = Encodings.detect(b, Math.min(b.length, Encodings.SNIFF_BYTES));
                String decoded = new String(b, cs);
                ui.execute(() -> replaceText(decoded, new Msg("paste.source.live", cap.command())));
            } catch (LiveCapture.Unavailable e) {
                ui.execute(() -> failed(new Msg("paste.error.live", String.join(", ", e.tried()))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ui.execute(() -> failed(new Msg("paste.error.live", "-")));
            } catch (RuntimeException e) {
                ui.execute(() -> failed(new Msg("paste.error.live", String.valueOf(e))));
            }
        });
    }

    /** Empties the text and the results. */
    public void clear() {
        text.set("");
        explain();
    }

    public void selectRow(int index) {
        selectedRow.set(index);
    }

    // ------------------------------------------------------------------ outputs

    /** Where the text came from: pasted, a file (name, encoding, size), or this machine (the command). */
    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** What happened last: explaining, done (lines, sockets, unrecognised, a cap note), or an error. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True when {@link #statusProperty()} is an error (no tool for the live capture, unreadable file...). */
    public ReadOnlyBooleanProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True while a file, the live capture or an explanation is being worked on. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** One row per input line (up to {@link #MAX_ROWS_SHOWN}), in input order. */
    public ReadOnlyListProperty<Row> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    /** "Line 3 · socket" above the explanation; empty when no row is selected. */
    public ReadOnlyStringProperty explanationTitleProperty() {
        return explanationTitle.getReadOnlyProperty();
    }

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

    public ReadOnlyMapProperty<String, Long> countsByStateProperty() {
        return countsByState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countsTextProperty() {
        return countsText.getReadOnlyProperty();
    }

    /** A label of the tab in the current language (keys of {@code tcplab/ui/Netstat.properties}). */
    public ReadOnlyStringProperty text(String key) {
        return texts.text(key);
    }

    // ------------------------------------------------------------------ the work

    private void replaceText(String newText, Msg src) {
        loading = true;
        try {
            text.set(newText);
        } finally {
            loading = false;
        }
        sourceMsg = src;
        renderMessages();
        explain();
    }

    private void failed(Msg msg) {
        busy.set(false);
        setStatus(msg, true);
    }

    /** Reads and explains {@code input} as one table; null when a newer request made it pointless. */
    private Result compute(String input, Lang l, long gen) {
        ExplainedTable table = ExplainedTable.of(input, l, MAX_ROWS_SHOWN, () -> gen != generation.get());
        if (table == null) {
            return null;
        }
        UiTexts t = new UiTexts(NetstatViewModel.BUNDLE, new SimpleObjectProperty<>(l));
        List<Row> out = new ArrayList<>(table.rows().size());
        for (ExplainedTable.Row r : table.rows()) {
            out.add(new Row(r.line(), r.kind(), LineExplanations.kindLabel(r.parsed(), t),
                    LineExplanations.printable(r.text(), MAX_SHOWN_CHARS), r.reason(), LineExplanations.explain(r, t)));
        }
        return new Result(out, table.lines(), table.summary());
    }

    private void apply(Result r, Msg msg, boolean keepStatus) {
        busy.set(false);
        // Keep the selected row when the same line is still there (a language switch re-explains).
        int keep = selectedRow.get();
        Row old = keep >= 0 && keep < rows.size() ? rows.get(keep) : null;
        rows.setAll(r.rows());
        boolean same = old != null && keep < r.rows().size() && r.rows().get(keep).text().equals(old.text());
        lastSummary = r.summary();
        Explainer.Summary s = r.summary();
        if (s == null) {
            warnings.clear();
            countsByState.clear();
        } else {
            warnings.setAll(s.warnings());
            countsByState.clear();
            countsByState.putAll(s.byState());
        }
        if (keepStatus && error.get()) {
            renderMessages();
        } else if (msg != null) {
            setStatus(msg, false);
        } else if (s == null) {
            // Nothing pasted yet (e.g. the language changed on an empty tab).
            setStatus(new Msg("paste.status.empty"), false);
        } else if (r.lines() > r.rows().size()) {
            setStatus(new Msg("paste.status.capped", r.lines(), s.sockets(),
                    s.unrecognised(), r.rows().size()), false);
        } else {
            setStatus(new Msg("paste.status.done", r.lines(), s.sockets(), s.unrecognised()), false);
        }
        selectedRow.set(same ? keep : -1);
        describeSelection();
    }

    private void setStatus(Msg msg, boolean isError) {
        statusMsg = msg;
        error.set(isError);
        renderMessages();
    }

    private void renderMessages() {
        source.set(texts.get(sourceMsg.key(), sourceMsg.args()));
        status.set(texts.get(statusMsg.key(), statusMsg.args()));
        Explainer.Summary s = lastSummary;
        countsText.set(s == null ? "" : LineExplanations.counts(s.sockets(), s.udpSockets(), s.byState(), texts));
    }

    private void describeSelection() {
        int i = selectedRow.get();
        if (i < 0 || i >= rows.size()) {
            explanationTitle.set("");
            explanation.set(rows.isEmpty() ? "" : texts.get("paste.hint"));
            return;
        }
        Row r = rows.get(i);
        explanationTitle.set(texts.get("lineTitle", Integer.toString(r.line()), r.kindLabel()));
        explanation.set(r.explanation() == null ? "" : r.explanation());
    }

    /** Counts by state of the last explanation (for tests and the window's status bar). */
    Map<String, Long> lastCounts() {
        return lastSummary == null ? Map.of() : lastSummary.byState();
    }
}
