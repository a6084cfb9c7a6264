package tcplab.quiz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tcplab.capture.CaptureProblem;
import tcplab.capture.Connection;
import tcplab.capture.TcpPacket;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.tcp.TcpState;

/**
 * Questions from a real capture, as INGInious's CNP3 exercises do with traces: restore a blanked
 * field (flags, seq or ack) of a packet, put shuffled packets back in the order the capture saw
 * them, name the state of a packet's sender after it. Every answer is read from the capture or
 * from {@link tcplab.capture.StateInference}'s result ({@link Connection#stateAfter}), never
 * written; a question is only asked when the packets shown determine its answer:
 * <ul>
 *   <li>a blanked seq or ack is asked only when an earlier packet shown gives it (the sender's
 *       previous SEG.SEQ + SEG.LEN, or the other end's, RFC 9293 §3.4), never for a retransmission
 *       or a duplicate;</li>
 *   <li>shuffled packets are only taken where each one must follow the one before (it
 *       acknowledges it, or its sender's numbers go further), so the capture order is the only
 *       possible one and every other order offered is impossible;</li>
 *   <li>a state is asked of the packet's sender (whose change on sending is certain), or of its
 *       receiver after the connection's last packet; when the inference marks it inferred (no
 *       later packet shows when the last one arrived), the question says so and why.</li>
 * </ul>
 * Sequence and acknowledgment numbers are relative to each end's initial sequence number, as
 * Wireshark shows them.
 */
public final class CaptureQuiz {
    /** The capture question types. */
    public static final Set<QuestionType> TYPES = java.util.EnumSet.of(QuestionType.CAPTURE_FIELD,
            QuestionType.CAPTURE_ORDER, QuestionType.CAPTURE_STATE);
    /** Packets shown before the one asked about, at most. */
    static final int CONTEXT = 8;

    private final String name;
    private final List<Connection> connections;

    /**
     * @param name        the capture's file name, as the questions name it
     * @param connections the capture's connections (those of fewer than 2 packets are left out)
     */
    public CaptureQuiz(String name, List<Connection> connections) {
        this.name = name;
        List<Connection> keep = new ArrayList<>();
        for (Connection c : connections) {
            if (c.packets().size() >= 2) {
                keep.add(c);
            }
        }
        this.connections = List.copyOf(keep);
    }

    public String name() {
        return name;
    }

    public List<Connection> connections() {
        return connections;
    }

