package tcplab.ui.netstat;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * The column beside the lines of both netstat views: the table's counts, then what the selected
 * line means (heading, title, text). All of it scrolls: when the room is short (zoomed in, a long
 * advice open) a text is scrolled to, never cut. The labels stay the pane's, for its styling.
 */
final class ExplanationSide {
    private ExplanationSide() {
    }

    /** The column over the given labels, bound to the texts; node ids {@code PREFIX-counts}, {@code PREFIX-side}... */
    static ScrollPane build(String idPrefix, Label counts, ReadOnlyStringProperty countsText, Label heading,
                            ReadOnlyStringProperty headingText, Label title, ReadOnlyStringProperty titleText,
                            Label explanation, ReadOnlyStringProperty explanationText) {
        counts.setId(idPrefix + "-counts");
        counts.textProperty().bind(countsText);
        counts.setWrapText(true);
        counts.visibleProperty().bind(Bindings.isNotEmpty(countsText));
        counts.managedProperty().bind(counts.visibleProperty()); // no gap atop the column without a table
        heading.textProperty().bind(headingText);
        title.setId(idPrefix + "-explanation-title");
        title.textProperty().bind(titleText);
        title.visibleProperty().bind(Bindings.isNotEmpty(titleText));
        title.managedProperty().bind(title.visibleProperty());
        explanation.setId(idPrefix + "-explanation");
        explanation.textProperty().bind(explanationText);
        explanation.setWrapText(true);
        explanation.setMaxWidth(Double.MAX_VALUE);
        VBox.setMargin(heading, new Insets(6, 0, 0, 0));
        VBox box = new VBox(4, counts, heading, title, explanation);
        box.setPadding(new Insets(6, 10, 8, 10));
        ScrollPane side = new ScrollPane(box);
        side.setId(idPrefix + "-side");
        side.setFitToWidth(true);
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        side.setMinWidth(0);
        return side;
    }
}
