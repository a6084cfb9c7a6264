package tcplab.tcp;

import static tcplab.tcp.Cause.ABORT;
import static tcplab.tcp.Cause.ACTIVE_OPEN;
import static tcplab.tcp.Cause.CLOSE;
import static tcplab.tcp.Cause.PASSIVE_OPEN;
import static tcplab.tcp.Cause.RCV_ACK_OF_FIN;
import static tcplab.tcp.Cause.RCV_ACK_OF_SYN;
import static tcplab.tcp.Cause.RCV_FIN;
import static tcplab.tcp.Cause.RCV_FIN_ACK_OF_FIN;
import static tcplab.tcp.Cause.RCV_RST;
import static tcplab.tcp.Cause.RCV_SYN;
import static tcplab.tcp.Cause.RCV_SYN_ACK;
import static tcplab.tcp.Cause.SEND;
import static tcplab.tcp.Cause.TIMEOUT_2MSL;
import static tcplab.tcp.Cause.TIMEOUT_FIN_WAIT_2;
import static tcplab.tcp.Cause.TIMEOUT_RETRANSMISSION;
import static tcplab.tcp.Cause.TIMEOUT_USER;
import static tcplab.tcp.TcpState.CLOSED;
import static tcplab.tcp.TcpState.CLOSE_WAIT;
import static tcplab.tcp.TcpState.CLOSING;
import static tcplab.tcp.TcpState.ESTABLISHED;
import static tcplab.tcp.TcpState.FIN_WAIT_1;
import static tcplab.tcp.TcpState.FIN_WAIT_2;
import static tcplab.tcp.TcpState.LAST_ACK;
import static tcplab.tcp.TcpState.LISTEN;
import static tcplab.tcp.TcpState.SYN_RECEIVED;
import static tcplab.tcp.TcpState.SYN_SENT;
import static tcplab.tcp.TcpState.TIME_WAIT;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of two {@link TcpEndpoint}s wired back to back: whatever the applications do and
 * whichever segments the network drops, every transition is one RFC 9293 Figure 5 draws (or one of
 * the exits §3.10 specifies), and once every timer has run both ends are closed or were told why.
 * Also: the modulo-2^32 comparisons of {@link Seq} agree with plain arithmetic within 2^31.
 */
class TcpEndpointPropertiesTest {

    record Move(TcpState from, TcpState to, Cause cause) {
        @Override
        public String toString() {
            return from + "->" + to + " (" + cause.label() + ")";
        }
    }

    /** RFC 9293 Figure 5, plus the exits §3.10 specifies that the figure does not draw. */
    static final Set<Move> ALLOWED = new HashSet<>();

    static {
        // Figure 5.
        allow(CLOSED, LISTEN, PASSIVE_OPEN);
        allow(CLOSED, SYN_SENT, ACTIVE_OPEN);
        allow(LISTEN, SYN_RECEIVED, RCV_SYN);
        allow(LISTEN, SYN_SENT, SEND);
        allow(LISTEN, CLOSED, CLOSE);
        allow(SYN_SENT, CLOSED, CLOSE);
        allow(SYN_SENT, SYN_RECEIVED, RCV_SYN);
        allow(SYN_SENT, ESTABLISHED, RCV_SYN_ACK);
        allow(SYN_RECEIVED, ESTABLISHED, RCV_ACK_OF_SYN);
        allow(SYN_RECEIVED, FIN_WAIT_1, CLOSE);
        allow(SYN_RECEIVED, LISTEN, RCV_RST);
        allow(ESTABLISHED, FIN_WAIT_1, CLOSE);
        allow(ESTABLISHED, CLOSE_WAIT, RCV_FIN);
        allow(FIN_WAIT_1, FIN_WAIT_2, RCV_ACK_OF_FIN);
        allow(FIN_WAIT_1, CLOSING, RCV_FIN);
        allow(FIN_WAIT_1, TIME_WAIT, RCV_FIN_ACK_OF_FIN);
        allow(FIN_WAIT_2, TIME_WAIT, RCV_FIN);
        allow(CLOSE_WAIT, LAST_ACK, CLOSE);
        allow(CLOSING, TIME_WAIT, RCV_ACK_OF_FIN);
        allow(LAST_ACK, CLOSED, RCV_ACK_OF_FIN);
        allow(TIME_WAIT, CLOSED, TIMEOUT_2MSL);
        // §3.10.7.4 fourth: a SYN in SYN-RECEIVED of a passive OPEN returns it to LISTEN.
        allow(SYN_RECEIVED, LISTEN, RCV_SYN);
        // §3.10.7.3/§3.10.7.4 second: RST.
        for (TcpState s : EnumSet.of(SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING,
                LAST_ACK, TIME_WAIT)) {
            allow(s, CLOSED, RCV_RST);
        }
        // §3.10.5 ABORT, and a host that loses its state.
        for (TcpState s : EnumSet.complementOf(EnumSet.of(CLOSED))) {
            allow(s, CLOSED, ABORT);
            allow(s, CLOSED, Cause.HOST_RESTART);
        }
        // §3.10.8 timeouts: something of ours (SYN, SYN-ACK, data or FIN) is unacknowledged.
        for (TcpState s : EnumSet.of(SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, CLOSE_WAIT, CLOSING, LAST_ACK)) {
            allow(s, CLOSED, TIMEOUT_RETRANSMISSION);
            allow(s, CLOSED, TIMEOUT_USER);
        }
        allow(FIN_WAIT_2, CLOSED, TIMEOUT_FIN_WAIT_2);
        // RFC 9293 §3.6.1 / RFC 2525 §2.17: CLOSE with unread data resets the connection.
        allow(ESTABLISHED, CLOSED, CLOSE);
        allow(CLOSE_WAIT, CLOSED, CLOSE);
    }

