package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** This machine's socket listing: which command per OS, the bytes of the first that works, a clear failure. */
class LiveCaptureTest {

    @Test
    void eachOsRunsItsOwnTool() {
        assertEquals(List.of(List.of("netstat", "-ano")), LiveCapture.candidates("Windows 11"));
        assertEquals(List.of(List.of("netstat", "-an", "-p", "tcp")), LiveCapture.candidates("Mac OS X"));
        assertEquals(List.of(List.of("ss", "-tanp"), List.of("netstat", "-tanp")), LiveCapture.candidates("Linux"));
    }

    @Test
    void theFirstCommandThatPrintsSomethingWins() throws Exception {
        LiveCapture c = LiveCapture.run(List.of(List.of("tcplab-no-such-tool-xyz"), List.of("echo", "LISTEN 0 128 0.0.0.0:22 0.0.0.0:*")));
        assertEquals("echo LISTEN 0 128 0.0.0.0:22 0.0.0.0:*", c.command());
        assertTrue(new String(c.output(), StandardCharsets.UTF_8).startsWith("LISTEN"));
    }

    @Test
    void whenNothingRunsTheErrorNamesEveryCommandTried() {
        LiveCapture.Unavailable e = assertThrows(LiveCapture.Unavailable.class,
                () -> LiveCapture.run(List.of(List.of("tcplab-no-such-tool-xyz", "-tanp"), List.of("false"))));
        assertEquals(List.of("tcplab-no-such-tool-xyz -tanp", "false"), e.tried());
        assertTrue(e.getMessage().contains("tcplab-no-such-tool-xyz -tanp, false"));
    }
}
