package tcplab.quiz;

import java.util.Locale;
import java.util.function.Function;

/** The kinds of question, with the topic each belongs to and the maker of its questions. Names as in jsonl ({@code next_state}). */
public enum QuestionType {
    NEXT_STATE("states", NextStateMaker::new),
    NEXT_SEGMENT("segments", NextSegmentMaker::new),
    STATE_AFTER("states", StateAfterMaker::new),
    STATE_MEANING("states", StateMeaningMaker::new),
    READ_LINE("netstat", ReadLineMaker::new),
    DIAGNOSE_TABLE("netstat", DiagnoseTableMaker::new),
    PORT_CLASS("ports", PortClassMaker::new),
    ORDER_STEPS("segments", OrderStepsMaker::new),
    /** Restore a blanked field (flags, seq, ack) of a captured packet ({@link CaptureQuiz}); needs a capture. */
    CAPTURE_FIELD("capture", null),
    /** Put a capture's shuffled packets back in order ({@link CaptureQuiz}); needs a capture. */
    CAPTURE_ORDER("capture", null),
    /** Name a packet sender's state after it, as the capture's inference has it ({@link CaptureQuiz}). */
    CAPTURE_STATE("capture", null),
    /** A teacher's own question, from a question bank ({@link Bank}); no maker: the file holds it. */
    BANK("bank", null);

    private final String topic;
    private final Function<Ask, QuestionMaker> maker;

    QuestionType(String topic, Function<Ask, QuestionMaker> maker) {
        this.topic = topic;
        this.maker = maker;
    }

    /** The maker of this type's questions, for one question. */
    QuestionMaker maker(Ask ask) {
        return maker.apply(ask);
    }

    /** Whether the quiz makes questions of this type without anything given (every type but a bank's and a capture's). */
    public boolean generated() {
        return maker != null;
    }

    /** Whether questions of this type come from a capture ({@link CaptureQuiz}). */
    public boolean fromCapture() {
        return "capture".equals(topic);
    }

    /** The types the quiz makes. */
    public static java.util.Set<QuestionType> generatedTypes() {
        java.util.Set<QuestionType> out = java.util.EnumSet.noneOf(QuestionType.class);
        for (QuestionType t : values()) {
            if (t.generated()) {
                out.add(t);
            }
        }
        return out;
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
