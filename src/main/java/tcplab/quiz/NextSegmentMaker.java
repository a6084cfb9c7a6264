package tcplab.quiz;

import static tcplab.quiz.Choices.options;
import static tcplab.quiz.Figure5.pathTo;
import static tcplab.quiz.Figure5.reach;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tcplab.quiz.Figure5.Edge;
import tcplab.tcp.Flags;
import tcplab.tcp.Segment;
import tcplab.tcp.Seq;
import tcplab.tcp.TcpState;

/** {@code next_segment}: an endpoint in a state, one event; which segment does it send (or which ack number)? */
final class NextSegmentMaker extends Maker {
    NextSegmentMaker(Ask ask) {
        super(ask);
    }

    private static final List<Edge> SENDING = List.of(
            new Edge(TcpState.CLOSED, Step.ACTIVE_OPEN, Difficulty.EASY),
            new Edge(TcpState.LISTEN, Step.RCV_SYN, Difficulty.EASY),
            new Edge(TcpState.SYN_SENT, Step.RCV_SYN_ACK, Difficulty.EASY),
            new Edge(TcpState.ESTABLISHED, Step.RCV_FIN, Difficulty.EASY),
            new Edge(TcpState.ESTABLISHED, Step.CLOSE, Difficulty.MEDIUM),
            new Edge(TcpState.CLOSE_WAIT, Step.CLOSE, Difficulty.MEDIUM),
            new Edge(TcpState.FIN_WAIT_2, Step.RCV_FIN, Difficulty.MEDIUM),
            new Edge(TcpState.ESTABLISHED, Step.RCV_DATA, Difficulty.MEDIUM),
            new Edge(TcpState.ESTABLISHED, Step.SEND_DATA, Difficulty.MEDIUM),
            new Edge(TcpState.SYN_SENT, Step.RCV_SYN, Difficulty.HARD),
            new Edge(TcpState.FIN_WAIT_1, Step.RCV_FIN, Difficulty.HARD),
            new Edge(TcpState.FIN_WAIT_1, Step.RCV_FIN_ACK_OF_FIN, Difficulty.HARD),
            new Edge(TcpState.ESTABLISHED, Step.ABORT, Difficulty.HARD),
            new Edge(TcpState.SYN_SENT, Step.TIMEOUT_RETRANSMISSION, Difficulty.HARD),
            new Edge(TcpState.SYN_RECEIVED, Step.CLOSE, Difficulty.HARD));

