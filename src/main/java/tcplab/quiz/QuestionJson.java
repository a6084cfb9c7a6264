package tcplab.quiz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A question as one jsonl object: {@code id, type, prompt, options, answer}, the type's own fields
 * (for next_state exactly {@code from_state} and {@code event}), then {@code explanation}. Other
 * types add {@code difficulty}, {@code kind} and {@code show} after it.
 */
public final class QuestionJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private QuestionJson() {
    }

    public static String line(Question q) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("id", q.id());
            g.writeStringField("type", q.type().jsonName());
            g.writeStringField("prompt", q.prompt());
            g.writeArrayFieldStart("options");
            for (String o : q.options()) {
                g.writeString(o);
            }
            g.writeEndArray();
            g.writeStringField("answer", q.answer());
            for (Map.Entry<String, String> e : q.fields().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeStringField("explanation", q.explanation());
            if (!q.feedback().isEmpty()) {
                // Why each wrong option is wrong, keyed by the option's text.
                g.writeObjectFieldStart("feedback");
                for (Map.Entry<String, String> e : q.feedback().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            if (q.type() != QuestionType.NEXT_STATE) {
                g.writeStringField("difficulty", q.difficulty().jsonName());
                g.writeStringField("kind", q.kind().name().toLowerCase(java.util.Locale.ROOT));
                if (q.show() != null) {
                    g.writeObjectFieldStart("show");
                    if (q.show().scenario() != null) {
                        g.writeStringField("scenario", q.show().scenario());
                    } else {
                        g.writeStringField("scenario_yaml", q.show().yaml());
                    }
                    g.writeNumberField("at_ms", q.show().atMs());
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
