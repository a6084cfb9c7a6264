package tcplab.ui.lesson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import tcplab.i18n.Lang;
import tcplab.lesson.Lesson;
import tcplab.lesson.LessonLoader;
import tcplab.lesson.LessonRun;
import tcplab.ui.MainWindow;
import tcplab.ui.common.Fonts;
import tcplab.ui.netstat.NetstatPaneModel;
import tcplab.ui.run.LadderView;
import tcplab.ui.run.RunViewModel;
import tcplab.ui.run.StateDiagramView;

/**
 * The lessons tab: the lessons of {@code lessons/} with their progress, the narration, Back/Next
 * (each step is a recorded frame, shown exactly through {@link RunViewModel#show}), the step's
 * highlights on the ladder, the state diagram and the netstat pane, the checkpoint with feedback,
 * and a presenter window with big narration and no teacher's notes.
 */
public final class LessonPane extends BorderPane {
    private final RunViewModel vm;
    private final MainWindow window;
    private final StateDiagramView diagram;
    private final NetstatPaneModel netstat;
    private final ListView<String> list = new ListView<>();
    private final List<LessonLoader.Loaded> lessons = new ArrayList<>();
    private final int[] progress;
    private final Label narration = new Label();
    private final Label notes = new Label();
    private final Label position = new Label();
    private final Label question = new Label();
    private final Label feedback = new Label();
    private final FlowPane choices = new FlowPane(6, 6);
    private final Button back = new Button();
    private final Button next = new Button();
    private final Button presenter = new Button();
    private final Label bigNarration = new Label();
    private LessonRun run;
    private int index = -1;
    private boolean answered;
    private boolean refreshing;
    private int opened = -1;

