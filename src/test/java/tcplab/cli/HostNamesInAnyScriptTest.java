package tcplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcplab.netstat.Dialect;
import tcplab.netstat.ExplainedTable;
import tcplab.sim.TextLadder;

/**
 * A teacher names the hosts of a scenario file in Chinese (学生机, 网站): the run, the text ladder,
 * the jsonl trace and every netstat format carry the names whole, and the ladder's columns stay
 * aligned although a Chinese character takes two terminal columns.
 */
class HostNamesInAnyScriptTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path scenario() throws IOException {
        Path p = dir.resolve("校园网.yaml");
        Files.writeString(p, String.join("\n",
                "scenario: campus",
                "title: {en: The campus network, zh: 校园网}",
                "about: {en: Hosts named in Chinese., zh: 主机用中文命名。}",
                "hosts:",
                "  学生机: {address: 10.0.0.1, profile: windows-10}",
                "  网站: {address: 10.0.0.2, profile: linux}",
                "link: {delay_ms: 100}",
                "actions:",
                "  - {at: 0, host: 网站, do: listen, port: 80, program: nginx, reply: {bytes: 512}}",
                "  - {at: 0, host: 学生机, do: connect, to: '网站:80', program: chrome.exe, send: {bytes: 78}}",
                ""));
        return p;
    }

    @Test
    void theTextLadderKeepsItsColumnsAlignedUnderChineseHostNames() throws IOException {
        SimulateCommandTest.Run r = SimulateCommandTest.run("simulate", "--scenario", scenario().toString(), "--lang", "zh");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = List.of(r.out().split("\n"));
        String header = lines.stream().filter(l -> l.contains("学生机") && l.contains("网站")).findFirst().orElseThrow();
        int time = TextLadder.width(header.substring(0, header.indexOf("学生机")));
        int second = TextLadder.width(header.substring(0, header.indexOf("网站")));
        assertEquals(44, second - time, "the second host's column starts one column width after the first: " + header);
        // Every lifeline row has its bars at the same terminal columns as the header's names.
        int rows = 0;
        for (String l : lines) {
            if (l.matches("\\s*\\|\\s+\\|\\s*")) {
                assertEquals(time, TextLadder.width(l.substring(0, l.indexOf('|'))), l);
                assertEquals(second, TextLadder.width(l.substring(0, l.lastIndexOf('|'))), l);
                rows++;
            }
        }
        assertTrue(rows >= 2, r.out());
        // Text at the second lifeline starts at its column too.
        String serverRow = lines.stream().filter(l -> l.contains("CLOSED -> LISTEN")).findFirst().orElseThrow();
        assertEquals(second, TextLadder.width(serverRow.substring(0, serverRow.indexOf("CLOSED"))), serverRow);
        assertTrue(r.out().contains("  学生机: ESTABLISHED"), "the sockets left, by host: " + r.out());
    }

    @Test
    void theJsonlTraceCarriesTheNamesAsTheyWereWritten() throws IOException {
        SimulateCommandTest.Run r = SimulateCommandTest.run("simulate", "--scenario", scenario().toString(), "--format", "jsonl");
        assertEquals(0, r.exit(), r.err());
        Set<String> hosts = new HashSet<>();
        for (String l : r.out().split("\n")) {
            JsonNode n = JSON.readTree(l);
            if (n.has("host")) {
                hosts.add(n.get("host").asText());
            }
        }
        assertEquals(Set.of("学生机", "网站"), hosts);
    }

    @Test
    void everyNetstatFormatOfAChineseNamedHostReadsBackWhole() throws IOException {
        String file = scenario().toString();
        for (Dialect d : Dialect.emittableValues()) {
            SimulateCommandTest.Run r = SimulateCommandTest.run("netstat", "--scenario", file, "--host", "学生机", "--at", "1000",
                    "--dialect", d.cliName(), "--lang", "en");
            assertEquals(0, r.exit(), d + ": " + r.err());
            String table = r.out();
            ExplainedTable t = ExplainedTable.of(table, tcplab.i18n.Lang.EN);
            assertEquals(0, t.summary().unrecognised(), d + " has lines the parser does not read:\n" + table);
            assertEquals(1L, t.summary().byState().get("ESTABLISHED"), d + ":\n" + table);
            if (d == Dialect.WINDOWS_NAMES) {
                // The name is the local address, and the columns after it line up in terminal columns.
                String row = table.lines().filter(l -> l.contains("ESTABLISHED")).findFirst().orElseThrow();
                assertTrue(row.contains("学生机:49152"), row);
                String head = table.lines().filter(l -> l.contains("Foreign Address")).findFirst().orElseThrow();
                assertEquals(TextLadder.width(head.substring(0, head.indexOf("Foreign"))),
                        TextLadder.width(row.substring(0, row.indexOf("10.0.0.2"))), table);
            }
        }
    }
}
