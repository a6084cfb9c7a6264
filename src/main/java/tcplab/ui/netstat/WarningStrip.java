package tcplab.ui.netstat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Duration;
import tcplab.netstat.Warning;
import tcplab.ui.common.Palette;

/**
 * The warnings of a table as a compact card that stands out: one row per warning, a severity
 * badge in the palette's error or highlight colour, then the finding and its evidence flowing as
 * one sentence (a single line in the usual window), ended by a "what to do" link that opens
 * the advice under it (the advice is also the row's tooltip). Compact because the table's lines, the
 * very rows a lesson is about, share the room under it. Hidden (and taking no room) when there is
 * no warning. Shared by both netstat views; binds only.
 *
 * <p>Style classes for tests: {@code .warning-badge}, {@code .warning-title},
 * {@code .warning-evidence}, {@code .warning-message} (only while the advice is open),
 * {@code .warning-advice} (the link), {@code .warning-more}.
 */
final class WarningStrip extends VBox {
    /**
     * Warnings shown before "more": a table with many findings (the seeds' machine has seven
     * exposed services) still leaves room for its lines. The most severe come first.
     */
    static final int SHOWN = 2;
    private final ReadOnlyListProperty<Warning> warnings;
    private final VBox list = new VBox(2);
    private final Hyperlink more = new Hyperlink();
    /** The user asked to see every warning (view state only: which rows are laid out). */
    private boolean expanded;
    /**
     * The rows whose advice the user opened, by {@link #key}: kept while the table changes (a
     * playing flood changes its evidence every step), so the advice does not close by itself.
     */
    private final Set<String> advised = new HashSet<>();
    private final Function<String, ReadOnlyStringProperty> text;
    private final Function<Warning, ObservableStringValue> title;
    private Palette palette = Palette.standard();

    /**
     * @param text  the pane's labels by key (severity, "What to do"...)
     * @param title the title of each finding, in the current language (the model's
     *              {@code warningTitle}: the netstat layer names its findings, a note as a note)
     */
    WarningStrip(ReadOnlyListProperty<Warning> warnings, Function<String, ReadOnlyStringProperty> text,
            Function<Warning, ObservableStringValue> title) {
        this.warnings = warnings;
        this.text = text;
        this.title = title;
        getStyleClass().add("warning-strip");
        setPadding(new Insets(3, 8, 3, 8));
        // Never squeezed by a crowded parent: a warning is shown whole or not at all.
        setMinHeight(Region.USE_PREF_SIZE);
        more.getStyleClass().add("warning-more");
        more.setStyle("-fx-padding: 0 0.25em 0 0.25em;");
        more.setOnAction(e -> {
            expanded = !expanded;
            rebuild();
        });
        getChildren().add(list);
        visibleProperty().bind(Bindings.isNotEmpty(warnings));
        managedProperty().bind(visibleProperty());
        warnings.addListener((ListChangeListener<Warning>) c -> rebuild());
        rebuild();
    }

    void setPalette(Palette p) {
        this.palette = p;
        rebuild();
    }

    /**
     * Which row a warning is, stable while the table changes: its code and how many warnings of
     * that code came before it (two exposed services are two rows).
     */
    private static String key(Warning w, Map<Warning.Code, Integer> seen) {
        int n = seen.merge(w.code(), 1, Integer::sum);
        return w.code().name() + "#" + n;
    }

