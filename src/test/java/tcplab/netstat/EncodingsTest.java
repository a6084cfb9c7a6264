package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tcplab.tcp.TcpState;

/**
 * Detecting the encoding of a saved or piped capture and reading it: byte-order marks, UTF-16
 * with and without one. The bytes are made here from Java strings with the JDK's charsets, as the
 * tools that write them would.
 */
class EncodingsTest {
    static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};

    static final String WINDOWS_ANO = "\r\nActive Connections\r\n\r\n"
            + "  Proto  Local Address          Foreign Address        State           PID\r\n"
            + "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1012\r\n"
            + "  TCP    192.168.1.10:49712     93.184.216.34:443      ESTABLISHED     4410\r\n";

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** What {@code tcplab explain} reads from these bytes: detected ({@code forced} null) or forced. */
    static List<ParsedLine> read(byte[] bytes, Charset forced) throws IOException {
        try (Reader r = Encodings.reader(new ByteArrayInputStream(bytes), forced)) {
            NetstatParser p = new NetstatParser(r, null);
            List<ParsedLine> out = new ArrayList<>();
            ParsedLine x;
            while ((x = p.next()) != null) {
                out.add(x);
            }
            return out;
        }
    }

    static List<ParsedLine> read(byte[] bytes) throws IOException {
        return read(bytes, null);
    }

    static Charset detect(byte[] bytes) {
        return Encodings.detect(bytes, Math.min(bytes.length, Encodings.SNIFF_BYTES));
    }

    static void assertNothingUnrecognised(List<ParsedLine> lines) {
        for (ParsedLine l : lines) {
            if (l instanceof ParsedLine.Unrecognised u) {
                throw new AssertionError("line " + u.line() + " unrecognised (" + u.reason() + "): " + u.excerpt());
            }
        }
    }

    // --- UTF-8 byte-order mark ------------------------------------------------------------------

    @Test
    void aUtf8ByteOrderMarkBeforeAWindowsRowDoesNotCostTheRow() throws IOException {
        byte[] bytes = concat(UTF8_BOM, "  TCP    0.0.0.0:135  0.0.0.0:0  LISTENING\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(StandardCharsets.UTF_8, detect(bytes));
        List<ParsedLine> l = read(bytes);
        ParsedLine.Socket s = assertInstanceOf(ParsedLine.Socket.class, l.get(0));
        assertEquals(135, s.row().local().port());
        assertEquals(TcpState.LISTEN, s.row().state());
    }

    @Test
    void aUtf8ByteOrderMarkBeforeTheHeaderOrALinuxRowDoesNotCostTheLine() throws IOException {
        List<ParsedLine> h = read(concat(UTF8_BOM, "Active Connections\r\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("Active Connections", assertInstanceOf(ParsedLine.Header.class, h.get(0)).text());
        List<ParsedLine> r = read(concat(UTF8_BOM, "tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(22, assertInstanceOf(ParsedLine.Socket.class, r.get(0)).row().local().port());
    }

    @Test
    void filesConcatenatedWithTheirByteOrderMarksAreReadWhole() throws IOException {
        // cat a.txt b.txt, both saved by Notepad: the second mark starts a later line.
        byte[] bytes = concat(UTF8_BOM, WINDOWS_ANO.getBytes(StandardCharsets.UTF_8), UTF8_BOM,
                "tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN\n".getBytes(StandardCharsets.UTF_8));
        List<ParsedLine> l = read(bytes);
        assertNothingUnrecognised(l);
        assertEquals(List.of(135, 49712, 22), ports(l));
    }

    static List<Integer> ports(List<ParsedLine> lines) {
        List<Integer> out = new ArrayList<>();
        for (SocketRow r : EmitterTest.rowsOf(lines)) {
            out.add(r.local().port());
        }
        return out;
    }

    // --- UTF-16 ---------------------------------------------------------------------------------

    @Test
    void utf16LittleEndianWithAByteOrderMarkAsWindowsPowerShellWritesItIsRead() throws IOException {
        // Windows PowerShell 5: netstat -ano > f.txt
        byte[] bytes = concat(UTF16LE_BOM, WINDOWS_ANO.getBytes(StandardCharsets.UTF_16LE));
        assertEquals(StandardCharsets.UTF_16LE, detect(bytes));
        List<ParsedLine> l = read(bytes);
        assertNothingUnrecognised(l);
        assertEquals("Active Connections", ((ParsedLine.Header) l.get(1)).text());
        assertEquals(List.of(135, 49712), ports(l));
    }

    @Test
    void utf16BigEndianWithAByteOrderMarkIsRead() throws IOException {
        byte[] bytes = concat(UTF16BE_BOM, WINDOWS_ANO.getBytes(StandardCharsets.UTF_16BE));
        assertEquals(StandardCharsets.UTF_16BE, detect(bytes));
        assertEquals(List.of(135, 49712), ports(read(bytes)));
    }

    @Test
    void utf16WithoutAByteOrderMarkIsToldByTheNulsOfItsAsciiCharacters() throws IOException {
        byte[] le = WINDOWS_ANO.getBytes(StandardCharsets.UTF_16LE);
        byte[] be = WINDOWS_ANO.getBytes(StandardCharsets.UTF_16BE);
        assertEquals(StandardCharsets.UTF_16LE, detect(le));
        assertEquals(StandardCharsets.UTF_16BE, detect(be));
        assertEquals(List.of(135, 49712), ports(read(le)));
        assertEquals(List.of(135, 49712), ports(read(be)));
    }

    @Test
    void aChineseTableInUtf16WithoutAMarkIsStillUtf16() throws IOException {
        String zh = NetstatEmitter.emit(Dialect.WINDOWS_ZH, List.of(
                new SocketRow(Proto.TCP, Family.IPV4, false, Endpoint.of("0.0.0.0", 135), Endpoint.of("0.0.0.0", 0),
                        TcpState.LISTEN, null, null, 1712, null, null)), "h");
        byte[] le = zh.getBytes(StandardCharsets.UTF_16LE);
        assertEquals(StandardCharsets.UTF_16LE, detect(le));
        List<ParsedLine> l = read(le);
        assertNothingUnrecognised(l);
        assertEquals("活动连接", ((ParsedLine.Header) l.get(1)).text());
        // The elevation message alone: Chinese between ASCII line ends.
        byte[] elevation = "请求的操作需要提升。\r\n".getBytes(StandardCharsets.UTF_16LE);
        assertEquals(StandardCharsets.UTF_16LE, detect(elevation));
    }

    @Test
    void randomBytesAndAsciiAreNotTakenForUtf16() {
        byte[] random = new byte[20_000];
        new Random(7).nextBytes(random);
        assertNotEquals(StandardCharsets.UTF_16LE, detect(random));
        assertNotEquals(StandardCharsets.UTF_16BE, detect(random));
        assertEquals(StandardCharsets.UTF_8, detect(WINDOWS_ANO.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aForcedEncodingIsUsedAsGivenAndItsByteOrderMarkSkipped() throws IOException {
        byte[] le = concat(UTF16LE_BOM, WINDOWS_ANO.getBytes(StandardCharsets.UTF_16LE));
        assertEquals(List.of(135, 49712), ports(read(le, StandardCharsets.UTF_16LE)));
        assertEquals(List.of(135, 49712), ports(read(le, StandardCharsets.UTF_16))); // reads its mark itself
        // Forced wrong, it is still obeyed: UTF-16 read as windows-1252 is NULs, no rows.
        List<ParsedLine> wrong = read(le, Charset.forName("windows-1252"));
        assertTrue(ports(wrong).isEmpty());
    }
}
