package tcplab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tcplab.i18n.Texts;
import tcplab.ui.FrameBench;

/** {@code tcplab bench ui}: frame times of the window playing syn-flood on the software pipeline. */
@Command(name = "ui", mixinStandardHelpOptions = true)
public final class BenchUiCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LangOption langOption;

    @Option(names = "--segments", paramLabel = "N", defaultValue = "1000", descriptionKey = "segments")
    int segments;

    @Override
    public Integer call() throws Exception {
        Texts t = Cli.texts(langOption.lang());
        if (segments < 1) {
            throw UserException.usage(t.get("error.negative", "--segments"));
        }
        FrameBench.Result r = FrameBench.run(segments, langOption.lang());
        PrintWriter out = spec.commandLine().getOut();
        out.println(t.get("bench.ui.pipeline", r.pipeline()));
        out.println(t.get("bench.ui.first", f(r.firstFrameMs())));
        out.println(t.get("bench.ui.frames", r.frames(), r.segmentsDrawn(), f(r.medianFrameMs()), f(r.p95FrameMs())));
        out.println(t.get("bench.ui.draw", f(r.medianDrawMs()), f(r.p95DrawMs())));
        out.flush();
        return 0;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
