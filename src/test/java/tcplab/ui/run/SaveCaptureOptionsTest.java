package tcplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tcplab.capture.CaptureAnalysis;
import tcplab.capture.Connection;
import tcplab.i18n.Lang;
import tcplab.sim.Timeline;
import tcplab.sim.TraceEvent;

/** "Save as capture…"'s options (capture point, IPv6) as chosen in its dialog, and the file they give. */
@ExtendWith(ApplicationExtension.class)
class SaveCaptureOptionsTest {
    @Start
    void start(Stage stage) {
        // the toolkit only: the options pane is made in each test
    }

    private static CaptureAnalysis read(Path f) throws Exception {
        try (InputStream in = Files.newInputStream(f)) {
            return CaptureAnalysis.read(in);
        }
    }

    /** What {@code host}'s tcpdump sees of the run: what it sent, and what was delivered to it. */
    private static long seenAt(Timeline tl, String host) {
        return tl.entries().stream().map(Timeline.Entry::event).filter(e -> e instanceof TraceEvent.SegmentEvent s
                && s.host().equals(host) && s.action() != TraceEvent.SegmentAction.DROP).count();
    }

    @Test
    void onTheWireInIpv4IsWhatTheDialogProposesFirst(FxRobot robot) {
        SaveCaptureOptions[] made = new SaveCaptureOptions[1];
        robot.interact(() -> made[0] = new SaveCaptureOptions(List.of("client", "server"), false, Lang.ZH));
        assertEquals(new SaveCaptureOptions.Options(null, false), made[0].options());
        assertEquals(List.of("在线路上(每个报文段在发出时记一次)", "client 看到的(它发出的和它收到的)", "server 看到的(它发出的和它收到的)"),
                made[0].pointBox().getItems().stream().map(h -> made[0].pointBox().getConverter().toString(h)).toList());
        assertEquals("handshake.pcapng", SaveCaptureOptions.suggestedName("handshake", made[0].options()));
    }

    @Test
    void aSynTimeoutSavedAtEachHostInIpv6HoldsWhatThatHostSawWithDocumentationAddresses(FxRobot robot, @TempDir Path dir)
            throws Exception {
        RunViewModel vm = new RunViewModel();
        assertTrue(vm.load("syn-timeout"));
        vm.seekStep(vm.timeline().steps());
        for (String host : vm.captureHosts()) {
            SaveCaptureOptions[] made = new SaveCaptureOptions[1];
            robot.interact(() -> {
                made[0] = new SaveCaptureOptions(vm.captureHosts(), vm.shownIsIpv6(), Lang.EN);
                made[0].pointBox().setValue(host);
                made[0].ipv6Box().setSelected(true);
            });
            SaveCaptureOptions.Options o = made[0].options();
            assertEquals(new SaveCaptureOptions.Options(host, true), o);
            Path f = dir.resolve(SaveCaptureOptions.suggestedName("syn-timeout", o));
            assertEquals("syn-timeout-" + host + ".pcapng", f.getFileName().toString());
            int written = vm.saveCapture(f, o.captureAt(), o.ipv6());
            assertEquals(seenAt(vm.timeline(), host), written, host);
            CaptureAnalysis a = read(f);
            assertEquals(written, a.tcpPackets(), host);
            for (Connection c : a.connections()) {
                assertEquals(6, c.ipVersion());
                assertTrue(c.address(0).startsWith("2001:db8::"), c.address(0));
            }
        }
        // on the wire: every segment once, lost ones too
        Path wire = dir.resolve("wire.pcap");
        int all = vm.saveCapture(wire, null, false);
        assertEquals(vm.timeline().flights().size(), all);
        assertEquals(4, read(wire).connections().get(0).ipVersion());
    }

    @Test
    void anIpv6CaptureIsSavedWithItsOwnAddressesAndTheBoxSaysSo(FxRobot robot, @TempDir Path dir) throws Exception {
        RunViewModel vm = new RunViewModel();
        vm.langProperty().set(Lang.EN);
        try (InputStream in = getClass().getResourceAsStream("/tcplab/capture/fixtures/curl-loopback-v6.pcap")) {
            assertTrue(vm.showCapture(CaptureAnalysis.read(in), "curl6.pcap"));
        }
        SaveCaptureOptions[] made = new SaveCaptureOptions[1];
        robot.interact(() -> made[0] = new SaveCaptureOptions(vm.captureHosts(), vm.shownIsIpv6(), Lang.EN));
        assertTrue(made[0].ipv6Box().isSelected());
        assertTrue(made[0].ipv6Box().isDisabled());
        Path f = dir.resolve("again.pcapng");
        vm.saveCapture(f, null, made[0].options().ipv6());
        Connection c = read(f).connections().get(0);
        assertEquals("::1", c.address(0));
        assertEquals(8080, c.port(1));
        assertFalse(vm.captureHosts().isEmpty());
    }
}
