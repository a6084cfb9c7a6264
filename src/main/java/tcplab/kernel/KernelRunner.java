package tcplab.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;

/**
 * Runs {@code kernelcheck.py} (a resource beside this class, written to a temporary file and run
 * with python3) on a plan: the scenario on this machine's kernel.
 */
public final class KernelRunner {

    static final String SCRIPT = "/tcplab/kernel/kernelcheck.py";

    private KernelRunner() {
    }

    /** Why the kernel cannot be run here, in English (the test's skip message), or null when it can. */
    public static String unavailableReason() {
        return unavailableReason(Lang.EN);
    }

    /** Why the kernel cannot be run here, in one line in {@code lang}, or null when it can. */
    public static String unavailableReason(Lang lang) {
        Texts t = KernelCheck.texts(lang);
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return t.get("unavailable.os", System.getProperty("os.name"));
        }
        try {
            String status = Files.readString(Path.of("/proc/self/status"));
            if (!status.matches("(?s).*\\nUid:\\s+\\d+\\s+0\\s.*")) {
                return t.get("unavailable.root");
            }
        } catch (IOException e) {
            return t.get("unavailable.status", e.getMessage());
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            return t.get("unavailable.tun");
        }
        for (String[] tool : new String[][] {{"ip", "iproute2"}, {"python3", "python3"}, {"sysctl", "procps"}}) {
            if (!onPath(tool[0])) {
                return t.get("unavailable.tool", tool[0], tool[1]);
            }
        }
        if (!Files.isDirectory(Path.of("/sys/kernel/tracing/events/sock/inet_sock_set_state"))
                && !Files.isDirectory(Path.of("/sys/kernel/debug/tracing/events/sock/inet_sock_set_state"))) {
            // Mounting tracefs is all it may take.
            try {
                new ProcessBuilder("mount", "-t", "tracefs", "nodev", "/sys/kernel/tracing").redirectErrorStream(true)
                        .start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                // reported below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!Files.isDirectory(Path.of("/sys/kernel/tracing/events/sock/inet_sock_set_state"))) {
                return t.get("unavailable.tracefs");
            }
        }
        try {
            Process p = new ProcessBuilder("ip", "netns", "add", "tlkc-probe-" + ProcessHandle.current().pid())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return t.get("unavailable.netns", out);
            }
            new ProcessBuilder("ip", "netns", "del", "tlkc-probe-" + ProcessHandle.current().pid()).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return t.get("unavailable.netns", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return t.get("unavailable.netns", e.toString());
        }
        return null;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    /** "Linux 6.18.44", what uname -sr says of this machine. */
    public static String kernelName() {
        return System.getProperty("os.name", "") + " " + System.getProperty("os.version", "");
    }

    /** Runs the plan and returns the kernel's records (see kernelcheck.py); fails when the run fails. */
    public static List<String> run(String planJson, double untilMs) throws IOException, InterruptedException {
        Path plan = Files.createTempFile("tcplab-kernel-plan", ".json");
        Path script = Files.createTempFile("tcplab-kernelcheck", ".py");
        try (java.io.InputStream in = KernelRunner.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException(SCRIPT + " is missing from the program");
            }
            Files.write(script, in.readAllBytes());
            Files.writeString(plan, planJson);
            List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), "run", plan.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin");
            Path err = Files.createTempFile("tcplab-kernel", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            long limit = (long) (untilMs / 1000) + 60;
            if (!p.waitFor(limit, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("kernelcheck.py did not finish within " + limit + " s");
            }
            String errors = Files.readString(err);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new IOException("kernelcheck.py failed (" + p.exitValue() + "): " + errors);
            }
            return List.of(new String(out, StandardCharsets.UTF_8).split("\n"));
        } finally {
            Files.deleteIfExists(plan);
            Files.deleteIfExists(script);
        }
    }
}
