package tcplab.quiz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.netstat.Dialect;
import tcplab.netstat.Explainer;
import tcplab.netstat.HostTable;
import tcplab.netstat.NetstatEmitter;
import tcplab.netstat.NetstatParser;
import tcplab.netstat.ParsedLine;
import tcplab.netstat.Proto;
import tcplab.netstat.Services;
import tcplab.netstat.SocketRow;
import tcplab.netstat.Warning;
import tcplab.sim.Host;
import tcplab.sim.Scenario;
import tcplab.sim.Simulation;
import tcplab.sim.Sock;
import tcplab.sim.TraceEvent;
import tcplab.tcp.Endpoint;
import tcplab.tcp.Flags;
import tcplab.tcp.Segment;
import tcplab.tcp.Seq;
import tcplab.tcp.TcpState;

/**
 * Makes questions. Every answer is computed: next states and segments by running a real
 * {@link tcplab.tcp.TcpEndpoint} ({@link Conn}), netstat lines and tables by running the simulator
 * and printing its socket tables, diagnoses by the netstat {@link Explainer}. The same seed gives
 * the same questions: question {@code i} draws everything from its own {@link Random} seeded from
 * the quiz seed and {@code i}.
 */
public final class QuizGenerator {
    public static final String BUNDLE = "tcplab.quiz.Quiz";

    /**
     * Which questions to make.
     *
     * @param types      the types to draw from (empty: all)
     * @param difficulty one level, or null for a mix
     * @param weak       how often a learner got each state wrong: practice asks more about them
     */
    public record Filter(Set<QuestionType> types, Difficulty difficulty, Map<TcpState, Integer> weak) {
        public static final Filter ALL = new Filter(Set.of(), null, Map.of());

        public Filter {
            types = types.isEmpty() ? EnumSet.allOf(QuestionType.class) : EnumSet.copyOf(types);
            weak = Map.copyOf(weak);
        }

        public Filter withWeak(Map<TcpState, Integer> w) {
            return new Filter(types, difficulty, w);
        }
    }

    /** Topic names for --topic: a type ({@code next_state}) or a group ({@code states}). */
    public static Set<QuestionType> topic(String name) {
        Set<QuestionType> out = EnumSet.noneOf(QuestionType.class);
        for (String part : name.split(",")) {
            String p = part.trim();
            if (p.isEmpty() || p.equalsIgnoreCase("all")) {
                out.addAll(EnumSet.allOf(QuestionType.class));
                continue;
            }
            QuestionType t = QuestionType.parse(p);
            if (t != null) {
                out.add(t);
                continue;
            }
            boolean any = false;
            for (QuestionType q : QuestionType.values()) {
                if (q.topic().equalsIgnoreCase(p)) {
                    out.add(q);
                    any = true;
                }
            }
            if (!any) {
                return null;
            }
        }
        return out;
    }

    /** The topic words --topic accepts. */
    public static List<String> topicNames() {
        List<String> out = new ArrayList<>(List.of("all", "states", "segments", "netstat", "ports"));
        for (QuestionType q : QuestionType.values()) {
            out.add(q.jsonName());
        }
        return out;
    }

    private final Lang lang;
    private final Texts t;

    public QuizGenerator(Lang lang) {
        this.lang = lang;
        this.t = Texts.of(BUNDLE, lang);
    }

    public Lang lang() {
        return lang;
    }

