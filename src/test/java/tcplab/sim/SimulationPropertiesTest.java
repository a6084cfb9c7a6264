package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tcplab.i18n.Lang;
import tcplab.i18n.ProblemException;
import tcplab.sim.TraceEvent.AppEvent;
import tcplab.sim.TraceEvent.SegmentAction;
import tcplab.sim.TraceEvent.SegmentEvent;
import tcplab.sim.TraceEvent.StateChange;
import tcplab.tcp.Cause;
import tcplab.tcp.Endpoint;
import tcplab.tcp.Flags;
import tcplab.tcp.TcpState;

/**
 * Properties of whole simulations over random scenarios: random profiles, delays, random loss,
 * targeted drops, and random application behaviour (sends, closes, aborts, restarts).
 */
class SimulationPropertiesTest {

    // ------------------------------------------------------------------ the transitions allowed

    /**
     * RFC 9293 Figure 5, edge by edge with its event label, written out here independently of the
     * implementation; FIN-WAIT-1 → TIME-WAIT on a FIN that also acknowledges ours is the edge
     * TCP/IP Illustrated draws and TCP.md lists.
     */
    static final Set<String> FIGURE_5 = Set.of(
            "CLOSED>LISTEN (passive OPEN)",
            "CLOSED>SYN_SENT (active OPEN)",
            "LISTEN>SYN_RECEIVED (rcv SYN)",
            "LISTEN>SYN_SENT (SEND)",
            "LISTEN>CLOSED (CLOSE)",
            "SYN_SENT>SYN_RECEIVED (rcv SYN)",
            "SYN_SENT>ESTABLISHED (rcv SYN,ACK)",
            "SYN_SENT>CLOSED (CLOSE)",
            "SYN_RECEIVED>ESTABLISHED (rcv ACK of SYN)",
            "SYN_RECEIVED>FIN_WAIT_1 (CLOSE)",
            "SYN_RECEIVED>LISTEN (rcv RST)",
            "ESTABLISHED>FIN_WAIT_1 (CLOSE)",
            "ESTABLISHED>CLOSE_WAIT (rcv FIN)",
            "FIN_WAIT_1>FIN_WAIT_2 (rcv ACK of FIN)",
            "FIN_WAIT_1>CLOSING (rcv FIN)",
            "FIN_WAIT_1>TIME_WAIT (rcv FIN,ACK of FIN)",
            "FIN_WAIT_2>TIME_WAIT (rcv FIN)",
            "CLOSING>TIME_WAIT (rcv ACK of FIN)",
            "CLOSE_WAIT>LAST_ACK (CLOSE)",
            "LAST_ACK>CLOSED (rcv ACK of FIN)",
            "TIME_WAIT>CLOSED (timeout 2MSL)");

    /** The exits RFC 9293 §3.10 specifies that Figure 5 does not draw, and the model's documented extras. */
    static boolean documentedExit(StateChange s) {
        TcpState from = s.from();
        TcpState to = s.to();
        switch (s.cause()) {
            case ABORT:
            case HOST_RESTART:
                return to == TcpState.CLOSED;
            case RCV_RST:
                // §3.10.7.3 (SYN-SENT, refused) and §3.10.7.4 (every other state with a TCB).
                return to == TcpState.CLOSED && from != TcpState.CLOSED && from != TcpState.LISTEN;
            case TIMEOUT_RETRANSMISSION:
            case TIMEOUT_USER:
                // Something unacknowledged is outstanding in these states only.
                return to == TcpState.CLOSED && Set.of(TcpState.SYN_SENT, TcpState.SYN_RECEIVED, TcpState.ESTABLISHED,
                        TcpState.FIN_WAIT_1, TcpState.CLOSE_WAIT, TcpState.CLOSING, TcpState.LAST_ACK).contains(from);
            case TIMEOUT_FIN_WAIT_2:
                return from == TcpState.FIN_WAIT_2 && to == TcpState.CLOSED;
            case RCV_ACK_WITH_COOKIE:
                return from == TcpState.LISTEN && to == TcpState.SYN_RECEIVED;
            case RCV_SYN:
                // §3.10.7.4 fourth: SYN in SYN-RECEIVED of a passive open returns it to LISTEN.
                return from == TcpState.SYN_RECEIVED && to == TcpState.LISTEN;
            default:
                return false;
        }
    }

