package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;

/**
 * The direction rule (README, "Direction"): a connection is the server's side only if its local
 * port is listened on in the same table, or, in a table that lists no listener at all, if its
 * port classes say so. A table that lists listeners never calls a connection on another port
 * "our service", however well-known that port's number.
 */
class DirectionRuleTest {

    /** The explanation of the last socket row of {@code table}, in English. */
    static String explainLast(String table) {
        Explainer ex = new Explainer(Lang.EN);
        String last = null;
        for (ParsedLine l : NetstatParser.parseAll(table)) {
            String s = ex.explain(l);
            if (l instanceof ParsedLine.Socket) {
                last = s;
            }
        }
        return last;
    }

    static boolean saysInbound(String explanation) {
        return explanation.contains("connected to our service") || explanation.contains("connected to our port");
    }

    static String listen(int port) {
        return "tcp        0      0 0.0.0.0:" + port + "            0.0.0.0:*               LISTEN\n";
    }

    static String established(int local, int foreign) {
        return "tcp        0      0 10.0.0.5:" + local + "          10.0.0.9:" + foreign + "          ESTABLISHED\n";
    }

    @Provide
    Arbitrary<Set<Integer>> listeners() {
        return Arbitraries.integers().between(1, 65535).set().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 300)
    void aConnectionOnAPortNoListenRowNamesIsNeverTheServerSide(@ForAll("listeners") Set<Integer> listening,
            @ForAll @IntRange(min = 1, max = 65535) int local, @ForAll @IntRange(min = 1, max = 65535) int foreign) {
        if (listening.contains(local) || listening.contains(foreign)) {
            return; // the other properties' cases
        }
        StringBuilder table = new StringBuilder();
        for (int p : listening) {
            table.append(listen(p));
        }
        String ex = explainLast(table.append(established(local, foreign)).toString());
        assertFalse(saysInbound(ex), listening + " " + local + " -> " + foreign + ": " + ex);
        assertTrue(ex.contains("this local port is not one of them"), ex);
    }

    @Property(tries = 200)
    void aConnectionOnAListenedPortIsTheServerSide(@ForAll("listeners") Set<Integer> listening,
            @ForAll @IntRange(min = 1, max = 65535) int foreign) {
        int local = listening.iterator().next();
        StringBuilder table = new StringBuilder();
        for (int p : listening) {
            table.append(listen(p));
        }
        String ex = explainLast(table.append(established(local, foreign)).toString());
        assertTrue(ex.contains("connected to our service on port " + local), ex);
    }

    @Nested
    class WithoutAnyListenRow {
        @Test
        void aWellKnownLocalPortIsGuessedToBeTheServerSide() {
            String ex = explainLast(established(22, 51000));
            assertTrue(ex.contains("guessed from the ports: probably 10.0.0.9 connected to our port 22"), ex);
        }

        @Test
        void aClientRangeLocalPortIsGuessedToBeTheClientSide() {
            String ex = explainLast(established(51000, 443));
            assertTrue(ex.contains("guessed from the ports: probably a program here connected out to port 443"), ex);
        }
    }

    @Nested
    class TheBugThisRuleFixed {
        @Test
        void aWellKnownLocalPortThatNothingListensOnBesideOtherListenersIsTheClientSide() {
            // Before: a local port below 1024 with no LISTEN row fell through to the port classes
            // and was called "our port 139" although the table lists its listeners (135 and 445).
            List<String> rows = new ArrayList<>();
            Explainer ex = new Explainer(Lang.ZH);
            for (ParsedLine l : NetstatParser.parseAll(listen(135) + listen(445) + established(139, 50000))) {
                rows.add(ex.explain(l));
            }
            String zh = rows.get(2);
            assertTrue(zh.contains("这张表列出了监听端口,而这个本地端口不在其中"), zh);
            assertFalse(zh.contains("连接到了本机端口"), zh);
        }
    }
}
