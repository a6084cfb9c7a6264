package tcplab.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tcplab.netstat.Explainer;
import tcplab.netstat.NetstatParser;
import tcplab.netstat.ParsedLine;
import tcplab.netstat.TextReport;

/** English counts agree with their numbers: "1 socket", "2 sockets", never "socket(s)". */
class EnglishPluralsTest {
    private static final Path RESOURCES = Path.of("src/main/resources");
    /** The explainer's bundle is rendered by its own template engine, not MessageFormat (see below). */
    private static final String EXPLAIN = "Explain.properties";
    private static final String NOUNS = "sockets?|lines?|steps?|lessons?|questions?|bytes?|rows?|hosts?|ports?|events?|segments?"
            + "|warnings?|characters?|lifecycles?|frames?";
    private static final Pattern ONE_PLURAL = Pattern.compile("(?<![\\d.,])1 (?:distinct )?(" + NOUNS + ")\\b");

    private static List<Path> englishBundles() throws IOException {
        try (Stream<Path> s = Files.walk(RESOURCES)) {
            return s.filter(p -> p.toString().endsWith(".properties") && !p.getFileName().toString().contains("_")).sorted().toList();
        }
    }

    private static Properties load(Path p) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            props.load(r);
        }
        return props;
    }

    @Test
    void noEnglishTextHedgesWithAnSInParentheses() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path p : englishBundles()) {
            load(p).forEach((k, v) -> {
                if (v.toString().matches("(?s).*\\w\\((s|es)\\).*")) {
                    found.add(p.getFileName() + ": " + k);
                }
            });
        }
        assertEquals(List.of(), found);
    }

    /**
     * Texts whose counts are never 1: the benchmarks' measurements (thousands of lifecycles,
     * segments, frames and rows; every key starting with {@code bench.}), and the event limit of a
     * run that does not settle (SimulateCommand.MAX_EVENTS).
     */
    private static final Set<String> ALWAYS_MANY = Set.of("simulate.cutShort");

    @Test
    void everyCountedTextSaysOneOfASingularAndTwoOfAPlural() throws IOException {
        // Every MessageFormat text, formatted with 1 and with 2 in every place: a count before a
        // noun must agree with it. (Numbers that are not counts do not stand before these nouns.)
        List<String> found = new ArrayList<>();
        for (Path p : englishBundles()) {
            if (p.getFileName().toString().equals(EXPLAIN)) {
                continue;
            }
            Properties props = load(p);
            for (String key : new TreeSet<>(props.stringPropertyNames())) {
                String v = props.getProperty(key);
                if (!v.contains("{") || key.startsWith("usage.") || key.contains(".usage.") || ALWAYS_MANY.contains(key)
                        || key.startsWith("bench.")) {
                    continue;
                }
                for (long n : new long[] {1, 2}) {
                    Object[] args = new Object[10];
                    java.util.Arrays.fill(args, n);
                    String text = new MessageFormat(v, Locale.ENGLISH).format(args);
                    Matcher one = ONE_PLURAL.matcher(text);
                    if (n == 1 && one.find() && one.group(1).endsWith("s")) {
                        found.add(p.getFileName() + ": " + key + " -> " + text);
                    }
                    Matcher two = Pattern.compile("(?<![\\d.,])2 (?:distinct )?(" + NOUNS + ")\\b").matcher(text);
                    while (n == 2 && two.find()) {
                        if (!two.group(1).endsWith("s")) {
                            found.add(p.getFileName() + ": " + key + " -> " + text);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /**
     * The explainer's texts that put a bare number before a plural noun, and why that number is
     * never 1. Any other counted noun goes through {@code count.KIND.one/.other}.
     */
    private static final Set<String> EXPLAIN_ALWAYS_MANY = Set.of(
            "w.SYN_FLOOD.evidence", "w.SYN_FLOOD.evidence.established", // SYN_RECEIVED rows: only from Explainer.SYN_FLOOD_MIN_ROWS (5)
            "w.SCAN.evidence", "w.SCAN.evidence.program", // SCAN_MIN_HOSTS (5) hosts or 3 worm-port hosts, each a row
            "w.CLOSE_WAIT_LEAK.evidence", "w.CLOSE_WAIT_LEAK.evidence.noOwner", // CLOSE_WAIT_LEAK_ROWS (10)
            // TIME_WAIT_PILEUP_ROWS (1000): both are only made from that many rows on their side.
            "w.TIME_WAIT_PILEUP.evidence.client", "w.TIME_WAIT_PILEUP.evidence.server",
            "port.cut", "local.cut", "foreign.cut", // a column width: 16, 18, 22 or 23 characters (Truncation)
            "reason.TOO_LONG", // longer than LineReader.MAX_KEPT characters
            "text.shownOf", // a group is cut at TextReport.MAX_ROWS rows
            "text.truncated"); // idem

    @Test
    void theExplainersBareCountsAreOnlyThoseThatAreNeverOne() throws IOException {
        Properties props = load(RESOURCES.resolve("tcplab/netstat/" + EXPLAIN));
        Set<String> bare = new TreeSet<>();
        Pattern counted = Pattern.compile("\\{\\d\\} (?:[A-Z_]+ )?(" + NOUNS + ")\\b");
        for (String key : props.stringPropertyNames()) {
            Matcher m = counted.matcher(props.getProperty(key));
            if (!key.startsWith("count.") && m.find() && m.group(1).endsWith("s")) {
                bare.add(key);
            }
        }
        assertTrue(EXPLAIN_ALWAYS_MANY.containsAll(bare), "counted without count.*: " + bare);
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("count.") && key.endsWith(".one")) {
                assertTrue(props.containsKey(key.replace(".one", ".other")), key);
            }
        }
    }

    @Test
    void aFloodFromOneHostOnOnePortIsCountedInTheSingular() {
        Explainer ex = new Explainer(Lang.EN);
        StringBuilder t = new StringBuilder("Proto Recv-Q Send-Q Local Address           Foreign Address         State\n");
        for (int i = 0; i < Explainer.SYN_FLOOD_MIN_ROWS; i++) {
            t.append("tcp        0      0 10.0.0.2:80             10.0.0.9:").append(40000 + i).append("          SYN_RECV\n");
        }
        for (ParsedLine l : NetstatParser.parseAll(t.toString())) {
            ex.explain(l);
        }
        assertEquals("5 SYN_RECEIVED rows from 1 distinct host, on local port 80", ex.summary().warnings().get(0).evidence());
        assertEquals("1 distinct host", ex.count("hosts", 1, 1));
        assertEquals("2 distinct hosts", ex.count("hosts", 2, 2));
        assertEquals("local ports 80, 443", ex.count("localPorts", 2, "80, 443"));
    }

    @Test
    void theTextReportOfOneSocketSaysOneLineOneSocket() {
        TextReport r = new TextReport(new Explainer(Lang.EN));
        for (ParsedLine l : NetstatParser.parseAll("  TCP    0.0.0.0:80             0.0.0.0:0              LISTENING\n")) {
            r.add(l);
        }
        java.io.StringWriter out = new java.io.StringWriter();
        r.print(new java.io.PrintWriter(out));
        assertTrue(out.toString().startsWith("netstat explained: 1 line, 1 socket, 0 not recognised"), out.toString());
    }
}
