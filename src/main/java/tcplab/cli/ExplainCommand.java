package tcplab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.netstat.Dialect;
import tcplab.netstat.Encodings;
import tcplab.netstat.Explainer;
import tcplab.netstat.JsonlWriter;
import tcplab.netstat.NetstatParser;
import tcplab.netstat.ParseAhead;
import tcplab.netstat.ParsedLine;
import tcplab.netstat.TextReport;

/**
 * {@code tcplab explain [FILE|-] [--format text|jsonl] [--lang zh|en] [--dialect auto|NAME]
 * [--encoding E]} and {@code tcplab explain --live}: glue between the command line and
 * {@link NetstatParser} + {@link Explainer}; no parsing or explaining logic of its own.
 */
@Command(name = "explain", mixinStandardHelpOptions = true)
public final class ExplainCommand implements Callable<Integer> {
    /** The two output formats. */
    enum Format { text, jsonl }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-", descriptionKey = "tcplab.explain.file")
    String file;

    @Option(names = "--format", paramLabel = "text|jsonl", descriptionKey = "tcplab.explain.format")
    Format format = Format.text;

    @picocli.CommandLine.Mixin
    LangOption langOption;

    @Option(names = "--dialect", paramLabel = "auto|NAME", descriptionKey = "tcplab.explain.dialect")
    String dialect = "auto";

    @Option(names = "--encoding", paramLabel = "E", descriptionKey = "tcplab.explain.encoding")
    String encoding;

    @Option(names = "--live", descriptionKey = "tcplab.explain.live")
    boolean live;

    @Override
    public Integer call() throws IOException, InterruptedException {
        return execute(file, format, langOption.lang(), dialect, encoding, live, spec.commandLine().getOut());
    }

    /**
     * The command itself, once its arguments are read: by picocli ({@link #call}) or by
     * {@link QuickStart}, which reads the common forms of {@code tcplab explain} without picocli.
     */
    static int execute(String file, Format format, Lang l, String dialect, String encoding, boolean live, PrintWriter out)
            throws IOException, InterruptedException {
        Texts t = Cli.texts(l);
        Dialect forced = null;
        if (!dialect.equalsIgnoreCase("auto")) {
            forced = Dialect.parse(dialect);
            if (forced == null) {
                throw UserException.usage(t.get("explain.badDialect", dialect, dialectNames()));
            }
        }
        Charset charset = null;
        if (encoding != null) {
            try {
                charset = Charset.forName(encoding);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw UserException.usage(t.get("explain.badEncoding", encoding));
            }
        }
        if (live && file != null) {
            throw UserException.usage(t.get("explain.liveAndFile"));
        }
        if (live) {
            tcplab.netstat.LiveCapture cap;
            try {
                cap = tcplab.netstat.LiveCapture.run();
            } catch (tcplab.netstat.LiveCapture.Unavailable e) {
                throw UserException.failure(t.get("explain.noLiveTool", String.join(", ", e.tried())));
            }
            try (Reader r = Encodings.reader(new java.io.ByteArrayInputStream(cap.output()), charset)) {
                explain(r, forced, l, format, out);
            }
            return 0;
        }
        if (file == null || file.equals("-")) {
            explain(Encodings.reader(System.in, charset), forced, l, format, out);
            return 0;
        }
        if (file.isBlank()) {
            // Path.of("") is the working directory; say what is really wrong.
            throw UserException.usage(t.get("explain.emptyFileName"));
        }
        Path p = Path.of(file);
        InputStream in;
        try {
            if (Files.isDirectory(p)) {
                throw UserException.usage(t.get("explain.isDirectory", file));
            }
            in = Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            throw UserException.usage(t.get("explain.noFile", file));
        } catch (AccessDeniedException e) {
            throw UserException.usage(t.get("explain.cannotRead", file, t.get("explain.accessDenied")));
        } catch (IOException e) {
            throw UserException.usage(t.get("explain.cannotRead", file, e.getMessage()));
        }
        try (Reader r = Encodings.reader(in, charset)) {
            explain(r, forced, l, format, out);
        } catch (UncheckedIOException e) {
            throw UserException.failure(t.get("explain.cannotRead", file, e.getCause().getMessage()));
        }
        return 0;
    }

    /**
     * The explain pipeline, parser → explainer → report: shared by {@code tcplab explain} and by
     * {@code tcplab netstat --explain}, so synthetic lines are read by the very code that reads
     * pasted ones.
     */
    static void explain(Reader in, Dialect forced, Lang l, Format format, PrintWriter out) throws IOException {
        NetstatParser parser = new NetstatParser(in, forced);
        if (format == Format.jsonl) {
            // Parsing runs on a second thread, ahead of explaining and writing; it starts first,
            // so that reading the input overlaps with loading the explainer's texts.
            // On stdout, UTF-8 bytes go straight to the stream (no PrintWriter, no encoder): the
            // jsonl of a big table is about 950 bytes a row.
            OutputStream raw = Cli.rawStdout(out);
            try (ParseAhead ahead = new ParseAhead(parser)) {
                Explainer explainer = new Explainer(l);
                JsonlWriter jw = raw != null ? new JsonlWriter(raw) : new JsonlWriter(out);
                ParsedLine line;
                while ((line = ahead.next()) != null) {
                    jw.write(line, explainer);
                }
                jw.summary(explainer.summary());
            } catch (IOException e) {
                if (raw == null) {
                    throw e;
                }
                // stdout closed (explain ... | head): stop quietly, as PrintWriter did.
                return;
            }
            out.flush();
        } else {
            TextReport report = new TextReport(new Explainer(l));
            ParsedLine line;
            while ((line = parser.next()) != null) {
                report.add(line);
            }
            report.print(out);
        }
    }

    private static String dialectNames() {
        List<String> names = new ArrayList<>();
        names.add("auto");
        for (Dialect d : Dialect.values()) {
            names.add(d.cliName());
        }
        return String.join(", ", names);
    }
}