    static String edge(StateChange s) {
        return s.from() + ">" + s.to() + " (" + s.cause().label() + ")";
    }

    // ------------------------------------------------------------------ generated scenarios

    /** The knobs of one random run. */
    record Setup(long seed, String clientProfile, String serverProfile, int delayMs, double loss,
                 List<DropRule> drops, boolean simultaneousOpen, int requestBytes, int replyBytes,
                 double clientCloseAt, double clientCloseAfterEof, double serverCloseAfterEof,
                 double serverCloseAfterAccept, double abortAt, String abortHost, double restartAt,
                 double serverSendAt, int serverSendBytes, boolean acceptNever) {

        Scenario scenario() {
            List<Scenario.Action> actions = new ArrayList<>();
            if (simultaneousOpen) {
                actions.add(new Scenario.Connect(0, "client", 1, new Scenario.Target("server", 0, 5002), 5001, "peer",
                        new AppBehavior(requestBytes, "req", 0, null, clientCloseAfterEof, -1), 1, 0));
                actions.add(new Scenario.Connect(0, "server", 2, new Scenario.Target("client", 0, 5001), 5002, "peer",
                        new AppBehavior(0, null, replyBytes, "resp", serverCloseAfterEof, serverCloseAfterAccept), 1, 0));
            } else {
                actions.add(new Scenario.Listen(0, "server", 1, 80, 0, !acceptNever, "srv",
                        new AppBehavior(0, null, replyBytes, "resp", serverCloseAfterEof, serverCloseAfterAccept)));
                actions.add(new Scenario.Connect(0, "client", 2, new Scenario.Target("server", 0, 80), 0, "cli",
                        new AppBehavior(requestBytes, "req", 0, null, clientCloseAfterEof, -1), 1, 0));
            }
            if (clientCloseAt >= 0) {
                actions.add(new Scenario.Close(clientCloseAt, "client", 3, 0, 0));
            }
            if (abortAt >= 0) {
                actions.add(new Scenario.Abort(abortAt, abortHost, 4, 0));
            }
            if (restartAt >= 0) {
                actions.add(new Scenario.Restart(restartAt, "client", 5));
            }
            if (serverSendAt >= 0) {
                actions.add(new Scenario.Send(serverSendAt, "server", 6, serverSendBytes, "push", 0));
            }
            return new Scenario("generated", "generated", Map.of(), Map.of(), seed, delayMs, loss, drops,
                    List.of(new Scenario.HostSpec("client", Endpoint.parseAddress("10.0.0.1"), clientProfile, Map.of(),
                                    Profile.ClosedPort.RESET, 1),
                            new Scenario.HostSpec("server", Endpoint.parseAddress("10.0.0.2"), serverProfile, Map.of(),
                                    Profile.ClosedPort.RESET, 2)),
                    actions, -1);
        }
    }

