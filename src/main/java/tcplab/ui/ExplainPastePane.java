package tcplab.ui;

import java.io.File;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;

/**
 * "Explain your own netstat": a text area for pasted output, buttons to load a file or read this
 * machine, and the explanation line by line (kind, text, what it means), with the warnings and
 * counts. Binds to an {@link ExplainPasteModel}; edits are explained after a short pause
 * ({@link #DEBOUNCE}), the Explain button explains at once.
 *
 * <p>Node ids: {@code #paste-text}, {@code #paste-load}, {@code #paste-live}, {@code #paste-explain},
 * {@code #paste-clear}, {@code #paste-source}, {@code #paste-status}, {@code #paste-rows},
 * {@code #paste-explanation-title}, {@code #paste-explanation}, {@code #paste-warnings}, {@code #paste-counts}.
 */
public class ExplainPastePane extends BorderPane {
    /** Pause after the last keystroke before explaining: typing does not re-explain on every key. */
    public static final Duration DEBOUNCE = Duration.millis(500);

    private final ExplainPasteModel model;
    private final TextArea input = new TextArea();
    private final ListView<ExplainPasteModel.Row> rows = new ListView<>();
    private final Label explanationTitle = new Label();
    private final Label explanation = new Label();
    private final Label counts = new Label();
    private final Label source = new Label();
    private final Label status = new Label();
    private final Label inputHeading = new Label();
    private final Label resultsHeading = new Label();
    private final WarningStrip warnings;
    private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
    private Palette palette = Palette.standard();
    private double zoom = 1;
    private boolean syncing;

    public ExplainPastePane(ExplainPasteModel model) {
        this.model = model;
        getStyleClass().add("explain-paste-pane");

        Button load = button("paste-load", "paste.load");
        load.setOnAction(e -> chooseFile());
        Button live = button("paste-live", "paste.live");
        live.setOnAction(e -> model.readThisMachine());
        Button explain = button("paste-explain", "paste.explain");
        explain.setDefaultButton(false);
        explain.setOnAction(e -> {
            debounce.stop();
            model.explain();
        });
        Button clear = button("paste-clear", "paste.clear");
        clear.setOnAction(e -> model.clear());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.busyProperty());
        source.setId("paste-source");
        source.textProperty().bind(model.sourceProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, load, live, explain, clear, spacer, source, busy);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        setTop(bar);

        // The user's text: never rewritten by explaining.
        inputHeading.textProperty().bind(model.text("paste.input"));
        input.setId("paste-text");
        input.promptTextProperty().bind(model.text("paste.prompt"));
        input.textProperty().bindBidirectional(model.textProperty());
        input.setWrapText(false);
        debounce.setOnFinished(e -> model.explain());
        input.textProperty().addListener((o, a, b) -> debounce.playFromStart());
        VBox.setVgrow(input, Priority.ALWAYS);
        VBox left = new VBox(4, inputHeading, input);
        left.setPadding(new Insets(0, 4, 0, 0));

