package tcplab.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.sim.Profile;
import tcplab.sim.ScenarioLoader;
import tcplab.sim.Timeline;
import tcplab.ui.common.ClassroomSettings;
import tcplab.ui.common.Palette;
import tcplab.ui.common.Png;
import tcplab.ui.common.UiSettings;
import tcplab.ui.common.ZoomSteps;
import tcplab.ui.run.EventRow;
import tcplab.ui.run.LadderView;
import tcplab.ui.run.RunViewModel;
import tcplab.ui.run.InspectorView;

/**
 * The classroom window: controls on top, the ladder in the middle, the state diagram and the
 * segment inspector on the right, the event list and the netstat panes below. Every label is
 * bound to the language, so 中文/English switches at runtime; all logic lives in
 * {@link RunViewModel} and the panes' own models.
 */
public final class MainWindow {
    static final double BASE_FONT = 13;
    private static final double[] SPEEDS = {25, 50, 100, 250, 500, 1000, 5000, 20000};

    private final RunViewModel vm;
    private final UiSettings settings;
    private final BorderPane root = new BorderPane();
    private final LadderView ladder = new LadderView();
    private final InspectorView inspector;
    private final ObservableList<EventRow> rows = FXCollections.observableArrayList();
    private final FilteredList<EventRow> filtered = new FilteredList<>(rows, r -> true);
    private final TableView<EventRow> events = new TableView<>(filtered);
    private final Label status = new Label();
    private final Slider scrubber = new Slider(0, 1, 0);
    private final ComboBox<String> scenarioBox = new ComboBox<>();
    private final ClassroomSettings classroom;
    private boolean updatingScrubber;
    private AnimationTimer timer;
    private Stage stage;

    public MainWindow(RunViewModel vm, UiSettings settings) {
        this.vm = vm;
        this.inspector = new InspectorView(vm);
        this.settings = settings;
        this.classroom = new ClassroomSettings(settings);
        // The run's language is the room's language: whoever sets one sets the other (the
        // panes of other features still read RunViewModel.langProperty).
        classroom.langProperty().bindBidirectional(vm.langProperty());
        build();
        wire();
        classroom.paletteProperty().addListener((o, a, p) -> applyTheme());
        classroom.zoomProperty().addListener((o, a, z) -> {
            applyTheme();
            placeControls();
            fitDividers();
        });
        classroom.langProperty().addListener((o, a, l) -> placeControls());
        applyTheme();
    }

    /** Zoom, palette, language and presenting, for the whole window; panes bind to it. */
    public ClassroomSettings classroom() {
        return classroom;
    }

    /** The window's content. */
    public Parent root() {
        return root;
    }

    public RunViewModel viewModel() {
        return vm;
    }

    public LadderView ladder() {
        return ladder;
    }

    public TableView<EventRow> eventList() {
        return events;
    }

    public InspectorView inspector() {
        return inspector;
    }

    private Texts t() {
        return Texts.of(LadderView.BUNDLE, vm.langProperty().get());
    }

    /** A text that follows the language. */
    private StringBinding text(String key, Object... args) {
        return Bindings.createStringBinding(() -> t().get(key, args), vm.langProperty());
    }

