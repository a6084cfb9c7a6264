package tcplab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.kernel.Observation.Step;

/**
 * Compares two observations of one scenario (the kernel's and the simulator's, or two kernel
 * runs): the same sockets with the same state sequences, the same segments in the same order
 * (flags, relative seq/ack, length, delivered or dropped) and the same application results, each
 * at the same time within the tolerance.
 *
 * <p>The tolerance is the kernel's own timer slack plus the harness's delays. A timer of the
 * kernel's timer wheel (kernel/time/timer.c) fires at the first tick of its wheel level at or
 * after its expiry, the level's granularity being at most about 1/8 of the timeout
 * (LVL_CLK_SHIFT 3; 4 ms ticks at this machine's HZ=250). So each event is compared with the
 * event before it in the same sequence: the interval between them may differ by
 * {@value #BASE_MS} ms (the relay's and the applications' scheduling, /proc polled every 2 ms)
 * plus 1/{@value #SLACK_DIVISOR} of the interval.
 */
public final class Conformance {

    public static final double BASE_MS = 10;
    public static final double SLACK_DIVISOR = 8;

    /**
     * One aspect that differs: {@code kind} states, segments, apps or counters, of {@code host}
     * (for segments compared per destination: "worm to *.*.1.7"); {@code detail} worded in the
     * language of the texts the comparison was given.
     */
    public record Difference(String kind, String host, String detail) {

        /** "states client", as the known differences of the test's cases name aspects. */
        public String aspect() {
            return kind + " " + host;
        }

        /** The aspect in the user's words, then what differs. */
        public String format(Texts t) {
            return t.get("aspect." + kind, host) + ": " + detail;
        }

        @Override
        public String toString() {
            return aspect() + ": " + detail;
        }
    }

    private Conformance() {
    }

    public static double tolerance(double intervalMs) {
        return BASE_MS + Math.abs(intervalMs) / SLACK_DIVISOR;
    }

    /** Every aspect in which {@code actual} differs from {@code expected}, at most one difference per aspect. */
    public static List<Difference> compare(Observation expected, Observation actual) {
        return compare(expected, actual, Set.of(), Set.of(), Double.MAX_VALUE, Texts.of(KernelCheck.BUNDLE, Lang.EN));
    }

    /**
     * As {@link #compare(Observation, Observation)}, but the {@code crowded} hosts (a flooded
     * listener: hundreds of request sockets) are compared by counts: see {@link #crowd}.
     */
    public static List<Difference> compare(Observation expected, Observation actual, Set<String> crowded, Set<String> byPeer,
                                           double untilMs) {
        return compare(expected, actual, crowded, byPeer, untilMs, Texts.of(KernelCheck.BUNDLE, Lang.EN));
    }

    /**
     * As above, and the segments of the {@code byPeer} hosts are compared per destination (a
     * scanner's SYNs to 40 addresses 20 ms apart: the kernel retransmits those whose timers fall
     * on one tick of its timer wheel in its own order).
     */
    public static List<Difference> compare(Observation expected, Observation actual, Set<String> crowded, Set<String> byPeer,
                                           double untilMs, Texts t) {
        List<Difference> out = new ArrayList<>();
        for (String host : crowded) {
            crowd(host, expected, actual, untilMs, t, out);
        }
        for (String host : hosts(expected.sockets(), actual.sockets())) {
            if (crowded.contains(host)) {
                continue;
            }
            List<List<Step>> e = expected.sockets().getOrDefault(host, List.of());
            List<List<Step>> a = actual.sockets().getOrDefault(host, List.of());
            if (e.size() != a.size()) {
                out.add(new Difference("states", host, t.get("diff.socketCount", e.size(), a.size()) + whole(e, a, t)));
                continue;
            }
            for (int i = 0; i < e.size(); i++) {
                String d = sequence(e.get(i), a.get(i), untilMs, t);
                if (d != null) {
                    out.add(new Difference("states", host, t.get("diff.socket", i + 1, d)));
                    break;
                }
            }
        }
        Map<String, List<Step>> es = new java.util.LinkedHashMap<>(expected.segments());
        Map<String, List<Step>> as = new java.util.LinkedHashMap<>(actual.segments());
        es.keySet().removeAll(crowded);
        as.keySet().removeAll(crowded);
        for (String host : byPeer) {
            split(host, es);
            split(host, as);
        }
        compareLists("segments", es, as, untilMs, t, out);
        compareLists("apps", expected.apps(), actual.apps(), untilMs, t, out);
        return out;
    }

