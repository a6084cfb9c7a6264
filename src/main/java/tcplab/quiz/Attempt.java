package tcplab.quiz;

/**
 * One answered question of one learner.
 *
 * @param time     when, ISO-8601 ({@code 2025-03-01T10:15:30Z})
 * @param mode     practice, exam or classroom
 * @param focus    the state the question was about, or "" (for asking more about weak states)
 * @param given    what the learner answered ("" when time ran out or skipped)
 */
public record Attempt(String learner, String time, String mode, String questionId, String type, String focus,
                      String given, String answer, boolean correct) {
}
