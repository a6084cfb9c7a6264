package tcplab.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Loading off the window's thread: what runs where, what a cancel drops. */
class BackgroundLoadTest {
    /** An executor that runs what it was given only when told: the test plays both threads. */
    static final class Manual implements Executor {
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            queue.add(r);
        }

        void runAll() {
            while (!queue.isEmpty()) {
                queue.poll().run();
            }
        }
    }

    final Manual background = new Manual();
    final Manual ui = new Manual();
    final BackgroundLoad load = new BackgroundLoad();
    final List<String> shown = new ArrayList<>();

    @Nested
    class WhileItRuns {
        @Test
        void theFileIsNamed_andNothingIsShownBeforeTheWorkIsDone() {
            load.start("big.yaml", () -> "result", background, ui, shown::add, e -> shown.add("failed"));
            assertEquals("big.yaml", load.fileProperty().get());
            background.runAll();
            assertEquals(List.of(), shown, "the result waits for the window's thread");
            ui.runAll();
            assertEquals(List.of("result"), shown);
            assertEquals("", load.fileProperty().get());
        }

        @Test
        void aCancelledLoadsResultIsNeverShown() {
            load.start("big.yaml", () -> "result", background, ui, shown::add, e -> shown.add("failed"));
            load.cancel();
            assertEquals("", load.fileProperty().get());
            background.runAll();
            ui.runAll();
            assertEquals(List.of(), shown);
        }

        @Test
        void aSecondLoadReplacesTheFirst_whoseResultIsDropped() {
            load.start("a.yaml", () -> "a", background, ui, shown::add, e -> shown.add("failed"));
            load.start("b.yaml", () -> "b", background, ui, shown::add, e -> shown.add("failed"));
            assertEquals("b.yaml", load.fileProperty().get());
            background.runAll();
            ui.runAll();
            assertEquals(List.of("b"), shown);
        }
    }

    @Nested
    class WhenItFails {
        @Test
        void anExceptionIsHandedToTheWindowsThread() {
            load.<String>start("bad.yaml", () -> {
                throw new java.io.IOException("unreadable");
            }, background, ui, shown::add, e -> shown.add("failed: " + e.getMessage()));
            background.runAll();
            ui.runAll();
            assertEquals(List.of("failed: unreadable"), shown);
        }

        @Test
        void runningOutOfMemoryIsAFailureTheWindowSurvives() {
            load.<String>start("huge.yaml", () -> {
                throw new OutOfMemoryError("Java heap space");
            }, background, ui, shown::add, e -> shown.add(e.getClass().getSimpleName()));
            background.runAll();
            ui.runAll();
            assertEquals(List.of("OutOfMemoryError"), shown);
            assertTrue(load.fileProperty().get().isEmpty());
        }
    }
}
