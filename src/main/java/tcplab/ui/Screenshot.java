package tcplab.ui;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.ui.classroom.ClassScreenshot;
import tcplab.ui.classroom.ClassView;
import tcplab.ui.common.Palette;
import tcplab.ui.common.Png;
import tcplab.ui.common.UiSettings;
import tcplab.ui.run.LadderView;
import tcplab.ui.run.RunViewModel;

/**
 * Renders the window headlessly to a PNG: {@code java -jar tcplab.jar --screenshot FILE.png
 * --scenario NAME --at MS [--lang zh|en] [--size 1280x800] [--zoom 150]}, or a lesson at a step: {@code
 * --lesson ID --step N} (the Lessons tab), with {@code --presenter} the presenter view the class
 * sees. Uses JavaFX's headless Monocle platform and the software renderer, so it needs no display.
 */
public final class Screenshot {
    private Screenshot() {
    }

    /**
     * What to render.
     *
     * @param lesson    a lesson's id (then {@code scenario} and {@code atMs} are the lesson's), or null
     * @param step      the lesson's step, from 1
     * @param presenter the presenter view of the lesson instead of the window
     * @param zoom      the zoom, one of the window's steps (1.0 = 100 %)
     * @param tab       the lower tab to show ({@code class}, {@code quiz}, ...: its id without {@code tab-}), or null
     * @param classPhase with tab {@code class}: a session with a class joined, at one of
     *                  {@link ClassScreenshot#PHASES} ({@code lobby}, {@code question}, {@code reveal}, {@code end})
     */
    public record Request(Path file, String scenario, double atMs, Lang lang, int width, int height, Long selectSegment,
                          String theme, String lesson, int step, boolean presenter, double zoom, String tab,
                          String classPhase) {
        /** A scenario or a lesson, with the lower tab the window opens on. */
        public Request(Path file, String scenario, double atMs, Lang lang, int width, int height, Long selectSegment,
                       String theme, String lesson, int step, boolean presenter, double zoom) {
            this(file, scenario, atMs, lang, width, height, selectSegment, theme, lesson, step, presenter, zoom, null, null);
        }

        /** A scenario at the normal size (100 %). */
        public Request(Path file, String scenario, double atMs, Lang lang, int width, int height, Long selectSegment,
                       String theme) {
            this(file, scenario, atMs, lang, width, height, selectSegment, theme, null, 1, false, 1.0);
        }

        /** A scenario or a lesson at the normal size (100 %). */
        public Request(Path file, String scenario, double atMs, Lang lang, int width, int height, Long selectSegment,
                       String theme, String lesson, int step, boolean presenter) {
            this(file, scenario, atMs, lang, width, height, selectSegment, theme, lesson, step, presenter, 1.0);
        }
    }

    /** Selects the headless platform; must run before JavaFX starts. */
    public static void useHeadlessPlatform() {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
        quietJavaFxWarnings();
    }

    /**
     * JavaFX warns that it runs from the class path ("Unsupported JavaFX configuration"); it is
     * harmless for this application (TOOLCHAIN.md), and a user should not see it on every run.
     */
    static void quietJavaFxWarnings() {
        java.util.logging.Logger.getLogger("javafx").setLevel(java.util.logging.Level.SEVERE);
    }

