package tcplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tcplab.capture.CaptureRun;
import tcplab.i18n.Lang;
import tcplab.tcp.TcpState;
import tcplab.ui.common.UiSettings;
import tcplab.ui.run.RunViewModel;

/** "Open capture…": a real capture opened through the window's API, stepped with the keyboard. */
@ExtendWith(ApplicationExtension.class)
class MainWindowCaptureTest {
    private RunViewModel vm;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        vm = new RunViewModel();
        vm.langProperty().set(Lang.EN);
        window = new MainWindow(vm, UiSettings.inMemory());
        Panes.install(window);
        vm.load("handshake");
        stage.setScene(window.scene(1280, 800));
        window.attach(stage);
        stage.show();
    }

    private static Path fixture(Path dir, String name) throws Exception {
        Path f = dir.resolve(name);
        try (var in = MainWindowCaptureTest.class.getResourceAsStream("/tcplab/capture/fixtures/" + name)) {
            assertNotNull(in);
            Files.copy(in, f);
        }
        return f;
    }

    private static String netstatText(FxRobot robot) {
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<String> lines = robot.lookup("#netstat-lines").queryAs(javafx.scene.control.ListView.class);
        return String.join("\n", lines.getItems());
    }

    @Test
    void aCaptureOpensAsARunSteppedWithTheKeysWithEachEndsNetstat(FxRobot robot, @TempDir Path dir) throws Exception {
        Path f = fixture(dir, "simultaneous-close-b.pcapng");
        robot.interact(() -> window.openCapture(f));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.captureRunProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        CaptureRun run = vm.captureRunProperty().get();
        assertEquals(run.timeline(), vm.timeline());
        assertEquals(0, vm.step());
        assertFalse(robot.lookup("#capture-row").query().isVisible(), "no picker for a capture of one connection");
        assertFalse(robot.lookup("#capture-loading-row").query().isVisible(), "the loading row is gone once it is read");
        // step to just before the TIME-WAIT timers with the keyboard
        int target = vm.timeline().stepsBy(vm.timeline().endUs() - 1_000_000);
        for (int i = 0; i < target; i++) {
            robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(target, vm.step());
        assertEquals(TcpState.TIME_WAIT, vm.stateAProperty().get());
        assertEquals(TcpState.TIME_WAIT, vm.stateBProperty().get());
        robot.clickOn("#netstat-host-client");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(netstatText(robot).contains("10.9.1.1:" + run.connection().port(0)), netstatText(robot));
        assertTrue(netstatText(robot).contains("TIME_WAIT"), netstatText(robot));
        robot.press(KeyCode.HOME).release(KeyCode.HOME);
        robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TcpState.SYN_SENT, vm.stateAProperty().get(), "after the listener and the SYN");
        assertTrue(netstatText(robot).contains("SYN_SENT"), netstatText(robot));
        String status = robot.lookup("#status").queryAs(Label.class).getText();
        assertTrue(status.startsWith("t = "), status);
    }

    /** The step at which the packet of this flag text sent from {@code port} is shown. */
    private int stepOf(String flags, int port) {
        for (var f : vm.timeline().flights()) {
            if (f.send().segment().flagText().equals(flags) && f.send().segment().src().port() == port) {
                return f.sendStep();
            }
        }
        throw new AssertionError(flags);
    }

    @Test
    void theInspectorSaysWhatEachPacketOfALoopbackCurlChangedAndWhichChangesAreInferred(FxRobot robot, @TempDir Path dir)
            throws Exception {
        robot.interact(() -> vm.langProperty().set(Lang.ZH));
        Path f = fixture(dir, "curl-loopback-v4.pcap");
        robot.interact(() -> window.openCapture(f));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.captureRunProperty().get() != null);
        // the server's FIN: the server goes to FIN-WAIT-1 as it sends it, a packet shows it
        int fin = stepOf("FIN,ACK", 8080);
        robot.interact(() -> {
            vm.seekStep(fin);
            vm.selectSegment(vm.timeline().flights().stream().filter(x -> x.sendStep() == fin).findFirst().orElseThrow().id());
        });
        WaitForAsyncUtils.waitForFxEvents();
        String states = robot.lookup("#inspectorStates").queryAs(Label.class).getText();
        assertTrue(states.contains("服务器:ESTABLISHED → FIN_WAIT_1"), states);
        assertFalse(states.contains("推断"), states);
        // the last ACK: nothing later shows it reached the client, so its CLOSED is inferred, and why
        int last = vm.timeline().flights().get(vm.timeline().flights().size() - 1).sendStep();
        robot.interact(() -> {
            vm.seekStep(last);
            vm.selectSegment(vm.timeline().flights().get(vm.timeline().flights().size() - 1).id());
        });
        WaitForAsyncUtils.waitForFxEvents();
        states = robot.lookup("#inspectorStates").queryAs(Label.class).getText();
        assertTrue(states.contains("客户端:LAST_ACK → CLOSED(推断)"), states);
        String why = tcplab.i18n.Texts.of(tcplab.capture.CaptureProblem.BUNDLE, Lang.ZH).get("why.noLaterPacket");
        assertTrue(window.root().lookupAll(".field-meaning").stream()
                .anyMatch(n -> ((Label) n).getText().contains(why)), "the reason is given beside it");
    }

    @Test
    void aCapturesNetstatIsShownInAnyDialectWithItsSendQueue(FxRobot robot, @TempDir Path dir) throws Exception {
        Path f = fixture(dir, "curl-loopback-v4.pcap");
        robot.interact(() -> window.openCapture(f));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.captureRunProperty().get() != null);
        // the server's 184-byte response not yet acknowledged: Send-Q 184 on the server
        int response = vm.timeline().flights().stream().filter(x -> x.send().segment().len() == 184).findFirst().orElseThrow().sendStep();
        robot.interact(() -> vm.seekStep(response));
        robot.clickOn("#netstat-host-server");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(netstatText(robot).matches("(?s).*tcp\\s+0\\s+184\\s+127\\.0\\.0\\.1:8080.*ESTABLISHED.*"), netstatText(robot));
        String counts = robot.lookup("#netstat-counts").queryAs(Label.class).getText();
        assertTrue(counts.contains("Recv-Q"), counts);
        tcplab.ui.netstat.NetstatView pane = (tcplab.ui.netstat.NetstatView) window.root().lookup("#netstatPane");
        robot.interact(() -> pane.model().selectDialect(tcplab.netstat.Dialect.WINDOWS));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(netstatText(robot).contains("TCP    127.0.0.1:8080"), netstatText(robot));
        robot.interact(() -> pane.model().selectDialect(tcplab.netstat.Dialect.SS));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(netstatText(robot).contains("ESTAB"), netstatText(robot));
    }

    @Test
    void aFileThatIsNoCaptureSaysSoAndTheRunStays(FxRobot robot, @TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("notes.pcap"), "these are my notes, not a capture\n");
        var before = vm.timeline();
        robot.interact(() -> window.openCapture(f));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        String shown = robot.lookup("#error").queryAs(Label.class).getText();
        assertTrue(shown.startsWith(f + ": "), shown);
        assertEquals(before, vm.timeline());
    }
}
