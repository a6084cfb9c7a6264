package tcplab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;
import tcplab.i18n.ProblemException;
import tcplab.tcp.TcpState;

/**
 * No checkpoint asks about a state before the class has been taught it. A step teaches the states
 * its narration names (in either language, as any tool spells them: SYN_SENT, SYN-SENT, LISTENING,
 * SYN_RECV...) and the states it highlights on the diagram. A checkpoint's right answer and every
 * state among its choices must have been taught by a lesson of lower {@code order}, or by an
 * earlier step of the same lesson: a learner cannot predict a state whose name they have never met.
 */
class LessonStatesTaughtInOrderTest {

    /** A state's name as any tool or text writes it, as a whole upper-case word ("closed" is not CLOSED). */
    private static final Pattern STATE_WORD = Pattern.compile(
            "(?<![A-Za-z0-9_-])(CLOSED|LISTENING|LISTEN|SYN[_-]SENT|SYN[_-]RECEIVED|SYN[_-]RECV|SYN[_-]RCVD|ESTABLISHED"
                    + "|FIN[_-]WAIT[_-]?[12]|CLOSE[_-]WAIT|CLOSING|LAST[_-]ACK|TIME[_-]WAIT)(?![A-Za-z0-9_-])");

    static Set<TcpState> named(String text) {
        Set<TcpState> out = EnumSet.noneOf(TcpState.class);
        Matcher m = STATE_WORD.matcher(text);
        while (m.find()) {
            String w = m.group(1).replace('-', '_');
            w = switch (w) {
                case "SYN_RECV", "SYN_RCVD" -> "SYN_RECEIVED";
                case "FIN_WAIT1" -> "FIN_WAIT_1";
                case "FIN_WAIT2" -> "FIN_WAIT_2";
                default -> w;
            };
            out.add(LessonLoader.parseState(w));
        }
        return out;
    }

    /** The states one step teaches: named by its narration, or highlighted on the diagram. */
    static Set<TcpState> taughtBy(Lesson.Step step) {
        Set<TcpState> out = EnumSet.noneOf(TcpState.class);
        for (Lang lang : Lang.values()) {
            out.addAll(named(step.narration(lang)));
        }
        for (Lesson.Highlight h : step.highlights()) {
            if (h instanceof Lesson.StateMark s) {
                out.add(s.state());
            }
        }
        return out;
    }

    /**
     * Every checkpoint that asks about a state not yet taught, as "id step N: STATE, STATE".
     * {@code runs} in the order the lessons are listed (order, then id).
     */
    static List<String> untaught(List<LessonRun> runs) {
        List<String> out = new ArrayList<>();
        Set<TcpState> byEarlierLessons = EnumSet.noneOf(TcpState.class);
        Set<TcpState> byThisOrder = EnumSet.noneOf(TcpState.class);
        int order = Integer.MIN_VALUE;
        for (LessonRun run : runs) {
            Lesson lesson = run.lesson();
            if (lesson.order() != order) {
                byEarlierLessons.addAll(byThisOrder);
                byThisOrder.clear();
                order = lesson.order();
            }
            Set<TcpState> known = EnumSet.noneOf(TcpState.class);
            known.addAll(byEarlierLessons);
            List<Lesson.Step> steps = lesson.steps();
            for (int i = 0; i < steps.size(); i++) {
                Lesson.Step step = steps.get(i);
                Lesson.Checkpoint cp = step.checkpoint();
                if (cp != null && cp.kind() != Lesson.CheckKind.NEXT_SEGMENT) {
                    Set<TcpState> asked = new LinkedHashSet<>();
                    String answer = run.frames().get(i).answer();
                    if (answer != null) {
                        asked.add(TcpState.valueOf(answer));
                    }
                    for (Lesson.Choice c : cp.choices()) {
                        asked.add(TcpState.valueOf(c.value()));
                    }
                    asked.removeAll(known);
                    if (!asked.isEmpty()) {
                        out.add(lesson.id() + " step " + (i + 1) + ": " + asked.stream().map(Enum::name).sorted().toList());
                    }
                }
                known.addAll(taughtBy(step));
            }
            for (Lesson.Step step : steps) {
                byThisOrder.addAll(taughtBy(step));
            }
        }
        return out;
    }

    private static List<LessonRun> runs(Path dir) throws IOException {
        List<LessonRun> out = new ArrayList<>();
        for (LessonLoader.Loaded l : LessonLoader.checkDir(dir)) {
            assertTrue(l.ok(), () -> l.path() + ": " + l.problems().stream().map(p -> p.format(Lang.EN)).toList());
            try {
                out.add(LessonRun.of(l.lesson()));
            } catch (ProblemException e) {
                throw new AssertionError(e.format(Lang.EN));
            }
        }
        return out;
    }

    @Test
    void everyCheckpointAsksOnlyAboutStatesAlreadyTaught() throws IOException {
        assertEquals(List.of(), untaught(runs(Path.of("lessons"))),
                "checkpoints asking about a state before any step or earlier lesson has taught it;"
                        + " teach it earlier (name it in a narration), or ask something else");
    }

    @Test
    void theRuleCatchesTheCheckpointsItWasWrittenFor() throws IOException {
        // ports and server-port as they were on 2026-12-07: ports (lesson 1) asked for SYN_SENT
        // before naming it, server-port for FIN_WAIT_1 two lessons before closing taught it.
        List<String> found = untaught(runs(Path.of("src/test/resources/lessons/untaught")));
        assertTrue(found.contains("ports step 2: [ESTABLISHED, SYN_SENT]"), found.toString());
        assertTrue(found.stream().anyMatch(s -> s.startsWith("server-port step 3: ") && s.contains("FIN_WAIT_1")), found.toString());
    }

    @Test
    void statesAreRecognisedAsEveryToolSpellsThem() {
        assertEquals(EnumSet.of(TcpState.LISTEN, TcpState.SYN_RECEIVED, TcpState.FIN_WAIT_2, TcpState.TIME_WAIT),
                named("0.0.0.0:80 LISTENING; SYN_RECV then FIN-WAIT-2, TIME_WAIT."));
        assertEquals(EnumSet.noneOf(TcpState.class), named("the socket is closed; closed_ports: drop; listening"));
    }
}
