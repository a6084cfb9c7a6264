package tcplab.quiz;

import static tcplab.quiz.Choices.stateOptions;
import static tcplab.quiz.Figure5.labels;
import static tcplab.quiz.Figure5.pathTo;
import static tcplab.quiz.Figure5.pickEdge;
import static tcplab.quiz.Figure5.reach;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        Edge edge = pickEdge(rnd, d, weak, ask.rfcModel());
        List<Step> path = pathTo(edge.from(), rnd);
        Conn c = reach(edge.from(), rnd, path, edge.step());
        Segment incoming = c.peerSegment(edge.step(), 100);
        if (!c.apply(edge.step(), 100)) {
            throw new IllegalStateException("the engine refused " + edge);
        }
        TcpState to = Figure5.socketState(edge.from(), edge.step(), c.state());
        String history = path.isEmpty() ? t.get("history.new") : t.get("history", labels(path));
        String local = c.local().toString();
        String remote = c.remote().toString();
        String event = t.get("event." + edge.step().name());
        // Where a listener is involved, the question is about the connection, as the lessons teach
        // it: a SYN leaves the listening socket in LISTEN and makes a new socket; a RST frees a
        // half-open one. LISTEN is then never a wrong option: the listener is still in it.
        boolean synAtListener = edge.from() == TcpState.LISTEN && edge.step() == Step.RCV_SYN;
        boolean halfOpenReset = edge.from() == TcpState.SYN_RECEIVED && edge.step() == Step.RCV_RST;
        String prompt;
        if (synAtListener) {
            prompt = t.get("next_state.promptListenSyn", local, remote);
        } else if (halfOpenReset) {
            prompt = t.get("next_state.promptHalfOpenRst", local, remote, Integer.toString(c.local().port()));
        } else {
            // A listening socket has no peer yet: say so rather than show one (netstat shows *:* / 0.0.0.0:0).
            String promptKey = edge.from() == TcpState.LISTEN ? "next_state.promptListen" : "next_state.prompt";
            prompt = t.get(promptKey, local, remote, edge.from().name(), edge.step().label(), event, history);
        }
        prompt += incoming != null ? " " + t.get("prompt.incoming", SegText.of(incoming)) : "";
        if (edge.rfcOnly()) {
            prompt = t.get("rfcModel.label") + " " + prompt;
        }
        List<TcpState> near = new ArrayList<>();
        near.add(edge.from());
        Set<TcpState> never = synAtListener || halfOpenReset ? EnumSet.of(TcpState.LISTEN) : EnumSet.noneOf(TcpState.class);
        String explanation = (halfOpenReset ? t.get("explain.halfOpenRst")
                : to == edge.from() ? t.get("explain.stays", edge.from().name(), edge.step().label())
                : t.get("explain.moves", edge.from().name(), edge.step().label(), to.name()))
                + " " + sentText(c.sent()) + " " + t.get("explain.meaning", to.name(), meaning(to));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("from_state", edge.from().name());
        fields.put("event", edge.step().label());
        if (synAtListener || halfOpenReset) {
            fields.put("subject", "connection");
        }
        if (edge.rfcOnly()) {
            fields.put("model", "rfc");
        }
        List<String> options = stateOptions(rnd, to, near, never);
        return new Question(id, QuestionType.NEXT_STATE, edge.level(), prompt, options, to.name(),
                AnswerKind.STATE, List.of(), explanation, edge.from(), fields,
                SimLab.Index.get().edge(edge.from(), edge.step().cause()))
                .withFeedback(stateFeedback(options, to, synAtListener || halfOpenReset ? null : edge.from()));
    }
}
