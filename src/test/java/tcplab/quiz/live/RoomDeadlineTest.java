package tcplab.quiz.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;
import tcplab.quiz.QuizGenerator;

/** An open question's time limit, on a fake clock: once it has passed, no answer is taken, ticked or not. */
class RoomDeadlineTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Room room = new Room("1234", 10, now::get);

    private LiveQuestion question() {
        return LiveQuestion.of(1, "generated", l -> new QuizGenerator(l).question(7, 0, QuizGenerator.Filter.ALL));
    }

    @Test
    void anAnswerAfterTheLimit_isRefused_evenAfterTheRoomWasTickedPastIt() throws Exception {
        String ann = room.join("Ann", "1234", null, Lang.EN);
        String ben = room.join("Ben", "1234", null, Lang.EN);
        room.push(question(), 10_000);
        now.addAndGet(9_000_000_000L);
        room.answer(ann, 1, "0");
        now.addAndGet(2_000_000_000L);
        Room.RefusedException late = assertThrows(Room.RefusedException.class, () -> room.answer(ben, 1, "0"));
        assertEquals(Room.Refusal.TIME_UP, late.refusal());
        room.tick(); // the window and the server's push loop tick: the page is told that time is up
        late = assertThrows(Room.RefusedException.class, () -> room.answer(ben, 1, "0"));
        assertEquals(Room.Refusal.TIME_UP, late.refusal());
        assertEquals(1, room.snapshot().answered());
        assertEquals(0, room.snapshot().remainingMs());
    }
}
