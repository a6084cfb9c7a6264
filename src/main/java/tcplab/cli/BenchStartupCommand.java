package tcplab.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tcplab.i18n.Texts;
import tcplab.ui.TcplabApp;

/**
 * {@code tcplab bench startup [--runs N] [--lines N] [--launcher FILE] [--no-jc] [--no-window]}:
 * how long a teacher waits. As whole processes, alternately, N rounds: {@code tcplab explain} of
 * an N-line Windows {@code netstat -ano} paste through the packaged launcher (the jpackage image,
 * its own runtime and AOT cache), the build's launcher ({@code target/tcplab}, the system's Java)
 * and plain {@code java -jar tcplab.jar}, against {@code jc --netstat} on the same paste; then the
 * window's first frame (headless, as {@code bench ui}) through the packaged launcher and plain
 * {@code java -jar}. Wall times are measured here from just before the process is started; the
 * first frame is when the window's first pulse came (it prints the wall clock and exits). Prints
 * every run, the medians, the ratios to jc and the load averages before and after.
 */
@Command(name = "startup", mixinStandardHelpOptions = true)
public final class BenchStartupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LangOption langOption;

    @Option(names = "--runs", paramLabel = "N", descriptionKey = "tcplab.bench.startup.runs")
    int runs = 7;

    @Option(names = "--lines", paramLabel = "N", descriptionKey = "tcplab.bench.startup.lines")
    int lines = 40;

    @Option(names = "--launcher", paramLabel = "FILE", descriptionKey = "tcplab.bench.startup.launcher")
    Path launcher;

    @Option(names = "--no-jc", descriptionKey = "tcplab.bench.explain.noJc")
    boolean noJc;

    @Option(names = "--no-window", descriptionKey = "tcplab.bench.startup.noWindow")
    boolean noWindow;

    /** Targets of issue 14: explain at most 1.5 × jc's wall time, the first frame within 1.5 s. */
    static final double EXPLAIN_TARGET = 1.5;
    static final double FIRST_FRAME_TARGET_S = 1.5;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Texts t = Cli.texts(langOption.lang());
        if (runs < 1) {
            throw UserException.usage(t.get("error.atLeastOne", "--runs"));
        }
        if (lines < 5) {
            throw UserException.usage(t.get("bench.startup.badLines", lines));
        }
        if (launcher != null && !Files.isExecutable(launcher)) {
            throw UserException.usage(t.get("explain.noFile", launcher));
        }
        PrintWriter out = spec.commandLine().getOut();
        Path paste = Files.createTempFile("tcplab-paste-", ".txt");
        try {
            Files.writeString(paste, StartupWorkload.windowsPaste(lines), StandardCharsets.UTF_8);
            out.println(t.get("bench.startup.input", paste, lines));
            Path packaged = launcher != null ? launcher : packagedLauncher();
            Path jar = jar();
            Path buildLauncher = BenchExplainCommand.launcher();
            String java = systemJava();
            // What runs explain, in the order of each round; jc last.
            Map<String, List<String>> explainers = new LinkedHashMap<>();
            if (packaged != null) {
                explainers.put("packaged", List.of(packaged.toString()));
            } else {
                out.println(t.get("bench.startup.noPackage"));
            }
            if (buildLauncher != null && (packaged == null || !buildLauncher.equals(packaged))) {
                explainers.put("launcher", List.of(buildLauncher.toString()));
            }
            if (jar != null) {
                explainers.put("java -jar", List.of(java, "-jar", jar.toString()));
            }
            boolean jc = !noJc && (new File("/usr/bin/jc").canExecute() || BenchExplainCommand.onPath("jc"));
            if (!noJc && !jc) {
                out.println(t.get("bench.explain.noJc"));
            }
            Map<String, List<Double>> wall = new LinkedHashMap<>();
            Map<String, List<Double>> frame = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : explainers.entrySet()) {
                out.println("  " + e.getKey() + ": " + String.join(" ", e.getValue()));
            }
            out.println(t.get("bench.explain.loadBefore", BenchExplainCommand.loadAverage()));
            out.flush();
            for (int i = 0; i < runs; i++) {
                for (Map.Entry<String, List<String>> e : explainers.entrySet()) {
                    List<String> cmd = new ArrayList<>(e.getValue());
                    cmd.addAll(List.of("explain", paste.toString(), "--lang", "en"));
                    double s = wallSeconds(cmd, null);
                    wall.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(s);
                    out.println(t.get("bench.startup.run", i + 1, String.format("%-12s", e.getKey() + " explain"), f2(s)));
                }
                if (jc) {
                    double s = wallSeconds(List.of("jc", "--netstat"), paste);
                    wall.computeIfAbsent("jc", k -> new ArrayList<>()).add(s);
                    out.println(t.get("bench.startup.run", i + 1, String.format("%-12s", "jc --netstat"), f2(s)));
                }
                if (!noWindow) {
                    for (String who : List.of("packaged", "java -jar")) {
                        if (explainers.containsKey(who)) {
                            double s = firstFrameSeconds(explainers.get(who));
                            frame.computeIfAbsent(who, k -> new ArrayList<>()).add(s);
                            out.println(t.get("bench.startup.frame", i + 1, String.format("%-12s", who), f2(s)));
                        }
                    }
                }
                out.flush();
            }
            out.println(t.get("bench.explain.loadAfter", BenchExplainCommand.loadAverage()));
            Double jcMedian = wall.containsKey("jc") ? median(wall.get("jc")) : null;
            for (Map.Entry<String, List<Double>> e : wall.entrySet()) {
                double m = median(e.getValue());
                String ratio = jcMedian != null && !e.getKey().equals("jc") ? t.get("bench.startup.ratio", f2(m / jcMedian)) : "";
                out.println(t.get("bench.startup.median", e.getValue().size(), String.format("%-10s", e.getKey()), f2(m), ratio));
            }
            for (Map.Entry<String, List<Double>> e : frame.entrySet()) {
                out.println(t.get("bench.startup.frameMedian", e.getValue().size(), String.format("%-10s", e.getKey()),
                        f2(median(e.getValue()))));
            }
            if (jcMedian != null && wall.containsKey("packaged")) {
                double r = median(wall.get("packaged")) / jcMedian;
                out.println(t.get(r <= EXPLAIN_TARGET ? "bench.startup.explainMet" : "bench.startup.explainMissed", f2(r),
                        f2(EXPLAIN_TARGET)));
            }
            if (frame.containsKey("packaged")) {
                double s = median(frame.get("packaged"));
                out.println(t.get(s <= FIRST_FRAME_TARGET_S ? "bench.startup.frameMet" : "bench.startup.frameMissed", f2(s),
                        f2(FIRST_FRAME_TARGET_S)));
            }
            out.flush();
            return 0;
        } finally {
            Files.deleteIfExists(paste);
        }
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static double median(List<Double> v) {
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    /** Wall seconds of one run, output discarded; a run that fails is a failure of the bench. */
    private static double wallSeconds(List<String> cmd, Path stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        int code = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw UserException.failure(String.join(" ", cmd) + ": exit " + code);
        }
        return s;
    }

    /**
     * Seconds from just before the window's process is started to its first frame, which it
     * reports on stdout when {@link TcplabApp#FIRST_FRAME_ENV} is set.
     */
    private static double firstFrameSeconds(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put(TcplabApp.FIRST_FRAME_ENV, "1");
        long start = System.currentTimeMillis();
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        for (String line : text.split("\n")) {
            if (line.startsWith("first-frame-epoch-ms ")) {
                return (Long.parseLong(line.substring("first-frame-epoch-ms ".length()).trim()) - start) / 1000.0;
            }
        }
        throw UserException.failure(String.join(" ", cmd) + ": no first frame (" + text.strip() + ")");
    }

    /** The jar this runs from (target/tcplab.jar, or lib/app/tcplab.jar in the app image); null from classes. */
    private static Path jar() {
        try {
            Path p = Path.of(BenchStartupCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? p : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The packaged launcher: the app image this runs from ({@code IMAGE/lib/app/tcplab.jar} →
     * {@code IMAGE/bin/tcplab}), else the one {@code mvn -Pdist package} built beside the jar
     * ({@code target/dist/tcplab-*}/bin/tcplab), else an installed one ({@code /opt/tcplab}).
     */
    static Path packagedLauncher() throws IOException {
        Path jar = jar();
        if (jar != null) {
            Path inImage = jar.getParent().getParent().getParent().resolve("bin").resolve("tcplab");
            if (jar.getParent().endsWith(Path.of("lib", "app")) && Files.isExecutable(inImage)) {
                return inImage;
            }
            Path dist = jar.getParent().resolve("dist");
            if (Files.isDirectory(dist)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dist, "tcplab-*")) {
                    for (Path d : ds) {
                        Path l = d.resolve("bin").resolve("tcplab");
                        if (Files.isExecutable(l)) {
                            return l;
                        }
                    }
                }
            }
        }
        Path installed = Path.of("/opt/tcplab/bin/tcplab");
        return Files.isExecutable(installed) ? installed : null;
    }

    /** {@code java} on the PATH (the system's Java, as a teacher with Java would run the jar), else this JVM's. */
    private static String systemJava() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File j = new File(dir, Cli.onWindows() ? "java.exe" : "java");
                if (j.canExecute()) {
                    return j.getPath();
                }
            }
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
