package tcplab.ui.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import tcplab.i18n.Lang;
import tcplab.i18n.ProblemException;
import tcplab.sim.Scenario;
import tcplab.sim.ScenarioLoader;
import tcplab.sim.ScenarioRunner;
import tcplab.sim.Simulation;
import tcplab.sim.Timeline;
import tcplab.sim.TraceEvent;
import tcplab.sim.TraceEvent.StateChange;
import tcplab.tcp.Cause;
import tcplab.tcp.Endpoint;
import tcplab.tcp.TcpState;

/**
 * The state of one run in the window and the commands on it. Only javafx.beans is used, so it is
 * tested without starting JavaFX; the views bind to its read-only properties and call its
 * commands.
 *
 * <p>The playhead is a virtual time. The simulation shown is the one after every step whose time
 * is at or before the playhead: stepping back rebuilds it exactly through {@link Timeline#replayTo}.
 */
public final class RunViewModel {
    /** The longest run the window records (steps). */
    public static final int MAX_STEPS = 200_000;

    /** One side of the connection the state diagram follows. */
    public record Side(String host, int socketId, Endpoint local, Endpoint remote) {
    }

    /** The connection the state diagram follows: side A sent the first SYN. */
    public record Connection(Side a, Side b, int listenerId) {
    }

    /**
     * What one side of the state diagram shows: the socket it follows ({@code listener} when that
     * is the server's listening socket, before the connection's own socket exists) and its state
     * (CLOSED once the socket is gone: netstat no longer lists it). Null side: no socket at all.
     */
    public record Shown(Side side, boolean listener, TcpState state) {
        /** Gone: closed, so no longer in the host's table. */
        public boolean gone() {
            return state == TcpState.CLOSED;
        }
    }

    /** Both sides of the diagram at the playhead. */
    public record Followed(Shown a, Shown b) {
    }

    /** How far a segment has got at the playhead, for the inspector. */
    public enum Phase { NOT_SENT, IN_FLIGHT, ENDED }

    /** The segment in the inspector as it is at the playhead. */
    public record Inspected(Timeline.Flight flight, Phase phase) {
    }

    /** A state change to animate on the diagram. */
    public record Transition(boolean sideA, TcpState from, TcpState to, Cause cause) {
    }

    private final ReadOnlyObjectWrapper<Timeline> timeline = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Scenario> scenario = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper scenarioSource = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper timeUs = new ReadOnlyLongWrapper(0);
    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper atEnd = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper atStart = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyDoubleWrapper endMs = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<Simulation> simulation = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Connection> connection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TcpState> stateA = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TcpState> stateB = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Transition> lastTransition = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Long> selectedSegment = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Inspected> inspected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Followed> followed = new ReadOnlyObjectWrapper<>(new Followed(null, null));
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper loadingFile = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper loadProgress = new ReadOnlyDoubleWrapper(-1);
    /** The cancel flag of the load running in the background, or null. */
    private java.util.concurrent.atomic.AtomicBoolean loadCancel;
    private final ReadOnlyObjectWrapper<tcplab.capture.CaptureRun> captureRun = new ReadOnlyObjectWrapper<>();
    private final javafx.collections.ObservableList<tcplab.capture.Connection> captureConnections =
            javafx.collections.FXCollections.observableArrayList();
    private final tcplab.ui.common.BackgroundLoad captureLoad = new tcplab.ui.common.BackgroundLoad();
    private String captureFile;
    private final ObjectProperty<Lang> lang = new SimpleObjectProperty<>(Lang.system());
    /** Virtual milliseconds played per real second. */
    private final DoubleProperty speed = new SimpleDoubleProperty(250);
    private final BooleanProperty absoluteSeq = new SimpleBooleanProperty(false);
    private final ObjectProperty<String> profile = new SimpleObjectProperty<>(null);
    private final ObjectProperty<Double> delayMs = new SimpleObjectProperty<>(null);
    private final ObjectProperty<Double> loss = new SimpleObjectProperty<>(null);

    private Simulation sim;
    private int simStep;
    /** The run's own connection: the first one opened (see {@link #findConnection}). */
    private Connection runConnection;
    /** The connection of the segment the user selected, followed instead of the run's own. */
    private Connection pinned;
    /** Connections by the socket id they were found for (a SYN flood has hundreds). */
    private final Map<Integer, Connection> connectionBySocket = new java.util.HashMap<>();

