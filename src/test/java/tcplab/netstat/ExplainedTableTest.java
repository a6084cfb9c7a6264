package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;

/** {@link ExplainedTable}: one reading of a whole table for the netstat tab, the explain tab and lessons. */
class ExplainedTableTest {
    /** A server listening on 80 with a client connected: the LISTEN row decides the direction. */
    static final String SERVER = "Active Connections\n\n  Proto  Local Address          Foreign Address        State\n"
            + "  TCP    0.0.0.0:80             0.0.0.0:0              LISTENING\n"
            + "  TCP    10.0.0.2:80            10.0.0.1:50000         ESTABLISHED\n";

    @Nested
    class RowsInInputOrder {
        @Test
        void everyInputLineIsOneRowWithTheTextTheToolPrinted() {
            ExplainedTable t = ExplainedTable.of(SERVER, Lang.EN);
            assertEquals(5, t.rows().size());
            assertEquals(5, t.lines());
            assertEquals(List.of("header", "blank", "header", "socket", "socket"), t.rows().stream().map(ExplainedTable.Row::kind).toList());
            assertEquals("  TCP    0.0.0.0:80             0.0.0.0:0              LISTENING", t.row(3).text());
            for (int i = 0; i < t.rows().size(); i++) {
                assertEquals(i + 1, t.row(i).line());
            }
            assertNull(t.row(5), "no row past the end");
            assertNull(t.row(-1));
        }

        @Test
        void anUnrecognisedLineSaysWhyInTheTablesLanguageAndHasNoExplanation() {
            ExplainedTable t = ExplainedTable.of(SERVER + "garbage here\n", Lang.ZH);
            ExplainedTable.Row r = t.row(5);
            assertEquals("unrecognised", r.kind());
            assertNull(r.explanation());
            assertTrue(r.reason() != null && r.reason().codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF), r.reason());
            assertEquals(1, t.summary().unrecognised());
        }

        @Test
        void crlfAndBareCrEndLinesAsTheParserReadsThem() {
            ExplainedTable t = ExplainedTable.of(SERVER.replace("\n", "\r\n"), Lang.EN);
            assertEquals(5, t.rows().size());
            assertEquals("  TCP    10.0.0.2:80            10.0.0.1:50000         ESTABLISHED", t.row(4).text());
        }
    }

    @Nested
    class ExplainedInItsTable {
        @Test
        void aRowBelowTheListenerOfItsPortIsIncomingNotAGuess() {
            String row = ExplainedTable.of(SERVER, Lang.EN).row(4).explanation();
            assertTrue(row.contains("Direction: someone at 10.0.0.1 connected to our service on port 80"), row);
        }

        @Test
        void theSameLineAloneIsOnlyAGuessWhichIsWhyALessonMustNotExplainALineWithoutItsTable() {
            String alone = ExplainedTable.of(SERVER.lines().skip(4).findFirst().orElseThrow(), Lang.EN).row(0).explanation();
            assertTrue(alone.contains("guessed from the ports"), alone);
            assertNotEquals(alone, ExplainedTable.of(SERVER, Lang.EN).row(4).explanation());
        }

        @Test
        void eachRowSaysWhatAnExplainerReadingTheTableInOrderSays() {
            String text = String.join("\n", SERVER, "  TCP    10.0.0.2:51000         93.184.216.34:443      TIME_WAIT", "");
            ExplainedTable t = ExplainedTable.of(text, Lang.ZH);
            Explainer ex = new Explainer(Lang.ZH);
            List<ParsedLine> parsed = NetstatParser.parseAll(text);
            for (int i = 0; i < parsed.size(); i++) {
                assertEquals(ex.explain(parsed.get(i)), t.row(i).explanation(), "line " + (i + 1));
            }
        }
    }

    @Nested
    class SummaryAndWarnings {
        /** Six half-open connections to port 80: a SYN flood by the explainer's threshold. */
        private String flood() {
            StringBuilder sb = new StringBuilder(SERVER);
            for (int i = 0; i < Explainer.SYN_FLOOD_MIN_ROWS + 1; i++) {
                sb.append("  TCP    10.0.0.2:80            203.0.113.").append(i + 1).append(":4000").append(i)
                        .append("        SYN_RECEIVED\n");
            }
            return sb.toString();
        }

        @Test
        void theWarningsOfTheWholeTableComeWithTheirTitlesInTheTablesLanguage() {
            ExplainedTable en = ExplainedTable.of(flood(), Lang.EN);
            assertEquals(Warning.Code.SYN_FLOOD, en.warnings().get(0).warning().code());
            assertEquals("Possible SYN flood", en.warnings().get(0).title());
            ExplainedTable zh = ExplainedTable.of(flood(), Lang.ZH);
            assertEquals("疑似 SYN 洪水攻击", zh.warnings().get(0).title());
            assertEquals(zh.summary().warnings().get(0), zh.warnings().get(0).warning());
        }

        @Test
        void everyKindOfWarningHasATitleInBothLanguages() {
            for (Warning.Code c : Warning.Code.values()) {
                for (Lang l : Lang.values()) {
                    String title = ExplainedTable.title(c, l);
                    assertTrue(!title.isBlank() && !title.contains("w." + c.name()), c + " " + l + ": " + title);
                }
            }
        }

        @Test
        void cappedRowsStillCountEveryLine() {
            ExplainedTable t = ExplainedTable.of(flood(), Lang.EN, 3, () -> false);
            assertEquals(3, t.rows().size());
            assertEquals(5 + Explainer.SYN_FLOOD_MIN_ROWS + 1, t.lines());
            assertEquals(Explainer.SYN_FLOOD_MIN_ROWS + 1, t.summary().byState().get("SYN_RECEIVED"));
            assertEquals(1, t.warnings().size(), "the warning sees the rows that were not kept");
        }

        @Test
        void aCancelledReadingGivesNoTable() {
            StringBuilder big = new StringBuilder();
            for (int i = 0; i < 3000; i++) {
                big.append("  TCP    10.0.0.2:80            10.0.0.1:").append(10000 + i).append("         ESTABLISHED\n");
            }
            assertNull(ExplainedTable.of(big.toString(), Lang.EN, 10, () -> true));
            assertEquals(3000, ExplainedTable.of(big.toString(), Lang.EN, 10, () -> false).lines());
        }
    }
}
