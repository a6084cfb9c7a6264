package tcplab.ui.lesson;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import tcplab.i18n.Lang;
import tcplab.lesson.LessonRun;
import tcplab.lesson.LessonViewModel;
import tcplab.ui.MainWindow;
import tcplab.ui.common.Fonts;
import tcplab.ui.common.Palette;
import tcplab.ui.run.LadderView;
import tcplab.ui.run.RunViewModel;
import tcplab.ui.run.StateDiagramView;

/**
 * The projected view of a lesson: what a class reads from the back of the room on a 1024×768
 * projector. The step number, the ladder and the state diagram at the step, the netstat lines the
 * step refers to, and the narration, or at a checkpoint the setup, the question and its choices
 * (then the feedback in the words chosen). Never the teacher's notes: nothing here reads them.
 *
 * <p>Clicker keys: PageDown, →, Space, Enter = next; PageUp, ← = back; B or . = black screen;
 * 1–4 answer; C copies the step as a picture; Esc leaves (what leaving means is the owner's
 * {@link #setOnLeave}). It binds to a {@link LessonViewModel} shared with the Lessons tab, and
 * draws the run with its own ladder and state diagram (a node lives in one scene only, and the
 * presenter may be on a second display).
 */
public final class PresenterView extends StackPane {
    /** What the projected text is set in: big enough for the back row of a classroom. */
    static final double TEXT = 24;
    static final double QUESTION = 28;
    private static final double TABLE = 17;

    private final LessonViewModel lesson;
    private final RunViewModel run = new RunViewModel();
    private final LadderView ladder = new LadderView();
    private final StateDiagramView diagram = new StateDiagramView();
    private final Label title = new Label();
    private final Label position = new Label();
    private final Label narration = new Label();
    private final Label setup = new Label();
    private final Label question = new Label();
    private final FlowPane choices = new FlowPane(12, 8);
    private final Label feedback = new Label();
    private final VBox lines = new VBox(2);
    private final Region black = new Region();
    private final Runnable listener = this::refresh;
    private Runnable onLeave = () -> { };
    private Runnable onCopy = () -> { };

