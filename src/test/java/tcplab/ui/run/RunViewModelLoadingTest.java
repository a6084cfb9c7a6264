package tcplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcplab.i18n.Lang;

/**
 * The window opens a scenario file off its UI thread (issue 15: a 20 MB file used to freeze it
 * for minutes): loading shows the file and its progress, can be cancelled, and a bad file leaves
 * the run shown as it was. Without JavaFX: the "UI thread" is a queue this test drains.
 */
class RunViewModelLoadingTest {
    @TempDir
    Path dir;

    private final ConcurrentLinkedQueue<Runnable> ui = new ConcurrentLinkedQueue<>();

    private void drainUi() {
        Runnable r;
        while ((r = ui.poll()) != null) {
            r.run();
        }
    }

    private RunViewModel handshake() {
        RunViewModel vm = new RunViewModel();
        vm.langProperty().set(Lang.EN);
        assertTrue(vm.load("handshake"));
        return vm;
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static final String DATA = "scenario: two\ntitle: {en: Two, zh: 两个}\nhosts: {c: {address: 10.0.0.1}, s: {address: 10.0.0.2}}\n"
            + "actions:\n  - {at: 0, host: s, do: listen, port: 80}\n  - {at: 0, host: c, do: connect, to: 's:80', count: COUNT}\n";

    @Test
    void aFileLoadsInTheBackgroundAndIsShownOnTheUiThread() throws Exception {
        RunViewModel vm = handshake();
        Path f = file("two.yaml", DATA.replace("COUNT", "2"));
        java.util.List<Runnable> background = new java.util.ArrayList<>();
        vm.loadInBackground(f, background::add, ui::add);
        assertEquals(f.toString(), vm.loadingFileProperty().get(), "the loading row names the file");
        assertEquals(-1, vm.loadProgressProperty().get(), "reading: no fraction yet");
        assertEquals("handshake", vm.scenarioProperty().get().name(), "the run shown stays until the new one is ready");
        background.forEach(Runnable::run);
        assertEquals("handshake", vm.scenarioProperty().get().name(), "nothing changes off the UI thread");
        drainUi();
        assertEquals("two", vm.scenarioProperty().get().name());
        assertEquals("", vm.loadingFileProperty().get());
        assertEquals("", vm.errorProperty().get());
    }

    @Test
    void aHostileFileIsRefusedWithItsLineAndTheRunShownStays() throws Exception {
        RunViewModel vm = handshake();
        Path f = file("loop.yaml", "scenario: s\ntitle: {en: x, zh: x}\nhosts: &h {client: {address: 10.0.0.1}, loop: *h}\nactions: []\n");
        vm.loadInBackground(f, Runnable::run, ui::add);
        drainUi();
        assertEquals(f + ":3: anchors and aliases are not used in scenario files (&name, *name); "
                + "write the value out in full where it is needed", vm.errorProperty().get());
        assertEquals("handshake", vm.scenarioProperty().get().name());
        assertEquals("", vm.loadingFileProperty().get());
    }

    @Test
    void aTwentyMegabyteFileIsRefusedAtOnce() throws Exception {
        RunViewModel vm = handshake();
        Path f = dir.resolve("big.yaml");
        try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(20L << 20);
        }
        long t0 = System.nanoTime();
        vm.loadInBackground(f, Runnable::run, ui::add);
        drainUi();
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
        assertTrue(vm.errorProperty().get().endsWith("the file is 20 MB, larger than the 1 MB a scenario file may be; split it into several files"),
                vm.errorProperty().get());
    }

    @Test
    void aLongRunShowsItsProgressAndCancelStopsItAndKeepsTheRunShown() throws Exception {
        RunViewModel vm = handshake();
        Path f = file("many.yaml", DATA.replace("COUNT", "100000"));
        ExecutorService bg = Executors.newSingleThreadExecutor();
        try {
            vm.loadInBackground(f, bg, ui::add);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (vm.loadProgressProperty().get() <= 0 && System.nanoTime() < deadline) {
                drainUi();
                Thread.sleep(5);
            }
            double p = vm.loadProgressProperty().get();
            assertTrue(p > 0 && p < 1, "a fraction of the run recorded: " + p);
            long t0 = System.nanoTime();
            vm.cancelLoad();
            assertEquals("", vm.loadingFileProperty().get(), "the loading row goes at once");
            bg.shutdown();
            assertTrue(bg.awaitTermination(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "the recording stopped");
            drainUi();
            assertEquals("handshake", vm.scenarioProperty().get().name());
            assertEquals("", vm.errorProperty().get());
        } finally {
            bg.shutdownNow();
        }
    }

    @Test
    void aSecondLoadReplacesTheFirstWhoseResultIsDropped() throws Exception {
        RunViewModel vm = handshake();
        Path one = file("one.yaml", DATA.replace("COUNT", "1").replace("scenario: two", "scenario: one"));
        Path two = file("two.yaml", DATA.replace("COUNT", "2"));
        java.util.List<Runnable> background = new java.util.ArrayList<>();
        vm.loadInBackground(one, background::add, ui::add);
        vm.loadInBackground(two, background::add, ui::add);
        background.forEach(Runnable::run);
        drainUi();
        assertEquals("two", vm.scenarioProperty().get().name());
    }
}
