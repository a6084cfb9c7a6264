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

    @Option(names = "--pcap", paramLabel = "FILE", descriptionKey = "pcap")
    java.nio.file.Path pcap;

    @Option(names = "--capture-at", paramLabel = "HOST", descriptionKey = "captureAt")
    String captureAt;

    @Option(names = "--ipv6", descriptionKey = "ipv6")
    boolean ipv6;

    @Override
    public Integer call() {
        Lang lang = langOption.lang();
        ScenarioRunner.Overrides overrides = run.overrides(lang);
        if (untilMs != null && untilMs < 0) {
            throw usage(lang, "error.negative", "--until");
        }
        if ((captureAt != null || ipv6) && pcap == null) {
            throw usage(lang, "simulate.needsPcap", captureAt != null ? "--capture-at" : "--ipv6");
        }
        Scenario sc = Scenarios.load(scenario, lang);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.jsonl) {
            TraceSink.Recorder rec = pcap != null ? new TraceSink.Recorder() : null;
            try (TraceJsonl jsonl = new TraceJsonl(out)) {
                TraceSink sink = rec == null ? jsonl : event -> {
                    jsonl.accept(event);
                    rec.accept(event);
                };
                ScenarioRunner.Run run = build(sc, overrides, sink, lang);
                runToEnd(run, lang);
                if (rec != null) {
                    // jsonl owns stdout: the note about the capture goes to stderr
                    writeCapture(run, rec.events(), spec.commandLine().getErr(), lang);
                }
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
        if (pcap != null) {
            writeCapture(run, rec.events(), out, lang);
        }
        out.flush();
        return 0;
    }

    /** {@code --pcap}: the run as a capture file, pcapng when the name ends in .pcapng. */
    private void writeCapture(ScenarioRunner.Run run, java.util.List<tcplab.sim.TraceEvent> events, PrintWriter note, Lang lang) {
        if (captureAt != null && run.simulation().host(captureAt) == null) {
            java.util.List<String> names = run.simulation().hosts().stream().map(tcplab.sim.Host::name).toList();
            throw usage(lang, "simulate.unknownCaptureHost", captureAt, String.join(", ", names));
        }
        java.util.List<tcplab.capture.TraceExport.Captured> packets = tcplab.capture.TraceExport.seenBy(events, captureAt);
        tcplab.capture.CaptureReader.Format f = tcplab.capture.TraceExport.formatFor(pcap.getFileName().toString());
        try (java.io.OutputStream os = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(pcap))) {
            tcplab.capture.TraceExport.write(packets, ipv6, f, os);
        } catch (java.io.IOException | RuntimeException e) {
            throw UserException.failure(Cli.texts(lang).get("simulate.pcapWriteFailed", pcap, e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        note.println(Cli.texts(lang).get("simulate.pcapWritten", packets.size(), pcap,
                f == tcplab.capture.CaptureReader.Format.PCAPNG ? "pcapng" : "pcap"));
        note.flush();
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
