package tcplab.ui.quiz;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.quiz.Attempt;
import tcplab.quiz.Difficulty;
import tcplab.quiz.Question;
import tcplab.quiz.QuestionType;
import tcplab.quiz.QuizGenerator;
import tcplab.quiz.QuizSession;
import tcplab.quiz.ResultsStore;
import tcplab.quiz.Show;

/**
 * The quiz tab's state and commands, on javafx.beans only (tested without starting JavaFX).
 * Practice: feedback and explanation after each answer, "show me" animates the answer. Exam: no
 * feedback, optional time limit, score and review at the end. Classroom: big text, the teacher
 * reveals the answer. Results are saved per learner name when a store is given.
 */
public final class QuizViewModel {
    /** Where "show me" goes: the run model of the window. */
    public interface ShowTarget {
        void show(Show show);
    }

    /** One line of the review at the end of an exam. */
    public record ReviewRow(int number, Question question, String given, boolean correct) {
    }

    private final ObjectProperty<Lang> lang = new SimpleObjectProperty<>(Lang.EN);
    private final ObjectProperty<QuizSession.Mode> mode = new SimpleObjectProperty<>(QuizSession.Mode.PRACTICE);
    private final StringProperty topic = new SimpleStringProperty("all");
    private final ObjectProperty<Difficulty> difficulty = new SimpleObjectProperty<>(null);
    private final IntegerProperty count = new SimpleIntegerProperty(10);
    private final IntegerProperty timeLimitS = new SimpleIntegerProperty(0);
    private final StringProperty learner = new SimpleStringProperty("");
    private final BooleanProperty bigText = new SimpleBooleanProperty(false);
    /** The teacher's question banks loaded in this tab; their questions are mixed into the quiz. */
    private final tcplab.ui.common.LoadedBanks banks = new tcplab.ui.common.LoadedBanks();
    private final BooleanProperty bankOnly = new SimpleBooleanProperty(false);
    private final javafx.beans.property.ReadOnlyStringWrapper banksText = new javafx.beans.property.ReadOnlyStringWrapper("");
    /** The capture the questions come from (CaptureQuiz), or null: the simulator's and the banks'. */
    private final javafx.beans.property.ReadOnlyObjectWrapper<tcplab.quiz.CaptureQuiz> capture =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final javafx.beans.property.ReadOnlyStringWrapper captureText = new javafx.beans.property.ReadOnlyStringWrapper("");
    private final tcplab.ui.common.BackgroundLoad captureLoad = new tcplab.ui.common.BackgroundLoad();

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper answered = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canShow = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper timeUp = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper prompt = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper promptIsTable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyListWrapper<String> options = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyObjectWrapper<Boolean> lastCorrect = new ReadOnlyObjectWrapper<>(null);
    private final ReadOnlyStringWrapper feedback = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper clock = new ReadOnlyStringWrapper("");
    private final ReadOnlyListWrapper<ReviewRow> review = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());

    private final ResultsStore store;
    private final ShowTarget target;
    private final LongSupplier clockMs;
    private final java.util.function.LongSupplier seeds;
    private QuizSession session;
    private Question shown;

    public QuizViewModel(ResultsStore store, ShowTarget target, LongSupplier clockMs, LongSupplier seeds) {
        this.store = store;
        this.target = target;
        this.clockMs = clockMs;
        this.seeds = seeds;
        mode.addListener((o, a, m) -> bigText.set(m == QuizSession.Mode.CLASSROOM));
        lang.addListener((o, a, l) -> captureText.set(capture.get() == null ? "" : t().get("ui.captureUsed", capture.get().name())));
        lang.addListener((o, a, l) -> {
            describeBanks();
            if (session != null && running.get() && !session.finished()) {
                // The same question, remade in the new language's words. After an answer the
                // feedback stays until Next, and the next question comes in the new language.
                session.relabel(l);
                if (!answered.get()) {
                    present();
                }
            }
        });
    }

    private Texts t() {
        return Texts.of(QuizGenerator.BUNDLE, lang.get());
    }

    // Settings //
    public ObjectProperty<Lang> langProperty() {
        return lang;
    }

    public ObjectProperty<QuizSession.Mode> modeProperty() {
        return mode;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public ObjectProperty<Difficulty> difficultyProperty() {
        return difficulty;
    }

    public IntegerProperty countProperty() {
        return count;
    }

    public IntegerProperty timeLimitSProperty() {
        return timeLimitS;
    }

    public StringProperty learnerProperty() {
        return learner;
    }

    /** Ask only the loaded banks' questions. */
    public BooleanProperty bankOnlyProperty() {
        return bankOnly;
    }

    /** What is loaded: "seeds (12 questions)", or empty. */
    public ReadOnlyStringProperty banksTextProperty() {
        return banksText.getReadOnlyProperty();
    }

    /**
     * Loads the question banks of a file or a folder, in addition to those loaded before. A bank
     * with a mistake is not loaded: its problems ({@code file:line: what is wrong}) go to the
     * status line, and the banks that load are kept.
     */
    public void loadBanks(java.nio.file.Path fileOrDir) {
        loadBanksInBackground(fileOrDir, Runnable::run, Runnable::run);
    }

    /**
     * {@link #loadBanks} without holding up the window: a bank may be 4 MB, seconds of reading.
     * While it loads, {@link #bankLoad()} names the file and can cancel it.
     */
    public void loadBanksInBackground(java.nio.file.Path fileOrDir, java.util.concurrent.Executor background,
            java.util.concurrent.Executor ui) {
        banks.load(fileOrDir, background, ui, lang::get, status::set, loaded -> describeBanks());
    }

    /** The bank being loaded, and its Cancel. */
    public tcplab.ui.common.BackgroundLoad bankLoad() {
        return banks.loading();
    }

    /** Forgets the loaded banks. */
    public void clearBanks() {
        banks.clear();
        bankOnly.set(false);
        describeBanks();
    }

    private void describeBanks() {
        banksText.set(String.join(", ", banks.names(lang.get())));
    }

    public BooleanProperty bigTextProperty() {
        return bigText;
    }

    // State //
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    /** True when the last exam ended because its time was up (the pane shows it in the lost colour). */
    public ReadOnlyBooleanProperty timeUpProperty() {
        return timeUp.getReadOnlyProperty();
    }

    /** True once the current question is answered (practice) or revealed (classroom). */
    public ReadOnlyBooleanProperty answeredProperty() {
        return answered.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canShowProperty() {
        return canShow.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty promptProperty() {
        return prompt.getReadOnlyProperty();
    }

    /** The prompt holds netstat output: show it in a fixed-width font. */
    public ReadOnlyBooleanProperty promptIsTableProperty() {
        return promptIsTable.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<String> optionsProperty() {
        return options.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Boolean> lastCorrectProperty() {
        return lastCorrect.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty feedbackProperty() {
        return feedback.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty clockProperty() {
        return clock.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<ReviewRow> reviewProperty() {
        return review.getReadOnlyProperty();
    }

    /** The question on screen, or null. */
    public Question current() {
        return shown;
    }

    // Commands //

    /**
     * Asks questions from {@code c} (a capture's blanked fields, shuffled packets and states, as
     * {@code tcplab quiz --capture} does) from the next start on; null goes back to the
     * simulator's questions. A capture that gives nothing to ask is refused, saying so.
     */
    public void useCapture(tcplab.quiz.CaptureQuiz c) {
        if (c != null && !c.canAsk()) {
            status.set(t().get("ui.captureNothing", c.name()));
            c = null;
        }
        capture.set(c);
        captureText.set(c == null ? "" : t().get("ui.captureUsed", c.name()));
    }

    /**
     * Reads a capture on {@code background} and asks from it ({@link #useCapture}); a file that
     * is no capture says where and why in {@link #statusProperty()}.
     */
    public void loadCaptureInBackground(java.nio.file.Path file, java.util.concurrent.Executor background,
                                        java.util.concurrent.Executor ui) {
        Lang l = lang.get();
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        captureLoad.start(file.toString(), () -> {
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
                return tcplab.capture.CaptureAnalysis.read(in);
            }
        }, background, ui, a -> {
            if (a.problem() != null && a.frames() == 0) {
                status.set(a.problem().format(file.toString(), l));
            } else {
                useCapture(new tcplab.quiz.CaptureQuiz(name, a.connections()));
            }
        }, e -> status.set(t().get("ui.captureUnreadable", file.toString(), String.valueOf(e.getMessage()))));
    }

    /** The capture being read for questions (for a loading row). */
    public tcplab.ui.common.BackgroundLoad captureLoad() {
        return captureLoad;
    }

    /** The capture the questions come from, or null. */
    public ReadOnlyObjectProperty<tcplab.quiz.CaptureQuiz> captureProperty() {
        return capture.getReadOnlyProperty();
    }

    /** "Questions from curl.pcap", or empty. */
    public ReadOnlyStringProperty captureTextProperty() {
        return captureText.getReadOnlyProperty();
    }

    /** Starts a new quiz with the settings. */
    public void start() {
        Texts t = t();
        java.util.Set<QuestionType> types = QuizGenerator.topic(topic.get() == null ? "all" : topic.get());
        if (types == null) {
            types = QuestionType.generatedTypes();
        }
        tcplab.quiz.CaptureQuiz cq = capture.get();
        if (cq != null) {
            // a capture asks only its own kinds; a topic of none of them means all three
            java.util.Set<QuestionType> mine = java.util.EnumSet.copyOf(tcplab.quiz.CaptureQuiz.TYPES);
            mine.retainAll(types);
            types = mine.isEmpty() ? tcplab.quiz.CaptureQuiz.TYPES : mine;
        }
        String name = learner.get() == null ? "" : learner.get().trim();
        List<Attempt> history = List.of();
        status.set("");
        if (store != null && !name.isEmpty()) {
            try {
                // open(), not load(): a folder that cannot take the results is said before the first question.
                ResultsStore.Loaded l = store.open();
                history = l.of(name);
                reportSetAside(l);
            } catch (IOException e) {
                status.set(t.get("ui.saveFailed", ResultsStore.message(e, t.lang())));
            }
        }
        int n = Math.max(1, Math.min(200, count.get()));
        long limit = mode.get() == QuizSession.Mode.EXAM && timeLimitS.get() > 0 ? timeLimitS.get() * 1000L : 0;
        QuizGenerator.Filter filter = new QuizGenerator.Filter(types, difficulty.get(), java.util.Map.of());
        QuizGenerator generator = cq != null ? new QuizGenerator(lang.get(), cq)
                : new QuizGenerator(lang.get(), banks.list(), bankOnly.get() && !banks.isEmpty());
        if (cq == null && generator.bankOnly() && !generator.hasBankQuestions(filter)) {
            // Not a quiz of generated questions the teacher did not ask for: say why nothing starts.
            status.set(t.get("ui.bankNoneFits"));
            return;
        }
        session = new QuizSession(generator, seeds.getAsLong(), n, filter, mode.get(), limit, clockMs, name, history);
        saved = 0;
        saveProblem = null;
        setAside = null;
        review.clear();
        summary.set("");
        timeUp.set(false);
        finished.set(false);
        running.set(true);
        present();
    }

    private void reportSetAside(ResultsStore.Loaded l) {
        if (l.setAside() != null) {
            status.set(t().get("term.damaged", l.setAside().toString(), l.problem() == null ? "" : l.problem()));
        }
    }

    private void present() {
        Question q = session.current();
        shown = q;
        answered.set(false);
        lastCorrect.set(null);
        feedback.set("");
        explanation.set("");
        canShow.set(false);
        if (q == null) {
            finish();
            return;
        }
        Texts t = t();
        heading.set(t.get("term.header", Integer.toString(session.index() + 1), Integer.toString(session.count()),
                t.get("type." + q.type().jsonName()), t.get("difficulty." + q.difficulty().jsonName())));
        prompt.set(q.prompt());
        // a capture's packets are a table too: one packet a line, its columns lined up
        promptIsTable.set(q.type() == QuestionType.READ_LINE || q.type() == QuestionType.DIAGNOSE_TABLE
                || tcplab.quiz.CaptureQuiz.TYPES.contains(q.type()));
        options.setAll(q.options());
        tick();
    }

    /** Answers the current question: an option letter, an option's text, or a typed answer. */
    public void answer(String input) {
        if (session == null || shown == null || answered.get() || mode.get() == QuizSession.Mode.CLASSROOM) {
            return;
        }
        if (session.timeUp()) {
            // Answered after the bell: not counted, and the exam ends saying so.
            finish();
            return;
        }
        Question q = shown;
        QuizSession.Answered a = session.answer(input);
        if (a == null) {
            finish();
            return;
        }
        saveNew(); // closing the window mid-quiz loses at most the question on screen
        if (mode.get() == QuizSession.Mode.EXAM) {
            if (session.finished()) {
                finish();
            } else {
                present();
            }
            return;
        }
        Texts t = t();
        lastCorrect.set(a.correct());
        feedback.set(a.correct() ? t.get("term.right") : t.get("term.wrong", q.answerLetter() + ") " + q.answer()));
        String why = a.correct() ? null : q.whyWrong(input);
        explanation.set(why == null ? q.explanation() : why + "\n" + q.explanation());
        canShow.set(q.show() != null);
        answered.set(true);
    }

    /** Picks option {@code i} (0-based). */
    public void choose(int i) {
        if (shown != null && i >= 0 && i < shown.options().size()) {
            answer(String.valueOf((char) ('A' + i)));
        }
    }

    /** Classroom: shows the answer and its explanation. */
    public void reveal() {
        if (session == null || shown == null || answered.get()) {
            return;
        }
        Question q = shown;
        feedback.set(t().get("term.answerIs", q.answerLetter() + ") " + q.answer()));
        explanation.set(q.explanation());
        canShow.set(q.show() != null);
        answered.set(true);
    }

    /** After feedback (practice) or the reveal (classroom): the next question, or the end. */
    public void next() {
        if (session == null || !answered.get()) {
            return;
        }
        if (mode.get() == QuizSession.Mode.CLASSROOM) {
            session.answer(shown.answer());
        }
        if (session.finished()) {
            finish();
        } else {
            present();
        }
    }

    /** "Show me": animate the question's answer in the window. */
    public void showMe() {
        if (shown != null && shown.show() != null && target != null && canShow.get()) {
            target.show(shown.show());
        }
    }

    /** Called every second by the view: the exam clock, and the end when time is up. */
    public void tick() {
        if (session == null || !running.get()) {
            clock.set("");
            return;
        }
        long left = session.remainingMs();
        if (left < 0) {
            clock.set("");
            return;
        }
        clock.set(t().get("ui.timeLeft", String.format("%d:%02d", left / 60000, left / 1000 % 60)));
        if (left == 0 && mode.get() == QuizSession.Mode.EXAM) {
            finish();
        }
    }

    /** Stops the quiz now; in an exam the unanswered questions count as wrong. */
    public void stop() {
        if (session != null && running.get()) {
            finish();
        }
    }

    private void finish() {
        if (!running.get()) {
            return;
        }
        Texts t = t();
        boolean timedOut = mode.get() == QuizSession.Mode.EXAM && session.timeUp();
        timeUp.set(timedOut);
        if (mode.get() == QuizSession.Mode.EXAM) {
            session.giveUpRest();
        }
        running.set(false);
        finished.set(true);
        shown = null;
        prompt.set("");
        options.clear();
        canShow.set(false);
        clock.set("");
        List<ReviewRow> rows = new ArrayList<>();
        int i = 1;
        for (QuizSession.Answered a : session.answered()) {
            rows.add(new ReviewRow(i++, a.question(), a.given(), a.correct()));
        }
        review.setAll(rows);
        if (mode.get() == QuizSession.Mode.CLASSROOM) {
            heading.set(t.get("ui.classroomDone", rows.size()));
            summary.set("");
        } else {
            // An exam that ran out of time says so, where the class looks (it used to end
            // silently, as if every question had been answered).
            heading.set(t.get(timedOut ? "ui.timeUp" : "ui.done"));
            summary.set(t.get("term.score", Integer.toString(session.score()), Integer.toString(session.answeredInTime()),
                    Integer.toString(session.count())));
        }
        String name = session.learner();
        if (saving() && !session.attempts().isEmpty()) {
            saveNew();
            String msg = saveProblem != null ? t.get("ui.saveFailed", saveProblem) : t.get("term.saved", name, store.file().toString());
            if (setAside != null) {
                msg = t.get("term.damaged", setAside.setAside().toString(), setAside.problem() == null ? "" : setAside.problem()) + " " + msg;
            }
            status.set(msg);
        }
    }

    /** Attempts of the session already in the results file. */
    private int saved;
    /** Why the last save failed (shown in the status line), or null. */
    private String saveProblem;
    /** The load that set a damaged file aside during this quiz, or null. */
    private ResultsStore.Loaded setAside;

    private boolean saving() {
        return store != null && session != null && !session.learner().isEmpty() && mode.get() != QuizSession.Mode.CLASSROOM;
    }

    /** Saves the session's attempts not in the file yet; a failure is shown and tried again with the next answer. */
    private void saveNew() {
        List<Attempt> all = session.attempts();
        if (!saving() || saved >= all.size()) {
            return;
        }
        try {
            ResultsStore.Loaded l = store.append(List.copyOf(all.subList(saved, all.size())));
            saved = all.size();
            saveProblem = null;
            if (l.setAside() != null) {
                setAside = l;
            }
        } catch (IOException e) {
            saveProblem = ResultsStore.message(e, t().lang());
            status.set(t().get("ui.saveFailed", saveProblem));
        }
    }

    /** A review row as text. */
    public String reviewText(ReviewRow r) {
        Texts t = t();
        String right = r.question().answerLetter() + ") " + r.question().answer();
        return r.correct() ? t.get("term.review.right", Integer.toString(r.number()), right)
                : t.get("term.review.wrong", Integer.toString(r.number()), r.given().isEmpty() ? "—" : r.given(), right);
    }
}
