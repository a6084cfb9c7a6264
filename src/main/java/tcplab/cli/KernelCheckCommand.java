package tcplab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tcplab.i18n.Lang;
import tcplab.i18n.ProblemException;
import tcplab.i18n.Texts;
import tcplab.kernel.Conformance;
import tcplab.kernel.KernelCheck;
import tcplab.kernel.KernelPlan;
import tcplab.kernel.KernelRunner;
import tcplab.kernel.Observation;
import tcplab.kernel.Observation.Step;
import tcplab.sim.Profile;
import tcplab.sim.Scenario;
import tcplab.sim.TextLadder;

/**
 * {@code tcplab kernel-check}: runs a scenario on this machine's Linux kernel (two or more
 * network namespaces joined by a relay that delays and drops as the scenario says) and on the
 * simulator, and prints both side by side with the verdict. Needs Linux, root and python3; says
 * in one line what is missing otherwise (exit 2).
 */
@Command(name = "kernel-check", mixinStandardHelpOptions = true, sortOptions = false)
public final class KernelCheckCommand implements Callable<Integer> {

    /** How long a scenario without until_ms runs on the kernel after its last action. */
    static final double AFTER_LAST_ACTION_MS = 5000;
    /** The longest run (the kernel takes real time). */
    static final double MAX_MS = 120_000;
    private static final int COLUMN = 44;
    /** A list longer than this shows its first {@link #HEAD} and last {@link #TAIL} rows. */
    private static final int LONG = 40;
    private static final int HEAD = 15;
    private static final int TAIL = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LangOption langOption;

    @Option(names = "--scenario", required = true, paramLabel = "NAME|FILE", descriptionKey = "scenario")
    String scenario;

    @Option(names = "--until", paramLabel = "MS", descriptionKey = "until")
    Double untilMs;

    @Option(names = "--profile", paramLabel = "P", descriptionKey = "profile")
    String profile;