    /** {@code count} questions for {@code seed}. */
    public List<Question> generate(long seed, int count, Filter filter) {
        List<Question> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(question(seed, i, filter));
        }
        return out;
    }

    /** Question number {@code index} (from 0) of the quiz with {@code seed}. */
    public Question question(long seed, int index, Filter filter) {
        Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 17);
        String id = seed + "-" + (index + 1);
        List<QuestionType> types = new ArrayList<>(filter.types());
        Difficulty d = filter.difficulty() != null ? filter.difficulty() : Difficulty.values()[rnd.nextInt(3)];
        TcpState weak = pickWeak(rnd, filter.weak());
        if (weak != null) {
            // Practice asks more about the states the learner gets wrong.
            if (types.contains(QuestionType.NEXT_STATE) && weak != TcpState.CLOSED) {
                return nextState(id, rnd, d, weak);
            }
            if (types.contains(QuestionType.STATE_MEANING)) {
                return stateMeaning(id, rnd, d, weak);
            }
        }
        QuestionType type = types.get(rnd.nextInt(types.size()));
        switch (type) {
            case NEXT_STATE:
                return nextState(id, rnd, d, null);
            case NEXT_SEGMENT:
                return nextSegment(id, rnd, d);
            case STATE_AFTER:
                return stateAfter(id, rnd, d);
            case STATE_MEANING:
                return stateMeaning(id, rnd, d, null);
            case READ_LINE:
                return readLine(id, rnd, d);
            case DIAGNOSE_TABLE:
                return diagnose(id, rnd, d);
            case PORT_CLASS:
                return portClass(id, rnd, d);
            default:
                return orderSteps(id, rnd, d);
        }
    }

    private static TcpState pickWeak(Random rnd, Map<TcpState, Integer> weak) {
        int total = 0;
        for (int w : weak.values()) {
            total += Math.max(0, w);
        }
        if (total == 0 || rnd.nextDouble() >= 0.6) {
            return null;
        }
        int r = rnd.nextInt(total);
        for (TcpState s : TcpState.values()) {
            int w = Math.max(0, weak.getOrDefault(s, 0));
            if (r < w) {
                return s;
            }
            r -= w;
        }
        return null;
    }

    // ------------------------------------------------------------------ shared pieces

    private String meaning(TcpState s) {
        return t.get("meaning." + s.name());
    }

    private static String segText(Segment s) {
        StringBuilder sb = new StringBuilder(s.flagText());
        sb.append(" seq=").append(Seq.unsigned(s.seq()));
        if (s.has(Flags.ACK)) {
            sb.append(" ack=").append(Seq.unsigned(s.ack()));
        }
        if (s.len() > 0) {
            sb.append(" len=").append(s.len());
        }
        return sb.toString();
    }

    private static String segText(int flags, long seq, long ack, int len) {
        StringBuilder sb = new StringBuilder(Flags.format(flags));
        sb.append(" seq=").append(seq & 0xFFFFFFFFL);
        if ((flags & Flags.ACK) != 0) {
            sb.append(" ack=").append(ack & 0xFFFFFFFFL);
        }
        if (len > 0) {
            sb.append(" len=").append(len);
        }
        return sb.toString();
    }

    /** States learners confuse with each one, most plausible first. */
    private static final Map<TcpState, List<TcpState>> CONFUSED = new EnumMap<>(TcpState.class);

    static {
        CONFUSED.put(TcpState.CLOSED, List.of(TcpState.TIME_WAIT, TcpState.LISTEN, TcpState.LAST_ACK));
        CONFUSED.put(TcpState.LISTEN, List.of(TcpState.SYN_RECEIVED, TcpState.CLOSED, TcpState.SYN_SENT));
        CONFUSED.put(TcpState.SYN_SENT, List.of(TcpState.SYN_RECEIVED, TcpState.ESTABLISHED, TcpState.LISTEN));
        CONFUSED.put(TcpState.SYN_RECEIVED, List.of(TcpState.SYN_SENT, TcpState.ESTABLISHED, TcpState.LISTEN));
        CONFUSED.put(TcpState.ESTABLISHED, List.of(TcpState.SYN_RECEIVED, TcpState.CLOSE_WAIT, TcpState.SYN_SENT));
        CONFUSED.put(TcpState.FIN_WAIT_1, List.of(TcpState.FIN_WAIT_2, TcpState.CLOSE_WAIT, TcpState.LAST_ACK));
        CONFUSED.put(TcpState.FIN_WAIT_2, List.of(TcpState.CLOSE_WAIT, TcpState.FIN_WAIT_1, TcpState.TIME_WAIT));
        CONFUSED.put(TcpState.CLOSE_WAIT, List.of(TcpState.FIN_WAIT_2, TcpState.LAST_ACK, TcpState.TIME_WAIT));
        CONFUSED.put(TcpState.CLOSING, List.of(TcpState.TIME_WAIT, TcpState.LAST_ACK, TcpState.FIN_WAIT_2));
        CONFUSED.put(TcpState.LAST_ACK, List.of(TcpState.CLOSE_WAIT, TcpState.CLOSING, TcpState.TIME_WAIT));
        CONFUSED.put(TcpState.TIME_WAIT, List.of(TcpState.CLOSED, TcpState.CLOSING, TcpState.FIN_WAIT_2));
    }

    /** The answer and three other states, shuffled: first the ones named in {@code near}, then the confusable ones. */
    private static List<String> stateOptions(Random rnd, TcpState answer, List<TcpState> near) {
        LinkedHashSet<TcpState> pool = new LinkedHashSet<>();
        List<TcpState> nearShuffled = new ArrayList<>(near);
        Collections.shuffle(nearShuffled, rnd);
        pool.addAll(nearShuffled);
        pool.addAll(CONFUSED.get(answer));
        List<TcpState> rest = new ArrayList<>(List.of(TcpState.values()));
        Collections.shuffle(rest, rnd);
        pool.addAll(rest);
        pool.remove(answer);
        List<String> opts = new ArrayList<>();
        opts.add(answer.name());
        for (TcpState s : pool) {
            if (opts.size() == 4) {
                break;
            }
            opts.add(s.name());
        }
        Collections.shuffle(opts, rnd);
        return opts;
    }

    /** Picks distinct texts: the answer and up to {@code n - 1} of the candidates, shuffled. */
    private static List<String> options(Random rnd, String answer, List<String> candidates, int n) {
        LinkedHashSet<String> set = new LinkedHashSet<>();
        set.add(answer);
        List<String> c = new ArrayList<>(candidates);
        Collections.shuffle(c, rnd);
        for (String s : c) {
            if (set.size() == n) {
                break;
            }
            if (!Answers.text(s).equals(Answers.text(answer))) {
                set.add(s);
            }
        }
        List<String> out = new ArrayList<>(set);
        Collections.shuffle(out, rnd);
        return out;
    }

    private static Endpoint randomEndpoint(Random rnd, boolean server) {
        int a = rnd.nextInt(3);
        String addr = a == 0 ? "10.0." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254))
                : a == 1 ? "192.168." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254))
                : "172." + (16 + rnd.nextInt(16)) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
        int port = server ? SERVER_PORTS[rnd.nextInt(SERVER_PORTS.length)] : 32768 + rnd.nextInt(60999 - 32768 + 1);
        return Endpoint.of(addr, port);
    }

    private static final int[] SERVER_PORTS = {21, 22, 25, 80, 110, 143, 443, 3306, 5432, 8080};

    // ------------------------------------------------------------------ driving an endpoint

    /** A fresh endpoint with random addresses, ports and ISNs. */
    private static Conn fresh(Random rnd, boolean server) {
        Endpoint local = randomEndpoint(rnd, server);
        Endpoint remote = randomEndpoint(rnd, !server);
        return new Conn(local, remote, rnd.nextInt(), rnd.nextInt());
    }

    /**
     * The steps that bring a new endpoint to {@code target}, the way Figure 5 draws it; SYN-RECEIVED
     * always from a passive open (so that "rcv RST" there has one answer, back to LISTEN).
     */
    private static List<Step> pathTo(TcpState target, Random rnd) {
        List<Step> est = rnd.nextBoolean()
                ? List.of(Step.PASSIVE_OPEN, Step.RCV_SYN, Step.RCV_ACK_OF_SYN)
                : List.of(Step.ACTIVE_OPEN, Step.RCV_SYN_ACK);
        List<Step> p = new ArrayList<>();
        switch (target) {
            case CLOSED:
                break;
            case LISTEN:
                p.add(Step.PASSIVE_OPEN);
                break;
            case SYN_SENT:
                p.add(Step.ACTIVE_OPEN);
                break;
            case SYN_RECEIVED:
                p.addAll(List.of(Step.PASSIVE_OPEN, Step.RCV_SYN));
                break;
            case ESTABLISHED:
                p.addAll(est);
                break;
            case FIN_WAIT_1:
                p.addAll(est);
                p.add(Step.CLOSE);
                break;
            case FIN_WAIT_2:
                p.addAll(est);
                p.addAll(List.of(Step.CLOSE, Step.RCV_ACK_OF_FIN));
                break;
            case CLOSE_WAIT:
                p.addAll(est);
                p.add(Step.RCV_FIN);
                break;
            case CLOSING:
                p.addAll(est);
                p.addAll(List.of(Step.CLOSE, Step.RCV_FIN));
                break;
            case LAST_ACK:
                p.addAll(est);
                p.addAll(List.of(Step.RCV_FIN, Step.CLOSE));
                break;
            default: // TIME_WAIT
                p.addAll(est);
                p.addAll(List.of(Step.CLOSE, Step.RCV_ACK_OF_FIN, Step.RCV_FIN));
                break;
        }
        return p;
    }

    private static Conn reach(TcpState target, Random rnd, List<Step> path) {
        Conn c = fresh(rnd, path.isEmpty() || path.get(0) == Step.PASSIVE_OPEN);
        for (Step s : path) {
            if (!c.apply(s, 100)) {
                throw new IllegalStateException("the engine refused " + s + " in " + c.state());
            }
        }
        if (c.state() != target) {
            throw new IllegalStateException("path " + path + " ends in " + c.state() + ", not " + target);
        }
        return c;
    }

    private static String labels(List<Step> path) {
        List<String> l = new ArrayList<>();
        for (Step s : path) {
            l.add(s.label());
        }
        return String.join(", ", l);
    }

    /** The Figure 5 edges the quiz asks about, with the level each belongs to. */
    record Edge(TcpState from, Step step, Difficulty level) {
    }

    static final List<Edge> EDGES = edges();

    private static List<Edge> edges() {
        List<Edge> e = new ArrayList<>();
        Difficulty E = Difficulty.EASY;
        Difficulty M = Difficulty.MEDIUM;
        Difficulty H = Difficulty.HARD;
        e.add(new Edge(TcpState.CLOSED, Step.PASSIVE_OPEN, E));
        e.add(new Edge(TcpState.CLOSED, Step.ACTIVE_OPEN, E));
        e.add(new Edge(TcpState.LISTEN, Step.RCV_SYN, E));
        e.add(new Edge(TcpState.SYN_SENT, Step.RCV_SYN_ACK, E));
        e.add(new Edge(TcpState.SYN_RECEIVED, Step.RCV_ACK_OF_SYN, E));
        e.add(new Edge(TcpState.ESTABLISHED, Step.CLOSE, E));
        e.add(new Edge(TcpState.ESTABLISHED, Step.RCV_FIN, E));
        e.add(new Edge(TcpState.FIN_WAIT_1, Step.RCV_ACK_OF_FIN, E));
        e.add(new Edge(TcpState.FIN_WAIT_2, Step.RCV_FIN, E));
        e.add(new Edge(TcpState.CLOSE_WAIT, Step.CLOSE, E));
        e.add(new Edge(TcpState.LAST_ACK, Step.RCV_ACK_OF_FIN, E));
        e.add(new Edge(TcpState.TIME_WAIT, Step.TIMEOUT_2MSL, E));
        e.add(new Edge(TcpState.LISTEN, Step.CLOSE, M));
        e.add(new Edge(TcpState.LISTEN, Step.SEND, M));
        e.add(new Edge(TcpState.SYN_SENT, Step.CLOSE, M));
        e.add(new Edge(TcpState.SYN_SENT, Step.RCV_SYN, M));
        e.add(new Edge(TcpState.SYN_RECEIVED, Step.CLOSE, M));
        e.add(new Edge(TcpState.FIN_WAIT_1, Step.RCV_FIN, M));
        e.add(new Edge(TcpState.FIN_WAIT_1, Step.RCV_FIN_ACK_OF_FIN, M));
        e.add(new Edge(TcpState.CLOSING, Step.RCV_ACK_OF_FIN, M));
        for (Step s : Step.values()) {
            if (!s.isFigure5()) {
                continue;
            }
            for (TcpState from : s.appliesIn()) {
                boolean known = false;
                for (Edge x : e) {
                    known |= x.from() == from && x.step() == s;
                }
                if (!known) {
                    e.add(new Edge(from, s, H));
                }
            }
        }
        return List.copyOf(e);
    }

    private static Edge pickEdge(Random rnd, Difficulty d, TcpState from) {
        List<Edge> pool = new ArrayList<>();
        for (Edge e : EDGES) {
            if (from != null ? e.from() == from : e.level() == d) {
                pool.add(e);
            }
        }
        return pool.get(rnd.nextInt(pool.size()));
    }

    private String sentText(List<Segment> sent) {
        if (sent.isEmpty()) {
            return t.get("sent.nothing");
        }
        List<String> parts = new ArrayList<>();
        for (Segment s : sent) {
            parts.add(segText(s));
        }
        return t.get("sent.segments", String.join("; ", parts));
    }

    // ------------------------------------------------------------------ next_state

    private Question nextState(String id, Random rnd, Difficulty d, TcpState weak) {
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
                + (incoming != null ? " " + t.get("prompt.incoming", segText(incoming)) : "");
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

    private Question nextSegment(String id, Random rnd, Difficulty d) {
        List<Edge> pool = new ArrayList<>();
        for (Edge e : SENDING) {
            if (e.level() == d) {
                pool.add(e);
            }
        }
        Edge edge = pool.get(rnd.nextInt(pool.size()));
        List<Step> path = new ArrayList<>(pathTo(edge.from(), rnd));
        Conn c = reach(edge.from(), rnd, path);
        if (d != Difficulty.EASY && edge.from() == TcpState.ESTABLISHED && rnd.nextBoolean()) {
            // Some data first, so that the numbers are not just ISN+1.
            c.apply(Step.RCV_DATA, 1 + rnd.nextInt(1400));
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
        String prompt = t.get(promptKey, c.local().toString(), c.remote().toString(), edge.from().name(),
                edge.step().label(), event, numbers)
                + (incoming != null ? " " + t.get("prompt.incoming", segText(incoming)) : "");
        boolean askAck = d == Difficulty.HARD && out.has(Flags.ACK) && rnd.nextBoolean();
        String answer;
        List<String> opts;
        AnswerKind kind;
        long seq = Seq.unsigned(out.seq());
        long ack = Seq.unsigned(out.ack());
        if (askAck) {
            prompt = prompt + " " + t.get("next_segment.askAck");
            answer = Long.toString(ack);
            List<String> cands = new ArrayList<>();
            for (long v : new long[] {ack - 1, ack + 1, seq, ack + len, (ack - 1) & 0xFFFFFFFFL}) {
                cands.add(Long.toString(v & 0xFFFFFFFFL));
            }
            opts = options(rnd, answer, cands, 4);
            kind = AnswerKind.NUMBER;
        } else {
            prompt = prompt + " " + t.get("next_segment.ask");
            answer = segText(out);
            int f = out.flags();
            List<String> cands = new ArrayList<>();
            if (out.has(Flags.ACK)) {
                cands.add(segText(f, seq, ack - 1, out.len()));
                cands.add(segText(f, seq, ack + 1, out.len()));
                cands.add(segText(f, ack, seq, out.len()));
            }
            cands.add(segText(f, seq + 1, ack, out.len()));
            for (int g : flagMistakes(f)) {
                cands.add(segText(g, seq, ack, out.len()));
            }
            opts = options(rnd, answer, cands, 4);
            kind = AnswerKind.TEXT;
        }
        String explanation = t.get("next_segment.explain", edge.from().name(), edge.step().label(), answer(out))
                + " " + (c.state() == edge.from() ? t.get("explain.staysShort", c.state().name())
                : t.get("explain.movesShort", c.state().name()));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("from_state", edge.from().name());
        fields.put("event", edge.step().label());
        fields.put("sent_flags", out.flagText());
        fields.put("sent_seq", Long.toString(seq));
        if (out.has(Flags.ACK)) {
            fields.put("sent_ack", Long.toString(ack));
        }
        return new Question(id, QuestionType.NEXT_SEGMENT, d, prompt, opts, answer, kind, List.of(), explanation,
                edge.from(), fields, SimLab.Index.get().edge(edge.from(), edge.step().cause()));
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
        return segText(out) + " — " + why;
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
        } else if ((f & Flags.RST) != 0) {
            out.add(Flags.FIN | a);
            out.add(a);
        } else {
            out.add(a);
            out.add(Flags.FIN | a);
        }
        return out;
    }

    // ------------------------------------------------------------------ state_after

    private Question stateAfter(String id, Random rnd, Difficulty d) {
        int steps = d == Difficulty.EASY ? 2 + rnd.nextInt(2) : d == Difficulty.MEDIUM ? 3 + rnd.nextInt(2) : 4 + rnd.nextInt(3);
        Conn c = fresh(rnd, rnd.nextBoolean());
        List<String> lines = new ArrayList<>();
        List<TcpState> seen = new ArrayList<>();
        List<String> path = new ArrayList<>();
        path.add(TcpState.CLOSED.name());
        Step lastStep = null;
        TcpState lastFrom = null;
        for (int i = 0; i < steps; i++) {
            TcpState s = c.state();
            if (i > 0 && s == TcpState.CLOSED) {
                break;
            }
            List<Step> can = new ArrayList<>();
            for (Step st : Step.values()) {
                if (!st.appliesIn().contains(s)) {
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
            String line = (i + 1) + ". " + st.label()
                    + (c.lastArrived() != null ? " [" + segText(c.lastArrived()) + "]" : "")
                    + (st == Step.SEND || st == Step.SEND_DATA ? " [" + len + " bytes]" : "");
            lines.add(line);
            seen.add(s);
            path.add(c.state().name());
            lastStep = st;
            lastFrom = s;
        }
        TcpState end = c.state();
        String prompt = t.get("state_after.prompt", c.local().toString(), c.remote().toString(),
                String.join("\n", lines));
        String explanation = t.get("state_after.explain", String.join(" → ", path)) + " "
                + t.get("explain.meaning", end.name(), meaning(end));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("start_state", TcpState.CLOSED.name());
        List<String> evs = new ArrayList<>();
        for (String l : lines) {
            evs.add(l.substring(l.indexOf(' ') + 1));
        }
        fields.put("events", String.join(" | ", evs));
        Show show = lastStep != null ? SimLab.Index.get().edge(lastFrom, lastStep.cause()) : null;
        if (show == null) {
            show = SimLab.Index.get().state(end);
        }
        return new Question(id, QuestionType.STATE_AFTER, d, prompt, stateOptions(rnd, end, seen), end.name(),
                AnswerKind.STATE, List.of(), explanation, end, fields, show);
    }

    // ------------------------------------------------------------------ state_meaning

    private Question stateMeaning(String id, Random rnd, Difficulty d, TcpState weak) {
        TcpState s = weak != null ? weak : TcpState.values()[rnd.nextInt(TcpState.values().length)];
        boolean reverse = d != Difficulty.EASY && rnd.nextBoolean();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("state", s.name());
        String explanation = t.get("explain.meaning", s.name(), meaning(s)) + " " + t.get("meaning.where." + s.name());
        if (reverse) {
            return new Question(id, QuestionType.STATE_MEANING, d, t.get("state_meaning.reverse", meaning(s)),
                    stateOptions(rnd, s, List.of()), s.name(), AnswerKind.STATE, List.of(), explanation, s, fields,
                    SimLab.Index.get().state(s));
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
                AnswerKind.TEXT, List.of(), explanation, s, fields, SimLab.Index.get().state(s));
    }

    // ------------------------------------------------------------------ read_line

    /** A server program for a port, for generated scenarios. */
    private record Service(int port, String program) {
    }

    private static final List<Service> SERVERS = List.of(new Service(22, "sshd"), new Service(80, "nginx"),
            new Service(443, "nginx"), new Service(25, "master"), new Service(21, "vsftpd"),
            new Service(3306, "mysqld"), new Service(5432, "postgres"), new Service(110, "dovecot"),
            new Service(143, "dovecot"), new Service(8080, "java"), new Service(3389, "svchost.exe"),
            new Service(53, "named"));

    private static final String[] PROFILES = {"linux", "windows-10", "windows-xp"};

    private static String address(Random rnd, int net) {
        return "10." + net + "." + rnd.nextInt(200) + "." + (2 + rnd.nextInt(200));
    }

    /** One client talking to one server, with a random ending; the file's text. */
    private static String conversation(Random rnd, Service svc, int ending) {
        String client = address(rnd, 1);
        String server = address(rnd, 2);
        StringBuilder y = SimLab.head("quiz-conversation", 1 + rnd.nextInt(1_000_000), 0);
        y.append("hosts:\n");
        y.append("  client: {address: ").append(client).append(", profile: ").append(PROFILES[rnd.nextInt(3)]).append("}\n");
        y.append("  server: {address: ").append(server).append(", profile: ")
                .append(svc.program().endsWith(".exe") ? "windows-10" : "linux").append("}\n");
        SimLab.link(y, 20 + rnd.nextInt(120));
        y.append("actions:\n");
        y.append("  - {at: 0, host: server, do: listen, port: ").append(svc.port()).append(", program: ").append(svc.program());
        if (ending == 1) {
            y.append(", close_after_ms: 600");
        } else if (ending == 0) {
            y.append(", close_after_eof_ms: 200");
        }
        y.append("}\n");
        y.append("  - {at: 0, host: client, do: connect, to: server:").append(svc.port())
                .append(", program: ").append(rnd.nextBoolean() ? "chrome.exe" : "curl")
                .append(", send: {bytes: ").append(50 + rnd.nextInt(400)).append(", text: request}");
        if (ending == 1) {
            y.append(", close_after_eof_ms: 300");
        }
        y.append("}\n");
        if (ending == 0) {
            y.append("  - {at: 1000, host: client, do: close}\n");
        }
        return y.toString();
    }

    private record Line(String text, String hostName, SocketRow row, Dialect dialect, Host host, String yaml, long atUs) {
    }

    private Line someLine(Random rnd, Difficulty d) {
        Service svc = SERVERS.get(rnd.nextInt(SERVERS.size()));
        String yaml = conversation(rnd, svc, rnd.nextInt(3));
        SimLab.Traced tr = SimLab.trace(yaml);
        List<TraceEvent.StateChange> changes = new ArrayList<>();
        for (TraceEvent.StateChange c : SimLab.changes(tr.events())) {
            if (c.to() != TcpState.CLOSED) {
                changes.add(c);
            }
        }
        TraceEvent.StateChange pick = changes.get(rnd.nextInt(changes.size()));
        // Half-way to the next event, so the table is settled.
        long at = pick.timeUs() + 1;
        Simulation sim = SimLab.runTo(tr.scenario(), at);
        Host host = sim.host(pick.host());
        List<SocketRow> rows = HostTable.rows(host);
        SocketRow row = null;
        for (SocketRow r : rows) {
            if (r.local().port() == pick.local().port() && r.state() == pick.to()
                    && (pick.remote() == null || r.foreign().port() != null && r.foreign().port() == pick.remote().port())) {
                row = r;
            }
        }
        if (row == null) {
            row = rows.get(rnd.nextInt(rows.size()));
        }
        List<Dialect> ds = d == Difficulty.EASY ? List.of(Dialect.WINDOWS, Dialect.LINUX, Dialect.WINDOWS_ZH)
                : Dialect.emittableValues();
        Dialect dialect = ds.get(rnd.nextInt(ds.size()));
        String text = NetstatEmitter.emit(dialect, List.of(row), host.name());
        return new Line(text.replace("\r\n", "\n").strip(), host.name(), row, dialect, host, yaml, at);
    }

    private static ParsedLine.Socket parsed(String text) {
        for (ParsedLine p : NetstatParser.parseAll(text)) {
            if (p instanceof ParsedLine.Socket s) {
                return s;
            }
        }
        throw new IllegalStateException("no socket line in\n" + text);
    }

    private Question readLine(String id, Random rnd, Difficulty d) {
        Line line = someLine(rnd, d);
        ParsedLine.Socket p = parsed(line.text());
        TcpState state = p.row().state();
        if (state != line.row().state()) {
            throw new IllegalStateException("parser read " + state + " for " + line.row() + " in\n" + line.text());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("dialect", line.dialect().cliName());
        fields.put("host", line.hostName());
        fields.put("state", state.name());
        Show show = Show.generated(line.yaml(), line.atUs() / 1000.0);
        int local = line.row().local().port();
        boolean localIsServer = false;
        for (Sock s : line.host().sockets()) {
            if (s.state() == TcpState.LISTEN && s.local().port() == local) {
                localIsServer = true;
            }
        }
        int kind = d == Difficulty.EASY || state == TcpState.LISTEN ? 0 : rnd.nextInt(3);
        String head = t.get("read_line.head", line.hostName(), line.dialect().cliName(), line.text());
        if (kind == 1) {
            String server = t.get("role.server");
            String client = t.get("role.client");
            String answer = localIsServer ? server : client;
            fields.put("local_port", Integer.toString(local));
            fields.put("role", localIsServer ? "server" : "client");
            String explanation = t.get(localIsServer ? "read_line.role.server" : "read_line.role.client",
                    Integer.toString(local));
            List<String> opts = new ArrayList<>(List.of(server, client));
            Collections.shuffle(opts, rnd);
            return new Question(id, QuestionType.READ_LINE, d, head + "\n" + t.get("read_line.askRole", Integer.toString(local)),
                    opts, answer, AnswerKind.TEXT, List.of(localIsServer ? "server" : "client",
                    localIsServer ? "服务器" : "客户端"), explanation, state, fields, show);
        }
        if (kind == 2) {
            int serverPort = localIsServer ? local : line.row().foreign().port();
            Services.Service svc = Services.get().byPort(Proto.TCP, serverPort);
            if (svc != null) {
                fields.put("service_port", Integer.toString(serverPort));
                List<String> cands = new ArrayList<>();
                for (Service s : SERVERS) {
                    Services.Service o = Services.get().byPort(Proto.TCP, s.port());
                    if (o != null) {
                        cands.add(o.name());
                    }
                }
                String explanation = t.get("read_line.service.explain", Integer.toString(serverPort), svc.name(),
                        svc.description(lang));
                return new Question(id, QuestionType.READ_LINE, d, head + "\n" + t.get("read_line.askService"),
                        options(rnd, svc.name(), cands, 4), svc.name(), AnswerKind.TEXT, svc.aliases(), explanation,
                        state, fields, show);
            }
        }
        List<String> cands = new ArrayList<>();
        for (TcpState o : CONFUSED.get(state)) {
            cands.add(meaning(o));
        }
        String explanation = t.get("read_line.state.explain", p.raw().state() != null ? p.raw().state() : state.name(),
                state.name(), meaning(state));
        return new Question(id, QuestionType.READ_LINE, d, head + "\n" + t.get("read_line.askState"),
                options(rnd, meaning(state), cands, 4), meaning(state), AnswerKind.TEXT, List.of(state.name()),
                explanation, state, fields, show);
    }

    // ------------------------------------------------------------------ diagnose_table

    enum Diagnosis { NORMAL, SYN_FLOOD, SCAN, CLOSE_WAIT_LEAK }

    private String tableScenario(Random rnd, Diagnosis want, long[] at, String[] host) {
        Service svc = SERVERS.get(rnd.nextInt(SERVERS.size()));
        StringBuilder y = SimLab.head("quiz-table", 1 + rnd.nextInt(1_000_000), 0);
        String server = address(rnd, 2);
        switch (want) {
            case SYN_FLOOD: {
                int n = 10 + rnd.nextInt(30);
                y.append("hosts:\n  attacker: {address: 10.0.0.66, profile: linux}\n");
                y.append("  server: {address: ").append(server).append(", profile: linux, set: {tcp_syncookies: 0}}\n");
                SimLab.link(y, 50);
                y.append("actions:\n  - {at: 0, host: server, do: listen, port: ").append(svc.port())
                        .append(", backlog: 128, program: ").append(svc.program()).append("}\n");
                y.append("  - {at: 100, host: attacker, do: flood, to: server:").append(svc.port()).append(", count: ")
                        .append(n).append(", interval_ms: 10}\n");
                at[0] = (200 + n * 10L + rnd.nextInt(2000)) * 1000;
                host[0] = "server";
                break;
            }
            case SCAN: {
                int n = 8 + rnd.nextInt(20);
                int port = new int[] {135, 445, 139, 3389}[rnd.nextInt(4)];
                y.append("hosts:\n  worm: {address: 10.0.0.5, profile: windows-xp}\n");
                y.append("  victim: {address: 10.0.1.3, profile: windows-xp}\n");
                SimLab.link(y, 20);
                y.append("actions:\n  - {at: 0, host: victim, do: listen, port: ").append(port).append(", program: System}\n");
                y.append("  - {at: 100, host: worm, do: scan, targets: 10.0.1.1-10.0.1.").append(n).append(", ports: [")
                        .append(port).append("], interval_ms: 20, program: ")
                        .append(rnd.nextBoolean() ? "msblast.exe" : "svch0st.exe").append("}\n");
                at[0] = (100 + 20L * n + rnd.nextInt(1500)) * 1000;
                host[0] = "worm";
                break;
            }
            case CLOSE_WAIT_LEAK: {
                int n = 12 + rnd.nextInt(15);
                y.append("hosts:\n  client: {address: ").append(address(rnd, 1)).append(", profile: linux}\n");
                y.append("  server: {address: ").append(server).append(", profile: linux}\n");
                SimLab.link(y, 20 + rnd.nextInt(50));
                // The leak: the program accepts every connection and never calls close(), so its
                // CLOSE_WAIT rows stay its own (a listener that never accepts would leave them
                // in the accept queue, owned by no process on Linux).
                y.append("actions:\n  - {at: 0, host: server, do: listen, port: ").append(svc.port())
                        .append(", program: ").append(svc.program()).append("}\n");
                y.append("  - {at: 0, host: client, do: connect, to: server:").append(svc.port())
                        .append(", count: ").append(n).append(", interval_ms: 30, close_after_ms: 200, program: java}\n");
                at[0] = (400 + 30L * n + rnd.nextInt(3000)) * 1000;
                host[0] = "server";
                break;
            }
            default: {
                int n = 2 + rnd.nextInt(4);
                y.append("hosts:\n  client: {address: ").append(address(rnd, 1)).append(", profile: ")
                        .append(PROFILES[rnd.nextInt(3)]).append("}\n");
                y.append("  server: {address: ").append(server).append(", profile: linux}\n");
                SimLab.link(y, 20 + rnd.nextInt(80));
                y.append("actions:\n  - {at: 0, host: server, do: listen, port: ").append(svc.port())
                        .append(", program: ").append(svc.program()).append(", reply: {bytes: 800, text: reply}, close_after_eof_ms: 100}\n");
                y.append("  - {at: 0, host: client, do: connect, to: server:").append(svc.port())
                        .append(", count: ").append(n).append(", interval_ms: 200, program: chrome.exe, send: {bytes: 300, text: request}")
                        .append(rnd.nextBoolean() ? ", close_after_eof_ms: 50" : "").append("}\n");
                at[0] = (300 + rnd.nextInt(3000)) * 1000L;
                host[0] = rnd.nextBoolean() ? "server" : "client";
                break;
            }
        }
        return y.toString();
    }

    private Question diagnose(String id, Random rnd, Difficulty d) {
        Diagnosis want = Diagnosis.values()[rnd.nextInt(4)];
        for (int attempt = 0; ; attempt++) {
            long[] at = new long[1];
            String[] hostName = new String[1];
            String yaml = tableScenario(rnd, want, at, hostName);
            Scenario sc = SimLab.parse(yaml);
            Simulation sim = SimLab.runTo(sc, at[0]);
            Host host = sim.host(hostName[0]);
            List<Dialect> ds = d == Difficulty.HARD ? Dialect.emittableValues()
                    : List.of(Dialect.WINDOWS_PID, Dialect.LINUX_P, Dialect.SS_P, Dialect.WINDOWS_ZH, Dialect.TCPVIEW);
            Dialect dialect = ds.get(rnd.nextInt(ds.size()));
            String table = NetstatEmitter.emit(dialect, HostTable.rows(host), host.name()).replace("\r\n", "\n").strip();
            Explainer ex = new Explainer(lang);
            for (ParsedLine p : NetstatParser.parseAll(table)) {
                ex.explain(p);
            }
            List<Warning> ws = ex.summary().warnings();
            Set<Diagnosis> found = EnumSet.noneOf(Diagnosis.class);
            List<String> codes = new ArrayList<>();
            Warning main = null;
            for (Warning w : ws) {
                codes.add(w.code().name());
                for (Diagnosis g : Diagnosis.values()) {
                    if (w.code().name().equals(g.name())) {
                        found.add(g);
                        main = w;
                    }
                }
            }
            Diagnosis answer = found.isEmpty() ? Diagnosis.NORMAL : found.size() == 1 ? found.iterator().next() : null;
            if ((answer == null || answer != want) && attempt < 8) {
                continue; // ambiguous, or not what this question wanted to show: another run
            }
            if (answer == null) {
                throw new IllegalStateException("a table with several diagnoses: " + found);
            }
            List<String> opts = new ArrayList<>();
            for (Diagnosis g : Diagnosis.values()) {
                opts.add(t.get("diagnose." + g.name()));
            }
            Collections.shuffle(opts, rnd);
            Map<TcpState, Long> counts = ex.stateCounts();
            List<String> byState = new ArrayList<>();
            for (Map.Entry<TcpState, Long> e : counts.entrySet()) {
                if (e.getValue() > 0) {
                    byState.add(e.getKey().name() + " " + e.getValue());
                }
            }
            String explanation = t.get("diagnose.explain." + answer.name(), String.join(", ", byState))
                    + (main != null ? " " + main.evidence() : "");
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("dialect", dialect.cliName());
            fields.put("host", host.name());
            fields.put("warnings", String.join(",", codes));
            fields.put("diagnosis", answer.name());
            TcpState focus = answer == Diagnosis.SYN_FLOOD ? TcpState.SYN_RECEIVED : answer == Diagnosis.SCAN
                    ? TcpState.SYN_SENT : answer == Diagnosis.CLOSE_WAIT_LEAK ? TcpState.CLOSE_WAIT : null;
            List<String> accepted = new ArrayList<>(List.of(answer.name(), answer.name().replace('_', ' ')));
            return new Question(id, QuestionType.DIAGNOSE_TABLE, d,
                    t.get("diagnose.prompt", host.name(), dialect.cliName(), table), opts,
                    t.get("diagnose." + answer.name()), AnswerKind.TEXT, accepted, explanation, focus, fields,
                    Show.generated(yaml, at[0] / 1000.0));
        }
    }

    // ------------------------------------------------------------------ port_class

    /** IANA's port ranges (RFC 6335 §6): 0–1023 system (well-known), 1024–49151 user (registered), 49152–65535 dynamic. */
    static String portClass(int port) {
        return port <= 1023 ? "wellKnown" : port <= 49151 ? "registered" : "dynamic";
    }

    private Question portClass(String id, Random rnd, Difficulty d) {
        boolean askService = d != Difficulty.EASY && rnd.nextBoolean();
        Map<String, String> fields = new LinkedHashMap<>();
        if (askService) {
            Service s = SERVERS.get(rnd.nextInt(SERVERS.size()));
            Services.Service svc = Services.get().byPort(Proto.TCP, s.port());
            List<String> cands = new ArrayList<>();
            for (Service o : SERVERS) {
                Services.Service x = Services.get().byPort(Proto.TCP, o.port());
                if (x != null) {
                    cands.add(x.name());
                }
            }
            fields.put("port", Integer.toString(s.port()));
            fields.put("class", portClass(s.port()));
            fields.put("service", svc.name());
            String explanation = t.get("port.service.explain", Integer.toString(s.port()), svc.name(), svc.description(lang),
                    t.get("class." + portClass(s.port())));
            return new Question(id, QuestionType.PORT_CLASS, d, t.get("port.askService", Integer.toString(s.port())),
                    options(rnd, svc.name(), cands, 4), svc.name(), AnswerKind.TEXT, svc.aliases(), explanation, null,
                    fields, listenShow(rnd, s));
        }
        int c = rnd.nextInt(3);
        int port;
        if (c == 0) {
            List<Services.Service> known = new ArrayList<>();
            for (Services.Service s : Services.get().all()) {
                if (s.port() <= 1023 && s.proto() == Proto.TCP) {
                    known.add(s);
                }
            }
            port = d == Difficulty.EASY || known.isEmpty() ? 1 + rnd.nextInt(1023) : known.get(rnd.nextInt(known.size())).port();
        } else if (c == 1) {
            port = 1024 + rnd.nextInt(49151 - 1024 + 1);
        } else {
            port = 49152 + rnd.nextInt(65535 - 49152 + 1);
        }
        if (d == Difficulty.HARD) {
            int[] edges = {1023, 1024, 49151, 49152, 65535};
            if (rnd.nextInt(3) == 0) {
                port = edges[rnd.nextInt(edges.length)];
            }
        }
        String cls = portClass(port);
        List<String> opts = new ArrayList<>();
        for (String k : List.of("wellKnown", "registered", "dynamic")) {
            opts.add(t.get("class." + k));
        }
        Collections.shuffle(opts, rnd);
        Services.Service svc = Services.get().byPort(Proto.TCP, port);
        fields.put("port", Integer.toString(port));
        fields.put("class", cls);
        String explanation = t.get("port.class.explain." + cls, Integer.toString(port))
                + (svc != null ? " " + t.get("port.known", Integer.toString(port), svc.name(), svc.description(lang)) : "");
        List<String> accepted = List.of(t.get("class." + cls + ".accept").split("\\|"));
        return new Question(id, QuestionType.PORT_CLASS, d, t.get("port.askClass", Integer.toString(port)), opts,
                t.get("class." + cls), AnswerKind.TEXT, accepted, explanation, null, fields, null);
    }

    private static Show listenShow(Random rnd, Service s) {
        String yaml = conversation(rnd, s, 2);
        SimLab.Traced tr = SimLab.trace(yaml);
        for (TraceEvent.StateChange c : SimLab.changes(tr.events())) {
            if (c.to() == TcpState.ESTABLISHED) {
                return Show.generated(yaml, c.timeUs() / 1000.0);
            }
        }
        return Show.generated(yaml, 0);
    }

    // ------------------------------------------------------------------ order_steps

    private Question orderSteps(String id, Random rnd, Difficulty d) {
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
                    .append(segText(s.segment()));
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
