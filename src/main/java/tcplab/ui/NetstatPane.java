package tcplab.ui;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
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

/**
 * Each simulated host's netstat output, explained: host buttons, a format selector, the lines in
 * a monospace list (click one), what the selected line means, the table's warnings and counts.
 * Binds to a {@link NetstatPaneModel} and forwards the user's picks to it; no logic of its own.
 *
 * <p>Node ids for tests and the window: {@code #netstat-hosts}, {@code #netstat-dialect},
 * {@code #netstat-native}, {@code #netstat-lines}, {@code #netstat-explanation-title},
 * {@code #netstat-explanation}, {@code #netstat-warnings}, {@code #netstat-counts}.
 */
public class NetstatPane extends BorderPane {
    private final NetstatPaneModel model;
    private final HBox hostButtons = new HBox(4);
    private final ToggleGroup hostGroup = new ToggleGroup();
    private final ComboBox<NetstatPaneModel.DialectChoice> dialect = new ComboBox<>();
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

    public NetstatPane(NetstatPaneModel model) {
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
        dialect.setItems(model.dialectChoicesProperty());
        dialect.setVisibleRowCount(12);
        dialect.valueProperty().addListener((o, a, b) -> {
            if (!syncing && b != null) {
                model.selectDialect(b.dialect());
            }
        });
        model.selectedDialectProperty().addListener((o, a, b) -> syncDialect());
        model.dialectChoicesProperty().addListener((ListChangeListener<NetstatPaneModel.DialectChoice>) c -> syncDialect());
        Button nativeButton = new Button();
        nativeButton.setId("netstat-native");
        nativeButton.textProperty().bind(model.text("netstat.useNative"));
        Tooltip nativeTip = new Tooltip();
        nativeTip.textProperty().bind(model.text("netstat.useNative.tip"));
        nativeButton.setTooltip(nativeTip);
        nativeButton.setOnAction(e -> model.useNativeDialect());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, hostLabel, hostButtons, spacer, dialectLabel, dialect, nativeButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));

        warnings = new WarningStrip(model.warningsProperty(), model::text);
        warnings.setId("netstat-warnings");
        VBox.setMargin(warnings, new Insets(0, 8, 4, 8));
        counts.setId("netstat-counts");
        counts.textProperty().bind(model.countsTextProperty());
        counts.setPadding(new Insets(0, 8, 4, 10));
        setTop(new VBox(bar, warnings, counts));

        // The lines.
        lines.setId("netstat-lines");
        lines.setItems(model.linesProperty());
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

        // The explanation.
        explanationHeading.textProperty().bind(model.text("netstat.explanationHeading"));
        explanationHeading.getStyleClass().add("netstat-heading");
        explanationTitle.setId("netstat-explanation-title");
        explanationTitle.textProperty().bind(model.explanationTitleProperty());
        explanationTitle.visibleProperty().bind(Bindings.isNotEmpty(model.explanationTitleProperty()));
        explanationTitle.managedProperty().bind(explanationTitle.visibleProperty());
        explanation.setId("netstat-explanation");
        explanation.textProperty().bind(model.explanationProperty());
        explanation.setWrapText(true);
        explanation.setMaxWidth(Double.MAX_VALUE);
        VBox explainBox = new VBox(4, explanationHeading, explanationTitle, explanation);
        explainBox.setPadding(new Insets(8, 10, 8, 10));
        ScrollPane explainScroll = new ScrollPane(explainBox);
        explainScroll.setFitToWidth(true);
        explainScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

        SplitPane split = new SplitPane(lines, explainScroll);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        BorderPane.setMargin(split, new Insets(0, 8, 8, 8));
        setCenter(split);

        rebuildHosts();
        syncDialect();
        syncLine();
        restyle();
    }

    public NetstatPaneModel model() {
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
            Dialect d = model.selectedDialectProperty().get();
            NetstatPaneModel.DialectChoice pick = null;
            for (NetstatPaneModel.DialectChoice c : model.dialectChoicesProperty()) {
                if (c.dialect() == d) {
                    pick = c;
                }
            }
            dialect.setValue(pick);
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
