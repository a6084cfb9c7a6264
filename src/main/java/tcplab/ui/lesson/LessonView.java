package tcplab.ui.lesson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import tcplab.i18n.Lang;
import tcplab.lesson.Lesson;
import tcplab.lesson.LessonLoader;
import tcplab.lesson.LessonRun;
import tcplab.lesson.LessonViewModel;
import tcplab.quiz.ResultsStore;
import tcplab.ui.MainWindow;
import tcplab.ui.common.Palette;
import tcplab.ui.common.Png;
import tcplab.ui.netstat.NetstatViewModel;
import tcplab.ui.run.LadderView;
import tcplab.ui.run.RunViewModel;
import tcplab.ui.run.StateDiagramView;

/**
 * The lessons tab: the lessons of {@code lessons/} with their progress; for the open lesson, a
 * {@link LessonViewModel} shown here (narration or setup, question, choices and feedback, beside
 * the netstat table of the frame shown; each step a recorded frame, shown exactly through
 * {@link RunViewModel#show}) and in the {@link PresenterView}. While a lesson is open here, →
 * and PageDown move the lesson on and ← and PageUp back (not the simulation).
 *
 * <p>The teacher's notes are behind a toggle that starts off; they are never in the presenter
 * view. Presenting on a second display, this window is the teacher's and shows them; on a single
 * display the window itself becomes the presenter view and the toggle is turned off.
 */
public final class LessonView extends BorderPane {
    private final RunViewModel vm;
    private final MainWindow window;
    private final StateDiagramView diagram;
    private final NetstatViewModel netstat;
    private final ResultsStore store;
    private final ListView<String> list = new ListView<>();
    private final List<LessonLoader.Loaded> lessons = new ArrayList<>();
    private final int[] progress;
    private final Label narration = new Label();
    private final Label setup = new Label();
    private final Label notes = new Label();
    private final Label position = new Label();
    private final Label question = new Label();
    private final Label feedback = new Label();
    private final Label status = new Label();
    private final Label tableTitle = new Label();
    private final FlowPane choices = new FlowPane(6, 6);
    private final Button back = new Button();
    private final Button next = new Button();
    private final Button presenterButton = new Button();
    private final Button copy = new Button();
    private final ToggleButton notesToggle = new ToggleButton();
    private final TextField learner = new TextField();
    private final Label learnerLabel = new Label();
    private final Runnable onChange = this::show;
    private LessonViewModel lesson;
    private boolean refreshing;
    private int opened = -1;
    private Palette palette = Palette.standard();
    /** The presenter on screen (one at most), its own window when on a second display, else null. */
    private PresenterView presenter;
    private Stage presenterStage;
    private static Path slidesDir;

    public LessonView(MainWindow window, StateDiagramView diagram, NetstatViewModel netstat, Path dir) {
        this(window, diagram, netstat, dir, new ResultsStore(ResultsStore.defaultFile()));
    }

