package tcplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;

/**
 * {@link QuickStart}, the command line without picocli: every command line it takes prints what
 * picocli's path prints (output, errors, exit code), and it leaves every other one to picocli.
 */
class QuickStartTest {
    private static final String WIN = "src/test/resources/netstat-fixtures/jc/windows_windows-10_netstat-aon.out";
    private static final String LINUX = "src/test/resources/netstat-fixtures/debian12/netstat-tanp.txt";

    record Run(int code, String out, String err) {
    }

    private static Run run(boolean quick, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), quick);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theQuickPathPrintsExactlyWhatPicocliPrints() {
        List<String[]> cases = List.of(
                new String[] {"--version"},
                new String[] {"explain", WIN, "--lang", "en"},
                new String[] {"explain", WIN, "--lang", "zh"},
                new String[] {"explain", "--lang=en", "--format", "jsonl", LINUX},
                new String[] {"explain", "--format=jsonl", "--dialect", "linux", "--lang", "zh", LINUX},
                new String[] {"explain", LINUX, "--encoding", "UTF-8", "--lang", "en"},
                new String[] {"explain", LINUX, "--dialect", "nonsense", "--lang", "en"},
                new String[] {"explain", LINUX, "--encoding", "no-such-charset", "--lang", "zh"},
                new String[] {"explain", "no/such/file.txt", "--lang", "en"},
                new String[] {"explain", "", "--lang", "en"},
                new String[] {"explain", "src", "--lang", "zh"});
        for (String[] args : cases) {
            assertNotNull(QuickStart.run(args, Lang.EN, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                    () -> "the quick path takes " + List.of(args));
            assertEquals(run(false, args), run(true, args), () -> List.of(args).toString());
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        List<String[]> cases = List.of(
                new String[] {"explain", "--help"},
                new String[] {"explain", "--live"},
                new String[] {"explain", "--format", "JSONL", LINUX},
                new String[] {"explain", "--format", "yaml", LINUX},
                new String[] {"explain", "--lang", "fr", LINUX},
                new String[] {"explain", "--lang", "en", "--lang", "zh", LINUX},
                new String[] {"explain", LINUX, LINUX},
                new String[] {"explain", "--formt", "text", LINUX},
                new String[] {"explain", "--format"},
                new String[] {"explain", "-h"},
                new String[] {"simulate", "--scenario", "handshake"},
                new String[] {"--version", "--lang", "en"});
        StringWriter sink = new StringWriter();
        for (String[] args : cases) {
            assertNull(QuickStart.run(args, Lang.EN, new PrintWriter(sink), new PrintWriter(sink)),
                    () -> "left to picocli: " + List.of(args));
        }
        assertEquals("", sink.toString());
        // and picocli answers them as before, e.g. the wrong value
        Run r = run(true, "explain", "--format", "yaml", LINUX, "--lang", "en");
        assertEquals(2, r.code());
        assertEquals(run(false, "explain", "--format", "yaml", LINUX, "--lang", "en"), r);
    }

    @Test
    void theWindowWithoutADisplayIsTheSameOneLineErrorOnBothPaths() {
        assumeTrue(System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                && !Cli.onWindows() && !Cli.onMac() && System.getenv(tcplab.ui.TcplabApp.FIRST_FRAME_ENV) == null,
                "only where the window cannot open");
        Run quick = run(true, "--lang", "en");
        assertEquals(run(false, "--lang", "en"), quick);
        assertEquals(1, quick.code());
        Run bare = run(true);
        assertEquals(run(false), bare);
        assertEquals(1, bare.code());
    }

    @Test
    void theVersionComesFromTheJarsManifest() {
        // From classes (the tests) there is no manifest: "dev"; the packaged jar says pom.xml's version
        // (DistTest checks the packages).
        assertEquals("tcplab dev", Main.versionLine());
    }
}