    @Provide
    Arbitrary<Setup> setups() {
        Arbitrary<String> profile = Arbitraries.of("linux", "windows-xp", "windows-10");
        Arbitrary<Integer> flags = Arbitraries.of(Flags.SYN, Flags.SYN | Flags.ACK, Flags.ACK, Flags.FIN | Flags.ACK,
                Flags.PSH | Flags.ACK, Flags.RST, Flags.RST | Flags.ACK);
        Arbitrary<DropRule> rule = Combinators.combine(flags, Arbitraries.of("client", "server", "any"),
                Arbitraries.integers().between(1, 3), Arbitraries.longs().between(0, 20), Arbitraries.of(true, false))
                .as((f, to, count, nth, byNth) -> byNth
                        ? new DropRule(-1, null, null, Math.max(1, nth), 1, 0, "gen:nth")
                        : new DropRule(f, null, to.equals("any") ? null : to, 0, count, 0, "gen:flags"));
        Arbitrary<Double> maybeTime = Arbitraries.oneOf(Arbitraries.just(-1.0),
                Arbitraries.doubles().between(0, 3000).ofScale(0));
        return Combinators.combine(
                Combinators.combine(Arbitraries.longs(), profile, profile, Arbitraries.integers().between(1, 200),
                        Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(0, 0.3).ofScale(2)),
                        rule.list().ofMaxSize(3), Arbitraries.of(false, false, false, true))
                        .as((x0, x1, x2, x3, x4, x5, x6) -> new Object[] {x0, x1, x2, x3, x4, x5, x6}),
                Combinators.combine(Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 6000)),
                        Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 4000)),
                        maybeTime, maybeTime, maybeTime, maybeTime)
                        .as((x0, x1, x2, x3, x4, x5) -> new Object[] {x0, x1, x2, x3, x4, x5}),
                Combinators.combine(Arbitraries.oneOf(Arbitraries.just(-1.0), Arbitraries.just(-1.0), maybeTime),
                        Arbitraries.of("client", "server"),
                        Arbitraries.oneOf(Arbitraries.just(-1.0), Arbitraries.just(-1.0), Arbitraries.just(-1.0), maybeTime),
                        maybeTime, Arbitraries.integers().between(1, 3000), Arbitraries.of(false, false, false, true))
                        .as((x0, x1, x2, x3, x4, x5) -> new Object[] {x0, x1, x2, x3, x4, x5}))
                .as((a, b, c) -> new Setup((Long) a[0], (String) a[1], (String) a[2], (Integer) a[3], (Double) a[4],
                        castDrops(a[5]), (Boolean) a[6], (Integer) b[0], (Integer) b[1], (Double) b[2], (Double) b[3],
                        (Double) b[4], (Double) b[5], (Double) c[0], (String) c[1], (Double) c[2], (Double) c[3],
                        (Integer) c[4], (Boolean) c[5]));
    }

    @SuppressWarnings("unchecked")
    private static List<DropRule> castDrops(Object o) {
        return (List<DropRule>) o;
    }

    private static Traces.Result run(Setup s) {
        try {
            return Traces.run(s.scenario(), ScenarioRunner.Overrides.NONE);
        } catch (ProblemException e) {
            throw new AssertionError(e.format(Lang.EN));
        }
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = 1500, edgeCases = EdgeCasesMode.MIXIN)
    void onlyFigureFiveTransitionsAndTheDocumentedExitsEverHappen(@ForAll("setups") Setup s) {
        Set<String> seen = new java.util.TreeSet<>();
        for (TraceEvent e : run(s).events()) {
            if (e instanceof StateChange sc) {
                assertTrue(FIGURE_5.contains(edge(sc)) || documentedExit(sc), () -> "not a Figure 5 transition: " + edge(sc));
                seen.add(edge(sc));
            }
        }
        // Shows in the report how often each edge is reached by the generated runs.
        for (String edge : seen) {
            net.jqwik.api.statistics.Statistics.label("edges").collect(edge);
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.MIXIN)
    void theSameSeedGivesTheSameTrace(@ForAll("setups") Setup s) {
        assertEquals(run(s).events(), run(s).events());
    }

    @Property(tries = 1500, edgeCases = EdgeCasesMode.MIXIN)
    void bothEndsFinishConsistent(@ForAll("setups") Setup s) {
        Traces.Result r = run(s);
        Map<Integer, List<StateChange>> bySocket = new HashMap<>();
        Map<Integer, List<AppEvent>> appBySocket = new HashMap<>();
        for (TraceEvent e : r.events()) {
            if (e instanceof StateChange sc) {
                bySocket.computeIfAbsent(sc.socketId(), k -> new ArrayList<>()).add(sc);
            } else if (e instanceof AppEvent a && a.socketId() > 0) {
                appBySocket.computeIfAbsent(a.socketId(), k -> new ArrayList<>()).add(a);
            }
        }
        Map<Integer, Sock> live = new HashMap<>();
        for (Host h : r.sim().hosts()) {
            for (Sock sock : h.sockets()) {
                live.put(sock.id(), sock);
                // Nothing is left to happen, so nothing may wait on a timer.
                assertTrue(Set.of(TcpState.LISTEN, TcpState.ESTABLISHED, TcpState.CLOSE_WAIT, TcpState.FIN_WAIT_2)
                        .contains(sock.state()), () -> "left in " + sock);
            }
        }
        for (Map.Entry<Integer, List<StateChange>> e : bySocket.entrySet()) {
            if (live.containsKey(e.getKey())) {
                continue;
            }
            List<StateChange> changes = e.getValue();
            StateChange last = changes.get(changes.size() - 1);
            List<AppEvent> apps = appBySocket.getOrDefault(e.getKey(), List.of());
            boolean appLetGo = apps.stream().anyMatch(a -> a.call().equals("close") || a.call().equals("abort"));
            boolean everOwned = changes.get(0).from() == TcpState.CLOSED || apps.stream().anyMatch(a -> a.call().equals("accept"));
            Cause c = last.cause();
            if (c == Cause.RCV_RST || c == Cause.TIMEOUT_RETRANSMISSION || c == Cause.TIMEOUT_USER) {
                boolean told = apps.stream().anyMatch(a -> Set.of("ECONNREFUSED", "ECONNRESET", "ETIMEDOUT").contains(a.result()));
                assertTrue(told || appLetGo || !everOwned, () -> "ended by " + c.label() + " without telling the application: " + changes);
            }
        }
        // Two connected ends that are both still there agree on every number.
        for (Sock a : live.values()) {
            for (Sock b : live.values()) {
                if (a.kind() != Sock.Kind.LISTENER && b.kind() != Sock.Kind.LISTENER && a.host() != b.host()
                        && a.local().equals(b.remote()) && b.local().equals(a.remote())
                        && a.state() == TcpState.ESTABLISHED && (b.state() == TcpState.ESTABLISHED)) {
                    assertEquals(a.endpoint().sndNxt(), b.endpoint().rcvNxt(), "SND.NXT of one is RCV.NXT of the other");
                    assertEquals(a.endpoint().sndUna(), a.endpoint().sndNxt(), "nothing left unacknowledged");
                }
            }
        }
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void timeWaitLastsExactlyTheProfilesTwoMsl(@ForAll("setups") Setup s) {
        Traces.Result r = run(s);
        Map<Integer, Long> enteredOrRestarted = new HashMap<>();
        Map<Integer, StateChange> entry = new HashMap<>();
        for (TraceEvent e : r.events()) {
            if (e instanceof StateChange sc) {
                if (sc.to() == TcpState.TIME_WAIT) {
                    enteredOrRestarted.put(sc.socketId(), sc.timeUs());
                    entry.put(sc.socketId(), sc);
                } else if (sc.from() == TcpState.TIME_WAIT && sc.cause() == Cause.TIMEOUT_2MSL) {
                    long twoMsl = r.run().profiles().get(sc.host()).tcpConfig().timeWaitMs() * 1000;
                    assertEquals(enteredOrRestarted.get(sc.socketId()) + twoMsl, sc.timeUs(), "TIME-WAIT of " + sc.host());
                    entry.remove(sc.socketId());
                }
            } else if (e instanceof SegmentEvent seg && seg.action() == SegmentAction.DELIVER && seg.segment().has(Flags.FIN)) {
                // A retransmitted FIN arriving in TIME-WAIT restarts the 2 MSL timer (§3.10.7.4,
                // eighth); nothing else does.
                for (StateChange tw : entry.values()) {
                    if (seg.segment().dst().equals(tw.local()) && seg.segment().src().equals(tw.remote())) {
                        enteredOrRestarted.put(tw.socketId(), seg.timeUs());
                    }
                }
            }
        }
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void sequenceArithmeticHoldsAcrossTheWrapOfTwoToTheThirtyTwo(@ForAll("setups") Setup s) {
        // No loss, no drops, no aborts: every octet sent must be read, with ISNs just below 2^32.
        Setup clean = new Setup(s.seed(), s.clientProfile(), s.serverProfile(), s.delayMs(), 0, List.of(), false,
                Math.max(1, s.requestBytes()), Math.max(1, s.replyBytes()), s.clientCloseAt() < 0 ? 5000 : s.clientCloseAt() + 3000,
                -1, 0, -1, -1, "client", -1, -1, 1, false);
        try {
            TraceSink.Recorder rec = new TraceSink.Recorder();
            ScenarioRunner.Run run = ScenarioRunner.build(clean.scenario(), ScenarioRunner.Overrides.NONE, rec);
            java.util.SplittableRandom near = new java.util.SplittableRandom(s.seed());
            run.simulation().setIsnSource(() -> -1 - near.nextInt(8000)); // 0xFFFFFFFF minus up to 8000
            assertTrue(run.simulation().runToEnd(5_000_000));
            long clientRead = 0;
            long serverRead = 0;
            for (TraceEvent e : rec.events()) {
                if (e instanceof AppEvent a && a.call().equals("read") && a.result().equals("OK")) {
                    if (a.host().equals("client")) {
                        clientRead += a.value();
                    } else {
                        serverRead += a.value();
                    }
                }
            }
            assertEquals(clean.requestBytes(), serverRead, "request octets read by the server");
            assertEquals(clean.replyBytes(), clientRead, "reply octets read by the client");
            for (Host h : run.simulation().hosts()) {
                for (Sock sock : h.sockets()) {
                    assertEquals(TcpState.LISTEN, sock.state(), "everything closed cleanly: " + sock);
                }
            }
        } catch (ProblemException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * {@link Sock#heldByProcess()} against what the trace says the application did: on Linux a
     * socket is its program's from listen() or connect() (its first state change leaves CLOSED) or
     * from accept(), until close() or abort(), and never in TIME-WAIT; on Windows every socket but
     * one in TIME_WAIT keeps its owner.
     */
    @Property(tries = 600, edgeCases = EdgeCasesMode.MIXIN)
    void aSocketIsHeldByAProcessExactlyWhenTheTraceSaysItsProgramHasIt(@ForAll("setups") Setup s,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 4000) int atMs) {
        TraceSink.Recorder rec = new TraceSink.Recorder();
        Simulation sim;
        try {
            sim = ScenarioRunner.build(s.scenario(), ScenarioRunner.Overrides.NONE, rec).simulation();
        } catch (ProblemException e) {
            throw new AssertionError(e.format(Lang.EN));
        }
        sim.runUntil(atMs * 1000L);
        Map<Integer, Boolean> opened = new HashMap<>();
        Set<Integer> accepted = new java.util.HashSet<>();
        Set<Integer> letGo = new java.util.HashSet<>();
        for (TraceEvent e : rec.events()) {
            if (e instanceof StateChange sc) {
                opened.putIfAbsent(sc.socketId(), sc.from() == TcpState.CLOSED);
            } else if (e instanceof AppEvent a && a.socketId() > 0) {
                if (a.call().equals("accept")) {
                    accepted.add(a.socketId());
                } else if (a.call().equals("close") || a.call().equals("abort")) {
                    letGo.add(a.socketId());
                }
            }
        }
        for (Host h : sim.hosts()) {
            boolean windows = h.profile().isWindows();
            for (Sock sock : h.sockets()) {
                int id = sock.id();
                boolean expected = sock.state() != TcpState.TIME_WAIT && (windows
                        || (opened.getOrDefault(id, false) || accepted.contains(id)) && !letGo.contains(id));
                assertEquals(expected, sock.heldByProcess(), () -> h.profile() + " at " + atMs + " ms: " + sock
                        + (accepted.contains(id) ? " accepted" : "") + (letGo.contains(id) ? " closed" : ""));
                net.jqwik.api.statistics.Statistics.label("owned").collect(sock.state() + " " + expected);
            }
        }
    }
}
