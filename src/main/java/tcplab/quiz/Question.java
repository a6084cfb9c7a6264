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
 */
public record Question(String id, QuestionType type, Difficulty difficulty, String prompt, List<String> options,
                       String answer, AnswerKind kind, List<String> accepted, String explanation, TcpState focus,
                       Map<String, String> fields, Show show) {
    public Question {
        options = List.copyOf(options);
        accepted = List.copyOf(accepted);
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        if (!options.isEmpty() && !options.contains(answer)) {
            throw new IllegalArgumentException("answer not among the options: " + answer + " " + options);
        }
    }

    /** The letter of the right option (A, B, ...). */
    public char answerLetter() {
        return (char) ('A' + options.indexOf(answer));
    }

    public boolean isCorrect(String input) {
        return Answers.isCorrect(this, input);
    }
}
