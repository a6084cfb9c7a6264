package tcplab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
final class Conformance {

    static final double BASE_MS = 10;
    static final double SLACK_DIVISOR = 8;

    /** One aspect that differs: {@code aspect} as "states client", "segments server", "apps client". */
    record Difference(String aspect, String detail) {
        @Override
        public String toString() {
            return aspect + ": " + detail;
        }
    }

    private Conformance() {
    }

    static double tolerance(double intervalMs) {
        return BASE_MS + Math.abs(intervalMs) / SLACK_DIVISOR;
    }

    /** Every aspect in which {@code actual} differs from {@code expected}, at most one difference per aspect. */
    static List<Difference> compare(Observation expected, Observation actual) {
        return compare(expected, actual, Set.of(), Double.MAX_VALUE);
    }

    /**
     * As {@link #compare(Observation, Observation)}, but the {@code crowded} hosts (a flooded
     * listener: hundreds of request sockets) are compared by counts: see {@link #crowd}.
     */
    static List<Difference> compare(Observation expected, Observation actual, Set<String> crowded, double untilMs) {
        return compare(expected, actual, crowded, Set.of(), untilMs);
    }

    /**
     * As above, and the segments of the {@code byPeer} hosts are compared per destination (a
     * scanner's SYNs to 40 addresses 20 ms apart: the kernel retransmits those whose timers fall
     * on one tick of its timer wheel in its own order).
     */
    static List<Difference> compare(Observation expected, Observation actual, Set<String> crowded, Set<String> byPeer,
                                    double untilMs) {
        List<Difference> out = new ArrayList<>();
        for (String host : crowded) {
            crowd(host, expected, actual, untilMs, out);
        }
        for (String host : hosts(expected.sockets(), actual.sockets())) {
            if (crowded.contains(host)) {
                continue;
            }
            List<List<Step>> e = expected.sockets().getOrDefault(host, List.of());
            List<List<Step>> a = actual.sockets().getOrDefault(host, List.of());
            String aspect = "states " + host;
            if (e.size() != a.size()) {
                out.add(new Difference(aspect, e.size() + " sockets expected, " + a.size() + " seen: expected " + e + ", seen " + a));
                continue;
            }
            for (int i = 0; i < e.size(); i++) {
                String d = sequence(e.get(i), a.get(i));
                if (d != null) {
                    out.add(new Difference(aspect, "socket " + (i + 1) + ": " + d));
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
        compareLists("segments", es, as, out);
        compareLists("apps", expected.apps(), actual.apps(), out);
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
    static void crowd(String host, Observation expected, Observation actual, double untilMs, List<Difference> out) {
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
            String d = band(end, t -> sent(expected, host, f, t), t -> sent(actual, host, f, t));
            if (d != null) {
                out.add(new Difference("segments " + host, f + " sent " + d));
                break;
            }
        }
        for (String st : states) {
            String d = band(end, t -> in(expected, host, st, t), t -> in(actual, host, st, t));
            if (d != null) {
                out.add(new Difference("states " + host, "sockets in " + st + " " + d));
                break;
            }
        }
        Map<String, Long> ec = expected.counters().getOrDefault(host, Map.of());
        Map<String, Long> ac = actual.counters().getOrDefault(host, Map.of());
        for (String c : Observation.COUNTERS) {
            long e = ec.getOrDefault(c, 0L);
            long a = ac.getOrDefault(c, 0L);
            if (e != a) {
                out.add(new Difference("counters " + host, c + " " + e + " expected, " + a + " seen"));
                break;
            }
        }
    }

    /** Null when {@code actual(t)} is within the expected band at every window's end up to {@code end}. */
    private static String band(double end, java.util.function.DoubleToIntFunction expected,
                               java.util.function.DoubleToIntFunction actual) {
        for (double t = WINDOW_MS; t <= end; t += WINDOW_MS) {
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            double from = t - tolerance(t);
            double to = t + tolerance(t);
            // The expected value over [from, to], sampled at every millisecond.
            for (double u = Math.max(0, from); u <= to; u += 1) {
                int v = expected.applyAsInt(u);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            int a = actual.applyAsInt(t);
            if (a < lo || a > hi) {
                return String.format(Locale.ROOT, "by %.0f ms: %d seen, %d expected (%d to %d from %.0f to %.0f ms)",
                        t, a, expected.applyAsInt(t), lo, hi, Math.max(0, from), to);
            }
        }
        return null;
    }

    /** Segments with these flags {@code host} had sent by {@code t}. */
    private static int sent(Observation o, String host, String flags, double t) {
        int n = 0;
        for (Step s : o.segments().getOrDefault(host, List.of())) {
            if (s.ms() <= t && s.what().startsWith(flags + " ")) {
                n++;
            }
        }
        return n;
    }

    /** Sockets of {@code host} in {@code state} at {@code t}. */
    private static int in(Observation o, String host, String state, double t) {
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
                                     List<Difference> out) {
        for (String host : hosts(expected, actual)) {
            String d = sequence(expected.getOrDefault(host, List.of()), actual.getOrDefault(host, List.of()));
            if (d != null) {
                out.add(new Difference(what + " " + host, d));
            }
        }
    }

    private static TreeSet<String> hosts(Map<String, ?> a, Map<String, ?> b) {
        TreeSet<String> hosts = new TreeSet<>(a.keySet());
        hosts.addAll(b.keySet());
        return hosts;
    }

    /** Null when the two sequences say the same in the same order at the same times; else where they part. */
    static String sequence(List<Step> expected, List<Step> actual) {
        int n = Math.min(expected.size(), actual.size());
        double prevE = 0;
        double prevA = 0;
        for (int i = 0; i < n; i++) {
            Step e = expected.get(i);
            Step a = actual.get(i);
            if (!e.what().equals(a.what())) {
                return "#" + (i + 1) + " expected " + e + ", seen " + a + whole(expected, actual);
            }
            double interval = e.ms() - prevE;
            double off = (a.ms() - prevA) - interval;
            if (Math.abs(off) > tolerance(interval)) {
                return String.format(Locale.ROOT, "#%d %s at %.1f ms, expected at %.1f ms (%+.1f ms after the step before, tolerance %.1f)",
                        i + 1, a.what(), a.ms(), e.ms(), off, tolerance(interval)) + whole(expected, actual);
            }
            prevE = e.ms();
            prevA = a.ms();
        }
        if (expected.size() != actual.size()) {
            return expected.size() > actual.size()
                    ? "missing " + expected.subList(n, expected.size()) + whole(expected, actual)
                    : "more: " + actual.subList(n, actual.size()) + whole(expected, actual);
        }
        return null;
    }

    private static String whole(List<Step> expected, List<Step> actual) {
        return "\n      expected " + shortened(expected) + "\n      seen     " + shortened(actual);
    }

    /** A flood's 300 segments would bury the difference: the first 30 steps are enough. */
    private static String shortened(List<Step> steps) {
        return steps.size() <= 30 ? steps.toString() : steps.subList(0, 30) + " and " + (steps.size() - 30) + " more";
    }
}
