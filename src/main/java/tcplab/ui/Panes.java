package tcplab.ui;

import tcplab.i18n.Lang;
import tcplab.ui.classroom.ClassPanes;
import tcplab.ui.common.ClassroomSettings;
import tcplab.ui.lesson.LessonView;
import tcplab.ui.netstat.ExplainViewModel;
import tcplab.ui.netstat.ExplainView;
import tcplab.ui.netstat.NetstatView;
import tcplab.ui.netstat.NetstatViewModel;
import tcplab.ui.quiz.QuizPanes;
import tcplab.ui.run.RunViewModel;
import tcplab.ui.run.StateDiagramView;

/**
 * Puts the panes beside the ladder into a main window: the state diagram above the inspector,
 * the netstat panes beside the event list. One place, so the window, the headless screenshots
 * and the tests all build the same window.
 */
public final class Panes {
    private Panes() {
    }

    public static void install(MainWindow window) {
        install(window, true);
    }

    /** {@code animated} false: no moving dot on the state diagram (screenshots, tests). */
    public static void install(MainWindow window, boolean animated) {
        RunViewModel vm = window.viewModel();
        StateDiagramView diagram = new StateDiagramView();
        diagram.setId("stateDiagram");
        diagram.setAnimated(animated);
        ClassroomSettings room = window.classroom();
        // The diagram keeps the size its state names need to be read; zoomed beyond the room it
        // has, it scrolls rather than shrinking its words again.
        javafx.scene.control.ScrollPane diagramScroll = new javafx.scene.control.ScrollPane(diagram);
        diagramScroll.setId("stateDiagramScroll");
        diagramScroll.setFitToWidth(true);
        diagramScroll.setFitToHeight(true);
        diagramScroll.setMinSize(0, 0);
        window.rightColumn().getItems().add(0, diagramScroll);
        window.rightColumn().setDividerPositions(0.66);
        ClassroomSettings.follow(room.paletteProperty(), diagram::setPalette);
        ClassroomSettings.follow(room.zoomProperty(), z -> diagram.setZoom(z.doubleValue()));
        window.setDiagramNeeds(diagram.readableWidth(1.0), diagram.readableHeight(1.0));
        diagram.setLang(vm.langProperty().get());
        vm.langProperty().addListener((o, a, l) -> {
            diagram.setLang(l);
            sides(diagram, vm);
        });
        vm.followedProperty().addListener((o, a, f) -> sides(diagram, vm));
        sides(diagram, vm);
        vm.stateAProperty().addListener((o, a, b) -> diagram.show(vm.stateAProperty().get(), vm.stateBProperty().get()));
        vm.stateBProperty().addListener((o, a, b) -> diagram.show(vm.stateAProperty().get(), vm.stateBProperty().get()));
        vm.lastTransitionProperty().addListener((o, a, tr) -> {
            if (tr != null) {
                diagram.animateTransition(tr.sideA(), tr.from(), tr.to(), tr.cause());
            }
        });
        diagram.show(vm.stateAProperty().get(), vm.stateBProperty().get());

        // Each host's netstat, as the simulation moves; and the user's own output explained.
        NetstatViewModel nm = new NetstatViewModel();
        NetstatView netstat = new NetstatView(nm);
        netstat.setId("netstatPane");
        nm.langProperty().bind(vm.langProperty());
        ClassroomSettings.follow(room.paletteProperty(), netstat::setPalette);
        ClassroomSettings.follow(room.zoomProperty(), z -> netstat.setZoom(z.doubleValue()));
        // While playing, the netstat lines follow at most five times a second (emitting, parsing
        // and explaining a busy host's table every frame would cost the animation its smoothness);
        // a step, a seek or a pause shows the exact table at once.
        javafx.animation.PauseTransition throttle = new javafx.animation.PauseTransition(javafx.util.Duration.millis(200));
        throttle.setOnFinished(e -> tables(nm, vm.simulationProperty().get()));
        vm.simulationProperty().addListener((o, a, sim) -> {
            if (sim == null) {
                return;
            }
            if (vm.playingProperty().get()) {
                if (throttle.getStatus() != javafx.animation.Animation.Status.RUNNING) {
                    throttle.playFromStart();
                }
            } else {
                throttle.stop();
                tables(nm, sim);
            }
        });
        vm.playingProperty().addListener((o, a, playing) -> {
            if (!playing) {
                throttle.stop();
                tables(nm, vm.simulationProperty().get());
            }
        });
        tables(nm, vm.simulationProperty().get());
        // A new run opens on the host worth watching: the server side of the followed connection
        // (once the new run's tables are in, so the model knows its hosts).
        boolean[] newRun = {true};
        vm.timelineProperty().addListener((o, a, tl) -> newRun[0] = true);
        vm.simulationProperty().addListener((o, a, sim) -> {
            if (sim != null && newRun[0]) {
                newRun[0] = false;
                tables(nm, sim);
                focusHost(nm, vm);
            }
        });
        focusHost(nm, vm);
        // A capture has no simulation: each end's table is what the capture run says it was
        // after the step (the same emitter and explainer then print and explain it).
        vm.stepProperty().addListener((o, a, k) -> captureTables(nm, vm));
        vm.timelineProperty().addListener((o, a, tl) -> {
            if (vm.captureRunProperty().get() != null && vm.captureRunProperty().get().timeline() == tl) {
                captureTables(nm, vm);
                focusHost(nm, vm);
            }
        });
        window.addBottomTab("tab.netstat", netstat, 0);
        window.bottomTabs().getSelectionModel().select(0); // each host's netstat first: it changes as the run plays
        // The other panes are made when their tab is first opened (start-up time).
        window.addBottomTab("tab.paste", () -> {
            ExplainViewModel pm = ExplainViewModel.forFx();
            ExplainView paste = new ExplainView(pm);
            paste.setId("pastePane");
            pm.langProperty().bind(vm.langProperty());
            ClassroomSettings.follow(room.paletteProperty(), paste::setPalette);
            ClassroomSettings.follow(room.zoomProperty(), z -> paste.setZoom(z.doubleValue()));
            return paste;
        }, 2);
        QuizPanes.install(window);
        LessonView[] lessons = {null};
        window.addBottomTab("tab.lessons", () -> lessons[0] = new LessonView(window, diagram, nm,
                tcplab.lesson.LessonFolder.resolve(tcplab.lesson.LessonFolder.DEFAULT)), 3);
        // The Class tab sends the open lesson's checkpoint, and shows an answer as the Quiz tab does.
        ClassPanes.install(window, () -> lessons[0] == null ? null : lessons[0].lesson(), show -> QuizPanes.show(vm, show));
    }

