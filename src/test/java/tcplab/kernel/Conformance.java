package tcplab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        List<Difference> out = new ArrayList<>();
        for (String host : hosts(expected.sockets(), actual.sockets())) {
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
        compareLists("segments", expected.segments(), actual.segments(), out);
        compareLists("apps", expected.apps(), actual.apps(), out);
        return out;
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
        return "\n      expected " + expected + "\n      seen     " + actual;
    }
}