    /** Replaces a host's segments by one list per destination, "host to peer". */
    private static void split(String host, Map<String, List<Step>> segments) {
        List<Step> all = segments.remove(host);
        if (all == null) {
            return;
        }
        for (Step s : all) {
            String w = s.what();
            String peer = w.substring(w.indexOf(" to ") + 4, w.lastIndexOf(' '));
            segments.computeIfAbsent(host + " to " + peer, k -> new ArrayList<>()).add(s);
        }
    }

    /** The windows at whose ends a crowded host's counts are compared. */
    static final double WINDOW_MS = 250;

    /**
     * A crowded host compared by counts, not socket by socket: a flood's request sockets differ
     * only in their spoofed addresses, and the kernel fires the SYN-ACK timers of requests made
     * 10 ms apart together on one tick of its timer wheel (a 4 s timeout has 256 ms ticks at
     * HZ=250), so the order of their retransmissions is the wheel's, not the requests'. At the
     * end of every {@value #WINDOW_MS} ms window these must agree:
     * <ul>
     * <li>the segments the host has sent so far, per flags (SYN,ACK; RST; ...), and
     * <li>the sockets it has in SYN_RECEIVED (and in each other state) at that moment.
     * </ul>
     * Windows are compared up to the run's end less the slack (what comes after is not seen).
     * The count seen at {@code t} must be one the expected side had at some moment from
     * {@code t - slack} to {@code t + slack}, where slack is {@value #BASE_MS} ms plus
     * 1/{@value #SLACK_DIVISOR} of {@code t}: each timeout is at most 1/8 late on the wheel (see
     * the class comment) and the timeouts that lead up to {@code t} add up to at most {@code t}.
     * Both directions, as the model (whose timers are exact) is compared with the kernel, and one
     * kernel run with another. The kernel's own counters (SYN cookies sent, SYNs dropped on a full request queue,
     * {@link Observation#COUNTERS}) must equal the model's exactly.
     */
    static void crowd(String host, Observation expected, Observation actual, double untilMs, Texts t, List<Difference> out) {
        double end = 0;
        for (Observation o : List.of(expected, actual)) {
            for (Step s : o.segments().getOrDefault(host, List.of())) {
                end = Math.max(end, s.ms());
            }
            for (List<Step> sock : o.sockets().getOrDefault(host, List.of())) {
                end = Math.max(end, sock.get(sock.size() - 1).ms());
            }
        }
        TreeSet<String> flags = new TreeSet<>();
        for (Observation o : List.of(expected, actual)) {
            for (Step s : o.segments().getOrDefault(host, List.of())) {
                flags.add(s.what().substring(0, s.what().indexOf(' ')));
            }
        }
        TreeSet<String> states = new TreeSet<>();
        for (Observation o : List.of(expected, actual)) {
            for (List<Step> sock : o.sockets().getOrDefault(host, List.of())) {
                for (Step s : sock) {
                    states.add(s.what().substring(s.what().indexOf('>') + 1));
                }
            }
        }
        // What happens after the run's end is not seen: a window is compared when its whole band is in the run.
        while (end > 0 && end + tolerance(end) > untilMs) {
            end -= WINDOW_MS;
        }
        for (String f : flags) {
            String d = band(end, u -> sent(expected, host, f, u), u -> sent(actual, host, f, u), t.get("crowded.sent", f), t);
            if (d != null) {
                out.add(new Difference("segments", host, d));
                break;
            }
        }
        for (String st : states) {
            String d = band(end, u -> in(expected, host, st, u), u -> in(actual, host, st, u), t.get("crowded.in", st), t);
            if (d != null) {
                out.add(new Difference("states", host, d));
                break;
            }
        }
        Map<String, Long> ec = expected.counters().getOrDefault(host, Map.of());
        Map<String, Long> ac = actual.counters().getOrDefault(host, Map.of());
        for (String c : Observation.COUNTERS) {
            long e = ec.getOrDefault(c, 0L);
            long a = ac.getOrDefault(c, 0L);
            if (e != a) {
                out.add(new Difference("counters", host, t.get("diff.counter", c, e, a)));
                break;
            }
        }
    }

