package tcplab.cli;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tcplab.netstat.Dialect;
import tcplab.netstat.NetstatEmitter;
import tcplab.netstat.SocketRow;
import tcplab.tcp.TcpState;

/**
 * {@code tcplab bench explain [--rows N] [--xmx SIZE] [--no-jc]}: generates an N-row Linux
 * {@code netstat -tan} file, runs {@code tcplab explain --format jsonl} on it as a separate
 * process (whole process: JVM start, parse, explain, JSON), then {@code jc --netstat} on the same
 * file, and reports wall time and peak RSS of each (GNU time's {@code %e %M}).
 */
@Command(name = "explain", mixinStandardHelpOptions = true)
public final class BenchExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rows", descriptionKey = "tcplab.bench.explain.rows")
    long rows = 1_000_000;

    @Option(names = "--xmx", descriptionKey = "tcplab.bench.explain.xmx")
    String xmx = "64m";

    @Option(names = "--no-jc", descriptionKey = "tcplab.bench.explain.noJc")
    boolean noJc;

    @Option(names = "--keep", descriptionKey = "tcplab.bench.explain.keep")
    Path keep;

    /** What one measured process took. */
    record Measure(String command, double seconds, long peakRssKb, int exitCode) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path file = keep != null ? keep : Files.createTempFile("tcplab-bench-", ".txt");
        try {
            long bytes = generate(file, rows);
            out.printf("input: %s, %,d rows, %,d bytes (Linux netstat -tan)%n", file, rows, bytes);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = System.getProperty("java.class.path");
            List<String> tcplab = List.of(java, "-Xmx" + xmx, "-XX:+UseSerialGC", "-cp", cp, "tcplab.cli.Main",
                    "explain", "--format", "jsonl", "--lang", "en", file.toString());
            Measure ours = measure(tcplab, null);
            print(out, "tcplab explain --format jsonl", ours);
            if (!noJc) {
                if (new File("/usr/bin/jc").canExecute() || onPath("jc")) {
                    Measure jc = measure(List.of("jc", "--netstat"), file);
                    print(out, "jc --netstat", jc);
                    if (ours.seconds() > 0) {
                        out.printf("speed-up: %.1fx wall time%n", jc.seconds() / ours.seconds());
                    }
                } else {
                    out.println("jc: not installed (apt-get install -y jc), skipped");
                }
            }
            out.flush();
            return 0;
        } finally {
            if (keep == null) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void print(PrintWriter out, String what, Measure m) {
        out.printf("%-32s wall %8.2f s   peak RSS %,9d KB   exit %d%n   %s%n", what, m.seconds(), m.peakRssKb(),
                m.exitCode(), m.command());
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code cmd} under GNU time (wall seconds, max RSS); output discarded. */
    private static Measure measure(List<String> cmd, Path stdin) throws IOException, InterruptedException {
        Path report = Files.createTempFile("tcplab-time-", ".txt");
        try {
            List<String> full = new ArrayList<>();
            boolean gnuTime = new File("/usr/bin/time").canExecute();
            if (gnuTime) {
                full.addAll(List.of("/usr/bin/time", "-f", "%e %M", "-o", report.toString()));
            }
            full.addAll(cmd);
            ProcessBuilder pb = new ProcessBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            if (stdin != null) {
                pb.redirectInput(stdin.toFile());
            }
            long t0 = System.nanoTime();
            Process p = pb.start();
            int code = p.waitFor();
            double wall = (System.nanoTime() - t0) / 1e9;
            long rss = -1;
            if (gnuTime) {
                String[] f = Files.readString(report).trim().split("\\s+");
                String[] last = f.length >= 2 ? new String[] {f[f.length - 2], f[f.length - 1]} : f;
                wall = Double.parseDouble(last[0]);
                rss = Long.parseLong(last[1]);
            }
            String shown = String.join(" ", cmd).replace(System.getProperty("java.class.path"), "<classpath>")
                    + (stdin != null ? " < " + stdin : "") + " > /dev/null";
            return new Measure(shown, wall, rss, code);
        } finally {
            Files.deleteIfExists(report);
        }
    }

    /**
     * Writes an n-row table through the emitter, in chunks (the generator's memory stays small):
     * listeners first, then a mix of connections as a busy server shows them.
     */
    static long generate(Path file, long n) throws IOException {
        Random rnd = new Random(1);
        TcpState[] mix = {TcpState.ESTABLISHED, TcpState.ESTABLISHED, TcpState.ESTABLISHED, TcpState.TIME_WAIT,
            TcpState.TIME_WAIT, TcpState.CLOSE_WAIT, TcpState.FIN_WAIT_2, TcpState.SYN_RECEIVED, TcpState.SYN_SENT,
            TcpState.LAST_ACK};
        int[] servicePorts = {22, 80, 443, 5432, 8080, 3306};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long written = 0;
            boolean first = true;
            while (written < n) {
                int chunk = (int) Math.min(10_000, n - written);
                List<SocketRow> rows = new ArrayList<>(chunk);
                for (int i = 0; i < chunk; i++) {
                    long k = written + i;
                    if (k < servicePorts.length) {
                        rows.add(SocketRow.tcp("0.0.0.0", servicePorts[(int) k], "0.0.0.0", null, TcpState.LISTEN));
                        continue;
                    }
                    TcpState st = mix[rnd.nextInt(mix.length)];
                    String peer = "10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
                    boolean inbound = rnd.nextInt(3) > 0;
                    SocketRow r = inbound
                            ? SocketRow.tcp("192.168.1.5", servicePorts[rnd.nextInt(servicePorts.length)], peer,
                                    32768 + rnd.nextInt(28232), st)
                            : SocketRow.tcp("192.168.1.5", 32768 + rnd.nextInt(28232), peer,
                                    servicePorts[rnd.nextInt(servicePorts.length)], st);
                    rows.add(r.withQueues((long) (rnd.nextInt(20) == 0 ? rnd.nextInt(5000) : 0), 0L));
                }
                String text = NetstatEmitter.emit(Dialect.LINUX, rows, "h");
                if (!first) {
                    // Only the first chunk keeps the two header lines.
                    int cut = text.indexOf('\n', text.indexOf('\n') + 1) + 1;
                    text = text.substring(cut);
                }
                w.write(text);
                first = false;
                written += chunk;
            }
        }
        return Files.size(file);
    }
}
