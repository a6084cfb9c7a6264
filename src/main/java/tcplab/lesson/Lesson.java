package tcplab.lesson;

import java.util.List;
import java.util.Map;
import tcplab.i18n.Lang;
import tcplab.netstat.Dialect;
import tcplab.sim.Scenario;
import tcplab.tcp.TcpState;

/**
 * A step-through lesson as written in a file of {@code lessons/} (the format is documented in
 * {@code lessons/README.md}): a scenario to run and ordered steps, each with narration in both
 * languages, simulator actions, highlights, expected states and an optional "predict" checkpoint.
 * {@link LessonLoader} reads it; {@link LessonRun} runs it.
 *
 * @param order    where {@code lesson list} puts it (smaller first; ties by id)
 * @param scenario the scenario it runs, built-in or inline
 * @param scenarioName the built-in scenario's name, or null for an inline one
 */
public record Lesson(String id, String file, int order, Map<Lang, String> title, Map<Lang, String> summary,
                     String scenarioName, Scenario scenario, List<Step> steps) {

    public String title(Lang lang) {
        return title.getOrDefault(lang, id);
    }

    public String summary(Lang lang) {
        return summary.getOrDefault(lang, "");
    }

    /**
     * One step: what the teacher says, what the simulator does, what to point at, what must hold.
     * {@code setup} is what the class reads with a checkpoint's question (the situation, without
     * the answer); {@code narration} is revealed once the question is answered.
     */
    public record Step(int line, Map<Lang, String> narration, List<Action> actions, List<Highlight> highlights,
                       List<Expect> expects, Checkpoint checkpoint, Map<Lang, String> notes, Map<Lang, String> setup) {
        public String narration(Lang lang) {
            return narration.getOrDefault(lang, "");
        }

        /** The text shown with the checkpoint's question (empty for a step without one). */
        public String setup(Lang lang) {
            return setup.getOrDefault(lang, "");
        }

        /** The teacher's notes (empty when there are none); never shown to the audience in presenter view. */
        public String notes(Lang lang) {
            return notes.getOrDefault(lang, "");
        }
    }

    /** What the simulator does in a step, in order. */
    public sealed interface Action permits Next, ToTime, Until, ToEnd, Drop, SetDialect, ShowHost, Paste {
        int line();
    }

    /** What {@code next:} advances to. */
    public enum NextKind { EVENT, SEGMENT, STATE }

    /** Advance to the {@code count}-th next step that produces an event (of that kind). */
    public record Next(int line, NextKind kind, int count) implements Action {
    }

    /** Advance to a virtual time (every event at or before it happens). */
    public record ToTime(int line, double ms) implements Action {
    }

    /** Advance until {@code host} has a socket (on {@code port}, if not 0) entering {@code state}. */
    public record Until(int line, String host, TcpState state, int port) implements Action {
    }

    /** Run to the end of the scenario. */
    public record ToEnd(int line) implements Action {
    }

    /**
     * Lose a segment on the wire: by its number ({@code #3} on the ladder), or the next one with
     * these flags ({@code flags} exactly, -1 for any) towards {@code to} / from {@code from}.
     */
    public record Drop(int line, long number, int flags, String to, String from) implements Action {
    }

    /** Show the netstat tables in this dialect from now on (null: each host's own). */
    public record SetDialect(int line, Dialect dialect) implements Action {
    }

    /** Show this simulated host's netstat from now on. */
    public record ShowHost(int line, String host) implements Action {
    }

    /** Show a pasted netstat table (text written in the lesson file) from now on. */
    public record Paste(int line, String text) implements Action {
    }

    /** Something to point at after the step. */
    public sealed interface Highlight permits SegmentMark, StateMark, EdgeMark, LineMark {
        int line();
    }

    /** A segment by number, or (number 0) the last one sent so far with exactly {@code flags}. */
    public record SegmentMark(int line, long number, int flags) implements Highlight {
    }

    /** A state on the state diagram; with a host, that host must have a socket in it. */
    public record StateMark(int line, String host, TcpState state) implements Highlight {
    }

    /** An edge of the state diagram: the run must have taken it by now. */
    public record EdgeMark(int line, TcpState from, TcpState to) implements Highlight {
    }

    /** A line (1-based) of the netstat table shown. */
    public record LineMark(int line, int netstatLine) implements Highlight {
    }

    /**
     * A state that must hold after the step: {@code host} has sockets in {@code state} (with these
     * ports when not 0). {@code count} exact when >= 0, else at least {@code min}. CLOSED means no
     * socket on those ports is left.
     */
    public record Expect(int line, String host, TcpState state, int port, int remotePort, int count, int min) {
    }

    /** What a checkpoint asks to predict. */
    public enum CheckKind { NEXT_STATE, NEXT_SEGMENT, LINE }

    /**
     * A "predict" question asked before the step reveals the outcome. The right answer is always
     * computed from the run; {@code answer}, when written, is checked against it.
     *
     * @param host  NEXT_STATE: whose next state; NEXT_SEGMENT: who sends it (null: anyone)
     * @param port  NEXT_STATE: only the socket on this local port (0: any)
     * @param netstatLine LINE: the line of the table shown with the question (the one the step
     *                    starts from: what the class can read while it answers)
     */
    public record Checkpoint(int line, CheckKind kind, String host, int port, int netstatLine,
                             Map<Lang, String> question, List<Choice> choices, String answer, int answerLine) {
        public String question(Lang lang) {
            return question.getOrDefault(lang, "");
        }
    }

    /**
     * A choice: {@code value} is a state name (NEXT_STATE, LINE) or a flag set (NEXT_SEGMENT);
     * {@code text} what is shown (empty: the value itself).
     */
    public record Choice(int line, String value, Map<Lang, String> text) {
        public String label(Lang lang) {
            String t = text.get(lang);
            return t == null || t.isEmpty() ? value : t;
        }
    }
}