    public RunViewModel() {
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyObjectProperty<Timeline> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    public Timeline timeline() {
        return timeline.get();
    }

    public ReadOnlyObjectProperty<Scenario> scenarioProperty() {
        return scenario.getReadOnlyProperty();
    }

    /** The built-in name or the file the scenario came from. */
    public ReadOnlyStringProperty scenarioSourceProperty() {
        return scenarioSource.getReadOnlyProperty();
    }

    /** The playhead, virtual µs. */
    public ReadOnlyLongProperty timeUsProperty() {
        return timeUs.getReadOnlyProperty();
    }

    public long timeUs() {
        return timeUs.get();
    }

    /** Steps done at the playhead (0 = before the first event). */
    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public int step() {
        return step.get();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty atEndProperty() {
        return atEnd.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty atStartProperty() {
        return atStart.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty endMsProperty() {
        return endMs.getReadOnlyProperty();
    }

    /** The simulation exactly as it is at the playhead (do not step it: it is the view model's). */
    public ReadOnlyObjectProperty<Simulation> simulationProperty() {
        return simulation.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TcpState> stateAProperty() {
        return stateA.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TcpState> stateBProperty() {
        return stateB.getReadOnlyProperty();
    }

    /** The transition the last step made on the followed connection (null if it made none). */
    public ReadOnlyObjectProperty<Transition> lastTransitionProperty() {
        return lastTransition.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Long> selectedSegmentProperty() {
        return selectedSegment.getReadOnlyProperty();
    }

    /**
     * The selected segment as it is at the playhead: changes when it is selected, when its fate
     * changes (the user dropped it) and when the playhead passes its sending or its end.
     */
    public ReadOnlyObjectProperty<Inspected> inspectedProperty() {
        return inspected.getReadOnlyProperty();
    }

    /** What each side of the state diagram shows now: which socket and its state. */
    public ReadOnlyObjectProperty<Followed> followedProperty() {
        return followed.getReadOnlyProperty();
    }

    /** The file being loaded in the background ({@link #loadInBackground}); empty when none. */
    public ReadOnlyStringProperty loadingFileProperty() {
        return loadingFile.getReadOnlyProperty();
    }

    /**
     * How far the background load is: -1 while the file is read and checked, then the share of
     * the run recorded, as a fraction of the most steps a run may have ({@link #MAX_STEPS}).
     */
    public ReadOnlyDoubleProperty loadProgressProperty() {
        return loadProgress.getReadOnlyProperty();
    }

    /** A message for the user when loading failed (empty when all is well). */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ObjectProperty<Lang> langProperty() {
        return lang;
    }

    public DoubleProperty speedProperty() {
        return speed;
    }

    public BooleanProperty absoluteSeqProperty() {
        return absoluteSeq;
    }

    /** Profile override for every host (null: the scenario's). Changing it re-runs the scenario. */
    public ObjectProperty<String> profileProperty() {
        return profile;
    }

    public ObjectProperty<Double> delayMsProperty() {
        return delayMs;
    }

    public ObjectProperty<Double> lossProperty() {
        return loss;
    }

    // ------------------------------------------------------------------ commands

    /** Loads a built-in scenario by name, or a scenario file; on failure keeps the current run. */
    public boolean load(String nameOrPath) {
        try {
            return load(ScenarioLoader.byNameOrPath(nameOrPath), nameOrPath);
        } catch (ProblemException e) {
            error.set(e.format(lang.get()));
            return false;
        }
    }

    /** Loads a scenario already read (a lesson's inline scenario, say); {@code label} names it. */
    public boolean load(Scenario sc, String label) {
        try {
            Timeline tl = Timeline.record(sc, overrides(List.of()), MAX_STEPS);
            scenarioSource.set(label);
            scenario.set(sc);
            clearCapture();
            install(tl, 0);
            error.set("");
            return true;
        } catch (ProblemException e) {
            error.set(e.format(lang.get()));
            return false;
        }
    }

    /**
     * Shows a run already recorded (a lesson's, with its drops) at step {@code k}, exactly: the
     * same timeline object is kept, so stepping a lesson back and forth never re-records.
     */
    public void show(Timeline tl, int k, String label) {
        if (timeline.get() != tl) {
            scenarioSource.set(label);
            scenario.set(tl.scenario());
            clearCapture();
            install(tl, 0);
        }
        seekStep(k);
    }

    /** Loads a scenario file. */
    public boolean load(Path file) {
        return load(file.toString());
    }

    /**
     * Loads a scenario file without holding up the window: reading, checking and recording its
     * run happen on {@code background}, the result is shown through {@code ui} (the FX thread),
     * and {@link #cancelLoad()} stops it. The current run stays until the new one is ready; a
     * file that fails leaves it as it was, with the reason in {@link #errorProperty()}.
     */
    public void loadInBackground(Path file, java.util.concurrent.Executor background, java.util.concurrent.Executor ui) {
        cancelLoad();
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        loadCancel = cancelled;
        loadingFile.set(file.toString());
        loadProgress.set(-1);
        ScenarioRunner.Overrides o = overrides(List.of());
        Lang l = lang.get();
        background.execute(() -> {
            Runnable done;
            try {
                String text = tcplab.yaml.YNode.read(file, tcplab.yaml.YNode.Format.SCENARIO);
                Scenario sc = ScenarioLoader.parse(text, file.toString(), cancelled::get);
                Timeline tl = Timeline.record(sc, o, MAX_STEPS, steps -> {
                    double share = steps / (double) MAX_STEPS;
                    ui.execute(() -> {
                        if (loadCancel == cancelled) {
                            loadProgress.set(share);
                        }
                    });
                    return !cancelled.get();
                });
                done = () -> {
                    scenarioSource.set(file.toString());
                    scenario.set(sc);
                    clearCapture();
                    install(tl, 0);
                    error.set("");
                };
            } catch (ProblemException e) {
                done = () -> error.set(e.format(l));
            } catch (java.util.concurrent.CancellationException e) {
                done = () -> { };
            } catch (OutOfMemoryError | StackOverflowError e) {
                // Within the loader's limits this cannot happen; if it does, the run's memory is
                // garbage once this thread lets go of it: say so, and the window goes on.
                done = () -> error.set(tcplab.i18n.Texts.of(LadderView.BUNDLE, l).get("load.tooBig", file.toString()));
            }
            Runnable d = done;
            ui.execute(() -> {
                if (loadCancel == cancelled) {
                    loadCancel = null;
                    loadingFile.set("");
                    loadProgress.set(-1);
                    if (!cancelled.get()) {
                        d.run();
                    }
                }
            });
        });
    }

    /** Stops the background load, if one is running; the run shown stays. */
    public void cancelLoad() {
        if (loadCancel != null) {
            loadCancel.set(true);
            loadCancel = null;
            loadingFile.set("");
            loadProgress.set(-1);
        }
    }

    /** Re-runs the current scenario with the current impairments (profile, delay, loss), keeping the playhead. */
    public boolean rerun() {
        Timeline old = timeline.get();
        if (old == null || !old.replayable()) {
            return false; // a capture is what it was: no profile, delay or loss changes it
        }
        try {
            Timeline tl = Timeline.record(old.scenario(), overrides(old.overrides().extraDrops()), MAX_STEPS);
            install(tl, timeUs.get());
            error.set("");
            return true;
        } catch (ProblemException e) {
            error.set(e.format(lang.get()));
            return false;
        }
    }

    private ScenarioRunner.Overrides overrides(List<tcplab.sim.DropRule> drops) {
        return new ScenarioRunner.Overrides(null, profile.get(), delayMs.get(), loss.get(), Map.of(), drops);
    }

    private void install(Timeline tl, long keepTimeUs) {
        pause();
        // End time and connection before the timeline: its listeners read them.
        endMs.set(tl.endUs() / 1000.0);
        connectionBySocket.clear();
        runConnection = findConnection(tl, null);
        pinned = null;
        connection.set(runConnection);
        sim = null;
        simStep = -1;
        timeline.set(tl);
        selectedSegment.set(null);
        if (keepTimeUs <= 0) {
            seekUs(0, 0); // before the first event, even those at time 0
        } else {
            seekUs(Math.min(keepTimeUs, tl.endUs()));
        }
    }

    /** Plays from the playhead; at the end, from the beginning again. */
    public void play() {
        if (timeline.get() == null) {
            return;
        }
        if (atEnd.get()) {
            reset();
        }
        playing.set(true);
    }

    public void pause() {
        playing.set(false);
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    /** To the next event: the state after it, exactly. */
    public void stepForward() {
        Timeline tl = timeline.get();
        if (tl == null) {
            return;
        }
        pause();
        int next = Math.min(step.get() + 1, tl.steps());
        seekUs(tl.timeOfStep(next), next);
    }

    /** Back one event: everything exactly as it was after the previous one. */
    public void stepBack() {
        Timeline tl = timeline.get();
        if (tl == null) {
            return;
        }
        pause();
        int prev = Math.max(step.get() - 1, 0);
        seekUs(tl.timeOfStep(prev), prev);
    }

    /** Back to the start of the run. */
    public void reset() {
        pause();
        seekUs(0, 0);
    }

    /** Moves the playhead to {@code ms} (the scrubber). */
    public void seekMs(double ms) {
        seekUs(Math.round(ms * 1000));
    }

    public void seekUs(long t) {
        Timeline tl = timeline.get();
        if (tl == null) {
            return;
        }
        long clamped = Math.max(0, Math.min(t, tl.endUs()));
        seekUs(clamped, tl.stepsBy(clamped));
    }

    /** Jumps to the state after step {@code k} (the event list). */
    public void seekStep(int k) {
        Timeline tl = timeline.get();
        if (tl == null) {
            return;
        }
        pause();
        int s = Math.max(0, Math.min(k, tl.steps()));
        seekUs(tl.timeOfStep(s), s);
    }

    /**
     * Advances the playhead by a real-time interval (called by the window's animation timer).
     * Long stretches with nothing in flight (TIME-WAIT's 60 s, backoff gaps) are crossed quickly:
     * a lesson should not stand still for a minute.
     */
    public void tick(double realSeconds) {
        if (!playing.get()) {
            return;
        }
        Timeline tl = timeline.get();
        long now = timeUs.get();
        long advance = Math.round(realSeconds * speed.get() * 1000);
        long next = now + Math.max(1, advance);
        if (nothingInFlight(tl, now)) {
            int k = tl.stepsBy(now);
            if (k < tl.steps()) {
                // An idle gap that would take more than two seconds of playing is crossed in half
                // a second, at a constant rate, whatever its length.
                long gap = tl.timeOfStep(k + 1) - tl.timeOfStep(k);
                if (gap > speed.get() * 1000 * 2) {
                    next = now + Math.max(advance, Math.round(gap * Math.min(1.0, realSeconds / 0.5)));
                    next = Math.min(next, tl.timeOfStep(k + 1));
                }
            }
        }
        if (next >= tl.endUs()) {
            seekUs(tl.endUs(), tl.steps());
            pause();
            return;
        }
        seekUs(next, tl.stepsBy(next));
    }

    private static boolean nothingInFlight(Timeline tl, long t) {
        for (Timeline.Flight f : tl.flights()) {
            if (f.startUs() <= t && t < f.endUs()) {
                return false;
            }
        }
        return true;
    }

    /** Selects a segment for the inspector (and its connection for the state diagram). */
    public void selectSegment(Long id) {
        selectedSegment.set(id);
        Timeline tl = timeline.get();
        if (id != null && tl != null && tl.flight(id) != null) {
            Connection c = findConnection(tl, tl.flight(id).send().segment());
            if (c != null) {
                pinned = c;
                updateStates(tl, step.get(), false);
            }
        }
        updateInspected();
    }

    /**
     * Drops a segment that is in flight at the playhead, as if the network lost it: the run is
     * recorded again with that segment lost, so the retransmission that follows plays out.
     * Returns false when the segment is not in flight now (it has arrived, or not left yet).
     */
    public boolean dropInFlight(long id) {
        Timeline tl = timeline.get();
        if (tl == null || !tl.replayable()) {
            return false;
        }
        Timeline.Flight f = tl.flight(id);
        long t = timeUs.get();
        int k = step.get();
        if (f == null || f.lost() || !f.sentBy(k) || f.endedBy(k) || t >= f.arrivalUs()) {
            return false;
        }
        try {
            Timeline dropped = tl.withDroppedByUser(id, t, MAX_STEPS);
            boolean wasPlaying = playing.get();
            endMs.set(dropped.endUs() / 1000.0);
            // Socket ids and segment ids up to now are the same in the new run: the followed
            // connection and the selection stay.
            connectionBySocket.clear();
            runConnection = findConnection(dropped, null);
            timeline.set(dropped);
            sim = null;
            simStep = -1;
            selectedSegment.set(id);
            // The loss is an event of the new run, at the playhead's time: show the run just
            // after it, so the segment is lost at once. Every step before it is the old run's.
            int lostAt = dropped.flight(id).endStep();
            seekUs(t, lostAt < 0 || lostAt <= k ? k + 1 : lostAt);
            if (wasPlaying) {
                play();
            }
            return true;
        } catch (ProblemException e) {
            error.set(e.format(lang.get()));
            return false;
        }
    }

    // ------------------------------------------------------------------ internals

    private void seekUs(long t, int k) {
        Timeline tl = timeline.get();
        int before = step.get();
        timeUs.set(t);
        if (!tl.replayable()) {
            // a capture: no simulation behind it; its tables come from the capture run
            sim = null;
            simStep = k;
            step.set(k);
            simulation.set(null);
        } else if (k != simStep || sim == null) {
            if (sim != null && k > simStep) {
                for (int i = simStep; i < k; i++) {
                    sim.step();
                }
            } else {
                sim = tl.replayTo(k);
            }
            simStep = k;
            step.set(k);
            // Re-publish even when the object is the same: its socket tables changed.
            simulation.set(null);
            simulation.set(sim);
        }
        atStart.set(k == 0 && t == 0);
        atEnd.set(k >= tl.steps() && t >= tl.endUs());
        updateStates(tl, k, k == before + 1);
        updateInspected();
    }

    private void updateInspected() {
        Timeline tl = timeline.get();
        Long id = selectedSegment.get();
        Timeline.Flight f = id == null || tl == null ? null : tl.flight(id);
        if (f == null) {
            inspected.set(null);
            return;
        }
        int k = step.get();
        Phase phase = !f.sentBy(k) ? Phase.NOT_SENT : f.endedBy(k) ? Phase.ENDED : Phase.IN_FLIGHT;
        Inspected now = new Inspected(f, phase);
        if (!now.equals(inspected.get())) {
            inspected.set(now);
        }
    }

    private void updateStates(Timeline tl, int k, boolean animate) {
        List<Timeline.Entry> upTo = tl.entriesUpTo(k);
        Connection c = follow(tl, upTo);
        if (!java.util.Objects.equals(c, connection.get())) {
            connection.set(c);
        }
        if (c == null) {
            stateA.set(null);
            stateB.set(null);
            lastTransition.set(null);
            followed.set(new Followed(null, null));
            return;
        }
        TcpState a = null;
        TcpState b = null;
        TcpState listener = null;
        Transition last = null;
        Side listenerSide = null;
        for (Timeline.Entry en : upTo) {
            if (en.event() instanceof StateChange s) {
                boolean thisStep = en.step() == k;
                if (c.a() != null && s.socketId() == c.a().socketId()) {
                    a = s.to();
                    if (thisStep) {
                        last = new Transition(true, s.from(), s.to(), s.cause());
                    }
                } else if (c.b() != null && s.socketId() == c.b().socketId()) {
                    b = s.to();
                    if (thisStep) {
                        last = new Transition(false, s.from(), s.to(), s.cause());
                    }
                } else if (s.socketId() == c.listenerId()) {
                    listener = s.to();
                    listenerSide = new Side(s.host(), s.socketId(), s.local(), null);
                    if (thisStep && b == null) {
                        last = new Transition(false, s.from(), s.to(), s.cause());
                    }
                }
            }
        }
        // Before its own connection exists, the server side is its listening socket (the
        // connection is born from it, RFC 9293 §3.10.7.2), and the legend says so.
        stateA.set(a);
        stateB.set(b != null ? b : listener);
        lastTransition.set(animate ? last : null);
        Shown shownA = a == null ? null : new Shown(c.a(), false, a);
        Shown shownB = b != null ? new Shown(c.b(), false, b) : listener != null ? new Shown(listenerSide, true, listener) : null;
        Followed f = new Followed(shownA, shownB);
        if (!f.equals(followed.get())) {
            followed.set(f);
        }
    }

    /**
     * The connection the diagram follows at this step: the one of the segment the user selected;
     * else the run's own connection (the first opened); but while that has not begun and others
     * have (the forged connections of a SYN flood before the real client comes), the newest of
     * those, so the diagram shows what the ladder shows happening.
     */
    private Connection follow(Timeline tl, List<Timeline.Entry> upTo) {
        if (pinned != null) {
            return pinned;
        }
        Connection own = runConnection;
        if (own == null) {
            return null;
        }
        StateChange newest = null;
        for (Timeline.Entry en : upTo) {
            if (en.event() instanceof StateChange s) {
                if ((own.a() != null && s.socketId() == own.a().socketId())
                        || (own.b() != null && s.socketId() == own.b().socketId())) {
                    return own; // begun
                }
                if (s.remote() != null) {
                    newest = s;
                }
            }
        }
        if (newest == null) {
            return own;
        }
        StateChange n = newest;
        return connectionBySocket.computeIfAbsent(n.socketId(), id -> connectionOfSocket(tl, n));
    }

    /** The connection socket {@code s.socketId()} belongs to. */
    private static Connection connectionOfSocket(Timeline tl, StateChange s) {
        Connection byAddresses = findConnection(tl, s.local(), s.remote());
        if (byAddresses != null && ((byAddresses.a() != null && byAddresses.a().socketId() == s.socketId())
                || (byAddresses.b() != null && byAddresses.b().socketId() == s.socketId()))) {
            return byAddresses;
        }
        // The same addresses used again by a later connection: this socket alone.
        return new Connection(null, new Side(s.host(), s.socketId(), s.local(), s.remote()), -1);
    }

    /**
     * The connection a segment belongs to, or (for null) the run's first connection: its side A
     * is the socket that sent the first SYN on those addresses.
     */
    static Connection findConnection(Timeline tl, tcplab.tcp.Segment seg) {
        return seg == null ? findConnection(tl, null, null) : findConnection(tl, seg.src(), seg.dst());
    }

    /** The connection between {@code p} and {@code q} (either way round); null, null: the run's first. */
    static Connection findConnection(Timeline tl, Endpoint p, Endpoint q) {
        StateChange first = null;
        for (Timeline.Entry en : tl.entries()) {
            if (!(en.event() instanceof StateChange s) || s.remote() == null) {
                continue;
            }
            if (p == null || (s.local().equals(p) && s.remote().equals(q))
                    || (s.local().equals(q) && s.remote().equals(p))) {
                if (first == null || (s.cause() == Cause.ACTIVE_OPEN && first.cause() != Cause.ACTIVE_OPEN)) {
                    first = s;
                }
                if (first.cause() == Cause.ACTIVE_OPEN) {
                    break;
                }
            }
        }
        if (first == null) {
            return null;
        }
        Side a = new Side(first.host(), first.socketId(), first.local(), first.remote());
        Side b = null;
        int listenerId = -1;
        for (Timeline.Entry en : tl.entries()) {
            if (!(en.event() instanceof StateChange s)) {
                continue;
            }
            if (b == null && s.remote() != null && s.socketId() != a.socketId()
                    && s.local().equals(a.remote()) && s.remote().equals(a.local())) {
                b = new Side(s.host(), s.socketId(), s.local(), s.remote());
            }
            if (listenerId < 0 && s.remote() == null && s.to() == TcpState.LISTEN && s.local().port() == a.remote().port()
                    && s.host().equals(tl.hostAt(a.remote().address()))) {
                listenerId = s.socketId();
            }
        }
        // A connection seen first from its passive side (a spoofed SYN, say): keep that side as B.
        if (first.cause() != Cause.ACTIVE_OPEN && b == null && first.cause() == Cause.RCV_SYN) {
            int listener = -1;
            for (Timeline.Entry en : tl.entries()) {
                if (en.event() instanceof StateChange s && s.remote() == null && s.to() == TcpState.LISTEN
                        && s.host().equals(a.host()) && s.local().port() == a.local().port()) {
                    listener = s.socketId();
                    break;
                }
            }
            return new Connection(null, a, listener);
        }
        return new Connection(a, b, listenerId);
    }

    /**
     * The diagram legend's name for one side, in the current language: which socket it follows,
     * by its 4-tuple ("client 10.0.0.1:59058 ↔ 10.0.0.2:80"), "server: listener 0.0.0.0:80" while
     * it shows the listening socket, and saying so when the socket is gone (CLOSED: netstat no
     * longer lists it). The legend's state, after the name, is {@link #followedProperty}'s.
     */
    public String sideName(boolean sideA) {
        tcplab.i18n.Texts t = tcplab.i18n.Texts.of(LadderView.BUNDLE, lang.get());
        Followed f = followed.get();
        Shown shown = sideA ? f.a() : f.b();
        Connection c = connection.get();
        if (shown == null) {
            Side known = c == null ? null : sideA ? c.a() : c.b();
            if (known != null) {
                return known.host(); // not opened yet: the legend's state says "no connection"
            }
            Side other = c == null ? null : sideA ? c.b() : c.a();
            Timeline tl = timeline.get();
            if (other != null && other.remote() != null && tl != null) {
                String peerHost = tl.hostAt(other.remote().address());
                if (peerHost == null) {
                    // Only a flood's sources are forged; a scanned or dialled address is one where
                    // no machine of the scenario is.
                    return t.get(spoofed(tl, other.remote().address()) ? "follow.forged" : "follow.nobody",
                            other.remote().toString());
                }
                if (!sideA && c.listenerId() < 0) {
                    // Nothing ever listens there: the connection is refused (RFC 9293 §3.10.7.1).
                    return t.get("follow.noListener", peerHost, other.remote().port());
                }
            }
            return t.get("follow.none");
        }
        Side s = shown.side();
        if (shown.listener()) {
            return t.get(shown.gone() ? "follow.listenerGone" : "follow.listener", s.host(), endpointText(s.local()));
        }
        return t.get(shown.gone() ? "follow.gone" : "follow.conn", s.host(), endpointText(s.local()), endpointText(s.remote()));
    }

    /**
     * An end as a person reads it: {@code 10.0.0.1:80}; for a capture's IPv6 connection its real
     * address ({@code [::1]:8080}) instead of the stand-in the run holds ({@link tcplab.capture.CaptureRun#endpointText}).
     */
    public String endpointText(Endpoint e) {
        tcplab.capture.CaptureRun run = captureRun.get();
        if (run != null && run.timeline() == timeline.get()) {
            return run.endpointText(e);
        }
        return e == null ? "*:*" : e.toString();
    }

    // ------------------------------------------------------------------ captures

    /** The capture connection shown (null while a simulation is shown). */
    public ReadOnlyObjectProperty<tcplab.capture.CaptureRun> captureRunProperty() {
        return captureRun.getReadOnlyProperty();
    }

    /** The loaded capture's connections the picker offers (empty while a simulation is shown). */
    public javafx.collections.ObservableList<tcplab.capture.Connection> captureConnections() {
        return javafx.collections.FXCollections.unmodifiableObservableList(captureConnections);
    }

    /** The capture being read in the background (for the loading row). */
    public tcplab.ui.common.BackgroundLoad captureLoad() {
        return captureLoad;
    }

    private void clearCapture() {
        captureRun.set(null);
        captureConnections.clear();
        captureFile = null;
    }

    /**
     * Reads a capture on {@code background} (finding its connections and inferring their states)
     * and shows it through {@code ui}: its first connection that has a handshake, else its first.
     * The current run stays until then; a file that is no capture leaves it, with the reason.
     */
    public void loadCaptureInBackground(Path file, java.util.concurrent.Executor background, java.util.concurrent.Executor ui) {
        Lang l = lang.get();
        captureLoad.start(file.toString(), () -> {
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
                return tcplab.capture.CaptureAnalysis.read(in);
            }
        }, background, ui, a -> showCapture(a, file.toString()), e -> error.set(tcplab.i18n.Texts.of(LadderView.BUNDLE, l)
                .get(e instanceof OutOfMemoryError ? "load.tooBig" : "capture.cannotRead", file.toString(),
                        String.valueOf(e.getMessage()))));
    }

    /**
     * "Save as capture…": the run shown, every segment once as it went on the wire, written as
     * {@code simulate --pcap} writes it (pcapng for a {@code .pcapng} name, else pcap). Returns
     * the number of packets written; a write that fails throws, for the window to say.
     */
    public int saveCapture(Path file) throws java.io.IOException {
        return saveCapture(file, null, false);
    }

    /**
     * "Save as capture…" with the options {@code simulate --pcap} has: {@code captureAt} a host
     * (what its tcpdump would have shown: what it sent, and what reached it, at arrival) or null
     * (on the wire, every segment once as sent), and {@code ipv6} (each a.b.c.d as
     * 2001:db8::a.b.c.d). A capture shown is written with its own addresses, IPv6 if it was.
     */
    public int saveCapture(Path file, String captureAt, boolean ipv6) throws java.io.IOException {
        Timeline tl = timeline.get();
        if (tl == null) {
            return 0;
        }
        List<TraceEvent> events = new ArrayList<>();
        for (Timeline.Entry en : tl.entries()) {
            events.add(en.event());
        }
        List<tcplab.capture.TraceExport.Captured> packets = tcplab.capture.TraceExport.seenBy(events, captureAt);
        tcplab.capture.CaptureRun run = captureRun.get();
        java.util.function.Function<Endpoint, byte[]> address = run != null && run.timeline() == tl && run.ipv6()
                ? run::addressBytes : e -> tcplab.capture.TraceExport.address(e, ipv6);
        try (java.io.OutputStream os = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file))) {
            tcplab.capture.TraceExport.write(packets, address, tcplab.capture.TraceExport.formatFor(file.getFileName().toString()), os);
        }
        return packets.size();
    }

    /** The hosts a capture can be taken at ({@link #saveCapture(Path, String, boolean)}), in the ladder's order. */
    public List<String> captureHosts() {
        Timeline tl = timeline.get();
        return tl == null ? List.of() : List.copyOf(tl.hostNames());
    }

    /** Whether the run shown is already IPv6 (a capture of an IPv6 connection): saved as it is. */
    public boolean shownIsIpv6() {
        tcplab.capture.CaptureRun run = captureRun.get();
        return run != null && run.timeline() == timeline.get() && run.ipv6();
    }

    /** Cancels the capture being read, if any. */
    public void cancelCaptureLoad() {
        captureLoad.cancel();
    }

    /**
     * Shows a capture read already: the picker's list is its connections, the run shown the first
     * one {@link #defaultConnection} picks. False (and the reason in {@link #errorProperty()}, the
     * current run kept) when it holds none the window can show. Damage part-way is reported
     * while what was read before it is shown.
     */
    public boolean showCapture(tcplab.capture.CaptureAnalysis a, String file) {
        tcplab.i18n.Texts t = tcplab.i18n.Texts.of(LadderView.BUNDLE, lang.get());
        boolean notCapture = a.problem() != null && a.frames() == 0;
        if (notCapture) {
            error.set(a.problem().format(file, lang.get()));
            return false;
        }
        tcplab.capture.Connection pick = defaultConnection(a.connections());
        if (pick == null) {
            error.set(t.get("capture.noTcp", file));
            return false;
        }
        captureFile = file;
        captureConnections.setAll(a.connections());
        pickConnection(pick);
        error.set(a.problem() == null ? "" : a.problem().format(file, lang.get()));
        return true;
    }

    /**
     * The connection a capture opens on: the first with a handshake in it (a student's curl shows
     * DNS over UDP and maybe a stray connection before), else the first; IPv4 or IPv6. Null: none.
     */
    public static tcplab.capture.Connection defaultConnection(List<tcplab.capture.Connection> cs) {
        tcplab.capture.Connection first = null;
        for (tcplab.capture.Connection c : cs) {
            if (!tcplab.capture.CaptureRun.supported(c)) {
                continue;
            }
            if (first == null) {
                first = c;
            }
            if (c.packets().stream().anyMatch(p -> p.tcp().has(tcplab.capture.TcpPacket.SYN))) {
                return c;
            }
        }
        return first;
    }

    /** Shows connection {@code c} of the loaded capture (the picker); false for none. */
    public boolean pickConnection(tcplab.capture.Connection c) {
        if (c == null || !tcplab.capture.CaptureRun.supported(c)) {
            return false;
        }
        tcplab.i18n.Texts t = tcplab.i18n.Texts.of(LadderView.BUNDLE, lang.get());
        tcplab.capture.CaptureRun run = tcplab.capture.CaptureRun.of(c, t.get("capture.client"), t.get("capture.server"));
        scenarioSource.set(captureFile == null ? "" : captureFile);
        scenario.set(null);
        captureRun.set(run);
        install(run.timeline(), 0);
        error.set("");
        return true;
    }

    /** The picker's line for a connection: "#2 10.0.0.1:5000 → 10.0.0.2:80 · SF · 9 packets". */
    public String connectionLabel(tcplab.capture.Connection c) {
        tcplab.i18n.Texts t = tcplab.i18n.Texts.of(LadderView.BUNDLE, lang.get());
        return t.get("capture.connection", c.id(),
                c.endText(0), c.endText(1), c.zeekState(), c.packets().size());
    }

    /**
     * Why a trace event of the capture shown is an inference, in the current language; null
     * when a packet shows it or a simulation is shown.
     */
    public String inferredReason(TraceEvent e) {
        tcplab.capture.CaptureRun run = captureRun.get();
        String key = run == null ? null : run.inferredReason(e);
        return key == null ? null : tcplab.i18n.Texts.of(tcplab.capture.CaptureProblem.BUNDLE, lang.get()).get("why." + key);
    }

    /** Shows a message to the user (a failed export, say). */
    public void reportError(String message) {
        error.set(message == null ? "" : message);
    }

    /** Trace events of the step the playhead is on (for the status line). */
    public List<TraceEvent> eventsOfCurrentStep() {
        Timeline tl = timeline.get();
        List<TraceEvent> out = new ArrayList<>();
        if (tl == null) {
            return out;
        }
        for (Timeline.Entry en : tl.entriesOfStep(step.get())) {
            out.add(en.event());
        }
        return out;
    }

    /** Whether {@code address} is in the spoofed range of one of the scenario's SYN floods. */
    private static boolean spoofed(Timeline tl, int address) {
        if (tl.scenario() == null) {
            return false;
        }
        for (tcplab.sim.Scenario.Action a : tl.scenario().actions()) {
            if (a instanceof tcplab.sim.Scenario.Flood f) {
                int mask = f.spoofPrefix() == 0 ? 0 : -1 << (32 - f.spoofPrefix());
                if ((address & mask) == (f.spoofBase() & mask)) {
                    return true;
                }
            }
        }
        return false;
    }
}
