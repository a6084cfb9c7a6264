package tcplab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.sim.LifecycleBench;

/** {@code tcplab bench sim}: simulated TCP lifecycles per second, segments per second, heap. */
@Command(name = "sim", mixinStandardHelpOptions = true)
public final class BenchSimCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LangOption langOption;

    @Option(names = "--lifecycles", paramLabel = "N", defaultValue = "1000000", descriptionKey = "lifecycles")
    long lifecycles;

    @Option(names = "--kernel", descriptionKey = "kernel")
    boolean kernel;

    @Override
    public Integer call() throws Exception {
        Lang lang = langOption.lang();
        Texts t = Cli.texts(lang);
        if (lifecycles < 1) {
            throw UserException.usage(t.get("error.negative", "--lifecycles"));
        }
        PrintWriter out = spec.commandLine().getOut();
        // A short warm-up so the figures describe compiled code, not the interpreter.
        LifecycleBench.run(Math.min(lifecycles, 50_000), false);
        LifecycleBench.Result r = LifecycleBench.run(lifecycles, true);
        out.println(t.get("bench.sim.lifecycles", fmt(r.lifecyclesPerSecond()), r.completed(), fmt1(r.seconds())));
        out.println(t.get("bench.sim.segments", fmt(r.segmentsPerSecond()), r.segments(), r.events()));
        out.println(t.get("bench.sim.heap", mb(r.peakHeapBytes())));
        StringBuilder live = new StringBuilder();
        for (long b : r.liveHeapSamples()) {
            live.append(live.length() == 0 ? "" : ", ").append(mb(b));
        }
        out.println(t.get("bench.sim.live", live));
        out.println(t.get("bench.sim.virtual", fmt1(r.virtualSeconds())));
        if (kernel) {
            KernelLoopback.Result k = KernelLoopback.run(20_000);
            out.println(t.get("bench.sim.kernel", fmt(k.perSecond()), k.lifecycles(), fmt(r.lifecyclesPerSecond() / k.perSecond())));
        }
        out.flush();
        return 0;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String fmt1(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