    /** Renders one screenshot; returns null on success or the user's error message. */
    public static String render(Request r) throws InterruptedException {
        useHeadlessPlatform();
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await(30, TimeUnit.SECONDS);
        AtomicReference<String> error = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                error.set(guarded(() -> {
                    try {
                        return renderOnFxThread(r);
                    } catch (java.io.IOException e) {
                        return cannotWrite(r.file(), e, r.lang());
                    }
                }, r.lang()));
            } finally {
                done.countDown();
            }
        });
        if (!done.await(RENDER_TIMEOUT_S, TimeUnit.SECONDS)) {
            return Texts.of("tcplab.cli.Messages", r.lang()).get("error.screenshotTimedOut", RENDER_TIMEOUT_S);
        }
        return error.get();
    }

    /** Why the picture could not be written, in the user's words, with the path. */
    static String cannotWrite(Path file, java.io.IOException e, Lang lang) {
        Texts t = Texts.of("tcplab.cli.Messages", lang);
        String why;
        if (e instanceof java.nio.file.AccessDeniedException) {
            why = t.get("error.permissionDenied");
        } else if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            why = f.getReason().equals("not a regular file") ? t.get("error.notRegularFile") : f.getReason();
        } else {
            why = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        return t.get("error.screenshotNotWritten", file, why);
    }

    /** How long the window may take to draw one picture. */
    static final long RENDER_TIMEOUT_S = 120;

    /** What rendering does, for {@link #guarded}. */
    @FunctionalInterface
    interface Render {
        String run() throws Exception;
    }

    /**
     * Runs {@code render}; returns its error, or the reason it failed: every Throwable, not only
     * Exceptions. An OutOfMemoryError or a StackOverflowError on the FX thread used to leave no
     * error, so the command said "Wrote FILE" and exited 0 with no file.
     */
    /** {@link #guarded} for the tests of the command line. */
    public static String guardedForTests(java.util.concurrent.Callable<String> render, Lang lang) {
        return guarded(render::call, lang);
    }

    static String guarded(Render render, tcplab.i18n.Lang lang) {
        Texts t = Texts.of("tcplab.cli.Messages", lang);
        try {
            return render.run();
        } catch (OutOfMemoryError e) {
            return t.get("error.outOfMemory", Long.toString(Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        } catch (StackOverflowError e) {
            return t.get("error.stackOverflow");
        } catch (Exception | Error e) {
            return e.toString();
        }
    }

    /** Must run on the FX thread. */
    static String renderOnFxThread(Request r) throws java.io.IOException {
        RunViewModel vm = new RunViewModel();
        vm.langProperty().set(r.lang());
        UiSettings settings = UiSettings.inMemory();
        if (r.theme() != null) {
            settings.put("palette", r.theme());
        }
        settings.putDouble("zoom", r.zoom());
        MainWindow w = new MainWindow(vm, settings);
        Panes.install(w, false);
        if (r.lesson() != null) {
            return renderLesson(r, w, settings);
        }
        String lower = r.scenario().toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".pcap") || lower.endsWith(".pcapng") || lower.endsWith(".cap")) {
            // a capture instead of a scenario: opened as the window's "Open capture…" does
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(Path.of(r.scenario()))) {
                if (!vm.showCapture(tcplab.capture.CaptureAnalysis.read(in), r.scenario())) {
                    return vm.errorProperty().get();
                }
            } catch (java.io.IOException e) {
                return tcplab.i18n.Texts.of(tcplab.ui.run.LadderView.BUNDLE, r.lang()).get("capture.cannotRead", r.scenario(), e.getMessage());
            }
        } else if (!vm.load(r.scenario())) {
            return vm.errorProperty().get();
        }
        Scene scene = w.scene(r.width(), r.height());
        vm.seekMs(r.atMs());
        if (r.selectSegment() != null) {
            vm.selectSegment(r.selectSegment());
        }
        if (r.tab() != null) {
            String err = showTab(w, r);
            if (err != null) {
                w.dispose();
                return err;
            }
        }
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        w.ladder().setPosition(vm.timeUs(), vm.step());
        WritableImage img = scene.snapshot(null);
        w.dispose();
        Png.write(img, r.file());
        return null;
    }

    /** Selects the lower tab asked for; the Class tab with a session at the phase asked for. */
    private static String showTab(MainWindow w, Request r) {
        javafx.scene.control.Tab tab;
        try {
            tab = w.selectBottomTab("tab-" + r.tab());
        } catch (IllegalArgumentException e) {
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (javafx.scene.control.Tab t : w.bottomTabs().getTabs()) {
                if (t.getId() != null && t.getId().startsWith("tab-")) {
                    ids.add(t.getId().substring(4));
                }
            }
            return "--tab " + r.tab() + ": " + String.join(", ", ids);
        }
        if (tab.getContent() instanceof ClassView cv) {
            String err = ClassScreenshot.prepare(cv, r.classPhase() == null ? "lobby" : r.classPhase());
            // Let the window enlarge the lower tabs as it does for a running session, then lay out.
            w.root().applyCss();
            w.root().layout();
            return err;
        }
        return null;
    }

    /** A lesson at a step: the window with its Lessons tab, or the presenter view. */
    private static String renderLesson(Request r, MainWindow w, UiSettings settings) throws java.io.IOException {
        Scene scene = w.scene(r.width(), r.height());
        tcplab.ui.lesson.LessonView pane = (tcplab.ui.lesson.LessonView) w.selectBottomTab("tab-lessons").getContent();
        tcplab.i18n.Texts t = tcplab.i18n.Texts.of(LadderView.BUNDLE, r.lang());
        if (!pane.open(r.lesson(), r.step() - 1)) {
            return t.get("lesson.noSuchLesson", r.lesson());
        }
        if (r.step() < 1 || r.step() > pane.lesson().size()) {
            return t.get("lesson.noSuchStep", r.step(), r.lesson(), pane.lesson().size());
        }
        WritableImage img;
        if (r.presenter()) {
            img = tcplab.ui.lesson.PresenterView.picture(pane.lesson(), r.width(), r.height(), Palette.byName(settings.get("palette", "standard")));
        } else {
            w.setLowerEnlarged(true); // the lesson's text and table, as a class reads them
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            w.ladder().setPosition(w.viewModel().timeUs(), w.viewModel().step());
            img = scene.snapshot(null);
        }
        w.dispose();
        Png.write(img, r.file());
        return null;
    }
}
