package tcplab.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcplab.tcp.TcpState;

class ResultsStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:15:30Z"), ZoneOffset.UTC);

    @Provide
    Arbitrary<List<Attempt>> attempts() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(30);
        Arbitrary<String> name = Arbitraries.of("ana", "小明", "O'Brien, Pat", "\"quoted\"", "=1+1");
        Arbitrary<Attempt> a = Combinators.combine(name, text, Arbitraries.of("practice", "exam", "classroom"), text,
                Arbitraries.of("next_state", "read_line"), text, text, Arbitraries.of(true, false))
                .as((n, t, m, id, ty, given, ans, ok) -> new Attempt(n, t, m, id, ty, "", given, ans, ok));
        return a.list().ofMaxSize(20);
    }

    @Property(tries = 100)
    void results_roundTripThroughTheFile(@ForAll("attempts") List<Attempt> list) throws IOException {
        Path dir = Files.createTempDirectory("quiz");
        try {
            roundTrip(dir, list);
        } finally {
            // A property's hundred tries would leave a hundred folders in the temporary directory.
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void roundTrip(Path dir, List<Attempt> list) throws IOException {
        ResultsStore store = new ResultsStore(dir.resolve("results.json"), CLOCK);
        store.append(list.subList(0, list.size() / 2));
        store.append(list.subList(list.size() / 2, list.size()));
        ResultsStore.Loaded l = new ResultsStore(dir.resolve("results.json"), CLOCK).load();
        assertNull(l.setAside());
        List<Attempt> back = new ArrayList<>();
        l.byLearner().values().forEach(back::addAll);
        List<Attempt> sortedIn = new ArrayList<>(list);
        // Stored grouped by learner, in order within each learner.
        List<Attempt> expected = new ArrayList<>();
        for (String learner : l.byLearner().keySet()) {
            for (Attempt a : sortedIn) {
                if (a.learner().equals(learner)) {
                    expected.add(a);
                }
            }
        }
        assertEquals(expected, back);
        assertEquals(list.size(), back.size());
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void aCorruptedFile_isSetAsideWithATimestamp_andReported_neverOverwritten(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("results.json");
        String damaged = "{\"format\":\"tcplab-quiz-results\",\"version\":1,\"learners\":{\"ana\":[{\"id\":\"1-1\",";
        Files.writeString(f, damaged);
        ResultsStore store = new ResultsStore(f, CLOCK);
        ResultsStore.Loaded l = store.append(List.of(new Attempt("bo", "t", "exam", "2-1", "port_class", "", "A", "B", false)));
        assertNotNull(l.setAside());
        assertEquals("results.json.damaged-20250301T101530Z", l.setAside().getFileName().toString());
        assertEquals(damaged, Files.readString(l.setAside()), "the damaged file is kept as it was");
        assertNotNull(l.problem());
        assertEquals(List.of("bo"), List.copyOf(store.load().byLearner().keySet()));
    }

    @Test
    void aFileOfSomethingElse_isSetAsideToo(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("results.json");
        Files.writeString(f, "[1, 2, 3]");
        assertNotNull(new ResultsStore(f, CLOCK).load().setAside());
        Files.write(f, new byte[] {(byte) 0xC3, (byte) 0x28, '{'});
        ResultsStore.Loaded l = new ResultsStore(f, CLOCK).load();
        assertNotNull(l.setAside());
        assertTrue(l.setAside().getFileName().toString().startsWith("results.json.damaged-20250301T101530Z"));
    }

    @Test
    void csv_quotesCommasAndQuotes_andDefusesFormulas() {
        String csv = ResultsStore.csv(Map.of("O'Brien, Pat", List.of(new Attempt("O'Brien, Pat", "t", "exam", "1-1",
                "next_state", "CLOSING", "=cmd", "say \"hi\"", true))));
        String[] rows = csv.split("\r\n");
        assertEquals("learner,time,mode,question_id,type,state,given,answer,correct", rows[0]);
        assertEquals("\"O'Brien, Pat\",t,exam,1-1,next_state,CLOSING,'=cmd,\"say \"\"hi\"\"\",1", rows[1]);
        assertTrue(csv.getBytes(StandardCharsets.UTF_8).length > 0);
    }

    @Test
    void weakStates_countWrongAnswersMoreThanRightOnes() {
        List<Attempt> h = List.of(
                new Attempt("a", "", "practice", "1", "next_state", "CLOSING", "x", "y", false),
                new Attempt("a", "", "practice", "2", "next_state", "CLOSING", "x", "y", false),
                new Attempt("a", "", "practice", "3", "next_state", "LISTEN", "x", "x", true),
                new Attempt("a", "", "practice", "4", "next_state", "CLOSING", "x", "x", true));
        assertEquals(Map.of(TcpState.CLOSING, 3), ResultsStore.weakStates(h));
    }
}
