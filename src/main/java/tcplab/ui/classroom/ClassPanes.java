package tcplab.ui.classroom;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import tcplab.lesson.LessonViewModel;
import tcplab.quiz.ResultsStore;
import tcplab.quiz.Show;
import tcplab.quiz.live.ClassServer;
import tcplab.quiz.live.ClassSession;
import tcplab.quiz.live.Room;
import tcplab.ui.MainWindow;
import tcplab.ui.common.ClassroomSettings;

/**
 * Puts the Class tab into a main window. Its session's answers go to the quiz results ({@code
 * store}); "Show me" goes to {@code show} (the simulation, as the Quiz tab's does) and a lesson's
 * checkpoint comes from {@code lesson} (the one open in the Lessons tab). The session stops when
 * the window closes.
 */
public final class ClassPanes {
    private ClassPanes() {
    }

    public static void install(MainWindow window, Supplier<LessonViewModel> lesson, Consumer<Show> show) {
        install(window, lesson, show, new ResultsStore(ResultsStore.defaultFile()), ClassViewModel.DEFAULT_PORT);
    }

    /** With the results store and the first port to ask for given (tests). */
    public static void install(MainWindow window, Supplier<LessonViewModel> lesson, Consumer<Show> show, ResultsStore store,
                               int port) {
        ClassViewModel[] made = {null};
        ExecutorService[] worker = {null};
        window.onDispose(() -> {
            if (made[0] != null) {
                made[0].close();
            }
            if (worker[0] != null) {
                worker[0].shutdown();
            }
        });
        // Made when the tab is first opened: listing the network interfaces costs the start-up nothing.
        javafx.scene.control.Tab[] tab = {null};
        window.addBottomTab("tab.class", () -> {
            worker[0] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "tcplab-class-ui");
                t.setDaemon(true);
                return t;
            });
            ClassViewModel vm = new ClassViewModel(
                    (p, host) -> start(p, host, store), ClassViewModel::machineAddresses, lesson, show,
                    worker[0], Platform::runLater, () -> System.nanoTime() & 0xFFFFFFFL, port);
            vm.langProperty().bind(window.classroom().langProperty());
            made[0] = vm;
            ClassView view = new ClassView(vm);
            ClassroomSettings.follow(window.classroom().paletteProperty(), view::setPalette);
            ClassroomSettings.follow(window.classroom().zoomProperty(), z -> view.setZoom(z.doubleValue()));
            enlargeWhileRunning(window, vm, view);
            vm.refreshLesson();
            return view;
        }, 99);
        for (javafx.scene.control.Tab t : window.bottomTabs().getTabs()) {
            if ("tab-class".equals(t.getId())) {
                t.selectedProperty().addListener((o, a, selected) -> {
                    if (selected && made[0] != null) {
                        made[0].refreshLesson(); // the teacher may have moved the lesson on
                        if (!made[0].runningProperty().get()) {
                            made[0].refreshAddresses(); // or joined the classroom's Wi-Fi
                        }
                    }
                });
            }
        }
    }

    private static ClassSession start(int port, String host, ResultsStore store) throws IOException {
        return ClassSession.start(InetAddress.getByName("0.0.0.0"), port, host, store, null, ClassServer.Limits.CLASSROOM,
                ClassViewModel.MAX_STUDENTS);
    }

    /**
     * The class reads the join screen and the questions from the back of the room: while a session
     * runs, and while its summary shows, the lower tabs get most of the window (as F10 does),
     * unless the teacher had enlarged them already. "Show me" gives the simulation its room back; the next question takes it again.
     */
    private static void enlargeWhileRunning(MainWindow window, ClassViewModel vm, ClassView view) {
        // The summary after the end is for the class too: the tabs stay big until the teacher
        // makes them small (F10, "Big panes").
        boolean[] ours = {false};
        vm.runningProperty().addListener((o, was, running) -> {
            if (running && !window.lowerEnlarged()) {
                ours[0] = true;
                window.setLowerEnlarged(true);
            } else if (!running && !vm.endedProperty().get() && ours[0]) {
                ours[0] = false;
                window.setLowerEnlarged(false);
            }
        });
        view.setOnShowMe(() -> {
            if (window.lowerEnlarged()) {
                window.setLowerEnlarged(false);
            }
        });
        vm.phaseProperty().addListener((o, was, phase) -> {
            if (phase == Room.Phase.OPEN && ours[0] && !window.lowerEnlarged()) {
                window.setLowerEnlarged(true);
            }
        });
    }
}
