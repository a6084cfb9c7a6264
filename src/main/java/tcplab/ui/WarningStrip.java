package tcplab.ui;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Hyperlink;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import tcplab.netstat.Warning;

/**
 * The warnings of a table as a strip that stands out: one row per warning with a severity badge
 * in the palette's error or highlight colour, the finding, its evidence and what to do. Hidden
 * (and taking no room) when there is no warning. Shared by both netstat views; binds only.
 */
final class WarningStrip extends VBox {
    /**
     * Warnings shown in full before "more": a table with many findings (the seeds' machine has
     * seven exposed services) still leaves room for its lines. The most severe come first.
     */
    static final int SHOWN = 2;
    private final ReadOnlyListProperty<Warning> warnings;
    private final VBox list = new VBox(4);
    private final Hyperlink more = new Hyperlink();
    /** The user asked to see every warning (view state only: which rows are laid out). */
    private boolean expanded;
    private final Function<String, ReadOnlyStringProperty> text;
    private Palette palette = Palette.standard();

    WarningStrip(ReadOnlyListProperty<Warning> warnings, Function<String, ReadOnlyStringProperty> text) {
        this.warnings = warnings;
        this.text = text;
        getStyleClass().add("warning-strip");
        setPadding(new Insets(6, 8, 4, 8));
        // Never squeezed by a crowded parent: a warning is shown whole or not at all.
        setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        more.getStyleClass().add("warning-more");
        more.setOnAction(e -> {
            expanded = !expanded;
            rebuild();
        });
        getChildren().addAll(list, more);
        visibleProperty().bind(Bindings.isNotEmpty(warnings));
        managedProperty().bind(visibleProperty());
        warnings.addListener((ListChangeListener<Warning>) c -> rebuild());
        rebuild();
    }

    void setPalette(Palette p) {
        this.palette = p;
        rebuild();
    }


    private void rebuild() {
        list.getChildren().clear();
        Warning.Severity worst = null;
        int shown = 0;
        for (Warning w : warnings) {
            worst = worst == null || w.severity().compareTo(worst) > 0 ? w.severity() : worst;
            if (expanded || shown < SHOWN) {
                list.getChildren().add(row(w));
                shown++;
            }
        }
        int hidden = warnings.size() - shown;
        boolean showLink = warnings.size() > SHOWN;
        more.setVisible(showLink);
        more.setManaged(showLink);
        more.textProperty().unbind();
        ReadOnlyStringProperty label = text.apply(expanded ? "warnings.less" : "warnings.more");
        more.textProperty().bind(Bindings.createStringBinding(() -> label.get().replace("{0}", Integer.toString(hidden)), label));
        String border = worst == null ? Palette.css(palette.grid()) : Palette.css(NetstatStyle.severityColor(worst, palette));
        setStyle("-fx-border-color: " + border + "; -fx-border-width: 2; -fx-border-radius: 4; -fx-background-radius: 4;"
                + "-fx-background-color: " + Palette.css(palette.panel()) + ";");
    }

    private HBox row(Warning w) {
        Label badge = new Label();
        badge.textProperty().bind(Bindings.concat("⚠ ", text.apply("severity." + w.severity().name())));
        badge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.paint.Color severity = NetstatStyle.severityColor(w.severity(), palette);
        badge.setStyle("-fx-background-color: " + Palette.css(severity) + "; -fx-text-fill: " + Palette.css(NetstatStyle.textOn(severity))
                + "; -fx-font-weight: bold; -fx-padding: 2 8 2 8; -fx-background-radius: 3;");
        badge.getStyleClass().add("warning-badge");

        Label title = new Label();
        title.textProperty().bind(Bindings.concat(text.apply("warn." + w.code().name()), "  (" + w.code().name() + ")"));
        title.setStyle("-fx-font-weight: bold;");
        Label evidence = new Label(w.evidence());
        evidence.setWrapText(true);
        evidence.setMinWidth(0);
        evidence.getStyleClass().add("warning-evidence");
        Label message = new Label(w.message());
        message.setWrapText(true);
        message.setMinWidth(0);
        message.getStyleClass().add("warning-message");
        VBox body = new VBox(2, title, evidence, message);
        body.setMinWidth(0);
        HBox.setHgrow(body, Priority.ALWAYS);
        HBox row = new HBox(10, badge, body);
        row.setAlignment(Pos.TOP_LEFT);
        return row;
    }
}
