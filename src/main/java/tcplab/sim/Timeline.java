package tcplab.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tcplab.i18n.ProblemException;
import tcplab.sim.TraceEvent.SegmentAction;
import tcplab.sim.TraceEvent.SegmentEvent;

/**
 * A whole run recorded once, for playing back: every trace event with the simulation step that
 * produced it, every segment's flight (sent when, delivered or dropped when), and a way to rebuild
 * the simulation exactly as it was after any step.
 *
 * <p>Going back never redraws a remembered picture: {@link #replayTo} builds a fresh simulation
 * from the same scenario, seed and drops and runs it forward to the step, which gives every
 * socket table, every sequence number and every timer exactly as they were (the simulation is
 * deterministic, and a run of a few thousand events replays in well under a millisecond per
 * hundred steps).
 */
public final class Timeline {

    /** A trace event and the step (1-based: the n-th simulation event) that produced it. */
    public record Entry(int step, TraceEvent event) {
    }

    /**
     * One segment's flight: sent at step {@code sendStep}, delivered or dropped at step
     * {@code endStep} (-1 while it never ended: the run stopped first). {@code arrivalUs} is when
     * it reaches (or would have reached) the receiver: the sending time plus the link's delay.
     */
    public record Flight(long id, SegmentEvent send, SegmentEvent end, int sendStep, int endStep, long arrivalUs) {
        public long startUs() {
            return send.timeUs();
        }

        /** Its delivery or drop time; the sending time when it never ended. */
        public long endUs() {
            return end == null ? send.timeUs() : end.timeUs();
        }

        public boolean lost() {
            return end != null && end.action() == SegmentAction.DROP;
        }

        /** Lost on the wire (loss, a rule, the user), as opposed to refused at the receiver. */
        public boolean lostInFlight() {
            return lost() && (end.reason() == TraceEvent.DropReason.LOSS || end.reason() == TraceEvent.DropReason.RULE
                    || end.reason() == TraceEvent.DropReason.USER);
        }

        /** Why it was dropped, or null when it was not. */
        public TraceEvent.DropReason dropReason() {
            return lost() ? end.reason() : null;
        }

        /**
         * How far along the link it got, 0 (still at the sender) to 1 (at the receiver): where a
         * segment lost on the wire died; 1 for every other ending (they end at the receiver).
         */
        public double reached() {
            if (!lostInFlight()) {
                return 1;
            }
            long trip = arrivalUs - startUs();
            return trip <= 0 ? 0 : Math.min(1, (double) (endUs() - startUs()) / trip);
        }

        /** Whether it has ended (arrived or been lost) once {@code step} steps have run. */
        public boolean endedBy(int step) {
            return end != null && endStep <= step;
        }

        /** Whether it has left its sender once {@code step} steps have run. */
        public boolean sentBy(int step) {
            return sendStep <= step;
        }
    }

    private final Scenario scenario;
    private final ScenarioRunner.Overrides overrides;
    private final List<Entry> entries;
    private final long[] stepTimes;
    private final List<Flight> flights;
    private final Map<Long, Flight> flightById;
    private final boolean complete;
    private final List<String> hostNames;
    private final Map<Integer, String> hostByAddress;
    private final long delayUs;
    /** What the ladder writes under each host's name for a run recorded elsewhere (a capture); empty for a simulation. */
    private Map<String, String> hostNotes = Map.of();

    private Timeline(Scenario scenario, ScenarioRunner.Overrides overrides, List<Entry> entries, long[] stepTimes,
                     List<Flight> flights, boolean complete, List<String> hostNames, Map<Integer, String> hostByAddress,
                     long delayUs) {
        this.scenario = scenario;
        this.overrides = overrides;
        this.entries = entries;
        this.stepTimes = stepTimes;
        this.flights = flights;
        this.complete = complete;
        this.hostNames = hostNames;
        this.hostByAddress = hostByAddress;
        this.delayUs = delayUs;
        this.flightById = new HashMap<>();
        for (Flight f : flights) {
            flightById.put(f.id(), f);
        }
    }

    /**
     * Runs {@code sc} to its end (or {@code maxSteps}) and records it. Throws for overrides that do
     * not fit the scenario.
     */
    public static Timeline record(Scenario sc, ScenarioRunner.Overrides o, int maxSteps) throws ProblemException {
        return record(sc, o, maxSteps, steps -> true);
    }