    /** Null when {@code actual(t)} is within the expected band at every window's end up to {@code end}. */
    private static String band(double end, java.util.function.DoubleToIntFunction expected,
                               java.util.function.DoubleToIntFunction actual, String what, Texts t) {
        for (double at = WINDOW_MS; at <= end; at += WINDOW_MS) {
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            double from = at - tolerance(at);
            double to = at + tolerance(at);
            // The expected value over [from, to], sampled at every millisecond.
            for (double u = Math.max(0, from); u <= to; u += 1) {
                int v = expected.applyAsInt(u);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            int a = actual.applyAsInt(at);
            if (a < lo || a > hi) {
                return t.get("diff.band", what, ms(at), a, lo, hi, ms(Math.max(0, from)), ms(to));
            }
        }
        return null;
    }

    /** Segments with these flags {@code host} had sent by {@code t}. */
    public static int sent(Observation o, String host, String flags, double t) {
        int n = 0;
        for (Step s : o.segments().getOrDefault(host, List.of())) {
            if (s.ms() <= t && s.what().startsWith(flags + " ")) {
                n++;
            }
        }
        return n;
    }

    /** Sockets of {@code host} in {@code state} at {@code t}. */
    public static int in(Observation o, String host, String state, double t) {
        int n = 0;
        for (List<Step> sock : o.sockets().getOrDefault(host, List.of())) {
            String now = null;
            for (Step s : sock) {
                if (s.ms() > t) {
                    break;
                }
                now = s.what().substring(s.what().indexOf('>') + 1);
            }
            if (state.equals(now)) {
                n++;
            }
        }
        return n;
    }

    private static void compareLists(String what, Map<String, List<Step>> expected, Map<String, List<Step>> actual,
                                     double untilMs, Texts t, List<Difference> out) {
        for (String host : hosts(expected, actual)) {
            String d = sequence(expected.getOrDefault(host, List.of()), actual.getOrDefault(host, List.of()), untilMs, t);
            if (d != null) {
                out.add(new Difference(what, host, d));
            }
        }
    }

    private static TreeSet<String> hosts(Map<String, ?> a, Map<String, ?> b) {
        TreeSet<String> hosts = new TreeSet<>(a.keySet());
        hosts.addAll(b.keySet());
        return hosts;
    }

    /** Null when the two sequences say the same in the same order at the same times; else where they part (English). */
    static String sequence(List<Step> expected, List<Step> actual) {
        return sequence(expected, actual, Double.MAX_VALUE, Texts.of(KernelCheck.BUNDLE, Lang.EN));
    }

    /**
     * As above; a step that one side has and the other has not, after the last step both have,
     * is forgiven when it came so near the end of the run ({@code untilMs}) that within the
     * tolerance it could have come after it (a retransmission the timer wheel made late).
     */
    static String sequence(List<Step> expected, List<Step> actual, double untilMs, Texts t) {
        int n = Math.min(expected.size(), actual.size());
        double prevE = 0;
        double prevA = 0;
        for (int i = 0; i < n; i++) {
            Step e = expected.get(i);
            Step a = actual.get(i);
            if (!e.what().equals(a.what())) {
                return t.get("diff.other", i + 1, e, a) + whole(expected, actual, t);
            }
            double interval = e.ms() - prevE;
            double off = (a.ms() - prevA) - interval;
            if (Math.abs(off) > tolerance(interval)) {
                return t.get("diff.time", i + 1, a.what(), ms(a.ms()), ms(e.ms()), String.format(Locale.ROOT, "%+.1f", off),
                        ms(tolerance(interval))) + whole(expected, actual, t);
            }
            prevE = e.ms();
            prevA = a.ms();
        }
        List<Step> extra = expected.size() > actual.size() ? expected.subList(n, expected.size()) : actual.subList(n, actual.size());
        double prev = expected.size() > actual.size() ? prevE : prevA;
        if (!extra.isEmpty()) {
            Step first = extra.get(0);
            if (first.ms() + tolerance(first.ms() - prev) > untilMs) {
                return null; // it could as well have come after the end of the run
            }
            return t.get(expected.size() > actual.size() ? "diff.missing" : "diff.more", extra) + whole(expected, actual, t);
        }
        return null;
    }

    private static String ms(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }

    /** Both whole sequences, under the difference (the command prints them side by side instead). */
    private static String whole(List<?> expected, List<?> actual, Texts t) {
        return "\n      " + t.get("list.expected") + " " + shortened(expected, t) + "\n      " + t.get("list.seen") + " "
                + shortened(actual, t);
    }

    /** A flood's 300 segments would bury the difference: the first 30 steps are enough. */
    private static String shortened(List<?> steps, Texts t) {
        return steps.size() <= 30 ? steps.toString() : steps.subList(0, 30) + " " + t.get("list.more", steps.size() - 30);
    }
}
