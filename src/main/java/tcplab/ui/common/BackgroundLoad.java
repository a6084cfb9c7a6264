package tcplab.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Reading a file without holding up the window: the work runs on {@code background}, its result
 * is handed over on {@code ui} (the FX thread), and {@link #cancel()} drops it. While it runs,
 * {@link #fileProperty()} names the file, so a view can show "Loading FILE…" with a Cancel
 * button. Starting another load cancels the one before; a cancelled load's result is never shown.
 */
public final class BackgroundLoad {
    /** One daemon thread for the window's file loads: a slow file never holds up the window or its exit. */
    public static final Executor LOADER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tcplab-load");
        t.setDaemon(true);
        return t;
    });

    private final ReadOnlyStringWrapper file = new ReadOnlyStringWrapper("");
    private AtomicBoolean current;

    /**
     * Runs {@code work} on {@code background}; then, on {@code ui}, {@code done} with its result, or
     * {@code failed} with what it threw (an {@link OutOfMemoryError} included: its memory is
     * garbage once the background thread lets go of it, so the window goes on).
     */
    public <T> void start(String what, Callable<T> work, Executor background, Executor ui,
            Consumer<T> done, Consumer<Throwable> failed) {
        cancel();
        AtomicBoolean cancelled = new AtomicBoolean();
        current = cancelled;
        file.set(what);
        background.execute(() -> {
            Runnable finish;
            try {
                T result = work.call();
                finish = () -> done.accept(result);
            } catch (Exception | OutOfMemoryError | StackOverflowError e) {
                finish = () -> failed.accept(e);
            }
            Runnable f = finish;
            ui.execute(() -> {
                if (current == cancelled && !cancelled.get()) {
                    current = null;
                    file.set("");
                    f.run();
                }
            });
        });
    }

    /** Drops the running load, if any: its result will not be shown. */
    public void cancel() {
        if (current != null) {
            current.set(true);
            current = null;
            file.set("");
        }
    }

    /** The file being loaded, or empty. */
    public ReadOnlyStringProperty fileProperty() {
        return file.getReadOnlyProperty();
    }
}
