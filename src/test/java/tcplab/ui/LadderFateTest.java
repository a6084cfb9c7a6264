package tcplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tcplab.i18n.Lang;
import tcplab.sim.Timeline;
import tcplab.ui.common.UiSettings;
import tcplab.ui.run.LadderView;
import tcplab.ui.run.RunViewModel;

/** The ladder and the inspector on headless Monocle: a segment's fate drawn and told as it is. */
@ExtendWith(ApplicationExtension.class)
class LadderFateTest {
    private RunViewModel vm;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        vm = new RunViewModel();
        vm.langProperty().set(Lang.EN);
        window = new MainWindow(vm, UiSettings.inMemory());
        Panes.install(window, false);
        vm.load("handshake");
        stage.setScene(window.scene(1024, 768));
        window.attach(stage);
        stage.show();
    }

    private String inspectorFate(FxRobot robot) {
        return robot.lookup("#inspectorFate").queryAs(Label.class).getText();
    }

    @Test
    void aSegmentClickedInFlightIsToldDroppedAtOnceAndDrawnEndingWhereItWas(FxRobot robot) {
        robot.interact(() -> vm.seekMs(59.3));
        long synId = vm.timeline().flights().get(0).id();
        LadderView ladder = window.ladder();
        double[] head = ladder.headOnScreen(synId);
        robot.clickOn(ladder.localToScreen(head[0], head[1]));
        assertTrue(vm.timeline().flight(synId).lost(), "the click dropped it");
        assertEquals("dropped by you at 59.3 ms", inspectorFate(robot), "the inspector, at once");

        // The arrow ends on the link, 59.3 % of the way across, at 59.3 ms: not on the server's
        // lifeline, not at some other time.
        double[] end = ladder.endOnScreen(synId);
        double client = ladder.lifelineX("client");
        double server = ladder.lifelineX("server");
        assertEquals(client + 0.593 * (server - client), end[0], 1.0);
        assertEquals(ladder.timeOnScreen(59_300), end[1], 1.0);
        assertTrue(server - end[0] > 0.3 * (server - client), "well short of the receiver");
    }

    @Test
    void theInspectorFollowsThePlayheadPastTheArrival(FxRobot robot) {
        robot.interact(() -> {
            vm.seekMs(250);
            vm.selectSegment(vm.timeline().flights().get(1).id()); // the SYN,ACK: 100 → 200 ms
            vm.seekMs(150);
        });
        assertEquals("in flight", inspectorFate(robot));
        robot.interact(() -> vm.seekMs(210));
        assertEquals("arrived at 200.0 ms on client", inspectorFate(robot));
    }

    @Test
    void clickingASegmentsLabelTextSelectsIt(FxRobot robot) {
        robot.interact(() -> vm.seekMs(300));
        LadderView ladder = window.ladder();
        Timeline.Flight synAck = vm.timeline().flights().get(1);
        double[] label = ladder.labelOnScreen(synAck.id());
        assertNotNull(label, "its label is drawn");
        assertEquals(synAck.id(), (long) ladder.flightAtScreen(label[0], label[1]));
        Point2D p = ladder.localToScreen(label[0], label[1]);
        robot.clickOn(p);
        assertEquals(synAck.id(), (long) vm.selectedSegmentProperty().get());
        assertTrue(robot.lookup(".pane-title").queryAs(Label.class).getText().contains("SYN,ACK"));
    }

    @Test
    void thePlayheadDoesNotStrikeThroughAStateLabel(FxRobot robot) {
        // At 100 ms the server's label SYN_RECEIVED sits exactly at the playhead's height.
        robot.interact(() -> vm.seekMs(100));
        LadderView ladder = window.ladder();
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = ladder.snapshot(null, null));
        PixelReader px = shot[0].getPixelReader();
        double yp = ladder.timeOnScreen(100_000);
        Color playhead = window.palette().highlight();
        double server = ladder.lifelineX("server");
        double client = ladder.lifelineX("client");
        // Along the label (right of the server's lifeline), no pixel of the playhead's colour;
        // in the open between the lifelines, the dashed playhead is drawn.
        Color bg = window.palette().background();
        assertEquals(0, count(px, (int) server + 14, (int) server + 90, yp, bg, playhead), "playhead pixels across the state label");
        assertTrue(count(px, (int) client + 20, (int) client + 80, yp, bg, playhead) > 0, "the playhead, where nothing covers it");
    }

    /**
     * Pixels of the playhead's colour in columns [x0, x1) of the rows around {@code y}: the line is
     * 1.5 px wide, so it is drawn blended with the background, anywhere from a third of the way to
     * its full colour.
     */
    private static int count(PixelReader px, int x0, int x1, double y, Color bg, Color line) {
        int n = 0;
        for (int row = (int) Math.floor(y) - 1; row <= (int) Math.ceil(y) + 1; row++) {
            for (int x = x0; x < x1; x++) {
                if (blendOf(px.getColor(x, row), bg, line)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean blendOf(Color c, Color bg, Color line) {
        double[] d = {line.getRed() - bg.getRed(), line.getGreen() - bg.getGreen(), line.getBlue() - bg.getBlue()};
        double[] v = {c.getRed() - bg.getRed(), c.getGreen() - bg.getGreen(), c.getBlue() - bg.getBlue()};
        double t = (v[0] * d[0] + v[1] * d[1] + v[2] * d[2]) / (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        double off = Math.hypot(Math.hypot(v[0] - t * d[0], v[1] - t * d[1]), v[2] - t * d[2]);
        return t > 0.3 && off < 0.06;
    }
}
