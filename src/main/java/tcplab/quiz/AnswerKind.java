package tcplab.quiz;

/** How a typed answer is compared with the right one (an option letter always works). */
public enum AnswerKind {
    /** A TCP state, in any spelling: {@code SYN_RECV}, {@code SYN-RECEIVED}, {@code syn received}. */
    STATE,
    /** A whole number. */
    NUMBER,
    /** An order of numbered steps: {@code 2 4 1 3}, {@code 2,4,1,3} or {@code 2413}. */
    ORDER,
    /** Text, ignoring case, spaces, hyphens and underscores. */
    TEXT
}
