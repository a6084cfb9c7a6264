package tcplab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tcplab.i18n.Lang;
import tcplab.i18n.ProblemException;
import tcplab.sim.Scenario;
import tcplab.sim.ScenarioLoader;
import tcplab.sim.ScenarioRunner;
import tcplab.sim.Simulation;
import tcplab.sim.TextLadder;
import tcplab.sim.TraceJsonl;
import tcplab.sim.TraceSink;

/** {@code tcplab simulate}: run a scenario and print its ladder diagram or its trace as JSON Lines. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false)
public final class SimulateCommand implements Callable<Integer> {

    /** A run that never settles (it should not happen) stops after this many events. */
    static final long MAX_EVENTS = 50_000_000L;

    enum Format { ladder, jsonl }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LangOption langOption;

    @Option(names = "--scenario", required = true, paramLabel = "NAME|FILE", descriptionKey = "scenario")
    String scenario;

    @Mixin
    RunOptions run;

    @Option(names = "--until", paramLabel = "MS", descriptionKey = "until")
    Double untilMs;

    @Option(names = "--format", paramLabel = "ladder|jsonl", defaultValue = "ladder", descriptionKey = "format")
    Format format;

    @Option(names = "--absolute-seq", descriptionKey = "absoluteSeq")
    boolean absoluteSeq;

    @Override
    public Integer call() {
        Lang lang = langOption.lang();
        ScenarioRunner.Overrides overrides = run.overrides(lang);
        if (untilMs != null && untilMs < 0) {
            throw usage(lang, "error.negative", "--until");
        }
        Scenario sc = Scenarios.load(scenario, lang);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.jsonl) {
            try (TraceJsonl jsonl = new TraceJsonl(out)) {
                ScenarioRunner.Run run = build(sc, overrides, jsonl, lang);
                runToEnd(run, lang);
            }
            out.flush();
            return 0;
        }
        TraceSink.Recorder rec = new TraceSink.Recorder();
        ScenarioRunner.Run run = build(sc, overrides, rec, lang);
        boolean finished = runToEnd(run, lang);
        TextLadder.write(out, sc, run, rec.events(), new TextLadder.Options(lang, absoluteSeq, 44));
        if (!finished) {
            out.println(Cli.texts(lang).get("simulate.cutShort", String.valueOf(MAX_EVENTS)));
        }
        out.flush();
        return 0;
    }

    private ScenarioRunner.Run build(Scenario sc, ScenarioRunner.Overrides o, TraceSink sink, Lang lang) {
        try {
            return ScenarioRunner.build(sc, o, sink);
        } catch (ProblemException e) {
            throw UserException.usage(e.format(lang));
        }
    }

    /** Runs to --until, the scenario's until_ms, or until nothing is left to happen. */
    private boolean runToEnd(ScenarioRunner.Run run, Lang lang) {
        Simulation sim = run.simulation();
        if (untilMs != null) {
            sim.runUntil(Math.round(untilMs * 1000));
            return true;
        }
        if (run.untilUs() >= 0) {
            sim.runUntil(run.untilUs());
            return true;
        }
        return sim.runToEnd(MAX_EVENTS);
    }

    private UserException usage(Lang lang, String key, Object... args) {
        return UserException.usage(Cli.texts(lang).get(key, args));
    }
}
