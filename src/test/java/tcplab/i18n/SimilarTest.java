package tcplab.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The edit distance behind "did you mean" and the look-alike program check. */
class SimilarTest {

    /** Optimal string alignment over the whole table, no early exit: the reference. */
    private static int reference(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().withChars("abcst.").ofMaxLength(9);
    }

    @Property(tries = 3000)
    void theDistanceEqualsTheFullTableCappedAtMaxPlusOne(@ForAll("words") String a, @ForAll("words") String b,
            @ForAll @IntRange(min = 0, max = 4) int max) {
        assertEquals(Math.min(reference(a, b), max + 1), Similar.distance(a, b, max));
    }

    @Property(tries = 1000)
    void theDistanceIsSymmetric(@ForAll("words") String a, @ForAll("words") String b) {
        assertEquals(Similar.distance(a, b, 20), Similar.distance(b, a, 20));
    }

    @Test
    void swappingTwoNeighbouringLettersIsOneEdit() {
        assertEquals(1, Similar.distance("titel", "title", 3));
        assertEquals(1, Similar.distance("scvhost.exe", "svchost.exe", 3));
        // A swapped pair is not edited again (optimal string alignment): "ca" to "abc" takes 3.
        assertEquals(3, Similar.distance("ca", "abc", 5));
    }

    @Test
    void aKeyWithTwoLettersSwappedGetsASuggestionAndAnUnrelatedWordDoesNot() {
        assertEquals("title", Similar.nearest("titel", List.of("lesson", "title", "summary")));
        assertNull(Similar.nearest("colour", List.of("lesson", "title", "summary")));
    }
}
