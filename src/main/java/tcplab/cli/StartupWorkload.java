package tcplab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tcplab.netstat.Dialect;
import tcplab.netstat.NetstatEmitter;
import tcplab.netstat.SocketRow;
import tcplab.tcp.TcpState;

/**
 * What a start-up is measured and trained on: a Windows {@code netstat -ano} paste of a given
 * length ({@code tcplab bench startup}), and the training run that the packages' AOT cache for
 * the commands is recorded from ({@link #main}: the build runs it with the packaged runtime, see
 * src/dist/dist.xml).
 */
public final class StartupWorkload {
    private StartupWorkload() {
    }

    /**
     * A Windows {@code netstat -ano} table of {@code lines} lines in all (the header's four
     * included), as a teacher's laptop shows it: listeners, then browser connections in the
     * usual states. The same lines every time.
     */
    public static String windowsPaste(int lines) {
        Random rnd = new Random(14);
        List<SocketRow> rows = new ArrayList<>();
        int[] listening = {135, 445, 5040, 7680, 49664, 49665, 49666, 49667};
        int[] pids = {1004, 4, 6252, 8880, 812, 1576, 1884, 2752};
        TcpState[] mix = {TcpState.ESTABLISHED, TcpState.ESTABLISHED, TcpState.ESTABLISHED, TcpState.TIME_WAIT,
            TcpState.CLOSE_WAIT, TcpState.SYN_SENT};
        for (int i = 0; rows.size() < Math.max(0, lines - 4); i++) {
            if (i < listening.length) {
                rows.add(SocketRow.tcp("0.0.0.0", listening[i], "0.0.0.0", 0, TcpState.LISTEN).withProcess(pids[i], null));
            } else {
                String peer = (rnd.nextBoolean() ? "220.181." : "183.232.") + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
                rows.add(SocketRow.tcp("192.168.1.23", 49670 + i, peer, rnd.nextBoolean() ? 443 : 80,
                        mix[rnd.nextInt(mix.length)]).withProcess(9396 + rnd.nextInt(4) * 4, null));
            }
        }
        return NetstatEmitter.emit(Dialect.WINDOWS_PID, rows, "pc");
    }

    /**
     * The commands' training run: the command lines people start most, one after another in
     * this JVM, output discarded; with the argument {@code explain}, only {@code explain} (and
     * {@code --version}). The JVM that runs this with {@code -XX:AOTCacheOutput} writes the
     * classes it loaded and linked, and the methods it profiled, to the cache the packaged
     * launcher starts those commands with (the window's cache comes from a run of the window).
     * Why a cache of explain's own: a cache loads all its classes at start-up, and explain of a
     * 40-line paste took 0.16 s of CPU with it against 0.21 s with the cache of all the commands.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("tcplab-training-");
        Path win = dir.resolve("windows.txt");
        Files.writeString(win, windowsPaste(40), StandardCharsets.UTF_8);
        Path linux = dir.resolve("linux.txt");
        BenchExplainCommand.generate(linux, 200);
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        boolean explainOnly = args.length > 0 && args[0].equals("explain");
        String[][] runs = explainOnly ? new String[][] {
            {"--version"},
            {"explain", win.toString(), "--lang", "en"},
            {"explain", win.toString(), "--lang", "zh"},
            {"explain", linux.toString(), "--format", "jsonl", "--lang", "en"},
        } : new String[][] {
            {"--version"},
            {"explain", win.toString(), "--lang", "en"},
            {"explain", win.toString(), "--lang", "zh"},
            {"explain", linux.toString(), "--format", "jsonl", "--lang", "en"},
            {"simulate", "--scenario", "handshake", "--lang", "en"},
            {"simulate", "--scenario", "active-close", "--format", "jsonl", "--lang", "zh"},
            {"netstat", "--scenario", "syn-flood", "--host", "server", "--at", "3000", "--explain", "--lang", "en"},
            {"scenarios", "--lang", "en"},
            {"lesson", "list", "--lang", "zh"},
            {"explain", "--help", "--lang", "en"},
            {"--help", "--lang", "zh"},
            {"explain", "--formt", "text"},
        };
        for (String[] run : runs) {
            Main.run(run, sink, sink);
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
        System.exit(0);
    }
}