    PresenterView(LessonViewModel lesson) {
        this.lesson = lesson;
        setId("presenter");
        getStyleClass().add("presenter");
        run.langProperty().set(lesson.lang());
        diagram.setAnimated(false);
        diagram.setId("presenterDiagram");
        ladder.setId("presenterLadder");
        ladder.setMinSize(200, 150);
        diagram.setMinSize(200, 150);
        run.timelineProperty().addListener((o, a, tl) -> ladder.setTimeline(tl));
        run.connectionProperty().addListener((o, a, c) -> ladder.setConnection(c));

        title.setId("presenterTitle");
        title.setFont(Fonts.of(FontWeight.BOLD, 22));
        position.setId("presenterPosition");
        position.setFont(Fonts.of(FontWeight.BOLD, 30));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(12, title, gap, position);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6, 16, 6, 16));

        // The ladder gets a little more than half: its host columns need the width more than the
        // diagram, which scales down to fit.
        javafx.scene.layout.GridPane pictures = new javafx.scene.layout.GridPane();
        pictures.setHgap(8);
        javafx.scene.layout.ColumnConstraints left = new javafx.scene.layout.ColumnConstraints();
        left.setPercentWidth(57);
        javafx.scene.layout.ColumnConstraints right = new javafx.scene.layout.ColumnConstraints();
        right.setPercentWidth(43);
        pictures.getColumnConstraints().addAll(left, right);
        javafx.scene.layout.RowConstraints row = new javafx.scene.layout.RowConstraints();
        row.setVgrow(Priority.ALWAYS);
        pictures.getRowConstraints().add(row);
        pictures.add(ladder, 0, 0);
        pictures.add(diagram, 1, 0);
        ladder.setPrefSize(100, 100);
        diagram.setPrefSize(100, 100);
        pictures.setPadding(new Insets(0, 8, 0, 8));

        narration.setId("presenterNarration");
        setup.setId("presenterSetup");
        question.setId("presenterQuestion");
        feedback.setId("presenterFeedback");
        choices.setId("presenterChoices");
        lines.setId("presenterLines");
        for (Label l : List.of(narration, setup, question, feedback)) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE); // the text is never cut to "..."
            l.managedProperty().bind(l.visibleProperty());
        }
        lines.managedProperty().bind(lines.visibleProperty());
        choices.managedProperty().bind(choices.visibleProperty());
        VBox text = new VBox(8, lines, setup, question, choices, feedback, narration);
        text.setPadding(new Insets(8, 20, 12, 20));

        BorderPane page = new BorderPane(pictures, top, null, text, null);
        page.getStyleClass().add("presenter-page");
        black.setId("presenterBlack");
        black.setStyle("-fx-background-color: black;");
        black.setVisible(false);
        getChildren().addAll(page, black);
        getStyleClass().add("tcplab-root");
        setPalette(Palette.standard());
        setFocusTraversable(true);
        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        lesson.addListener(listener);
        refresh();
    }

    /** Stops following the lesson (the view is thrown away). */
    void dispose() {
        lesson.removeListener(listener);
    }

    /** What Esc does: back to the teacher's window, or the presenter window closed. */
    void setOnLeave(Runnable r) {
        onLeave = r == null ? () -> { } : r;
    }

    /** What C does: copy the step as a picture (the lesson pane knows where to put it). */
    void setOnCopy(Runnable r) {
        onCopy = r == null ? () -> { } : r;
    }

    void setPalette(Palette p) {
        ladder.setPalette(p);
        diagram.setPalette(p);
        setStyle(p.cssVariables());
        getStyleClass().removeAll("theme-standard", "theme-high-contrast", "theme-color-blind");
        getStyleClass().add("theme-" + p.name());
    }

    boolean blackedOut() {
        return black.isVisible();
    }

    /** The clicker's keys; consumed, so nothing behind the presenter sees them. */
    private void key(KeyEvent e) {
        KeyCode k = e.getCode();
        if (black.isVisible() && k != KeyCode.ESCAPE) {
            // Any key brings the picture back (as B on a slide projector), without moving on.
            black.setVisible(false);
            e.consume();
            return;
        }
        switch (k) {
            case PAGE_DOWN, RIGHT, SPACE, ENTER, DOWN -> lesson.next();
            case PAGE_UP, LEFT, UP -> lesson.back();
            case B, PERIOD -> black.setVisible(true);
            case ESCAPE -> {
                if (black.isVisible()) {
                    black.setVisible(false);
                } else {
                    onLeave.run();
                }
            }
            case C -> onCopy.run();
            case DIGIT1, DIGIT2, DIGIT3, DIGIT4, DIGIT5, NUMPAD1, NUMPAD2, NUMPAD3, NUMPAD4, NUMPAD5 ->
                    lesson.answer(Integer.parseInt(k.getName().replaceAll("\\D", "")) - 1);
            default -> {
                return;
            }
        }
        e.consume();
    }

    private String tx(String key, Object... args) {
        return tcplab.i18n.Texts.of(LadderView.BUNDLE, lesson.lang()).get(key, args);
    }

    private void refresh() {
        Lang lang = lesson.lang();
        run.langProperty().set(lang);
        ladder.setLang(lang);
        diagram.setLang(lang);
        title.setText(lesson.lesson().title(lang));
        position.setText(lesson.position());
        LessonRun.Frame f = lesson.frame();
        run.show(f.timeline(), f.simStep(), lesson.lesson().id());
        ladder.setPosition(run.timeUs(), run.step());
        boolean hl = lesson.highlighted();
        ladder.setSelected(hl ? f.segment() : null);
        RunViewModel.Connection c = run.connectionProperty().get();
        diagram.setSides(c == null || c.a() == null ? "" : c.a().host() + " " + c.a().local(),
                c == null || c.b() == null ? "" : c.b().host() + " " + c.b().local());
        diagram.show(run.stateAProperty().get(), run.stateBProperty().get());
        diagram.setHighlightedState(hl ? f.state() : null);
        diagram.setHighlightedEdge(hl ? f.edgeFrom() : null, hl ? f.edgeTo() : null);

        LessonViewModel.Phase phase = lesson.phase();
        boolean asking = phase != LessonViewModel.Phase.NARRATION;
        setText(setup, asking ? lesson.setup() : "", TEXT, FontWeight.NORMAL);
        setText(question, asking ? tx("lesson.predict", lesson.question()) : "", QUESTION, FontWeight.BOLD);
        setText(narration, lesson.narration(), TEXT, FontWeight.NORMAL);
        setText(feedback, lesson.feedback(), TEXT, FontWeight.BOLD);
        feedback.setStyle(lesson.correct() == null ? "" : lesson.correct() ? "-fx-text-fill: #1b7f2a;" : "-fx-text-fill: #b3261e;");
        choices.getChildren().clear();
        choices.setVisible(asking);
        List<String> labels = lesson.choiceLabels();
        for (int i = 0; i < labels.size(); i++) {
            choices.getChildren().add(choice(i, labels.get(i), phase));
        }
        lines.getChildren().clear();
        List<LessonViewModel.TableLine> refs = lesson.referencedLines();
        for (LessonViewModel.TableLine l : refs) {
            Label t = new Label(String.format(java.util.Locale.ROOT, "%2d  %s", l.number(), l.text().stripTrailing()));
            t.setStyle("-fx-font-size: " + TABLE + "px; -fx-font-family: 'Noto Sans Mono CJK SC', 'DejaVu Sans Mono', 'Consolas', monospace;"
                    + (l.marked() ? "-fx-background-color: derive(-tcplab-accent, 60%); -fx-font-weight: bold;" : "-fx-opacity: 0.8;"));
            t.setMinWidth(Region.USE_PREF_SIZE);
            lines.getChildren().add(t);
        }
        lines.setVisible(!refs.isEmpty());
    }

    private Node choice(int i, String label, LessonViewModel.Phase phase) {
        Button b = new Button((i + 1) + "  " + label);
        b.setMnemonicParsing(false);
        b.setWrapText(true);
        b.setFont(Fonts.forText(label, FontWeight.NORMAL, TEXT));
        b.setFocusTraversable(false); // Space and Enter belong to the clicker, not to a button
        b.setOnAction(e -> lesson.answer(i));
        b.getStyleClass().add("presenter-choice");
        if (phase == LessonViewModel.Phase.ANSWERED) {
            b.setDisable(true);
            boolean right = i == lesson.rightIndex();
            boolean mine = i == lesson.chosenIndex();
            if (right) {
                b.setStyle("-fx-opacity: 1; -fx-background-color: #1b7f2a; -fx-text-fill: white;");
            } else if (mine) {
                b.setStyle("-fx-opacity: 1; -fx-background-color: #b3261e; -fx-text-fill: white;");
            }
        }
        return b;
    }

    private static void setText(Label l, String text, double size, FontWeight weight) {
        l.setText(text);
        l.setFont(Fonts.forText(text, weight, size));
        l.setVisible(!text.isEmpty());
    }

    /**
     * The current step as a picture of {@code w}×{@code h}, drawn by a presenter of its own (the
     * one on screen may be blacked out or another size): for a teacher's slides.
     */
    public static WritableImage picture(LessonViewModel lesson, double w, double h, Palette palette) {
        PresenterView v = new PresenterView(lesson);
        try {
            if (palette != null) {
                v.setPalette(palette);
            }
            Scene scene = new Scene(v, w, h);
            scene.getStylesheets().add(MainWindow.stylesheet());
            v.applyCss();
            v.layout();
            v.ladder.setPosition(v.run.timeUs(), v.run.step()); // scrolls once the ladder has its size
            v.layout();
            return scene.snapshot(null);
        } finally {
            v.dispose();
        }
    }

    /** For tests: every text shown, in the scene graph's order. */
    List<String> texts() {
        List<String> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(Node n, List<String> out) {
        if (n instanceof javafx.scene.control.Labeled l && l.getText() != null) {
            out.add(l.getText());
        }
        if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }
}
