package tcplab.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;

/** What every command shares: the language, the error handlers, the messages bundle. */
final class Cli {
    static final String BUNDLE = "tcplab.cli.Messages";

    /** The PrintWriter {@link Main#main} made over System.out; null when run from a test. */
    private static volatile PrintWriter stdoutWriter;

    private Cli() {
    }

    /**
     * The charset for text written to a standard stream: on Windows, Java 17 names the console's
     * code page in {@code sun.stdout.encoding} / {@code sun.stderr.encoding} when the stream is a
     * console (GBK on Chinese Windows, where UTF-8 bytes would show as mojibake); everywhere else
     * (pipes, files, Unix terminals) these are unset and the output is UTF-8.
     */
    static Charset streamCharset(String consoleEncoding) {
        if (consoleEncoding != null) {
            try {
                return Charset.forName(consoleEncoding);
            } catch (IllegalArgumentException e) {
                // an unknown or illegal name: keep UTF-8
            }
        }
        return StandardCharsets.UTF_8;
    }

    static Charset stdoutCharset() {
        return streamCharset(System.getProperty("sun.stdout.encoding"));
    }

    static Charset stderrCharset() {
        return streamCharset(System.getProperty("sun.stderr.encoding"));
    }

    /**
     * The charset of typed input: the console's on Windows (what the keyboard sends in a GBK
     * console), UTF-8 otherwise (pipes, files, Unix terminals).
     */
    static Charset stdinCharset() {
        java.io.Console c = System.console();
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
        return windows && c != null ? c.charset() : StandardCharsets.UTF_8;
    }

    /** Remembers the writer over the process's stdout, so that commands can find the raw stream. */
    static PrintWriter stdout(PrintWriter w) {
        stdoutWriter = w;
        return w;
    }

    /**
     * The process's stdout as a byte stream when {@code out} is the writer over it (anything
     * written to {@code out} so far is flushed first), else null. For commands whose output is
     * large enough that the PrintWriter's char-to-byte encoding is the bottleneck
     * ({@code explain --format jsonl}). Also null when stdout is a console that is not UTF-8
     * (see {@link #stdoutCharset}).
     */
    static OutputStream rawStdout(PrintWriter out) {
        if (out == null || out != stdoutWriter || !stdoutCharset().equals(StandardCharsets.UTF_8)) {
            return null;
        }
        out.flush();
        System.out.flush();
        return new FileOutputStream(FileDescriptor.out);
    }

    /**
     * The language of this run: {@code --lang zh|en} anywhere on the command line, else the
     * {@code TCPLAB_LANG} environment variable, else the system locale. Read before picocli parses,
     * so that even usage errors come out in the chosen language.
     */
    static Lang langFromArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--lang") && i + 1 < args.length) {
                Lang l = Lang.parse(args[i + 1]);
                if (l != null) {
                    return l;
                }
            } else if (a.startsWith("--lang=")) {
                Lang l = Lang.parse(a.substring("--lang=".length()));
                if (l != null) {
                    return l;
                }
            }
        }
        Lang env = Lang.parse(System.getenv("TCPLAB_LANG"));
        return env != null ? env : Lang.system();
    }

    static Texts texts(Lang lang) {
        return Texts.of(BUNDLE, lang);
    }

    static CommandLine commandLine(Object root, Lang lang) {
        CommandLine cl = new CommandLine(root);
        configure(cl, lang);
        return cl;
    }

    /**
     * Error handlers and options for {@code cl} and every subcommand registered so far (picocli
     * copies these settings to the subcommands that exist when they are set).
     */
    static void configure(CommandLine cl, Lang lang) {
        Texts t = texts(lang);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            err.println(t.get("error.prefix") + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println(t.get("error.tryHelp", c.getCommandSpec().qualifiedName()));
            }
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter err = c.getErr();
            if (ex instanceof UserException ue) {
                err.println(t.get("error.prefix") + ue.getMessage());
                return ue.exitCode();
            }
            // Anything else is a bug: one line for the user, the trace only on request.
            err.println(t.get("error.internal", ex.toString()));
            if (System.getenv("TCPLAB_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return 1;
        });
    }
}