    public LessonView(MainWindow window, StateDiagramView diagram, NetstatViewModel netstat, Path dir, ResultsStore store) {
        this.window = window;
        this.vm = window.viewModel();
        this.diagram = diagram;
        this.netstat = netstat;
        this.store = store;
        setId("lessonPane");
        try {
            if (java.nio.file.Files.isDirectory(dir)) {
                lessons.addAll(LessonLoader.loadDir(dir)); // each is run when opened (open())
            }
        } catch (java.io.IOException e) {
            vm.reportError(e.getMessage());
        }
        progress = new int[lessons.size()];
        list.setId("lessonList");
        list.setPrefWidth(200);
        refreshList();
        list.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (!refreshing && i.intValue() != opened) {
                open(i.intValue());
            }
        });
        narration.setId("lessonNarration");
        narration.setWrapText(true);
        narration.setStyle("-fx-font-size: 1.2em;");
        setup.setId("lessonSetup");
        setup.setWrapText(true);
        setup.setStyle("-fx-font-size: 1.1em;");
        notes.setId("lessonNotes");
        notes.setWrapText(true);
        notes.setStyle("-fx-font-style: italic; -fx-opacity: 0.75;");
        question.setId("lessonQuestion");
        question.setWrapText(true);
        question.setStyle("-fx-font-weight: bold; -fx-font-size: 1.1em;");
        feedback.setId("lessonFeedback");
        feedback.setWrapText(true);
        status.setId("lessonStatus");
        status.setWrapText(true);
        for (Label l : List.of(narration, setup, notes, question, feedback, status)) {
            l.managedProperty().bind(l.visibleProperty());
        }
        choices.setId("lessonChoices");
        back.setId("lessonBack");
        next.setId("lessonNext");
        back.setOnAction(e -> {
            if (lesson != null) {
                lesson.back();
            }
        });
        next.setOnAction(e -> {
            if (lesson != null) {
                lesson.next();
            }
        });
        presenterButton.setId("lessonPresenter");
        presenterButton.setOnAction(e -> openPresenter());
        copy.setId("lessonCopy");
        copy.setOnAction(e -> copyPicture());
        notesToggle.setId("lessonNotesToggle");
        notesToggle.selectedProperty().addListener((o, a, b) -> show());
        learner.setId("lessonLearner");
        learner.setPrefColumnCount(8);
        FlowPane buttons = new FlowPane(8, 6, back, next, position, presenterButton, copy, notesToggle, learnerLabel, learner);
        pastedLines.setId("lessonPasted");
        pastedLines.setPrefHeight(170);
        pastedLines.setStyle("-fx-font-family: 'Noto Sans Mono CJK SC', 'DejaVu Sans Mono', 'Consolas', monospace;");
        pastedLines.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> explainPasted(i.intValue()));
        pastedExplanation.setId("lessonPastedExplanation");
        pastedExplanation.setWrapText(true);
        tableTitle.setId("lessonTableTitle");
        tableTitle.setStyle("-fx-font-weight: bold;");
        pastedBox.getChildren().addAll(tableTitle, pastedWarnings, pastedLines, pastedExplanation);
        pastedWarnings.setWrapText(true);
        pastedWarnings.setStyle("-fx-font-weight: bold;");
        pastedBox.setVisible(false);
        pastedBox.managedProperty().bind(pastedBox.visibleProperty());
        // The table takes what the text leaves: its State column must be in view at 1024 wide.
        pastedBox.setPrefWidth(520);
        pastedBox.setMinWidth(300);
        HBox.setHgrow(pastedBox, Priority.ALWAYS);
        pastedLines.setStyle(pastedLines.getStyle() + " -fx-font-size: 0.9em;");
        VBox text = new VBox(8, setup, question, choices, feedback, narration, notes, status);
        text.setPrefWidth(330);
        text.setMinWidth(240);
        HBox.setHgrow(text, Priority.SOMETIMES);
        // The table the step refers to beside the text: a question about a line has it in view.
        HBox body = new HBox(12, text, pastedBox);
        VBox center = new VBox(8, buttons, body);
        center.setPadding(new Insets(8));
        setLeft(list);
        setCenter(new javafx.scene.control.ScrollPane(center) {{ setFitToWidth(true); }});
        vm.langProperty().addListener((o, a, l) -> {
            refreshList();
            if (lesson != null) {
                lesson.setLang(l);
            } else {
                show();
            }
        });
        tcplab.ui.common.ClassroomSettings.follow(window.classroom().paletteProperty(), p -> {
            palette = p;
            if (presenter != null) {
                presenter.setPalette(p);
            }
        });
        window.onKeyFirst(this::key);
        show();
    }

    private Lang lang() {
        return vm.langProperty().get();
    }

    /** A text of the window's bundle in the current language. */
    private String tx(String key, Object... args) {
        return tcplab.i18n.Texts.of(LadderView.BUNDLE, lang()).get(key, args);
    }

    /** The window's keys while a lesson is open in this tab: the lesson's, not the simulation's. */
    private boolean key(KeyEvent e) {
        if (lesson == null || getScene() == null || !isVisible() || window.bottomTabs().getSelectionModel().getSelectedItem() == null
                || window.bottomTabs().getSelectionModel().getSelectedItem().getContent() != this
                || e.isShortcutDown() || e.isAltDown()) {
            return false;
        }
        KeyCode k = e.getCode();
        if (k == KeyCode.RIGHT || k == KeyCode.PAGE_DOWN) {
            lesson.next();
        } else if (k == KeyCode.LEFT || k == KeyCode.PAGE_UP) {
            lesson.back();
        } else if (k == KeyCode.C) {
            copyPicture();
        } else {
            return false;
        }
        return true;
    }

    private void refreshList() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < lessons.size(); i++) {
            LessonLoader.Loaded l = lessons.get(i);
            if (l.lesson() == null || !l.ok()) {
                items.add("⚠ " + l.path().getFileName());
            } else {
                items.add(l.lesson().title(lang()) + "  (" + progress[i] + "/" + l.lesson().steps().size() + ")");
            }
        }
        refreshing = true;
        try {
            if (list.getItems().size() != items.size()) {
                list.getItems().setAll(items);
            } else {
                for (int i = 0; i < items.size(); i++) {
                    if (!items.get(i).equals(list.getItems().get(i))) {
                        list.getItems().set(i, items.get(i));
                    }
                }
            }
        } finally {
            refreshing = false;
        }
    }

    /** Opens lesson {@code i} of the list at its first step (used by the tests too). */
    void open(int i) {
        open(i, 0);
    }

    /** Opens the lesson with this id at {@code step} (0-based); false when there is no such lesson. */
    public boolean open(String id, int step) {
        for (int i = 0; i < lessons.size(); i++) {
            if (lessons.get(i).lesson() != null && lessons.get(i).lesson().id().equals(id)) {
                open(i, step);
                return lesson != null;
            }
        }
        return false;
    }

    private void open(int i, int step) {
        if (i < 0 || i >= lessons.size()) {
            return;
        }
        closePresenter();
        if (lesson != null) {
            lesson.removeListener(onChange);
        }
        lesson = null;
        LessonLoader.Loaded l = lessons.get(i);
        LessonRun run = null;
        String problem = null;
        if (!l.ok()) {
            problem = String.join("\n", l.problems().stream().map(p -> p.format(lang())).toList());
        } else {
            try {
                run = LessonRun.of(l.lesson());
            } catch (tcplab.i18n.ProblemException e) {
                problem = e.format(lang());
            }
        }
        if (run == null) {
            opened = -1;
            show();
            narration.setText(problem);
            narration.setVisible(true);
            return;
        }
        opened = i;
        if (list.getSelectionModel().getSelectedIndex() != i) {
            list.getSelectionModel().select(i);
        }
        lesson = new LessonViewModel(run, lang());
        lesson.setRecorder(this::record);
        lesson.addListener(onChange);
        lesson.goTo(step);
    }

    /** The view model of the open lesson, or null. */
    public LessonViewModel lesson() {
        return lesson;
    }

    int index() {
        return lesson == null ? -1 : lesson.index();
    }

    /** A checkpoint answer saved under the learner's name (nothing without a name). */
    private void record(LessonViewModel.Answered a) {
        String name = learner.getText() == null ? "" : learner.getText().trim();
        if (name.isEmpty()) {
            return;
        }
        try {
            ResultsStore.Loaded l = store.append(List.of(a.toAttempt(name, java.time.Instant.now().toString())));
            if (l.setAside() != null) {
                vm.reportError(tx("lesson.resultsSetAside", l.setAside()));
            }
        } catch (java.io.IOException e) {
            vm.reportError(tx("lesson.resultsFailed", store.file(), ResultsStore.message(e, lang())));
        }
    }

    private void show() {
        back.setText(tx("lesson.back"));
        next.setText(tx("lesson.next"));
        presenterButton.setText(tx("lesson.presenter"));
        copy.setText(tx("lesson.copy"));
        notesToggle.setText(tx("lesson.notesToggle"));
        learnerLabel.setText(tx("lesson.learner"));
        choices.getChildren().clear();
        if (lesson == null) {
            position.setText("");
            setText(setup, "");
            setText(question, "");
            setText(feedback, "");
            setText(notes, "");
            setText(narration, tx("lesson.pick"));
            back.setDisable(true);
            next.setDisable(true);
            presenterButton.setDisable(true);
            copy.setDisable(true);
            pastedBox.setVisible(false);
            return;
        }
        int k = lesson.index();
        if (opened >= 0 && progress[opened] < k + 1) {
            progress[opened] = k + 1;
            refreshList();
        }
        position.setText(tx("lesson.position", k + 1, lesson.size()));
        back.setDisable(!lesson.canBack());
        next.setDisable(!lesson.canNext());
        if (lesson.nextReveals()) {
            // A clicker has only "next": at an open question it shows the answer.
            next.setText(tcplab.i18n.Texts.of(tcplab.lesson.LessonLoader.BUNDLE, lang()).get("view.showAnswer"));
        }
        presenterButton.setDisable(false);
        copy.setDisable(false);
        LessonViewModel.Phase phase = lesson.phase();
        boolean asking = phase != LessonViewModel.Phase.NARRATION;
        setText(setup, lesson.setup());
        setText(question, asking ? tx("lesson.predict", lesson.question()) : "");
        List<String> labels = lesson.choiceLabels();
        for (int i = 0; i < labels.size(); i++) {
            int c = i;
            Button b = new Button(labels.get(i));
            b.setMnemonicParsing(false); // SYN_SENT, not a mnemonic
            b.setWrapText(true);
            b.setOnAction(e -> lesson.answer(c));
            if (phase == LessonViewModel.Phase.ANSWERED) {
                b.setDisable(true);
                if (i == lesson.rightIndex()) {
                    b.setStyle("-fx-opacity: 1; -fx-background-color: #1b7f2a; -fx-text-fill: white;");
                } else if (i == lesson.chosenIndex()) {
                    b.setStyle("-fx-opacity: 1; -fx-background-color: #b3261e; -fx-text-fill: white;");
                }
            }
            choices.getChildren().add(b);
        }
        setText(feedback, lesson.feedback());
        feedback.setStyle("-fx-font-weight: bold; -fx-font-size: 1.1em; -fx-text-fill: "
                + (lesson.correct() == null ? "-tcplab-fg;" : lesson.correct() ? "#1b7f2a;" : "#b3261e;"));
        setText(narration, lesson.narration());
        boolean showNotes = presenterStage != null || notesToggle.isSelected();
        setText(notes, showNotes && !lesson.notes().isEmpty() ? tx("lesson.notes", lesson.notes()) : "");
        apply(lesson.frame(), lesson.highlighted());
    }

    private static void setText(Label l, String text) {
        l.setText(text);
        l.setVisible(text != null && !text.isEmpty());
    }

    // A table the lesson pastes (its own text, not a simulated host's), read by the same parser
    // and explainer as everything else; the step's highlighted line is selected.
    private final javafx.scene.control.ListView<String> pastedLines = new javafx.scene.control.ListView<>();
    private final Label pastedExplanation = new Label();
    private final Label pastedWarnings = new Label();
    private final VBox pastedBox = new VBox(6);
    /** The pasted table read and explained as a whole: a line is explained in its table, as in the explain tab. */
    private tcplab.netstat.ExplainedTable pastedTable;

    private void showPasted(String paste, int line) {
        if (paste == null) {
            pastedBox.setVisible(false);
            pastedTable = null;
            return;
        }
        java.util.List<String> lines = java.util.Arrays.asList(paste.split("\\R", -1));
        pastedTable = tcplab.netstat.ExplainedTable.of(paste, lang());
        StringBuilder w = new StringBuilder();
        for (tcplab.netstat.ExplainedTable.TitledWarning tw : pastedTable.warnings()) {
            // A note (INFO) is no alarm: no warning sign before it.
            w.append(w.length() == 0 ? "" : "\n").append(tw.warning().severity() == tcplab.netstat.Warning.Severity.INFO ? "" : "⚠ ")
                    .append(tw.title()).append(": ").append(tw.warning().evidence());
        }
        pastedWarnings.setText(w.toString());
        pastedWarnings.setVisible(w.length() > 0);
        pastedWarnings.setManaged(w.length() > 0);
        pastedLines.getItems().setAll(lines);
        pastedBox.setVisible(true);
        if (line > 0 && line <= lines.size()) {
            pastedLines.getSelectionModel().select(line - 1);
            pastedLines.scrollTo(Math.max(0, line - 3));
        } else {
            pastedLines.getSelectionModel().clearSelection();
            pastedExplanation.setText(tx("lesson.clickLine"));
        }
    }

    private void explainPasted(int i) {
        tcplab.netstat.ExplainedTable.Row row = pastedTable == null ? null : pastedTable.row(i);
        if (row == null) {
            return;
        }
        if (lesson != null && lesson.phase() == LessonViewModel.Phase.QUESTION && i == lesson.markedLine() - 1) {
            // The meaning of the line asked about is its answer: it comes with the narration.
            pastedExplanation.setText(tx("lesson.explainAfter"));
            return;
        }
        pastedExplanation.setText(row.reason() != null ? row.reason() : row.explanation());
    }

    /** For tests: answers the current checkpoint with its first choice. */
    void answerFirstChoiceForTest() {
        if (lesson != null) {
            lesson.answer(0);
        }
    }

    /** Shows a frame exactly, and its highlights (none while a question is open: they point at the answer). */
    private void apply(LessonRun.Frame f, boolean hl) {
        vm.show(f.timeline(), f.simStep(), lesson.lesson().id());
        window.ladder().setSelected(hl ? f.segment() : null);
        diagram.setHighlightedState(hl ? f.state() : null);
        diagram.setHighlightedEdge(hl ? f.edgeFrom() : null, hl ? f.edgeTo() : null);
        if (f.host() != null) {
            netstat.selectHost(f.host());
        }
        if (f.dialect() != null) {
            netstat.selectDialect(f.dialect());
        } else {
            netstat.useNativeDialect();
        }
        int mark = lesson.markedLine();
        if (mark > 0 && f.paste() == null) {
            netstat.selectLine(mark - 1);
        }
        // The table of the frame shown, beside the text: the host's netstat or the lesson's paste.
        tableTitle.setText(f.paste() != null ? tx("lesson.tablePasted")
                : tx("lesson.tableHost", f.host(), f.dialect() == null ? tx("lesson.tableNative") : f.dialect().cliName()));
        showPasted(f.table().isEmpty() ? null : f.table(), mark);
    }

    // ------------------------------------------------------------------ presenter

    /** The presenter view, if one is showing (for tests). */
    PresenterView presenter() {
        return presenter;
    }

    /**
     * Opens the presenter view of the open lesson: full screen on a second display when there is
     * one (this window stays the teacher's, with the notes), else in this window. Never two.
     */
    void openPresenter() {
        if (lesson == null) {
            return;
        }
        if (presenter != null) {
            if (presenterStage != null) {
                presenterStage.toFront();
            }
            presenter.requestFocus();
            return;
        }
        presenter = new PresenterView(lesson);
        presenter.setPalette(palette);
        presenter.setOnCopy(this::copyPicture);
        Screen other = secondScreen();
        if (other != null) {
            Stage s = new Stage();
            Scene scene = new Scene(presenter);
            scene.getStylesheets().add(MainWindow.stylesheet());
            s.setScene(scene);
            s.setTitle(lesson.lesson().title(lang()));
            Rectangle2D b = other.getBounds();
            s.setX(b.getMinX());
            s.setY(b.getMinY());
            s.setWidth(b.getWidth());
            s.setHeight(b.getHeight());
            s.setFullScreenExitHint("");
            s.setFullScreen(true);
            s.setOnHidden(e -> closePresenter());
            presenterStage = s;
            presenter.setOnLeave(s::close);
            s.show();
        } else {
            notesToggle.setSelected(false); // the class sees this window: its notes stay hidden
            presenter.setOnLeave(this::closePresenter);
            window.present(presenter);
        }
        presenter.requestFocus();
        show();
    }

    /** Leaves the presenter view (Esc): its window closes, or this window comes back. */
    void closePresenter() {
        if (presenter == null) {
            return;
        }
        PresenterView p = presenter;
        Stage s = presenterStage;
        presenter = null;
        presenterStage = null;
        p.dispose();
        if (s != null) {
            s.setOnHidden(null);
            s.close();
        } else {
            window.present(null);
        }
        if (lesson != null) {
            show();
        }
    }

    /** A display other than the one this window is on, or null when there is only one. */
    private Screen secondScreen() {
        List<Screen> screens = Screen.getScreens();
        if (screens.size() < 2) {
            return null;
        }
        Stage own = window.stage();
        for (Screen s : screens) {
            if (own == null || !s.getBounds().contains(own.getX() + own.getWidth() / 2, own.getY() + own.getHeight() / 2)) {
                return s;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ a picture of the step

    /** Where copied pictures are saved: {@code $TCPLAB_HOME/slides} or {@code ~/.tcplab/slides}. */
    static Path slidesDir() {
        return slidesDir != null ? slidesDir : ResultsStore.defaultFile().getParent().resolve("slides");
    }

    /** For tests: save pictures here instead. */
    static void setSlidesDir(Path dir) {
        slidesDir = dir;
    }

    /**
     * The current step as the class sees it in the presenter view (1024×768), to the clipboard
     * and to a PNG file, for a teacher's slides.
     */
    Path copyPicture() {
        if (lesson == null) {
            return null;
        }
        WritableImage img = PresenterView.picture(lesson, 1024, 768, palette);
        ClipboardContent content = new ClipboardContent();
        content.putImage(img);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        String phase = lesson.phase() == LessonViewModel.Phase.QUESTION ? "-question" : "";
        Path file = slidesDir().resolve(lesson.lesson().id() + "-step" + (lesson.index() + 1) + phase + "-"
                + lang().name().toLowerCase(java.util.Locale.ROOT) + ".png");
        try {
            Png.write(img, file);
            setText(status, tx("lesson.copied", lesson.index() + 1, file));
            return file;
        } catch (java.io.IOException e) {
            setText(status, tx("lesson.copiedNoFile", lesson.index() + 1, file, e.getMessage()));
            return null;
        }
    }
}
