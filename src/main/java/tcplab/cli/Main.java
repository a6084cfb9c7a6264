package tcplab.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tcplab.i18n.Lang;

/**
 * Entry point of {@code java -jar tcplab.jar}: the command line. Usage errors exit with 2
 * (picocli's default for invalid input), runtime failures with 1, and both print a one-line
 * message instead of a stack trace.
 */
@Command(name = "tcplab",
        resourceBundle = "tcplab.cli.Messages",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        subcommands = {SimulateCommand.class, ScenariosCommand.class, NetstatCommand.class, ExplainCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, Cli.stdout(new PrintWriter(System.out, true, StandardCharsets.UTF_8)),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Lang lang = Cli.langFromArgs(args);
        Locale previous = Locale.getDefault();
        // picocli reads its resource bundle in the default locale: set it for --lang first.
        Locale.setDefault(lang.locale());
        try {
            CommandLine cl = Cli.commandLine(new Main(), lang);
            cl.setOut(out);
            cl.setErr(err);
            return cl.execute(args);
        } finally {
            Locale.setDefault(previous);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"tcplab " + (v == null ? "dev" : v)};
        }
    }
}
