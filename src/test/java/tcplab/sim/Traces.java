package tcplab.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tcplab.i18n.ProblemException;
import tcplab.sim.TraceEvent.AppEvent;
import tcplab.sim.TraceEvent.SegmentAction;
import tcplab.sim.TraceEvent.SegmentEvent;
import tcplab.sim.TraceEvent.StateChange;
import tcplab.tcp.Flags;
import tcplab.tcp.Segment;

/** Runs scenarios in tests and turns their traces into short, comparable lines. */
final class Traces {
    private Traces() {
    }

    record Result(ScenarioRunner.Run run, List<TraceEvent> events) {
        Simulation sim() {
            return run.simulation();
        }
    }

    static Result runBuiltin(String name) {
        return runBuiltin(name, ScenarioRunner.Overrides.NONE);
    }

    static Result runBuiltin(String name, ScenarioRunner.Overrides o) {
        try {
            return run(ScenarioLoader.builtin(name), o);
        } catch (ProblemException e) {
            throw new AssertionError(e.format(tcplab.i18n.Lang.EN), e);
        }
    }

    static Result run(Scenario sc, ScenarioRunner.Overrides o) throws ProblemException {
        TraceSink.Recorder rec = new TraceSink.Recorder();
        ScenarioRunner.Run run = ScenarioRunner.build(sc, o, rec);
        if (run.untilUs() >= 0) {
            run.simulation().runUntil(run.untilUs());
        } else if (!run.simulation().runToEnd(5_000_000)) {
            throw new AssertionError("scenario did not settle");
        }
        return new Result(run, rec.events());
    }

    static String ms(long us) {
        double ms = us / 1000.0;
        return ms == Math.rint(ms) ? Long.toString((long) ms) : String.format(Locale.ROOT, "%.1f", ms);
    }

    /** "100 LISTEN>SYN_RECEIVED (rcv SYN)" for every state change of {@code host}. */
    static List<String> states(Result r, String host) {
        List<String> out = new ArrayList<>();
        for (TraceEvent e : r.events()) {
            if (e instanceof StateChange s && s.host().equals(host)) {
                out.add(ms(s.timeUs()) + " " + s.from() + ">" + s.to() + " (" + s.cause().label() + ")");
            }
        }
        return out;
    }

    /** "0 client>server SYN 0/0 len=0" for every segment sent, numbers relative to each side's ISN. */
    static List<String> segments(Result r) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> isn = new HashMap<>();
        for (TraceEvent e : r.events()) {
            if (!(e instanceof SegmentEvent s) || s.action() != SegmentAction.SEND) {
                continue;
            }
            Segment seg = s.segment();
            String key = seg.src() + ">" + seg.dst();
            if (seg.has(Flags.SYN)) {
                isn.put(key, seg.seq());
            }
            Integer mine = isn.get(key);
            Integer theirs = isn.get(seg.dst() + ">" + seg.src());
            long seq = mine == null ? Integer.toUnsignedLong(seg.seq()) : Integer.toUnsignedLong(seg.seq() - mine);
            long ack = !seg.has(Flags.ACK) ? 0 : theirs == null ? Integer.toUnsignedLong(seg.ack()) : Integer.toUnsignedLong(seg.ack() - theirs);
            out.add(ms(s.timeUs()) + " " + name(r, seg.src().address()) + ">" + name(r, seg.dst().address()) + " "
                    + seg.flagText() + " " + seq + "/" + ack + " len=" + seg.len());
        }
        return out;
    }

    /** "200 client connect OK" for every application event. */
    static List<String> apps(Result r) {
        List<String> out = new ArrayList<>();
        for (TraceEvent e : r.events()) {
            if (e instanceof AppEvent a) {
                out.add(ms(a.timeUs()) + " " + a.host() + " " + a.call() + " " + a.result());
            }
        }
        return out;
    }

    private static String name(Result r, int address) {
        Host h = r.sim().hostAt(address);
        return h == null ? tcplab.tcp.Endpoint.formatAddress(address) : h.name();
    }
}
