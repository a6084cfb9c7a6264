package tcplab.ui.quiz;

import java.util.List;
import tcplab.quiz.ResultsStore;
import tcplab.quiz.Show;
import tcplab.sim.ScenarioLoader;
import tcplab.ui.MainWindow;
import tcplab.ui.common.ClassroomSettings;
import tcplab.ui.run.RunViewModel;

/** Puts the quiz tab into a main window; "Show me" loads the question's scenario in the run and seeks to its time. */
public final class QuizPanes {
    private QuizPanes() {
    }

    public static QuizViewModel install(MainWindow window) {
        return install(window, new ResultsStore(ResultsStore.defaultFile()));
    }

    public static QuizViewModel install(MainWindow window, ResultsStore store) {
        RunViewModel run = window.viewModel();
        QuizViewModel vm = new QuizViewModel(store, show -> show(run, show), System::currentTimeMillis,
                () -> System.nanoTime() & 0xFFFFFFFL);
        vm.langProperty().bind(run.langProperty());
        // A classroom quiz is read from the back of the room, and a capture's packet table is
        // long: while either runs the lower tabs get most of the window (as F10 does), and give
        // it back when it ends, unless the teacher had enlarged them already.
        boolean[] enlargedByQuiz = {false};
        vm.runningProperty().addListener((o, was, running) -> {
            // A capture's questions show up to nine packets, a line each: they get the room too.
            boolean roomy = vm.modeProperty().get() == tcplab.quiz.QuizSession.Mode.CLASSROOM || vm.captureProperty().get() != null;
            if (running && roomy && !window.lowerEnlarged()) {
                enlargedByQuiz[0] = true;
                window.setLowerEnlarged(true);
            } else if (!running && enlargedByQuiz[0]) {
                enlargedByQuiz[0] = false;
                window.setLowerEnlarged(false);
            }
        });
        // A capture opened in the run is what the Quiz tab asks about, until another run is loaded
        // (the students' own tcpdump: "Open capture…", then the Quiz tab).
        tcplab.quiz.CaptureQuiz[] fromRun = {null};
        List<?>[] fromRunConnections = {null};
        run.captureRunProperty().addListener((o, was, cr) -> {
            if (cr == null) {
                if (fromRun[0] != null && vm.captureProperty().get() == fromRun[0]) {
                    vm.useCapture(null);
                }
                fromRun[0] = null;
                fromRunConnections[0] = null;
            } else if (!run.captureConnections().equals(fromRunConnections[0])) {
                // a new capture (another connection of the same one asks from the same questions)
                fromRunConnections[0] = List.copyOf(run.captureConnections());
                String source = run.scenarioSourceProperty().get();
                String name = source == null || source.isEmpty() ? "capture" : java.nio.file.Path.of(source).getFileName().toString();
                vm.useCapture(new tcplab.quiz.CaptureQuiz(name, run.captureConnections()));
                fromRun[0] = vm.captureProperty().get();
            }
        });
        window.addBottomTab("tab.quiz", () -> {
            QuizView pane = new QuizView(vm);
            ClassroomSettings.follow(window.classroom().paletteProperty(), pane::setPalette);
            ClassroomSettings.follow(window.classroom().zoomProperty(), z -> pane.setZoom(z.doubleValue()));
            return pane;
        }, 3);
        return vm;
    }

    public static void show(RunViewModel run, Show show) {
        boolean ok;
        if (show.scenario() != null) {
            ok = run.load(show.scenario());
        } else {
            try {
                ok = run.load(ScenarioLoader.parse(show.yaml(), "quiz.yaml"), "quiz");
            } catch (tcplab.i18n.ProblemException e) {
                ok = false;
            }
        }
        if (ok) {
            run.pause();
            run.seekMs(show.atMs());
        }
    }
}
