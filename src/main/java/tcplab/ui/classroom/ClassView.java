package tcplab.ui.classroom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.quiz.Difficulty;
import tcplab.quiz.QuizGenerator;
import tcplab.quiz.live.Room;
import tcplab.ui.common.Fonts;
import tcplab.ui.common.Palette;

/**
 * The Class tab: binds to a {@link ClassViewModel} and forwards clicks to its commands. Before a
 * session, a word on what it is and "Start a class session"; during one, how to join (the address,
 * its QR code, the room code) beside who joined, the question sent with how many answered and,
 * after the reveal, its distribution; after the end, the summary per question. Sized to be read
 * from the back of a room on a 1024×768 projector; names are plain text in labels, never markup.
 */
public final class ClassView extends BorderPane {
    /** The right answer's colour (the Quiz tab's); on the high-contrast theme's black, its bright green. */
    private static final Color RIGHT = Color.web("#1a7f37");

    private Color right() {
        return "high-contrast".equals(palette.name()) ? palette.highlight() : RIGHT;
    }

    private final ClassViewModel vm;
    private final QrView qrView = new QrView();
    private final Label code = new Label();
    private final Label codeTitle = new Label();
    private final Label url = new Label();
    private final Label urlTitle = new Label();
    private final Label joined = new Label();
    /** Who joined, as chips: many names in little room, each one selectable (to remove it). */
    private final FlowPane people = new FlowPane(6, 6);
    private final ToggleGroup chips = new ToggleGroup();
    private final javafx.beans.property.ObjectProperty<String> selected = new javafx.beans.property.SimpleObjectProperty<>();
    private final Label heading = new Label();
    private final Label clock = new Label();
    private final Label prompt = new Label();
    private final VBox optionBox = new VBox(4);
    private final VBox barBox = new VBox(6);
    private final List<Region> barRegions = new ArrayList<>();
    private final List<Label> barLabels = new ArrayList<>();
    private final Label answered = new Label();
    private final Label answer = new Label();
    private final Label rightText = new Label();
    private final Label explanation = new Label();
    private final Label intro = new Label();
    private final Label noLan = new Label();
    private final Label status = new Label();
    private final VBox summaryBox = new VBox(6);
    private final ScrollPane questionScroll;
    private final Button show;
    private final Button start;
    private double zoom = 1;
    private Palette palette = Palette.standard();
    private Runnable onShowMe = () -> { };
    /** Asks the teacher before what cannot be undone; tests may answer for them. */
    interface Confirm {
        /** True to go on: {@code yes} is the button that does it ("Remove", "End the class"). */
        boolean ask(String title, String text, String yes);
    }

    private Confirm confirm = this::askWithDialog;