    static void allow(TcpState from, TcpState to, Cause cause) {
        ALLOWED.add(new Move(from, to, cause));
    }

    static final Set<Notice> ERRORS = EnumSet.of(Notice.REFUSED, Notice.RESET, Notice.TIMED_OUT, Notice.USER_TIMED_OUT);

    enum Op { LISTEN, CONNECT, SEND, CLOSE, ABORT }

    /** One user call, {@code gapMs} after the previous one. */
    record Call(boolean onA, Op op, int bytes, int gapMs) {
    }

    @Provide
    Arbitrary<List<Call>> calls() {
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Op.LISTEN)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Op.CONNECT)),
                net.jqwik.api.Tuple.of(5, Arbitraries.just(Op.SEND)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Op.CLOSE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Op.ABORT)));
        Arbitrary<Integer> gap = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(1, 400)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(400, 5000)));
        return Combinators.combine(Arbitraries.of(true, false), op, Arbitraries.integers().between(1, 4000), gap)
                .as(Call::new).list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<Boolean>> drops() {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(3, true), net.jqwik.api.Tuple.of(7, false)).list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<Integer> isns() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(-4000, -1),
                Arbitraries.integers().between(Integer.MAX_VALUE - 4000, Integer.MAX_VALUE));
    }

    /** Both ends and a network that delivers in order after {@code delayUs}, dropping per {@code drops}. */
    static final class Wire implements TcpEndpoint.Events {
        record InFlight(long at, long order, TcpEndpoint to, Segment seg) {
        }

        final TcpEndpoint a;
        final TcpEndpoint b;
        final long delayUs;
        final List<Boolean> drops;
        int segments;
        long order;
        long now;
        final ArrayDeque<InFlight> net = new ArrayDeque<>();
        final List<String> log = new ArrayList<>();
        final List<Notice> noticesA = new ArrayList<>();
        final List<Notice> noticesB = new ArrayList<>();
        final List<String> badMoves = new ArrayList<>();
        int outputs;

        Wire(TcpConfig cfg, int isnA, int isnB, long delayUs, List<Boolean> drops) {
            int[] na = {isnA};
            int[] nb = {isnB};
            a = new TcpEndpoint(cfg, Endpoint.of("10.0.0.1", 40000), () -> na[0] += 0x10000000, this);
            b = new TcpEndpoint(cfg, Endpoint.of("10.0.0.2", 80), () -> nb[0] += 0x10000000, this);
            this.delayUs = delayUs;
            this.drops = drops;
        }

        String name(TcpEndpoint e) {
            return e == a ? "A" : "B";
        }

        @Override
        public void transmit(TcpEndpoint from, Segment segment) {
            outputs++;
            int i = segments++;
            boolean dropped = i < drops.size() && drops.get(i);
            log.add(now + " " + name(from) + (dropped ? " DROPS " : " sends ") + segment);
            if (!dropped) {
                net.addLast(new InFlight(now + delayUs, order++, from == a ? b : a, segment));
            }
        }

        @Override
        public void stateChanged(TcpEndpoint endpoint, TcpState from, TcpState to, Cause cause) {
            outputs++;
            Move m = new Move(from, to, cause);
            log.add(now + " " + name(endpoint) + " " + m);
            if (!ALLOWED.contains(m)) {
                badMoves.add(name(endpoint) + " " + m);
            }
        }

        @Override
        public void notice(TcpEndpoint endpoint, Notice notice, Segment segment) {
            outputs++;
            log.add(now + " " + name(endpoint) + " notice " + notice);
            (endpoint == a ? noticesA : noticesB).add(notice);
        }

        void call(Call c) {
            TcpEndpoint e = c.onA() ? a : b;
            TcpEndpoint other = c.onA() ? b : a;
            log.add(now + " " + name(e) + " calls " + c.op() + (c.op() == Op.SEND ? " " + c.bytes() : ""));
            switch (c.op()) {
                case LISTEN:
                    e.listen(now);
                    break;
                case CONNECT:
                    e.connect(other.local(), now);
                    break;
                case SEND:
                    e.send(c.bytes(), "data", now);
                    break;
                case CLOSE:
                    e.close(now);
                    break;
                default:
                    e.abort(now);
            }
        }

        /**
         * Runs deliveries and timers, in time order, up to {@code until} (all of them when
         * MAX_VALUE). Before each timer fires, firing it a microsecond early must do nothing: the
         * deadline an endpoint names is its earliest.
         */
        void runUntil(long until) {
            for (int guard = 0; guard < 200_000; guard++) {
                long tNet = net.isEmpty() ? Long.MAX_VALUE : net.peekFirst().at();
                long tA = a.nextDeadline();
                long tB = b.nextDeadline();
                long t = Math.min(tNet, Math.min(tA, tB));
                if (t == Long.MAX_VALUE || t > until) {
                    if (until != Long.MAX_VALUE) {
                        now = until;
                    }
                    return;
                }
                if (t < now) {
                    throw new AssertionError("time went backwards: deadline " + t + " < now " + now + "\n" + String.join("\n", log));
                }
                now = t;
                if (tNet == t) {
                    InFlight f = net.removeFirst();
                    f.to().segmentArrives(f.seg(), now);
                } else {
                    TcpEndpoint e = tA == t ? a : b;
                    if (t > 0) {
                        int before = outputs;
                        e.onTimer(t - 1);
                        if (outputs != before || e.nextDeadline() != t) {
                            throw new AssertionError("timer fired before nextDeadline() did something\n" + String.join("\n", log));
                        }
                    }
                    e.onTimer(now);
                }
            }
            throw new AssertionError("does not settle\n" + String.join("\n", log));
        }

        String trace() {
            return String.join("\n", log);
        }
    }

    @Property(tries = 2000)
    void twoEndpoints_onlyFigure5Transitions_andBothEndsFinish(
            @ForAll("calls") List<Call> calls,
            @ForAll("drops") List<Boolean> drops,
            @ForAll("isns") int isnA,
            @ForAll("isns") int isnB,
            @ForAll("delays") long delayMs,
            @ForAll boolean linux) {
        // Both the RFC configuration and one with Linux's rules (time budgets, tail loss probe,
        // its RTT estimator, the 3.5 RTO floor of FIN-WAIT-2).
        TcpConfig.Builder b = TcpConfig.rfcDefaults().toBuilder().finWait2TimeoutMs(60_000);
        if (linux) {
            b.synRetries(6, 4).dataRetries(15, 8, TcpConfig.GiveUp.LINUX_TIME_BUDGET).tailLossProbe(true)
                    .rttEstimator(TcpConfig.RttEstimator.LINUX).finTimeRtoFloor(true);
        }
        TcpConfig cfg = b.build();
        Wire w = new Wire(cfg, isnA, isnB, delayMs * 1000, drops);
        for (Call c : calls) {
            w.runUntil(w.now + c.gapMs() * 1000L);
            w.call(c);
        }
        // The applications exit: both sockets are closed, then every timer runs out.
        w.runUntil(w.now + 1000);
        w.call(new Call(true, Op.CLOSE, 0, 0));
        w.call(new Call(false, Op.CLOSE, 0, 0));
        w.runUntil(Long.MAX_VALUE);

        if (!w.badMoves.isEmpty()) {
            throw new AssertionError("transitions outside Figure 5: " + w.badMoves + "\n" + w.trace());
        }
        checkFinished(w, w.a, w.noticesA);
        checkFinished(w, w.b, w.noticesB);
    }

    /**
     * Linux's two limits on SYN-SENT (tcp_write_timeout): no SYN leaves once the time budget
     * (tcp_model_timeout of tcp_syn_retries from the initial RTO) is spent, never more than
     * retries + linear timeouts are retransmitted, and connect() fails at the first timeout after
     * the last SYN: the timer is not shortened to the budget, so that is the budget or later.
     */
    @Property(tries = 500)
    void aSynSentEndpointSendsNoSynAfterTheTimeBudgetAndGivesUpAtTheNextTimeout(
            @ForAll("synRetries") int retries,
            @ForAll("synLinear") int linear,
            @ForAll("rtoInitial") int rtoMs) {
        TcpConfig cfg = TcpConfig.builder().rtoInitialMs(rtoMs).synRetries(retries, linear)
                .dataRetries(15, 8, TcpConfig.GiveUp.LINUX_TIME_BUDGET).build();
        Recorder rec = new Recorder();
        TcpEndpoint e = new TcpEndpoint(cfg, tcplab.tcp.Endpoint.of("10.0.0.1", 40000), () -> 1, rec);
        e.connect(tcplab.tcp.Endpoint.of("10.0.0.2", 80), 0);
        long lastRto = 0;
        for (int guard = 0; guard < 1000 && e.state() == SYN_SENT; guard++) {
            long d = e.nextDeadline();
            lastRto = d - rec.sentTimes().get(rec.sentTimes().size() - 1);
            rec.now = d;
            e.onTimer(d);
        }
        long budgetUs = cfg.synBudgetMs() * 1000;
        List<Long> times = rec.sentTimes();
        long gaveUp = rec.transitionTimes.get(rec.transitionTimes.size() - 1);
        if (e.state() != CLOSED || !rec.notices.contains(Notice.TIMED_OUT)) {
            throw new AssertionError("did not time out: " + e.state());
        }
        if (times.size() > 1 + retries + linear) {
            throw new AssertionError(times.size() + " SYNs for " + retries + " + " + linear + " retries");
        }
        for (long t : times.subList(1, times.size())) {
            if (t >= budgetUs) {
                throw new AssertionError("a SYN at " + t + " µs, budget " + budgetUs + " µs: " + times);
            }
        }
        long last = times.get(times.size() - 1);
        if (gaveUp != last + lastRto) {
            throw new AssertionError("gave up at " + gaveUp + ", not at the timeout after the last SYN " + last);
        }
        if (times.size() < 1 + retries + linear && gaveUp < budgetUs) {
            throw new AssertionError("gave up at " + gaveUp + " before the budget " + budgetUs + " with retries left");
        }
    }

    @Provide
    Arbitrary<Integer> synRetries() {
        return Arbitraries.integers().between(1, 10);
    }

    @Provide
    Arbitrary<Integer> synLinear() {
        return Arbitraries.integers().between(0, 8);
    }

    @Provide
    Arbitrary<Integer> rtoInitial() {
        return Arbitraries.integers().between(100, 3000);
    }

    private static void checkFinished(Wire w, TcpEndpoint e, List<Notice> notices) {
        boolean done = e.state() == CLOSED || e.state() == TIME_WAIT || e.state() == LISTEN;
        boolean told = notices.stream().anyMatch(ERRORS::contains);
        if (!done && !told) {
            throw new AssertionError(w.name(e) + " stuck in " + e.state() + "\n" + w.trace());
        }
        if (e.nextDeadline() != Long.MAX_VALUE) {
            throw new AssertionError(w.name(e) + " still has a timer\n" + w.trace());
        }
    }

    @Provide
    Arbitrary<Long> delays() {
        return Arbitraries.of(0L, 1L, 20L, 150L, 400L);
    }

    /** With no drops, a connect/accept/request/response/close conversation always ends cleanly. */
    @Property(tries = 500)
    void twoEndpoints_withoutLoss_requestResponseAndCloseEndWithoutErrors(
            @ForAll("isns") int isnA,
            @ForAll("isns") int isnB,
            @ForAll("delays") long delayMs,
            @ForAll("sizes") int request,
            @ForAll("sizes") int response) {
        Wire w = new Wire(TcpConfig.rfcDefaults(), isnA, isnB, delayMs * 1000, List.of());
        w.call(new Call(false, Op.LISTEN, 0, 0));
        w.call(new Call(true, Op.CONNECT, 0, 0));
        w.runUntil(Long.MAX_VALUE);
        assertState(w, w.a, ESTABLISHED);
        assertState(w, w.b, ESTABLISHED);
        w.call(new Call(true, Op.SEND, request, 0));
        w.runUntil(Long.MAX_VALUE);
        w.call(new Call(false, Op.SEND, response, 0));
        w.runUntil(Long.MAX_VALUE);
        if (w.a.sendQueueBytes() != 0 || w.b.sendQueueBytes() != 0
                || w.a.sndNxt() != w.b.rcvNxt() || w.b.sndNxt() != w.a.rcvNxt()
                || w.a.sndNxt() != w.a.iss() + 1 + request || w.b.sndNxt() != w.b.iss() + 1 + response) {
            throw new AssertionError("sequence numbers disagree\n" + w.trace());
        }
        w.call(new Call(true, Op.CLOSE, 0, 0));
        w.runUntil(w.now + 5_000_000);
        w.call(new Call(false, Op.CLOSE, 0, 0));
        w.runUntil(Long.MAX_VALUE);
        assertState(w, w.a, CLOSED);
        assertState(w, w.b, CLOSED);
        if (w.noticesA.stream().anyMatch(ERRORS::contains) || w.noticesB.stream().anyMatch(ERRORS::contains)
                || !w.badMoves.isEmpty()) {
            throw new AssertionError("unexpected error\n" + w.trace());
        }
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.integers().between(1, 50_000);
    }

    private static void assertState(Wire w, TcpEndpoint e, TcpState s) {
        if (e.state() != s) {
            throw new AssertionError(w.name(e) + " in " + e.state() + ", expected " + s + "\n" + w.trace());
        }
    }

    // ------------------------------------------------------------------ Seq

    @Provide
    Arbitrary<Integer> distances() {
        // Strictly within 2^31 either way.
        return Arbitraries.oneOf(Arbitraries.integers().between(-Integer.MAX_VALUE, Integer.MAX_VALUE),
                Arbitraries.integers().between(-3, 3));
    }

    @Property(tries = 2000)
    void seq_comparisonsAgreeWithUnsignedArithmeticAcrossTheWrap(@ForAll("isns") int a, @ForAll("distances") int d) {
        // b is d ahead of a on the unsigned 32-bit circle.
        long ua = Seq.unsigned(a);
        long ub = (ua + d) & 0xFFFFFFFFL;
        int b = (int) ub;
        check(Seq.lt(a, b) == (d > 0), "lt", a, b);
        check(Seq.le(a, b) == (d >= 0), "le", a, b);
        check(Seq.gt(a, b) == (d < 0), "gt", a, b);
        check(Seq.ge(a, b) == (d <= 0), "ge", a, b);
        check(Seq.lt(b, a) == (d < 0), "lt reversed", b, a);
        check(Seq.unsigned(b) == ub, "unsigned", a, b);
    }

    @Property(tries = 2000)
    void seq_inRangeAgreesWithUnsignedOffsets(@ForAll("isns") int lo, @ForAll("windows") int width, @ForAll("windows") int off) {
        int hi = lo + width;
        int x = lo + off;
        // x is in [lo, hi) exactly when its unsigned offset from lo is below the width.
        check(Seq.inRange(x, lo, hi) == (off < width), "inRange", x, lo);
    }

    @Provide
    Arbitrary<Integer> windows() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 70_000));
    }

    private static void check(boolean ok, String what, int a, int b) {
        if (!ok) {
            throw new AssertionError(what + " wrong for " + Seq.unsigned(a) + ", " + Seq.unsigned(b));
        }
    }
}
