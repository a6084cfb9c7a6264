package tcplab.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.Example;
import tcplab.i18n.Lang;
import tcplab.i18n.Problem;
import tcplab.i18n.ProblemException;
import tcplab.lesson.LessonLoader;
import tcplab.quiz.Bank;
import tcplab.quiz.BankLoader;
import tcplab.quiz.QuizGenerator;
import tcplab.sim.Scenario;
import tcplab.sim.ScenarioLoader;
import tcplab.sim.ScenarioRunner;
import tcplab.sim.Timeline;

/**
 * Fuzzing that can fail (issue 15): hostile scenario, lesson and bank files, made from the real
 * ones by a careless or hostile hand (anchors and aliases, recursion, nesting, size, binary,
 * truncation, a wrong type in any field, duplicate keys, YAML's own oddities). Each file, read
 * from disk as the program reads it, either loads (and then runs, or gives questions) or is
 * refused with {@code file:line} problems worded in both languages; within a bounded time and a
 * bounded allocation; never another exception, and never a "bug in tcplab" problem.
 */
class HostileFilesPropertiesTest {
    private static final List<String> SCENARIOS = new ArrayList<>();
    private static final List<String> LESSONS = new ArrayList<>();
    private static final List<String> BANKS = new ArrayList<>();
    private static Path dir;

    /** What a value can be replaced by: every wrong type, and values at or past every edge. */
    static final List<String> WRONG = List.of("[1, 2]", "{a: b}", "\"\"", "-1", "0", "1e309", "-1e309", "NaN", ".nan", ".inf",
            "~", "null", "!!binary aGVsbG8=", "99999999999999999999999", "2147483648", "-2147483649", "true", "0x10", "10.0.0.300",
            "*undefined", "'\u202Eevil'", "\"a\\u0000b\"", "[[[[[[]]]]]]", "{}", "[]", "|\n  block\n  text", "\"" + "x".repeat(5_000) + "\"",
            "1_000_000_000", "10.0.1.1-10.0.0.1", "255.255.255.255-0.0.0.0", "65536", "0.5", "1/0", "学生机", "server:99999", "::1");