    public ClassView(ClassViewModel vm) {
        this.vm = vm;
        setId("classPane");

        // ---------------------------------------------------------- before a session
        intro.setId("class-intro");
        intro.setWrapText(true);
        intro.textProperty().bind(binding("class.intro"));
        start = button("class-start", null);
        start.textProperty().bind(Bindings.createStringBinding(() -> text(vm.endedProperty().get() ? "class.startAgain" : "class.start"),
                vm.endedProperty(), vm.langProperty()));
        start.setOnAction(e -> vm.start());
        start.setDefaultButton(false);
        ChoiceBox<String> address = new ChoiceBox<>(vm.addressesProperty());
        address.setId("class-address");
        address.valueProperty().bindBidirectional(vm.hostProperty());
        ChoiceBox<String> addressLater = new ChoiceBox<>(vm.addressesProperty());
        addressLater.setId("class-address-running");
        addressLater.valueProperty().bindBidirectional(vm.hostProperty());
        noLan.setId("class-noLan");
        noLan.setWrapText(true);
        noLan.textProperty().bind(binding("class.noLan"));
        noLan.visibleProperty().bind(vm.noLanProperty());
        noLan.managedProperty().bind(noLan.visibleProperty());
        HBox addressRow = new HBox(8, label("class.address"), address);
        addressRow.setAlignment(Pos.CENTER_LEFT);
        VBox summaryPane = new VBox(10, summaryBox);
        summaryBox.setId("class-summary");
        // After a session its summary comes first: the class reads how each question went.
        VBox before = new VBox(14, summaryPane, intro, addressRow, noLan, start);
        before.setId("class-before");
        before.setPadding(new Insets(16));
        before.setMaxWidth(900);
        summaryPane.visibleProperty().bind(vm.endedProperty());
        summaryPane.managedProperty().bind(summaryPane.visibleProperty());
        vm.summaryProperty().addListener((ListChangeListener<String>) c -> rebuildSummary());
        ScrollPane beforeScroll = new ScrollPane(before);
        beforeScroll.setFitToWidth(true);
        beforeScroll.visibleProperty().bind(vm.runningProperty().not());

        // ---------------------------------------------------------- the controls of a session
        ChoiceBox<ClassViewModel.Source> source = new ChoiceBox<>();
        source.setId("class-source");
        source.getItems().setAll(ClassViewModel.Source.values());
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        ChoiceBox<String> topic = new ChoiceBox<>();
        topic.setId("class-topic");
        topic.getItems().setAll(QuizGenerator.TOPIC_GROUPS);
        topic.valueProperty().bindBidirectional(vm.topicProperty());
        ChoiceBox<Difficulty> level = new ChoiceBox<>();
        level.setId("class-difficulty");
        level.getItems().add(null);
        level.getItems().addAll(Difficulty.values());
        level.valueProperty().bindBidirectional(vm.difficultyProperty());
        ChoiceBox<Integer> limit = new ChoiceBox<>();
        limit.setId("class-timeLimit");
        limit.getItems().setAll(ClassViewModel.TIME_LIMITS);
        limit.setValue(vm.timeLimitSProperty().get());
        limit.valueProperty().addListener((o, a, v) -> vm.timeLimitSProperty().set(v == null ? 0 : v));
        vm.timeLimitSProperty().addListener((o, a, v) -> limit.setValue(v.intValue()));
        Runnable converters = () -> {
            source.setConverter(converter(s -> text("class.source." + s.name().toLowerCase(Locale.ROOT))));
            topic.setConverter(converter(t -> QuizGenerator.topicLabel(vm.langProperty().get(), t)));
            level.setConverter(converter(d -> d == null ? quizText("ui.difficulty.mixed") : quizText("difficulty." + d.jsonName())));
            limit.setConverter(converter(s -> s == 0 ? text("class.time.none") : text("class.time.seconds", s)));
        };
        converters.run();
        vm.langProperty().addListener((o, a, l) -> converters.run());
        Button bank = button("class-bank", "class.loadBank");
        bank.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(text("class.loadBankTitle"));
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(text("class.bankFiles"), "*.yaml", "*.yml"));
            java.io.File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                vm.loadBanksInBackground(f.toPath(), tcplab.ui.common.BackgroundLoad.LOADER, javafx.application.Platform::runLater);
            }
        });
        Label banks = new Label();
        banks.setId("class-banks");
        banks.textProperty().bind(vm.banksTextProperty());
        Label lessonAt = new Label();
        lessonAt.setId("class-lesson");
        lessonAt.textProperty().bind(vm.lessonTextProperty());
        vm.sourceProperty().addListener((o, a, s) -> vm.refreshLesson());
        BooleanBinding fromLesson = vm.sourceProperty().isEqualTo(ClassViewModel.Source.LESSON);
        BooleanBinding fromBank = vm.sourceProperty().isEqualTo(ClassViewModel.Source.BANK);
        HBox topicGroup = group(label("class.topic"), topic);
        HBox levelGroup = group(label("class.difficulty"), level);
        showIf(topicGroup, fromLesson.not());
        showIf(levelGroup, fromLesson.not());
        showIf(bank, fromBank);
        showIf(banks, fromBank.and(vm.banksTextProperty().isNotEmpty()));
        showIf(lessonAt, fromLesson);
        Button push = button("class-push", "class.push");
        push.setOnAction(e -> vm.push());
        BooleanBinding open = vm.phaseProperty().isEqualTo(Room.Phase.OPEN);
        push.disableProperty().bind(open.or(vm.busyProperty()));
        Button reveal = button("class-reveal", "class.reveal");
        reveal.setOnAction(e -> vm.reveal());
        reveal.disableProperty().bind(open.not());
        choices.addAll(List.of(address, addressLater, source, topic, level, limit));
        HBox sourceGroup = group(label("class.source"), source);
        HBox limitGroup = group(label("class.timeLimit"), limit);

        ToggleButton joinScreen = new ToggleButton();
        joinScreen.setId("class-joinScreen");
        joinScreen.textProperty().bind(binding("class.joinScreen"));
        joinScreen.selectedProperty().bindBidirectional(vm.joinScreenProperty());
        ToggleButton standings = new ToggleButton();
        standings.setId("class-standings");
        standings.textProperty().bind(binding("class.leaderboard"));
        standings.selectedProperty().bindBidirectional(vm.showStandingsProperty());
        Button remove = button("class-remove", "class.remove");
        remove.disableProperty().bind(selected.isNull());
        remove.setOnAction(e -> removeSelected());
        Button end = button("class-end", "class.end");
        end.disableProperty().bind(vm.busyProperty());
        end.setOnAction(e -> {
            if (confirm.ask(text("class.endTitle"), text("class.endConfirm"), text("class.end"))) {
                vm.end();
            }
        });
        Button export = button("class-export", "class.export");
        export.setOnAction(e -> exportCsv());
        Button exportAfter = button("class-export-after", "class.export");
        exportAfter.setOnAction(e -> exportCsv());
        summaryPane.getChildren().add(exportAfter);
        HBox addressGroup = group(label("class.address"), addressLater);
        // One bar of controls that wraps into at most two rows; what does not fit goes, labelled,
        // into "More", least used first (as the window's own bar does): at 200 % on 1024×768 the
        // question and the code keep their room, and Send and Reveal stay in sight.
        controlOrder.addAll(List.of(sourceGroup, topicGroup, levelGroup, bank, banks, lessonAt, limitGroup, push, reveal,
                joinScreen, standings, remove, end, export, addressGroup));
        movable.addAll(List.of(addressGroup, export, remove, banks, levelGroup, topicGroup, bank, limitGroup, sourceGroup,
                lessonAt, end, standings, joinScreen));
        more.setId("class-more");
        more.textProperty().bind(binding("class.more"));
        more.setMnemonicParsing(false);
        controls.setId("class-controls");
        controls.setPadding(new Insets(6));
        controls.getChildren().setAll(controlOrder);
        showIf(controls, vm.runningProperty());
        for (Node n : controlOrder) {
            n.visibleProperty().addListener((o, a, b) -> javafx.application.Platform.runLater(this::placeControls));
        }

        // ---------------------------------------------------------- how to join, who joined
        qrView.setId("class-qr");
        tcplab.ui.common.ClassroomSettings.follow(vm.qrProperty(), qrView::setQr);
        codeTitle.textProperty().bind(binding("class.code"));
        code.setId("class-code");
        code.textProperty().bind(vm.codeProperty());
        urlTitle.textProperty().bind(binding("class.joinAt"));
        url.setId("class-url");
        url.textProperty().bind(vm.joinUrlProperty());
        url.setWrapText(true);
        joined.setId("class-joined");
        joined.textProperty().bind(vm.joinedTextProperty());
        people.setId("class-people");
        people.setPadding(new Insets(4));
        ScrollPane peopleScroll = new ScrollPane(people);
        peopleScroll.setFitToWidth(true);
        peopleScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // The chips wrap at the column's width (a FlowPane's own guess is 400 px, wider than a narrow column).
        peopleScroll.viewportBoundsProperty().addListener((o, a, b) -> people.setPrefWrapLength(Math.max(50, b.getWidth() - 10)));
        peopleScroll.setMinHeight(50);
        chips.selectedToggleProperty().addListener((o, a, t) -> selected.set(t == null ? null : (String) t.getUserData()));
        VBox side = new VBox(4, codeTitle, code, urlTitle, url, joined, peopleScroll);
        side.setId("class-side");
        side.setPadding(new Insets(8));
        VBox.setVgrow(peopleScroll, Priority.ALWAYS);

        // ---------------------------------------------------------- the question
        heading.setId("class-heading");
        heading.setWrapText(true);
        heading.textProperty().bind(vm.headingProperty());
        clock.setId("class-clock");
        clock.textProperty().bind(vm.clockProperty());
        clock.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        // How many answered and the time left stay in sight above the question, however long it is.
        answered.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(16, heading, gap, answered, clock);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(heading, Priority.ALWAYS);
        prompt.setId("class-prompt");
        prompt.textProperty().bind(vm.promptProperty());
        prompt.setWrapText(true);
        answered.setId("class-answered");
        answered.textProperty().bind(vm.answeredTextProperty());
        optionBox.setId("class-options");
        barBox.setId("class-bars");
        vm.optionsProperty().addListener((ListChangeListener<String>) c -> rebuildOptions());
        vm.barsProperty().addListener((ListChangeListener<ClassViewModel.Bar>) c -> rebuildBars());
        answer.setId("class-answer");
        answer.textProperty().bind(vm.answerProperty());
        answer.setWrapText(true);
        rightText.setId("class-right");
        rightText.textProperty().bind(vm.rightTextProperty());
        explanation.setId("class-explanation");
        explanation.textProperty().bind(vm.explanationProperty());
        explanation.setWrapText(true);
        show = button("class-show", "class.showMe");
        show.setOnAction(e -> {
            vm.showMe();
            onShowMe.run();
        });
        showIf(show, vm.canShowProperty());
        BooleanBinding revealed = Bindings.isNotEmpty(vm.answerProperty());
        FlowPane answerRow = new FlowPane(16, 4, answer, rightText, show);
        answerRow.setAlignment(Pos.CENTER_LEFT);
        showIf(answerRow, revealed);
        // After the reveal the count is in the line of the answer ("18 of 23 right").
        showIf(answered, revealed.not());
        showIf(explanation, revealed.and(vm.explanationProperty().isNotEmpty()));
        showIf(optionBox, revealed.not());
        showIf(barBox, revealed);
        Label waiting = new Label();
        waiting.setId("class-waiting");
        waiting.setWrapText(true);
        waiting.textProperty().bind(binding("class.waiting"));
        showIf(waiting, vm.phaseProperty().isEqualTo(Room.Phase.LOBBY));
        VBox question = new VBox(10, top, prompt, optionBox, answerRow, barBox, explanation);
        // The reveal below a long question (a sequence of events, a whole table) scrolls into sight.
        vm.answerProperty().addListener((o, a, b) -> {
            if (!b.isEmpty()) {
                javafx.application.Platform.runLater(() -> scrollTo(answerRow));
            }
        });
        question.setId("class-question");
        question.setPadding(new Insets(10));
        questionScroll = new ScrollPane(question);
        questionScroll.setFitToWidth(true);
        questionScroll.viewportBoundsProperty().addListener((o, a, b) -> {
            if (a.getWidth() != b.getWidth()) {
                sizeBars();
                if (vm.promptIsTableProperty().get()) {
                    restyle();
                }
            }
        });
        vm.promptProperty().addListener((o, a, b) -> {
            restyle();
            questionScroll.setVvalue(0);
        });
        vm.promptIsTableProperty().addListener((o, a, b) -> restyle());

        // The join screen (QR code) until the first question, and whenever the teacher asks.
        BooleanBinding joinShown = vm.joinScreenProperty().or(vm.phaseProperty().isEqualTo(Room.Phase.LOBBY));
        VBox joinPane = new VBox(8, waiting, qrView);
        joinPane.setAlignment(Pos.TOP_CENTER);
        joinPane.setPadding(new Insets(8));
        VBox.setVgrow(qrView, Priority.ALWAYS);
        joinPane.visibleProperty().bind(joinShown);
        questionScroll.visibleProperty().bind(joinShown.not());
        StackPane main = new StackPane(questionScroll, joinPane);
        main.setMinWidth(0);
        HBox session = new HBox(main, side);
        HBox.setHgrow(main, Priority.ALWAYS);
        session.visibleProperty().bind(vm.runningProperty());
        // The side column: wide while the class joins (the code in huge digits), narrow beside a question.
        joinShown.addListener((o, a, b) -> restyle());

        status.setId("class-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        showIf(status, vm.statusProperty().isNotEmpty());
        status.setPadding(new Insets(2, 10, 4, 10));

        setTop(controls);
        setCenter(new StackPane(beforeScroll, session));
        // A bank may take seconds to read: the class sees it loading, the teacher can cancel.
        setBottom(new javafx.scene.layout.VBox(tcplab.ui.common.LoadingRow.of("class-bankload", vm.bankLoad(), vm.langProperty()),
                status));
        this.side = side;
        this.joinPane = joinPane;

        vm.peopleProperty().addListener((ListChangeListener<ClassViewModel.Person>) c -> rebuildPeople());
        vm.showStandingsProperty().addListener((o, a, b) -> rebuildPeople());
        vm.timeUpProperty().addListener((o, a, b) -> restyle());
        vm.langProperty().addListener((o, a, b) -> {
            rebuildPeople();
            rebuildSummary();
            restyle();
        });
        vm.runningProperty().addListener((o, a, b) -> restyle());
        Timeline ticker = new Timeline(new KeyFrame(Duration.millis(250), e -> vm.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        widthProperty().addListener((o, a, b) -> {
            restyle();
            placeControls();
        });
        vm.langProperty().addListener((o, a, b) -> placeControls());
        vm.runningProperty().addListener((o, a, b) -> placeControls());
        heightProperty().addListener((o, a, b) -> restyle());
        restyle();
    }

    private final VBox side;
    private final VBox joinPane;

    /** Scrolls the question so that {@code n} is at the top, or as near as the question allows. */
    private void scrollTo(Node n) {
        double content = questionScroll.getContent().getBoundsInLocal().getHeight();
        double view = questionScroll.getViewportBounds().getHeight();
        double y = n.getBoundsInParent().getMinY() - 10;
        if (content > view && y > 0) {
            questionScroll.setVvalue(Math.min(1, y / (content - view)));
        }
    }

    /** Runs after "Show me" (the window gives the simulation its room back). */
    public void setOnShowMe(Runnable r) {
        this.onShowMe = r == null ? () -> { } : r;
    }

    /** Replaces the dialog that asks the teacher before removing a name or ending (tests answer it). */
    void setConfirm(Confirm confirm) {
        this.confirm = confirm;
    }

    public ClassViewModel viewModel() {
        return vm;
    }

    private void removeSelected() {
        String name = selected.get();
        if (name != null && confirm.ask(text("class.removeTitle"), text("class.removeConfirm", name), text("class.remove"))) {
            vm.remove(name);
        }
    }

    /** Selects a student by name, as a click on their chip does (tests). */
    void select(String name) {
        for (Node n : people.getChildren()) {
            if (n instanceof ToggleButton b && name.equals(b.getUserData())) {
                b.setSelected(true);
            }
        }
    }

    /** What each chip says, in order (tests). */
    List<String> chipTexts() {
        List<String> out = new ArrayList<>();
        for (Node n : people.getChildren()) {
            out.add(((ToggleButton) n).getText());
        }
        return out;
    }

    private void rebuildPeople() {
        String keep = selected.get();
        people.getChildren().clear();
        chips.getToggles().clear();
        boolean ranks = vm.showStandingsProperty().get();
        for (ClassViewModel.Person p : vm.peopleProperty()) {
            // Text, never markup: a student named <script> is shown as those eight characters.
            ToggleButton b = new ToggleButton(ranks ? text("class.standing", p.rank(), p.name(), p.score()) : p.name());
            b.setMnemonicParsing(false);
            b.setUserData(p.name());
            b.getStyleClass().add("class-person");
            b.setToggleGroup(chips);
            b.setFocusTraversable(false);
            if (p.name().equals(keep)) {
                b.setSelected(true);
            }
            people.getChildren().add(b);
        }
        if (chips.getSelectedToggle() == null) {
            selected.set(null);
        }
        restyle();
    }

    private void exportCsv() {
        FileChooser fc = new FileChooser();
        fc.setTitle(text("class.exportTitle"));
        fc.setInitialFileName("class-" + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")) + ".csv");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        java.io.File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            vm.exportCsv(f.toPath());
        }
    }

    /**
     * A dialog in the tab's language and font: JavaFX's own OK and Cancel follow the system's
     * locale, and its default font drew the Chinese question as empty boxes.
     */
    private boolean askWithDialog(String title, String body, String yes) {
        ButtonType go = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
        ButtonType back = new ButtonType(text("class.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, body, go, back);
        if (getScene() != null) {
            a.initOwner(getScene().getWindow());
        }
        a.setTitle(title);
        a.setHeaderText(null);
        a.getDialogPane().setStyle("-fx-font-size: " + px(13 * zoom * 1.2) + ";"
                + (Fonts.cjkFamily() != null ? " -fx-font-family: '" + Fonts.cjkFamily() + "';" : ""));
        return a.showAndWait().filter(b -> b == go).isPresent();
    }

    // ------------------------------------------------------------------ drawing

    private void rebuildOptions() {
        optionBox.getChildren().clear();
        int i = 0;
        for (String o : vm.optionsProperty()) {
            Label l = new Label(o);
            l.setId("class-option-" + i++);
            l.setWrapText(true);
            l.setMnemonicParsing(false);
            optionBox.getChildren().add(l);
        }
        restyle();
    }

    private void rebuildBars() {
        barBox.getChildren().clear();
        barRegions.clear();
        barLabels.clear();
        int i = 0;
        for (ClassViewModel.Bar b : vm.barsProperty()) {
            Label label = new Label((b.right() ? "✓ " : "") + b.label());
            label.setId("class-bar-label-" + i);
            label.setWrapText(true);
            label.setMnemonicParsing(false);
            label.setMinWidth(Region.USE_PREF_SIZE);
            label.setMaxWidth(Region.USE_PREF_SIZE);
            Region bar = new Region();
            bar.setId("class-bar-" + i);
            bar.setMinWidth(Region.USE_PREF_SIZE);
            bar.setMaxWidth(Region.USE_PREF_SIZE);
            bar.setMaxHeight(Region.USE_PREF_SIZE); // as thick as the text, not as the wrapped label
            Label count = new Label(Integer.toString(b.count()));
            count.setId("class-bar-count-" + i);
            count.setMinWidth(Region.USE_PREF_SIZE);
            // One line per option: its words, its bar, its count (four options fit a 1024×768 screen).
            HBox cell = new HBox(10, label, bar, count);
            cell.setAlignment(Pos.CENTER_LEFT);
            cell.getProperties().put("right", b.right());
            barBox.getChildren().add(cell);
            barLabels.add(label);
            barRegions.add(bar);
            i++;
        }
        restyle();
    }

    /** Bars as long as their share of the largest count, in the width the question has. */
    private void sizeBars() {
        List<ClassViewModel.Bar> bs = vm.barsProperty();
        int max = 1;
        for (ClassViewModel.Bar b : bs) {
            max = Math.max(max, b.count());
        }
        double width = Math.max(200, questionScroll.getViewportBounds().getWidth() - 24);
        double labelW = Math.floor(Math.min(width * 0.45, 460 * zoom));
        for (Label l : barLabels) {
            l.setPrefWidth(labelW);
        }
        double room = Math.max(40, width - labelW - 70 * zoom);
        for (int i = 0; i < barRegions.size() && i < bs.size(); i++) {
            double w = bs.get(i).count() == 0 ? 3 : Math.max(6, room * bs.get(i).count() / max);
            barRegions.get(i).setPrefWidth(Math.floor(w));
        }
    }

    private void rebuildSummary() {
        summaryBox.getChildren().clear();
        boolean first = true;
        for (String row : vm.summaryProperty()) {
            Label l = new Label(row);
            l.setWrapText(true);
            l.getStyleClass().add(first ? "class-summary-title" : "class-summary-row");
            summaryBox.getChildren().add(l);
            first = false;
        }
        restyle();
    }

    public void setZoom(double z) {
        this.zoom = z > 0 ? z : 1;
        restyle();
        placeControls();
    }

    private final FlowPane controls = new FlowPane(8, 6);
    private final List<ChoiceBox<?>> choices = new ArrayList<>();

    /**
     * Each list as wide as its widest choice at this zoom and in this language: a ChoiceBox keeps
     * the width of the largest text it has shown, so after a zoom out its 250 % width stayed and
     * pushed the other controls into "More".
     */
    private void fitChoices() {
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        probe.setFont(Fonts.of(javafx.scene.text.FontWeight.NORMAL, 13 * zoom));
        for (ChoiceBox<?> cb : choices) {
            double widest = 0;
            for (Object item : cb.getItems()) {
                @SuppressWarnings("unchecked")
                StringConverter<Object> c = (StringConverter<Object>) cb.getConverter();
                probe.setText(c != null ? c.toString(item) : String.valueOf(item));
                widest = Math.max(widest, probe.getLayoutBounds().getWidth());
            }
            double w = Math.ceil(widest + 13 * zoom * 3);
            cb.setPrefWidth(w);
            cb.setMinWidth(w);
            cb.setMaxWidth(w);
        }
    }
    private final MenuButton more = new MenuButton();
    /** The controls in the order they are shown. */
    private final List<Node> controlOrder = new ArrayList<>();
    /** The controls that may go into "More", least used first. */
    private final List<Node> movable = new ArrayList<>();
    /** The most rows of controls above the class: more would squeeze the question at 200 % on 1024×768. */
    static final int MAX_CONTROL_ROWS = 2;

    /** Lays the controls out in at most {@link #MAX_CONTROL_ROWS} rows, the rest in "More". */
    void placeControls() {
        if (getWidth() <= 0 || controlOrder.isEmpty()) {
            return;
        }
        fitChoices();
        for (MenuItem i : more.getItems()) {
            if (i instanceof CustomMenuItem c) {
                c.setContent(null);
            }
        }
        more.getItems().clear();
        // "More" stays in the bar, hidden while empty, so that it is styled and measured like the rest.
        List<Node> all = new ArrayList<>(controlOrder);
        all.add(more);
        controls.getChildren().setAll(all);
        more.setVisible(false);
        more.setManaged(false);
        for (Node n : controlOrder) {
            n.setStyle(""); // measured at the bar's size, not at the size a menu gave it before
        }
        applyCss();
        Insets pad = controls.getPadding();
        double wrap = getWidth() - pad.getLeft() - pad.getRight();
        List<Node> shown = new ArrayList<>(controlOrder);
        List<Node> moved = new ArrayList<>();
        for (Node m : movable) {
            if (rows(shown, wrap) <= MAX_CONTROL_ROWS) {
                break;
            }
            if (m.isVisible()) {
                shown.remove(m);
                moved.add(m);
            }
        }
        for (Node n : moved) {
            // A menu is a window of its own: what moves there takes the zoom with it.
            n.setStyle("-fx-font-size: " + px(13 * zoom) + ";");
        }
        if (moved.isEmpty()) {
            return;
        }
        shown.add(more);
        more.setVisible(true);
        more.setManaged(true);
        controls.getChildren().setAll(shown);
        for (Node n : controlOrder) {
            if (moved.contains(n)) {
                CustomMenuItem item = new CustomMenuItem(n, false);
                item.setId("more-" + (n.getId() != null ? n.getId() : controlOrder.indexOf(n)));
                more.getItems().add(item);
            }
        }
    }

    /** How many rows a FlowPane {@code wrap} wide needs for the shown ones of {@code nodes} (and "More"). */
    private int rows(List<Node> nodes, double wrap) {
        List<Double> widths = new ArrayList<>();
        for (Node n : nodes) {
            if (n.isManaged()) {
                widths.add(n.prefWidth(-1));
            }
        }
        if (nodes.size() < controlOrder.size()) {
            widths.add(more.prefWidth(-1));
        }
        return tcplab.ui.common.FlowRows.count(widths, wrap, controls.getHgap());
    }

    /** The controls now in "More" (their ids), for tests. */
    List<String> controlsInMore() {
        List<String> ids = new ArrayList<>();
        for (MenuItem i : more.getItems()) {
            ids.add(i.getId());
        }
        return ids;
    }

    public void setPalette(Palette p) {
        this.palette = p == null ? Palette.standard() : p;
        restyle();
    }

    /** Sizes every text for the zoom, and the side column and the code for the room there is. */
    private void restyle() {
        double base = 13 * zoom;
        String fg = tcplab.ui.common.Palette.hex(palette.foreground());
        String muted = tcplab.ui.common.Palette.hex(palette.muted());
        boolean joining = joinPane != null && joinPane.isVisible();
        // Text in English is set in the system font (the CJK family draws ’ as a wide Chinese
        // quote); names keep the CJK family whatever the language (a Chinese name in English).
        String family = Fonts.cjkFamily() != null && vm.langProperty().get() == Lang.ZH ? "'" + Fonts.cjkFamily() + "'" : "System";
        String words = " -fx-font-family: " + family + ";";
        setStyle("-fx-font-size: " + px(base) + "; -fx-background-color: " + tcplab.ui.common.Palette.hex(palette.panel()) + ";");
        intro.setStyle(size(base * 1.4, fg) + words);
        start.setStyle("-fx-font-size: " + px(base * 1.5) + "; -fx-font-weight: bold;");
        noLan.setStyle(size(base * 1.2, tcplab.ui.common.Palette.hex(palette.lost())) + " -fx-font-weight: bold;");
        heading.setStyle(size(base * 1.3, muted) + " -fx-font-weight: bold;");
        clock.setStyle(size(base * 2, vm.timeUpProperty().get() ? tcplab.ui.common.Palette.hex(palette.lost()) : fg) + " -fx-font-weight: bold;");
        boolean table = vm.promptIsTableProperty().get();
        prompt.setStyle(size(table ? tableSize(base * 1.1) : base * 1.45, fg) + " -fx-font-family: "
                + (table ? "'" + Fonts.monoFamily() + "'" : family) + ";");
        prompt.setWrapText(!table);
        for (Node n : optionBox.getChildren()) {
            n.setStyle(size(base * 1.45, fg) + words);
        }
        double bigNumber = base * 2;
        answered.setStyle(size(bigNumber, fg) + " -fx-font-weight: bold;");
        answer.setStyle(size(base * 1.8, tcplab.ui.common.Palette.hex(right())) + " -fx-font-weight: bold;" + words);
        rightText.setStyle(size(base * 1.6, fg) + " -fx-font-weight: bold;");
        explanation.setStyle(size(base * 1.3, fg) + words);
        show.setStyle("-fx-font-size: " + px(base * 1.3) + ";");
        for (Node cell : barBox.getChildren()) {
            boolean right = Boolean.TRUE.equals(cell.getProperties().get("right"));
            HBox row = (HBox) cell;
            row.getChildren().get(0).setStyle(size(base * 1.4, right ? tcplab.ui.common.Palette.hex(right()) : fg) + (right ? " -fx-font-weight: bold;" : "") + words);
            double h = Math.round(base * 1.8);
            row.getChildren().get(1).setStyle("-fx-background-color: " + (right ? tcplab.ui.common.Palette.hex(right()) : muted) + "; -fx-pref-height: "
                    + px(h) + "; -fx-min-height: " + px(h) + ";");
            row.getChildren().get(2).setStyle(size(base * 1.6, fg) + " -fx-font-weight: bold;");
        }
        sizeBars();
        // The side: while the class joins the code is the largest thing in the room; beside a
        // question it steps aside for the question (still readable for a latecomer).
        double w = getWidth() > 0 ? getWidth() : 1024;
        double sideW = joining ? Math.max(260, Math.min(w * 0.5, w - 320)) : Math.max(200, Math.min(w * 0.3, 420 * zoom));
        side.setPrefWidth(sideW);
        side.setMinWidth(sideW);
        side.setMaxWidth(sideW);
        double codeSize = joining ? Math.min(base * 7, sideW / 3.2) : Math.min(base * 4, sideW / 3.2);
        codeTitle.setStyle(size(base * 1.2, muted));
        code.setStyle(size(codeSize, fg) + " -fx-font-weight: bold; -fx-font-family: '" + Fonts.monoFamily() + "';");
        urlTitle.setStyle(size(base * 1.2, muted));
        double urlSize = joining ? Math.min(base * 2, sideW / 16) : Math.min(base * 1.3, sideW / 18);
        url.setStyle(size(urlSize, fg) + " -fx-font-weight: bold;");
        joined.setStyle(size(base * 1.5, fg) + " -fx-font-weight: bold;");
        for (Node n : people.getChildren()) {
            n.setStyle("-fx-font-size: " + px(base * 1.3) + ";");
        }
        for (Node n : summaryBox.getChildren()) {
            n.setStyle(size(n.getStyleClass().contains("class-summary-title") ? base * 1.6 : base * 1.3, fg)
                    + (n.getStyleClass().contains("class-summary-title") ? " -fx-font-weight: bold;" : "") + words);
        }
        status.setStyle(size(base * 1.1, fg));
    }

    /** The largest size up to {@code wanted} at which the prompt's longest line fits the question's width. */
    private double tableSize(double wanted) {
        double width = questionScroll == null ? 0 : questionScroll.getViewportBounds().getWidth() - 24;
        if (width <= 0) {
            return wanted;
        }
        int cells = 0;
        for (String line : vm.promptProperty().get().split("\n")) {
            int c = 0;
            for (int i = 0; i < line.length(); i++) {
                c += Fonts.hasCjk(String.valueOf(line.charAt(i))) ? 2 : 1;
            }
            cells = Math.max(cells, c);
        }
        double fit = cells == 0 ? wanted : width / (cells * 0.61);
        return Math.max(10, Math.min(wanted, fit));
    }

    private static String size(double px, String colour) {
        return "-fx-font-size: " + px(px) + "; -fx-text-fill: " + colour + ";";
    }

    private static String px(double v) {
        return String.format(Locale.ROOT, "%.1fpx", v);
    }


    // ------------------------------------------------------------------ cells and words

    private static void showIf(Node n, javafx.beans.value.ObservableBooleanValue condition) {
        n.visibleProperty().bind(condition);
        n.managedProperty().bind(n.visibleProperty());
    }

    private static HBox group(Node... nodes) {
        HBox g = new HBox(4, nodes);
        g.setAlignment(Pos.CENTER_LEFT);
        return g;
    }

    private String text(String key, Object... args) {
        return Texts.of(ClassViewModel.BUNDLE, vm.langProperty().get()).get(key, args);
    }

    private String quizText(String key) {
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
        b.setMnemonicParsing(false);
        if (key != null) {
            b.textProperty().bind(binding(key));
        }
        return b;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return tcplab.ui.common.UiTexts.shownAs(f);
    }
}
