package tcplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POSIX launcher {@code src/main/launcher/tcplab} (copied to {@code target/tcplab} by the
 * build), run by {@code sh} against a stand-in {@code java} that prints the arguments it was given.
 */
class LauncherTest {
    private static final Path SCRIPT = Path.of("src/main/launcher/tcplab");

    @TempDir
    Path dir;

    /** A JAVA_HOME whose bin/java prints one argument per line. */
    private Path fakeJavaHome() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        assumeTrue(java.toFile().setExecutable(true), "cannot make a file executable here");
        return dir.resolve("jdk");
    }

    private List<String> run(Path launcher, Map<String, String> env, String... args) throws Exception {
        return run(launcher, dir, env, args);
    }

    private List<String> run(Path launcher, Path workDir, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(workDir.toFile());
        pb.environment().remove("TCPLAB_JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().toList();
    }

    private Path installedLauncher() throws IOException {
        assumeTrue(Files.exists(Path.of("/bin/sh")), "needs a POSIX shell");
        Path installed = Files.createDirectories(dir.resolve("app")).resolve("tcplab");
        Files.copy(SCRIPT, installed);
        assumeTrue(installed.toFile().setExecutable(true), "cannot make a file executable here");
        return installed;
    }

    @Test
    void itRunsTheJarBesideItWithTheSerialCollectorAndASmallInitialHeapPassingEveryArgumentAsGiven() throws Exception {
        Path launcher = installedLauncher();
        List<String> argv = run(launcher, Map.of("JAVA_HOME", fakeJavaHome().toString()),
                "explain", "my file.txt", "--lang", "zh");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xms32m", "-jar", dir.resolve("app/tcplab.jar").toString(),
                "explain", "my file.txt", "--lang", "zh"), argv);
    }

    @Test
    void optionsInTcplabJavaOptsComeAfterItsOwnSoThatTheyWin() throws Exception {
        Path launcher = installedLauncher();
        List<String> argv = run(launcher, Map.of("JAVA_HOME", fakeJavaHome().toString(),
                "TCPLAB_JAVA_OPTS", "-Xmx2g -Dx=1"), "--version");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx2g", "-Dx=1", "-jar",
                dir.resolve("app/tcplab.jar").toString(), "--version"), argv);
    }

    @Test
    void aDirectoryWithSpacesAndAStarInTheOptionsAreTakenLiterally() throws Exception {
        assumeTrue(Files.exists(Path.of("/bin/sh")), "needs a POSIX shell");
        Path app = Files.createDirectories(dir.resolve("my apps/tcp lab"));
        Path launcher = app.resolve("tcplab");
        Files.copy(SCRIPT, launcher);
        assumeTrue(launcher.toFile().setExecutable(true), "cannot make a file executable here");
        // Files a glob in the options would match, in the directory the launcher runs in.
        Files.writeString(app.resolve("-Dp=1"), "");
        Files.writeString(app.resolve("-Dp=2"), "");
        List<String> argv = run(launcher, app, Map.of("JAVA_HOME", fakeJavaHome().toString(), "TCPLAB_JAVA_OPTS", "-Dp=*"),
                "explain", "*");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xms32m", "-Dp=*", "-jar", app.resolve("tcplab.jar").toString(),
                "explain", "*"), argv);
    }

    @Test
    void aSymbolicLinkToTheLauncherStillFindsTheJarBesideTheRealFile() throws Exception {
        Path launcher = installedLauncher();
        Path bin = Files.createDirectories(dir.resolve("home/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("tcplab"), launcher);
        List<String> argv = run(link, Map.of("JAVA_HOME", fakeJavaHome().toString()), "quiz");
        assertEquals(dir.toRealPath().resolve("app/tcplab.jar").toString(), argv.get(3));
    }
}
