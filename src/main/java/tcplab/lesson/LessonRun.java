package tcplab.lesson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tcplab.i18n.Problem;
import tcplab.i18n.ProblemException;
import tcplab.netstat.Dialect;
import tcplab.netstat.HostTable;
import tcplab.netstat.NetstatParser;
import tcplab.netstat.ParsedLine;
import tcplab.sim.Host;
import tcplab.sim.Scenario;
import tcplab.sim.ScenarioRunner;
import tcplab.sim.Simulation;
import tcplab.sim.Sock;
import tcplab.sim.Timeline;
import tcplab.sim.TraceEvent;
import tcplab.tcp.Flags;
import tcplab.tcp.TcpState;

/**
 * A lesson run headlessly from its first step to its last, once, into a list of {@link Frame}s:
 * where the simulation stands after each step (a recorded {@link Timeline} and a step of it, so
 * the exact simulation is {@code timeline.replayTo(simStep)}), what the netstat pane shows, what
 * is highlighted and the computed answer of the step's checkpoint. Going back to a step is going
 * back to its frame: nothing is redrawn from memory.
 *
 * <p>Running also checks what only a run can tell: every expectation, every highlight (a segment
 * that was sent, an edge that was taken, a line that exists) and every checkpoint answer. Problems
 * are collected for the whole lesson and thrown together, each at its {@code file:line}.
 */
public final class LessonRun {
    /** A lesson's run is cut here (the window's limit too). */
    public static final int MAX_STEPS = 200_000;

    /**
     * Where the lesson stands after a step (or, for {@link #start()}, before the first).
     *
     * @param host      the simulated host whose netstat is shown
     * @param dialect   the dialect chosen by the lesson, null for the host's own
     * @param paste     the pasted table shown instead of the host's, or null
     * @param table     the text of the table shown (the host's netstat, or the paste)
     * @param answer    the checkpoint's right answer (a state name or flags), computed from the run; null without a checkpoint
     */
    public record Frame(int index, Timeline timeline, int simStep, String host, Dialect dialect, String paste,
                        String table, Long segment, String stateHost, TcpState state, TcpState edgeFrom,
                        TcpState edgeTo, int netstatLine, String answer) {
        public long timeUs() {
            return timeline.timeOfStep(simStep);
        }

        /** The lines of the table shown, without line ends. */
        public List<String> tableLines() {
            return lines(table);
        }
    }

    private final Lesson lesson;
    private final Frame start;
    private final List<Frame> frames;

    private LessonRun(Lesson lesson, Frame start, List<Frame> frames) {
        this.lesson = lesson;
        this.start = start;
        this.frames = frames;
    }

    public Lesson lesson() {
        return lesson;
    }

    /** Before the first step: the scenario at its start. */
    public Frame start() {
        return start;
    }

    /** One frame per step, in order. */
    public List<Frame> frames() {
        return frames;
    }

    /** The frame step {@code i} starts from: the previous step's, or {@link #start()}. */
    public Frame before(int i) {
        return i == 0 ? start : frames.get(i - 1);
    }

    /** The trace events step {@code i} revealed (in its own timeline). */
    public List<Timeline.Entry> revealed(int i) {
        Frame f = frames.get(i);
        int from = before(i).simStep();
        List<Timeline.Entry> all = f.timeline().entriesUpTo(f.simStep());
        int lo = 0;
        while (lo < all.size() && all.get(lo).step() <= from) {
            lo++;
        }
        return all.subList(lo, all.size());
    }

