package tcplab.quiz;

import static tcplab.quiz.Choices.CONFUSED;
import static tcplab.quiz.Choices.options;
import static tcplab.quiz.Choices.stateOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tcplab.tcp.TcpState;

/** {@code state_meaning}: what a state means, or which state a meaning names. */
final class StateMeaningMaker extends Maker {
    StateMeaningMaker(Ask ask) {
        super(ask);
    }

    @Override
    public Question make() {
        TcpState weak = ask.weak();
        TcpState s = weak != null ? weak : TcpState.values()[rnd.nextInt(TcpState.values().length)];
        boolean reverse = d != Difficulty.EASY && rnd.nextBoolean();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("state", s.name());
        String explanation = t.get("explain.meaning", s.name(), meaning(s)) + " " + t.get("meaning.where." + s.name());
        if (reverse) {
            List<String> options = stateOptions(rnd, s, List.of());
            return new Question(id, QuestionType.STATE_MEANING, d, t.get("state_meaning.reverse", meaning(s)),
                    options, s.name(), AnswerKind.STATE, List.of(), explanation, s, fields,
                    SimLab.Index.get().state(s)).withFeedback(stateFeedback(options, s, null));
        }
        List<String> cands = new ArrayList<>();
        for (TcpState o : CONFUSED.get(s)) {
            cands.add(meaning(o));
        }
        List<String> opts = new ArrayList<>(options(rnd, meaning(s), cands, 4));
        if (opts.size() < 4) {
            List<String> more = new ArrayList<>();
            for (TcpState o : TcpState.values()) {
                more.add(meaning(o));
            }
            opts = options(rnd, meaning(s), more, 4);
        }
        return new Question(id, QuestionType.STATE_MEANING, d, t.get("state_meaning.prompt", s.name()), opts, meaning(s),
                AnswerKind.TEXT, List.of(), explanation, s, fields, SimLab.Index.get().state(s))
                .withFeedback(meaningFeedback(opts, meaning(s)));
    }
}
