package tcplab.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.tcp.Segment;
import tcplab.tcp.TcpState;

/**
 * What every {@link QuestionMaker} has at hand for the one question it makes: the question's id,
 * its own {@link Random} (so the same seed gives the same question), its level, the texts of its
 * language, and the wording the question types share.
 */
abstract class Maker implements QuestionMaker {
    final Ask ask;
    final String id;
    final Random rnd;
    final Difficulty d;
    final Lang lang;
    final Texts t;

    Maker(Ask ask) {
        this.ask = ask;
        this.id = ask.id();
        this.rnd = ask.rnd();
        this.d = ask.difficulty();
        this.lang = ask.lang();
        this.t = Texts.of(QuizGenerator.BUNDLE, ask.lang());
    }

    /** What a state means, in a sentence (the bundle's {@code meaning.STATE}). */
    String meaning(TcpState s) {
        return t.get("meaning." + s.name());
    }

    /** "It sends SYN seq=...; ..." or "It sends nothing." */
    String sentText(List<Segment> sent) {
        if (sent.isEmpty()) {
            return t.get("sent.nothing");
        }
        List<String> parts = new ArrayList<>();
        for (Segment s : sent) {
            parts.add(SegText.of(s));
        }
        return t.get("sent.segments", String.join("; ", parts));
    }
}
