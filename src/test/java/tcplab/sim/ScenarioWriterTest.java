package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tcplab.i18n.Lang;
import tcplab.tcp.Endpoint;
import tcplab.tcp.Flags;

/** A scenario written by {@link ScenarioWriter} reads back as the same scenario, and runs the same. */
class ScenarioWriterTest {

    static List<String> builtins() {
        return ScenarioLoader.BUILTIN;
    }

    /** The scenario without where it was read from: its file name and lines. */
    static Scenario withoutLines(Scenario s) {
        List<Scenario.HostSpec> hosts = new ArrayList<>();
        for (Scenario.HostSpec h : s.hosts()) {
            hosts.add(new Scenario.HostSpec(h.name(), h.address(), h.profile(), h.settings(), h.closedPorts(), 0));
        }
        List<DropRule> drops = new ArrayList<>();
        for (DropRule r : s.drops()) {
            drops.add(new DropRule(r.flags(), r.from(), r.to(), r.nth(), r.count(), r.afterMs(), ""));
        }
        List<Scenario.Action> actions = new ArrayList<>();
        for (Scenario.Action a : s.actions()) {
            actions.add(unlined(a));
        }
        return new Scenario(s.name(), "", s.title(), s.about(), s.seed(), s.delayMs(), s.loss(), drops, hosts, actions, s.untilMs());
    }

    private static Scenario.Action unlined(Scenario.Action a) {
        if (a instanceof Scenario.Listen l) {
            return new Scenario.Listen(l.atMs(), l.host(), 0, l.port(), l.backlog(), l.accept(), l.program(), l.app());
        } else if (a instanceof Scenario.Connect c) {
            return new Scenario.Connect(c.atMs(), c.host(), 0, c.to(), c.fromPort(), c.program(), c.app(), c.count(), c.intervalMs());
        } else if (a instanceof Scenario.Send s) {
            return new Scenario.Send(s.atMs(), s.host(), 0, s.bytes(), s.text(), s.port());
        } else if (a instanceof Scenario.Close c) {
            return new Scenario.Close(c.atMs(), c.host(), 0, c.port(), c.listenerPort());
        } else if (a instanceof Scenario.Abort ab) {
            return new Scenario.Abort(ab.atMs(), ab.host(), 0, ab.port());
        } else if (a instanceof Scenario.Restart r) {
            return new Scenario.Restart(r.atMs(), r.host(), 0);
        } else if (a instanceof Scenario.Flood f) {
            return new Scenario.Flood(f.atMs(), f.host(), 0, f.to(), f.count(), f.intervalMs(), f.spoofBase(), f.spoofPrefix());
        }
        Scenario.Scan s = (Scenario.Scan) a;
        return new Scenario.Scan(s.atMs(), s.host(), 0, s.targets(), s.ports(), s.intervalMs(), s.program());
    }

