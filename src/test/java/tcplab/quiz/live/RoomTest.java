package tcplab.quiz.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;
import tcplab.quiz.QuestionType;
import tcplab.quiz.QuizGenerator;

/** The room's rules, whatever order students and the teacher act in. */
class RoomTest {
    private static final List<LiveQuestion> QUESTIONS = new ArrayList<>();

    static {
        QuizGenerator.Filter f = new QuizGenerator.Filter(EnumSet.of(QuestionType.NEXT_STATE, QuestionType.STATE_MEANING,
                QuestionType.PORT_CLASS), null, Map.of());
        for (int i = 0; i < 6; i++) {
            int n = i;
            QUESTIONS.add(LiveQuestion.of(n + 1, "generated", l -> new QuizGenerator(l).question(5, n, f)));
        }
    }

    @Test
    void aGeneratedQuestion_hasItsOptionsInTheSameOrderInBothLanguages() {
        QuizGenerator.Filter all = QuizGenerator.Filter.ALL;
        for (int i = 0; i < 60; i++) {
            int n = i;
            LiveQuestion q = LiveQuestion.of(n + 1, "generated", l -> new QuizGenerator(l).question(77, n, all));
            assertEquals(q.in(Lang.EN).options().size(), q.in(Lang.ZH).options().size());
            assertEquals(q.in(Lang.EN).options().indexOf(q.in(Lang.EN).answer()),
                    q.in(Lang.ZH).options().indexOf(q.in(Lang.ZH).answer()), q.in(Lang.EN)::prompt);
        }
    }

    /**
     * Random classes: students join, answer (sometimes twice, sometimes late, sometimes nonsense),
     * the teacher pushes, reveals and removes. Afterwards every student answered each question at
     * most once, each score is the number of right answers revealed, and no open question's answer
     * was ever in a student's view.
     */
    @Property(tries = 300)
    void scoresCountRightAnswersOnce_andNoViewShowsAnOpenAnswer(
            @ForAll @Size(min = 5, max = 120) List<@IntRange(min = 0, max = 99) Integer> script) throws Exception {
        AtomicLong clock = new AtomicLong();
        Room room = new Room("4242", 8, clock::get);
        List<String> tokens = new ArrayList<>();
        Map<String, String> nameOf = new HashMap<>();
        Map<String, Integer> expectedScore = new HashMap<>();
        Map<String, Integer> pending = new HashMap<>(); // token -> option answered to the open question
        Set<String> answeredNow = new HashSet<>();
        int asked = 0;
        LiveQuestion open = null;
        for (int step : script) {
            clock.addAndGet(step * 10_000_000L);
            int what = step % 6;
            if (what == 0) {
                String name = "s" + (step % 11);
                try {
                    String t = room.join(name, "4242", null, Lang.EN);
                    tokens.add(t);
                    nameOf.put(t, name);
                    expectedScore.put(t, 0);
                } catch (Room.RefusedException e) {
                    assertTrue(e.refusal() == Room.Refusal.NAME_TAKEN || e.refusal() == Room.Refusal.ROOM_FULL, e.refusal()::name);
                }
            } else if (what == 1 && asked < QUESTIONS.size()) {
                if (open != null) {
                    reveal(room, open, pending, expectedScore);
                }
                open = QUESTIONS.get(asked++);
                room.push(open, step % 3 == 0 ? 200 : 0);
                pending.clear();
                answeredNow.clear();
            } else if ((what == 2 || what == 3) && !tokens.isEmpty() && open != null) {
                String t = tokens.get(step % tokens.size());
                int option = step % (open.optionCount() + 1); // sometimes one past the last
                try {
                    room.answer(t, open.number(), Integer.toString(option));
                    assertTrue(option < open.optionCount());
                    assertTrue(answeredNow.add(t), "a second answer was taken");
                    pending.put(t, option);
                } catch (Room.RefusedException e) {
                    assertTrue(answeredNow.contains(t) || option >= open.optionCount() || !room.knows(t)
                            || e.refusal() == Room.Refusal.TIME_UP || e.refusal() == Room.Refusal.NO_QUESTION, e.refusal()::name);
                }
            } else if (what == 4 && open != null && room.snapshot().phase() == Room.Phase.OPEN) {
                reveal(room, open, pending, expectedScore);
            } else if (what == 5 && !tokens.isEmpty() && step % 7 == 0) {
                String t = tokens.remove(step % tokens.size());
                assertTrue(room.remove(nameOf.get(t)));
                expectedScore.remove(t);
                pending.remove(t);
            }
            for (String t : tokens) {
                Room.StudentView v = room.studentView(t);
                if (v.phase() == Room.Phase.OPEN) {
                    assertNull(v.reveal(), "an open question's reveal reached a student");
                    String json = StudentJson.of(v, Lang.EN);
                    assertTrue(!json.contains("answerIndex") && !json.contains("explanation"), json);
                }
                assertEquals(expectedScore.get(t).intValue(), v.score(), nameOf.get(t));
            }
            assertTrue(room.snapshot().answered() <= room.snapshot().joined());
        }
    }

    private static void reveal(Room room, LiveQuestion q, Map<String, Integer> pending, Map<String, Integer> score) {
        if (room.snapshot().phase() != Room.Phase.OPEN) {
            return;
        }
        Room.Reveal r = room.reveal();
        int sum = 0;
        for (int c : r.counts()) {
            sum += c;
        }
        assertEquals(pending.size(), sum);
        for (Map.Entry<String, Integer> e : pending.entrySet()) {
            if (e.getValue() == q.answerIndex()) {
                score.merge(e.getKey(), 1, Integer::sum);
            }
        }
        pending.clear();
    }

    @Test
    void aFullRoom_refusesTheNextStudent() throws Exception {
        Room room = new Room("1", 2, System::nanoTime);
        room.join("a", "1", null, Lang.EN);
        room.join("b", "1", null, Lang.EN);
        Room.RefusedException e = assertThrows(Room.RefusedException.class, () -> room.join("c", "1", null, Lang.EN));
        assertEquals(Room.Refusal.ROOM_FULL, e.refusal());
    }

    @Test
    void theLeaderboard_ranksByScoreThenTime_andTiesShareARank() throws Exception {
        AtomicLong clock = new AtomicLong();
        Room room = new Room("1", 10, clock::get);
        String a = room.join("a", "1", null, Lang.EN);
        String b = room.join("b", "1", null, Lang.EN);
        String c = room.join("c", "1", null, Lang.EN);
        LiveQuestion q = QUESTIONS.get(0);
        room.push(q, 0);
        clock.addAndGet(1_000_000_000L);
        room.answer(a, 1, Integer.toString(q.answerIndex()));
        clock.addAndGet(1_000_000_000L);
        room.answer(b, 1, Integer.toString(q.answerIndex()));
        room.answer(c, 1, Integer.toString((q.answerIndex() + 1) % q.optionCount()));
        room.reveal();
        List<Room.Standing> st = room.standings();
        assertEquals(List.of("a", "b", "c"), st.stream().map(Room.Standing::name).toList());
        assertEquals(List.of(1, 2, 3), st.stream().map(Room.Standing::rank).toList());
        assertEquals(List.of(1, 1, 0), st.stream().map(Room.Standing::score).toList());
    }

    @Test
    void nobodyCanJoinAnEndedSession() throws Exception {
        Room room = new Room("1", 10, System::nanoTime);
        room.end();
        assertEquals(Room.Refusal.ENDED, assertThrows(Room.RefusedException.class,
                () -> room.join("late", "1", null, Lang.EN)).refusal());
    }
}