        // The result.
        warnings = new WarningStrip(model.warningsProperty(), model::text);
        warnings.setId("paste-warnings");
        counts.setId("paste-counts");
        counts.textProperty().bind(model.countsTextProperty());
        counts.setWrapText(true);
        resultsHeading.textProperty().bind(model.text("paste.results"));
        rows.setId("paste-rows");
        rows.setItems(model.rowsProperty());
        rows.setCellFactory(v -> new RowCell());
        rows.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (!syncing) {
                model.selectRow(b.intValue());
            }
        });
        model.selectedRowProperty().addListener((o, a, b) -> syncRow());
        model.rowsProperty().addListener((ListChangeListener<ExplainPasteModel.Row>) c -> syncRow());
        explanationTitle.setId("paste-explanation-title");
        explanationTitle.textProperty().bind(model.explanationTitleProperty());
        explanationTitle.visibleProperty().bind(Bindings.isNotEmpty(model.explanationTitleProperty()));
        explanationTitle.managedProperty().bind(explanationTitle.visibleProperty());
        explanation.setId("paste-explanation");
        explanation.textProperty().bind(model.explanationProperty());
        explanation.setWrapText(true);
        explanation.setMaxWidth(Double.MAX_VALUE);
        VBox explainBox = new VBox(4, explanationTitle, explanation);
        explainBox.setPadding(new Insets(6, 8, 6, 8));
        ScrollPane explainScroll = new ScrollPane(explainBox);
        explainScroll.setFitToWidth(true);
        explainScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        SplitPane resultSplit = new SplitPane(rows, explainScroll);
        resultSplit.setOrientation(Orientation.VERTICAL);
        resultSplit.setDividerPositions(0.6);
        resultSplit.setPrefHeight(200); // it grows into the room left; the warnings above are never squeezed
        counts.setMinHeight(Region.USE_PREF_SIZE);
        VBox.setVgrow(resultSplit, Priority.ALWAYS);
        VBox right = new VBox(4, warnings, counts, resultsHeading, resultSplit);
        right.setPadding(new Insets(0, 0, 0, 4));

        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.42);
        BorderPane.setMargin(split, new Insets(0, 8, 4, 8));
        setCenter(split);

        status.setId("paste-status");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        status.setPadding(new Insets(2, 10, 6, 10));
        model.errorProperty().addListener((o, a, b) -> restyle());
        setBottom(status);
        restyle();
    }

    public ExplainPasteModel model() {
        return model;
    }

    public void setPalette(Palette p) {
        this.palette = p == null ? Palette.standard() : p;
        restyle();
        rows.refresh();
    }

    public void setZoom(double z) {
        this.zoom = z > 0 ? z : 1;
        restyle();
        rows.refresh();
    }

    private Button button(String id, String key) {
        Button b = new Button();
        b.setId(id);
        b.textProperty().bind(model.text(key));
        return b;
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(model.text("paste.fileChooser").get());
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(model.text("paste.fileFilter").get(), "*.txt", "*.log", "*.out"),
                new FileChooser.ExtensionFilter(model.text("paste.allFiles").get(), "*"));
        File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            model.loadFile(f.toPath());
        }
    }

    private void restyle() {
        setStyle(NetstatStyle.root(palette, zoom));
        NetstatStyle.mono(input, zoom);
        warnings.setPalette(palette);
        String muted = "-fx-text-fill: " + Palette.css(palette.muted()) + ";";
        counts.setStyle(muted);
        source.setStyle(muted);
        inputHeading.setStyle(muted + " -fx-font-weight: bold;");
        resultsHeading.setStyle(muted + " -fx-font-weight: bold;");
        status.setStyle(model.errorProperty().get()
                ? "-fx-text-fill: " + Palette.css(palette.lost()) + "; -fx-font-weight: bold;" : muted);
        explanationTitle.setStyle("-fx-font-weight: bold; -fx-text-fill: " + Palette.css(palette.sideA()) + ";");
    }

    private void syncRow() {
        syncing = true;
        try {
            int i = model.selectedRowProperty().get();
            if (i < 0 || i >= rows.getItems().size()) {
                rows.getSelectionModel().clearSelection();
            } else if (rows.getSelectionModel().getSelectedIndex() != i) {
                rows.getSelectionModel().clearAndSelect(i);
            }
        } finally {
            syncing = false;
        }
    }

    /** One parsed line: its number, a badge with its kind, its text, and the reason when unrecognised. */
    private final class RowCell extends ListCell<ExplainPasteModel.Row> {
        private final Label number = new Label();
        private final Label kind = new Label();
        private final Label text = new Label();
        private final Label reason = new Label();
        private final HBox box;

        RowCell() {
            number.setMinWidth(Region.USE_PREF_SIZE);
            kind.setMinWidth(Region.USE_PREF_SIZE);
            text.setMinWidth(0);
            reason.setMinWidth(Region.USE_PREF_SIZE);
            box = new HBox(8, number, kind, text, reason);
            box.setAlignment(Pos.CENTER_LEFT);
            getStyleClass().add("paste-row");
        }

        @Override
        protected void updateItem(ExplainPasteModel.Row r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            String mono = "-fx-font-family: \"" + NetstatStyle.monoFamily() + "\";";
            number.setText(String.format("%4d", r.line()));
            number.setStyle(mono + "-fx-text-fill: " + Palette.css(palette.muted()) + ";");
            kind.setText(r.kindLabel());
            javafx.scene.paint.Color badge = kindColor(r.kind());
            kind.setStyle("-fx-background-color: " + Palette.css(badge) + "; -fx-text-fill: " + Palette.css(NetstatStyle.textOn(badge)) + ";"
                    + " -fx-padding: 0 6 0 6; -fx-background-radius: 3; -fx-font-size: 0.85em;");
            text.setText(r.text());
            text.setStyle(mono);
            reason.setText(r.reason() == null ? "" : "← " + r.reason());
            reason.setStyle("-fx-text-fill: " + Palette.css(palette.lost()) + ";");
            reason.setVisible(r.reason() != null);
            reason.setManaged(r.reason() != null);
            setText(null);
            setGraphic(box);
        }

        private javafx.scene.paint.Color kindColor(String k) {
            switch (k) {
                case "socket":
                    return palette.sideA();
                case "program":
                case "notice":
                    return palette.sideB();
                case "unrecognised":
                    return palette.lost();
                default:
                    return palette.muted();
            }
        }
    }
}
