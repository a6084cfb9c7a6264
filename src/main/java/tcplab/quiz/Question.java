package tcplab.quiz;

import java.util.List;
import java.util.Map;
import tcplab.tcp.TcpState;

/**
 * One generated question with its answer as the simulator, the engine or the parser computed it.
 *
 * @param id          stable for a seed: {@code SEED-INDEX}
 * @param options     the choices, exactly one of which is {@code answer}
 * @param kind        how typed answers are compared
 * @param accepted    further typed answers that count as right (e.g. the state name for its meaning)
 * @param focus       the state the question is about (for asking more about a learner's weak
 *                    states), or null
 * @param fields      type-specific fields for jsonl, in order ({@code from_state}, {@code event}, ...)
 * @param show        what to animate to show the answer, or null
 * @param feedback    for each wrong option, why it is wrong (a teacher's per-choice feedback)
 */
public record Question(String id, QuestionType type, Difficulty difficulty, String prompt, List<String> options,
                       String answer, AnswerKind kind, List<String> accepted, String explanation, TcpState focus,
                       Map<String, String> fields, Show show, Map<String, String> feedback) {
    public Question {
        options = List.copyOf(options);
        accepted = List.copyOf(accepted);
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        feedback = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(feedback));
        for (String o : feedback.keySet()) {
            if (!options.contains(o) || o.equals(answer)) {
                throw new IllegalArgumentException("feedback for what is not a wrong option: " + o);
            }
        }
        if (!options.isEmpty() && !options.contains(answer)) {
            throw new IllegalArgumentException("answer not among the options: " + answer + " " + options);
        }
    }

    /** A question without per-choice feedback. */
    public Question(String id, QuestionType type, Difficulty difficulty, String prompt, List<String> options,
                    String answer, AnswerKind kind, List<String> accepted, String explanation, TcpState focus,
                    Map<String, String> fields, Show show) {
        this(id, type, difficulty, prompt, options, answer, kind, accepted, explanation, focus, fields, show, Map.of());
    }

    /** The same question with per-choice feedback. */
    public Question withFeedback(Map<String, String> why) {
        return new Question(id, type, difficulty, prompt, options, answer, kind, accepted, explanation, focus, fields, show, why);
    }

    /** The same question at another level (the one {@link DifficultyRating} computed). */
    public Question withDifficulty(Difficulty level) {
        return new Question(id, type, level, prompt, options, answer, kind, accepted, explanation, focus, fields, show, feedback);
    }

    /**
     * Why the option a learner gave (its letter or its text) is wrong, or null: for a right
     * answer, a typed answer that is no option, or an option without feedback.
     */
    public String whyWrong(String input) {
        int i = Answers.optionIndex(this, input);
        for (int k = 0; i < 0 && k < options.size(); k++) {
            if (Answers.text(options.get(k)).equals(Answers.text(input))) {
                i = k;
            }
        }
        if (i < 0 || options.get(i).equals(answer)) {
            return null;
        }
        return feedback.get(options.get(i));
    }

    /** The letter of the right option (A, B, ...). */
    public char answerLetter() {
        return (char) ('A' + options.indexOf(answer));
    }

    public boolean isCorrect(String input) {
        return Answers.isCorrect(this, input);
    }
}
