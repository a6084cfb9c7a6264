package tcplab.cli;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;

/**
 * The command line's hot paths without picocli: the window ({@code tcplab} alone),
 * {@code tcplab --version} and the everyday forms
 * of {@code tcplab explain} ({@code [FILE|-] [--format text|jsonl] [--lang zh|en] [--dialect D]
 * [--encoding E]}, each option at most once, {@code --opt VALUE} or {@code --opt=VALUE}).
 *
 * <p>Why: picocli builds its model of a command by reflection over the annotations (about 175 of
 * its classes, annotation proxies and resource bundles loaded), which was most of the time of
 * explaining a 40-line paste: 0.35 s for {@code --version} against 0.09 s for a JVM printing
 * "hi" (issue 14). Anything else (help, a wrong or repeated option, {@code --live}, another
 * command) returns null and goes to picocli, which then parses, helps and reports errors exactly
 * as before; so every error message still comes from one place. A run here prints what the
 * picocli path prints, byte for byte (QuickStartTest compares the two).
 */
final class QuickStart {
    private QuickStart() {
    }

    /**
     * The exit code, or null when picocli must handle these arguments. {@code lang} is the run's
     * language as {@link Cli#langFromArgs} read it (and the default locale is set to it).
     */
    static Integer run(String[] args, Lang lang, PrintWriter out, PrintWriter err) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            out.println(Main.versionLine());
            out.flush();
            return 0;
        }
        if (args.length == 0) {
            // The window: no command line to parse at all.
            try {
                return Main.openWindow(lang);
            } catch (UserException ue) {
                err.println(Cli.texts(lang).get("error.prefix") + ue.getMessage());
                err.flush();
                return ue.exitCode();
            }
        }
        if (!args[0].equals("explain")) {
            return null;
        }
        String file = null;
        String format = "text";
        String dialect = "auto";
        String encoding = null;
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && a.length() > 2) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a : a.substring(0, eq);
                String value;
                if (eq >= 0) {
                    value = a.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    return null;
                }
                if (!seen.add(name) || value.startsWith("-")) {
                    return null;
                }
                switch (name) {
                    case "--format" -> {
                        if (!value.equals("text") && !value.equals("jsonl")) {
                            return null;
                        }
                        format = value;
                    }
                    case "--lang" -> {
                        if (Lang.parse(value) == null) {
                            return null;
                        }
                    }
                    case "--dialect" -> dialect = value;
                    case "--encoding" -> encoding = value;
                    default -> {
                        return null;
                    }
                }
            } else if (a.equals("-") || !a.startsWith("-")) {
                if (file != null) {
                    return null;
                }
                file = a;
            } else {
                return null;
            }
        }
        Texts t = Cli.texts(lang);
        try {
            return ExplainCommand.execute(file, ExplainCommand.Format.valueOf(format), lang, dialect, encoding, false, out);
        } catch (UserException ue) {
            err.println(t.get("error.prefix") + ue.getMessage());
            err.flush();
            return ue.exitCode();
        } catch (Exception ex) {
            // As picocli's execution handler in Cli.configure: one line, the trace on request.
            err.println(t.get("error.internal", ex.toString()));
            if (System.getenv("TCPLAB_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        }
    }
}
