package tcplab.netstat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * This machine's own socket listing: runs {@code ss -tanp} or {@code netstat -tanp} (Linux),
 * {@code netstat -ano} (Windows) or {@code netstat -an -p tcp} (macOS), whichever exists first,
 * and returns its raw bytes (decode them with {@link Encodings}: a Chinese Windows writes GBK).
 *
 * <p>Shared by {@code tcplab explain --live} and the window's "read this machine" button; it
 * throws {@link Unavailable} naming every command it tried, for the caller to word in its language.
 *
 * @param command the command line that produced {@code output}, e.g. {@code ss -tanp}
 * @param output  its standard output, unchanged
 */
public record LiveCapture(String command, byte[] output) {
    /** A listing larger than this is cut: no real machine lists that much, a runaway tool might. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;
    /** How long one command may run: netstat resolving names can hang on a broken resolver. */
    public static final long TIMEOUT_SECONDS = 20;

    /** None of the commands for this OS could be run (not installed, failed, or printed nothing). */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> tried;

        public Unavailable(List<String> tried) {
            super("none of these commands could be run here: " + String.join(", ", tried));
            this.tried = List.copyOf(tried);
        }

        /** The command lines tried, in order ({@code ss -tanp}, {@code netstat -tanp}). */
        public List<String> tried() {
            return tried;
        }
    }

    /** The commands tried on the OS named {@code osName} (a {@code os.name} value), in order. */
    public static List<List<String>> candidates(String osName) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        List<List<String>> candidates = new ArrayList<>();
        if (os.contains("win")) {
            candidates.add(List.of("netstat", "-ano"));
        } else if (os.contains("mac") || os.contains("darwin")) {
            candidates.add(List.of("netstat", "-an", "-p", "tcp"));
        } else {
            candidates.add(List.of("ss", "-tanp"));
            candidates.add(List.of("netstat", "-tanp"));
        }
        return candidates;
    }

    /** Runs the first command of this OS that works. Blocks: call it off the UI thread. */
    public static LiveCapture run() throws Unavailable, InterruptedException {
        return run(candidates(System.getProperty("os.name", "")));
    }

    /** Runs the first of {@code candidates} that exits 0 with some output. */
    public static LiveCapture run(List<List<String>> candidates) throws Unavailable, InterruptedException {
        List<String> tried = new ArrayList<>();
        for (List<String> cmd : candidates) {
            String line = String.join(" ", cmd);
            tried.add(line);
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                continue; // not installed: try the next one
            }
            try {
                byte[] bytes = readCapped(p.getInputStream());
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    continue;
                }
                if (p.exitValue() == 0 && bytes.length > 0) {
                    return new LiveCapture(line, bytes);
                }
            } catch (IOException e) {
                // Broken pipe or the like: this tool failed, try the next one.
            } finally {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            }
        }
        throw new Unavailable(tried);
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        try (in) {
            return in.readNBytes(MAX_BYTES);
        }
    }
}
