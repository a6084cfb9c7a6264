package tcplab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;

/**
 * Every fact of the two seed articles is taught where a student sees it: {@code seed-facts.tsv}
 * names, for each fact of {@code SEED-FACTS.md} (A1–A58, B1–B40), a lesson step and a phrase its
 * narration says in each language. An edit that drops a fact from a narration fails here, with the
 * fact's id and the phrase that went missing.
 */
class LessonSeedFactsTest {
    private static final Path TSV = Path.of("src/test/resources/tcplab/lesson/seed-facts.tsv");
    private static final Pattern ID = Pattern.compile("([AB])([1-9][0-9]*)");

    /** How many facts each article has in SEED-FACTS.md. */
    private static final Map<String, Integer> FACTS = Map.of("A", 58, "B", 40);

    private record Row(int line, String fact, String lesson, int step, String zh, String en) {
    }

    private static Map<String, Lesson> lessons;
    private static List<Row> rows;

    @BeforeAll
    static void load() throws IOException {
        lessons = new HashMap<>();
        for (LessonLoader.Loaded l : LessonLoader.checkDir(Path.of("lessons"))) {
            if (l.lesson() != null) {
                lessons.put(l.lesson().id(), l.lesson());
            }
        }
        rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(TSV, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            assertEquals(5, f.length, TSV + ":" + (i + 1) + ": fact, lesson, step, zh, en separated by tabs: " + line);
            rows.add(new Row(i + 1, f[0], f[1], Integer.parseInt(f[2]), f[3], f[4]));
        }
    }

    @Test
    void everyRowsPhrasesAreInItsStepsNarration() {
        List<String> missing = new ArrayList<>();
        for (Row r : rows) {
            String where = TSV + ":" + r.line() + ": " + r.fact() + " " + r.lesson() + " step " + r.step();
            Lesson lesson = lessons.get(r.lesson());
            if (lesson == null) {
                missing.add(where + ": there is no lesson " + r.lesson());
                continue;
            }
            if (r.step() < 1 || r.step() > lesson.steps().size()) {
                missing.add(where + ": the lesson has steps 1 to " + lesson.steps().size());
                continue;
            }
            Lesson.Step step = lesson.steps().get(r.step() - 1);
            if (r.zh().isBlank() || !step.narration(Lang.ZH).contains(r.zh())) {
                missing.add(where + ": the zh narration does not say \"" + r.zh() + "\"");
            }
            if (r.en().isBlank() || !step.narration(Lang.EN).contains(r.en())) {
                missing.add(where + ": the en narration does not say \"" + r.en() + "\"");
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyFactHasARowSortedById() {
        Set<String> covered = new TreeSet<>();
        String previous = null;
        for (Row r : rows) {
            Matcher m = ID.matcher(r.fact());
            assertTrue(m.matches() && Integer.parseInt(m.group(2)) <= FACTS.get(m.group(1)),
                    TSV + ":" + r.line() + ": no fact " + r.fact() + " in SEED-FACTS.md");
            if (previous != null) {
                assertTrue(compare(previous, r.fact()) <= 0,
                        TSV + ":" + r.line() + ": " + r.fact() + " comes after " + previous + "; keep the rows sorted by fact id");
            }
            previous = r.fact();
            covered.add(r.fact());
        }
        List<String> untaught = new ArrayList<>();
        for (String seed : List.of("A", "B")) {
            for (int n = 1; n <= FACTS.get(seed); n++) {
                String id = seed + n;
                if (!covered.contains(id)) {
                    untaught.add(id);
                }
            }
        }
        assertEquals(List.of(), untaught, "facts of SEED-FACTS.md with no row in " + TSV);
    }

    /** A1 < A2 < A10 < B1. */
    private static int compare(String a, String b) {
        Matcher x = ID.matcher(a);
        Matcher y = ID.matcher(b);
        if (!x.matches() || !y.matches()) {
            return a.compareTo(b);
        }
        int c = x.group(1).compareTo(y.group(1));
        return c != 0 ? c : Integer.compare(Integer.parseInt(x.group(2)), Integer.parseInt(y.group(2)));
    }
}
