package tcplab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tcplab.i18n.Lang;
import tcplab.i18n.ProblemException;
import tcplab.i18n.Texts;
import tcplab.netstat.Dialect;
import tcplab.netstat.HostTable;
import tcplab.sim.Host;
import tcplab.sim.Scenario;
import tcplab.sim.ScenarioRunner;
import tcplab.sim.TraceSink;

/**
 * {@code tcplab netstat --scenario NAME|FILE --host H --at MS --dialect NAME}: what netstat (or
 * ss, or TCPView) would print on one simulated host at one virtual time; with {@code --explain},
 * those very lines read back and explained by {@code tcplab explain}'s code.
 */
@Command(name = "netstat", mixinStandardHelpOptions = true, sortOptions = false)
public final class NetstatCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LangOption langOption;

    @Option(names = "--scenario", required = true, paramLabel = "NAME|FILE", descriptionKey = "tcplab.simulate.scenario")
    String scenario;

    @Option(names = "--host", required = true, paramLabel = "H", descriptionKey = "host")
    String host;

    @Option(names = "--at", paramLabel = "MS", descriptionKey = "at")
    Double atMs;

    @Option(names = "--dialect", paramLabel = "NAME", descriptionKey = "dialect")
    String dialect;

    @Option(names = "--explain", descriptionKey = "explain")
    boolean explain;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        Lang lang = langOption.lang();
        Texts t = Cli.texts(lang);
        ScenarioRunner.Overrides o = run.overrides(lang);
        if (atMs != null && atMs < 0) {
            throw UserException.usage(t.get("error.negative", "--at"));
        }
        Scenario sc = Scenarios.load(scenario, lang);
        ScenarioRunner.Run run;
        try {
            run = ScenarioRunner.build(sc, o, TraceSink.NONE);
        } catch (ProblemException e) {
            throw UserException.usage(e.format(lang));
        }
        Host h = run.simulation().host(host);
        if (h == null) {
            List<String> names = new ArrayList<>();
            for (Host x : run.simulation().hosts()) {
                names.add(x.name());
            }
            throw UserException.usage(t.get("netstat.noHost", host, sc.name(), String.join(", ", names)));
        }
        Dialect d = dialect == null ? HostTable.nativeDialect(h) : Dialect.parse(dialect);
        if (d == null || !d.emittable()) {
            List<String> names = new ArrayList<>();
            for (Dialect x : Dialect.values()) {
                if (x.emittable()) {
                    names.add(x.cliName());
                }
            }
            throw UserException.usage(t.get("netstat.badDialect", dialect, String.join(", ", names)));
        }
        // Without --at: the end of the run, or the scenario's own end.
        long until = atMs != null ? Math.round(atMs * 1000) : run.untilUs();
        if (until >= 0) {
            run.simulation().runUntil(until);
        } else {
            run.simulation().runToEnd(SimulateCommand.MAX_EVENTS);
        }
        String text = HostTable.emit(h, d);
        PrintWriter out = spec.commandLine().getOut();
        if (!explain) {
            out.print(text);
            out.flush();
            return 0;
        }
        out.println(t.get("netstat.header", h.name(), h.addressText(), d.cliName(),
                tcplab.sim.TextLadder.fmtMs(run.simulation().now() / 1000.0)));
        out.print(text.replace("\r\n", "\n"));
        out.println();
        ExplainCommand.explain(new StringReader(text), null, lang, ExplainCommand.Format.text, out);
        out.flush();
        return 0;
    }
}
