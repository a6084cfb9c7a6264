package tcplab.ui.quiz;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.quiz.Difficulty;
import tcplab.quiz.QuizGenerator;
import tcplab.quiz.QuizSession;
import tcplab.ui.common.Fonts;
import tcplab.ui.common.Palette;

/** The quiz tab: binds to a {@link QuizViewModel} and forwards clicks to its commands. */
public final class QuizView extends BorderPane {

    private final QuizViewModel vm;
    private final VBox optionBox = new VBox(6);
    private final Label prompt = new Label();
    private final Label heading = new Label();
    private final Label feedback = new Label();
    private final Label explanation = new Label();
    private final Label summary = new Label();
    private double zoom = 1;
    private ScrollPane scroll;
    private Palette palette = Palette.standard();

    public QuizView(QuizViewModel vm) {
        this.vm = vm;
        setId("quizPane");

        ChoiceBox<QuizSession.Mode> mode = new ChoiceBox<>();
        mode.setId("quiz-mode");
        mode.getItems().setAll(QuizSession.Mode.values());
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        mode.setConverter(converter(m -> text("ui.mode." + m.word())));
        ChoiceBox<String> topic = new ChoiceBox<>();
        topic.setId("quiz-topic");
        topic.getItems().setAll(QuizGenerator.TOPIC_GROUPS);
        topic.valueProperty().bindBidirectional(vm.topicProperty());
        topic.setConverter(converter(t -> QuizGenerator.topicLabel(vm.langProperty().get(), t)));
        ChoiceBox<Difficulty> level = new ChoiceBox<>();
        level.setId("quiz-difficulty");
        level.getItems().add(null);
        level.getItems().addAll(Difficulty.values());
        level.valueProperty().bindBidirectional(vm.difficultyProperty());
        level.setConverter(converter(d -> d == null ? text("ui.difficulty.mixed") : text("difficulty." + d.jsonName())));
        vm.langProperty().addListener((o, a, l) -> {
            // Re-render the choices in the new language.
            mode.setConverter(converter(m -> text("ui.mode." + m.word())));
            topic.setConverter(converter(t -> QuizGenerator.topicLabel(vm.langProperty().get(), t)));
            level.setConverter(converter(d -> d == null ? text("ui.difficulty.mixed") : text("difficulty." + d.jsonName())));
        });
        TextField count = intField("quiz-count", vm.countProperty().get(), v -> vm.countProperty().set(Math.max(1, v)));
        TextField limit = intField("quiz-timeLimit", vm.timeLimitSProperty().get(), v -> vm.timeLimitSProperty().set(Math.max(0, v)));
        vm.countProperty().addListener((o, a, v) -> count.setText(Integer.toString(v.intValue())));
        vm.timeLimitSProperty().addListener((o, a, v) -> limit.setText(Integer.toString(v.intValue())));
        TextField name = new TextField();
        name.setId("quiz-name");
        name.setPrefColumnCount(10);
        name.textProperty().bindBidirectional(vm.learnerProperty());
        Button start = button("quiz-start", "ui.start");
        start.setOnAction(e -> {
            commit(count, v -> vm.countProperty().set(Math.max(1, v)));
            commit(limit, v -> vm.timeLimitSProperty().set(Math.max(0, v)));
            vm.start();
        });
        Button stop = button("quiz-stop", "ui.stop");
        stop.disableProperty().bind(vm.runningProperty().not());
        stop.setOnAction(e -> vm.stop());
        Label clock = new Label();
        clock.setId("quiz-clock");
        clock.textProperty().bind(vm.clockProperty());
        // A teacher's own questions: a bank file (or a folder of them), mixed in or asked alone.
        Button bank = button("quiz-bank", "ui.loadBank");
        bank.setOnAction(e -> {
            javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
            fc.setTitle(text("ui.loadBankTitle"));
            fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter(text("ui.bankFiles"), "*.yaml", "*.yml"));
            java.io.File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                vm.loadBanksInBackground(f.toPath(), tcplab.ui.common.BackgroundLoad.LOADER, javafx.application.Platform::runLater);
            }
        });
        // Questions from a capture (the students' own tcpdump): opened here, or the one the run shows.
        Button fromCapture = button("quiz-capture", "ui.fromCapture");
        fromCapture.setOnAction(e -> {
            javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
            fc.setTitle(text("ui.fromCaptureTitle"));
            fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter(text("ui.captureFiles"), "*.pcap", "*.pcapng", "*.cap"));
            java.io.File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                vm.loadCaptureInBackground(f.toPath(), tcplab.ui.common.BackgroundLoad.LOADER, javafx.application.Platform::runLater);
            }
        });
        Label captureUsed = new Label();
        captureUsed.setId("quiz-captureUsed");
        captureUsed.textProperty().bind(vm.captureTextProperty());
        Button noCapture = new Button("×");
        noCapture.setId("quiz-noCapture");
        noCapture.setOnAction(e -> vm.useCapture(null));
        javafx.scene.control.CheckBox bankOnly = new javafx.scene.control.CheckBox();
        bankOnly.setId("quiz-bankOnly");
        bankOnly.textProperty().bind(binding("ui.bankOnly"));
        bankOnly.selectedProperty().bindBidirectional(vm.bankOnlyProperty());
        Label banks = new Label();
        banks.setId("quiz-banks");
        banks.textProperty().bind(vm.banksTextProperty());
        FlowPane settings = new FlowPane(8, 6, label("ui.mode"), mode, label("ui.topic"), topic, label("ui.difficulty"), level,
                label("ui.count"), count, label("ui.timeLimit"), limit, label("ui.name"), name, bank, banks, bankOnly, fromCapture, captureUsed, noCapture, start, stop, clock);
        settings.setAlignment(Pos.CENTER_LEFT);
        settings.setPadding(new Insets(6));
        for (javafx.scene.Node n : new javafx.scene.Node[] {mode, topic, level, count, limit, name, bank, bankOnly, fromCapture, noCapture, start}) {
            n.disableProperty().bind(vm.runningProperty().or(n == limit
                    ? vm.modeProperty().isNotEqualTo(QuizSession.Mode.EXAM) : vm.runningProperty()));
        }
        // A bank may take seconds to read: shown loading, with Cancel, while the window goes on.
        setTop(new javafx.scene.layout.VBox(settings, tcplab.ui.common.LoadingRow.of("quiz-bankload", vm.bankLoad(), vm.langProperty()),
                tcplab.ui.common.LoadingRow.of("quiz-captureload", vm.captureLoad(), vm.langProperty())));
        // While a classroom quiz runs its settings are greyed out anyway: they make room for the
        // question (at 1024×768 every line counts), leaving Stop and the clock.
        javafx.beans.binding.BooleanBinding classRunning = vm.runningProperty()
                .and(vm.modeProperty().isEqualTo(QuizSession.Mode.CLASSROOM));
        for (javafx.scene.Node n : settings.getChildren()) {
            if (n == bankOnly) { // "only the bank's questions" means something once a bank is loaded
                n.visibleProperty().bind(classRunning.not().and(vm.banksTextProperty().isNotEmpty()));
                n.managedProperty().bind(n.visibleProperty());
            } else if (n == noCapture || n == captureUsed) { // a capture in use can be put aside
                n.visibleProperty().bind(classRunning.not().and(vm.captureProperty().isNotNull()));
                n.managedProperty().bind(n.visibleProperty());
            } else if (n != stop && n != clock) {
                n.visibleProperty().bind(classRunning.not());
                n.managedProperty().bind(n.visibleProperty());
            }
        }

        heading.setId("quiz-heading");
        heading.textProperty().bind(Bindings.createStringBinding(() -> vm.runningProperty().get() || vm.finishedProperty().get()
                ? vm.headingProperty().get() : text("ui.intro"), vm.headingProperty(), vm.runningProperty(),
                vm.finishedProperty(), vm.langProperty()));
        heading.setWrapText(true);
        prompt.setId("quiz-prompt");
        prompt.textProperty().bind(vm.promptProperty());
        prompt.setWrapText(true);
        vm.optionsProperty().addListener((javafx.collections.ListChangeListener<String>) c -> rebuildOptions());
        TextField typed = new TextField();
        typed.setId("quiz-typed");
        typed.promptTextProperty().bind(binding("ui.typed"));
        typed.setOnAction(e -> {
            vm.answer(typed.getText());
            typed.clear();
        });
        Button submit = button("quiz-submit", "ui.submit");
        submit.setOnAction(e -> {
            vm.answer(typed.getText());
            typed.clear();
        });
        HBox typedRow = new HBox(6, typed, submit);
        HBox.setHgrow(typed, Priority.ALWAYS);
        typedRow.visibleProperty().bind(vm.runningProperty().and(vm.modeProperty().isNotEqualTo(QuizSession.Mode.CLASSROOM)));
        typedRow.managedProperty().bind(typedRow.visibleProperty());
        typed.disableProperty().bind(vm.answeredProperty());
        submit.disableProperty().bind(vm.answeredProperty());

        feedback.setId("quiz-feedback");
        feedback.textProperty().bind(vm.feedbackProperty());
        feedback.setWrapText(true);
        explanation.setId("quiz-explanation");
        explanation.textProperty().bind(vm.explanationProperty());
        explanation.setWrapText(true);
        Button reveal = button("quiz-reveal", "ui.reveal");
        reveal.setOnAction(e -> vm.reveal());
        reveal.visibleProperty().bind(vm.runningProperty().and(vm.modeProperty().isEqualTo(QuizSession.Mode.CLASSROOM))
                .and(vm.answeredProperty().not()));
        reveal.managedProperty().bind(reveal.visibleProperty());
        Button show = button("quiz-show", "ui.showMe");
        show.setOnAction(e -> vm.showMe());
        show.visibleProperty().bind(vm.canShowProperty());
        show.managedProperty().bind(show.visibleProperty());
        Button next = button("quiz-next", "ui.next");
        next.setOnAction(e -> vm.next());
        next.visibleProperty().bind(vm.answeredProperty().and(vm.runningProperty()));
        next.managedProperty().bind(next.visibleProperty());
        HBox actions = new HBox(8, reveal, show, next);

        summary.setId("quiz-summary");
        summary.textProperty().bind(vm.summaryProperty());
        ListView<QuizViewModel.ReviewRow> review = new ListView<>(vm.reviewProperty());
        review.setId("quiz-review");
        review.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(QuizViewModel.ReviewRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : vm.reviewText(r));
                setWrapText(true);
            }
        });
        review.visibleProperty().bind(vm.finishedProperty().and(Bindings.isNotEmpty(vm.reviewProperty())));
        review.managedProperty().bind(review.visibleProperty());
        review.setPrefHeight(220);
        Label status = new Label();
        status.setId("quiz-status");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);

        actions.getChildren().add(0, feedback);
        VBox body = new VBox(10, heading, prompt, optionBox, typedRow, explanation, summary, review);
        body.setPadding(new Insets(10));
        scroll = new ScrollPane(body);
        scroll.setId("quiz-scroll");
        scroll.setFitToWidth(true);
        setCenter(scroll);
        // A new question starts at its top: the scroll position of the last one's explanation
        // hid the question and option A at 1024×768. The heading changes with every question
        // and at the end; the layout pass after it may move the view, so it is set after it too.
        vm.headingProperty().addListener((o, a, b) -> toTop());
        scroll.viewportBoundsProperty().addListener((o, a, b) -> {
            if (a.getWidth() != b.getWidth() && vm.promptIsTableProperty().get()) {
                restyle();
            }
        });
        vm.promptProperty().addListener((o, a, b) -> restyle());
        vm.promptProperty().addListener((o, a, b) -> toTop());
        // The buttons stay in sight however long the question (a whole netstat table, big classroom text).
        actions.getChildren().add(status);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setPadding(new Insets(6, 10, 6, 10));
        setBottom(actions);

        Timeline ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();

        vm.bigTextProperty().addListener((o, a, b) -> restyle());
        vm.promptIsTableProperty().addListener((o, a, b) -> restyle());
        vm.lastCorrectProperty().addListener((o, a, b) -> restyle());
        vm.timeUpProperty().addListener((o, a, b) -> restyle());
        vm.finishedProperty().addListener((o, a, b) -> restyle());
        vm.langProperty().addListener((o, a, b) -> restyle());
        restyle();
    }

    private void toTop() {
        scroll.setVvalue(scroll.getVmin());
        javafx.application.Platform.runLater(() -> scroll.setVvalue(scroll.getVmin()));
    }

    /** The quiz's scroll pane (tests check that a new question starts at its top). */
    ScrollPane scroller() {
        return scroll;
    }

    private void rebuildOptions() {
        optionBox.getChildren().clear();
        int i = 0;
        for (String o : vm.optionsProperty()) {
            final int k = i;
            Button b = new Button((char) ('A' + i) + ")  " + o);
            b.setId("quiz-option-" + i);
            b.setWrapText(true);
            b.setMnemonicParsing(false); // FIN_WAIT_1, not FINWAIT 1
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setOnAction(e -> vm.choose(k));
            b.disableProperty().bind(vm.answeredProperty().or(vm.modeProperty().isEqualTo(QuizSession.Mode.CLASSROOM)));
            optionBox.getChildren().add(b);
            i++;
        }
        restyle();
    }

    public void setZoom(double z) {
        this.zoom = z > 0 ? z : 1;
        restyle();
    }

    public void setPalette(Palette p) {
        this.palette = p == null ? Palette.standard() : p;
        restyle();
    }

    private void restyle() {
        double base = 13 * zoom * (vm.bigTextProperty().get() ? 2.0 : 1.0);
        String fg = tcplab.ui.common.Palette.hex(palette.foreground());
        String family = Fonts.cjkFamily() != null && vm.langProperty().get() == Lang.ZH ? "'" + Fonts.cjkFamily() + "'" : "System";
        setStyle("-fx-font-size: " + (13 * zoom) + "px; -fx-background-color: " + tcplab.ui.common.Palette.hex(palette.panel()) + ";");
        // Time up is said in the palette's error colour, as loud as the heading can be.
        String headingColour = vm.timeUpProperty().get() && vm.finishedProperty().get() ? tcplab.ui.common.Palette.hex(palette.lost()) : fg;
        heading.setStyle("-fx-font-size: " + base * 1.1 + "px; -fx-font-weight: bold; -fx-text-fill: " + headingColour + ";");
        // A table is set in the netstat pane's monospace family (its Chinese glyphs are two cells
        // wide, so a Chinese Windows table lines up; "monospace" drew its words as boxes), and no
        // larger than lets its longest line fit the pane: cut short, its State column was "...".
        boolean table = vm.promptIsTableProperty().get();
        String promptFamily = table ? "'" + Fonts.monoFamily() + "'" : family;
        double promptSize = table ? tableSize(base * 0.9) : base * 1.15;
        prompt.setStyle("-fx-font-size: " + promptSize + "px; -fx-font-family: "
                + promptFamily + "; -fx-text-fill: " + fg + ";");
        prompt.setWrapText(!vm.promptIsTableProperty().get() || capturePrompt());
        // In class the options cannot be clicked (the students answer aloud) but must still be
        // read from the back: not faded as disabled buttons are.
        String classroom = vm.modeProperty().get() == QuizSession.Mode.CLASSROOM ? " -fx-opacity: 1;" : "";
        for (javafx.scene.Node n : optionBox.getChildren()) {
            n.setStyle("-fx-font-size: " + base + "px; -fx-font-family: " + family + ";" + classroom);
        }
        Boolean ok = vm.lastCorrectProperty().get();
        String colour = ok == null ? fg : ok ? "#1a7f37" : "#c62828";
        feedback.setStyle("-fx-font-size: " + base * 1.1 + "px; -fx-font-weight: bold; -fx-text-fill: " + colour + ";");
        explanation.setStyle("-fx-font-size: " + base + "px; -fx-text-fill: " + fg + ";");
        summary.setStyle("-fx-font-size: " + 13 * zoom * 1.25 + "px; -fx-font-weight: bold; -fx-text-fill: " + fg + ";");
    }

    private boolean capturePrompt() {
        tcplab.quiz.Question q = vm.current();
        return q != null && tcplab.quiz.CaptureQuiz.TYPES.contains(q.type());
    }

    /** The largest size up to {@code wanted} at which the prompt's longest line fits the pane's width. */
    private double tableSize(double wanted) {
        double width = scroll == null ? 0 : scroll.getViewportBounds().getWidth() - 24;
        if (width <= 0) {
            return wanted;
        }
        int cells = 0;
        // A capture question's first and last lines are sentences (which capture, what is asked):
        // they wrap; its packet lines between are the table that must fit a line each.
        boolean capture = capturePrompt();
        String[] lines = vm.promptProperty().get().split("\n");
        for (int n = capture ? 1 : 0; n < lines.length - (capture ? 1 : 0); n++) {
            String line = lines[n];
            int c = 0;
            for (int i = 0; i < line.length(); i++) {
                c += Fonts.hasCjk(String.valueOf(line.charAt(i))) ? 2 : 1;
            }
            cells = Math.max(cells, c);
        }
        // A monospace cell is about 0.6 em wide.
        double fit = cells == 0 ? wanted : width / (cells * 0.61);
        return Math.max(10, Math.min(wanted, fit));
    }


    private String text(String key) {
        return Texts.of(QuizGenerator.BUNDLE, vm.langProperty().get()).get(key);
    }

    private StringBinding binding(String key) {
        return Bindings.createStringBinding(() -> text(key), vm.langProperty());
    }

    private Label label(String key) {
        Label l = new Label();
        l.textProperty().bind(binding(key));
        return l;
    }

    private Button button(String id, String key) {
        Button b = new Button();
        b.setId(id);
        b.textProperty().bind(binding(key));
        return b;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return tcplab.ui.common.UiTexts.shownAs(f);
    }

    private static TextField intField(String id, int value, java.util.function.IntConsumer apply) {
        TextField f = new TextField(Integer.toString(value));
        f.setId(id);
        f.setPrefColumnCount(4);
        f.setOnAction(e -> commit(f, apply));
        f.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                commit(f, apply);
            }
        });
        return f;
    }

    private static void commit(TextField f, java.util.function.IntConsumer apply) {
        try {
            apply.accept(Integer.parseInt(f.getText().trim()));
        } catch (NumberFormatException e) {
            // keep the previous value
        }
    }
}
