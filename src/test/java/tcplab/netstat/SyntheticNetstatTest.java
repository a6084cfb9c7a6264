package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tcplab.i18n.Lang;
import tcplab.sim.Host;
import tcplab.sim.ScenarioLoader;
import tcplab.sim.ScenarioRunner;
import tcplab.sim.TraceSink;
import tcplab.tcp.TcpState;

/**
 * End to end: a simulated host's socket table, emitted in a real tool's format, read back by the
 * parser that reads pasted output, and explained — the same code path as {@code tcplab explain}.
 */
class SyntheticNetstatTest {

    static List<Dialect> emittable() {
        List<Dialect> out = new ArrayList<>();
        for (Dialect d : Dialect.values()) {
            if (d.emittable()) {
                out.add(d);
            }
        }
        return out;
    }

    static Host hostAt(String scenario, String host, double ms) throws Exception {
        ScenarioRunner.Run run = ScenarioRunner.build(ScenarioLoader.builtin(scenario), ScenarioRunner.Overrides.NONE, TraceSink.NONE);
        run.simulation().runUntil(Math.round(ms * 1000));
        return run.simulation().host(host);
    }

    record Explained(List<ParsedLine> lines, Explainer.Summary summary) {
        List<String> warningCodes() {
            List<String> codes = new ArrayList<>();
            for (Warning w : summary.warnings()) {
                codes.add(w.code().name());
            }
            return codes;
        }
    }

    static Explained explain(String text, Lang lang) {
        NetstatParser p = new NetstatParser(new StringReader(text), null);
        Explainer e = new Explainer(lang);
        List<ParsedLine> lines = new ArrayList<>();
        ParsedLine l;
        while ((l = p.next()) != null) {
            e.explain(l);
            lines.add(l);
        }
        return new Explained(lines, e.summary());
    }

    @ParameterizedTest
    @MethodSource("emittable")
    void synFloodOnTheServerIsExplainedAsASynFloodInEveryDialect(Dialect d) throws Exception {
        Host server = hostAt("syn-flood", "server", 3000);
        String text = HostTable.emit(server, d);
        for (Lang lang : Lang.values()) {
            Explained x = explain(text, lang);
            assertEquals(0, x.summary().unrecognised(), d + ": every synthetic line is recognised");
            assertEquals(129L, x.summary().byState().get("SYN_RECEIVED"), d.toString());
            assertTrue(x.warningCodes().contains("SYN_FLOOD"), d + " " + x.warningCodes());
        }
    }

    @ParameterizedTest
    @MethodSource("emittable")
    void wormScanOnTheWormIsExplainedAsAScanInEveryDialect(Dialect d) throws Exception {
        Host worm = hostAt("worm-scan", "worm", 1000);
        Explained x = explain(HostTable.emit(worm, d), Lang.EN);
        assertEquals(0, x.summary().unrecognised());
        assertEquals(38L, x.summary().byState().get("SYN_SENT"));
        assertTrue(x.warningCodes().contains("SCAN"), d + " " + x.warningCodes());
    }

    @ParameterizedTest
    @MethodSource("emittable")
    void aPlainHandshakeGivesNoWarningInAnyDialect(Dialect d) throws Exception {
        for (String host : List.of("client", "server")) {
            Explained x = explain(HostTable.emit(hostAt("handshake", host, 400), d), Lang.ZH);
            assertEquals(0, x.summary().unrecognised());
            assertEquals(List.of(), x.warningCodes(), d + " " + host);
        }
    }

    @ParameterizedTest
    @MethodSource("emittable")
    void whatTheParserReadsBackIsTheHostsSocketTableAsFarAsTheDialectShowsIt(Dialect d) throws Exception {
        Host server = hostAt("data", "server", 450);
        List<SocketRow> expected = NetstatEmitter.shown(d, HostTable.rows(server));
        List<SocketRow> parsed = new ArrayList<>();
        for (ParsedLine l : NetstatParser.parseAll(HostTable.emit(server, d))) {
            if (l instanceof ParsedLine.Socket sock) {
                parsed.add(sock.row());
            }
        }
        assertEquals(expected.size(), parsed.size(), d.toString());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).state(), parsed.get(i).state(), d.toString());
            assertEquals(expected.get(i).local().port(), parsed.get(i).local().port(), d.toString());
        }
    }

    @Test
    void aHostsTableListsEveryOpenSocketWithItsProgramAndPid() throws Exception {
        Host server = hostAt("handshake", "server", 400);
        List<SocketRow> rows = HostTable.rows(server);
        assertEquals(2, rows.size());
        assertEquals(TcpState.LISTEN, rows.get(0).state());
        assertEquals("nginx", rows.get(0).program());
        assertEquals(rows.get(0).pid(), rows.get(1).pid(), "the accepted connection belongs to the listening program");
    }

    @Test
    void ssShowsTheListenersBacklogOnItsListenRowAndNetstatShowsZero() throws Exception {
        Host server = hostAt("syn-flood", "server", 3000);
        SocketRow listener = HostTable.rows(server).get(0);
        assertEquals(TcpState.LISTEN, listener.state());
        assertEquals(128L, listener.backlog(), "syn-flood listens with backlog: 128");
        assertEquals(0L, listener.sendQ(), "a listener has nothing to send");
        for (Dialect d : List.of(Dialect.SS, Dialect.SS_P)) {
            String line = HostTable.emit(server, d).split("\n")[1];
            assertTrue(line.matches("LISTEN +0 +128 +0\\.0\\.0\\.0:80 .*"), d + ": " + line);
        }
        String netTools = HostTable.emit(server, Dialect.LINUX_P).split("\n")[2];
        assertTrue(netTools.startsWith("tcp        0      0 0.0.0.0:80 "), netTools);
        // handshake's nginx asks for nginx's default backlog, 511, under somaxconn (4096).
        assertEquals(511L, HostTable.rows(hostAt("handshake", "server", 400)).get(0).backlog());
        assertNull(HostTable.rows(hostAt("handshake", "server", 400)).get(1).backlog(), "only a listener has one");
    }
}