    /** What two runs must share: every state change and every segment, in order. */
    static List<String> run(Scenario s) throws Exception {
        List<String> out = new ArrayList<>(Traces.segments(Traces.run(s, ScenarioRunner.Overrides.NONE)));
        for (Scenario.HostSpec h : s.hosts()) {
            out.addAll(Traces.states(Traces.run(s, ScenarioRunner.Overrides.NONE), h.name()));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("builtins")
    void everyBuiltInScenarioWrittenOutReadsBackTheSameAndRunsTheSame(String name) throws Exception {
        Scenario original = ScenarioLoader.builtin(name);
        String text = ScenarioWriter.write(original);
        Scenario back = ScenarioLoader.parse(text, name + ".yaml");
        assertEquals(withoutLines(original), withoutLines(back), text);
        assertEquals(text, ScenarioWriter.write(back), "writing what was read back gives the same text");
        assertEquals(run(original), run(back));
    }

    @Property(tries = 300)
    void anyScenarioOfTheTypesReadsBackTheSame(@ForAll("scenarios") Scenario s) throws Exception {
        String text = ScenarioWriter.write(s);
        Scenario back = ScenarioLoader.parse(text, "gen.yaml");
        assertEquals(withoutLines(s), withoutLines(back), text);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange(' ', '~').withChars("中文\"\\:#{}[],'\t")
                .ofMinLength(1).ofMaxLength(20).filter(t -> !t.isBlank() && t.equals(t.trim()));
        Arbitrary<AppBehavior> listenApp = Combinators.combine(Arbitraries.integers().between(0, 5000), label,
                Arbitraries.of(-1.0, 0.0, 50.0, 200.5), Arbitraries.of(-1.0, 0.0, 600.0))
                .as((bytes, text, eof, after) -> new AppBehavior(0, null, bytes, bytes > 0 ? text : null, eof, after));
        Arbitrary<AppBehavior> connectApp = Combinators.combine(Arbitraries.integers().between(0, 5000), label,
                Arbitraries.of(-1.0, 5.0), Arbitraries.of(-1.0, 150.0))
                .as((bytes, text, eof, after) -> new AppBehavior(bytes, bytes > 0 ? text : null, 0, null, eof, after));
        Arbitrary<Scenario.Action> listen = Combinators.combine(Arbitraries.of(0.0, 10.0, 2.5), Arbitraries.integers().between(1, 65535),
                Arbitraries.integers().between(0, 512), Arbitraries.of(true, false), Arbitraries.of("nginx", "svch0st.exe", "G_Server.exe"), listenApp)
                .as((at, port, backlog, accept, program, app) -> new Scenario.Listen(at, "server", 0, port, backlog, accept, program, app));
        Arbitrary<Scenario.Action> connect = Combinators.combine(Arbitraries.of(0.0, 30.0), Arbitraries.integers().between(1, 65535),
                Arbitraries.of("chrome.exe", "curl"), connectApp, Arbitraries.integers().between(1, 30), Arbitraries.of(0.0, 40.0))
                .as((at, port, program, app, count, interval) -> new Scenario.Connect(at, "client", 0,
                        new Scenario.Target("server", 0, port), 0, program, app, count, interval));
        Arbitrary<Scenario.Action> toAddress = Arbitraries.integers().between(1, 254).map(x ->
                new Scenario.Connect(60, "client", 0, new Scenario.Target(null, Endpoint.parseAddress("104.20.3." + x), 443),
                        0, "firefox.exe", AppBehavior.PASSIVE, 1, 0));
        Arbitrary<Scenario.Action> scan = Combinators.combine(Arbitraries.integers().between(1, 40), Arbitraries.of(135, 445))
                .as((n, port) -> {
                    List<Integer> t = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        t.add(Endpoint.parseAddress("10.0.1." + i));
                    }
                    t.add(Endpoint.parseAddress("10.0.9.9"));
                    // Blaster (msblast.exe) scans 135, Sasser (avserve.exe) 445.
                    return new Scenario.Scan(100, "client", 0, t, List.of(port), 20, port == 135 ? "msblast.exe" : "avserve.exe");
                });
        Arbitrary<Scenario.Action> others = Arbitraries.of(
                new Scenario.Send(5, "client", 0, 100, "GET /", 0),
                new Scenario.Close(900, "client", 0, 0, 0),
                new Scenario.Close(900, "server", 0, 80, 0),
                new Scenario.Close(900, "server", 0, 0, 80),
                new Scenario.Abort(700, "client", 0, 0),
                new Scenario.Restart(800, "server", 0),
                new Scenario.Flood(100, "client", 0, new Scenario.Target("server", 0, 80), 40, 10, Endpoint.parseAddress("198.51.100.0"), 24));
        Arbitrary<List<Scenario.Action>> actions = Arbitraries.oneOf(listen, connect, toAddress, scan, others).list().ofMinSize(1).ofMaxSize(6);
        Arbitrary<DropRule> drop = Combinators.combine(Arbitraries.of(-1, Flags.SYN, Flags.SYN | Flags.ACK), Arbitraries.of("client", "server", null),
                Arbitraries.longs().between(0, 9), Arbitraries.of(-1, 1, 2), Arbitraries.of(0.0, 200.0))
                .as((flags, to, nth, count, after) -> new DropRule(flags, null, to, nth,
                        nth > 0 && count < 1 ? 1 : count, flags < 0 && to == null && nth == 0 && after == 0 ? 1 : after, ""));
        return Combinators.combine(actions, drop.list().ofMaxSize(2), Arbitraries.longs().between(1, 1_000_000),
                Arbitraries.of(20.0, 100.0, 33.3), Arbitraries.of(0.0, 0.05), label)
                .as((acts, drops, seed, delay, loss, title) -> new Scenario("gen", "", Map.of(Lang.EN, title, Lang.ZH, "测验:" + title),
                        Map.of(), seed, delay, loss, drops,
                        List.of(new Scenario.HostSpec("client", Endpoint.parseAddress("10.0.0.1"), "windows-xp", Map.of(), Profile.ClosedPort.RESET, 0),
                                new Scenario.HostSpec("server", Endpoint.parseAddress("10.0.0.2"), "linux", Map.of("tcp_syncookies", 0L),
                                        Profile.ClosedPort.DROP, 0)),
                        acts, -1));
    }

    @org.junit.jupiter.api.Test
    void addressesAreWrittenAsRanges() {
        List<Integer> a = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            a.add(Endpoint.parseAddress("10.0.1." + i));
        }
        a.add(Endpoint.parseAddress("10.0.2.7"));
        assertEquals("[10.0.1.1-10.0.1.40, 10.0.2.7]", ScenarioWriter.ranges(a));
        assertTrue(ScenarioWriter.quote("a \"b\" \\ c\n").equals("\"a \\\"b\\\" \\\\ c\\n\""));
    }
}
