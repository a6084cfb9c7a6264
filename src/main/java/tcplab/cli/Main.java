package tcplab.cli;

import java.io.PrintWriter;
import java.util.List;
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
        versionProvider = Main.Version.class)
public final class Main implements java.util.concurrent.Callable<Integer> {
    /**
     * The subcommands, in the order of the usage message. Registered in code, not in the
     * annotation: picocli builds the model of every registered command up front (reflection over
     * all their options), which is a good part of the start-up time; when the first argument
     * names a subcommand, only that one is registered (see {@link #subcommandsFor}). In a class of
     * its own so that {@link QuickStart}'s runs never load it: its class literals load picocli's
     * jar (about 15 ms).
     */
    static final class Subcommands {
        static final List<Class<?>> ALL = List.of(SimulateCommand.class, ScenariosCommand.class, KernelCheckCommand.class,
                NetstatCommand.class, ExplainCommand.class, CaptureCommand.class, LessonCommand.class, QuizCommand.class, ClassCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class);

        private Subcommands() {
        }
    }

    /** picocli's system property: regular expressions of class names not to load converters for. */
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    LangOption langOption;

    @CommandLine.Option(names = "--screenshot", paramLabel = "FILE.png", descriptionKey = "screenshot")
    java.nio.file.Path screenshot;

    @CommandLine.Option(names = "--scenario", paramLabel = "NAME|FILE", descriptionKey = "screenshot.scenario")
    String scenario = "handshake";

    @CommandLine.Option(names = "--at", paramLabel = "MS", descriptionKey = "screenshot.at")
    double atMs = Double.NaN;

    @CommandLine.Option(names = "--size", paramLabel = "WxH", descriptionKey = "screenshot.size")
    String size = "1280x800";

    @CommandLine.Option(names = "--select", paramLabel = "N", descriptionKey = "screenshot.select")
    Long select;

    @CommandLine.Option(names = "--theme", paramLabel = "standard|high-contrast|color-blind", descriptionKey = "screenshot.theme")
    String theme;

    @CommandLine.Option(names = "--zoom", paramLabel = "PERCENT", descriptionKey = "screenshot.zoom")
    String zoom = "100";

    @CommandLine.Option(names = "--lesson", paramLabel = "ID", descriptionKey = "screenshot.lesson")
    String lesson;

    @CommandLine.Option(names = "--step", paramLabel = "N", descriptionKey = "screenshot.step")
    int step = 1;

    @CommandLine.Option(names = "--presenter", descriptionKey = "screenshot.presenter")
    boolean presenter;

    @CommandLine.Option(names = "--tab", paramLabel = "NAME", descriptionKey = "screenshot.tab")
    String tab;

    @CommandLine.Option(names = "--class-phase", paramLabel = "lobby|question|reveal|end", descriptionKey = "screenshot.classPhase")
    String classPhase;

