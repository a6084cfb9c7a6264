package tcplab.ui.netstat;

import java.io.File;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
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
import tcplab.ui.common.Palette;

/**
 * "Explain your own netstat": a text area for pasted output, buttons to load a file or read this
 * machine, and the explanation line by line (kind, text, what it means), with the warnings and
 * counts. Binds to an {@link ExplainViewModel}; edits are explained after a short pause
 * ({@link #DEBOUNCE}), the Explain button explains at once.
 *
 * <p>Laid out for the lower third of a projector's window, as {@link NetstatView} is: the status
 * in the button bar, the warning card across the whole width under it (compact), and then side by
 * side the text, the explained lines and, right of them, the counts and what the selected line
 * means; so the explained lines get the whole remaining height.
 *
 * <p>Node ids: {@code #paste-text}, {@code #paste-load}, {@code #paste-live}, {@code #paste-explain},
 * {@code #paste-clear}, {@code #paste-source}, {@code #paste-status}, {@code #paste-rows},
 * {@code #paste-explanation-title}, {@code #paste-explanation}, {@code #paste-warnings}, {@code #paste-counts},
 * {@code #paste-split} (text | explained lines | side), {@code #paste-side} (counts and explanation).
 */
public class ExplainView extends BorderPane {
    /** Pause after the last keystroke before explaining: typing does not re-explain on every key. */
    public static final Duration DEBOUNCE = Duration.millis(500);
    /**
     * Where the text ends and the explained lines end: the explained lines (number, kind and the
     * line) get the most width, the text and the meaning about a quarter each.
     */
    static final double[] DIVIDERS = {0.27, 0.72};

    private final ExplainViewModel model;
    private final TextArea input = new TextArea();
    private final ListView<ExplainViewModel.Row> rows = new ListView<>();
    private final Label explanationTitle = new Label();
    private final Label explanation = new Label();
    private final Label counts = new Label();
    private final Label source = new Label();
    private final Label status = new Label();
    private final Label inputHeading = new Label();
    private final Label resultsHeading = new Label();
    private final Label explanationHeading = new Label();
    private final WarningStrip warnings;
    private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
    private Palette palette = Palette.standard();
    private double zoom = 1;
    private boolean syncing;

    public ExplainView(ExplainViewModel model) {
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
        source.setMinWidth(0);
        // What the buttons did, beside them: a line of its own under the pane would take a row
        // of the explained lines' room. Long messages (errors) wrap.
        status.setId("paste-status");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        status.setMinWidth(0);
        model.errorProperty().addListener((o, a, b) -> restyle());
        for (Button b : new Button[] {load, live, explain, clear}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        busy.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, load, live, explain, clear, busy, spacer, source, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));

        // The user's text: never rewritten by explaining.
        inputHeading.textProperty().bind(model.text("paste.input"));
        input.setId("paste-text");
        input.promptTextProperty().bind(model.text("paste.prompt"));
        input.textProperty().bindBidirectional(model.textProperty());
        input.setWrapText(false);
        debounce.setOnFinished(e -> model.explain());
        input.textProperty().addListener((o, a, b) -> debounce.playFromStart());
        VBox.setVgrow(input, Priority.ALWAYS);
        VBox left = new VBox(2, inputHeading, input);
        left.setPadding(new Insets(0, 4, 0, 0));
        left.setMinWidth(0);

        // The result.
        warnings = new WarningStrip(model.warningsProperty(), model::text, model::warningTitle);
        warnings.setId("paste-warnings");
        VBox.setMargin(warnings, new Insets(0, 8, 4, 8));
        setTop(new VBox(bar, warnings));
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
        model.rowsProperty().addListener((ListChangeListener<ExplainViewModel.Row>) c -> syncRow());
        ScrollPane side = ExplanationSide.build("paste", counts, model.countsTextProperty(), explanationHeading,
                model.text("netstat.explanationHeading"), explanationTitle, model.explanationTitleProperty(), explanation,
                model.explanationProperty());
        VBox.setVgrow(rows, Priority.ALWAYS);
        VBox middle = new VBox(2, resultsHeading, rows);
        middle.setPadding(new Insets(0, 4, 0, 4));
        middle.setMinWidth(0);

        SplitPane split = new SplitPane(left, middle, side);
        split.setId("paste-split");
        split.setDividerPositions(DIVIDERS);
        BorderPane.setMargin(split, new Insets(0, 8, 6, 8));
        setCenter(split);
        restyle();
    }

    public ExplainViewModel model() {
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
        explanationHeading.setStyle(muted + " -fx-font-weight: bold;");
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
    private final class RowCell extends ListCell<ExplainViewModel.Row> {
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
            setStyle("-fx-padding: 0.1em 0.5em 0.1em 0.5em;"); // as tight as the lines of NetstatView
        }

        @Override
        protected void updateItem(ExplainViewModel.Row r, boolean empty) {
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
