package tcplab.quiz;

import static tcplab.quiz.Choices.stateOptions;
import static tcplab.quiz.Figure5.fresh;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tcplab.tcp.TcpState;

/** {@code state_after}: a new endpoint and a chain of events; which state is it in at the end? */
final class StateAfterMaker extends Maker {
    StateAfterMaker(Ask ask) {
        super(ask);
    }

    @Override
    public Question make() {
        int steps = d == Difficulty.EASY ? 3 : d == Difficulty.MEDIUM ? 4 + rnd.nextInt(2) : 5 + rnd.nextInt(3);
        boolean server = rnd.nextBoolean();
        Conn c = fresh(rnd, server);
        List<String> lines = new ArrayList<>(); // Figure 5's words, for jsonl
        List<String> shownEvents = new ArrayList<>(); // as the prompt shows them, in its language
        List<TcpState> seen = new ArrayList<>();
        List<String> path = new ArrayList<>();
        path.add(TcpState.CLOSED.name());
        Step lastStep = null;
        TcpState lastFrom = null;
        boolean passive = false; // the socket was opened to listen
        boolean synAtListener = false; // from then on the question follows the new connection
        boolean rfcOnly = false;
        TcpState end = null;
        for (int i = 0; i < steps; i++) {
            TcpState s = c.state();
            if (i > 0 && s == TcpState.CLOSED) {
                break;
            }
            List<Step> can = new ArrayList<>();
            boolean last = i == steps - 1;
            for (Step st : Step.values()) {
                if (!st.appliesIn().contains(s)) {
                    continue;
                }
                if (i == 0 && st != (server ? Step.PASSIVE_OPEN : Step.ACTIVE_OPEN)) {
                    continue; // the ports say who listens: a service port opens passively
                }
                // A chain that ends the connection early ("open, then close") needs no thought:
                // only its last event may end it, and then one time in four.
                if (closes(s, st) && (!last || rnd.nextInt(4) != 0)) {
                    continue;
                }
                boolean hardOnly = st == Step.ABORT || st == Step.RCV_RST || st == Step.TIMEOUT_RETRANSMISSION
                        || st == Step.SEND;
                boolean data = !st.isFigure5();
                if (d == Difficulty.EASY && (hardOnly || data || st == Step.TIMEOUT_2MSL)) {
                    continue;
                }
                if (d == Difficulty.MEDIUM && hardOnly) {
                    continue;
                }
                if (modelOnly(s, st, passive) && !ask.rfcModel()) {
                    continue;
                }
                can.add(st);
            }
            if (can.isEmpty()) {
                break;
            }
            Step st = can.get(rnd.nextInt(can.size()));
            int len = 1 + rnd.nextInt(1000);
            if (!c.apply(st, len)) {
                throw new IllegalStateException("the engine refused " + st + " in " + s);
            }
            String segment = c.lastArrived() != null ? " [" + SegText.of(c.lastArrived()) + "]" : "";
            String bytes = st == Step.SEND || st == Step.SEND_DATA ? " [" + len + " bytes]" : "";
            lines.add((i + 1) + ". " + st.label() + segment + bytes);
            shownEvents.add(eventName(st) + segment
                    + (bytes.isEmpty() ? "" : " [" + t.get("bytes", len) + "]"));
            seen.add(s);
            lastStep = st;
            lastFrom = s;
            rfcOnly |= modelOnly(s, st, passive);
            synAtListener |= s == TcpState.LISTEN && st == Step.RCV_SYN;
            passive |= st == Step.PASSIVE_OPEN;
            TcpState shown = Figure5.socketState(s, st, c.state());
            path.add(shown.name());
            if (shown != c.state()) {
                end = shown; // a half-open connection reset: it is gone, and so is the story
                break;
            }
        }
        if (end == null) {
            end = c.state();
        }
        List<String> numbered = new ArrayList<>();
        for (int k = 0; k < shownEvents.size(); k++) {
            numbered.add((k + 1) + ". " + shownEvents.get(k));
        }
        String prompt = t.get("state_after.prompt", c.local().toString(), c.remote().toString(),
                String.join("\n", numbered));
        if (synAtListener) {
            prompt += "\n" + t.get("state_after.followConnection");
        }
        if (rfcOnly) {
            prompt = sentences(t.get("rfcModel.label"), prompt);
        }
        String explanation = sentences(t.get("state_after.explain", String.join(" → ", path)),
                lastFrom == TcpState.SYN_RECEIVED && lastStep == Step.RCV_RST && passive ? t.get("explain.halfOpenRst") : null,
                t.get("explain.meaning", end.name(), meaning(end)));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("start_state", TcpState.CLOSED.name());
        List<String> evs = new ArrayList<>();
        for (String l : lines) {
            evs.add(l.substring(l.indexOf(' ') + 1));
        }
        fields.put("events", String.join(" | ", evs));
        fields.put("path", String.join(" → ", path)); // the states the engine went through, for the rating
        if (synAtListener) {
            fields.put("subject", "connection");
        }
        if (rfcOnly) {
            fields.put("model", "rfc");
        }
        Show show = lastStep != null ? SimLab.Index.get().edge(lastFrom, lastStep.cause()) : null;
        if (show == null) {
            show = SimLab.Index.get().state(end);
        }
        List<String> options = stateOptions(rnd, end, seen,
                synAtListener ? EnumSet.of(TcpState.LISTEN) : EnumSet.noneOf(TcpState.class));
        Map<String, String> why = new LinkedHashMap<>();
        for (String o : options) {
            if (!o.equals(end.name())) {
                int at = path.lastIndexOf(o);
                // A state the chain passed through: it is left again by a later event.
                why.put(o, at >= 0 && at < path.size() - 1 ? t.get("fb.state.passed", o, shownEvents.get(at))
                        : t.get("fb.state.means", o, meaning(TcpState.valueOf(o))));
            }
        }
        return new Question(id, QuestionType.STATE_AFTER, d, prompt, options, end.name(),
                AnswerKind.STATE, List.of(), explanation, end, fields, show).withFeedback(why);
    }

    /**
     * Whether {@code step} in state {@code s} ends the connection (Figure 5's edges to CLOSED), for
     * choosing the events of a chain; the answer itself is always what the engine computes.
     */
    static boolean closes(TcpState s, Step step) {
        return step == Step.ABORT || step == Step.RCV_RST || step == Step.TIMEOUT_2MSL
                || step == Step.CLOSE && (s == TcpState.LISTEN || s == TcpState.SYN_SENT)
                || step == Step.RCV_ACK_OF_FIN && s == TcpState.LAST_ACK;
    }

    /**
     * Whether only the RFC's model has {@code step} in {@code s} ({@link Figure5#rfcOnly}); a
     * connection that got to SYN-RECEIVED by a simultaneous open (not {@code passive}) is a
     * program's own, and may be closed.
     */
    private static boolean modelOnly(TcpState s, Step step, boolean passive) {
        return Figure5.rfcOnly(s, step) && (s != TcpState.SYN_RECEIVED || passive);
    }
}