    private Button button(String id, String key, String tipKey, Runnable action) {
        Button b = new Button();
        b.setId(id);
        b.textProperty().bind(text(key));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text(tipKey));
        b.setTooltip(tip);
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        return b;
    }

    // ------------------------------------------------------------------ building

    private void build() {
        root.getStyleClass().add("tcplab-root");
        // Row 1: the scenario and the playback controls.
        scenarioBox.setId("scenario");
        scenarioBox.getItems().addAll(ScenarioLoader.BUILTIN);
        labelled(scenarioBox, ScenarioCell::new);
        scenarioBox.setOnAction(e -> {
            String name = scenarioBox.getValue();
            if (name != null && !name.equals(vm.scenarioSourceProperty().get())) {
                vm.load(name);
            }
        });
        Button reset = button("reset", "ctl.reset", "tip.reset", vm::reset);
        Button back = button("back", "ctl.back", "tip.back", vm::stepBack);
        Button play = new Button();
        play.setId("play");
        play.textProperty().bind(Bindings.createStringBinding(() -> t().get(vm.playingProperty().get() ? "ctl.pause" : "ctl.play"),
                vm.playingProperty(), vm.langProperty()));
        Tooltip playTip = new Tooltip();
        playTip.textProperty().bind(text("tip.play"));
        play.setTooltip(playTip);
        play.setOnAction(e -> vm.togglePlay());
        play.setFocusTraversable(false);
        play.setDefaultButton(false);
        Button forward = button("forward", "ctl.forward", "tip.forward", vm::stepForward);
        back.disableProperty().bind(vm.stepProperty().isEqualTo(0));
        forward.disableProperty().bind(vm.atEndProperty());
        ComboBox<Double> speed = new ComboBox<>();
        speed.setId("speed");
        for (double s : SPEEDS) {
            speed.getItems().add(s);
        }
        labelled(speed, SpeedCell::new);
        speed.setValue(settings.getDouble("speed", 250));
        vm.speedProperty().set(speed.getValue());
        speed.setOnAction(e -> {
            vm.speedProperty().set(speed.getValue());
            settings.putDouble("speed", speed.getValue());
        });
        speed.setFocusTraversable(false);
        scrubber.setId("scrubber");
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        scrubber.setMinWidth(160);
        scrubber.valueProperty().addListener((o, a, b) -> {
            if (!updatingScrubber) {
                vm.pause();
                vm.seekMs(b.doubleValue());
            }
        });
        scrubber.setFocusTraversable(false);
        Label speedLabel = new Label();
        speedLabel.textProperty().bind(text("ctl.speed"));

        status.setId("status");
        status.setMinWidth(Label.USE_PREF_SIZE);
        // The scrubber and the time get a row of their own: a toolbar would hide them in its
        // overflow menu when the texts grow (Chinese, zoom).
        HBox timeRow = new HBox(10, scrubber, status);
        timeRow.setAlignment(Pos.CENTER_LEFT);
        timeRow.setPadding(new Insets(2, 10, 2, 10));
        timeRow.getStyleClass().add("time-row");

        // Row 2: impairments and classroom settings.
        ComboBox<String> profile = new ComboBox<>();
        profile.setId("profile");
        profile.getItems().add("");
        profile.getItems().addAll(Profile.NAMES);
        labelled(profile, ProfileCell::new);
        profile.setValue("");
        profile.setOnAction(e -> {
            vm.profileProperty().set(profile.getValue() == null || profile.getValue().isEmpty() ? null : profile.getValue());
            vm.rerun();
        });
        profile.setFocusTraversable(false);
        TextField delay = numberField("delay", "ctl.delayPrompt", v -> {
            vm.delayMsProperty().set(v);
            vm.rerun();
        }, 0, 600_000);
        TextField loss = numberField("loss", "ctl.lossPrompt", v -> {
            vm.lossProperty().set(v == null ? null : v / 100.0);
            vm.rerun();
        }, 0, 100);
        ToggleButton absolute = new ToggleButton();
        absolute.setId("absolute");
        absolute.textProperty().bind(text("ctl.absolute"));
        absolute.setSelected(Boolean.parseBoolean(settings.get("absoluteSeq", "false")));
        vm.absoluteSeqProperty().bind(absolute.selectedProperty());
        absolute.setFocusTraversable(false);
        Button lang = new Button();
        lang.setId("lang");
        lang.textProperty().bind(Bindings.createStringBinding(() -> vm.langProperty().get() == Lang.ZH ? "English" : "中文",
                vm.langProperty()));
        lang.setOnAction(e -> vm.langProperty().set(vm.langProperty().get() == Lang.ZH ? Lang.EN : Lang.ZH));
        lang.setFocusTraversable(false);
        ComboBox<String> theme = new ComboBox<>();
        theme.setId("theme");
        theme.getItems().addAll("standard", "high-contrast", "color-blind");
        labelled(theme, ThemeCell::new);
        theme.setValue(classroom.palette().name());
        theme.setOnAction(e -> classroom.paletteProperty().set(Palette.byName(theme.getValue())));
        classroom.paletteProperty().addListener((o, a, p) -> theme.setValue(p.name()));
        theme.setFocusTraversable(false);
        Button zoomOut = button("zoomOut", "ctl.zoomOut", "tip.zoom", classroom::zoomOut);
        Button zoomIn = button("zoomIn", "ctl.zoomIn", "tip.zoom", classroom::zoomIn);
        zoomOut.disableProperty().bind(classroom.zoomProperty().lessThanOrEqualTo(ZoomSteps.min()));
        zoomIn.disableProperty().bind(classroom.zoomProperty().greaterThanOrEqualTo(ZoomSteps.max()));
        // The level in words: a teacher who zoomed sees how far, and that A− undoes it.
        Label zoomLevel = new Label();
        zoomLevel.setId("zoomLevel");
        zoomLevel.textProperty().bind(Bindings.createStringBinding(() -> ZoomSteps.percent(classroom.zoom()),
                classroom.zoomProperty()));
        zoomLevel.setMinWidth(Label.USE_PREF_SIZE);
        Button full = button("fullscreen", "ctl.fullscreen", "tip.fullscreen", this::toggleFullScreen);
        ToggleButton enlarge = new ToggleButton();
        enlarge.setId("enlargeLower");
        enlarge.textProperty().bind(text("ctl.enlarge"));
        Tooltip enlargeTip = new Tooltip();
        enlargeTip.textProperty().bind(text("tip.enlarge"));
        enlarge.setTooltip(enlargeTip);
        enlarge.setFocusTraversable(false);
        enlarge.selectedProperty().addListener((o, a, big) -> setLowerEnlarged(big));
        this.enlargeToggle = enlarge;
        Label profileLabel = label("ctl.profile");
        Label delayLabel = label("ctl.delay");
        Label lossLabel = label("ctl.loss");
        // One bar that wraps: a ToolBar hides what does not fit behind an unlabelled "»" (at
        // 1024×768 one Ctrl + was enough to hide 中文/English, A− and 全屏 there). Related
        // controls are grouped so a label never wraps away from its field.
        FlowPane controls = new FlowPane(Orientation.HORIZONTAL);
        controls.setId("controls");
        controls.getStyleClass().add("controls");
        // Opening a file and exporting a picture are for preparing a lesson, not for the class:
        // they wait, labelled, in "More" so that on 1024×768 the rest fits in two rows.
        MenuButton more = new MenuButton();
        more.setId("more");
        more.textProperty().bind(text("ctl.more"));
        more.setFocusTraversable(false);
        more.getItems().addAll(menuItem("menu-open", "ctl.open", this::openFile),
                menuItem("menu-open-capture", "ctl.openCapture", this::openCaptureDialog),
                menuItem("menu-save-capture", "ctl.saveCapture", this::saveCaptureDialog),
                menuItem("menu-export", "ctl.export", this::exportPng));
        // The lists get widths that follow the zoom: a ComboBox measures itself by its closed
        // popup list, whose size stays that of the largest zoom it has seen, so after a zoom out
        // the bar would keep the 200 % widths (and the groups moved into More stay there).
        zoomedWidth(scenarioBox, 260, 1.3);
        zoomedWidth(speed, 140, ZoomSteps.max());
        zoomedWidth(profile, 190, ZoomSteps.max());
        zoomedWidth(theme, 165, ZoomSteps.max());
        HBox profileGroup = group(profileLabel, profile);
        // a capture is what it was: no profile, delay or loss changes it
        for (Node n : List.of(profileLabel, profile, delayLabel, delay, lossLabel, loss)) {
            n.disableProperty().bind(vm.captureRunProperty().isNotNull());
        }
        HBox delayGroup = group(delayLabel, delay);
        HBox lossGroup = group(lossLabel, loss);
        HBox absoluteGroup = group(absolute);
        HBox themeGroup = group(theme);
        HBox enlargeGroup = group(enlarge);
        controlOrder.addAll(List.of(group(scenarioBox), group(reset, back, play, forward), group(speedLabel, speed),
                profileGroup, delayGroup, lossGroup, absoluteGroup, group(lang), themeGroup,
                group(zoomOut, zoomLevel, zoomIn), group(full), enlargeGroup, group(more)));
        // What moves into "More" first when two rows are not enough (zoomed in on a narrow screen):
        // the settings a teacher makes before the lesson, never playback, language or zoom.
        movable.addAll(List.of(themeGroup, absoluteGroup, lossGroup, delayGroup, profileGroup, enlargeGroup));
        this.controls = controls;
        this.more = more;
        fixedMenuItems = more.getItems().size();
        controls.getChildren().setAll(controlOrder);
        controls.prefWrapLengthProperty().bind(root.widthProperty());
        root.widthProperty().addListener((o, a, b) -> placeControls());
        Label error = new Label();
        error.setId("error");
        error.getStyleClass().add("error-line");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);
        root.setTop(new VBox(controls, timeRow, connectionRow(), loadingRow(),
                tcplab.ui.common.LoadingRow.of("capture-loading", vm.captureLoad(), vm.langProperty()), error));

        // Middle: ladder | (state diagram, inspector).
        ladder.setId("ladder");
        ladder.setOnSegmentClicked(this::segmentClicked);
        ScrollPane inspectorScroll = new ScrollPane(inspector);
        inspectorScroll.setFitToWidth(true);
        SplitPane right = new SplitPane(inspectorScroll);
        right.setOrientation(Orientation.VERTICAL);
        right.setId("right");
        SplitPane middle = new SplitPane(ladder, right);
        middle.setDividerPositions(0.58);
        middle.setId("middle");
        // The lanes never collapse: whatever the zoom, the ladder keeps its two lifelines and a
        // few rows (the SplitPane respects the minimum when the other side asks for room).
        ladder.setMinSize(220, 120);

        // Bottom: event list and the netstat tabs.
        buildEventList();
        TabPane bottom = new TabPane();
        bottom.setId("bottomTabs");
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab eventsTab = new Tab();
        eventsTab.textProperty().bind(text("tab.events"));
        eventsTab.setContent(eventListPane());
        bottom.getTabs().add(eventsTab);
        SplitPane vertical = new SplitPane(middle, bottom);
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setDividerPositions(0.6); // the netstat lines need room to be read
        root.setCenter(vertical);
        this.right = right;
        this.bottomTabs = bottom;
        this.vertical = vertical;
        this.middle = middle;
        vertical.heightProperty().addListener((o, a, b) -> fitDividers());
        vertical.widthProperty().addListener((o, a, b) -> fitDividers());
    }

    private SplitPane middle;
    private FlowPane controls;
    private MenuButton more;
    private int fixedMenuItems;
    private final List<HBox> controlOrder = new java.util.ArrayList<>();
    private final List<HBox> movable = new java.util.ArrayList<>();
    /** The most rows of controls above the ladder: more would squeeze the lanes at 200 % on 1024×768. */
    static final int MAX_CONTROL_ROWS = 2;

    /**
     * Lays the controls out in at most {@link #MAX_CONTROL_ROWS} rows: groups that do not fit move,
     * whole and labelled (a label with its field), into the "More" menu, least used first; they
     * come back as soon as there is room again (zoomed out, wider window, shorter language).
     */
    void placeControls() {
        if (controls == null || root.getWidth() <= 0) {
            return;
        }
        for (int i = more.getItems().size() - 1; i >= fixedMenuItems; i--) {
            if (more.getItems().get(i) instanceof CustomMenuItem c) {
                c.setContent(null);
            }
            more.getItems().remove(i);
        }
        controls.getChildren().setAll(controlOrder);
        // From the root: a new zoom is the root's font size, which the groups inherit.
        root.applyCss();
        Insets pad = controls.getPadding();
        double wrap = root.getWidth() - pad.getLeft() - pad.getRight();
        List<HBox> shown = new java.util.ArrayList<>(controlOrder);
        List<HBox> moved = new java.util.ArrayList<>();
        for (HBox m : movable) {
            if (rows(shown, wrap, controls.getHgap()) <= MAX_CONTROL_ROWS) {
                break;
            }
            shown.remove(m);
            moved.add(m);
        }
        if (moved.isEmpty()) {
            return;
        }
        controls.getChildren().setAll(shown);
        if (!more.getItems().isEmpty()) {
            more.getItems().add(new SeparatorMenuItem());
        }
        for (HBox g : controlOrder) {
            if (moved.contains(g)) {
                CustomMenuItem item = new CustomMenuItem(g, false);
                item.setId("more-" + g.getChildren().get(g.getChildren().size() - 1).getId());
                more.getItems().add(item);
            }
        }
    }

    /** How many rows a FlowPane {@code wrap} wide needs for {@code groups}. */
    private static int rows(List<HBox> groups, double wrap, double gap) {
        List<Double> widths = new java.util.ArrayList<>();
        for (HBox g : groups) {
            widths.add(g.prefWidth(-1));
        }
        return tcplab.ui.common.FlowRows.count(widths, wrap, gap);
    }

    /** The groups of controls now in the "More" menu (their last control's id), for tests. */
    List<String> controlsInMore() {
        List<String> ids = new java.util.ArrayList<>();
        for (MenuItem i : more.getItems()) {
            if (i instanceof CustomMenuItem c && c.getContent() instanceof HBox g) {
                ids.add(g.getChildren().get(g.getChildren().size() - 1).getId());
            }
        }
        return ids;
    }
    /** The size the diagram needs at 100 % for its state names to be read (set by {@link Panes}). */
    private double diagramW;
    private double diagramH;

    /** {@code base} px at 100 %, growing with the zoom up to {@code maxZoom}. */
    private void zoomedWidth(ComboBox<?> box, double base, double maxZoom) {
        box.prefWidthProperty().bind(Bindings.createDoubleBinding(() -> base * Math.min(maxZoom, classroom.zoom()),
                classroom.zoomProperty()));
        box.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        box.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }

    private MenuItem menuItem(String id, String key, Runnable action) {
        MenuItem item = new MenuItem();
        item.setId(id);
        item.textProperty().bind(text(key));
        item.setOnAction(e -> action.run());
        return item;
    }

    private static HBox group(Node... nodes) {
        HBox g = new HBox(4, nodes);
        g.setAlignment(Pos.CENTER_LEFT);
        g.getStyleClass().add("control-group");
        return g;
    }

    /** The width and height the state diagram needs (at 100 %) for its state names to be read. */
    void setDiagramNeeds(double w, double h) {
        // Plus the scroll pane's border and a divider, so that no scroll bar appears at 100 %.
        diagramW = w + 12;
        diagramH = h + 12;
        fitDividers();
    }

    /**
     * Places the dividers for the window's size and zoom: the netstat pane keeps at least a
     * table's header and a few lines, the state diagram gets the room its state names need when
     * the window has it (on 1024×768 that is more than the usual share), the inspector keeps a
     * strip. Called on resize and zoom, so a zoom out restores what a zoom in squeezed.
     */
    void fitDividers() {
        if (vertical == null || lowerEnlarged) {
            return;
        }
        double z = classroom.zoom();
        double h = vertical.getHeight();
        double w = vertical.getWidth();
        if (h <= 0 || w <= 0) {
            return;
        }
        // The netstat pane keeps its tabs, host row and a few socket lines at every zoom: at
        // 200 % that is most of a 768-pixel screen's height below the controls.
        double bottomMin = 200 * Math.pow(z, 0.85);
        double inspectorMin = 48;
        double upper = Math.min(h - bottomMin, Math.max(0.6 * h, diagramH + inspectorMin));
        upper = Math.max(upper, Math.min(0.6 * h, 140));
        vertical.setDividerPositions(upper / h);
        // The ladder keeps room for its two lifelines and their labels at this zoom; beyond
        // 100 % the diagram scrolls anyway, so the ladder has the priority.
        double ladderMin = Math.max(320, ladder.lanesMinWidth()) + 10; // and the divider
        double rightW = Math.max(0.22 * w, Math.min(w - ladderMin, Math.max(0.42 * w, diagramW)));
        middle.setDividerPositions(Math.max(0.3, 1 - rightW / w));
        if (right.getItems().size() > 1) {
            double diagram = Math.min(upper - inspectorMin, Math.max(0.66 * upper, diagramH));
            right.setDividerPositions(Math.max(0.2, diagram / upper));
        }
    }

    private SplitPane vertical;
    private ToggleButton enlargeToggle;
    private boolean lowerEnlarged;

    /**
     * Gives the lower tabs (lessons, quiz, netstat) most of the window, for a class reading a
     * lesson's narration or a quiz from the back of the room; and back.
     */
    public void setLowerEnlarged(boolean big) {
        // The upper views may shrink below their usual minimum while the lower tabs are big.
        for (Node n : vertical.getItems().get(0) instanceof SplitPane sp ? sp.getItems() : List.<Node>of()) {
            if (n instanceof javafx.scene.layout.Region r) {
                r.setMinHeight(big ? 0 : javafx.scene.layout.Region.USE_COMPUTED_SIZE);
            }
        }
        if (right != null) {
            for (Node n : right.getItems()) {
                if (n instanceof javafx.scene.layout.Region r) {
                    r.setMinHeight(big ? 0 : javafx.scene.layout.Region.USE_COMPUTED_SIZE);
                }
            }
        }
        lowerEnlarged = big;
        if (big) {
            vertical.setDividerPositions(0.22);
        } else {
            vertical.setDividerPositions(0.6);
            fitDividers();
        }
        if (enlargeToggle.isSelected() != big) {
            enlargeToggle.setSelected(big);
        }
    }

    private SplitPane right;
    private TabPane bottomTabs;

    /** True while the lower tabs have most of the window (F10, "Big panes", a classroom quiz). */
    public boolean lowerEnlarged() {
        return lowerEnlarged;
    }

    /** The right column, where the state diagram goes above the inspector. */
    public SplitPane rightColumn() {
        return right;
    }

    /**
     * Adds a tab to the bottom row at {@code index}, its title following the language; its id is
     * the title key with dashes ({@code tab-quiz}).
     */
    public void addBottomTab(String titleKey, Node content, int index) {
        newBottomTab(titleKey, index).setContent(content);
    }

    /**
     * {@link #addBottomTab(String, Node, int)} with the content made when the tab is first
     * selected: a tab nobody opens costs the window's start-up nothing (building the explain,
     * quiz and lesson panes and styling them took about a fifth of the time to the first frame).
     */
    public void addBottomTab(String titleKey, java.util.function.Supplier<? extends Node> content, int index) {
        Tab tab = newBottomTab(titleKey, index);
        if (tab.isSelected()) {
            tab.setContent(content.get());
            return;
        }
        tab.selectedProperty().addListener(new javafx.beans.value.ChangeListener<Boolean>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean selected) {
                if (selected && tab.getContent() == null) {
                    tab.selectedProperty().removeListener(this);
                    tab.setContent(content.get());
                }
            }
        });
    }

    private Tab newBottomTab(String titleKey, int index) {
        Tab tab = new Tab();
        tab.setId(titleKey.replace('.', '-'));
        tab.textProperty().bind(text(titleKey));
        bottomTabs.getTabs().add(Math.min(index, bottomTabs.getTabs().size()), tab);
        return tab;
    }

    /** The bottom tab with this id ({@code tab-quiz}), selected (its content made if it was not yet). */
    public Tab selectBottomTab(String id) {
        for (Tab t : bottomTabs.getTabs()) {
            if (id.equals(t.getId())) {
                bottomTabs.getSelectionModel().select(t);
                return t;
            }
        }
        throw new IllegalArgumentException("no bottom tab " + id);
    }

    /** The bottom tabs, where the netstat panes go beside the event list. */
    public TabPane bottomTabs() {
        return bottomTabs;
    }

    private Label label(String key) {
        Label l = new Label();
        l.textProperty().bind(text(key));
        return l;
    }

    private TextField numberField(String id, String promptKey, java.util.function.Consumer<Double> apply, double min, double max) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(5);
        f.promptTextProperty().bind(text(promptKey));
        f.setOnAction(e -> {
            String s = f.getText().trim();
            if (s.isEmpty()) {
                f.getStyleClass().remove("invalid");
                apply.accept(null);
                return;
            }
            try {
                double v = Double.parseDouble(s);
                if (v < min || v > max) {
                    throw new NumberFormatException();
                }
                f.getStyleClass().remove("invalid");
                apply.accept(v);
            } catch (NumberFormatException ex) {
                // Keep what the user typed, mark it, say why; never lose the input.
                if (!f.getStyleClass().contains("invalid")) {
                    f.getStyleClass().add("invalid");
                }
                f.setTooltip(new Tooltip(t().get("ctl.badNumber", fmt(min), fmt(max))));
            }
        });
        return f;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private void buildEventList() {
        events.setId("events");
        TableColumn<EventRow, String> time = new TableColumn<>();
        time.textProperty().bind(text("events.time"));
        time.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().timeText()));
        time.setPrefWidth(90);
        TableColumn<EventRow, String> host = new TableColumn<>();
        host.textProperty().bind(text("events.host"));
        host.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().host()));
        host.setPrefWidth(90);
        TableColumn<EventRow, String> what = new TableColumn<>();
        what.textProperty().bind(text("events.what"));
        what.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().text()));
        what.setPrefWidth(760);
        events.getColumns().add(time);
        events.getColumns().add(host);
        events.getColumns().add(what);
        events.setRowFactory(tv -> {
            TableRow<EventRow> row = new TableRow<>() {
                @Override
                protected void updateItem(EventRow item, boolean empty) {
                    super.updateItem(item, empty);
                    // Events after the playhead are still to come: shown faded.
                    pseudoClassStateChanged(FUTURE, !empty && item != null && item.step() > vm.step());
                    // A long row (a capture's inferred change with its reason) is cut at the
                    // column's edge: the whole of it on hover.
                    if (empty || item == null || item.text().length() < 70) {
                        setTooltip(null);
                    } else {
                        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(item.text());
                        tip.setWrapText(true);
                        tip.setMaxWidth(520);
                        setTooltip(tip);
                    }
                }
            };
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty() && e.getClickCount() >= 1) {
                    vm.seekStep(row.getItem().step());
                }
            });
            return row;
        });
    }

    private static final javafx.css.PseudoClass FUTURE = javafx.css.PseudoClass.getPseudoClass("future");

    private Node eventListPane() {
        TextField filter = new TextField();
        filter.setId("eventFilter");
        filter.promptTextProperty().bind(text("events.filter"));
        ComboBox<String> kind = new ComboBox<>();
        kind.setId("eventKind");
        kind.getItems().addAll("all", "SEGMENT", "STATE", "APP");
        kind.setValue("all");
        labelled(kind, KindCell::new);
        Runnable apply = () -> {
            String f = filter.getText().toLowerCase(Locale.ROOT).trim();
            String k = kind.getValue();
            Predicate<EventRow> p = r -> (k == null || k.equals("all") || r.kind().name().equals(k))
                    && (f.isEmpty() || r.text().toLowerCase(Locale.ROOT).contains(f) || r.host().toLowerCase(Locale.ROOT).contains(f));
            filtered.setPredicate(p);
        };
        filter.textProperty().addListener((o, a, b) -> apply.run());
        kind.setOnAction(e -> apply.run());
        HBox bar = new HBox(8, filter, kind);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        HBox.setHgrow(filter, Priority.ALWAYS);
        VBox box = new VBox(bar, events);
        VBox.setVgrow(events, Priority.ALWAYS);
        return box;
    }

    // ------------------------------------------------------------------ wiring

    private void wire() {
        vm.endMsProperty().addListener((o, a, b) -> {
            updatingScrubber = true;
            scrubber.setMax(Math.max(1, b.doubleValue()));
            scrubber.setValue(vm.timeUs() / 1000.0);
            updatingScrubber = false;
        });
        vm.timelineProperty().addListener((o, a, tl) -> {
            ladder.setTimeline(tl);
            fitDividers(); // a run with more hosts needs a wider ladder
            ladder.setPosition(vm.timeUs(), vm.step());
            refreshRows();
            updateStatus();
            if (vm.scenarioSourceProperty().get() != null && ScenarioLoader.isBuiltin(vm.scenarioSourceProperty().get())) {
                scenarioBox.setValue(vm.scenarioSourceProperty().get());
                settings.put("scenario", vm.scenarioSourceProperty().get());
            } else if (vm.scenarioProperty().get() != null || vm.captureRunProperty().get() != null) {
                // A file, a lesson's own scenario or a capture: named in the box's prompt, not as a built-in.
                scenarioBox.setValue(null);
                scenarioPrompt();
            }
        });
        vm.timeUsProperty().addListener((o, a, b) -> {
            ladder.setPosition(b.longValue(), vm.step());
            updatingScrubber = true;
            scrubber.setValue(b.longValue() / 1000.0);
            updatingScrubber = false;
            updateStatus();
        });
        vm.stepProperty().addListener((o, a, b) -> {
            ladder.setPosition(vm.timeUs(), b.intValue());
            updateStatus();
            if (!vm.playingProperty().get()) {
                // Past and future rows are restyled when the user stops or steps, not at every
                // frame of playing (a table refresh rebuilds every visible row).
                events.refresh();
                scrollEventsTo(b.intValue());
            }
        });
        vm.playingProperty().addListener((o, a, playing) -> {
            if (!playing) {
                events.refresh();
                scrollEventsTo(vm.step());
            }
        });
        vm.connectionProperty().addListener((o, a, c) -> ladder.setConnection(c));
        vm.selectedSegmentProperty().addListener((o, a, id) -> ladder.setSelected(id));
        vm.absoluteSeqProperty().addListener((o, a, b) -> {
            ladder.setAbsoluteSeq(b);
            refreshRows(); // the event list writes numbers as the ladder does
            settings.put("absoluteSeq", Boolean.toString(b));
        });
        vm.langProperty().addListener((o, a, l) -> {
            ladder.setLang(l);
            refreshRows();
            updateStatus();
            scenarioBox.setButtonCell(new ScenarioCell());
            scenarioPrompt();
        });
        ladder.setLang(vm.langProperty().get());
        ladder.setAbsoluteSeq(vm.absoluteSeqProperty().get());
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        timer = new AnimationTimer() {
            private long last = -1;

            @Override
            public void handle(long now) {
                if (last > 0 && vm.playingProperty().get()) {
                    vm.tick(Math.min(0.1, (now - last) / 1e9));
                }
                last = now;
            }
        };
        timer.start();
        updateStatus();
    }

    private void scenarioPrompt() {
        if (vm.captureRunProperty().get() != null) {
            String file = vm.scenarioSourceProperty().get();
            scenarioBox.setPromptText(Path.of(file).getFileName() + " — " + vm.connectionLabel(vm.captureRunProperty().get().connection()).trim());
            if (scenarioBox.getValue() == null && scenarioBox.getButtonCell() != null) {
                scenarioBox.getButtonCell().setText(scenarioBox.getPromptText());
            }
        } else if (vm.scenarioProperty().get() != null) {
            scenarioBox.setPromptText(vm.scenarioProperty().get().name() + " — "
                    + vm.scenarioProperty().get().title(vm.langProperty().get()));
            if (scenarioBox.getValue() == null && scenarioBox.getButtonCell() != null) {
                scenarioBox.getButtonCell().setText(scenarioBox.getPromptText());
            }
        }
    }

    /** A combo box's button cell is not a binding: it is remade in the new language. */
    private void onLang(Runnable r) {
        classroom.langProperty().addListener((o, a, l) -> r.run());
    }

    private void refreshRows() {
        Timeline tl = vm.timeline();
        rows.setAll(tl == null ? List.of() : EventRow.of(tl, vm.langProperty().get(), vm.absoluteSeqProperty().get(),
                vm::endpointText, vm::inferredReason));
    }

    private void scrollEventsTo(int step) {
        for (int i = 0; i < filtered.size(); i++) {
            if (filtered.get(i).step() >= step) {
                events.scrollTo(Math.max(0, i - 3));
                return;
            }
        }
    }

    private void updateStatus() {
        Timeline tl = vm.timeline();
        if (tl == null) {
            status.setText("");
            return;
        }
        String text = t().get("status", String.format(Locale.ROOT, "%.1f", vm.timeUs() / 1000.0), vm.step(), tl.steps());
        // a capture's transition no packet shows is marked as inferred; the tooltip says why
        StringBuilder why = new StringBuilder();
        for (tcplab.sim.TraceEvent e : vm.eventsOfCurrentStep()) {
            String reason = vm.inferredReason(e);
            if (reason != null && e instanceof tcplab.sim.TraceEvent.StateChange sc) {
                text += "  ·  " + t().get("capture.inferredShort", sc.host(), sc.to().name());
                why.append(why.length() == 0 ? "" : "\n").append(sc.host()).append(' ').append(sc.to().name()).append(": ").append(reason);
            }
        }
        status.setTooltip(why.length() == 0 ? null : new javafx.scene.control.Tooltip(why.toString()));
        status.setText(text);
    }

    private void keyPressed(KeyEvent e) {
        // Zoom works wherever the focus is (a teacher who clicked into the delay field still
        // zooms with Ctrl +); other keys typed in a field are typing, not playing.
        if (!(e.getTarget() instanceof TextInputControl)) {
            for (java.util.function.Predicate<KeyEvent> h : keysFirst) {
                if (h.test(e)) {
                    e.consume();
                    return;
                }
            }
        }
        if (e.isShortcutDown() && (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD)) {
            classroom.zoomIn();
        } else if (e.isShortcutDown() && (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT)) {
            classroom.zoomOut();
        } else if (e.isShortcutDown() && (e.getCode() == KeyCode.DIGIT0 || e.getCode() == KeyCode.NUMPAD0)) {
            classroom.zoomReset();
        } else if (e.getTarget() instanceof TextInputControl) {
            return;
        } else if (e.getCode() == KeyCode.SPACE) {
            vm.togglePlay();
        } else if (e.getCode() == KeyCode.RIGHT) {
            vm.stepForward();
        } else if (e.getCode() == KeyCode.LEFT) {
            vm.stepBack();
        } else if (e.getCode() == KeyCode.HOME) {
            vm.reset();
        } else if (e.getCode() == KeyCode.END) {
            vm.seekMs(vm.endMsProperty().get());
        } else if (e.getCode() == KeyCode.F11) {
            toggleFullScreen();
        } else if (e.getCode() == KeyCode.F10) {
            setLowerEnlarged(!enlargeToggle.isSelected());
        } else {
            return;
        }
        e.consume();
    }

    private void segmentClicked(long id) {
        // A click on a segment still in flight drops it (the network loses it) and its
        // retransmission plays out; a click on any other segment inspects it.
        if (!vm.dropInFlight(id)) {
            vm.selectSegment(id);
        }
    }

    // ------------------------------------------------------------------ classroom

    /** Sets the zoom (to the nearest of {@link ZoomSteps}). */
    public void setZoom(double z) {
        classroom.zoomProperty().set(z);
    }

    public double zoom() {
        return classroom.zoom();
    }

    public Palette palette() {
        return classroom.palette();
    }

    private void applyTheme() {
        Palette palette = classroom.palette();
        double zoom = classroom.zoom();
        ladder.setPalette(palette);
        ladder.setZoom(zoom);
        root.setStyle("-fx-font-size: " + String.format(Locale.ROOT, "%.1f", BASE_FONT * zoom) + "px;" + palette.cssVariables());
        root.getStyleClass().removeAll("theme-standard", "theme-high-contrast", "theme-color-blind");
        root.getStyleClass().add("theme-" + palette.name());
    }

    /** The stylesheet of the window (themes use the -tcplab-* colours set on the root). */
    public static String stylesheet() {
        return MainWindow.class.getResource("/tcplab/ui/app.css").toExternalForm();
    }

    public void attach(Stage s) {
        this.stage = s;
        // Presenting is the window filling the projector: F11, the presenter view or the
        // window manager may start it, and each follows the other.
        classroom.presentingProperty().set(s.isFullScreen());
        s.fullScreenProperty().addListener((o, a, full) -> classroom.presentingProperty().set(full));
        classroom.presentingProperty().addListener((o, a, on) -> {
            if (s.isFullScreen() != on) {
                s.setFullScreen(on);
            }
        });
    }

    /** The window's stage, or null before {@link #attach}. */
    public Stage stage() {
        return stage;
    }

    private final List<java.util.function.Predicate<KeyEvent>> keysFirst = new java.util.ArrayList<>();

    /**
     * Keys a pane takes before the window's own (true: taken): during a lesson, → and PageDown
     * move the lesson on, not the simulation, which would reveal the next question's answer.
     */
    public void onKeyFirst(java.util.function.Predicate<KeyEvent> handler) {
        keysFirst.add(handler);
    }

    /**
     * Shows {@code view} in place of the window's content (the presenter view on a machine with
     * one display); null puts the window back.
     */
    public void present(javafx.scene.Parent view) {
        if (view != null && root.getScene() != null) {
            presentedIn = root.getScene();
            presentedIn.setRoot(view);
        } else if (view == null && presentedIn != null) {
            presentedIn.setRoot(root);
            presentedIn = null;
        }
    }

    private Scene presentedIn;

    private void toggleFullScreen() {
        if (stage != null) {
            stage.setFullScreen(!stage.isFullScreen());
        }
    }

    private void openFile() {
        FileChooser fc = new FileChooser();
        fc.setTitle(t().get("ctl.openTitle"));
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(t().get("ctl.scenarioFiles"), "*.yaml", "*.yml"));
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            openScenarioFile(f.toPath());
        }
    }

    /**
     * Opens a scenario file off the FX thread (reading, checking and recording its run), with the
     * loading row showing its progress and a Cancel button; the current run stays until then.
     */
    public void openScenarioFile(Path file) {
        vm.loadInBackground(file, tcplab.ui.common.BackgroundLoad.LOADER, javafx.application.Platform::runLater);
    }

    private void openCaptureDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle(t().get("ctl.openCaptureTitle"));
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(t().get("ctl.captureFiles"), "*.pcap", "*.pcapng", "*.cap"));
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            openCapture(f.toPath());
        }
    }

    private void saveCaptureDialog() {
        // First the options simulate --pcap has (capture point, IPv6), then where to write.
        tcplab.ui.run.SaveCaptureOptions opts = new tcplab.ui.run.SaveCaptureOptions(vm.captureHosts(), vm.shownIsIpv6(),
                vm.langProperty().get());
        javafx.scene.control.Dialog<javafx.scene.control.ButtonType> dialog = new javafx.scene.control.Dialog<>();
        dialog.initOwner(stage);
        dialog.setTitle(t().get("save.title"));
        dialog.getDialogPane().setContent(opts);
        dialog.getDialogPane().getButtonTypes().addAll(javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        if (dialog.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL) != javafx.scene.control.ButtonType.OK) {
            return;
        }
        tcplab.ui.run.SaveCaptureOptions.Options o = opts.options();
        FileChooser fc = new FileChooser();
        fc.setTitle(t().get("ctl.saveCaptureTitle"));
        String name = vm.scenarioProperty().get() == null ? "run" : vm.scenarioProperty().get().name();
        fc.setInitialFileName(tcplab.ui.run.SaveCaptureOptions.suggestedName(name, o));
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("pcapng", "*.pcapng"),
                new FileChooser.ExtensionFilter("pcap", "*.pcap"));
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            try {
                vm.saveCapture(f.toPath(), o.captureAt(), o.ipv6());
            } catch (IOException e) {
                vm.reportError(t().get("ctl.saveCaptureFailed", f, e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
    }

    /**
     * Opens a capture off the FX thread (reading it, finding its connections, inferring both
     * ends' states) as a run: the loading row shows while it reads; the current run stays until then.
     */
    public void openCapture(Path file) {
        vm.loadCaptureInBackground(file, tcplab.ui.common.BackgroundLoad.LOADER, javafx.application.Platform::runLater);
    }

    /** The loaded capture's connection picker: shown only when it holds more than one. */
    private Node connectionRow() {
        ComboBox<tcplab.capture.Connection> pick = new ComboBox<>(vm.captureConnections());
        pick.setId("capture-connection");
        pick.setFocusTraversable(false);
        javafx.util.Callback<javafx.scene.control.ListView<tcplab.capture.Connection>, javafx.scene.control.ListCell<tcplab.capture.Connection>> cells =
                lv -> new javafx.scene.control.ListCell<>() {
                    @Override
                    protected void updateItem(tcplab.capture.Connection c, boolean empty) {
                        super.updateItem(c, empty);
                        setText(empty || c == null ? null : vm.connectionLabel(c));
                    }
                };
        pick.setCellFactory(cells);
        pick.setButtonCell(cells.call(null));
        boolean[] updating = {false};
        vm.captureRunProperty().addListener((o, a, run) -> {
            updating[0] = true;
            pick.setValue(run == null ? null : run.connection());
            updating[0] = false;
        });
        pick.valueProperty().addListener((o, a, c) -> {
            if (!updating[0] && c != null && (vm.captureRunProperty().get() == null || vm.captureRunProperty().get().connection() != c)) {
                if (!vm.pickConnection(c)) {
                    updating[0] = true;
                    pick.setValue(a);
                    updating[0] = false;
                }
            }
        });
        vm.langProperty().addListener((o, a, l) -> pick.setButtonCell(cells.call(null)));
        Label label = label("capture.picker");
        HBox row = new HBox(8, label, pick);
        row.setId("capture-row");
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        row.setPadding(new javafx.geometry.Insets(2, 8, 2, 8));
        row.visibleProperty().bind(javafx.beans.binding.Bindings.size(vm.captureConnections()).greaterThan(1));
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    /** "Loading FILE…", a progress bar and Cancel: shown only while a file loads. */
    private Node loadingRow() {
        return tcplab.ui.common.LoadingRow.of("loading", vm.loadingFileProperty(), vm.loadProgressProperty(), vm::cancelLoad,
                vm.langProperty());
    }

    private void exportPng() {
        FileChooser fc = new FileChooser();
        fc.setTitle(t().get("ctl.exportTitle"));
        fc.setInitialFileName((vm.scenarioProperty().get() == null ? "ladder" : vm.scenarioProperty().get().name()) + "-ladder.png");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            try {
                Png.write(ladder.exportImage(1600), f.toPath());
            } catch (IOException e) {
                vm.reportError(t().get("ctl.exportFailed", f, e.getMessage()));
            }
        }
    }

    /** Renders the ladder to a PNG file (the "export" button, without a dialog). */
    public void exportLadder(Path file, double width) throws IOException {
        Png.write(ladder.exportImage(width), file);
    }

    private final List<Runnable> onDispose = new java.util.ArrayList<>();

    /** Runs {@code r} when the window closes (a class session stops its server). */
    public void onDispose(Runnable r) {
        onDispose.add(r);
    }

    /** Stops the animation timer and what the panes asked to stop (when the window closes). */
    public void dispose() {
        if (timer != null) {
            timer.stop();
        }
        for (Runnable r : onDispose) {
            r.run();
        }
        settings.flush();
    }

    /** A scene for this window, with the stylesheet. */
    public Scene scene(double w, double h) {
        Scene scene = new Scene(root, w, h);
        scene.getStylesheets().add(stylesheet());
        // The scene sized the root before it had the stylesheet: measure the controls again.
        placeControls();
        return scene;
    }

    // ------------------------------------------------------------------ cells

    /**
     * Gives {@code box} cells made by {@code cell}, for its open list and its button, and new ones
     * after every language change: a cell words its item when it is updated, and the list's cells
     * (not only the button's) must be re-worded, or the open list mixes the old language into the new.
     */
    private <T> void labelled(ComboBox<T> box, java.util.function.Supplier<ListCell<T>> cell) {
        Runnable make = () -> {
            box.setCellFactory(l -> cell.get());
            box.setButtonCell(cell.get());
        };
        make.run();
        onLang(make);
    }

    private final class ScenarioCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                // The box's own cell shows the prompt (a file's or a lesson's scenario, with its
                // title): a button cell with a cell of its own does not show it by itself.
                setText(this == scenarioBox.getButtonCell() ? scenarioBox.getPromptText() : null);
                return;
            }
            try {
                setText(item + " — " + ScenarioLoader.builtin(item).title(vm.langProperty().get()));
            } catch (tcplab.i18n.ProblemException e) {
                setText(item);
            }
        }
    }

    private final class SpeedCell extends ListCell<Double> {
        @Override
        protected void updateItem(Double item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : t().get("ctl.speedValue", fmt(item)));
        }
    }

    private final class ProfileCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.isEmpty() ? t().get("ctl.profileScenario") : item);
        }
    }

    private final class ThemeCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : t().get("theme." + item));
        }
    }

    private final class KindCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : t().get("events.kind." + item));
        }
    }
}
