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
        // The story is told in the prompt, so that exactly one order fits it: who closes first and
        // when the other side closes (a simultaneous close, taught in its own lesson, has other orders).
        int ending = d == Difficulty.EASY ? -1
                : d == Difficulty.MEDIUM ? (rnd.nextBoolean() ? Conversations.CLIENT_CLOSES_FIRST : Conversations.SERVER_CLOSES_FIRST)
                : new int[] {Conversations.CLIENT_CLOSES_FIRST, Conversations.SERVER_CLOSES_FIRST,
                        Conversations.BOTH_CLOSE_AT_ONCE}[rnd.nextInt(3)];
        Service svc = SERVERS.get(rnd.nextInt(SERVERS.size()));
        Scenario sc = conversation(rnd, svc, ending < 0 ? Conversations.CLIENT_CLOSES_FIRST : ending);
        SimLab.Traced tr = SimLab.trace(sc);
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
        String closer = ending == Conversations.CLIENT_CLOSES_FIRST ? "client"
                : ending == Conversations.SERVER_CLOSES_FIRST ? "server" : ending == Conversations.BOTH_CLOSE_AT_ONCE ? "both" : null;
        List<String> printed = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            printed.add(labels.get(shown.get(k)));
        }
        if (!fits(printed, right, closer)) {
            throw new IllegalStateException("the simulator's order does not fit the story " + closer + ": " + labels);
        }
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
        // Then any other order, so that there are enough wrong ones once those the story allows
        // too are taken out (a simultaneous close allows four).
        List<List<Integer>> all = new ArrayList<>();
        permutations(new ArrayList<>(), n, all);
        Collections.shuffle(all, rnd);
        for (List<Integer> p : all) {
            cands.add(orderText(p));
        }
        cands = new ArrayList<>(new LinkedHashSet<>(cands));
        cands.removeIf(o -> fits(printed, parseOrder(o), closer));
        cands = cands.subList(0, Math.min(cands.size(), 6));
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
            expl.append(tcplab.yaml.YamlChecks.fmt(s.timeUs() / 1000.0)).append(" ms ").append(from).append(" → ").append(to).append(' ')
                    .append(SegText.of(s.segment()));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("sequence", what);
        fields.put("steps", String.join(" | ", labels));
        if (closer != null) {
            fields.put("closer", closer);
        }
        double endMs = steps.get(steps.size() - 1).timeUs() / 1000.0;
        return new Question(id, QuestionType.ORDER_STEPS, d,
                (closer != null ? story(closer) + "\n" : "") + t.get("order.prompt." + what, list.toString().stripTrailing()),
                opts, answer, AnswerKind.ORDER,
                List.of(), t.get("order.explain", expl.toString()), null, fields, SimLab.show(sc, endMs))
                .withFeedback(orderFeedback(opts, answer, closer));
    }

    private static String orderText(List<Integer> order) {
        List<String> s = new ArrayList<>();
        for (int i : order) {
            s.add(Integer.toString(i));
        }
        return String.join(" ", s);
    }

    /** Every wrong order breaks the story's rule; each says which rule. */
    private Map<String, String> orderFeedback(List<String> opts, String answer, String closer) {
        Map<String, String> why = new LinkedHashMap<>();
        for (String o : opts) {
            if (!o.equals(answer)) {
                why.put(o, t.get("fb.order." + (closer == null ? "handshake" : closer)));
            }
        }
        return why;
    }

    private String story(String closer) {
        switch (closer) {
            case "client":
                return t.get("order.story.client", Integer.toString(Conversations.CLOSE_AT_MS),
                        Integer.toString(Conversations.SERVER_CLOSE_AFTER_EOF_MS));
            case "server":
                return t.get("order.story.server", Integer.toString(Conversations.SERVER_CLOSE_AFTER_MS),
                        Integer.toString(Conversations.CLIENT_CLOSE_AFTER_EOF_MS));
            default:
                return t.get("order.story.both", Integer.toString(Conversations.CLOSE_AT_MS));
        }
    }

    /**
     * Whether sending the printed steps in {@code order} (printed numbers, from 1) fits the story.
     * Each side answers a FIN with its ACK at once. Handshake: SYN, SYN-ACK, ACK. One side closes
     * first: its FIN, the other's ACK, the other's FIN (it closes later, after reading the FIN),
     * then the last ACK. Both close at once, before either FIN arrives: the two FINs in either
     * order, then the two ACKs in either order.
     */
    static boolean fits(List<String> printed, List<Integer> order, String closer) {
        if (order.size() != printed.size() || new LinkedHashSet<>(order).size() != order.size()) {
            return false;
        }
        List<String> seq = new ArrayList<>();
        for (int k : order) {
            if (k < 1 || k > printed.size()) {
                return false;
            }
            seq.add(printed.get(k - 1));
        }
        if (closer == null) {
            return seq.get(0).startsWith("client") && seq.get(0).endsWith(": SYN")
                    && seq.get(1).startsWith("server") && seq.get(1).endsWith(": SYN,ACK")
                    && seq.get(2).startsWith("client") && seq.get(2).endsWith(": ACK");
        }
        if (seq.size() != 4) {
            return false;
        }
        if (closer.equals("both")) {
            return isFin(seq.get(0)) && isFin(seq.get(1)) && !isFin(seq.get(2)) && !isFin(seq.get(3));
        }
        String first = closer;
        String other = closer.equals("client") ? "server" : "client";
        return seq.get(0).startsWith(first) && isFin(seq.get(0))
                && seq.get(1).startsWith(other) && !isFin(seq.get(1))
                && seq.get(2).startsWith(other) && isFin(seq.get(2))
                && seq.get(3).startsWith(first) && !isFin(seq.get(3));
    }

    private static boolean isFin(String label) {
        return label.substring(label.lastIndexOf(':') + 1).contains("FIN");
    }

    private static List<Integer> parseOrder(String text) {
        List<Integer> out = new ArrayList<>();
        for (String p : text.trim().split("\\s+")) {
            out.add(Integer.parseInt(p));
        }
        return out;
    }

    /** Every order of 1..n (n at most 6: 720 of them); the capture quiz's order questions use it too. */
    static void permutations(List<Integer> prefix, int n, List<List<Integer>> out) {
        if (prefix.size() == n) {
            out.add(new ArrayList<>(prefix));
            return;
        }
        for (int i = 1; i <= n; i++) {
            if (!prefix.contains(i)) {
                prefix.add(i);
                permutations(prefix, n, out);
                prefix.remove(prefix.size() - 1);
            }
        }
    }
}
