package tcplab.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
        return onWindows() && c != null ? c.charset() : StandardCharsets.UTF_8;
    }

    /** True when this JVM runs on Windows. */
    static boolean onWindows() {
        return os().contains("win");
    }

    /** True on macOS. */
    static boolean onMac() {
        return os().contains("mac");
    }

    private static String os() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
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

    /** The longest line of typed input kept: an answer is a letter, a state or a few words. */
    static final int MAX_LINE = 4096;

    /**
     * A line of typed input without its line end, null at the end of the input. At most
     * {@link #MAX_LINE} characters are kept; the rest of a longer line is read and dropped, so a
     * 3 GB line piped in takes no memory.
     */
    static String readLine(java.io.BufferedReader in) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        boolean any = false;
        while ((c = in.read()) >= 0) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                in.mark(1);
                if (in.read() != '\n') {
                    in.reset();
                }
                break;
            }
            if (sb.length() < MAX_LINE) {
                sb.append((char) c);
            }
        }
        return any ? sb.toString() : null;
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
        // NaN and infinity are no time, delay or rate: refused where they are parsed, for every option.
        cl.registerConverter(Double.class, Cli::finite);
        cl.registerConverter(Double.TYPE, Cli::finite);
        // An option's value may be a subcommand's name: `--tab class` opens the Class tab (picocli
        // would otherwise take "class" for the class command and say --tab has no value).
        cl.setAllowSubcommandsAsOptionParameters(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            err.println(t.get("error.prefix") + parseError(ex, args, t));
            String suggestion = suggestion(ex, t);
            err.println(suggestion != null ? suggestion : t.get("error.tryHelp", c.getCommandSpec().qualifiedName()));
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter err = c.getErr();
            if (ex instanceof UserException ue) {
                err.println(t.get("error.prefix") + ue.getMessage());
                return ue.exitCode();
            }
            Throwable cause = ex;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof OutOfMemoryError || cause instanceof StackOverflowError) {
                err.println(t.get("error.prefix") + fatal(cause, t));
                return 1;
            }
            // Anything else is a bug: one line for the user, the trace only on request.
            err.println(t.get("error.internal", ex.toString()));
            if (System.getenv("TCPLAB_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return 1;
        });
    }

    /**
     * What is wrong with the command line, in the run's language. picocli's own messages are
     * English ("Unknown option: '--formt'"); they are rebuilt here from what its exceptions carry
     * (the unmatched words, the missing or invalid option and value), so a Chinese user reads
     * Chinese from the first line. Exceptions we threw ourselves carry a message in the right
     * language already; anything unforeseen keeps picocli's text behind a translated lead.
     */
    static String parseError(CommandLine.ParameterException ex, String[] args, Texts t) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            List<String> words = u.getUnmatched();
            if (u.isUnknownOption()) {
                return t.get("error.unknownOption", quoted(words.subList(0, 1)));
            }
            if (!u.getCommandLine().getSubcommands().isEmpty()) {
                return t.get("error.unknownCommand", quoted(words.subList(0, 1)));
            }
            return t.get("error.unexpectedArgument", quoted(words));
        }
        if (ex instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
            CommandLine.Model.ArgSpec a = m.getMissing().get(0);
            if (a instanceof CommandLine.Model.OptionSpec o) {
                // On the command line but without its value, or not there at all.
                return given(o, args) ? t.get("error.missingValue", o.longestName(), o.paramLabel())
                        : t.get("error.missingOption", o.longestName());
            }
            return t.get("error.missingParameter", a.paramLabel());
        }
        if (ex instanceof CommandLine.OverwrittenOptionException o && o.getOverwritten() instanceof CommandLine.Model.OptionSpec os) {
            return t.get("error.optionTwice", os.longestName());
        }
        CommandLine.Model.ArgSpec a = ex.getArgSpec();
        if (a != null && ex.getValue() != null) {
            String name = a instanceof CommandLine.Model.OptionSpec o ? o.longestName() : a.paramLabel();
            Class<?> type = a.type();
            if (type.isEnum()) {
                List<String> choices = new ArrayList<>();
                for (Object c : type.getEnumConstants()) {
                    choices.add(String.valueOf(c));
                }
                return t.get("error.badChoice", name, ex.getValue(), String.join(", ", choices));
            }
            if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
                return t.get("error.notWholeNumber", name, ex.getValue());
            }
            if (type == double.class || type == Double.class) {
                return t.get(isNonFinite(ex.getValue()) ? "error.notFinite" : "error.notNumber", name, ex.getValue());
            }
            return t.get("error.badValue", name, ex.getValue());
        }
        if (ex.getClass() == CommandLine.ParameterException.class && ex.getCause() == null) {
            return ex.getMessage(); // ours (LangOption), already in the run's language
        }
        return t.get("error.invalidInput", ex.getMessage());
    }

    /**
     * What to say when the program runs out of memory or stack: what happened, what to do, in
     * one line; anything else is a bug and says so.
     */
    static String fatal(Throwable e, Texts t) {
        if (e instanceof OutOfMemoryError) {
            return t.get("error.outOfMemory", Long.toString(Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        }
        if (e instanceof StackOverflowError) {
            return t.get("error.stackOverflow");
        }
        return t.get("error.internal", e.toString()).replaceFirst("^tcplab: ?", "").replaceFirst("^tcplab:", "");
    }

    /** A number that is finite; picocli reports anything else as a bad value of its option. */
    static Double finite(String s) {
        double d = Double.parseDouble(s.trim()); // NumberFormatException: "not a number"
        if (!Double.isFinite(d)) {
            throw new CommandLine.TypeConversionException("not finite: " + s);
        }
        return d;
    }

    private static boolean isNonFinite(String s) {
        try {
            return !Double.isFinite(Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** "Did you mean ...?" for a mistyped command or option, in the run's language; null if none. */
    static String suggestion(CommandLine.ParameterException ex, Texts t) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u)) {
            return null;
        }
        List<String> s = u.getSuggestions();
        if (s.isEmpty()) {
            return null;
        }
        if (u.isUnknownOption()) {
            return t.get("error.possibleOptions", String.join(", ", s));
        }
        String parent = u.getCommandLine().getCommandSpec().qualifiedName();
        List<String> commands = new ArrayList<>();
        for (String name : s) {
            commands.add(name.startsWith(parent + " ") ? name : parent + " " + name);
        }
        return t.get("error.didYouMean", String.join(t.get("error.or"), commands));
    }

    /** True when one of the option's names is among the arguments ({@code --format} or {@code --format=...}). */
    private static boolean given(CommandLine.Model.OptionSpec o, String[] args) {
        for (String arg : args) {
            for (String name : o.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String quoted(List<String> words) {
        List<String> q = new ArrayList<>();
        for (String w : words) {
            q.add("'" + w + "'");
        }
        return String.join(", ", q);
    }
}
