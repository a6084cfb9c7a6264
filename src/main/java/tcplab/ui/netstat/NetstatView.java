package tcplab.ui.netstat;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import tcplab.netstat.Dialect;
import tcplab.ui.common.Palette;

/**
 * Each simulated host's netstat output, explained: host buttons, a format selector, the table's
 * warnings, the lines in a monospace list (click one) and, beside them, the table's counts and
 * what the selected line means. Binds to a {@link NetstatViewModel} and forwards the user's picks
 * to it; no logic of its own.
 *
 * <p>The lines get the whole height under the warnings: the pane is the lower part of the window
 * (about a third of a projector's 1024x768), and the rows a lesson is about (128 SYN_RECEIVED)
 * must be in view, not behind a scroll bar. So the explanation stands beside the lines, not under
 * them, the warning card is one line (its advice opens on a click), the counts head the
 * explanation's column, and the rows are set as tight as a terminal's.
 *
 * <p>Node ids for tests and the window: {@code #netstat-hosts}, {@code #netstat-dialect},
 * {@code #netstat-native}, {@code #netstat-lines}, {@code #netstat-explanation-title},
 * {@code #netstat-explanation}, {@code #netstat-warnings}, {@code #netstat-counts}, {@code #netstat-split}
 * (lines | side), {@code #netstat-side} (counts and explanation).
 */
public class NetstatView extends BorderPane {
    /**
     * The lines' share of the width: a Linux or Windows line (about 80 characters) fits whole
     * beside the explanation at 1024 pixels, and no horizontal scroll bar takes a row's room.
     */
    static final double LINES_SHARE = 0.7;
    private final NetstatViewModel model;
    private final HBox hostButtons = new HBox(4);
    private final ToggleGroup hostGroup = new ToggleGroup();
    private final ComboBox<Dialect> dialect = new ComboBox<>();
    private final ListView<String> lines = new ListView<>();
    private final Label explanationTitle = new Label();
    private final Label explanation = new Label();
    private final Label counts = new Label();
    private final WarningStrip warnings;
    private final Label explanationHeading = new Label();
    private Palette palette = Palette.standard();
    private double zoom = 1;
    /** Set while the view copies the model's state into a control: those changes are not the user's. */
    private boolean syncing;

