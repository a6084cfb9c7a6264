package tcplab.quiz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import tcplab.i18n.Lang;

/**
 * Hostile results files (issue 15): a real results file truncated, with a wrong type in any field,
 * nested deep, huge, binary, or something else entirely. Reading it and then saving to it either
 * works or gives a {@link ResultsStore.StoreException} in both languages; a file that is not
 * recognised is left byte for byte as it was; a damaged one of its own is kept whole beside the
 * new one; no answer that was saved afterwards is missing. Never another exception.
 */
class HostileResultsPropertiesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:15:30Z"), ZoneOffset.UTC);
    private static final String VALID = "{\n  \"format\" : \"tcplab-quiz-results\",\n  \"version\" : 1,\n  \"learners\" : {\n"
            + "    \"ana\" : [ {\n      \"time\" : \"2025-03-01T10:00:00Z\",\n      \"mode\" : \"exam\",\n      \"id\" : \"1-1\",\n"
            + "      \"type\" : \"next_state\",\n      \"focus\" : \"SYN_SENT\",\n      \"given\" : \"A\",\n      \"answer\" : \"B\",\n"
            + "      \"correct\" : false\n    } ],\n    \"小明\" : [ {\n      \"id\" : \"2-1\",\n      \"correct\" : true\n    } ]\n  }\n}\n";

    /** What a JSON value can be replaced by: every other type, and values past every edge. */
    private static final List<String> WRONG = List.of("1", "-1", "1e999", "true", "null", "\"x\"", "[]", "{}", "[1, [2, [3]]]",
            "{\"a\": {\"b\": {}}}", "\"" + "y".repeat(100_000) + "\"", "NaN", "\"\\uD800\"", "\"\\u0000\"", "0x10", "'single'", "[" + "[".repeat(5_000)
            + "]".repeat(5_000) + "]");

    static byte[] hostile(Random rnd) {
        String text = VALID;
        int edits = 1 + rnd.nextInt(3);
        byte[] binary = null;
        for (int e = 0; e < edits; e++) {
            switch (rnd.nextInt(8)) {
                case 0 -> text = text.substring(0, rnd.nextInt(text.length() + 1)); // cut short
                case 1, 2 -> { // a wrong type in a field (a value after a colon)
                    List<Integer> colons = new ArrayList<>();
                    for (int i = text.indexOf(" : "); i >= 0; i = text.indexOf(" : ", i + 1)) {
                        colons.add(i);
                    }
                    if (!colons.isEmpty()) {
                        int at = colons.get(rnd.nextInt(colons.size())) + 3;
                        int end = valueEnd(text, at);
                        text = text.substring(0, at) + WRONG.get(rnd.nextInt(WRONG.size())) + text.substring(end);
                    }
                }
                case 3 -> text = text.replace("\"ana\" : [", "\"ana\" : [ {\"id\": \"0-0\", \"correct\": true} ], \"ana\" : ["); // a learner twice
                case 4 -> { // binary
                    binary = new byte[1 + rnd.nextInt(32)];
                    rnd.nextBytes(binary);
                }
                case 5 -> text = List.of("my notes\n", "", "   \n", "[1, 2, 3]", "{\"format\": \"other\"}", "\uFEFF" + text, "{}",
                        "{\"learners\": {}, \"format\": \"tcplab-quiz-results\"}").get(rnd.nextInt(8)); // something else, or an edge
                case 6 -> text = text.replace("\"learners\" : {", "\"learners\" : {" + "\"x\": [], ".repeat(1 + rnd.nextInt(2_000)));
                default -> { // extra fields, of any type, anywhere in an object
                    int at = text.isEmpty() ? -1 : text.indexOf('{', rnd.nextInt(text.length()));
                    if (at >= 0) {
                        text = text.substring(0, at + 1) + "\"extra\": " + WRONG.get(rnd.nextInt(WRONG.size())) + ", " + text.substring(at + 1);
                    }
                }
            }
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (binary == null) {
            return bytes;
        }
        int at = rnd.nextInt(bytes.length + 1);
        byte[] out = new byte[bytes.length + binary.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(binary, 0, out, at, binary.length);
        System.arraycopy(bytes, at, out, at + binary.length, bytes.length - at);
        return out;
    }

    /** Where the JSON value starting at {@code at} ends (the next comma or line end outside a string, roughly). */
    private static int valueEnd(String t, int at) {
        int i = at;
        if (i < t.length() && (t.charAt(i) == '[' || t.charAt(i) == '{')) {
            int depth = 0;
            for (; i < t.length(); i++) {
                char c = t.charAt(i);
                depth += c == '[' || c == '{' ? 1 : c == ']' || c == '}' ? -1 : 0;
                if (depth == 0) {
                    return i + 1;
                }
            }
            return t.length();
        }
        while (i < t.length() && t.charAt(i) != ',' && t.charAt(i) != '\n') {
            i++;
        }
        return i;
    }

    @Provide
    Arbitrary<byte[]> hostileResults() {
        return Arbitraries.randomValue(HostileResultsPropertiesTest::hostile);
    }

    @Property(tries = 400)
    void aHostileResultsFileIsReadOrRefusedOrSetAsideWholeAndTheNextAnswerIsKept(@ForAll("hostileResults") byte[] bytes)
            throws Exception {
        Path dir = Files.createTempDirectory("results");
        try {
            Path f = Files.write(dir.resolve("quiz-results.json"), bytes);
            ResultsStore store = new ResultsStore(f, CLOCK);
            long t0 = System.nanoTime();
            String outcome;
            try {
                ResultsStore.Loaded l = store.load();
                if (l.setAside() != null) {
                    outcome = "set aside";
                    assertArrayEquals(bytes, Files.readAllBytes(dir.resolve(l.setAside().getFileName())), "kept whole");
                    assertFalse(Files.exists(f));
                } else {
                    outcome = "read";
                    for (List<Attempt> list : l.byLearner().values()) {
                        for (Attempt a : list) {
                            assertTrue(a.given().length() <= Attempt.MAX_GIVEN);
                        }
                    }
                }
            } catch (ResultsStore.StoreException e) {
                outcome = "refused";
                assertArrayEquals(bytes, Files.readAllBytes(f), "left as it was");
                for (Lang lang : Lang.values()) {
                    String m = e.message(lang);
                    assertTrue(m.contains(f.toString()) && !m.contains("!store."), m);
                }
                try (Stream<Path> s = Files.list(dir)) {
                    assertEquals(List.of("quiz-results.json"), s.map(p -> p.getFileName().toString()).toList(), "nothing made beside it");
                }
            }
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "bounded time");
            Statistics.label("results").collect(outcome);
            Statistics.label("results").coverage(c -> {
                c.check("read").percentage(p -> p >= 5);
                c.check("set aside").percentage(p -> p >= 5);
                c.check("refused").percentage(p -> p >= 5);
            });
            // Then an answer is saved: it is in the file, or the save is refused and the file untouched.
            Attempt next = new Attempt("bo", "t", "practice", "9-9", "port_class", "", "x".repeat(1_000), "B", true);
            if (outcome.equals("refused")) {
                org.junit.jupiter.api.Assertions.assertThrows(ResultsStore.StoreException.class, () -> store.append(List.of(next)));
                assertArrayEquals(bytes, Files.readAllBytes(f));
            } else {
                int before = outcome.equals("read") ? new ResultsStore(f).load().of("bo").size() : 0;
                store.append(List.of(next));
                assertEquals(before + 1, new ResultsStore(f).load().of("bo").size(), "the saved answer is in the file");
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @net.jqwik.api.Example
    void theValidSeedReadsBothLearners() throws IOException {
        Path dir = Files.createTempDirectory("results");
        Path f = Files.writeString(dir.resolve("r.json"), VALID);
        ResultsStore.Loaded l = new ResultsStore(f).load();
        assertEquals(1, l.of("ana").size());
        assertEquals(1, l.of("小明").size());
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
