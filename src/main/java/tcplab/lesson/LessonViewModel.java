package tcplab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.netstat.NetstatParser;
import tcplab.netstat.ParsedLine;

/**
 * Where a class stands in a lesson, for every view of it: the Lessons tab, the presenter view and
 * the terminal runner ({@code tcplab lesson run}). Plain Java (the terminal has no JavaFX); views
 * observe it through {@link #addListener} and call its commands.
 *
 * <p>A step with a checkpoint is first a {@link Phase#QUESTION}: the frame shown is the one the
 * step starts from (what the class can see while it predicts), with the step's setup text, the
 * question and its choices, and neither the narration nor the highlights, which would give the
 * answer away. Answering moves to {@link Phase#ANSWERED}: the step's own frame, its highlights
 * and narration, and feedback repeating the words the learner chose. The answer is kept, so
 * going back and forward again shows the answered checkpoint instead of asking again. A step
 * without a checkpoint is {@link Phase#NARRATION}.
 *
 * <p>A teacher's clicker has only "next": at an open question, next reveals the answer (the
 * class answered aloud or on paper), recording nothing for the learner, and the next press goes on.
 */
public final class LessonViewModel {
    /** What a step shows. */
    public enum Phase { QUESTION, ANSWERED, NARRATION }

    /** A checkpoint answered: what is recorded for the learner (see {@link #setRecorder}). */
    public record Answered(String lessonId, int step, Lesson.Checkpoint checkpoint, String given, String answer,
                           boolean correct) {
        /**
         * The answer as a row of the learner's results (the quiz's file and CSV): mode
         * {@code lesson}, question id {@code lesson:ID:STEP} (step from 1), type the checkpoint's
         * kind, and the state it is about (so practice quizzes ask more about states missed here).
         */
        public tcplab.quiz.Attempt toAttempt(String learner, String time) {
            String kind = checkpoint.kind().name().toLowerCase(java.util.Locale.ROOT);
            String focus = checkpoint.kind() == Lesson.CheckKind.NEXT_SEGMENT ? "" : answer;
            return new tcplab.quiz.Attempt(learner, time, "lesson", "lesson:" + lessonId + ":" + (step + 1), kind, focus,
                    given, answer, correct);
        }
    }

    /** One line of the table shown: its number (from 1), its text, and whether the step points at it. */
    public record TableLine(int number, String text, boolean marked) {
    }

    private final LessonRun run;
    private final List<Runnable> listeners = new ArrayList<>();
    /** Per step, the value chosen at its checkpoint, or null while unanswered. */
    private final String[] chosen;
    /** Per step, whether its answer was revealed without a choice (by "next", from a clicker). */
    private final boolean[] revealed;
    private Consumer<Answered> recorder = a -> { };
    private Lang lang;
    private int index;

    public LessonViewModel(LessonRun run, Lang lang) {
        this.run = Objects.requireNonNull(run);
        this.lang = lang == null ? Lang.EN : lang;
        this.chosen = new String[run.frames().size()];
        this.revealed = new boolean[run.frames().size()];
    }

    // ------------------------------------------------------------------ observing

    /** Called after every change (step, phase, answer, language). */
    public void addListener(Runnable r) {
        listeners.add(r);
    }

    public void removeListener(Runnable r) {
        listeners.remove(r);
    }

    private void changed() {
        for (Runnable r : List.copyOf(listeners)) {
            r.run();
        }
    }

    /** Where each checkpoint answer goes (the results store of the learner); nothing by default. */
    public void setRecorder(Consumer<Answered> recorder) {
        this.recorder = recorder == null ? a -> { } : recorder;
    }

    // ------------------------------------------------------------------ commands

    /** Goes to step {@code i} (0-based), clamped to the lesson. */
    public void goTo(int i) {
        index = Math.max(0, Math.min(i, size() - 1));
        changed();
    }

    /**
     * Next: at an open question, reveals its answer (nothing recorded); else the next step. False
     * (nothing changes) at the end.
     */
    public boolean next() {
        if (!canNext()) {
            return false;
        }
        if (phase() == Phase.QUESTION) {
            revealed[index] = true;
            changed();
            return true;
        }
        index++;
        changed();
        return true;
    }

    /** The step before; false at the first. */
    public boolean back() {
        if (!canBack()) {
            return false;
        }
        index--;
        changed();
        return true;
    }

    /** Answers the open question with its {@code k}-th choice (0-based); false when none is open. */
    public boolean answer(int k) {
        Lesson.Checkpoint cp = checkpoint();
        if (phase() != Phase.QUESTION || k < 0 || k >= cp.choices().size()) {
            return false;
        }
        String value = cp.choices().get(k).value();
        chosen[index] = value;
        recorder.accept(new Answered(run.lesson().id(), index, cp, value, rightAnswer(), value.equals(rightAnswer())));
        changed();
        return true;
    }

    public void setLang(Lang l) {
        if (l != null && l != lang) {
            lang = l;
            changed();
        }
    }

    // ------------------------------------------------------------------ state

    public LessonRun run() {
        return run;
    }

    public Lesson lesson() {
        return run.lesson();
    }

    public Lang lang() {
        return lang;
    }

    /** The current step, 0-based. */
    public int index() {
        return index;
    }

