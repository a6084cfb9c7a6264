package tcplab.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--seed", paramLabel = "N", descriptionKey = "seed")
    Long seed;

    @Option(names = "--profile", paramLabel = "P", descriptionKey = "profile")
    String profile;

    @Option(names = "--delay-ms", paramLabel = "D", descriptionKey = "delay")
    Double delayMs;

    @Option(names = "--loss", paramLabel = "P", descriptionKey = "loss")
    String loss;

    @Option(names = "--set", paramLabel = "NAME=VALUE", descriptionKey = "set", mapFallbackValue = "")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--until", paramLabel = "MS", descriptionKey = "until")
    Double untilMs;

    @Option(names = "--format", paramLabel = "ladder|jsonl", defaultValue = "ladder", descriptionKey = "format")
    Format format;

    @Option(names = "--absolute-seq", descriptionKey = "absoluteSeq")
    boolean absoluteSeq;

    @Override
    public Integer call() {
        Lang lang = langOption.lang();
        ScenarioRunner.Overrides overrides = Overrides.parse(spec, lang, seed, profile, delayMs, loss, settings);
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

    /** Turns the common simulation options into {@link ScenarioRunner.Overrides}, with usage errors. */
    static final class Overrides {
        private Overrides() {
        }

        static ScenarioRunner.Overrides parse(CommandLine.Model.CommandSpec spec, Lang lang, Long seed, String profile,
                                              Double delayMs, String loss, Map<String, String> settings) {
            Double lossValue = null;
            if (loss != null) {
                String l = loss.trim();
                try {
                    lossValue = l.endsWith("%") ? Double.parseDouble(l.substring(0, l.length() - 1)) / 100 : Double.parseDouble(l);
                } catch (NumberFormatException e) {
                    lossValue = Double.NaN;
                }
                if (!(lossValue >= 0 && lossValue <= 1)) {
                    throw UserException.usage(Cli.texts(lang).get("error.badLoss", loss));
                }
            }
            if (delayMs != null && !(delayMs >= 0 && delayMs <= 600_000)) {
                throw UserException.usage(Cli.texts(lang).get("error.badDelay", String.valueOf(delayMs)));
            }
            if (seed != null && seed < 0) {
                throw UserException.usage(Cli.texts(lang).get("error.negative", "--seed"));
            }
            Map<String, Long> set = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : settings.entrySet()) {
                try {
                    set.put(e.getKey(), Long.parseLong(e.getValue().trim()));
                } catch (NumberFormatException ex) {
                    throw UserException.usage(Cli.texts(lang).get("error.badSet", e.getKey() + "=" + e.getValue()));
                }
            }
            return new ScenarioRunner.Overrides(seed, profile, delayMs, lossValue, set, List.of());
        }
    }
}