    public LessonPane(MainWindow window, StateDiagramView diagram, NetstatPaneModel netstat, Path dir) {
        this.window = window;
        this.vm = window.viewModel();
        this.diagram = diagram;
        this.netstat = netstat;
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
        list.setPrefWidth(260);
        refreshList();
        list.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (!refreshing && i.intValue() != opened) {
                open(i.intValue());
            }
        });
        narration.setId("lessonNarration");
        narration.setWrapText(true);
        narration.setStyle("-fx-font-size: 1.2em;");
        notes.setWrapText(true);
        notes.setStyle("-fx-font-style: italic; -fx-opacity: 0.75;");
        question.setWrapText(true);
        question.setStyle("-fx-font-weight: bold;");
        back.setId("lessonBack");
        next.setId("lessonNext");
        back.setOnAction(e -> go(index - 1));
        next.setOnAction(e -> go(index + 1));
        presenter.setId("lessonPresenter");
        presenter.setOnAction(e -> openPresenter());
        HBox buttons = new HBox(8, back, next, position, presenter);
        pastedLines.setId("lessonPasted");
        pastedLines.setPrefHeight(170);
        pastedLines.setStyle("-fx-font-family: 'Noto Sans Mono CJK SC', 'DejaVu Sans Mono', 'Consolas', monospace;");
        pastedLines.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> explainPasted(i.intValue()));
        pastedExplanation.setId("lessonPastedExplanation");
        pastedExplanation.setWrapText(true);
        pastedBox.getChildren().addAll(pastedWarnings, pastedLines, pastedExplanation);
        pastedWarnings.setWrapText(true);
        pastedWarnings.setStyle("-fx-font-weight: bold;");
        pastedBox.setVisible(false);
        pastedBox.managedProperty().bind(pastedBox.visibleProperty());
        VBox center = new VBox(8, buttons, narration, question, choices, feedback, pastedBox, notes);
        center.setPadding(new Insets(8));
        setLeft(list);
        setCenter(new javafx.scene.control.ScrollPane(center) {{ setFitToWidth(true); }});
        vm.langProperty().addListener((o, a, l) -> {
            refreshList();
            show();
        });
        show();
    }

    private Lang lang() {
        return vm.langProperty().get();
    }

    /** A text of the window's bundle in the current language. */
    private String tx(String key, Object... args) {
        return tcplab.i18n.Texts.of(LadderView.BUNDLE, lang()).get(key, args);
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
        if (i < 0 || i >= lessons.size()) {
            return;
        }
        LessonLoader.Loaded l = lessons.get(i);
        if (!l.ok()) {
            run = null;
            narration.setText(String.join("\n", l.problems().stream().map(p -> p.format(lang())).toList()));
            return;
        }
        try {
            run = LessonRun.of(l.lesson());
        } catch (tcplab.i18n.ProblemException e) {
            run = null;
            narration.setText(e.format(lang()));
            return;
        }
        opened = i;
        if (list.getSelectionModel().getSelectedIndex() != i) {
            list.getSelectionModel().select(i);
        }
        index = -1;
        go(0);
    }

    /** Goes to step {@code k}: the frame before it while its checkpoint is open, else the step itself. */
    void go(int k) {
        if (run == null || k < 0 || k >= run.frames().size()) {
            return;
        }
        boolean forward = k > index;
        index = k;
        Lesson.Step st = run.lesson().steps().get(k);
        answered = !(forward && st.checkpoint() != null);
        int sel = opened;
        if (sel >= 0) {
            progress[sel] = Math.max(progress[sel], k + 1);
            refreshList();
        }
        show();
    }

    int index() {
        return index;
    }

    private void show() {
        back.setText(tx("lesson.back"));
        next.setText(tx("lesson.next"));
        presenter.setText(tx("lesson.presenter"));
        if (run == null) {
            position.setText("");
            if (narration.getText().isEmpty()) {
                narration.setText(tx("lesson.pick"));
            }
            back.setDisable(true);
            next.setDisable(true);
            return;
        }
        Lesson.Step st = run.lesson().steps().get(index);
        position.setText(tx("lesson.position", index + 1, run.frames().size()));
        back.setDisable(index == 0);
        next.setDisable(index + 1 >= run.frames().size() || !answered);
        choices.getChildren().clear();
        feedback.setText("");
        if (!answered) {
            // Predict first: the simulation stays where the step starts until an answer is given.
            apply(run.before(index), null);
            question.setText(tx("lesson.predict", st.checkpoint().question(lang())));
            for (Lesson.Choice c : st.checkpoint().choices()) {
                Button b = new Button(c.label(lang()));
                b.setMnemonicParsing(false); // SYN_SENT, not a mnemonic
                b.setOnAction(e -> answer(c.value()));
                choices.getChildren().add(b);
            }
            narration.setText("");
        } else {
            question.setText("");
            apply(run.frames().get(index), st);
            narration.setText(st.narration(lang()));
        }
        notes.setText(st.notes(lang()).isEmpty() ? "" : tx("lesson.notes", st.notes(lang())));
        bigNarration.setText(narration.getText().isEmpty() ? question.getText() : narration.getText());
    }

    // A table the lesson pastes (its own text, not a simulated host's), read by the same parser
    // and explainer as everything else; the step's highlighted line is selected.
    private final javafx.scene.control.ListView<String> pastedLines = new javafx.scene.control.ListView<>();
    private final Label pastedExplanation = new Label();
    private final Label pastedWarnings = new Label();
    private final VBox pastedBox = new VBox(6);
    private java.util.List<tcplab.netstat.ParsedLine> pastedParsed = java.util.List.of();

    private void showPasted(String paste, int line) {
        if (paste == null) {
            pastedBox.setVisible(false);
            pastedParsed = java.util.List.of();
            return;
        }
        java.util.List<String> lines = java.util.Arrays.asList(paste.split("\\R", -1));
        pastedParsed = tcplab.netstat.NetstatParser.parseAll(paste);
        tcplab.netstat.Explainer ex = new tcplab.netstat.Explainer(lang());
        for (tcplab.netstat.ParsedLine pl : pastedParsed) {
            ex.explain(pl);
        }
        StringBuilder w = new StringBuilder();
        for (tcplab.netstat.Warning warning : ex.summary().warnings()) {
            w.append(w.length() == 0 ? "" : "\n").append("⚠ ").append(warning.code()).append(": ").append(warning.evidence());
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
        if (i < 0 || i >= pastedParsed.size()) {
            return;
        }
        pastedExplanation.setText(new tcplab.netstat.Explainer(lang()).explain(pastedParsed.get(i)));
    }

    /** For tests: answers the current checkpoint with its first choice. */
    void answerFirstChoiceForTest() {
        if (run != null && !answered && run.lesson().steps().get(index).checkpoint() != null) {
            answer(run.lesson().steps().get(index).checkpoint().choices().get(0).value());
        }
    }

    private void answer(String value) {
        LessonRun.Frame f = run.frames().get(index);
        answered = true;
        show();
        feedback.setText(value.equals(f.answer()) ? tx("lesson.right", f.answer())
                : tx("lesson.wrong", value, f.answer()));
    }

    /** Shows a frame exactly, and its highlights (none for the frame a checkpoint waits on). */
    private void apply(LessonRun.Frame f, Lesson.Step st) {
        vm.show(f.timeline(), f.simStep(), run.lesson().id());
        boolean hl = st != null;
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
        if (hl && f.netstatLine() > 0 && f.paste() == null) {
            netstat.selectLine(f.netstatLine() - 1);
        }
        showPasted(f.paste(), hl ? f.netstatLine() : 0);
    }

    /** A second window for the projector: the narration in big type, never the teacher's notes. */
    private void openPresenter() {
        Stage s = new Stage();
        bigNarration.setWrapText(true);
        // The CJK-capable family: the default font draws Chinese as boxes on some platforms.
        bigNarration.setFont(Fonts.of(javafx.scene.text.FontWeight.NORMAL, 36));
        bigNarration.setId("presenterNarration");
        VBox box = new VBox(bigNarration);
        box.setPadding(new Insets(40));
        Scene scene = new Scene(box, 1200, 700);
        scene.getStylesheets().add(MainWindow.stylesheet());
        s.setScene(scene);
        s.setTitle(run == null ? "TCP State Lab" : run.lesson().title(lang()));
        s.show();
    }
}