    @BeforeContainer
    static void readSeeds() throws IOException {
        for (String name : ScenarioLoader.BUILTIN) {
            try (InputStream in = ScenarioLoader.class.getResourceAsStream("/tcplab/scenarios/" + name + ".yaml")) {
                SCENARIOS.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        try (Stream<Path> s = Files.list(Path.of("lessons"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                LESSONS.add(Files.readString(p));
            }
        }
        BANKS.add(Files.readString(Path.of("banks/seeds.yaml")));
        dir = Files.createTempDirectory("hostile");
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ------------------------------------------------------------------ the hostile hand

    /** A seed file with 1 to 4 hostile edits, as bytes (some edits are not text at all). */
    static byte[] hostile(String seed, Random rnd) {
        List<String> lines = new ArrayList<>(List.of(seed.split("\n", -1)));
        byte[] binary = null;
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = rnd.nextInt(lines.size());
            String line = lines.get(at);
            int colon = line.indexOf(": ");
            switch (rnd.nextInt(12)) {
                case 0 -> { // an anchor on one value and aliases to it further on
                    if (colon > 0) {
                        lines.set(at, line.substring(0, colon + 2) + "&a" + e + " " + line.substring(colon + 2));
                        int later = at + 1 + rnd.nextInt(Math.max(1, lines.size() - at - 1));
                        if (later < lines.size() && lines.get(later).indexOf(": ") > 0) {
                            String l2 = lines.get(later);
                            lines.set(later, l2.substring(0, l2.indexOf(": ") + 2) + "*a" + e);
                        }
                    }
                }
                case 1 -> lines.add(at, "loop" + e + ": &r" + e + " {self: *r" + e + "}"); // recursion
                case 2 -> { // nesting, up to far past the limit
                    int n = 20 + rnd.nextInt(rnd.nextBoolean() ? 40 : 20_000);
                    String deep = "[".repeat(n) + "]".repeat(n);
                    lines.set(at, colon > 0 ? line.substring(0, colon + 2) + deep : deep);
                }
                case 3 -> { // size: one line many times, up to past the limits (the test's own input stays below 6 MB)
                    int k = 1 + rnd.nextInt(rnd.nextBoolean() ? 100 : 60_000);
                    k = (int) Math.min(k, 6_000_000L / (line.length() + 1));
                    for (int i = 0; i < k && lines.size() < 200_000; i++) {
                        lines.add(at, line);
                    }
                }
                case 4 -> { // binary
                    binary = new byte[1 + rnd.nextInt(64)];
                    rnd.nextBytes(binary);
                }
                case 5 -> { // cut short anywhere
                    String all = String.join("\n", lines);
                    lines = new ArrayList<>(List.of(all.substring(0, rnd.nextInt(all.length() + 1)).split("\n", -1)));
                }
                case 6, 7 -> { // a wrong type in a field
                    if (colon > 0) {
                        lines.set(at, line.substring(0, colon + 2) + WRONG.get(rnd.nextInt(WRONG.size())));
                    }
                }
                case 8 -> lines.add(at, line); // the same key twice
                case 9 -> lines.set(at, " ".repeat(rnd.nextInt(9)) + line.strip()); // indentation
                case 10 -> lines.add(at, List.of("%YAML 1.1", "---", "...", "? [complex, key]\n: value", "!custom x: y", "<<: {a: 1}",
                        "\t tab: 1", "\"unclosed: 1", "- item", "key: value # comment", "\uFEFFbom: 1").get(rnd.nextInt(11)));
                default -> { // a long, odd text where a short one is expected
                    if (colon > 0) {
                        lines.set(at, line.substring(0, colon + 2) + "\"" + "\u202E\u0007学\uD83D\uDE00".repeat(1 + rnd.nextInt(2_000)) + "\"");
                    }
                }
            }
            if (lines.isEmpty()) {
                lines.add("");
            }
        }
        byte[] text = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        if (binary == null) {
            return text;
        }
        int at = rnd.nextInt(text.length + 1);
        byte[] out = new byte[text.length + binary.length];
        System.arraycopy(text, 0, out, 0, at);
        System.arraycopy(binary, 0, out, at, binary.length);
        System.arraycopy(text, at, out, at + binary.length, text.length - at);
        return out;
    }

    @Provide
    Arbitrary<byte[]> hostileScenario() {
        return Arbitraries.randomValue(rnd -> hostile(SCENARIOS.get(rnd.nextInt(SCENARIOS.size())), rnd));
    }

    @Provide
    Arbitrary<byte[]> hostileLesson() {
        return Arbitraries.randomValue(rnd -> hostile(LESSONS.get(rnd.nextInt(LESSONS.size())), rnd));
    }

    @Provide
    Arbitrary<byte[]> hostileBank() {
        return Arbitraries.randomValue(rnd -> hostile(BANKS.get(0), rnd));
    }

    // ------------------------------------------------------------------ what must hold

    private static int counter;

    private static synchronized Path write(byte[] bytes, String ext) throws IOException {
        return Files.write(dir.resolve("f" + (counter++) + ext), bytes);
    }

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Bytes this thread allocates running {@code body}: what a billion laughs would fill. */
    private static long allocated(Runnable body) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        body.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    /** The shape every refusal has: the file named, a line within it, real sentences in both languages. */
    static void clear(ProblemException e, Path file, byte[] bytes) {
        assertFalse(e.problems().isEmpty());
        long lines = 1;
        for (byte b : bytes) {
            lines += b == '\n' ? 1 : 0;
        }
        for (Problem p : e.problems()) {
            assertEquals(file.toString(), p.file(), p.toString());
            assertTrue(p.line() >= 0 && p.line() <= lines + 1, "line " + p.line() + " of " + lines + ": " + p);
            assertFalse(p.key().endsWith(".bug"), "a bug of tcplab, not the file's fault: " + p);
            for (Lang lang : Lang.values()) {
                String m = p.format(lang);
                assertFalse(m.contains("!" + p.key() + "!") || m.matches("(?s).*\\{\\d.*"), lang + ": " + m);
                assertTrue(m.startsWith(p.line() > 0 ? file + ":" + p.line() + ": " : file + ": "), m);
            }
        }
    }

    private static final long MAX_ALLOCATED = 400L << 20;
    private static final long MAX_NANOS = 5_000_000_000L;

    @Property(tries = 300)
    void aHostileScenarioLoadsAndRunsOrIsRefusedAtItsLine(@ForAll("hostileScenario") byte[] bytes) throws Exception {
        Path f = write(bytes, ".yaml");
        Scenario[] loaded = new Scenario[1];
        ProblemException[] refused = new ProblemException[1];
        long t0 = System.nanoTime();
        long bytesAllocated = allocated(() -> {
            try {
                loaded[0] = ScenarioLoader.load(f);
            } catch (ProblemException e) {
                refused[0] = e;
            }
        });
        assertTrue(System.nanoTime() - t0 < MAX_NANOS, "bounded time");
        assertTrue(bytesAllocated < MAX_ALLOCATED, "bounded memory: " + (bytesAllocated >> 20) + " MB");
        Statistics.label("scenario").collect(refused[0] != null ? "refused" : "loaded");
        Statistics.label("scenario").coverage(c -> {
            c.check("loaded").count(n -> n >= 2); // not only refusals: the loads run too (about 7 % do; a percentage floor failed on some seeds)
            c.check("refused").percentage(p -> p >= 20);
        });
        if (refused[0] != null) {
            clear(refused[0], f, bytes);
            return;
        }
        // It loads: it runs, as far as the window records a run.
        Timeline.record(loaded[0], ScenarioRunner.Overrides.NONE, 20_000);
    }

    @Property(tries = 120)
    void aHostileLessonLoadsAndRunsOrIsRefusedAtItsLine(@ForAll("hostileLesson") byte[] bytes) throws Exception {
        Path f = write(bytes, ".yaml");
        long t0 = System.nanoTime();
        ProblemException[] refused = new ProblemException[1];
        long bytesAllocated = allocated(() -> {
            try {
                LessonLoader.load(f);
            } catch (ProblemException e) {
                refused[0] = e;
            }
        });
        assertTrue(System.nanoTime() - t0 < MAX_NANOS, "bounded time");
        assertTrue(bytesAllocated < MAX_ALLOCATED, "bounded memory: " + (bytesAllocated >> 20) + " MB");
        Statistics.label("lesson").collect(refused[0] != null ? "refused" : "loaded");
        Statistics.label("lesson").coverage(c -> c.check("loaded").count(n -> n >= 2));
        if (refused[0] != null) {
            clear(refused[0], f, bytes);
            return;
        }
        // It loads: `lesson check` runs it to its end; whatever it finds is a file:line problem.
        LessonLoader.Loaded l = LessonLoader.check(f);
        if (!l.problems().isEmpty()) {
            clear(new ProblemException(l.problems()), f, bytes);
        }
    }

    @Property(tries = 200)
    void aHostileBankLoadsAndGivesQuestionsOrIsRefusedAtItsLine(@ForAll("hostileBank") byte[] bytes) throws Exception {
        Path f = write(bytes, ".yaml");
        long t0 = System.nanoTime();
        List<BankLoader.Loaded> all = new ArrayList<>();
        long bytesAllocated = allocated(() -> all.addAll(BankLoader.loadAll(f)));
        assertTrue(System.nanoTime() - t0 < MAX_NANOS, "bounded time");
        assertTrue(bytesAllocated < MAX_ALLOCATED, "bounded memory: " + (bytesAllocated >> 20) + " MB");
        assertEquals(1, all.size());
        BankLoader.Loaded l = all.get(0);
        Statistics.label("bank").collect(l.ok() ? "loaded" : "refused");
        Statistics.label("bank").coverage(c -> c.check("loaded").count(n -> n >= 2));
        if (!l.ok()) {
            clear(new ProblemException(l.problems()), f, bytes);
            return;
        }
        QuizGenerator g = new QuizGenerator(Lang.ZH, List.of(l.bank()), true);
        for (int i = 0; i < 5 && g.hasBankQuestions(QuizGenerator.Filter.ALL); i++) {
            g.question(i, i, QuizGenerator.Filter.ALL);
        }
    }

    /** Every field of every built-in scenario and of the shipped bank, with every wrong value: never a crash. */
    @Example
    void everyFieldWithEveryWrongValueIsAProblemAtItsLineOrLoads() throws Exception {
        List<String> seeds = new ArrayList<>(SCENARIOS);
        int loads = 0;
        for (int s = 0; s < seeds.size() + 1; s++) {
            boolean bank = s == seeds.size();
            String seed = bank ? BANKS.get(0) : seeds.get(s);
            String[] lines = seed.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                int colon = lines[i].indexOf(": ");
                if (colon <= 0 || lines[i].stripLeading().startsWith("#")) {
                    continue;
                }
                for (String wrong : WRONG) {
                    String[] copy = lines.clone();
                    copy[i] = lines[i].substring(0, colon + 2) + wrong;
                    String text = String.join("\n", copy);
                    Path f = write(text.getBytes(StandardCharsets.UTF_8), ".yaml");
                    loads++;
                    try {
                        if (bank) {
                            BankLoader.load(f);
                        } else {
                            Timeline.record(ScenarioLoader.load(f), ScenarioRunner.Overrides.NONE, 5_000);
                        }
                    } catch (ProblemException e) {
                        clear(e, f, text.getBytes(StandardCharsets.UTF_8));
                    } catch (RuntimeException | Error e) {
                        throw new AssertionError(f + " line " + (i + 1) + " = " + wrong + ": " + e, e);
                    }
                    Files.delete(f);
                }
            }
        }
        assertTrue(loads > 3_000, "every field tried: " + loads);
    }

    /** The shape check above can fail. */
    @Example
    void theRefusalCheckCatchesABugProblemAndAWrongFile() {
        Path f = Path.of("x.yaml");
        ProblemException bug = new ProblemException(new Problem(f.toString(), 1, LessonLoader.BUNDLE, "lesson.bug", "boom"));
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> clear(bug, f, new byte[1]));
        ProblemException other = new ProblemException(new Problem("y.yaml", 1, YNode.BUNDLE, "yaml.empty"));
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> clear(other, f, new byte[1]));
    }

    /** The bank's questions are all kept when it loads: nothing is dropped silently. */
    @Example
    void theSeedBankStillLoadsWhole() throws Exception {
        Bank b = BankLoader.load(Path.of("banks/seeds.yaml"));
        assertTrue(b.questions().size() > 5);
    }
}