    private void rebuild() {
        list.getChildren().clear();
        Warning.Severity worst = null;
        int shown = 0;
        Map<Warning.Code, Integer> seen = new HashMap<>();
        TextFlow last = null;
        for (Warning w : warnings) {
            worst = worst == null || w.severity().compareTo(worst) > 0 ? w.severity() : worst;
            String key = key(w, seen);
            if (expanded || shown < SHOWN) {
                HBox row = row(w, key);
                list.getChildren().add(row);
                last = (TextFlow) row.getChildren().get(1);
                shown++;
            }
        }
        int hidden = warnings.size() - shown;
        boolean showLink = warnings.size() > SHOWN;
        if (showLink && last != null) {
            // At the end of the last warning's line, not on a line of its own.
            int at = last.getChildren().size();
            for (int i = 0; i < last.getChildren().size(); i++) {
                if (last.getChildren().get(i).getStyleClass().contains("warning-advice")) {
                    at = i + 1; // before the advice when it is open
                }
            }
            last.getChildren().addAll(at, java.util.List.of(new Text("   "), more));
        }
        more.textProperty().unbind();
        ReadOnlyStringProperty label = text.apply(expanded ? "warnings.less" : "warnings.more");
        more.textProperty().bind(Bindings.createStringBinding(() -> label.get().replace("{0}", Integer.toString(hidden)), label));
        String border = worst == null ? Palette.css(palette.grid()) : Palette.css(NetstatStyle.severityColor(worst, palette));
        setStyle("-fx-border-color: " + border + "; -fx-border-width: 2; -fx-border-radius: 4; -fx-background-radius: 4;"
                + "-fx-background-color: " + Palette.css(palette.panel()) + ";");
    }

    private HBox row(Warning w, String key) {
        boolean open = advised.contains(key);
        javafx.scene.paint.Color severity = NetstatStyle.severityColor(w.severity(), palette);
        Label badge = new Label();
        // A note (INFO: what is normal, such as Windows' own ports) carries no warning sign.
        badge.textProperty().bind(Bindings.concat(w.severity() == Warning.Severity.INFO ? "" : "⚠ ",
                text.apply("severity." + w.severity().name())));
        badge.setMinWidth(Region.USE_PREF_SIZE);
        badge.setStyle("-fx-background-color: " + Palette.css(severity) + "; -fx-text-fill: " + Palette.css(NetstatStyle.textOn(severity))
                + "; -fx-font-weight: bold; -fx-padding: 0 0.45em 0 0.45em; -fx-background-radius: 3;");
        badge.getStyleClass().add("warning-badge");

        // Finding and evidence as one sentence that wraps as a paragraph when the window is narrow
        // or zoomed: no column of its own for each, no line of its own for each.
        String fg = "-fx-fill: " + Palette.css(palette.foreground()) + ";";
        Text title = new Text();
        title.textProperty().bind(Bindings.concat(this.title.apply(w), "  (" + w.code().name() + ")"));
        title.getStyleClass().add("warning-title");
        title.setStyle(fg + " -fx-font-weight: bold;");
        Text dash = new Text("  ·  ");
        dash.setStyle("-fx-fill: " + Palette.css(palette.muted()) + ";");
        Text evidence = new Text(w.evidence());
        evidence.getStyleClass().add("warning-evidence");
        evidence.setStyle(fg);
        // What to do: under the finding on a click, and as the tooltip of the row meanwhile. The
        // link ends the sentence rather than taking a column of its own, so the sentence keeps a
        // single line as long as it can (zoomed in, Chinese or English).
        Tooltip tip = new Tooltip(w.message());
        tip.setWrapText(true);
        tip.setMaxWidth(560);
        tip.setShowDelay(Duration.millis(300));
        tip.setShowDuration(Duration.seconds(30));
        Hyperlink advice = new Hyperlink();
        advice.getStyleClass().add("warning-advice");
        advice.textProperty().bind(text.apply(open ? "warnings.adviceHide" : "warnings.advice"));
        advice.setMinWidth(Region.USE_PREF_SIZE);
        advice.setStyle("-fx-padding: 0 0.25em 0 0.25em;");
        advice.setOnAction(e -> {
            if (!advised.remove(key)) {
                advised.add(key);
            }
            rebuild();
        });
        TextFlow sentence = new TextFlow(title, dash, evidence, new Text("   "), advice);
        if (open) {
            Text message = new Text("\n" + w.message());
            message.getStyleClass().add("warning-message");
            message.setStyle(fg);
            sentence.getChildren().add(message);
        } else {
            advice.setTooltip(tip);
            Tooltip.install(sentence, tip);
        }
        sentence.setMinWidth(0);
        HBox.setHgrow(sentence, Priority.ALWAYS);
        HBox row = new HBox(10, badge, sentence);
        row.setAlignment(Pos.BASELINE_LEFT);
        return row;
    }
}
