package tcplab.quiz;

import static tcplab.quiz.Choices.options;
import static tcplab.quiz.Conversations.SERVERS;
import static tcplab.quiz.Conversations.address;
import static tcplab.quiz.Conversations.conversation;
import static tcplab.quiz.Figure5.labels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import tcplab.quiz.Conversations.Service;
import tcplab.sim.Scenario;
import tcplab.sim.TraceEvent;
import tcplab.tcp.Endpoint;
import tcplab.tcp.Flags;

/** {@code order_steps}: the segments of a handshake or a teardown, shuffled; put them in order. */
final class OrderStepsMaker extends Maker {
    OrderStepsMaker(Ask ask) {
        super(ask);
    }

    @Override
    public Question make() {
        int ending = d == Difficulty.EASY ? -1 : d == Difficulty.MEDIUM ? 0 : 1;
        Service svc = SERVERS.get(rnd.nextInt(SERVERS.size()));
        String yaml = conversation(rnd, svc, ending < 0 ? 0 : ending);
        SimLab.Traced tr = SimLab.trace(yaml);
        List<TraceEvent.SegmentEvent> sends = new ArrayList<>();
        for (TraceEvent e : tr.events()) {
            if (e instanceof TraceEvent.SegmentEvent s && s.action() == TraceEvent.SegmentAction.SEND) {
                sends.add(s);
            }
        }
        List<TraceEvent.SegmentEvent> steps;
        String what;
        if (ending < 0) {
            steps = sends.subList(0, 3);
            what = "handshake";
        } else {
            int first = 0;
            while (first < sends.size() && !sends.get(first).segment().has(Flags.FIN)) {
                first++;
            }
            steps = sends.subList(first, Math.min(sends.size(), first + 4));
            what = "teardown";
        }
        Map<String, String> byAddress = new java.util.HashMap<>();
        for (Scenario.HostSpec h : tr.scenario().hosts()) {
            byAddress.put(Endpoint.formatAddress(h.address()), h.name());
        }
        List<String> labels = new ArrayList<>();
        for (TraceEvent.SegmentEvent s : steps) {
            String from = byAddress.get(s.segment().src().addressText());
            String to = byAddress.get(s.segment().dst().addressText());
            labels.add(from + " → " + to + ": " + s.segment().flagText());
        }
        if (new LinkedHashSet<>(labels).size() != labels.size() || labels.size() < 3) {
            throw new IllegalStateException("steps cannot be told apart: " + labels);
        }
        int n = labels.size();
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shown.add(i);
        }
        Collections.shuffle(shown, rnd);
        // shown.get(k) = which real step is printed as number k+1. The answer lists the printed numbers in real order.
        int[] numberOf = new int[n];
        for (int k = 0; k < n; k++) {
            numberOf[shown.get(k)] = k + 1;
        }
        List<Integer> right = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            right.add(numberOf[i]);
        }
        String answer = orderText(right);
        List<String> cands = new ArrayList<>();
        for (int i = 0; i + 1 < n; i++) {
            List<Integer> sw = new ArrayList<>(right);
            Collections.swap(sw, i, i + 1);
            cands.add(orderText(sw));
        }
        List<Integer> rev = new ArrayList<>(right);
        Collections.reverse(rev);
        cands.add(orderText(rev));
        List<Integer> rot = new ArrayList<>(right);
        Collections.rotate(rot, 1);
        cands.add(orderText(rot));
        List<String> opts = options(rnd, answer, cands, 4);
        StringBuilder list = new StringBuilder();
        for (int k = 0; k < n; k++) {
            list.append(k + 1).append(". ").append(labels.get(shown.get(k))).append('\n');
        }
        StringBuilder expl = new StringBuilder();
        for (TraceEvent.SegmentEvent s : steps) {
            String from = byAddress.get(s.segment().src().addressText());
            String to = byAddress.get(s.segment().dst().addressText());
            if (expl.length() > 0) {
                expl.append("; ");
            }
            expl.append(SimLab.fmt(s.timeUs() / 1000.0)).append(" ms ").append(from).append(" → ").append(to).append(' ')
                    .append(SegText.of(s.segment()));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("sequence", what);
        fields.put("steps", String.join(" | ", labels));
        double endMs = steps.get(steps.size() - 1).timeUs() / 1000.0;
        return new Question(id, QuestionType.ORDER_STEPS, d,
                t.get("order.prompt." + what, list.toString().stripTrailing()), opts, answer, AnswerKind.ORDER,
                List.of(), t.get("order.explain", expl.toString()), null, fields, Show.generated(yaml, endMs));
    }

    private static String orderText(List<Integer> order) {
        List<String> s = new ArrayList<>();
        for (int i : order) {
            s.add(Integer.toString(i));
        }
        return String.join(" ", s);
    }
}
