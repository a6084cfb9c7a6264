package tcplab.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code src/test/kernel/kernelcheck.py} on a plan: the scenario on this machine's kernel. */
final class KernelRunner {

    static final Path SCRIPT = Path.of("src/test/kernel/kernelcheck.py");

    private KernelRunner() {
    }

    /** Why the kernel cannot be run here, or null when it can. */
    static String unavailableReason() {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return "the kernel check needs Linux (this is " + System.getProperty("os.name") + ")";
        }
        if (!Files.isRegularFile(SCRIPT)) {
            return "the kernel check runs from the project's folder: " + SCRIPT + " not found";
        }
        try {
            String status = Files.readString(Path.of("/proc/self/status"));
            if (!status.matches("(?s).*\\nUid:\\s+\\d+\\s+0\\s.*")) {
                return "the kernel check needs root (network namespaces, a TUN device, tracefs): run mvn as root";
            }
        } catch (IOException e) {
            return "cannot read /proc/self/status: " + e.getMessage();
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            return "the kernel check needs /dev/net/tun (CONFIG_TUN)";
        }
        for (String[] tool : new String[][] {{"ip", "iproute2"}, {"python3", "python3"}, {"sysctl", "procps"}}) {
            if (!onPath(tool[0])) {
                return "the kernel check needs `" + tool[0] + "` (Debian: apt-get install " + tool[1] + ")";
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
                return "the kernel check needs tracefs with the sock:inet_sock_set_state tracepoint (mount -t tracefs nodev /sys/kernel/tracing)";
            }
        }
        try {
            Process p = new ProcessBuilder("ip", "netns", "add", "tlkc-probe-" + ProcessHandle.current().pid())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "cannot create a network namespace (ip netns add): " + out;
            }
            new ProcessBuilder("ip", "netns", "del", "tlkc-probe-" + ProcessHandle.current().pid()).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return "cannot run ip: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
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

    /** Runs the plan and returns the kernel's records (see kernelcheck.py); fails when the run fails. */
    static List<String> run(String planJson, double untilMs) throws IOException, InterruptedException {
        Path plan = Files.createTempFile("tcplab-kernel-plan", ".json");
        try {
            Files.writeString(plan, planJson);
            List<String> cmd = new ArrayList<>(List.of("python3", SCRIPT.toString(), "run", plan.toString()));
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
        }
    }
}
