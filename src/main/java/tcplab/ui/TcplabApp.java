package tcplab.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import tcplab.i18n.Lang;
import tcplab.sim.ScenarioLoader;
import tcplab.ui.common.UiSettings;
import tcplab.ui.run.LadderView;
import tcplab.ui.run.RunViewModel;

/** The JavaFX application: the classroom window, with the user's remembered settings. */
public final class TcplabApp extends Application {
    /**
     * Set by {@code tcplab bench startup}: at its first frame the window prints
     * {@code first-frame-epoch-ms N} (the wall clock, which the bench compares with when it
     * started the process) and the process ends.
     */
    public static final String FIRST_FRAME_ENV = "TCPLAB_BENCH_FIRST_FRAME";

    /** Opens the window (called by {@code java -jar tcplab.jar} with no command, and by {@code mvn javafx:run}). */
    public static void open(String[] args) {
        Screenshot.quietJavaFxWarnings();
        Application.launch(TcplabApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        UiSettings settings = UiSettings.user();
        RunViewModel vm = new RunViewModel();
        String langSetting = settings.get("lang", null);
        Lang lang = System.getenv("TCPLAB_LANG") != null ? Lang.parse(System.getenv("TCPLAB_LANG")) : null;
        if (lang == null) {
            lang = langSetting != null ? Lang.parse(langSetting) : Lang.system();
        }
        vm.langProperty().set(lang == null ? Lang.system() : lang);
        MainWindow window = new MainWindow(vm, settings);
        // A bug must not cost the class its lesson: say it in the window's error line, keep the
        // run as it is, and print the trace only when asked (as the command line does).
        // Running out of memory or stack is no bug to report: what was being done stopped, its
        // memory is garbage once the failed event lets go of it, and the window goes on.
        Thread.UncaughtExceptionHandler report = (t, e) -> {
            String key = e instanceof OutOfMemoryError || e instanceof StackOverflowError ? "outOfMemory" : "internalError";
            Runnable say = () -> vm.reportError(tcplab.i18n.Texts.of(LadderView.BUNDLE, vm.langProperty().get()).get(key, e.toString()));
            if (Platform.isFxApplicationThread()) {
                say.run();
            } else {
                Platform.runLater(say);
            }
            if (System.getenv("TCPLAB_DEBUG") != null) {
                e.printStackTrace();
            }
        };
        Thread.currentThread().setUncaughtExceptionHandler(report);
        Thread.setDefaultUncaughtExceptionHandler(report); // the class server's and loaders' threads
        Panes.install(window);
        // `tcplab class` opens the window on its Class tab (--tab=class); any lower tab by its name.
        for (String a : getParameters().getRaw()) {
            if (a.startsWith("--tab=")) {
                window.selectBottomTab("tab-" + a.substring("--tab=".length()));
            }
        }
        String scenario = settings.get("scenario", "handshake");
        if (!vm.load(ScenarioLoader.isBuiltin(scenario) ? scenario : "handshake")) {
            vm.load("handshake");
        }
        // The first window fits the screen it opens on (a 1280×820 window on a 1024×768
        // projector hid the toolbar and the netstat pane off screen); see WindowFit.
        javafx.geometry.Rectangle2D visible = javafx.stage.Screen.getPrimary().getVisualBounds();
        WindowFit.Placement place = WindowFit.place(
                new WindowFit.Area(visible.getMinX(), visible.getMinY(), visible.getWidth(), visible.getHeight()),
                settings.getDouble("width", Double.NaN), settings.getDouble("height", Double.NaN),
                Boolean.parseBoolean(settings.get("maximized", "false")));
        Scene scene = window.scene(place.width(), place.height());
        window.attach(stage);
        stage.setScene(scene);
        // The title names the version (pom.xml's, from the jar's manifest): what a teacher reads out
        // when asking for help. Nothing when run from classes.
        String version = TcplabApp.class.getPackage().getImplementationVersion();
        String suffix = version == null ? "" : " " + version;
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> tcplab.i18n.Texts.of(LadderView.BUNDLE, vm.langProperty().get()).get("app.title") + suffix,
                vm.langProperty()));
        stage.setX(place.x());
        stage.setY(place.y());
        stage.setMaximized(place.maximized());
        stage.setOnCloseRequest(e -> {
            if (!stage.isMaximized() && !stage.isFullScreen()) {
                // The scene's size, as the next run asks for it (the stage's includes the frame).
                settings.putDouble("width", scene.getWidth());
                settings.putDouble("height", scene.getHeight());
            }
            settings.put("maximized", Boolean.toString(stage.isMaximized()));
            window.dispose();
            Platform.exit();
        });
        stage.show();
        if (System.getenv(FIRST_FRAME_ENV) != null) {
            new javafx.animation.AnimationTimer() {
                @Override
                public void handle(long now) {
                    System.out.println("first-frame-epoch-ms " + System.currentTimeMillis());
                    System.out.flush();
                    System.exit(0);
                }
            }.start();
        }
    }
}
