package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tcplab.i18n.Lang;

/**
 * A note (severity INFO: what is normal) is titled as a note in both languages, in the window's
 * warning strip ({@link ExplainedTable#title(Warning, Lang)}) and in {@code explain}'s text view:
 * never "Many TIME_WAIT" or "Exposed service" above a text that says "harmless".
 */
class NoteTitlesTest {

    static String machine(String name) {
        try (InputStream in = NoteTitlesTest.class.getResourceAsStream("/netstat-machines/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(name, e);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "busy-web-server-ss-tan.txt, TIME_WAIT_PILEUP, TIME_WAIT on ports this machine serves, 本机服务端口上的 TIME_WAIT",
        "windows10-netstat-aon.txt, EXPOSED_SERVICE, Windows' own listening ports, Windows 自带的监听端口",
        "laptop-netstat-tanp-blocked-sites.txt, SCAN, Connection attempts still waiting for an answer, 还在等待回应的连接请求"
    })
    void aNoteOnANormalMachineHasANotesTitleInBothLanguages(String table, Warning.Code code, String en, String zh) {
        for (Lang lang : Lang.values()) {
            ExplainedTable t = ExplainedTable.of(machine(table), lang);
            List<ExplainedTable.TitledWarning> notes = t.warnings().stream()
                    .filter(w -> w.warning().code() == code && w.warning().severity() == Warning.Severity.INFO).toList();
            assertEquals(1, notes.size(), table + " " + lang + ": " + t.warnings());
            String title = notes.get(0).title();
            assertEquals(lang == Lang.ZH ? zh : en, title);
            assertNotEquals(ExplainedTable.title(code, lang), title, "the alarm's title");
        }
    }

    @ParameterizedTest
    @CsvSource({"EN, TIME_WAIT on ports this machine serves (TIME_WAIT_PILEUP)",
        "ZH, 本机服务端口上的 TIME_WAIT (TIME_WAIT_PILEUP)"})
    void theTextViewPrintsTheNotesTitleBesideItsCode(Lang lang, String expected) {
        Explainer ex = new Explainer(lang);
        TextReport report = new TextReport(ex);
        for (ParsedLine l : NetstatParser.parseAll(machine("busy-web-server-ss-tan.txt"))) {
            report.add(l);
        }
        StringWriter sw = new StringWriter();
        report.print(new PrintWriter(sw));
        String text = sw.toString();
        assertTrue(text.contains("[INFO] " + expected), text.substring(0, Math.min(text.length(), 1500)));
        assertFalse(text.contains("[INFO] " + ExplainedTable.title(Warning.Code.TIME_WAIT_PILEUP, lang)), text);
    }

    @ParameterizedTest
    @CsvSource({"EN", "ZH"})
    void anAlarmKeepsItsAlarmTitle(Lang lang) {
        ExplainedTable t = ExplainedTable.of(machine("seed-syn-flood-netstat-tan.txt"), lang);
        ExplainedTable.TitledWarning flood = t.warnings().get(0);
        assertEquals(Warning.Code.SYN_FLOOD, flood.warning().code());
        assertEquals(ExplainedTable.title(Warning.Code.SYN_FLOOD, lang), flood.title());
    }
}
