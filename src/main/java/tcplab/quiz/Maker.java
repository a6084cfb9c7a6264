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

    /**
     * Why each wrong state option is wrong: staying where it was when the event moves it on, or
     * what the state named means (which is not where the story leads).
     */
    java.util.Map<String, String> stateFeedback(List<String> options, TcpState answer, TcpState from) {
        java.util.Map<String, String> why = new java.util.LinkedHashMap<>();
        for (String o : options) {
            if (o.equals(answer.name())) {
                continue;
            }
            TcpState s = TcpState.valueOf(o);
            if (s == from) {
                why.put(o, t.get("fb.state.stays", o, answer.name()));
            } else {
                why.put(o, t.get("fb.state.means", o, meaning(s)));
            }
        }
        return why;
    }

    /** The reasons of the options shown, the answer's excluded. */
    static java.util.Map<String, String> only(java.util.Map<String, String> why, List<String> options, String answer) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String o : options) {
            if (!o.equals(answer) && why.containsKey(o)) {
                out.put(o, why.get(o));
            }
        }
        return out;
    }

    /** Why a state's meaning that is offered for another state is wrong: which state it describes. */
    java.util.Map<String, String> meaningFeedback(List<String> options, String answer) {
        java.util.Map<String, String> why = new java.util.LinkedHashMap<>();
        for (TcpState s : TcpState.values()) {
            String m = meaning(s);
            if (options.contains(m) && !m.equals(answer)) {
                why.put(m, t.get("fb.meaning.other", s.name()));
            }
        }
        return why;
    }

    /** Why a service offered for a port is wrong: the port it normally listens on. */
    java.util.Map<String, String> serviceFeedback(List<String> options, String answer, int port) {
        java.util.Map<String, String> why = new java.util.LinkedHashMap<>();
        for (String o : options) {
            if (o.equals(answer)) {
                continue;
            }
            tcplab.netstat.Services.Service s = tcplab.netstat.Services.get().byName(tcplab.netstat.Proto.TCP, o);
            why.put(o, s != null ? t.get("fb.service.port", o, Integer.toString(s.port()), Integer.toString(port))
                    : t.get("fb.service.other", o, Integer.toString(port)));
        }
        return why;
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