    /** Whether the capture has something to ask about. */
    public boolean canAsk() {
        for (Lang l : List.of(Lang.EN)) {
            for (long s = 0; s < 4; s++) {
                if (tryQuestion(new Random(s), l, "x", null, null) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Question {@code index} (from 0) of the quiz with {@code seed}, of the filter's capture types and level. */
    public Question question(long seed, int index, Lang lang, Set<QuestionType> types, Difficulty level) {
        Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 29);
        List<QuestionType> pick = new ArrayList<>();
        for (QuestionType t : QuestionType.values()) {
            if (TYPES.contains(t) && (types == null || types.contains(t))) {
                pick.add(t);
            }
        }
        if (pick.isEmpty()) {
            pick.addAll(TYPES);
        }
        Difficulty d = level != null ? level : Difficulty.values()[rnd.nextInt(3)];
        String id = seed + "-" + (index + 1);
        long base = rnd.nextLong();
        Question any = null;
        for (int attempt = 0; attempt < QuizGenerator.MAX_ATTEMPTS; attempt++) {
            Random r = new Random(base + attempt * 0x632BE59BD9B4E019L);
            Question q = tryQuestion(r, lang, id, pick.get(r.nextInt(pick.size())), d);
            if (q == null) {
                continue;
            }
            Difficulty rated = DifficultyRating.of(q);
            if (rated == d) {
                return q.withDifficulty(rated);
            }
            if (any == null) {
                any = q.withDifficulty(rated);
            }
        }
        if (any == null) {
            // the types asked for have nothing in this capture: any capture question
            for (int attempt = 0; any == null && attempt < 4 * QuizGenerator.MAX_ATTEMPTS; attempt++) {
                Random r = new Random(base - attempt);
                Question q = tryQuestion(r, lang, id, null, d);
                any = q == null ? null : q.withDifficulty(DifficultyRating.of(q));
            }
        }
        if (any == null) {
            throw new IllegalStateException("nothing to ask in " + name);
        }
        return any;
    }

    private Question tryQuestion(Random r, Lang lang, String id, QuestionType type, Difficulty d) {
        if (connections.isEmpty()) {
            return null;
        }
        if (type == null) {
            List<QuestionType> all = new ArrayList<>(TYPES);
            type = all.get(r.nextInt(all.size()));
        }
        Connection c = connections.get(r.nextInt(connections.size()));
        Asker a = new Asker(c, r, lang, id, d == null ? Difficulty.values()[r.nextInt(3)] : d);
        switch (type) {
            case CAPTURE_FIELD:
                return a.field();
            case CAPTURE_ORDER:
                return a.order();
            default:
                return a.state();
        }
    }

    /** The relative value of {@code v} against {@code base}, in 32-bit sequence space. */
    public static long rel(long v, long base) {
        return (v - base) & 0xFFFFFFFFL;
    }

    /** Each end's base for relative numbers: its first SYN's seq, else its first packet's seq. */
    public static long[] bases(Connection c) {
        long[] base = {-1, -1};
        boolean[] fromSyn = new boolean[2];
        for (Connection.Packet p : c.packets()) {
            int e = p.from();
            if (p.tcp().has(TcpPacket.SYN) && !fromSyn[e]) {
                base[e] = p.tcp().seq();
                fromSyn[e] = true;
            } else if (base[e] < 0) {
                base[e] = p.tcp().seq();
            }
        }
        for (int e = 0; e < 2; e++) {
            if (base[e] < 0) {
                base[e] = 0;
            }
        }
        return base;
    }

    /** Whether 32-bit sequence number {@code a} is after {@code b} (RFC 9293 §3.4's modular comparison). */
    static boolean after(long a, long b) {
        return (int) (a - b) > 0;
    }

    /**
     * Whether packet {@code a}, captured before {@code b}, must have been sent before it: {@code b}
     * acknowledges sequence space of {@code a}, or both come from one end and {@code b}'s
     * sequence or acknowledgment number goes further.
     */
    public static boolean mustPrecede(Connection.Packet a, Connection.Packet b) {
        TcpPacket x = a.tcp();
        TcpPacket y = b.tcp();
        if (a.from() != b.from()) {
            return x.seqLen() > 0 && y.has(TcpPacket.ACK) && after(y.ack(), x.seq());
        }
        if (after(y.seq(), x.seq())) {
            return true;
        }
        if (y.seq() == x.seq() && x.seqLen() == 0 && y.seqLen() > 0) {
            return true;
        }
        return x.has(TcpPacket.ACK) && y.has(TcpPacket.ACK) && after(y.ack(), x.ack());
    }

    /** Which end of a connection: "client" or "server", as jsonl names it. */
    public static String endName(int end) {
        return end == 0 ? "client" : "server";
    }

    /** Makes one question about one connection. */
    private final class Asker {
        final Connection c;
        final Random rnd;
        final Lang lang;
        final String id;
        final Difficulty d;
        final Texts t;
        final long[] base;
        final List<Connection.Packet> ps;

        Asker(Connection c, Random rnd, Lang lang, String id, Difficulty d) {
            this.c = c;
            this.rnd = rnd;
            this.lang = lang;
            this.id = id;
            this.d = d;
            this.t = Texts.of(QuizGenerator.BUNDLE, lang);
            this.base = bases(c);
            this.ps = c.packets();
        }

        String who(int end) {
            return t.get("capq.end." + endName(end), c.endText(end));
        }

        String head() {
            return t.get("capq.head", name, c.endText(0), c.endText(1));
        }

        String seqText(Connection.Packet p) {
            return Long.toString(rel(p.tcp().seq(), base[p.from()]));
        }

        String ackText(Connection.Packet p) {
            return p.tcp().has(TcpPacket.ACK) ? Long.toString(rel(p.tcp().ack(), base[1 - p.from()])) : "-";
        }

        /** A packet as a line of a packet list; {@code blank} (flags, seq, ack) shown as "?". */
        String line(Connection.Packet p, String blank, boolean numbered) {
            TcpPacket x = p.tcp();
            StringBuilder sb = new StringBuilder();
            if (numbered) {
                double s = (x.timeNanos() - c.firstNanos()) / 1e9;
                sb.append(t.get("capq.no", Long.toString(x.frame()))).append("  ")
                        .append(String.format(java.util.Locale.ROOT, "%.6f s", s)).append("  ");
            }
            sb.append(c.endText(p.from())).append(" → ").append(c.endText(1 - p.from())).append("  [")
                    .append("flags".equals(blank) ? "?" : x.flagText()).append("] seq=")
                    .append("seq".equals(blank) ? "?" : seqText(p)).append(" ack=")
                    .append("ack".equals(blank) ? "?" : ackText(p)).append(" len=").append(x.payloadLen());
            return sb.toString();
        }

        String list(int from, int to, int blankAt, String blank) {
            StringBuilder sb = new StringBuilder();
            for (int i = from; i <= to; i++) {
                sb.append(line(ps.get(i), i == blankAt ? blank : null, true)).append('\n');
            }
            return sb.toString().stripTrailing();
        }

        Map<String, String> fields(String kind) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("capture", name);
            f.put("connection", Integer.toString(c.id()));
            f.put("client", c.endText(0));
            f.put("server", c.endText(1));
            if (kind != null) {
                f.put("field", kind);
            }
            return f;
        }

        /** Restore a blanked flags, seq or ack field. */
        Question field() {
            String what = d == Difficulty.EASY ? "flags" : d == Difficulty.MEDIUM ? (rnd.nextBoolean() ? "seq" : "flags") : (rnd.nextBoolean() ? "ack" : "seq");
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < ps.size(); i++) {
                idx.add(i);
            }
            Collections.shuffle(idx, rnd);
            for (int i : idx) {
                Connection.Packet p = ps.get(i);
                if (p.note() != null) {
                    continue; // a retransmission or duplicate repeats numbers: its fields are not determined
                }
                Question q = "flags".equals(what) ? flags(i) : number(i, what);
                if (q != null) {
                    return q;
                }
            }
            return null;
        }

        Question flags(int i) {
            Connection.Packet p = ps.get(i);
            TcpPacket x = p.tcp();
            String key = flagKey(x);
            if (key == null) {
                return null;
            }
            String answer = x.flagText();
            int core = x.flags() & (TcpPacket.SYN | TcpPacket.FIN | TcpPacket.RST | TcpPacket.ACK);
            List<String> cands = new ArrayList<>();
            int[] all = {TcpPacket.SYN, TcpPacket.SYN | TcpPacket.ACK, TcpPacket.ACK, TcpPacket.FIN | TcpPacket.ACK,
                TcpPacket.RST, TcpPacket.RST | TcpPacket.ACK, TcpPacket.PSH | TcpPacket.ACK, TcpPacket.FIN | TcpPacket.PSH | TcpPacket.ACK};
            for (int f : all) {
                // flags that differ only in PSH are not told apart by the packets: never offered
                if ((f & ~TcpPacket.PSH) != core) {
                    cands.add(new TcpPacket(0, 0, 4, "", 0, "", 0, 0, 0, f, 0, 0, 0).flagText());
                }
            }
            List<String> opts = Choices.options(rnd, answer, cands, 4);
            int from = Math.max(0, i - CONTEXT);
            int to = Math.min(ps.size() - 1, i + 2);
            String prompt = t.get("capq.field.prompt", head(), list(from, to, i, "flags"), Long.toString(x.frame()),
                    t.get("capq.field.ask.flags"));
            String expl = t.get("capq.field.flagsExplain", Long.toString(x.frame()), answer, t.get("capq.flags." + key));
            Map<String, String> f = fields("flags");
            f.put("frame", Long.toString(x.frame()));
            f.put("data", x.payloadLen() > 0 ? "yes" : "no");
            // each wrong combination says what a packet with it would be doing
            Map<String, String> why = new LinkedHashMap<>();
            for (String o : opts) {
                if (!o.equals(answer)) {
                    int bits = 0;
                    for (String name : o.split(",")) {
                        bits |= switch (name) {
                            case "SYN" -> TcpPacket.SYN;
                            case "FIN" -> TcpPacket.FIN;
                            case "RST" -> TcpPacket.RST;
                            case "PSH" -> TcpPacket.PSH;
                            default -> TcpPacket.ACK;
                        };
                    }
                    boolean data = (bits & TcpPacket.PSH) != 0;
                    String k = flagKey(new TcpPacket(0, 0, 4, "", 0, "", 0, 0, 0, bits, 0, data ? 1 : 0, 0));
                    why.put(o, t.get("capq.fb.flags", o, t.get("capq.flags." + k)));
                }
            }
            return new Question(id, QuestionType.CAPTURE_FIELD, d, prompt, opts, answer, AnswerKind.TEXT, List.of(),
                    expl, null, f, null).withFeedback(why);
        }

        String flagKey(TcpPacket x) {
            int core = x.flags() & (TcpPacket.SYN | TcpPacket.FIN | TcpPacket.RST | TcpPacket.ACK);
            if (core == TcpPacket.SYN) {
                return "SYN";
            } else if (core == (TcpPacket.SYN | TcpPacket.ACK)) {
                return "SYN_ACK";
            } else if (core == TcpPacket.ACK) {
                return x.payloadLen() > 0 ? "ACK_data" : "ACK";
            } else if (core == (TcpPacket.FIN | TcpPacket.ACK)) {
                return "FIN_ACK";
            } else if (core == TcpPacket.RST) {
                return "RST";
            } else if (core == (TcpPacket.RST | TcpPacket.ACK)) {
                return "RST_ACK";
            }
            return null;
        }

        /** A blanked seq or ack, asked only when an earlier packet shown gives it. */
        Question number(int i, String what) {
            Connection.Packet p = ps.get(i);
            TcpPacket x = p.tcp();
            boolean seq = "seq".equals(what);
            if (!seq && !x.has(TcpPacket.ACK)) {
                return null;
            }
            long value = seq ? x.seq() : x.ack();
            int src = seq ? p.from() : 1 - p.from();
            // the packet of end src before p whose SEG.SEQ + SEG.LEN is furthest: that is what comes next
            int ref = -1;
            long end = 0;
            for (int k = 0; k < i; k++) {
                Connection.Packet q = ps.get(k);
                if (q.from() == src) {
                    long e = (q.tcp().seq() + q.tcp().seqLen()) & 0xFFFFFFFFL;
                    if (ref < 0 || !after(end, e)) { // on a tie the latest, nearest the question
                        ref = k;
                        end = e;
                    }
                }
            }
            long b = base[src];
            long answerNum = rel(value, b);
            String reason;
            Connection.Packet r = null;
            if (seq && ref < 0 && x.has(TcpPacket.SYN) && x.seq() == base[p.from()]) {
                reason = t.get("capq.field.seqIsn", Long.toString(x.frame()));
            } else if (ref >= 0 && end == value && i - ref <= CONTEXT) {
                r = ps.get(ref);
                reason = t.get(seq ? "capq.field.seqNext" : "capq.field.ackNext", Long.toString(x.frame()),
                        Long.toString(r.tcp().frame()), Long.toString(rel(r.tcp().seq(), b)), Long.toString(r.tcp().payloadLen()),
                        extra(r.tcp()), Long.toString(answerNum));
            } else {
                return null; // not determined by what is shown
            }
            // Mistakes a learner makes: forgetting SEG.LEN, forgetting that SYN and FIN count one, off by one,
            // giving the other direction's number.
            Map<String, String> why = new LinkedHashMap<>();
            if (r != null) {
                long rs = rel(r.tcp().seq(), b);
                putWhy(why, rs, answerNum, t.get("capq.fb.noLen", Long.toString(r.tcp().frame())));
                if (r.tcp().seqLen() != r.tcp().payloadLen()) {
                    putWhy(why, rs + r.tcp().payloadLen(), answerNum, t.get("capq.fb.synFinCount", Long.toString(r.tcp().frame())));
                }
            }
            long other = seq ? (x.has(TcpPacket.ACK) ? rel(x.ack(), base[1 - p.from()]) : -1) : rel(x.seq(), base[p.from()]);
            putWhy(why, other, answerNum, t.get(seq ? "capq.fb.isAck" : "capq.fb.isSeq"));
            putWhy(why, answerNum + 1, answerNum, t.get("capq.fb.offByOne"));
            putWhy(why, answerNum - 1, answerNum, t.get("capq.fb.offByOne"));
            for (long delta : new long[] {2, -2, 3, 10}) {
                if (why.size() >= 5) {
                    break;
                }
                putWhy(why, answerNum + delta, answerNum, t.get("capq.fb.count"));
            }
            String answer = Long.toString(answerNum);
            List<String> opts = Choices.options(rnd, answer, new ArrayList<>(why.keySet()), 4);
            int from = Math.max(0, Math.min(ref < 0 ? i : ref, i - CONTEXT));
            from = Math.max(0, Math.min(from, i));
            int to = Math.min(ps.size() - 1, i + 2);
            String prompt = t.get("capq.field.prompt", head(), list(from, to, i, what), Long.toString(x.frame()),
                    t.get("capq.field.ask." + what));
            Map<String, String> f = fields(what);
            f.put("frame", Long.toString(x.frame()));
            f.put("data", answerNum > 1 ? "yes" : "no");
            return new Question(id, QuestionType.CAPTURE_FIELD, d, prompt, opts, answer, AnswerKind.NUMBER, List.of(),
                    reason, null, f, null).withFeedback(Maker.only(why, opts, answer));
        }

        void putWhy(Map<String, String> why, long v, long answer, String text) {
            if (v >= 0 && v != answer) {
                why.putIfAbsent(Long.toString(v), text);
            }
        }

        /** " (+1 for the SYN)" and the like, or "". */
        String extra(TcpPacket x) {
            if (x.has(TcpPacket.SYN)) {
                return t.get("capq.plusSyn");
            }
            if (x.has(TcpPacket.FIN)) {
                return t.get("capq.plusFin");
            }
            return "";
        }

        /** Put shuffled packets back in the capture's order. */
        Question order() {
            int want = d == Difficulty.EASY ? 3 : d == Difficulty.MEDIUM ? 4 + rnd.nextInt(2) : 6;
            for (int k = want; k >= 3; k--) {
                List<Integer> starts = new ArrayList<>();
                for (int s = 0; s + k <= ps.size(); s++) {
                    boolean ok = true;
                    Set<String> lines = new java.util.HashSet<>();
                    for (int j = s; j < s + k && ok; j++) {
                        ok = ps.get(j).note() == null && lines.add(line(ps.get(j), null, false))
                                && (j == s || mustPrecede(ps.get(j - 1), ps.get(j)));
                    }
                    if (ok) {
                        starts.add(s);
                    }
                }
                if (!starts.isEmpty()) {
                    return order(starts.get(rnd.nextInt(starts.size())), k);
                }
            }
            return null;
        }

        Question order(int s, int k) {
            List<Integer> shown = new ArrayList<>(); // shown.get(n) = index into ps of the packet labelled n+1
            for (int j = s; j < s + k; j++) {
                shown.add(j);
            }
            List<Integer> capture = new ArrayList<>(shown);
            do {
                Collections.shuffle(shown, rnd);
            } while (shown.equals(capture));
            List<Integer> right = new ArrayList<>(); // labels in capture order
            for (int j : capture) {
                right.add(shown.indexOf(j) + 1);
            }
            String answer = orderText(right);
            List<String> cands = new ArrayList<>();
            for (int a = 0; a + 1 < k; a++) {
                List<Integer> sw = new ArrayList<>(right);
                Collections.swap(sw, a, a + 1);
                cands.add(orderText(sw));
            }
            List<Integer> natural = new ArrayList<>();
            for (int n = 1; n <= k; n++) {
                natural.add(n);
            }
            cands.add(orderText(natural));
            Collections.shuffle(cands, rnd);
            // then any other order (each one impossible, since the capture order is forced), so that
            // even 3 packets have 3 wrong options
            List<List<Integer>> all = new ArrayList<>();
            OrderStepsMaker.permutations(new ArrayList<>(), k, all);
            Collections.shuffle(all, rnd);
            for (List<Integer> p : all) {
                cands.add(orderText(p));
            }
            cands = new ArrayList<>(new LinkedHashSet<>(cands));
            cands.remove(answer);
            List<String> opts = Choices.options(rnd, answer, cands.subList(0, Math.min(3, cands.size())), 4);
            Map<String, String> why = new LinkedHashMap<>();
            for (String o : opts) {
                if (!o.equals(answer)) {
                    why.put(o, orderWhy(o, capture, shown));
                }
            }
            StringBuilder listed = new StringBuilder();
            for (int n = 0; n < k; n++) {
                listed.append(n + 1).append(". ").append(line(ps.get(shown.get(n)), null, false)).append('\n');
            }
            StringBuilder expl = new StringBuilder();
            for (int j : capture) {
                expl.append(shown.indexOf(j) + 1).append(" = ").append(line(ps.get(j), null, true)).append('\n');
            }
            Map<String, String> f = fields(null);
            List<String> frames = new ArrayList<>();
            for (int j : shown) {
                frames.add(Long.toString(ps.get(j).tcp().frame()));
            }
            f.put("frames", String.join(" ", frames));
            f.put("packets", Integer.toString(k));
            return new Question(id, QuestionType.CAPTURE_ORDER, d,
                    t.get("capq.order.prompt", head(), listed.toString().stripTrailing()), opts, answer, AnswerKind.ORDER,
                    List.of(), t.get("capq.order.explain", expl.toString().stripTrailing()), null, f, null)
                    .withFeedback(why);
        }

        /** Why an order is impossible: the first packet it puts before one it must follow. */
        String orderWhy(String order, List<Integer> capture, List<Integer> shown) {
            String[] parts = order.split(" ");
            List<Integer> pos = new ArrayList<>();
            for (String p : parts) {
                pos.add(shown.get(Integer.parseInt(p) - 1));
            }
            for (int j = 0; j + 1 < capture.size(); j++) {
                int a = capture.get(j);
                int b = capture.get(j + 1);
                if (pos.indexOf(b) < pos.indexOf(a)) {
                    Connection.Packet pa = ps.get(a);
                    Connection.Packet pb = ps.get(b);
                    String la = Integer.toString(shown.indexOf(a) + 1);
                    String lb = Integer.toString(shown.indexOf(b) + 1);
                    if (pa.from() != pb.from()) {
                        return t.get("capq.fb.order.acks", lb, la, ackText(pb));
                    }
                    boolean dataAfterAck = pa.tcp().seq() == pb.tcp().seq() && pa.tcp().seqLen() == 0 && pb.tcp().seqLen() > 0;
                    return t.get(dataAfterAck ? "capq.fb.order.sameData" : "capq.fb.order.same", la, lb);
                }
            }
            throw new IllegalStateException("a wrong order that breaks no rule: " + order);
        }

        /** The state of a packet's sender after it. */
        Question state() {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < ps.size(); i++) {
                idx.add(i);
            }
            Collections.shuffle(idx, rnd);
            for (int i : idx) {
                Question q = state(i);
                if (q != null) {
                    return q;
                }
            }
            return null;
        }

        Question state(int i) {
            Connection.Packet p = ps.get(i);
            // The sender's change on sending is certain. A receiver's is asked only after the
            // connection's last packet, when nothing later can tell when it arrived: then the
            // inference assumes it arrived when captured, and the question says so.
            boolean received = i == ps.size() - 1 && rnd.nextBoolean();
            int e = received ? 1 - p.from() : p.from();
            long frame = p.tcp().frame();
            TcpState answer = c.stateAfter(e, frame);
            TcpState before = c.stateAfter(e, frame - 1);
            // the change that put the end where it is: inferred or seen
            Connection.Transition last = null;
            for (Connection.Transition tr : c.transitions()) {
                if (tr.end() == e && tr.frame() > 0 && tr.frame() <= frame) {
                    last = tr;
                }
            }
            String reason = last != null ? (last.inferred() ? last.reason() : null) : c.initialReason(e);
            if (answer == TcpState.CLOSED && last == null) {
                return null; // nothing happened to it yet
            }
            List<TcpState> near = new ArrayList<>();
            near.add(before);
            near.add(c.stateAfter(1 - e, frame));
            List<String> opts = Choices.stateOptions(rnd, answer, near);
            int from = Math.max(0, i - CONTEXT);
            StringBuilder prompt = new StringBuilder(t.get(received ? "capq.state.promptReceived" : "capq.state.prompt",
                    head(), list(from, i, -1, null),
                    who(e), Long.toString(frame)));
            if (reason != null) {
                prompt.append('\n').append(t.get("capq.state.inferred",
                        Texts.of(CaptureProblem.BUNDLE, lang).get("why." + reason)));
            }
            List<String> path = new ArrayList<>();
            path.add(c.initialState(e).name());
            for (Connection.Transition tr : c.transitions()) {
                if (tr.end() == e && tr.frame() > 0 && tr.frame() <= frame) {
                    path.add(tr.to().name() + " (" + t.get("capq.no", Long.toString(tr.frame()))
                            + (tr.inferred() ? ", " + t.get("capq.inferredWord") : "") + ")");
                }
            }
            Map<String, String> f = fields(null);
            f.put("end", endName(e));
            f.put("role", received ? "receiver" : "sender");
            f.put("frame", Long.toString(frame));
            f.put("before_state", before.name());
            f.put("state", answer.name());
            f.put("inferred", reason != null ? "yes" : "no");
            if (reason != null) {
                f.put("reason", reason);
            }
            java.util.Map<String, String> why = new LinkedHashMap<>();
            for (String o : opts) {
                if (o.equals(answer.name())) {
                    continue;
                }
                TcpState s = TcpState.valueOf(o);
                why.put(o, s == before ? t.get(received ? "capq.fb.state.staysReceived" : "capq.fb.state.stays", o, answer.name())
                        : t.get("capq.fb.state.means", o, t.get("meaning." + o)));
            }
            return new Question(id, QuestionType.CAPTURE_STATE, d, prompt.toString(), opts, answer.name(),
                    AnswerKind.STATE, List.of(), t.get("capq.state.explain", who(e), String.join(" → ", path)), answer, f, null)
                    .withFeedback(why);
        }
    }


    static String orderText(List<Integer> order) {
        List<String> s = new ArrayList<>();
        for (int i : order) {
            s.add(Integer.toString(i));
        }
        return String.join(" ", s);
    }
}
