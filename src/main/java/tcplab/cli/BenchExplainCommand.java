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
import tcplab.i18n.Texts;
import tcplab.netstat.Dialect;
import tcplab.netstat.NetstatEmitter;
import tcplab.netstat.SocketRow;
import tcplab.tcp.TcpState;

/**
 * {@code tcplab bench explain [--rows N] [--runs R] [--plain-java] [--no-jc] [--keep FILE |
 * --input FILE]}: generates an N-row Linux {@code netstat -tan} file, runs
 * {@code tcplab explain --format jsonl} on it as a separate process, started the way users start
 * it (the {@code tcplab} launcher beside the jar: JVM start, parse, explain, JSON), then
 * {@code jc --netstat} on the same file, R times each, interleaved, and reports wall time and
 * peak RSS of every run (GNU time's {@code %e %M}) and their medians, with the load averages
 * before and after: the machine may be shared, and a busy machine slows both tools.
 */
@Command(name = "explain", mixinStandardHelpOptions = true)
public final class BenchExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    LangOption langOption;

    @Option(names = "--rows", paramLabel = "N", descriptionKey = "tcplab.bench.explain.rows")
    long rows = 1_000_000;

    @Option(names = "--no-jc", descriptionKey = "tcplab.bench.explain.noJc")
    boolean noJc;

    @Option(names = "--keep", paramLabel = "FILE", descriptionKey = "tcplab.bench.explain.keep")
    Path keep;

    @Option(names = "--input", paramLabel = "FILE", descriptionKey = "tcplab.bench.explain.input")
    Path input;

    @Option(names = "--runs", paramLabel = "N", descriptionKey = "tcplab.bench.explain.runs")
    int runs = 3;

    @Option(names = "--plain-java", descriptionKey = "tcplab.bench.explain.plainJava")
    boolean plainJava;

    /** What one measured process took. */
    record Measure(String command, double seconds, long peakRssKb, int exitCode) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Texts t = Cli.texts(langOption.lang());
        if (rows < 0) {
            throw UserException.usage(t.get("error.negative", "--rows"));
        }
        if (runs < 1) {
            throw UserException.usage(t.get("error.atLeastOne", "--runs"));
        }
        if (input != null && !Files.isRegularFile(input)) {
            throw UserException.usage(t.get("explain.noFile", input));
        }
        PrintWriter out = spec.commandLine().getOut();
        Path file = input != null ? input : keep != null ? keep : Files.createTempFile("tcplab-bench-", ".txt");
        try {
            if (input == null) {
                generate(file, rows);
                out.println(t.get("bench.explain.generated", file, String.format("%,d", rows),
                        String.format("%,d", Files.size(file))));
            } else {
                out.println(t.get("bench.explain.given", file, String.format("%,d", Files.size(file))));
            }
            List<String> tcplab = new ArrayList<>();
            Path launcher = launcher();
            if (launcher != null && !plainJava) {
                tcplab.add(launcher.toString());
            } else {
                if (!plainJava) {
                    out.println(t.get("bench.explain.noLauncher"));
                }
                tcplab.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), "tcplab.cli.Main"));
            }
            tcplab.addAll(List.of("explain", "--format", "jsonl", "--lang", "en", file.toString()));
            boolean jcThere = !noJc && (new File("/usr/bin/jc").canExecute() || onPath("jc"));
            if (!noJc && !jcThere) {
                out.println(t.get("bench.explain.noJc"));
            }
            out.println(t.get("bench.explain.loadBefore", loadAverage()));
            List<Measure> ours = new ArrayList<>();
            List<Measure> theirs = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Measure m = measure(tcplab, null);
                ours.add(m);
                print(out, t, "tcplab explain --format jsonl", m);
                if (jcThere) {
                    Measure j = measure(List.of("jc", "--netstat"), file);
                    theirs.add(j);
                    print(out, t, "jc --netstat", j);
                }
                out.flush();
            }
            out.println(t.get("bench.explain.loadAfter", loadAverage()));
            out.println(t.get("bench.explain.median", ours.size(), "tcplab", String.format("%.2f", median(ours, true)),
                    String.format("%,d", (long) median(ours, false))));
            if (!theirs.isEmpty()) {
                double jcWall = median(theirs, true);
                out.println(t.get("bench.explain.median", theirs.size(), "jc", String.format("%.2f", jcWall),
                        String.format("%,d", (long) median(theirs, false))));
                out.println(t.get("bench.explain.speedup", String.format("%.1f", jcWall / median(ours, true))));
            }
            out.flush();
            return 0;
        } finally {
            if (keep == null && input == null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * The launcher users run ({@code target/tcplab}, {@code tcplab.cmd} on Windows), found beside
     * the jar or the classes directory this class was loaded from; null when there is none (not
     * packaged yet).
     */
    static Path launcher() {
        try {
            Path from = Path.of(BenchExplainCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            boolean windows = Cli.onWindows();
            Path l = from.toAbsolutePath().getParent().resolve(windows ? "tcplab.cmd" : "tcplab");
            return Files.isRegularFile(l) && (windows || Files.isExecutable(l)) ? l : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static double median(List<Measure> ms, boolean wall) {
        double[] v = new double[ms.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = wall ? ms.get(i).seconds() : ms.get(i).peakRssKb();
        }
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The 1, 5 and 15 minute load averages (Linux), or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2] + " (" + Runtime.getRuntime().availableProcessors() + " CPUs)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void print(PrintWriter out, Texts t, String what, Measure m) {
        out.println(t.get("bench.explain.run", String.format("%-30s", what), String.format("%8.2f", m.seconds()),
                String.format("%,9d", m.peakRssKb()), m.exitCode()));
        out.println("   " + m.command());
    }

    /** Whether {@code tool} is an executable in a folder of PATH. */
    static boolean onPath(String tool) {
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