    /** Runs {@code lesson} from start to end; throws every problem found on the way. */
    public static LessonRun of(Lesson lesson) throws ProblemException {
        List<Problem> problems = new ArrayList<>();
        Timeline tl = Timeline.record(lesson.scenario(), ScenarioRunner.Overrides.NONE, MAX_STEPS);
        if (!tl.complete()) {
            problems.add(new Problem(lesson.file(), 1, LessonLoader.BUNDLE, "lesson.runCut", MAX_STEPS));
        }
        String host = defaultHost(lesson.scenario());
        Frame start = frame(lesson, -1, tl, 0, host, null, null, null, problems);
        List<Frame> frames = new ArrayList<>();
        Frame prev = start;
        for (int i = 0; i < lesson.steps().size(); i++) {
            Frame f = step(lesson, i, prev, problems);
            frames.add(f);
            prev = f;
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(Problem::line));
            throw new ProblemException(problems);
        }
        return new LessonRun(lesson, start, List.copyOf(frames));
    }

    private static String defaultHost(Scenario sc) {
        for (Scenario.Action a : sc.actions()) {
            if (a instanceof Scenario.Listen) {
                return a.host();
            }
        }
        return sc.hosts().isEmpty() ? null : sc.hosts().get(0).name();
    }

    private static Frame step(Lesson lesson, int index, Frame prev, List<Problem> problems) {
        Lesson.Step st = lesson.steps().get(index);
        String file = lesson.file();
        Timeline tl = prev.timeline();
        int k = prev.simStep();
        String host = prev.host();
        Dialect dialect = prev.dialect();
        String paste = prev.paste();
        for (Lesson.Action a : st.actions()) {
            if (a instanceof Lesson.Next n) {
                int at = k;
                for (int c = 0; c < n.count(); c++) {
                    int next = nextStep(tl, at, n.kind());
                    if (next < 0) {
                        problems.add(new Problem(file, n.line(), LessonLoader.BUNDLE, "lesson.nothingNext",
                                n.kind().name().toLowerCase(java.util.Locale.ROOT), ms(tl.timeOfStep(at))));
                        break;
                    }
                    at = next;
                }
                k = at;
            } else if (a instanceof Lesson.ToTime t) {
                long us = Math.round(t.ms() * 1000);
                if (us < tl.timeOfStep(k)) {
                    problems.add(new Problem(file, t.line(), LessonLoader.BUNDLE, "lesson.timeBehind", ms(us), ms(tl.timeOfStep(k))));
                } else {
                    k = Math.max(k, tl.stepsBy(us));
                }
            } else if (a instanceof Lesson.Until u) {
                int found = -1;
                for (Timeline.Entry e : tl.entries()) {
                    if (e.step() > k && e.event() instanceof TraceEvent.StateChange s && s.host().equals(u.host())
                            && s.to() == u.state() && (u.port() == 0 || s.local().port() == u.port())) {
                        found = e.step();
                        break;
                    }
                }
                if (found < 0) {
                    problems.add(new Problem(file, u.line(), LessonLoader.BUNDLE, "lesson.neverReaches", u.host(), u.state().name(),
                            ms(tl.timeOfStep(k))));
                } else {
                    k = found;
                }
            } else if (a instanceof Lesson.ToEnd) {
                k = tl.steps();
            } else if (a instanceof Lesson.Drop d) {
                Timeline dropped = drop(tl, k, d, file, problems);
                if (dropped != null) {
                    tl = dropped;
                }
            } else if (a instanceof Lesson.SetDialect sd) {
                dialect = sd.dialect();
            } else if (a instanceof Lesson.ShowHost sh) {
                host = sh.host();
                paste = null;
            } else if (a instanceof Lesson.Paste p) {
                paste = p.text();
            }
        }
        Frame f = frame(lesson, index, tl, k, host, dialect, paste, st, problems);
        if (st.checkpoint() != null) {
            String answer = answer(st.checkpoint(), prev, f, file, problems);
            f = new Frame(f.index(), f.timeline(), f.simStep(), f.host(), f.dialect(), f.paste(), f.table(), f.segment(),
                    f.stateHost(), f.state(), f.edgeFrom(), f.edgeTo(), f.netstatLine(), answer);
        }
        return f;
    }

    /** The first step after {@code k} that produces an event of {@code kind}, or -1. */
    private static int nextStep(Timeline tl, int k, Lesson.NextKind kind) {
        for (Timeline.Entry e : tl.entries()) {
            if (e.step() <= k) {
                continue;
            }
            TraceEvent ev = e.event();
            boolean match = switch (kind) {
                case EVENT -> true;
                case SEGMENT -> ev instanceof TraceEvent.SegmentEvent s && s.action() == TraceEvent.SegmentAction.SEND;
                case STATE -> ev instanceof TraceEvent.StateChange;
            };
            if (match) {
                return e.step();
            }
        }
        return -1;
    }

    private static Timeline drop(Timeline tl, int k, Lesson.Drop d, String file, List<Problem> problems) {
        Map<Long, Integer> endStep = new HashMap<>();
        for (Timeline.Entry e : tl.entries()) {
            if (e.event() instanceof TraceEvent.SegmentEvent s && s.action() != TraceEvent.SegmentAction.SEND) {
                endStep.put(s.id(), e.step());
            }
        }
        Timeline.Flight chosen = null;
        if (d.number() > 0) {
            chosen = tl.flight(d.number());
            if (chosen == null) {
                problems.add(new Problem(file, d.line(), LessonLoader.BUNDLE, "lesson.noSuchSegment", d.number(), tl.flights().size()));
                return null;
            }
            if (chosen.end() != null && endStep.getOrDefault(chosen.id(), Integer.MAX_VALUE) <= k) {
                problems.add(new Problem(file, d.line(), LessonLoader.BUNDLE, "lesson.dropTooLate", d.number()));
                return null;
            }
        } else {
            Integer toAddr = d.to() == null ? null : addressOf(tl, d.to());
            for (Timeline.Flight f : tl.flights()) {
                if (f.end() != null && endStep.getOrDefault(f.id(), Integer.MAX_VALUE) <= k) {
                    continue; // already arrived (or lost)
                }
                if (f.lost()) {
                    continue;
                }
                var seg = f.send().segment();
                if ((d.flags() < 0 || seg.flags() == d.flags()) && (d.from() == null || f.send().host().equals(d.from()))
                        && (toAddr == null || seg.dst().address() == toAddr)) {
                    chosen = f;
                    break;
                }
            }
            if (chosen == null) {
                problems.add(new Problem(file, d.line(), LessonLoader.BUNDLE, "lesson.dropNoMatch",
                        d.flags() < 0 ? "*" : Flags.format(d.flags()), d.from() == null ? "*" : d.from(), d.to() == null ? "*" : d.to()));
                return null;
            }
        }
        try {
            return tl.withDropped(chosen.id(), tl.timeOfStep(k), MAX_STEPS);
        } catch (ProblemException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private static Integer addressOf(Timeline tl, String host) {
        Host h = tl.replayTo(0).host(host);
        return h == null ? null : h.address();
    }

    private static Frame frame(Lesson lesson, int index, Timeline tl, int k, String host, Dialect dialect, String paste,
                               Lesson.Step st, List<Problem> problems) {
        String file = lesson.file();
        Simulation sim = tl.replayTo(k);
        String table;
        if (paste != null) {
            table = paste;
        } else {
            Host h = host == null ? null : sim.host(host);
            table = h == null ? "" : HostTable.emit(h, dialect != null ? dialect : HostTable.nativeDialect(h));
        }
        Long segment = null;
        String stateHost = null;
        TcpState state = null;
        TcpState edgeFrom = null;
        TcpState edgeTo = null;
        int line = 0;
        if (st != null) {
            List<Timeline.Entry> upTo = tl.entriesUpTo(k);
            for (Lesson.Highlight hl : st.highlights()) {
                if (hl instanceof Lesson.SegmentMark m) {
                    segment = markedSegment(upTo, m);
                    if (segment == null) {
                        problems.add(new Problem(file, m.line(), LessonLoader.BUNDLE, "lesson.segmentNotSent",
                                m.number() > 0 ? "#" + m.number() : Flags.format(m.flags()), ms(tl.timeOfStep(k))));
                    }
                } else if (hl instanceof Lesson.StateMark m) {
                    state = m.state();
                    stateHost = m.host();
                    if (m.host() != null && count(sim, m.host(), m.state(), 0, 0) == 0) {
                        problems.add(new Problem(file, m.line(), LessonLoader.BUNDLE, "lesson.stateNotHeld", m.host(), m.state().name(),
                                sockets(sim, m.host())));
                    }
                } else if (hl instanceof Lesson.EdgeMark m) {
                    edgeFrom = m.from();
                    edgeTo = m.to();
                    boolean taken = false;
                    for (Timeline.Entry e : upTo) {
                        if (e.event() instanceof TraceEvent.StateChange s && s.from() == m.from() && s.to() == m.to()) {
                            taken = true;
                            break;
                        }
                    }
                    if (!taken) {
                        problems.add(new Problem(file, m.line(), LessonLoader.BUNDLE, "lesson.edgeNotTaken", m.from().name(), m.to().name()));
                    }
                } else if (hl instanceof Lesson.LineMark m) {
                    List<String> lines = lines(table);
                    if (m.netstatLine() > lines.size() || lines.get(m.netstatLine() - 1).isBlank()) {
                        problems.add(new Problem(file, m.line(), LessonLoader.BUNDLE, "lesson.noSuchLine", m.netstatLine(), lines.size()));
                    } else {
                        line = m.netstatLine();
                    }
                }
            }
            for (Lesson.Expect ex : st.expects()) {
                int n = count(sim, ex.host(), ex.state(), ex.port(), ex.remotePort());
                boolean ok;
                if (ex.state() == TcpState.CLOSED) {
                    ok = n == 0;
                } else if (ex.count() >= 0) {
                    ok = n == ex.count();
                } else {
                    ok = n >= ex.min();
                }
                if (!ok) {
                    String want = ex.state() == TcpState.CLOSED ? "0" : ex.count() >= 0 ? Integer.toString(ex.count()) : "≥ " + ex.min();
                    problems.add(new Problem(file, ex.line(), LessonLoader.BUNDLE, "lesson.expectFailed", ex.host(), ex.state().name(),
                            ports(ex), want, n, index + 1, sockets(sim, ex.host())));
                }
            }
        }
        return new Frame(index, tl, k, host, dialect, paste, table, segment, stateHost, state, edgeFrom, edgeTo, line, null);
    }

    private static Long markedSegment(List<Timeline.Entry> upTo, Lesson.SegmentMark m) {
        Long found = null;
        for (Timeline.Entry e : upTo) {
            if (e.event() instanceof TraceEvent.SegmentEvent s && s.action() == TraceEvent.SegmentAction.SEND) {
                if (m.number() > 0 ? s.id() == m.number() : s.segment().flags() == m.flags()) {
                    found = s.id();
                }
            }
        }
        return found;
    }

    /**
     * Sockets of {@code host} in {@code state} on these ports (0: any). For CLOSED: sockets on those
     * ports that are not closed, i.e. what netstat would still list.
     */
    static int count(Simulation sim, String host, TcpState state, int port, int remotePort) {
        Host h = sim.host(host);
        if (h == null) {
            return 0;
        }
        int n = 0;
        for (Sock s : h.sockets()) {
            if (s.state() == TcpState.CLOSED) {
                continue;
            }
            if (port != 0 && s.local().port() != port) {
                continue;
            }
            if (remotePort != 0 && (s.remote() == null || s.remote().port() != remotePort)) {
                continue;
            }
            if (state == TcpState.CLOSED || s.state() == state) {
                n++;
            }
        }
        return n;
    }

    private static String ports(Lesson.Expect ex) {
        StringBuilder sb = new StringBuilder();
        if (ex.port() != 0) {
            sb.append(" port ").append(ex.port());
        }
        if (ex.remotePort() != 0) {
            sb.append(" remote_port ").append(ex.remotePort());
        }
        return sb.toString();
    }

    /** What a host's sockets are, for a message: "LISTEN 0.0.0.0:80 *:*, SYN_SENT ..." (the first six). */
    private static String sockets(Simulation sim, String host) {
        Host h = sim.host(host);
        List<String> out = new ArrayList<>();
        int n = 0;
        if (h != null) {
            for (Sock s : h.sockets()) {
                if (s.state() == TcpState.CLOSED) {
                    continue;
                }
                if (n++ < 6) {
                    out.add(s.state().name() + " " + s.local() + " " + (s.remote() == null ? "*:*" : s.remote()));
                }
            }
        }
        if (n > 6) {
            out.add("… (" + n + ")");
        }
        return out.isEmpty() ? "-" : String.join(", ", out);
    }

    private static String answer(Lesson.Checkpoint cp, Frame prev, Frame f, String file, List<Problem> problems) {
        String actual = null;
        Timeline tl = f.timeline();
        switch (cp.kind()) {
            case NEXT_STATE:
            case NEXT_SEGMENT:
                for (Timeline.Entry e : tl.entriesUpTo(f.simStep())) {
                    if (e.step() <= prev.simStep()) {
                        continue;
                    }
                    if (cp.kind() == Lesson.CheckKind.NEXT_STATE && e.event() instanceof TraceEvent.StateChange s
                            && s.host().equals(cp.host()) && (cp.port() == 0 || s.local().port() == cp.port())) {
                        actual = s.to().name();
                        break;
                    }
                    if (cp.kind() == Lesson.CheckKind.NEXT_SEGMENT && e.event() instanceof TraceEvent.SegmentEvent s
                            && s.action() == TraceEvent.SegmentAction.SEND && (cp.host() == null || s.host().equals(cp.host()))) {
                        actual = Flags.format(s.segment().flags());
                        break;
                    }
                }
                if (actual == null) {
                    problems.add(new Problem(file, cp.line(), LessonLoader.BUNDLE, "lesson.checkpointNoReveal",
                            cp.kind().name().toLowerCase(java.util.Locale.ROOT)));
                    return null;
                }
                break;
            default: {
                ParsedLine pl = null;
                // The line of the table shown WITH the question: the frame the step starts from.
                // (Asking about a table that appears only with the answer is not a fair question.)
                for (ParsedLine p : NetstatParser.parseAll(prev.table())) {
                    if (p.line() == cp.netstatLine()) {
                        pl = p;
                    }
                }
                if (!(pl instanceof ParsedLine.Socket s) || s.row().state() == null) {
                    problems.add(new Problem(file, cp.line(), LessonLoader.BUNDLE, "lesson.checkpointNotSocketLine", cp.netstatLine()));
                    return null;
                }
                actual = s.row().state().name();
            }
        }
        List<String> values = new ArrayList<>();
        for (Lesson.Choice c : cp.choices()) {
            values.add(c.value());
        }
        if (!values.contains(actual)) {
            problems.add(new Problem(file, cp.line(), LessonLoader.BUNDLE, "lesson.answerNotAChoice", actual, String.join(", ", values)));
        } else if (values.indexOf(actual) != values.lastIndexOf(actual)) {
            problems.add(new Problem(file, cp.line(), LessonLoader.BUNDLE, "lesson.answerTwice", actual));
        }
        if (cp.answer() != null && !cp.answer().equals(actual)) {
            problems.add(new Problem(file, cp.answerLine(), LessonLoader.BUNDLE, "lesson.wrongAnswer", cp.answer(), actual));
        }
        return actual;
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String l : text.replace("\r", "").split("\n", -1)) {
            out.add(l);
        }
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static String ms(long us) {
        return tcplab.sim.TextLadder.fmtMs(us / 1000.0);
    }
}
