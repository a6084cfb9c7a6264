package tcplab.quiz;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tcplab.i18n.ProblemException;
import tcplab.sim.Scenario;
import tcplab.sim.ScenarioBuilder;
import tcplab.sim.ScenarioWriter;
import tcplab.sim.ScenarioLoader;
import tcplab.sim.ScenarioRunner;
import tcplab.sim.Simulation;
import tcplab.sim.TraceEvent;
import tcplab.sim.TraceSink;
import tcplab.tcp.Cause;
import tcplab.tcp.TcpState;

/** Runs scenarios for the quiz: generated ones (random ports and seeds) and the built-in ones. */
final class SimLab {
    private SimLab() {
    }

    /** A finished run: the scenario and every trace event. */
    record Traced(Scenario scenario, List<TraceEvent> events) {
    }

    /** A generated scenario, to be built in code ({@link ScenarioBuilder}), titled as the quiz's. */
    static ScenarioBuilder scenario(String name, long seed) {
        return new ScenarioBuilder(name, seed).title("Quiz — " + name, "测验——" + name);
    }

    /** "Show me" for a generated scenario: its file text (read back, it is the same scenario) and a time. */
    static Show show(Scenario sc, double atMs) {
        return Show.generated(ScenarioWriter.write(sc), atMs);
    }

    /** The whole run of {@code sc}, to its end. */
    static Traced trace(Scenario sc) {
        TraceSink.Recorder rec = new TraceSink.Recorder();
        Simulation sim = build(sc, rec).simulation();
        sim.runToEnd(5_000_000);
        return new Traced(sc, rec.events());
    }

    /** The simulation of {@code sc} run up to and including {@code atUs}. */
    static Simulation runTo(Scenario sc, long atUs) {
        Simulation sim = build(sc, TraceSink.NONE).simulation();
        sim.runUntil(atUs);
        return sim;
    }

    private static ScenarioRunner.Run build(Scenario sc, TraceSink sink) {
        try {
            return ScenarioRunner.build(sc, ScenarioRunner.Overrides.NONE, sink);
        } catch (ProblemException e) {
            throw new IllegalStateException(e);
        }
    }


    // ------------------------------------------------------------------ the built-in scenarios

    /** Where a built-in scenario first shows a transition or a state: for "show me". */
    static final class Index {
        private final Map<String, Show> byEdge = new HashMap<>();
        private final Map<TcpState, Show> byState = new EnumMap<>(TcpState.class);

        private static final Index INSTANCE = new Index();

        static Index get() {
            return INSTANCE;
        }

        private Index() {
            for (String name : ScenarioLoader.BUILTIN) {
                Scenario sc;
                try {
                    sc = ScenarioLoader.builtin(name);
                } catch (ProblemException e) {
                    continue;
                }
                TraceSink.Recorder rec = new TraceSink.Recorder();
                try {
                    Simulation sim = ScenarioRunner.build(sc, ScenarioRunner.Overrides.NONE, rec).simulation();
                    sim.runToEnd(2_000_000);
                } catch (ProblemException e) {
                    continue;
                }
                for (TraceEvent e : rec.events()) {
                    if (e instanceof TraceEvent.StateChange c) {
                        // A little after the change, so the animation has drawn it.
                        Show s = Show.builtin(name, c.timeUs() / 1000.0);
                        byEdge.putIfAbsent(key(c.from(), c.cause()), s);
                        byState.putIfAbsent(c.to(), s);
                    }
                }
            }
        }

        private static String key(TcpState from, Cause cause) {
            return from + "|" + cause;
        }

        /** A built-in scenario where {@code from} meets {@code cause}, or null when none does. */
        Show edge(TcpState from, Cause cause) {
            return cause == null ? null : byEdge.get(key(from, cause));
        }

        Show state(TcpState s) {
            return byState.get(s);
        }
    }

    /** Every state change of a trace, in order. */
    static List<TraceEvent.StateChange> changes(List<TraceEvent> events) {
        List<TraceEvent.StateChange> out = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.StateChange c) {
                out.add(c);
            }
        }
        return out;
    }
}
