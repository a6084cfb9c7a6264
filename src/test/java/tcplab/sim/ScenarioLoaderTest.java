package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;
import tcplab.i18n.ProblemException;

/** Scenario files: the built-in ones load, and every kind of mistake is reported at its file:line. */
class ScenarioLoaderTest {

    private static final Path BROKEN = Path.of("src/test/resources/scenarios/broken");

    private static List<String> problems(String file, Lang lang) {
        ProblemException e = assertThrows(ProblemException.class, () -> ScenarioLoader.load(BROKEN.resolve(file)));
        return List.of(e.format(lang).split("\n"));
    }

    @Test
    void everyBuiltinScenarioLoadsWithTitlesInBothLanguages() throws ProblemException {
        for (String name : ScenarioLoader.BUILTIN) {
            Scenario sc = ScenarioLoader.builtin(name);
            assertEquals(name, sc.name());
            assertTrue(sc.title(Lang.EN).length() > 3 && sc.title(Lang.ZH).length() > 1, name);
            assertTrue(!sc.about(Lang.EN).isEmpty() && !sc.about(Lang.ZH).isEmpty(), name);
        }
    }

    @Test
    void anUnknownKeyIsReportedAtItsLineWithTheLikelyFix() {
        List<String> p = problems("unknown-key.yaml", Lang.EN);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith(BROKEN.resolve("unknown-key.yaml") + ":4: unknown key 'profle'"), p.get(0));
        assertTrue(p.get(0).contains("did you mean 'profile'?"), p.get(0));
    }

    @Test
    void everyBadValueInAFileIsReportedNotJustTheFirst() {
        List<String> p = problems("bad-values.yaml", Lang.EN);
        String f = BROKEN.resolve("bad-values.yaml").toString();
        assertEquals(List.of(
                f + ":4: '10.0.0.300' is not an IPv4 address like 10.0.0.1",
                f + ":5: unknown profile 'solaris'; use one of: linux, windows-xp, windows-10",
                f + ":7: 'delay_ms' must be between 0 and 600000, not -5",
                f + ":8: 'loss' must be between 0 and 1, not 2",
                f + ":10: 'port' must be between 1 and 65535, not 99999",
                f + ":11: there is no host called 'nobody'; the hosts are: client, server",
                f + ":12: unknown action 'teleport'; use one of: listen, connect, send, close, abort, restart, flood, scan"), p);
    }

    @Test
    void readAfterMsTakesMillisecondsOrNeverAndSaysWhereAnythingElseIs() throws ProblemException {
        String head = String.join("\n", "scenario: r", "title: {en: R, zh: 读}", "hosts:", "  a: {address: 10.0.0.1}",
                "  b: {address: 10.0.0.2}", "actions:", "");
        Scenario sc = ScenarioLoader.parse(head + String.join("\n",
                "  - {at: 0, host: b, do: listen, port: 80, read_after_ms: never}",
                "  - {at: 0, host: a, do: connect, to: b:80, read_after_ms: 250}",
                "  - {at: 0, host: a, do: connect, to: b:80}"), "r.yaml");
        assertEquals(AppBehavior.NEVER_READS, ((Scenario.Listen) sc.actions().get(0)).app().readAfterMs());
        assertEquals(250, ((Scenario.Connect) sc.actions().get(1)).app().readAfterMs());
        assertTrue(((Scenario.Connect) sc.actions().get(2)).app().readsAtOnce());
        ProblemException e = assertThrows(ProblemException.class, () -> ScenarioLoader.parse(head
                + "  - {at: 0, host: b, do: listen, port: 80, read_after_ms: later}", "r.yaml"));
        assertEquals("r.yaml:7: 'read_after_ms' must be a number of milliseconds or never, not 'later'", e.format(Lang.EN));
        assertEquals("r.yaml:7: “read_after_ms”应当是毫秒数或 never,而不是“later”", e.format(Lang.ZH));
        e = assertThrows(ProblemException.class, () -> ScenarioLoader.parse(head
                + "  - {at: 0, host: b, do: listen, port: 80, read_after_ms: -3}", "r.yaml"));
        assertEquals("r.yaml:7: 'read_after_ms' must be between 0 and 86400000, not -3", e.format(Lang.EN));
    }

    @Test
    void aMissingTranslationNamesTheKeyAndTheLanguage() {
        List<String> p = problems("missing-translation.yaml", Lang.EN);
        assertTrue(p.contains(BROKEN.resolve("missing-translation.yaml") + ":3: 'title' has no 'zh' text; every text is needed in both en and zh"), p.toString());
    }

    @Test
    void invalidYamlIsReportedWithTheLineOfTheSyntaxError() {
        List<String> p = problems("not-yaml.yaml", Lang.EN);
        assertEquals(1, p.size());
        assertTrue(p.get(0).matches(".*not-yaml\\.yaml:[45]: this is not valid YAML: .*"), p.get(0));
    }

    @Test
    void profileSettingsAreCheckedByNameAndRange() {
        List<String> p = problems("bad-setting.yaml", Lang.EN);
        assertTrue(p.get(0).contains(":7: 'tcp_syn_retries' must be between 1 and 127, not 500"), p.toString());
        assertTrue(p.get(1).contains(":7: profile linux has no setting 'tcp_magic'; its settings are: tcp_syn_retries,"), p.toString());
    }

    @Test
    void messagesComeInChineseToo() {
        List<String> p = problems("unknown-key.yaml", Lang.ZH);
        assertTrue(p.get(0).contains(":4: ") && p.get(0).contains("未知的键“profle”") && p.get(0).contains("“profile”"), p.get(0));
    }

    @Test
    void aMissingFileIsOneMessageNotAStackTrace() {
        ProblemException e = assertThrows(ProblemException.class, () -> ScenarioLoader.load(Path.of("no/such/file.yaml")));
        assertEquals("no/such/file.yaml: cannot read the file: no such file", e.format(Lang.EN));
    }

    @Test
    void anUnknownBuiltinNameListsTheBuiltinScenarios() {
        ProblemException e = assertThrows(ProblemException.class, () -> ScenarioLoader.byNameOrPath("handshak"));
        assertTrue(e.format(Lang.EN).startsWith("handshak: there is no built-in scenario 'handshak'; built-in scenarios: handshake, data"),
                e.format(Lang.EN));
    }

    @Test
    void theExampleInTheFormatDocumentationLoadsAndRuns() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of("src/main/resources/tcplab/scenarios/README.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("```", start));
        Scenario sc = ScenarioLoader.parse(yaml, "README.md example");
        assertEquals("my-lab", sc.name());
        assertEquals(3, sc.actions().size());
        Traces.Result r = Traces.run(sc, ScenarioRunner.Overrides.NONE);
        assertTrue(Traces.apps(r).stream().anyMatch(a -> a.contains("client connect OK")), Traces.apps(r).toString());
    }

    @Nested
    class Format {
        @Test
        void aTeacherCanWriteHostsLinkDropsAndEveryActionInPlainYaml() throws ProblemException {
            Scenario sc = ScenarioLoader.parse(String.join("\n",
                    "scenario: lab",
                    "title: {en: Lab, zh: 实验}",
                    "seed: 7",
                    "hosts:",
                    "  a: {address: 10.1.1.1, profile: windows-10, closed_ports: drop}",
                    "  b: {address: 10.1.1.2, set: {tcp_fin_timeout: 30}}",
                    "link:",
                    "  delay_ms: 20.5",
                    "  loss: 0.01",
                    "  drop:",
                    "    - {flags: SYN-ACK, to: a, count: 2}",
                    "    - {nth: 3}",
                    "actions:",
                    "  - {at: 0, host: b, do: listen, port: 80, backlog: 5, accept: false, reply: {bytes: 10, text: hi}}",
                    "  - {at: 1, host: a, do: connect, to: b:80, send: {bytes: 5}, count: 3, interval_ms: 10}",
                    "  - {at: 2, host: a, do: send, bytes: 9, port: 80}",
                    "  - {at: 3, host: a, do: close}",
                    "  - {at: 4, host: a, do: abort, port: 80}",
                    "  - {at: 5, host: b, do: restart}",
                    "  - {at: 6, host: a, do: flood, to: b:80, count: 4, spoof: 203.0.113.0/24}",
                    "  - {at: 7, host: a, do: scan, targets: [10.1.2.1-10.1.2.3, 10.1.3.1], ports: [135, 445]}"), "lab.yaml");
            assertEquals(7, sc.seed());
            assertEquals(2, sc.drops().size());
            assertEquals(8, sc.actions().size(), "count: 3 is one connect action that opens three connections");
            assertEquals(3, ((Scenario.Connect) sc.actions().get(1)).count());
            Scenario.Scan scan = (Scenario.Scan) sc.actions().get(7);
            assertEquals(4, scan.targets().size());
            assertEquals(Profile.ClosedPort.DROP, sc.hosts().get(0).closedPorts());
        }
    }

    @Nested
    class HostNames {
        private String withHost(String name) {
            return "scenario: names\ntitle: {en: Names, zh: 名字}\nabout: {en: Names., zh: 名字。}\nhosts:\n  \"" + name
                    + "\": {address: 10.0.0.1}\n  server: {address: 10.0.0.2}\nactions:\n  - {at: 0, host: server, do: listen, port: 80}\n";
        }

        @Test
        void lettersOfAnyScriptNameAHost() throws ProblemException {
            for (String name : new String[] {"学生机", "网站", "client", "клиент", "web-1.lab_a", "हिन्दी", "ＰＣ"}) {
                Scenario sc = ScenarioLoader.parse(withHost(name), "names.yaml");
                assertEquals(name, sc.hosts().get(0).name());
            }
        }

        @Test
        void aNameThatWouldBreakATableOrATerminalIsRefusedWithItsCharactersShown() {
            String[][] cases = {
                {"学生 机", "'学生 机' is not a usable host name"},
                {"\u202Eevil", "'\\u202Eevil' is not a usable host name"},
                {"tab\\there", "'tab\\u0009here' is not a usable host name"},
                {"1st", "'1st' is not a usable host name"},
                {"a/b", "'a/b' is not a usable host name"},
                {"学".repeat(17), "at most 32 characters (16 Chinese ones)"},
            };
            for (String[] c : cases) {
                ProblemException e = assertThrows(ProblemException.class, () -> ScenarioLoader.parse(withHost(c[0]), "names.yaml"));
                assertTrue(e.format(Lang.EN).contains(c[1]), c[0] + ": " + e.format(Lang.EN));
                assertTrue(e.format(Lang.ZH).contains("不能作主机名"), e.format(Lang.ZH));
            }
            assertTrue(ScenarioLoader.isUsableHostName("学".repeat(16)), "16 Chinese characters fill the 32 columns exactly");
            assertTrue(ScenarioLoader.isUsableHostName("a".repeat(32)));
            assertTrue(!ScenarioLoader.isUsableHostName("a".repeat(33)));
        }

        @Test
        void wideCharactersTakeTwoColumnsAndCombiningMarksNone() {
            assertEquals(6, TextLadder.width("学生机"));
            assertEquals(8, TextLadder.width("client学"));
            assertEquals(1, TextLadder.width("e\u0301"), "e + combining acute");
            assertEquals(2, TextLadder.width(new StringBuilder().appendCodePoint(0x20000)), "an ideograph beyond the BMP");
        }
    }

    /** Limits a scenario file cannot pass (issue 15), checked while loading, before anything is expanded. */
    @Nested
    class Limits {
        private static final String HEAD = "scenario: s\ntitle: {en: x, zh: x}\n";

        private ProblemException refused(String text) {
            return org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(2),
                    () -> assertThrows(ProblemException.class, () -> ScenarioLoader.parse(text, "limits.yaml")));
        }

        @Test
        void moreThanAThousandHostsAreRefusedAtTheFirstOneTooMany() {
            StringBuilder sb = new StringBuilder(HEAD).append("hosts:\n");
            for (int i = 1; i <= 1_001; i++) {
                sb.append("  h").append(i).append(": {address: 10.0.").append(i / 256).append('.').append(i % 256).append("}\n");
            }
            sb.append("actions: []\n");
            ProblemException e = refused(sb.toString());
            assertEquals("limits.yaml:1004: more than 1,000 hosts; a scenario holds at most 1,000", e.format(Lang.EN));
            assertEquals("limits.yaml:1004: 主机超过了 1,000 台;一个场景最多 1,000 台", e.format(Lang.ZH));
        }

        @Test
        void aScanOf65536AddressesTimesAThousandPortsIsRefusedWithoutExpandingIt() {
            StringBuilder ports = new StringBuilder();
            for (int p = 1; p <= 1_000; p++) {
                ports.append(p == 1 ? "" : ", ").append(p);
            }
            String text = HEAD + "hosts:\n  worm: {address: 10.0.0.1}\nactions:\n"
                    + "  - {at: 0, host: worm, do: scan, targets: 10.1.0.0-10.1.255.255, ports: [" + ports + "]}\n";
            assertTrue(text.length() < 6_000, "a 5 KB file");
            ProblemException e = refused(text);
            assertEquals("limits.yaml:6: the actions open more than 100,000 connections (65,536,000 up to this one: each connect's "
                    + "and flood's count, each scan's targets × ports); a scenario opens at most 100,000", e.format(Lang.EN));
            assertTrue(e.format(Lang.ZH).startsWith("limits.yaml:6: 这些动作打开的连接超过了 100,000 个"), e.format(Lang.ZH));
        }

        @Test
        void connectionsOfSeveralActionsCountTogetherAndTheOneThatGoesPastIsNamed() {
            String text = HEAD + "hosts: {c: {address: 10.0.0.1}, s: {address: 10.0.0.2}}\nactions:\n"
                    + "  - {at: 0, host: s, do: listen, port: 80}\n"
                    + "  - {at: 0, host: c, do: connect, to: 's:80', count: 60000}\n"
                    + "  - {at: 0, host: c, do: flood, to: 's:80', count: 30000}\n"
                    + "  - {at: 0, host: c, do: connect, to: 's:80', count: 20000}\n"
                    + "  - {at: 0, host: c, do: connect, to: 's:80', count: 20000}\n";
            ProblemException e = refused(text);
            assertEquals(1, e.problems().size(), e.format(Lang.EN));
            assertTrue(e.format(Lang.EN).startsWith("limits.yaml:8: the actions open more than 100,000 connections (110,000 up to this one"),
                    e.format(Lang.EN));
        }

        @Test
        void aHundredThousandConnectionsStillLoad() throws ProblemException {
            String text = HEAD + "hosts: {c: {address: 10.0.0.1}, s: {address: 10.0.0.2}}\nactions:\n"
                    + "  - {at: 0, host: c, do: connect, to: 's:80', count: 100000}\n";
            assertEquals(1, ScenarioLoader.parse(text, "ok.yaml").actions().size());
        }

        @Test
        void moreThanTenThousandActionsAreRefused() {
            StringBuilder sb = new StringBuilder(HEAD).append("hosts: {s: {address: 10.0.0.2}}\nactions:\n");
            for (int i = 0; i < 10_001; i++) {
                sb.append("  - {at: 0, host: s, do: restart}\n");
            }
            ProblemException e = refused(sb.toString());
            assertEquals("limits.yaml:10005: more than 10,000 actions; a scenario holds at most 10,000", e.format(Lang.EN));
        }

        @Test
        void aClientPortRangeWhoseLowEndIsAboveItsHighEndIsAMistakeOfTheFileNotACrash() {
            String text = HEAD + "hosts:\n  client: {address: 10.0.0.1, set: {ip_local_port_range_min: 60000, ip_local_port_range_max: 1000}}\n"
                    + "  server: {address: 10.0.0.2}\nactions:\n  - {at: 0, host: server, do: listen, port: 80}\n"
                    + "  - {at: 0, host: client, do: connect, to: 'server:80'}\n";
            ProblemException e = refused(text);
            assertEquals("limits.yaml:4: 'ip_local_port_range_min' (60000) is larger than 'ip_local_port_range_max' (1000); "
                    + "the first is the lower end of the range", e.format(Lang.EN));
            assertEquals("limits.yaml:4: “ip_local_port_range_min”(60000)比“ip_local_port_range_max”(1000)还大;前者是范围的下限",
                    e.format(Lang.ZH));
        }
    }
}