    @Override
    public Question make() {
        List<Edge> pool = new ArrayList<>();
        for (Edge e : SENDING) {
            if (e.level() == d && (!e.rfcOnly() || ask.rfcModel())) {
                pool.add(e);
            }
        }
        Edge edge = pool.get(rnd.nextInt(pool.size()));
        List<Step> path = new ArrayList<>(pathTo(edge.from(), rnd));
        Conn c = reach(edge.from(), rnd, path, edge.step());
        int dataBefore = 0;
        if (d != Difficulty.EASY && edge.from() == TcpState.ESTABLISHED && rnd.nextBoolean()) {
            // Some data first, so that the numbers are not just ISN+1.
            dataBefore = 1 + rnd.nextInt(1400);
            c.apply(Step.RCV_DATA, dataBefore);
        }
        int len = 1 + rnd.nextInt(1400);
        Segment incoming = c.peerSegment(edge.step(), len);
        long iss = Seq.unsigned(c.endpoint().iss());
        long sndNxt = Seq.unsigned(c.endpoint().sndNxt());
        long rcvNxt = Seq.unsigned(c.endpoint().rcvNxt());
        if (!c.apply(edge.step(), len)) {
            throw new IllegalStateException("the engine refused " + edge);
        }
        if (c.sent().isEmpty()) {
            throw new IllegalStateException("nothing sent for " + edge);
        }
        Segment out = c.sent().get(0);
        String numbers;
        if (edge.from() == TcpState.CLOSED || edge.from() == TcpState.LISTEN) {
            numbers = t.get("numbers.isn", Long.toString(Seq.unsigned(out.has(Flags.SYN) ? out.seq() : c.endpoint().iss())));
        } else if (edge.from() == TcpState.SYN_SENT) {
            numbers = t.get("numbers.synSent", Long.toString(iss));
        } else {
            numbers = t.get("numbers.sync", Long.toString(sndNxt), Long.toString(rcvNxt));
        }
        String event = edge.step() == Step.SEND_DATA ? t.get("event.SEND_DATA", len)
                : t.get("event." + edge.step().name());
        String promptKey = edge.from() == TcpState.LISTEN ? "next_segment.promptListen" : "next_segment.prompt";
        String prompt = sentences(t.get(promptKey, c.local().toString(), c.remote().toString(), edge.from().name(),
                eventName(edge.step()), event, numbers),
                incoming != null ? t.get("prompt.incoming", SegText.of(incoming)) : null);
        if (edge.rfcOnly()) {
            prompt = sentences(t.get("rfcModel.label"), prompt);
        }
        boolean askAck = d == Difficulty.HARD && out.has(Flags.ACK) && rnd.nextBoolean();
        String answer;
        List<String> opts;
        AnswerKind kind;
        // Why each candidate is wrong, by the mistake that made it (the first reason wins).
        Map<String, String> why = new LinkedHashMap<>();
        long seq = Seq.unsigned(out.seq());
        long ack = Seq.unsigned(out.ack());
        if (askAck) {
            prompt = sentences(prompt, t.get("next_segment.askAck"));
            answer = Long.toString(ack);
            List<String> cands = new ArrayList<>();
            String[] mistakes = {"fb.seg.ackLow", "fb.seg.ackHigh", "fb.seg.ownSeq", "fb.seg.ackPlusLen"};
            long[] values = {ack - 1, ack + 1, seq, ack + len};
            for (int k = 0; k < values.length; k++) {
                String v = Long.toString(values[k] & 0xFFFFFFFFL);
                cands.add(v);
                why.putIfAbsent(v, t.get(mistakes[k]));
            }
            opts = options(rnd, answer, cands, 4);
            kind = AnswerKind.NUMBER;
        } else {
            prompt = sentences(prompt, t.get("next_segment.ask"));
            answer = SegText.of(out);
            int f = out.flags();
            List<String> cands = new ArrayList<>();
            if (out.has(Flags.ACK)) {
                String low = SegText.of(f, seq, ack - 1, out.len());
                String high = SegText.of(f, seq, ack + 1, out.len());
                String swapped = SegText.of(f, ack, seq, out.len());
                cands.addAll(List.of(low, high, swapped));
                why.putIfAbsent(low, t.get("fb.seg.ackLow"));
                why.putIfAbsent(high, t.get("fb.seg.ackHigh"));
                why.putIfAbsent(swapped, t.get("fb.seg.swapped"));
            }
            String seqHigh = SegText.of(f, seq + 1, ack, out.len());
            cands.add(seqHigh);
            why.putIfAbsent(seqHigh, t.get("fb.seg.seqHigh"));
            for (int g : flagMistakes(f)) {
                String wrongFlags = SegText.of(g, seq, ack, out.len());
                cands.add(wrongFlags);
                why.putIfAbsent(wrongFlags, t.get("fb.seg.flags", Flags.format(g), out.flagText(), answer(out)));
            }
            // PSH only asks the receiver to hand the data over at once; a data segment with or
            // without it is the same right answer (the simulator itself sends both), so no
            // option may differ from the answer in PSH alone.
            String plain = withoutPsh(answer);
            cands.removeIf(x -> withoutPsh(x).equals(plain));
            opts = options(rnd, answer, cands, 4);
            kind = AnswerKind.TEXT;
        }
        String explanation = sentences(t.get("next_segment.explain", edge.from().name(), eventName(edge.step()), answer(out)),
                c.state() == edge.from() ? t.get("explain.staysShort", c.state().name())
                        : t.get("explain.movesShort", c.state().name()));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("from_state", edge.from().name());
        fields.put("event", edge.step().label());
        fields.put("sent_flags", out.flagText());
        fields.put("sent_seq", Long.toString(seq));
        if (out.has(Flags.ACK)) {
            fields.put("sent_ack", Long.toString(ack));
        }
        if (dataBefore > 0) {
            fields.put("data_before", Integer.toString(dataBefore)); // bytes that moved the numbers past ISN+1
        }
        if (edge.rfcOnly()) {
            fields.put("model", "rfc");
        }
        return new Question(id, QuestionType.NEXT_SEGMENT, d, prompt, opts, answer, kind, List.of(), explanation,
                edge.from(), fields, SimLab.Index.get().edge(edge.from(), edge.step().cause()))
                .withFeedback(only(why, opts, answer));
    }

    private String answer(Segment out) {
        String why;
        if (out.has(Flags.RST)) {
            why = t.get("why.rst");
        } else if (out.has(Flags.SYN)) {
            why = t.get(out.has(Flags.ACK) ? "why.synack" : "why.syn");
        } else if (out.has(Flags.FIN)) {
            why = t.get("why.fin");
        } else if (out.len() > 0) {
            why = t.get("why.data");
        } else {
            why = t.get("why.ack");
        }
        return SegText.of(out) + " — " + why;
    }

    private static List<Integer> flagMistakes(int f) {
        List<Integer> out = new ArrayList<>();
        int a = Flags.ACK;
        if (f == Flags.SYN) {
            out.add(Flags.SYN | a);
            out.add(a);
        } else if (f == (Flags.SYN | a)) {
            out.add(Flags.SYN);
            out.add(a);
        } else if (f == a) {
            out.add(Flags.FIN | a);
            out.add(Flags.SYN | a);
        } else if (f == (Flags.FIN | a)) {
            out.add(a);
            out.add(Flags.RST | a);
        } else if ((f & Flags.PSH) != 0) {
            // Data: a FIN it was not asked to send, or no ACK at all (every segment after the
            // handshake carries one, RFC 9293 §3.10.7.4 "if the ACK bit is off drop the segment").
            out.add(Flags.FIN | Flags.PSH | a);
            out.add(Flags.PSH);
        } else if ((f & Flags.RST) != 0) {
            out.add(Flags.FIN | a);
            out.add(a);
        } else {
            out.add(a);
            out.add(Flags.FIN | a);
        }
        return out;
    }

    /** A segment's text without PSH among its flags ({@code PSH,ACK seq=1 len=5} → {@code ACK seq=1 len=5}). */
    static String withoutPsh(String segText) {
        int sp = segText.indexOf(' ');
        String flags = sp < 0 ? segText : segText.substring(0, sp);
        String rest = sp < 0 ? "" : segText.substring(sp);
        List<String> kept = new ArrayList<>();
        for (String fl : flags.split(",")) {
            if (!fl.equals("PSH")) {
                kept.add(fl);
            }
        }
        return String.join(",", kept) + rest;
    }
}
