package tcplab.quiz.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tcplab.i18n.Lang;
import tcplab.quiz.Question;

/**
 * The JSON a student's browser gets: the open question without its answer, the student's own
 * answer, and after the reveal the answer, the explanation, the feedback for the student's choice
 * and how the class answered. Other students' answers are never in it; names only in the
 * leaderboard, when the teacher shows it.
 */
final class StudentJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    /** The leaderboard a phone shows: the top ten (and the student's own line). */
    static final int TOP = 10;

    private StudentJson() {
    }

    static String notJoined(long version) {
        return write(g -> {
            g.writeNumberField("v", version);
            g.writeBooleanField("joined", false);
        });
    }

    static String of(Room.StudentView v, Lang lang) {
        return write(g -> {
            g.writeNumberField("v", v.version());
            g.writeBooleanField("joined", true);
            g.writeStringField("name", v.name());
            g.writeNumberField("score", v.score());
            g.writeStringField("phase", v.phase().name().toLowerCase(Locale.ROOT));
            LiveQuestion lq = v.question();
            if (lq != null) {
                Question q = lq.in(lang);
                g.writeObjectFieldStart("question");
                g.writeNumberField("n", lq.number());
                g.writeStringField("prompt", q.prompt());
                g.writeBooleanField("typed", lq.typed());
                g.writeArrayFieldStart("options");
                for (String o : q.options()) {
                    g.writeString(o);
                }
                g.writeEndArray();
                g.writeNumberField("remainingMs", v.remainingMs());
                g.writeEndObject();
            }
            Room.Answer mine = v.mine();
            if (mine != null) {
                g.writeObjectFieldStart("mine");
                g.writeNumberField("option", mine.option());
                g.writeStringField("text", mine.option() >= 0 && lq != null ? lq.in(lang).options().get(mine.option())
                        : mine.text());
                g.writeEndObject();
            }
            Room.Reveal r = v.reveal();
            if (r != null && lq != null && r.question().number() == lq.number()) {
                Question q = lq.in(lang);
                g.writeObjectFieldStart("reveal");
                g.writeNumberField("answerIndex", lq.answerIndex());
                g.writeStringField("answer", q.answer());
                g.writeStringField("explanation", q.explanation() == null ? "" : q.explanation());
                if (mine != null) {
                    g.writeBooleanField("right", mine.right());
                    String why = mine.right() ? null : q.whyWrong(mine.option() >= 0
                            ? String.valueOf((char) ('A' + mine.option())) : mine.text());
                    if (why != null) {
                        g.writeStringField("why", why);
                    }
                }
                g.writeArrayFieldStart("counts");
                for (int c : r.counts()) {
                    g.writeNumber(c);
                }
                g.writeEndArray();
                g.writeNumberField("answered", r.answered());
                g.writeNumberField("rightCount", r.right());
                g.writeEndObject();
            }
            List<Room.Standing> st = v.standings();
            if (st != null) {
                g.writeArrayFieldStart("standings");
                for (Room.Standing s : st) {
                    if (s.rank() <= TOP || s.name().equals(v.name())) {
                        g.writeStartObject();
                        g.writeNumberField("rank", s.rank());
                        g.writeStringField("name", s.name());
                        g.writeNumberField("score", s.score());
                        g.writeBooleanField("me", s.name().equals(v.name()));
                        g.writeEndObject();
                    }
                }
                g.writeEndArray();
            }
        });
    }

    static String error(Room.Refusal r) {
        return write(g -> g.writeStringField("error", r.name().toLowerCase(Locale.ROOT)));
    }

    static String error(String code) {
        return write(g -> g.writeStringField("error", code));
    }

    static String fields(Map<String, String> m) {
        return write(g -> {
            for (Map.Entry<String, String> e : m.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body b) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            b.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
