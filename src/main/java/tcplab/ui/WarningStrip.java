package tcplab.ui;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
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
    /** Height of the strip at zoom 1 before it scrolls: a table with many findings still leaves room for its lines. */
    static final double MAX_HEIGHT = 170;
    private final ReadOnlyListProperty<Warning> warnings;
    private final VBox list = new VBox(4);
    private final ScrollPane scroll = new ScrollPane(list);
    private final Function<String, ReadOnlyStringProperty> text;
    private Palette palette = Palette.standard();

    WarningStrip(ReadOnlyListProperty<Warning> warnings, Function<String, ReadOnlyStringProperty> text) {
        this.warnings = warnings;
        this.text = text;
        getStyleClass().add("warning-strip");
        list.setPadding(new Insets(6, 8, 6, 8));
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMaxHeight(MAX_HEIGHT);
        scroll.setStyle("-fx-background-color: transparent; -fx-background: transparent; -fx-padding: 0;");
        getChildren().add(scroll);
        visibleProperty().bind(Bindings.isNotEmpty(warnings));
        managedProperty().bind(visibleProperty());
        warnings.addListener((ListChangeListener<Warning>) c -> rebuild());
        rebuild();
    }

    void setPalette(Palette p) {
        this.palette = p;
        rebuild();
    }

    void setZoom(double zoom) {
        scroll.setMaxHeight(MAX_HEIGHT * zoom);
    }

    private void rebuild() {
        list.getChildren().clear();
        Warning.Severity worst = null;
        for (Warning w : warnings) {
            worst = worst == null || w.severity().compareTo(worst) > 0 ? w.severity() : worst;
            list.getChildren().add(row(w));
        }
        String border = worst == null ? Palette.css(palette.grid()) : Palette.css(NetstatStyle.severityColor(worst, palette));
        setStyle("-fx-border-color: " + border + "; -fx-border-width: 2; -fx-border-radius: 4; -fx-background-radius: 4;"
                + "-fx-background-color: " + Palette.css(palette.panel()) + ";");
    }

    private HBox row(Warning w) {
        Label badge = new Label();
        badge.textProperty().bind(Bindings.concat("⚠ ", text.apply("severity." + w.severity().name())));
        badge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        badge.setStyle("-fx-background-color: " + Palette.css(NetstatStyle.severityColor(w.severity(), palette))
                + "; -fx-text-fill: white; -fx-font-weight: bold; -fx-padding: 2 8 2 8; -fx-background-radius: 3;");
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
