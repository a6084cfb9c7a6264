package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tcplab.tcp.TcpState;

/** {@link StateWords#known}: a state word read from inside a line, without a substring. */
class StateWordsTest {
    @Test
    void aWordInsideALineIsFoundAsTheTablesOwnString() {
        String line = "tcp        0      0 10.0.0.1:22      10.0.0.2:50000      ESTABLISHED";
        int from = line.indexOf("ESTABLISHED");
        String w = StateWords.known(line, from, from + "ESTABLISHED".length());
        assertEquals("ESTABLISHED", w);
        assertSame(w, StateWords.known("ESTABLISHED", 0, 11), "the same String every time");
        assertEquals(TcpState.ESTABLISHED, StateWords.parse(w));
    }

    @Test
    void everySpellingOfEveryToolIsKnownAndUnconnIsToo() {
        for (TcpState s : TcpState.values()) {
            for (String w : new String[] {StateWords.windows(s), StateWords.linux(s), StateWords.ss(s), StateWords.bsd(s)}) {
                assertEquals(w, StateWords.known(" " + w + " ", 1, 1 + w.length()), w);
            }
        }
        assertEquals("UNCONN", StateWords.known("UNCONN", 0, 6));
    }

    @Test
    void otherCaseAndOtherWordsAreLeftToParse() {
        assertNull(StateWords.known("established", 0, 11));
        assertNull(StateWords.known("ESTABLISHED", 0, 10));
        assertNull(StateWords.known("", 0, 0));
        assertEquals(TcpState.ESTABLISHED, StateWords.parse("established"));
    }

    @Provide
    Arbitrary<String> wordsAndNearMisses() {
        java.util.List<String> spellings = new java.util.ArrayList<>(java.util.List.of("UNCONN", "LISTENING", "SYN_RECV"));
        for (TcpState s : TcpState.values()) {
            spellings.addAll(java.util.List.of(StateWords.windows(s), StateWords.linux(s), StateWords.ss(s), StateWords.bsd(s)));
        }
        Arbitrary<String> exact = Arbitraries.of(spellings);
        Arbitrary<String> lower = exact.map(w -> w.toLowerCase(java.util.Locale.ROOT));
        Arbitrary<String> cut = exact.map(w -> w.substring(0, w.length() - 1));
        Arbitrary<String> longer = exact.map(w -> w + "X");
        return Arbitraries.oneOf(exact, lower, cut, longer, Arbitraries.strings().ofMaxLength(20));
    }

    @Property(tries = 3000)
    void knownFindsExactlyTheWordsThatAreSpelledAsInTheTable(@ForAll("wordsAndNearMisses") String w) {
        String k = StateWords.known("  " + w + "  ", 2, 2 + w.length());
        // Everything known is a state word spelled exactly so; a state word that is not known is
        // another spelling (case) that parse handles.
        if (k != null) {
            assertEquals(w, k);
            assertTrue(StateWords.isStateWord(w));
        } else if (StateWords.isStateWord(w)) {
            assertNotEquals(w, w.toUpperCase(java.util.Locale.ROOT), "an upper-case state word must be known: " + w);
        }
    }
}