    /** Told how many steps are recorded so far; returning false stops the recording. */
    @FunctionalInterface
    public interface Progress {
        boolean steps(int recorded);
    }

    /**
     * {@link #record(Scenario, ScenarioRunner.Overrides, int)} telling {@code progress} every 1,024
     * steps; when it returns false the recording stops with {@link java.util.concurrent.CancellationException}.
     */
    public static Timeline record(Scenario sc, ScenarioRunner.Overrides o, int maxSteps, Progress progress) throws ProblemException {
        List<Entry> entries = new ArrayList<>();
        Simulation[] simRef = new Simulation[1];
        TraceSink sink = e -> entries.add(new Entry((int) simRef[0].eventsProcessed(), e));
        ScenarioRunner.Run run = ScenarioRunner.build(sc, o, sink);
        Simulation sim = run.simulation();
        simRef[0] = sim;
        List<Long> times = new ArrayList<>();
        boolean complete = true;
        while (true) {
            long next = sim.nextEventTime();
            if (next < 0 || (run.untilUs() >= 0 && next > run.untilUs())) {
                break;
            }
            if (times.size() >= maxSteps) {
                complete = false;
                break;
            }
            sim.step();
            times.add(sim.now());
            if ((times.size() & 1023) == 0 && !progress.steps(times.size())) {
                throw new java.util.concurrent.CancellationException();
            }
        }
        long[] stepTimes = new long[times.size()];
        for (int i = 0; i < stepTimes.length; i++) {
            stepTimes[i] = times.get(i);
        }
        Map<Long, Entry> sends = new HashMap<>();
        Map<Long, Entry> ends = new HashMap<>();
        List<Long> order = new ArrayList<>();
        for (Entry en : entries) {
            if (en.event() instanceof SegmentEvent s) {
                if (s.action() == SegmentAction.SEND) {
                    sends.put(s.id(), en);
                    order.add(s.id());
                } else {
                    ends.put(s.id(), en);
                }
            }
        }
        List<Flight> flights = new ArrayList<>();
        for (long id : order) {
            Entry send = sends.get(id);
            Entry end = ends.get(id);
            SegmentEvent sent = (SegmentEvent) send.event();
            flights.add(new Flight(id, sent, end == null ? null : (SegmentEvent) end.event(), send.step(),
                    end == null ? -1 : end.step(), sent.timeUs() + sim.delayUs()));
        }
        List<String> names = new ArrayList<>();
        Map<Integer, String> byAddress = new HashMap<>();
        for (Host h : sim.hosts()) {
            names.add(h.name());
            byAddress.put(h.address(), h.name());
        }
        return new Timeline(sc, o, Collections.unmodifiableList(entries), stepTimes, Collections.unmodifiableList(flights),
                complete, List.copyOf(names), Map.copyOf(byAddress), sim.delayUs());
    }

    /**
     * A run recorded elsewhere (a capture's connection, see tcplab.capture.CaptureRun): its events,
     * step times and flights as they were, with no scenario behind them, so it cannot be replayed
     * ({@link #replayable()} is false) and its hosts have no simulated socket tables.
     * {@code hostNotes} is what the ladder writes under each host's name (its address and port).
     */
    public static Timeline recorded(List<Entry> entries, long[] stepTimes, List<Flight> flights, List<String> hostNames,
                                    Map<Integer, String> hostByAddress, Map<String, String> hostNotes) {
        for (int i = 1; i < stepTimes.length; i++) {
            if (stepTimes[i] < stepTimes[i - 1]) {
                throw new IllegalArgumentException("step times go back at step " + (i + 1));
            }
        }
        Timeline tl = new Timeline(null, ScenarioRunner.Overrides.NONE, List.copyOf(entries), stepTimes.clone(),
                List.copyOf(flights), true, List.copyOf(hostNames), Map.copyOf(hostByAddress), 0);
        tl.hostNotes = Map.copyOf(hostNotes);
        return tl;
    }

    /** Whether the run comes from a scenario and can be rebuilt at any step ({@link #replayTo}); false for a capture. */
    public boolean replayable() {
        return scenario != null;
    }

    /** What the ladder writes under a host's name for a run recorded elsewhere, or null. */
    public String hostNote(String host) {
        return hostNotes.get(host);
    }

