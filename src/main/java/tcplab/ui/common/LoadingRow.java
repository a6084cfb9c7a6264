package tcplab.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableNumberValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;

/** "Loading FILE…", a progress bar and Cancel: shown only while a file loads. */
public final class LoadingRow {
    /** The window's texts (the same bundle as LadderView.BUNDLE, which ui.common cannot name). */
    static final String BUNDLE = "tcplab.ui.Ui";

    private LoadingRow() {
    }

    /**
     * A row for {@code file} (empty when nothing loads); {@code progress} from 0 to 1, or
     * negative (or null) for a load that cannot say how far it is.
     */
    public static HBox of(String idPrefix, ObservableStringValue file, ObservableNumberValue progress, Runnable cancel,
            ObjectProperty<Lang> lang) {
        Label what = new Label();
        what.setId(idPrefix + "-file");
        what.textProperty().bind(Bindings.createStringBinding(() -> Texts.of(BUNDLE, lang.get()).get("load.loading", file.get()),
                file, lang));
        ProgressBar bar = new ProgressBar(-1);
        bar.setId(idPrefix + "-progress");
        if (progress != null) {
            bar.progressProperty().bind(progress);
        }
        Button stop = new Button();
        stop.setId(idPrefix + "-cancel");
        stop.textProperty().bind(Bindings.createStringBinding(() -> Texts.of(BUNDLE, lang.get()).get("load.cancel"), lang));
        stop.setOnAction(e -> cancel.run());
        HBox row = new HBox(8, what, bar, stop);
        row.setId(idPrefix + "-row");
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(2, 8, 2, 8));
        row.visibleProperty().bind(Bindings.createBooleanBinding(() -> !file.get().isEmpty(), file));
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    /** The same for a {@link BackgroundLoad}, which cannot say how far it is. */
    public static HBox of(String idPrefix, BackgroundLoad load, ObjectProperty<Lang> lang) {
        return of(idPrefix, load.fileProperty(), null, load::cancel, lang);
    }
}
