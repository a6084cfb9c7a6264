package tcplab.quiz;

import static tcplab.quiz.Choices.stateOptions;
import static tcplab.quiz.Figure5.labels;
import static tcplab.quiz.Figure5.pathTo;
import static tcplab.quiz.Figure5.pickEdge;
import static tcplab.quiz.Figure5.reach;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tcplab.quiz.Figure5.Edge;
import tcplab.tcp.Segment;
import tcplab.tcp.TcpState;

/** {@code next_state}: an endpoint in a state, one event of Figure 5; which state is it in next? */
final class NextStateMaker extends Maker {
    NextStateMaker(Ask ask) {
        super(ask);
    }

    @Override
    public Question make() {
        TcpState weak = ask.weak();
        Edge edge = pickEdge(rnd, d, weak);
        List<Step> path = pathTo(edge.from(), rnd);
        Conn c = reach(edge.from(), rnd, path);
        Segment incoming = c.peerSegment(edge.step(), 100);
        if (!c.apply(edge.step(), 100)) {
            throw new IllegalStateException("the engine refused " + edge);
        }
        TcpState to = c.state();
        String history = path.isEmpty() ? t.get("history.new") : t.get("history", labels(path));
        // A listening socket has no peer yet: say so rather than show one (netstat shows *:* / 0.0.0.0:0).
        String promptKey = edge.from() == TcpState.LISTEN ? "next_state.promptListen" : "next_state.prompt";
        String prompt = t.get(promptKey, c.local().toString(), c.remote().toString(), edge.from().name(),
                edge.step().label(), t.get("event." + edge.step().name()), history)
                + (incoming != null ? " " + t.get("prompt.incoming", SegText.of(incoming)) : "");
        List<TcpState> near = new ArrayList<>();
        near.add(edge.from());
        String explanation = (to == edge.from()
                ? t.get("explain.stays", edge.from().name(), edge.step().label())
                : t.get("explain.moves", edge.from().name(), edge.step().label(), to.name()))
                + " " + sentText(c.sent()) + " " + t.get("explain.meaning", to.name(), meaning(to));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("from_state", edge.from().name());
        fields.put("event", edge.step().label());
        return new Question(id, QuestionType.NEXT_STATE, edge.level(), prompt, stateOptions(rnd, to, near), to.name(),
                AnswerKind.STATE, List.of(), explanation, edge.from(), fields,
                SimLab.Index.get().edge(edge.from(), edge.step().cause()));
    }

    // ------------------------------------------------------------------ next_segment
}