    /** The scenario run; null for a run recorded elsewhere (a capture). */
    public Scenario scenario() {
        return scenario;
    }

    public ScenarioRunner.Overrides overrides() {
        return overrides;
    }

    /** Every trace event in order, with its step. Step 0 holds nothing: events belong to steps 1..n. */
    public List<Entry> entries() {
        return entries;
    }

    /** The links' one-way delay, µs. */
    public long delayUs() {
        return delayUs;
    }

    public List<String> hostNames() {
        return hostNames;
    }

    /** The host with {@code address}, or null (a spoofed or unused address). */
    public String hostAt(int address) {
        return hostByAddress.get(address);
    }

    /** Number of simulation steps in the run. */
    public int steps() {
        return stepTimes.length;
    }

    /** Whether the run reached its end (false: it was cut at the step limit). */
    public boolean complete() {
        return complete;
    }

    /** Virtual time of step {@code k} (1-based); 0 for step 0. */
    public long timeOfStep(int k) {
        return k <= 0 ? 0 : stepTimes[Math.min(k, stepTimes.length) - 1];
    }

    /** Time of the last step. */
    public long endUs() {
        return stepTimes.length == 0 ? 0 : stepTimes[stepTimes.length - 1];
    }

    /** How many steps have happened by time {@code t} (steps at exactly {@code t} included). */
    public int stepsBy(long tUs) {
        int lo = 0;
        int hi = stepTimes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (stepTimes[mid] <= tUs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The trace events of steps 1..k. */
    public List<Entry> entriesUpTo(int k) {
        int lo = 0;
        int hi = entries.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries.get(mid).step() <= k) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return entries.subList(0, lo);
    }

    /** The trace events produced by step k alone. */
    public List<Entry> entriesOfStep(int k) {
        List<Entry> upTo = entriesUpTo(k);
        int from = upTo.size();
        while (from > 0 && upTo.get(from - 1).step() == k) {
            from--;
        }
        return upTo.subList(from, upTo.size());
    }

    /** Every segment's flight, in sending order. */
    public List<Flight> flights() {
        return flights;
    }

    public Flight flight(long id) {
        return flightById.get(id);
    }

    /** The simulation after step {@code k}: rebuilt from the scenario and run forward, so it is exact. */
    public Simulation replayTo(int k) {
        if (scenario == null) {
            throw new IllegalStateException("a run recorded elsewhere has no simulation to replay");
        }
        try {
            ScenarioRunner.Run run = ScenarioRunner.build(scenario, overrides, TraceSink.NONE);
            Simulation sim = run.simulation();
            for (int i = 0; i < k && sim.step(); i++) {
                // each step is one event of the original run
            }
            return sim;
        } catch (ProblemException e) {
            // The same scenario and overrides built once already; they cannot fail now.
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same run with segment {@code id} lost on the wire at {@code atUs}, because the user
     * clicked it there while it travelled: a drop rule for that very segment and that time, so
     * every replay reproduces it and the trace says "user".
     */
    public Timeline withDroppedByUser(long id, long atUs, int maxSteps) throws ProblemException {
        return withDrop(DropRule.byUser(id, atUs), maxSteps);
    }

    /**
     * The same run with segment {@code id} lost on the wire by a lesson: half-way along the link,
     * as any rule's loss, or at {@code notBeforeUs} when the lesson is already past that point
     * (a lesson never shows a segment in flight and then says it was lost earlier).
     */
    public Timeline withDropped(long id, long notBeforeUs, int maxSteps) throws ProblemException {
        Flight f = flight(id);
        long at = f == null ? -1 : Math.max(notBeforeUs, f.startUs() + delayUs / 2);
        return withDrop(new DropRule(-1, null, null, id, 1, 0, LESSON_DROP, at, false), maxSteps);
    }

    /** The source a lesson's drop is recorded with (the inspector names the lesson as its cause). */
    public static final String LESSON_DROP = "lesson";

    private Timeline withDrop(DropRule rule, int maxSteps) throws ProblemException {
        if (scenario == null) {
            throw new IllegalStateException("a run recorded elsewhere cannot be run again with a drop");
        }
        List<DropRule> drops = new ArrayList<>(overrides.extraDrops());
        drops.add(rule);
        return record(scenario, overrides.withExtraDrops(drops), maxSteps);
    }
}