    public int size() {
        return run.frames().size();
    }

    public Lesson.Step step() {
        return run.lesson().steps().get(index);
    }

    /** The checkpoint of the current step, or null. */
    public Lesson.Checkpoint checkpoint() {
        return step().checkpoint();
    }

    public Phase phase() {
        if (checkpoint() == null) {
            return Phase.NARRATION;
        }
        return chosen[index] == null && !revealed[index] ? Phase.QUESTION : Phase.ANSWERED;
    }

    public boolean canNext() {
        return phase() == Phase.QUESTION || index + 1 < size();
    }

    /** Whether "next" now reveals the answer of the open question (rather than going on). */
    public boolean nextReveals() {
        return phase() == Phase.QUESTION;
    }

    public boolean canBack() {
        return index > 0;
    }

    public boolean atEnd() {
        return index + 1 >= size() && phase() != Phase.QUESTION;
    }

    /**
     * The frame to show: while the question is open, the one the step starts from (never the
     * step's own, which already holds the answer); otherwise the step's.
     */
    public LessonRun.Frame frame() {
        return phase() == Phase.QUESTION ? run.before(index) : run.frames().get(index);
    }

    /** Whether the step's highlights apply (not while its question is open: they point at the answer). */
    public boolean highlighted() {
        return phase() != Phase.QUESTION;
    }

    /** The narration, revealed once the question (if any) is answered; empty before. */
    public String narration() {
        return phase() == Phase.QUESTION ? "" : step().narration(lang);
    }

    /** The setup text read with the question (kept after the answer, above the feedback). */
    public String setup() {
        return checkpoint() == null ? "" : step().setup(lang);
    }

    public String question() {
        return checkpoint() == null ? "" : checkpoint().question(lang);
    }

    /** The labels of the choices, in the current language. */
    public List<String> choiceLabels() {
        List<String> out = new ArrayList<>();
        if (checkpoint() != null) {
            for (Lesson.Choice c : checkpoint().choices()) {
                out.add(c.label(lang));
            }
        }
        return out;
    }

    /** The index of the choice given at this step's checkpoint, or -1. */
    public int chosenIndex() {
        return checkpoint() == null || chosen[index] == null ? -1 : indexOf(chosen[index]);
    }

    /** The index of the right choice, or -1 (no checkpoint). */
    public int rightIndex() {
        return checkpoint() == null ? -1 : indexOf(rightAnswer());
    }

    private int indexOf(String value) {
        List<Lesson.Choice> cs = checkpoint().choices();
        for (int i = 0; i < cs.size(); i++) {
            if (cs.get(i).value().equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private String rightAnswer() {
        return run.frames().get(index).answer();
    }

    /** True/false once answered; null while the question is open or without a checkpoint. */
    public Boolean correct() {
        return phase() == Phase.ANSWERED && chosen[index] != null ? chosen[index].equals(rightAnswer()) : null;
    }

    /**
     * The feedback once answered, repeating the words the learner chose (the choice's label in
     * the current language) and, when wrong, those of the right choice; empty otherwise.
     */
    public String feedback() {
        Boolean ok = correct();
        List<String> labels = choiceLabels();
        Texts t = Texts.of(LessonLoader.BUNDLE, lang);
        if (ok == null) {
            return phase() == Phase.ANSWERED ? t.get("view.revealed", labels.get(rightIndex())) : "";
        }
        String mine = labels.get(chosenIndex());
        return ok ? t.get("view.right", mine) : t.get("view.wrong", mine, labels.get(rightIndex()));
    }

    /** "3 / 9". */
    public String position() {
        return (index + 1) + " / " + size();
    }

    /** The teacher's notes of the step (never for the audience: views decide where to show them). */
    public String notes() {
        return step().notes(lang);
    }

    /**
     * The line of the table the step points at (from 1), or 0: while the question is open, the line
     * a {@code line} checkpoint asks about; afterwards the step's highlighted line.
     */
    public int markedLine() {
        if (phase() == Phase.QUESTION) {
            return checkpoint().kind() == Lesson.CheckKind.LINE ? checkpoint().netstatLine() : 0;
        }
        return run.frames().get(index).netstatLine();
    }

    /** Every line of the table shown, the marked one flagged. */
    public List<TableLine> tableLines() {
        List<String> lines = frame().tableLines();
        int mark = markedLine();
        List<TableLine> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(new TableLine(i + 1, lines.get(i), i + 1 == mark));
        }
        return out;
    }

    /**
     * The lines the step refers to, for a view with little room (the presenter): the column
     * header above the marked line (so the class knows which column is which) and the marked line;
     * empty when the step points at no line.
     */
    public List<TableLine> referencedLines() {
        int mark = markedLine();
        List<TableLine> all = tableLines();
        if (mark <= 0 || mark > all.size()) {
            return List.of();
        }
        int header = 0;
        for (ParsedLine p : NetstatParser.parseAll(frame().table())) {
            if (p instanceof ParsedLine.Header && p.line() < mark) {
                header = p.line();
            }
        }
        List<TableLine> out = new ArrayList<>();
        if (header > 0) {
            out.add(all.get(header - 1));
        }
        out.add(all.get(mark - 1));
        return out;
    }

}
