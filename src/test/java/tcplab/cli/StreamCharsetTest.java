package tcplab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which charset the command line writes its standard streams in ({@link Cli#streamCharset}). */
class StreamCharsetTest {
    @Test
    void aChineseWindowsConsoleGetsItsOwnCodePageNotUtf8() {
        assertEquals(Charset.forName("GBK"), Cli.streamCharset("GBK"));
        // Java on Chinese Windows names the console's code page ms936 (or cp936).
        byte[] gbk = "状态 LISTENING".getBytes(Charset.forName("GBK"));
        assertArrayEquals(gbk, "状态 LISTENING".getBytes(Cli.streamCharset("ms936")));
        assertArrayEquals(gbk, "状态 LISTENING".getBytes(Cli.streamCharset("cp936")));
    }

    @Test
    void pipesFilesAndUnixTerminalsGetUtf8() {
        assertEquals(StandardCharsets.UTF_8, Cli.streamCharset(null));
    }

    @Test
    void anUnknownOrIllegalEncodingNameFallsBackToUtf8() {
        assertEquals(StandardCharsets.UTF_8, Cli.streamCharset("x-no-such-charset"));
        assertEquals(StandardCharsets.UTF_8, Cli.streamCharset("not a name!"));
        assertEquals(StandardCharsets.UTF_8, Cli.streamCharset(""));
    }
}
