package tcplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tcplab.sim.ScenarioLoader;

/** {@code tcplab simulate} and {@code tcplab scenarios} as a user runs them. */
class SimulateCommandTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    static List<String> builtins() {
        return ScenarioLoader.BUILTIN;
    }

    @ParameterizedTest
    @MethodSource("builtins")
    void everyBuiltinScenarioRunsAsALadderInBothLanguages(String name) {
        Run en = run("simulate", "--scenario", name, "--lang", "en");
        assertEquals(0, en.exit(), en.err());
        assertTrue(en.out().startsWith("Scenario " + name + ": "), en.out());
        assertTrue(en.out().contains("End of the run at"));
        Run zh = run("simulate", "--scenario", name, "--lang", "zh");
        assertEquals(0, zh.exit(), zh.err());
        assertTrue(zh.out().startsWith("场景 " + name + ":"), zh.out());
        assertTrue(zh.out().contains("运行结束于"));
    }

    @ParameterizedTest
    @MethodSource("builtins")
    void everyBuiltinScenarioRunsAsJsonLinesOfTheDocumentedShapes(String name) throws Exception {
        Run r = run("simulate", "--scenario", name, "--format", "jsonl");
        assertEquals(0, r.exit(), r.err());
        ObjectMapper json = new ObjectMapper();
        double lastT = -1;
        for (String line : r.out().split("\n")) {
            JsonNode n = json.readTree(line);
            double t = n.get("t_ms").asDouble();
            assertTrue(t >= lastT, "events in time order");
            lastT = t;
            String type = n.get("type").asText();
            switch (type) {
                case "state":
                    for (String f : List.of("host", "local", "remote", "from", "to", "cause")) {
                        assertTrue(n.hasNonNull(f), f + " in " + line);
                    }
                    assertTrue(n.get("from").asText().matches("[A-Z_12]+"));
                    break;
                case "segment":
                    assertTrue(List.of("send", "deliver", "drop").contains(n.get("event").asText()), line);
                    assertTrue(n.get("flags").asText().matches("(SYN|FIN|RST|PSH|ACK)(,(SYN|FIN|RST|PSH|ACK))*"), line);
                    assertTrue(n.get("seq").isIntegralNumber() && n.get("ack").isIntegralNumber() && n.get("len").isIntegralNumber());
                    assertTrue(n.get("seq").asLong() >= 0 && n.get("seq").asLong() < (1L << 32));
                    break;
                case "app":
                    assertTrue(n.hasNonNull("call") && n.hasNonNull("result"), line);
                    break;
                default:
                    throw new AssertionError("unknown type " + type);
            }
        }
    }

    @Test
    void jsonLinesOfTheHandshakeMatchTheIssuesExamplesExactly() throws Exception {
        Run r = run("simulate", "--scenario", "handshake", "--format", "jsonl");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            lines.add(json.readTree(line));
        }
        JsonNode listen = lines.get(0);
        assertEquals("{\"t_ms\":0.0,\"type\":\"state\",\"host\":\"server\",\"local\":\"0.0.0.0:80\",\"remote\":\"*\",\"from\":\"CLOSED\",\"to\":\"LISTEN\",\"cause\":\"passive OPEN\"}",
                r.out().split("\n")[0].replaceAll(",\"socket\":\\d+", ""));
        assertEquals("state", listen.get("type").asText());
        JsonNode established = lines.stream().filter(n -> n.get("type").asText().equals("state")
                && n.get("host").asText().equals("client") && n.get("to").asText().equals("ESTABLISHED")).findFirst().orElseThrow();
        assertEquals(200.0, established.get("t_ms").asDouble());
        assertEquals("SYN_SENT", established.get("from").asText());
        assertEquals("rcv SYN,ACK", established.get("cause").asText());
        JsonNode syn = lines.stream().filter(n -> n.get("type").asText().equals("segment")).findFirst().orElseThrow();
        assertEquals("send", syn.get("event").asText());
        assertEquals("SYN", syn.get("flags").asText());
        assertEquals(0, syn.get("ack").asLong());
        assertEquals("10.0.0.2:80", syn.get("dst").asText());
    }

    @Test
    void theLadderSaysWhichTimerSentASegmentAgainInBothLanguages(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path f = dir.resolve("lost-twice.yaml");
        java.nio.file.Files.writeString(f, String.join("\n",
                "scenario: lost-twice",
                "title: {en: Lost twice, zh: 丢失两次}",
                "hosts:",
                "  client: {address: 10.0.0.1}",
                "  server: {address: 10.0.0.2}",
                "link:",
                "  drop:",
                "    - {flags: PSH-ACK, from: client, count: 2}",
                "actions:",
                "  - {at: 0, host: server, do: listen, port: 80}",
                "  - {at: 0, host: client, do: connect, to: server:80, send: {bytes: 100}}", ""));
        Run en = run("simulate", "--scenario", f.toString(), "--lang", "en");
        assertEquals(0, en.exit(), en.err());
        assertTrue(line(en.out(), "800.0").contains("(tail-loss probe, ahead of the RTO)"), en.out());
        assertTrue(line(en.out(), "1400.0").contains("(retransmitted: the RTO expired)"), en.out());
        Run zh = run("simulate", "--scenario", f.toString(), "--lang", "zh");
        assertTrue(line(zh.out(), "800.0").contains("(尾部丢失探测 TLP,早于 RTO 发出)"), zh.out());
        assertTrue(line(zh.out(), "1400.0").contains("(超时重传:RTO 到期)"), zh.out());
        Run jsonl = run("simulate", "--scenario", f.toString(), "--format", "jsonl");
        assertTrue(jsonl.out().lines().anyMatch(l -> l.contains("\"t_ms\":800.0") && l.contains("\"resend\":\"tlp\"")), jsonl.out());
        assertTrue(jsonl.out().lines().anyMatch(l -> l.contains("\"t_ms\":1400.0") && l.contains("\"resend\":\"rto\"")), jsonl.out());
    }

    /** The ladder's line of the segment sent at {@code time} by the client (first column). */
    private static String line(String ladder, String time) {
        return ladder.lines().filter(l -> l.trim().startsWith(time + " |-")).findFirst().orElse("no line at " + time);
    }

    @Test
    void theSameSeedGivesTheSameOutputAndAnotherSeedAnotherIsn() {
        String a = run("simulate", "--scenario", "data", "--format", "jsonl", "--seed", "5").out();
        String b = run("simulate", "--scenario", "data", "--format", "jsonl", "--seed", "5").out();
        String c = run("simulate", "--scenario", "data", "--format", "jsonl", "--seed", "6").out();
        assertEquals(a, b);
        assertFalse(a.equals(c));
    }

    @Test
    void setChangesAProfileSettingForTheRun() {
        Run r = run("simulate", "--scenario", "syn-timeout", "--format", "jsonl", "--set", "tcp_syn_retries=1", "--set", "tcp_syn_linear_timeouts=0");
        assertEquals(0, r.exit(), r.err());
        // One retransmission at 1 s, then the doubled RTO: connect() fails at 3 s.
        assertTrue(r.out().contains("{\"t_ms\":3000.0,\"type\":\"app\",\"host\":\"client\",\"call\":\"connect\",\"result\":\"ETIMEDOUT\""), r.out());
    }

    @Test
    void theHeaderSaysTheDelayAndLossInEffectNotTheFilesOwn() {
        Run loss = run("simulate", "--scenario", "handshake", "--loss", "1.0", "--lang", "en");
        assertEquals(0, loss.exit(), loss.err());
        assertTrue(loss.out().contains("seed 1 | one-way delay 100.0 ms | loss 100.0% |"), loss.out());
        Run delay = run("simulate", "--scenario", "handshake", "--delay-ms", "5", "--lang", "zh");
        assertTrue(delay.out().lines().anyMatch(l -> l.contains("5.0") && l.contains("0.0%")) && !delay.out().contains("100.0"),
                delay.out());
        assertTrue(delay.out().contains("|------------ SYN seq=0 len=0 ------------->|  #1 arrives 5.0")
                || delay.out().contains("#1 到达 5.0"), delay.out());
    }

    @Test
    void aReversedPortRangeFromSetIsOneUsageErrorNotAnInternalError() {
        Run r = run("simulate", "--scenario", "handshake", "--set", "ip_local_port_range_min=60000",
                "--set", "ip_local_port_range_max=1000", "--lang", "en");
        assertEquals(2, r.exit(), r.err());
        assertEquals("tcplab: error: --set ip_local_port_range_min: 'ip_local_port_range_min' (60000) is larger than "
                + "'ip_local_port_range_max' (1000); the first is the lower end of the range\n", r.err());
    }

    @Test
    void anOutOfRangeSetIsSaidOnceThoughBothHostsHaveTheSetting() {
        Run r = run("simulate", "--scenario", "handshake", "--set", "rto_min_ms=999999999", "--lang", "en");
        assertEquals(2, r.exit());
        assertEquals("tcplab: error: --set rto_min_ms: 'rto_min_ms' must be between 1 and 60000, not 999999999\n", r.err());
    }

    @Test
    void untilStopsTheRunAtThatVirtualTime() {
        Run r = run("simulate", "--scenario", "active-close", "--until", "800", "--lang", "en");
        assertTrue(r.out().contains("End of the run at 800.0 ms"), r.out());
        assertTrue(r.out().contains("FIN_WAIT_2 10.0.0.1:"), r.out());
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCodeTwo() {
        Run r = run("simulate", "--scenario", "handshake", "--bogus", "--lang", "en");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown option '--bogus'"), r.err());
        assertTrue(r.err().contains("tcplab simulate --help"), r.err());
        assertFalse(r.err().contains("at tcplab."), "no stack trace");
    }

    @Test
    void anUnknownScenarioNameListsTheBuiltinOnesWithExitCodeTwo() {
        Run r = run("simulate", "--scenario", "handshak", "--lang", "en");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("there is no built-in scenario 'handshak'; built-in scenarios: handshake,"), r.err());
    }

    @Test
    void aBrokenScenarioFileGivesFileLineMessagesAndExitCodeOne() {
        Run r = run("simulate", "--scenario", "src/test/resources/scenarios/broken/bad-values.yaml", "--lang", "en");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("bad-values.yaml:4: '10.0.0.300' is not an IPv4 address"), r.err());
        assertTrue(r.err().contains("bad-values.yaml:12: unknown action 'teleport'"), r.err());
    }

    @Test
    void badValuesOfOptionsAreUsageErrorsInTheChosenLanguage() {
        assertEquals(2, run("simulate", "--scenario", "handshake", "--loss", "2").exit());
        assertEquals(2, run("simulate", "--scenario", "handshake", "--set", "tcp_magic=1").exit());
        assertEquals(2, run("simulate", "--scenario", "handshake", "--set", "tcp_syn_retries=many").exit());
        assertEquals(2, run("simulate", "--scenario", "handshake", "--profile", "solaris").exit());
        assertEquals(2, run("simulate", "--scenario", "handshake", "--format", "xml").exit());
        assertEquals(2, run("simulate", "--scenario", "handshake", "--lang", "fr").exit());
        Run zh = run("simulate", "--scenario", "handshake", "--loss", "2", "--lang", "zh");
        assertTrue(zh.err().contains("--loss 应为 0 到 1 之间的概率"), zh.err());
    }

    @Test
    void everyCommandHasHelpInBothLanguages() {
        for (String[] cmd : List.of(new String[] {"simulate"}, new String[] {"scenarios"}, new String[] {"bench"},
                new String[] {"bench", "sim"})) {
            List<String> en = new ArrayList<>(List.of(cmd));
            en.addAll(List.of("--help", "--lang", "en"));
            Run r = run(en.toArray(String[]::new));
            assertEquals(0, r.exit(), String.join(" ", cmd));
            assertTrue(r.out().contains("Usage:"), r.out());
            List<String> zh = new ArrayList<>(List.of(cmd));
            zh.addAll(List.of("--help", "--lang", "zh"));
            Run z = run(zh.toArray(String[]::new));
            assertTrue(z.out().contains("用法:"), z.out());
        }
        assertTrue(run("simulate", "--help", "--lang", "zh").out().contains("在模拟网络上运行一个场景"));
    }

    @Test
    void scenariosListsEveryBuiltinWithItsTitle() {
        Run r = run("scenarios", "--lang", "zh");
        assertEquals(0, r.exit());
        for (String name : ScenarioLoader.BUILTIN) {
            assertTrue(r.out().contains("  " + name + " "), name);
        }
        assertTrue(r.out().contains("三次握手"));
    }
}