    private static void focusHost(NetstatViewModel nm, RunViewModel vm) {
        RunViewModel.Connection c = vm.connectionProperty().get();
        if (c == null) {
            return;
        }
        String host = c.b() != null ? c.b().host() : c.a() != null ? c.a().host() : null;
        if (host != null) {
            nm.selectHost(host);
        }
    }

    /**
     * A capture's tables after the playhead's step, in Linux's netstat first (the fixtures and most
     * students' captures are Linux; the format box offers every other dialect, as for a simulation).
     */
    private static void captureTables(NetstatViewModel nm, RunViewModel vm) {
        tcplab.capture.CaptureRun run = vm.captureRunProperty().get();
        if (run == null || vm.timeline() != run.timeline()) {
            return;
        }
        java.util.Map<String, tcplab.netstat.Dialect> natives = new java.util.HashMap<>();
        natives.put(run.host(0), tcplab.netstat.Dialect.LINUX);
        natives.put(run.host(1), tcplab.netstat.Dialect.LINUX);
        nm.setTables(run.rowsAfter(vm.step()), natives,
                l -> tcplab.i18n.Texts.of(tcplab.capture.CaptureProblem.BUNDLE, l).get(tcplab.capture.CaptureRun.RECV_Q_UNKNOWN));
    }

    /** Hands every host's socket table, as netstat would list it now, to the netstat pane. */
    private static void tables(NetstatViewModel nm, tcplab.sim.Simulation sim) {
        if (sim == null) {
            return;
        }
        java.util.LinkedHashMap<String, java.util.List<tcplab.netstat.SocketRow>> rows = new java.util.LinkedHashMap<>();
        java.util.Map<String, tcplab.netstat.Dialect> natives = new java.util.HashMap<>();
        for (tcplab.sim.Host h : sim.hosts()) {
            rows.put(h.name(), tcplab.netstat.HostTable.rows(h));
            natives.put(h.name(), tcplab.netstat.HostTable.nativeDialect(h));
        }
        nm.setTables(rows, natives);
    }

    /** The legend: which socket each colour follows (its 4-tuple, or the listener). */
    private static void sides(StateDiagramView diagram, RunViewModel vm) {
        diagram.setSides(vm.sideName(true), vm.sideName(false));
    }
}
