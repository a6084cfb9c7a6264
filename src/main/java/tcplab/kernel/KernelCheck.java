package tcplab.kernel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import tcplab.i18n.Lang;
import tcplab.i18n.ProblemException;
import tcplab.i18n.Texts;
import tcplab.sim.Scenario;
import tcplab.sim.ScenarioRunner;
import tcplab.sim.TraceSink;

/**
 * A scenario run on this machine's Linux kernel and on the simulator, side by side: what
 * {@code tcplab kernel-check} shows a teacher and what the conformance test asserts, with the
 * same code ({@link KernelPlan}, {@link KernelRunner}, {@link Observation}, {@link Conformance}).
 */
public final class KernelCheck {

    static final String BUNDLE = "tcplab.kernel.KernelCheck";

    private KernelCheck() {
    }

    public static Texts texts(Lang lang) {
        return Texts.of(BUNDLE, lang);
    }

    /**
     * How a scenario's hosts are compared: a flood's target by counts per window (hundreds of
     * request sockets, {@link Conformance#crowd}), a scanning host's segments per destination
     * (SYNs 20 ms apart are retransmitted in the kernel timer wheel's order).
     */
    public record Options(Set<String> crowded, Set<String> byPeer) {

        public static Options of(Scenario sc) {
            Set<String> crowded = new LinkedHashSet<>();
            Set<String> byPeer = new LinkedHashSet<>();
            for (Scenario.Action a : sc.actions()) {
                if (a instanceof Scenario.Flood f) {
                    if (f.to().hostName() != null) {
                        crowded.add(f.to().hostName());
                    } else {
                        for (Scenario.HostSpec h : sc.hosts()) {
                            if (h.address() == f.to().address()) {
                                crowded.add(h.name());
                            }
                        }
                    }
                } else if (a instanceof Scenario.Scan) {
                    byPeer.add(a.host());
                }
            }
            return new Options(Set.copyOf(crowded), Set.copyOf(byPeer));
        }
    }

    /** What a check found: both observations and the aspects in which the model differs from the kernel. */
    public record Result(Observation kernel, Observation model, List<Conformance.Difference> differences, int aspects) {
        public boolean matches() {
            return differences.isEmpty();
        }
    }

    /** The scenario with every host on {@code profile} (its own settings kept where the profile is the same), or as it is. */
    public static Scenario withProfile(Scenario sc, String profile) {
        if (profile == null) {
            return sc;
        }
        List<Scenario.HostSpec> hosts = sc.hosts().stream().map(h -> new Scenario.HostSpec(h.name(), h.address(), profile,
                h.profile().equals(profile) ? h.settings() : Map.of(), h.closedPorts(), h.line())).toList();
        return new Scenario(sc.name(), sc.source(), sc.title(), sc.about(), sc.seed(), sc.delayMs(), sc.loss(), sc.drops(),
                hosts, sc.actions(), sc.untilMs());
    }

    /** The simulator's run of {@code sc}, observed up to {@code untilMs}. */
    public static Observation simulate(Scenario sc, double untilMs) throws ProblemException {
        TraceSink.Recorder rec = new TraceSink.Recorder();
        ScenarioRunner.Run run = ScenarioRunner.build(sc, ScenarioRunner.Overrides.NONE, rec);
        run.simulation().runUntil(Math.round(untilMs * 1000) + 1);
        // What had begun by then runs on, so that TIME-WAITs begun in the run end when their
        // timer says (the kernel's are read from its timer); Observation keeps only those.
        run.simulation().runToEnd(5_000_000);
        return Observation.fromSim(run.simulation(), rec.events(), untilMs);
    }

    /** The kernel's records of {@code sc} run for {@code untilMs} (kernelcheck.py's output). */
    public static List<String> runOnKernel(Scenario sc, double untilMs)
            throws KernelPlan.Unsupported, IOException, InterruptedException {
        String plan = KernelPlan.json(sc, untilMs, ThreadLocalRandom.current().nextInt(100, 250));
        return KernelRunner.run(plan, untilMs);
    }

    /** Compares the model with the kernel's records. */
    public static Result compare(Scenario sc, List<String> kernelLines, double untilMs, Lang lang) throws ProblemException {
        Observation kernel = Observation.fromKernel(kernelLines, untilMs);
        Observation model = simulate(sc, untilMs);
        Options o = Options.of(sc);
        List<Conformance.Difference> diffs = Conformance.compare(kernel, model, o.crowded(), o.byPeer(), untilMs, texts(lang));
        return new Result(kernel, model, diffs, aspects(kernel, model, o));
    }

    /** How many aspects (states, segments, applications, counters of a host) a comparison looks at. */
    static int aspects(Observation a, Observation b, Options o) {
        Set<String> keys = new LinkedHashSet<>();
        for (Observation x : List.of(a, b)) {
            x.sockets().keySet().forEach(h -> keys.add("states " + h));
            x.segments().keySet().forEach(h -> keys.add("segments " + h));
            x.apps().keySet().forEach(h -> keys.add("apps " + h));
        }
        for (String h : o.crowded()) {
            keys.add("counters " + h);
        }
        return new ArrayList<>(keys).size();
    }
}
