package tcplab.quiz;

import java.util.Locale;

/** The kinds of question, with the topic each belongs to. Names as in jsonl ({@code next_state}). */
public enum QuestionType {
    NEXT_STATE("states"),
    NEXT_SEGMENT("segments"),
    STATE_AFTER("states"),
    STATE_MEANING("states"),
    READ_LINE("netstat"),
    DIAGNOSE_TABLE("netstat"),
    PORT_CLASS("ports"),
    ORDER_STEPS("segments");

    private final String topic;

    QuestionType(String topic) {
        this.topic = topic;
    }

    /** {@code next_state}, ... */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The topic group: states, segments, netstat or ports. */
    public String topic() {
        return topic;
    }

    public static QuestionType parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (QuestionType q : values()) {
            if (q.name().equals(t)) {
                return q;
            }
        }
        return null;
    }
}
