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
