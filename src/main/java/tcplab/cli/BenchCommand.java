package tcplab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tcplab bench ...}: benchmarks, not tests. A parent with no logic of its own. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {BenchExplainCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
