package tcplab.ui;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import tcplab.i18n.Lang;
import tcplab.ui.common.UiSettings;
import tcplab.ui.run.RunViewModel;

/**
 * The window's frame-time benchmark: the real window on the software pipeline (headless Monocle,
 * no GPU), playing syn-flood until a thousand segments have been sent, with the time between
 * frames and the ladder's drawing time per frame recorded. Also the time from the JVM's start to
 * the first frame on screen.
 */
public final class FrameBench {

    /** What one run measured (milliseconds). */
    public record Result(double firstFrameMs, int frames, double medianFrameMs, double p95FrameMs, double medianDrawMs,
                         double p95DrawMs, int segmentsDrawn, String pipeline) {
    }

    private FrameBench() {
    }

    public static Result run(int segments, Lang lang) throws InterruptedException {
        Screenshot.useHeadlessPlatform();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await(30, TimeUnit.SECONDS);
        List<Long> pulses = Collections.synchronizedList(new ArrayList<>());
        List<Long> draws = Collections.synchronizedList(new ArrayList<>());
        long[] firstFrame = {-1};
        int[] drawn = {0};
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            RunViewModel vm = new RunViewModel();
            vm.langProperty().set(lang);
            MainWindow w = new MainWindow(vm, UiSettings.inMemory());
            Panes.install(w);
            vm.load("syn-flood");
            Stage stage = new Stage();
            stage.setScene(w.scene(1280, 800));
            stage.show();
            vm.speedProperty().set(1000);
            new AnimationTimer() {
                private long last = -1;

                @Override
                public void handle(long now) {
                    if (firstFrame[0] < 0) {
                        firstFrame[0] = System.currentTimeMillis() - jvmStart;
                        vm.play();
                    }
                    if (last > 0) {
                        pulses.add(now - last);
                    }
                    last = now;
                    long d = w.ladder().lastDrawNanos();
                    if (d > 0) {
                        draws.add(d);
                    }
                    int sent = 0;
                    for (tcplab.sim.Timeline.Flight f : vm.timeline().flights()) {
                        if (f.startUs() <= vm.timeUs()) {
                            sent++;
                        }
                    }
                    drawn[0] = sent;
                    if (sent >= segments || vm.atEndProperty().get()) {
                        stop();
                        w.dispose();
                        stage.close();
                        done.countDown();
                    }
                }
            }.start();
        });
        done.await(300, TimeUnit.SECONDS);
        String pipeline = "sw".equals(System.getProperty("prism.order")) ? "software (prism.order=sw, headless Monocle)"
                : System.getProperty("prism.order", "default");
        return new Result(firstFrame[0], pulses.size(), pct(pulses, 50), pct(pulses, 95), pct(draws, 50), pct(draws, 95),
                drawn[0], pipeline);
    }

    private static double pct(List<Long> nanos, int p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }
}
