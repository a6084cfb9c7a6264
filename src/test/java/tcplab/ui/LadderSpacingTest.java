package tcplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tcplab.capture.CaptureAnalysis;
import tcplab.i18n.Lang;
import tcplab.sim.Timeline;
import tcplab.ui.common.UiSettings;
import tcplab.ui.run.LabelBox;
import tcplab.ui.run.LadderView;
import tcplab.ui.run.RunViewModel;

/**
 * A real loopback capture (curl against python's http.server, packets 4 to 80 µs apart) on the
 * ladder at 1024×768: every packet on a row of its own with its label, no two labels on each other.
 */
@ExtendWith(ApplicationExtension.class)
class LadderSpacingTest {
    private RunViewModel vm;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        vm = new RunViewModel();
        vm.langProperty().set(Lang.ZH);
        window = new MainWindow(vm, UiSettings.inMemory());
        Panes.install(window, false);
        stage.setScene(window.scene(1024, 768));
        window.attach(stage);
        stage.show();
    }

    private void open(FxRobot robot, String file) throws Exception {
        CaptureAnalysis a;
        try (InputStream in = getClass().getResourceAsStream("/tcplab/capture/fixtures/" + file)) {
            assertNotNull(in, file);
            a = CaptureAnalysis.read(in);
        }
        robot.interact(() -> assertTrue(vm.showCapture(a, file)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"curl-loopback-v4.pcap", "curl-loopback-v6.pcap"})
    void everyPacketOfALoopbackCurlHasItsOwnReadableLabelAtEveryStep(String file, FxRobot robot) throws Exception {
        open(robot, file);
        LadderView ladder = window.ladder();
        Timeline tl = vm.timeline();
        for (int k = 1; k <= tl.steps(); k++) {
            int step = k;
            robot.interact(() -> vm.seekStep(step));
            robot.interact(() -> { }); // one more pulse: the ladder draws in its layout pass
            List<LabelBox> labels = ladder.drawnLabels();
            for (int i = 0; i < labels.size(); i++) {
                for (int j = i + 1; j < labels.size(); j++) {
                    assertFalse(labels.get(i).overlaps(labels.get(j), 0),
                            "step " + k + ": labels of #" + labels.get(i).flightId() + " and #" + labels.get(j).flightId() + " overlap");
                }
            }
            for (Timeline.Flight f : tl.flights()) {
                double y = ladder.timeOnScreen(f.startUs());
                boolean onScreen = y > 60 && y < ladder.getHeight() - 10;
                if (f.sentBy(k) && onScreen) {
                    assertNotNull(ladder.labelOnScreen(f.id()), "step " + k + ": #" + f.id() + " is drawn without its label");
                }
            }
        }
    }

    /**
     * A host sending two segments at once (the data scenario's server: the ACK of the request and
     * the response, both at 300 ms) draws them one lane apart, closer than a label's height along
     * the slanted arrow: both labels are still drawn, on each other never.
     */
    @ParameterizedTest
    @ValueSource(strings = {"data", "active-close", "simultaneous-close", "half-open", "close-unread"})
    void segmentsSentAtOnceInASimulationEachKeepTheirLabel(String scenario, FxRobot robot) {
        robot.interact(() -> assertTrue(vm.load(scenario)));
        LadderView ladder = window.ladder();
        Timeline tl = vm.timeline();
        for (int k = 1; k <= tl.steps(); k++) {
            int step = k;
            robot.interact(() -> vm.seekStep(step));
            robot.interact(() -> { });
            List<LabelBox> labels = ladder.drawnLabels();
            for (int i = 0; i < labels.size(); i++) {
                for (int j = i + 1; j < labels.size(); j++) {
                    assertFalse(labels.get(i).overlaps(labels.get(j), 0),
                            scenario + " step " + k + ": labels of #" + labels.get(i).flightId() + " and #" + labels.get(j).flightId() + " overlap");
                }
            }
            for (Timeline.Flight f : tl.flights()) {
                double y0 = ladder.timeOnScreen(f.startUs());
                double y1 = ladder.timeOnScreen(f.endUs());
                // wholly on screen and at least 35 % drawn (the ladder labels an arrow from there)
                boolean onScreen = y0 > 60 && y1 < ladder.getHeight() - 10;
                if (f.sentBy(k) && onScreen && f.endUs() <= vm.timeUs()) {
                    assertNotNull(ladder.labelOnScreen(f.id()), scenario + " step " + k + ": #" + f.id() + " is drawn without its label");
                }
            }
        }
    }

    /**
     * Zoomed to 150 % at 1024×768 the two lifelines are about 115 px apart: a segment's label must
     * still never lie under a state label (they are drawn over the arrows), at any step.
     */
    @Test
    void zoomedInNoSegmentLabelLiesUnderAStateLabel(FxRobot robot) throws Exception {
        robot.interact(() -> window.setZoom(1.5));
        open(robot, "curl-keepalive.pcap");
        LadderView ladder = window.ladder();
        Timeline tl = vm.timeline();
        for (int k = 1; k <= tl.steps(); k++) {
            int step = k;
            robot.interact(() -> vm.seekStep(step));
            robot.interact(() -> { });
            for (LabelBox label : ladder.drawnLabels()) {
                for (LabelBox state : ladder.stateBoxes()) {
                    assertFalse(label.overlaps(state, 0), "step " + k + ": the label of #" + label.flightId() + " lies under a state label");
                }
            }
        }
    }

    /**
     * The handshake is a little taller than the ladder's pane at 1024×768: at its end the pane
     * scrolls no further than the run needs, so the first SYN and its label are still in view.
     */
    @Test
    void theHandshakeEndsWithItsFirstSegmentAndLabelStillInView(FxRobot robot) {
        robot.interact(() -> assertTrue(vm.load("handshake")));
        robot.interact(() -> vm.seekStep(vm.timeline().steps()));
        robot.interact(() -> { });
        LadderView ladder = window.ladder();
        Timeline.Flight syn = vm.timeline().flights().get(0);
        double[] label = ladder.labelOnScreen(syn.id());
        assertNotNull(label, "the SYN's label is drawn");
        assertTrue(label[1] > 60, "the SYN's label is below the header, at " + label[1]);
        double lastRow = ladder.timeOnScreen(vm.timeline().flights().get(vm.timeline().flights().size() - 1).endUs());
        assertTrue(lastRow < ladder.getHeight() - 10, "the last ACK's arrival is in view too, at " + lastRow);
    }

    @Test
    void packetsMicrosecondsApartAreARowApartAndEachArrowReachesTheOtherEnd(FxRobot robot) throws Exception {
        open(robot, "curl-loopback-v4.pcap");
        LadderView ladder = window.ladder();
        Timeline tl = vm.timeline();
        robot.interact(() -> vm.seekStep(tl.steps()));
        robot.interact(() -> { });
        String host0 = vm.captureRunProperty().get().host(0);
        double client = ladder.lifelineX(host0);
        double server = ladder.lifelineX(vm.captureRunProperty().get().host(1));
        for (int i = 0; i < tl.flights().size(); i++) {
            Timeline.Flight b = tl.flights().get(i);
            if (i > 0 && b.startUs() > tl.flights().get(i - 1).startUs()) {
                Timeline.Flight a = tl.flights().get(i - 1);
                double gap = ladder.timeOnScreen(b.startUs()) - ladder.timeOnScreen(a.startUs());
                assertTrue(gap >= 25, "#" + a.id() + " and #" + b.id() + " are " + (b.startUs() - a.startUs())
                        + " µs apart, drawn " + gap + " px apart");
            }
            // loopback: both ends have 127.0.0.1; the server's packets still end on the client's lifeline
            double[] end = ladder.endOnScreen(b.id());
            double expected = b.send().host().equals(host0) ? server : client;
            assertEquals(expected, end[0], 1.0, "#" + b.id() + " from " + b.send().host() + " ends on the other end's lifeline");
        }
    }
}
