package tcplab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tcplab.capture.CaptureAnalysis;
import tcplab.capture.CaptureReport;
import tcplab.i18n.Lang;

/**
 * {@code tcplab capture FILE}: reads a pcap or pcapng file (tcpdump, Wireshark, dumpcap), finds its
 * TCP connections and shows the states both ends went through, as text or JSON Lines.
 */
@Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false)
public final class CaptureCommand implements Callable<Integer> {

    enum Format { text, jsonl }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LangOption langOption;

    @Parameters(index = "0", paramLabel = "FILE", descriptionKey = "file")
    String file;

    @Option(names = "--format", paramLabel = "text|jsonl", defaultValue = "text", descriptionKey = "format")
    Format format;

    /**
     * Reads and analyses a capture file; a missing or unreadable file, or one that is no capture
     * at all, is a clear message (a damaged one gives what was readable, with its problem).
     */
    static CaptureAnalysis load(String file, Lang lang) {
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw UserException.usage(Cli.texts(lang).get("capture.isDirectory", file));
        }
        CaptureAnalysis a;
        try (InputStream in = Files.newInputStream(path)) {
            a = CaptureAnalysis.read(in);
        } catch (NoSuchFileException e) {
            throw UserException.usage(Cli.texts(lang).get("capture.noFile", file));
        } catch (AccessDeniedException e) {
            throw UserException.usage(Cli.texts(lang).get("capture.cannotRead", file, e.getMessage()));
        } catch (IOException e) {
            throw UserException.failure(Cli.texts(lang).get("capture.cannotRead", file, e.getMessage()));
        }
        boolean notCapture = a.problem() != null && a.frames() == 0
                && (a.problem().key().equals("notCapture") || a.problem().key().equals("empty"));
        if (notCapture) {
            throw UserException.failure(a.problem().format(file, lang));
        }
        return a;
    }

    @Override
    public Integer call() {
        Lang lang = langOption.lang();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CaptureAnalysis a = load(file, lang);
        if (format == Format.jsonl) {
            CaptureReport.jsonl(a, file, lang, out);
        } else {
            CaptureReport.text(a, file, lang, out);
        }
        out.flush();
        int exit = 0;
        if (a.tcpPackets() == 0 && !a.unsupportedLinkTypes().isEmpty()) {
            err.println(file + ": " + Cli.texts(lang).get("capture.unsupportedLinkType",
                    a.unsupportedLinkTypes().stream().map(String::valueOf).collect(Collectors.joining(", "))));
            exit = 1;
        } else if (a.tcpPackets() == 0 && a.problem() == null) {
            err.println(file + ": " + Cli.texts(lang).get("capture.noTcp"));
        }
        if (a.problem() != null) {
            // what was readable before the damage has been printed above
            err.println(a.problem().format(file, lang));
            exit = 1;
        }
        err.flush();
        return exit;
    }
}
