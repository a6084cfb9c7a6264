package tcplab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tcplab bench}: benchmarks, not tests. Each subcommand prints the figures it measured. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {BenchSimCommand.class, BenchExplainCommand.class, BenchUiCommand.class, BenchClassCommand.class, BenchStartupCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