    public NetstatView(NetstatViewModel model) {
        this.model = model;
        getStyleClass().add("netstat-pane");

        // Hosts and format.
        Label hostLabel = new Label();
        hostLabel.textProperty().bind(model.text("netstat.host"));
        hostButtons.setId("netstat-hosts");
        hostButtons.setAlignment(Pos.CENTER_LEFT);
        model.hostsProperty().addListener((ListChangeListener<String>) c -> rebuildHosts());
        model.selectedHostProperty().addListener((o, a, b) -> syncHost());
        hostGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null && a != null && !syncing) {
                a.setSelected(true); // a host stays selected: clicking it again does not unselect it
            } else if (b != null && !syncing) {
                model.selectHost((String) b.getUserData());
            }
        });

        Label dialectLabel = new Label();
        dialectLabel.textProperty().bind(model.text("netstat.dialect"));
        dialect.setId("netstat-dialect");
        dialect.setItems(model.dialectsProperty());
        dialect.setCellFactory(l -> new DialectCell());
        dialect.setButtonCell(new DialectCell());
        dialect.setVisibleRowCount(12);
        dialect.valueProperty().addListener((o, a, b) -> {
            if (!syncing && b != null) {
                model.selectDialect(b);
            }
        });
        model.selectedDialectProperty().addListener((o, a, b) -> syncDialect());
        Button nativeButton = new Button();
        nativeButton.setId("netstat-native");
        nativeButton.textProperty().bind(model.text("netstat.useNative"));
        Tooltip nativeTip = new Tooltip();
        nativeTip.textProperty().bind(model.text("netstat.useNative.tip"));
        nativeButton.setTooltip(nativeTip);
        nativeButton.setOnAction(e -> model.useNativeDialect());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // Zoomed in on a narrow screen, the format list gives up width first: the labels and the
        // host buttons keep their words (they were cut to "cl…", "F…" at 200 % on 1024×768).
        for (Region r : new Region[] {hostLabel, dialectLabel, nativeButton, hostButtons}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        dialect.setMinWidth(80);
        HBox bar = new HBox(8, hostLabel, hostButtons, spacer, dialectLabel, dialect, nativeButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));

        warnings = new WarningStrip(model.warningsProperty(), model::text, model::warningTitle);
        warnings.setId("netstat-warnings");
        VBox.setMargin(warnings, new Insets(0, 8, 4, 8));
        setTop(new VBox(bar, warnings));

        // The lines.
        lines.setId("netstat-lines");
        lines.setItems(model.linesProperty());
        lines.setCellFactory(v -> new LineCell());
        Tooltip linesTip = new Tooltip();
        linesTip.textProperty().bind(model.text("netstat.linesTip"));
        lines.setTooltip(linesTip);
        lines.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (!syncing) {
                model.selectLine(b.intValue());
            }
        });
        model.selectedLineIndexProperty().addListener((o, a, b) -> syncLine());
        model.linesProperty().addListener((ListChangeListener<String>) c -> syncLine());

        // Beside the lines: the table's counts, then what the selected line means.
        explanationHeading.getStyleClass().add("netstat-heading");
        ScrollPane side = ExplanationSide.build("netstat", counts, model.countsTextProperty(), explanationHeading,
                model.text("netstat.explanationHeading"), explanationTitle, model.explanationTitleProperty(), explanation,
                model.explanationProperty());

        SplitPane split = new SplitPane(lines, side);
        split.setId("netstat-split");
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(LINES_SHARE);
        BorderPane.setMargin(split, new Insets(0, 8, 6, 8));
        setCenter(split);

        rebuildHosts();
        syncDialect();
        syncLine();
        restyle();
    }

    public NetstatViewModel model() {
        return model;
    }

    /** Colours of the whole pane (standard, high contrast, colour-blind safe). */
    public void setPalette(Palette p) {
        this.palette = p == null ? Palette.standard() : p;
        restyle();
    }

    /** Scales every text of the pane (1 = normal; the window's Ctrl +/−). */
    public void setZoom(double z) {
        this.zoom = z > 0 ? z : 1;
        restyle();
    }

    private void restyle() {
        setStyle(NetstatStyle.root(palette, zoom));
        NetstatStyle.mono(lines, zoom);
        warnings.setPalette(palette);
        counts.setStyle("-fx-text-fill: " + Palette.css(palette.muted()) + ";");
        explanationHeading.setStyle("-fx-text-fill: " + Palette.css(palette.muted()) + "; -fx-font-weight: bold;");
        explanationTitle.setStyle("-fx-font-weight: bold; -fx-text-fill: " + Palette.css(palette.sideA()) + ";");
    }

    private void rebuildHosts() {
        syncing = true;
        try {
            hostGroup.getToggles().clear();
            hostButtons.getChildren().clear();
            for (String h : model.hostsProperty()) {
                ToggleButton b = new ToggleButton(h);
                b.setUserData(h);
                b.setToggleGroup(hostGroup);
                b.setId("netstat-host-" + h);
                hostButtons.getChildren().add(b);
            }
        } finally {
            syncing = false;
        }
        syncHost();
    }

    private void syncHost() {
        syncing = true;
        try {
            String h = model.selectedHostProperty().get();
            hostGroup.getToggles().forEach(t -> t.setSelected(h != null && h.equals(t.getUserData())));
        } finally {
            syncing = false;
        }
    }

    private void syncDialect() {
        syncing = true;
        try {
            dialect.setValue(model.selectedDialectProperty().get());
        } finally {
            syncing = false;
        }
    }

    /** True when line {@code i} is on screen (then following the selection does not scroll). */
    private boolean shown(int i) {
        if (lines.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            javafx.scene.control.IndexedCell<?> first = flow.getFirstVisibleCell();
            javafx.scene.control.IndexedCell<?> last = flow.getLastVisibleCell();
            return first != null && last != null && i > first.getIndex() && i < last.getIndex();
        }
        return false;
    }

    /**
     * A dialect in the Format list (and in its box), bound to its label in the current language:
     * the items never change, so a language switch relabels the list and keeps the value.
     */
    private final class DialectCell extends ListCell<Dialect> {
        @Override
        protected void updateItem(Dialect item, boolean empty) {
            super.updateItem(item, empty);
            textProperty().unbind();
            if (empty || item == null) {
                setText(null);
            } else {
                textProperty().bind(model.dialectLabel(item));
            }
        }
    }

    /**
     * A line of the output, set about as tight as a terminal sets it (0.1em above and below
     * instead of modena's 0.25em): over the six rows in view at 1024x768, that is one row more.
     */
    private static final class LineCell extends ListCell<String> {
        LineCell() {
            getStyleClass().add("netstat-line");
            setStyle("-fx-padding: 0.1em 0.5em 0.1em 0.5em;");
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item);
            setGraphic(null);
        }
    }

    private void syncLine() {
        syncing = true;
        try {
            int i = model.selectedLineIndexProperty().get();
            if (i < 0 || i >= lines.getItems().size()) {
                lines.getSelectionModel().clearSelection();
            } else if (lines.getSelectionModel().getSelectedIndex() != i) {
                lines.getSelectionModel().clearAndSelect(i);
                if (!shown(i)) {
                    lines.scrollTo(Math.max(0, i - 3));
                }
            }
        } finally {
            syncing = false;
        }
    }
}
