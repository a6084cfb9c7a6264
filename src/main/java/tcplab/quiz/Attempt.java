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
    /**
     * The longest answer kept, in characters, as the live class quiz's room keeps: a typed answer
     * is a state, a number or a few words; a 5 MB paste was stored as it was.
     */
    public static final int MAX_GIVEN = 200;

    public Attempt {
        given = cap(given, MAX_GIVEN);
    }

    /** {@code s} cut to at most {@code max} characters (code points, never half a pair); null as "". */
    public static String cap(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max || s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max));
    }
}