    /**
     * Without a command: the window (or, with --screenshot, a picture of it). Without a display
     * the window cannot open: say so plainly instead of letting JavaFX fail.
     */
    @Override
    public Integer call() throws Exception {
        tcplab.i18n.Lang lang = langOption.lang();
        tcplab.i18n.Texts t = Cli.texts(lang);
        if (screenshot != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{2,5})[xX](\\d{2,5})").matcher(size);
            if (!m.matches()) {
                throw UserException.usage(t.get("error.badSize", size));
            }
            if (presenter && lesson == null) {
                throw UserException.usage(t.get("error.presenterNeedsLesson"));
            }
            if (lesson == null && (Double.isNaN(atMs) || atMs < 0)) {
                throw UserException.usage(t.get("error.needAt"));
            }
            if (lesson != null && step < 1) {
                throw UserException.usage(t.get("error.badStep", step));
            }
            if (theme != null && !java.util.List.of("standard", "high-contrast", "color-blind").contains(theme)) {
                throw UserException.usage(t.get("error.badTheme", theme));
            }
            Double z = tcplab.ui.common.ZoomSteps.parsePercent(zoom);
            if (z == null) {
                throw UserException.usage(t.get("error.badZoom", zoom, tcplab.ui.common.ZoomSteps.percentList()));
            }
            if (classPhase != null && !tcplab.ui.classroom.ClassScreenshot.PHASES.contains(classPhase)) {
                throw UserException.usage(t.get("error.badClassPhase", classPhase));
            }
            if (classPhase != null && !"class".equals(tab)) {
                throw UserException.usage(t.get("error.classPhaseNeedsTab"));
            }
            String err = tcplab.ui.Screenshot.render(new tcplab.ui.Screenshot.Request(screenshot, scenario, atMs, lang,
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), select, theme, lesson, step, presenter, z,
                    tab, classPhase));
            if (err != null) {
                throw UserException.failure(err);
            }
            // "Wrote" only for a picture that is there: a PNG starts with 8 bytes of signature.
            if (!java.nio.file.Files.isRegularFile(screenshot) || java.nio.file.Files.size(screenshot) < 8) {
                throw UserException.failure(t.get("error.screenshotNotWritten", screenshot, t.get("error.screenshotEmpty")));
            }
            spec.commandLine().getOut().println(t.get("screenshot.written", screenshot));
            spec.commandLine().getOut().flush();
            return 0;
        }
        return openWindow(lang);
    }

    /**
     * The window (no command): also reached without picocli, from {@link QuickStart}. With
     * {@code TCPLAB_BENCH_FIRST_FRAME} set ({@code tcplab bench startup}), on the headless platform
     * like {@code bench ui}: the window prints when it drew its first frame and the process ends.
     */
    static int openWindow(Lang lang) {
        boolean bench = System.getenv(tcplab.ui.TcplabApp.FIRST_FRAME_ENV) != null;
        if (bench) {
            tcplab.ui.Screenshot.useHeadlessPlatform();
        }
        boolean unixLike = !Cli.onWindows() && !Cli.onMac();
        if (!bench && unixLike && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw UserException.failure(tcplab.i18n.Texts.of("tcplab.ui.Ui", lang).get("nodisplay"));
        }
        tcplab.ui.TcplabApp.open(new String[0]);
        return 0;
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true, Cli.stderrCharset());
        if (args.length > 0) {
            // A command (not the window, whose FX thread goes on after a failed event): a thread
            // of its own that runs out of memory or stack ends the command with one line and 1.
            Lang lang = Cli.langFromArgs(args);
            Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
                err.println(Cli.texts(lang).get("error.prefix") + Cli.fatal(e, Cli.texts(lang)));
                if (System.getenv("TCPLAB_DEBUG") != null) {
                    e.printStackTrace(err);
                }
                err.flush();
                if (e instanceof OutOfMemoryError || e instanceof StackOverflowError) {
                    Runtime.getRuntime().halt(1);
                }
            });
        }
        System.exit(run(args, Cli.stdout(new PrintWriter(System.out, true, Cli.stdoutCharset())), err));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, true);
    }

    /** {@link #run}, with {@code quick} false every command line through picocli (for tests). */
    static int run(String[] args, PrintWriter out, PrintWriter err, boolean quick) {
        // picocli registers type converters for java.sql and java.time classes by reflection, which
        // loads those classes: about 20 ms of every start-up. No option of tcplab has such a type.
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, "java\\.sql\\..*,java\\.time\\..*");
        }
        Lang lang = Cli.langFromArgs(args);
        Locale previous = Locale.getDefault();
        // picocli reads its resource bundle in the default locale: set it for --lang first.
        Locale.setDefault(lang.locale());
        try {
            Integer done = quick ? QuickStart.run(args, lang, out, err) : null;
            if (done != null) {
                return done;
            }
            CommandLine cl = new CommandLine(new Main());
            for (Class<?> sub : subcommandsFor(args)) {
                cl.addSubcommand(sub);
            }
            Cli.configure(cl, lang);
            cl.setOut(out);
            cl.setErr(err);
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // picocli (and QuickStart) let Errors through: one line, exit 1, no trace. By now the
            // stack is unwound and what filled the memory is garbage, so there is room to say it.
            out.flush();
            err.println(Cli.texts(lang).get("error.prefix") + Cli.fatal(e, Cli.texts(lang)));
            err.flush();
            return 1;
        } finally {
            Locale.setDefault(previous);
        }
    }

    /**
     * The subcommands to register for {@code args}: the one named by the first argument (the
     * whole command line then behaves exactly as with all of them: parsing, help and errors all
     * happen below that subcommand), else all of them (root usage, {@code help}, a typo that
     * picocli should suggest a correction for).
     */
    static List<Class<?>> subcommandsFor(String[] args) {
        if (args.length > 0 && !args[0].equals("help")) {
            for (Class<?> sub : Subcommands.ALL) {
                Command c = sub.getAnnotation(Command.class);
                if (c != null && c.name().equals(args[0])) {
                    return List.of(sub);
                }
            }
        }
        return Subcommands.ALL;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {versionLine()};
        }
    }

    /** "tcplab VERSION": the version is pom.xml's, from the jar's manifest ("dev" when run from classes). */
    static String versionLine() {
        String v = Main.class.getPackage().getImplementationVersion();
        return "tcplab " + (v == null ? "dev" : v);
    }
}