    @Override
    public Integer call() {
        Lang lang = langOption.lang();
        Texts cli = Cli.texts(lang);
        Texts t = KernelCheck.texts(lang);
        if (untilMs != null && (untilMs <= 0 || untilMs > MAX_MS)) {
            throw UserException.usage(cli.get("kernelCheck.until", "--until", fmt(MAX_MS)));
        }
        if (profile != null && Profile.byName(profile) == null) {
            throw UserException.usage(cli.get("kernelCheck.profile", profile, String.join(", ", Profile.NAMES)));
        }
        Scenario sc = KernelCheck.withProfile(Scenarios.load(scenario, lang), profile);
        double until = untilMs != null ? untilMs : defaultUntil(sc);
        String why = KernelRunner.unavailableReason(lang);
        if (why != null) {
            throw UserException.usage(why);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> lines;
        try {
            lines = KernelCheck.runOnKernel(sc, until);
        } catch (KernelPlan.Unsupported e) {
            throw UserException.usage(e.format(lang));
        } catch (java.io.IOException e) {
            throw UserException.failure(t.get("failed", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UserException.failure(t.get("failed", e.toString()));
        }
        KernelCheck.Result r;
        try {
            r = KernelCheck.compare(sc, lines, until, lang);
        } catch (ProblemException e) {
            throw UserException.failure(e.format(lang));
        }
        out.println(t.get("title", sc.name(), KernelRunner.kernelName(), fmt(until)));
        out.println();
        print(out, t, r, KernelCheck.Options.of(sc), until);
        if (r.matches()) {
            out.println(t.get("verdict.match", r.aspects(), fmt(Conformance.BASE_MS)));
        } else {
            out.println(t.get("verdict.differ", r.differences().size(), r.aspects()));
            out.println(t.get("legend"));
            for (Conformance.Difference d : r.differences()) {
                out.println("  " + d.format(t));
            }
            out.println(t.get("verdict.again"));
        }
        out.flush();
        return r.matches() ? 0 : 1;
    }

    /** The scenario's own until_ms, else 5 s after its last action, at most {@link #MAX_MS}. */
    static double defaultUntil(Scenario sc) {
        if (sc.untilMs() > 0) {
            return Math.min(sc.untilMs(), MAX_MS);
        }
        double last = 0;
        for (Scenario.Action a : sc.actions()) {
            last = Math.max(last, a.atMs());
            if (a instanceof Scenario.Flood f) {
                last = Math.max(last, a.atMs() + f.count() * f.intervalMs());
            } else if (a instanceof Scenario.Scan s) {
                last = Math.max(last, a.atMs() + s.targets().size() * s.ports().size() * s.intervalMs());
            }
        }
        return Math.min(last + AFTER_LAST_ACTION_MS, MAX_MS);
    }

    private static void print(PrintWriter out, Texts t, KernelCheck.Result r, KernelCheck.Options o, double until) {
        Observation k = r.kernel();
        Observation m = r.model();
        out.println(cell("", 2) + cell(t.get("columns.kernel"), COLUMN) + t.get("columns.model"));
        for (String host : hosts(k.sockets(), m.sockets())) {
            if (o.crowded().contains(host)) {
                crowded(out, t, host, k, m, until);
                continue;
            }
            List<List<Step>> ks = k.sockets().getOrDefault(host, List.of());
            List<List<Step>> ms = m.sockets().getOrDefault(host, List.of());
            for (int i = 0; i < Math.max(ks.size(), ms.size()); i++) {
                side(out, t.get("section.states", host, i + 1), i < ks.size() ? ks.get(i) : List.of(),
                        i < ms.size() ? ms.get(i) : List.of(), t);
            }
        }
        for (String host : hosts(k.segments(), m.segments())) {
            if (!o.crowded().contains(host)) {
                side(out, t.get("section.segments", host), k.segments().getOrDefault(host, List.of()),
                        m.segments().getOrDefault(host, List.of()), t);
            }
        }
        for (String host : hosts(k.apps(), m.apps())) {
            side(out, t.get("section.apps", host), k.apps().getOrDefault(host, List.of()), m.apps().getOrDefault(host, List.of()), t);
        }
    }

    /** A flooded host: per second, the segments it had sent and its sockets per state, kernel and model. */
    private static void crowded(PrintWriter out, Texts t, String host, Observation k, Observation m, double until) {
        out.println(t.get("section.crowded", host));
        TreeSet<String> flags = new TreeSet<>();
        for (Observation o : List.of(k, m)) {
            for (Step s : o.segments().getOrDefault(host, List.of())) {
                flags.add(s.what().substring(0, s.what().indexOf(' ')));
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (double at = 1000; at <= until; at += 1000) {
            rows.add(new String[] {"  " + fmt(at), counts(t, k, host, flags, at), counts(t, m, host, flags, at)});
        }
        for (String c : Observation.COUNTERS) {
            rows.add(new String[] {"", t.get("counter", c) + " " + k.counters().getOrDefault(host, Map.of()).getOrDefault(c, 0L),
                    t.get("counter", c) + " " + m.counters().getOrDefault(host, Map.of()).getOrDefault(c, 0L)});
        }
        int w = 0;
        for (String[] r : rows) {
            w = Math.max(w, TextLadder.width(r[1]) + 3);
        }
        out.println(cell("", 8) + cell(t.get("columns.kernel"), w) + t.get("columns.model"));
        for (String[] r : rows) {
            out.println(cell(r[0], 8) + cell(r[1], w) + r[2]);
        }
        out.println();
    }

    private static String counts(Texts t, Observation o, String host, TreeSet<String> flags, double at) {
        List<String> parts = new ArrayList<>();
        for (String f : flags) {
            parts.add(t.get("crowded.sent", f) + " " + Conformance.sent(o, host, f, at));
        }
        parts.add(t.get("crowded.in", "SYN_RECEIVED") + " " + Conformance.in(o, host, "SYN_RECEIVED", at));
        return String.join(", ", parts);
    }

    private static void side(PrintWriter out, String heading, List<Step> kernel, List<Step> model, Texts t) {
        out.println(heading);
        if (kernel.isEmpty() && model.isEmpty()) {
            out.println("  " + t.get("none"));
        }
        int n = Math.max(kernel.size(), model.size());
        for (int i = 0; i < n; i++) {
            if (n > LONG && i == HEAD) {
                // A flood's hundreds of SYNs: the first and the last are enough to read.
                out.println("  " + t.get("rows.more", n - HEAD - TAIL));
                i = n - TAIL;
            }
            String a = i < kernel.size() ? shown(kernel.get(i), t) : "";
            String b = i < model.size() ? shown(model.get(i), t) : "";
            out.println("  " + cell(a, COLUMN) + b);
        }
        out.println();
    }

    private static final java.util.regex.Pattern SEGMENT_END = java.util.regex.Pattern.compile(" to (\\S+) (deliver|drop)$");

    /**
     * A step as the reader sees it: a segment's comparison key ("SYN 0/0 len=0 to server deliver")
     * ends in an arrow to the receiver, and "lost" in the user's language when the link dropped it.
     */
    static String shown(Step step, Texts t) {
        String s = step.toString();
        java.util.regex.Matcher m = SEGMENT_END.matcher(s);
        if (!m.find()) {
            return s;
        }
        return s.substring(0, m.start()) + " → " + m.group(1) + (m.group(2).equals("drop") ? " " + t.get("segment.dropped") : "");
    }

    private static TreeSet<String> hosts(Map<String, ?> a, Map<String, ?> b) {
        TreeSet<String> h = new TreeSet<>(a.keySet());
        h.addAll(b.keySet());
        return h;
    }

    private static String cell(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        do {
            sb.append(' ');
        } while (TextLadder.width(sb) < width);
        return sb.toString();
    }

    private static String fmt(double ms) {
        return ms == Math.rint(ms) ? Long.toString((long) ms) : String.format(Locale.ROOT, "%.1f", ms);
    }
}
