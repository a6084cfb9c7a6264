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
            assertEquals(List.of("results.json", "results.json.lock"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file left behind; the lock file stays (deleting it would race another process)");
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
    void aFileOfSomethingElse_isLeftAsItIs_withAClearError(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("results.json");
        for (byte[] content : List.of("[1, 2, 3]".getBytes(StandardCharsets.UTF_8), "my notes\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, (byte) 0x28, '{'}, "{\"format\": \"something-else\"}".getBytes(StandardCharsets.UTF_8))) {
            Files.write(f, content);
            ResultsStore store = new ResultsStore(f, CLOCK);
            ResultsStore.StoreException e = org.junit.jupiter.api.Assertions.assertThrows(ResultsStore.StoreException.class,
                    () -> store.append(List.of(new Attempt("bo", "t", "exam", "2-1", "port_class", "", "A", "B", false))));
            assertEquals(f + " is not a tcplab results file: it was left as it is; keep the results in another file, "
                    + "or move this one away", e.getMessage());
            assertTrue(e.message(tcplab.i18n.Lang.ZH).startsWith(f + " 不是 tcplab 的成绩文件:它保持原样"), e.message(tcplab.i18n.Lang.ZH));
            org.junit.jupiter.api.Assertions.assertThrows(ResultsStore.StoreException.class, store::load);
            org.junit.jupiter.api.Assertions.assertArrayEquals(content, Files.readAllBytes(f), "untouched");
            try (var s = Files.list(dir)) {
                assertEquals(List.of("results.json"), s.map(p -> p.getFileName().toString()).toList(), "nothing made beside it");
            }
        }
    }

    @Test
    void anEmptyFileHasNothingToLoseAndBecomesTheResults(@TempDir Path dir) throws IOException {
        Path f = Files.createFile(dir.resolve("results.json"));
        new ResultsStore(f, CLOCK).append(List.of(new Attempt("bo", "t", "exam", "2-1", "port_class", "", "A", "B", false)));
        assertEquals(1, new ResultsStore(f).load().of("bo").size());
    }

    @Test
    void aFolderAPipeAndADeviceAreNeverRenamedOrReplaced(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("results.json"));
        Path fifo = dir.resolve("pipe.json");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        List<Attempt> one = List.of(new Attempt("bo", "t", "exam", "2-1", "port_class", "", "A", "B", false));
        for (Path p : List.of(folder, fifo, Path.of("/dev/null"))) {
            ResultsStore store = new ResultsStore(p, CLOCK);
            ResultsStore.StoreException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                    () -> org.junit.jupiter.api.Assertions.assertThrows(ResultsStore.StoreException.class, () -> store.append(one)));
            assertEquals(p + " is not a regular file (a folder, a device or a pipe): no results are saved there, "
                    + "and it was left as it is", e.getMessage());
            org.junit.jupiter.api.Assertions.assertThrows(ResultsStore.StoreException.class, store::open);
            org.junit.jupiter.api.Assertions.assertThrows(ResultsStore.StoreException.class, store::load);
        }
        assertTrue(Files.isDirectory(folder));
        assertTrue(Files.isRegularFile(dir.resolve("pipe.json")) == false && Files.exists(fifo));
        assertTrue(!Files.isRegularFile(Path.of("/dev/null")) && !Files.exists(Path.of("/dev/null.lock")), "no lock file in /dev");
        org.junit.jupiter.api.Assertions.assertThrows(ResultsStore.StoreException.class, () -> ResultsStore.writeCsv(Path.of("/dev/null"), "x"));
        assertTrue(!Files.isRegularFile(Path.of("/dev/null")));
    }

    @Test
    void aFileTooLargeIsLeftAsItIsAndSaidWithItsSize(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("results.json");
        try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            r.write("{\"format\":\"tcplab-quiz-results\",\"version\":1,\"learners\":{".getBytes(StandardCharsets.UTF_8));
            r.setLength(ResultsStore.MAX_BYTES + 1);
        }
        ResultsStore.StoreException e = org.junit.jupiter.api.Assertions.assertThrows(ResultsStore.StoreException.class,
                () -> new ResultsStore(f, CLOCK).load());
        assertEquals(f + " is 32.0 MB, larger than the 32 MB a results file may be: it was left as it is; move it away "
                + "(it keeps its answers) and a new file is started", e.getMessage());
        assertEquals(ResultsStore.MAX_BYTES + 1, Files.size(f));
    }

    @Test
    void aLearnerTwiceInTheFileKeepsBothListsOfAnswers(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("results.json");
        Files.writeString(f, "{\"format\":\"tcplab-quiz-results\",\"version\":1,\"learners\":{"
                + "\"ana\":[{\"id\":\"1-1\",\"correct\":true}],\"bo\":[{\"id\":\"2-1\",\"correct\":false}],"
                + "\"ana\":[{\"id\":\"3-1\",\"correct\":false}]}}");
        ResultsStore store = new ResultsStore(f, CLOCK);
        assertEquals(List.of("1-1", "3-1"), store.load().of("ana").stream().map(Attempt::questionId).toList());
        store.append(List.of(new Attempt("ana", "t", "exam", "4-1", "port_class", "", "A", "B", false)));
        assertEquals(List.of("1-1", "3-1", "4-1"), store.load().of("ana").stream().map(Attempt::questionId).toList(),
                "merged and written back once");
    }

    @Test
    void aTypedAnswerIsCappedAtTwoHundredCharacters(@TempDir Path dir) throws IOException {
        String huge = "x".repeat(5_000_000);
        Attempt a = new Attempt("ana", "t", "practice", "1-1", "next_state", "", huge, "ESTABLISHED", false);
        assertEquals(Attempt.MAX_GIVEN, a.given().length());
        assertEquals(200, tcplab.quiz.live.Room.MAX_ANSWER, "the same cap as the live class quiz");
        assertEquals("学".repeat(200), Attempt.cap("学".repeat(300), 200));
        assertEquals(2 * 199, Attempt.cap("\uD83D\uDE00".repeat(300), 199).length(), "never half a surrogate pair");
        Path f = dir.resolve("results.json");
        new ResultsStore(f, CLOCK).append(List.of(a));
        assertTrue(Files.size(f) < 2_000, "stored capped");
    }

    @Test
    void aSymbolicLinkStaysALinkAndTheFileItPointsToIsWritten(@TempDir Path dir) throws IOException {
        Path real = Files.createDirectory(dir.resolve("synced")).resolve("results.json");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);
        new ResultsStore(link, CLOCK).append(List.of(new Attempt("bo", "t", "exam", "2-1", "port_class", "", "A", "B", false)));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(1, new ResultsStore(real).load().of("bo").size());
        Path ahead = Files.createSymbolicLink(dir.resolve("ahead.json"), dir.resolve("later/results.json"));
        new ResultsStore(ahead).append(List.of(new Attempt("bo", "t", "exam", "2-1", "port_class", "", "A", "B", false)));
        assertTrue(Files.isSymbolicLink(ahead), "a link to a file not made yet is not replaced by a file");
        assertTrue(Files.isRegularFile(dir.resolve("later/results.json")));
        Path loop = Files.createSymbolicLink(dir.resolve("loop.json"), dir.resolve("loop.json"));
        org.junit.jupiter.api.Assertions.assertThrows(ResultsStore.StoreException.class, () -> new ResultsStore(loop).open());
    }

    @Test
    void aFolderThatCannotBeWrittenIsSaidBeforeAnythingWithItsPath(@TempDir Path dir) throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "mine");
        ResultsStore.StoreException e = org.junit.jupiter.api.Assertions.assertThrows(ResultsStore.StoreException.class,
                () -> new ResultsStore(notes.resolve("results.json")).open());
        assertEquals("cannot save the results in " + notes + ": a file is in the way where a folder should be", e.getMessage());
        assertEquals("无法把成绩保存到 " + notes + ":应当是文件夹的地方有一个同名文件", e.message(tcplab.i18n.Lang.ZH));
        // /sys refuses new files even to root: a folder nobody may write to.
        Path sys = Path.of("/sys/tcplab-results.json");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/sys")) && !Files.exists(sys));
        e = org.junit.jupiter.api.Assertions.assertThrows(ResultsStore.StoreException.class, () -> new ResultsStore(sys).open());
        assertEquals("cannot save the results in /sys: permission denied", e.getMessage());
        assertEquals("无法把成绩保存到 /sys:没有权限", e.message(tcplab.i18n.Lang.ZH));
    }

    @Test
    void manyThreadsAndStoresOnOneFileLoseNothing(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.json");
        int threads = 8;
        int each = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String learner = "learner" + t;
            done.add(pool.submit(() -> {
                ResultsStore own = new ResultsStore(f); // each its own store: only the file lock serialises them
                for (int i = 0; i < each; i++) {
                    own.append(List.of(new Attempt(learner, "t", "practice", learner + "-" + i, "next_state", "", "A", "B", true)));
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> d : done) {
            d.get();
        }
        pool.shutdown();
        ResultsStore.Loaded l = new ResultsStore(f).load();
        for (int t = 0; t < threads; t++) {
            assertEquals(each, l.of("learner" + t).size(), "learner" + t);
        }
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
