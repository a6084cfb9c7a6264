package tcplab.quiz;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import tcplab.tcp.TcpState;

/**
 * One run of a quiz, shared by the terminal and the window: the questions (made one at a time,
 * so practice can ask more about what the learner just got wrong), the answers, the score and the
 * time limit.
 */
public final class QuizSession {
    public enum Mode {
        PRACTICE, EXAM, CLASSROOM;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An answered (or unanswered, when time ran out) question. */
    public record Answered(Question question, String given, boolean correct) {
    }

    private QuizGenerator generator;
    private final long seed;
    private final int count;
    private final QuizGenerator.Filter filter;
    private final Mode mode;
    private final long limitMs;
    private final LongSupplier clockMs;
    private final long startMs;
    private final String learner;
    private final List<Attempt> history;
    private final List<Answered> answered = new ArrayList<>();
    private int answeredInTime;
    private final List<Attempt> mine = new ArrayList<>();
    private Question current;

    /**
     * @param limitMs  exam time limit in milliseconds, 0 for none
     * @param history  the learner's earlier answers (practice asks more about the states they got wrong)
     */
    public QuizSession(QuizGenerator generator, long seed, int count, QuizGenerator.Filter filter, Mode mode,
                       long limitMs, LongSupplier clockMs, String learner, List<Attempt> history) {
        this.generator = generator;
        this.seed = seed;
        this.count = count;
        this.filter = filter;
        this.mode = mode;
        this.limitMs = limitMs;
        this.clockMs = clockMs;
        this.startMs = clockMs.getAsLong();
        this.learner = learner;
        this.history = new ArrayList<>(history);
        this.current = count > 0 ? make(0) : null;
    }

    private Question make(int i) {
        QuizGenerator.Filter f = filter;
        if (mode == Mode.PRACTICE) {
            f = filter.withWeak(ResultsStore.weakStates(history));
        }
        return generator.question(seed, i, f);
    }

    /**
     * Switches the language in the middle of a quiz: the current question is made again with the
     * same seed, number and filter by a generator of the new language, so it is the same question
     * (same random choices, same answer) in the other language's words. Answers already given stay
     * as they were.
     */
    public void relabel(tcplab.i18n.Lang lang) {
        generator = generator.withLang(lang);
        if (current != null && !finished()) {
            current = make(answered.size());
        }
    }

    public Mode mode() {
        return mode;
    }

    public int count() {
        return count;
    }

    /** 0-based number of the current question. */
    public int index() {
        return answered.size();
    }

    /** The question to answer now; null when finished. */
    public Question current() {
        return finished() ? null : current;
    }

    public boolean timeUp() {
        return limitMs > 0 && clockMs.getAsLong() - startMs >= limitMs;
    }

    /** Milliseconds left, or -1 without a limit. */
    public long remainingMs() {
        return limitMs <= 0 ? -1 : Math.max(0, limitMs - (clockMs.getAsLong() - startMs));
    }

    public boolean finished() {
        return answered.size() >= count || timeUp() && mode == Mode.EXAM;
    }

    /** Answers the current question; after the time limit the answer is not counted. */
    public Answered answer(String input) {
        Question q = current;
        if (q == null || finished()) {
            return null;
        }
        boolean late = timeUp();
        String given = input == null ? "" : input.trim();
        Answered a = new Answered(q, late ? "" : given, !late && q.isCorrect(given));
        if (!late) {
            answeredInTime++;
        }
        answered.add(a);
        record(a);
        if (answered.size() < count) {
            current = make(answered.size());
        }
        return a;
    }

    /** Ends an exam early: every question not answered counts as wrong. */
    public void giveUpRest() {
        while (answered.size() < count) {
            Question q = current;
            Answered a = new Answered(q, "", false);
            answered.add(a);
            record(a);
            if (answered.size() < count) {
                current = make(answered.size());
            }
        }
    }

    /**
     * Every question dealt with so far, the ones an ended exam gave up included (those with an
     * empty answer); see {@link #answeredInTime()} for how many the learner really answered.
     */
    public List<Answered> answered() {
        return List.copyOf(answered);
    }

    /**
     * How many questions the learner answered before the time limit: what "4 answered" in a
     * score means. {@link #answered()} also holds the ones {@link #giveUpRest()} filled in, so its
     * size is the whole exam once it has ended.
     */
    public int answeredInTime() {
        return answeredInTime;
    }

    public int score() {
        int s = 0;
        for (Answered a : answered) {
            if (a.correct()) {
                s++;
            }
        }
        return s;
    }

    private void record(Answered a) {
        Question q = a.question();
        TcpState focus = q.focus();
        Attempt at = new Attempt(learner, Instant.ofEpochMilli(clockMs.getAsLong()).toString(), mode.word(), q.id(),
                q.type().jsonName(), focus == null ? "" : focus.name(), a.given(), q.answer(), a.correct());
        history.add(at);
        mine.add(at);
    }

    /** The attempts of this session, to save. */
    public List<Attempt> attempts() {
        return List.copyOf(mine);
    }

    public String learner() {
        return learner;
    }

    public Map<TcpState, Integer> weakStates() {
        return ResultsStore.weakStates(history);
    }
}
