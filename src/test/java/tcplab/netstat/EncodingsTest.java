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
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tcplab.tcp.TcpState;

/**
 * Detecting the encoding of a saved or piped capture and reading it: byte-order marks, UTF-16
 * with and without one, GBK against the Western code pages, cp850 against windows-1252. The
 * bytes are made here from Java strings with the JDK's charsets, as the tools that write them
 * would.
 */
class EncodingsTest {
    static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};

    static final Charset GBK = Charset.forName("GBK");
    static final Charset CP850 = Charset.forName("IBM850");
    static final Charset CP1252 = Charset.forName("windows-1252");

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
                throw new AssertionError("unrecognised: " + u); // the record says why, in any version of it
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

    // --- windows-1252 against cp850: German ----------------------------------------------------

    /** netstat -ano on a German Windows (NETSTAT.md): translated headers and state words. */
    static final String GERMAN_ANO = "\r\nAktive Verbindungen\r\n\r\n"
            + "  Proto  Lokale Adresse         Remoteadresse          Status           PID\r\n"
            + "  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN          1012\r\n"
            + "  TCP    192.168.1.10:49712     93.184.216.34:443      HERGESTELLT      4410\r\n"
            + "  TCP    192.168.1.10:49713     93.184.216.34:443      WARTEND          0\r\n"
            + "  TCP    192.168.1.10:49714     93.184.216.34:80       SCHLIESSEN_WARTEN  4410\r\n"
            + "  TCP    192.168.1.10:49715     93.184.216.34:80       FIN_WARTEN_2     4410\r\n"
            + "  TCP    192.168.1.10:49716     93.184.216.35:80       SYN_GESENDET     4410\r\n"
            + "  UDP    0.0.0.0:500            *:*                                    3324\r\n";

    static final List<TcpState> GERMAN_STATES = java.util.Arrays.asList(TcpState.LISTEN, TcpState.ESTABLISHED,
            TcpState.TIME_WAIT, TcpState.CLOSE_WAIT, TcpState.FIN_WAIT_2, TcpState.SYN_SENT, null);

    static List<TcpState> states(List<ParsedLine> lines) {
        List<TcpState> out = new ArrayList<>();
        for (SocketRow r : EmitterTest.rowsOf(lines)) {
            out.add(r.state());
        }
        return out;
    }

    @Test
    void germanSavedAsWindows1252IsNotReadAsCp850() throws IOException {
        // iconv -t cp1252: the ASCII headers read the same in both; only ABHÖREN tells them apart
        // (0xD6 is Ö in windows-1252, Í in cp850).
        byte[] bytes = GERMAN_ANO.getBytes(CP1252);
        assertEquals(CP1252, detect(bytes));
        List<ParsedLine> l = read(bytes);
        assertNothingUnrecognised(l);
        assertEquals(GERMAN_STATES, states(l));
        assertEquals("ABHÖREN", ((ParsedLine.Socket) l.get(4)).raw().state());
    }

    @Test
    void germanInTheOemCodePageCp850IsStillCp850() throws IOException {
        byte[] bytes = GERMAN_ANO.getBytes(CP850);
        assertEquals(CP850, detect(bytes));
        List<ParsedLine> l = read(bytes);
        assertNothingUnrecognised(l);
        assertEquals(GERMAN_STATES, states(l));
    }

    @Test
    void cp850ReadAsWindows1252GivesAbhTmRenWhichStillMeansListening() throws IOException {
        // The mojibake seen in the wild: cp850 bytes shown (and saved, or pasted) as windows-1252.
        byte[] cp850 = GERMAN_ANO.getBytes(CP850);
        List<ParsedLine> forced = read(cp850, CP1252);
        assertEquals("ABH™REN", ((ParsedLine.Socket) forced.get(4)).raw().state());
        assertEquals(GERMAN_STATES, states(forced));
        String mojibake = new String(cp850, CP1252);
        List<ParsedLine> pasted = read(mojibake.getBytes(StandardCharsets.UTF_8));
        assertEquals("ABH™REN", ((ParsedLine.Socket) pasted.get(4)).raw().state());
        assertEquals(GERMAN_STATES, states(pasted));
    }

    // --- GBK against the Western code pages ----------------------------------------------------

    @Test
    void aShortGbkElevationMessageWithoutAHeaderIsGbk() throws IOException {
        // netstat -b > f.txt on a Chinese Windows without administrator rights: this line only.
        byte[] bytes = "请求的操作需要提升。\r\n".getBytes(GBK);
        assertEquals(GBK, detect(bytes));
        ParsedLine.Notice n = assertInstanceOf(ParsedLine.Notice.class, read(bytes).get(0));
        assertEquals(ParsedLine.NoticeCode.ELEVATION_REQUIRED, n.code());
        assertEquals("请求的操作需要提升。", n.text());
    }

    @Test
    void gbkRowsWithTheNoOwnershipNoticeAndAChineseProgramAreGbk() throws IOException {
        byte[] bytes = ("  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712\r\n"
                + "  RpcSs\r\n [svchost.exe]\r\n"
                + "  TCP    0.0.0.0:445            0.0.0.0:0              LISTENING       4\r\n 无法获取所有权信息\r\n"
                + "  TCP    127.0.0.1:9000         0.0.0.0:0              LISTENING       6120\r\n [迅雷.exe]\r\n").getBytes(GBK);
        assertEquals(GBK, detect(bytes));
        List<ParsedLine> l = read(bytes);
        assertNothingUnrecognised(l);
        assertEquals(ParsedLine.NoticeCode.NO_OWNERSHIP, ((ParsedLine.Notice) l.get(4)).code());
        assertEquals("迅雷.exe", ((ParsedLine.Program) l.get(6)).program());
    }

    @Test
    void aFewGbkCharactersThatHappenToBeValidUtf8AreStillGbk() {
        byte[] bytes = "状态\r\n".getBytes(GBK); // D7 B4 CC AC: valid UTF-8 too
        assertTrue(Encodings.isUtf8(bytes, bytes.length));
        assertEquals(GBK, detect(bytes));
        // and the same words in UTF-8 stay UTF-8
        assertEquals(StandardCharsets.UTF_8, detect("状态\r\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(StandardCharsets.UTF_8, detect("ABH™REN ABHÖREN\r\n".getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Western words in their own code page are never taken for GBK. A byte of 0x80 or more
     * followed by an ASCII letter is a valid GBK pair, but one of its rare extension characters;
     * followed by a space, a digit or a line end it is no pair at all; two accented letters in a
     * row (créé, Größe) can make a common Chinese character, so the Western reading must still win.
     * (Between cp850 and windows-1252 a few bytes are a likely letter in both: 0xE4 is õ in cp850
     * and ä in windows-1252, so "Conexões" alone reads as German; the ç of "Endereço" settles it.)
     */
    @Test
    void germanAndFrenchWordsInCp850OrWindows1252AreNotTakenForGbk() {
        List<String> samples = List.of("ABHÖREN", "Größe", "créé", "État", "Schließen", "für",
                "Es können keine Besitzerinformationen abgerufen werden.",
                "Impossible d'obtenir les informations de propriété",
                "L'opération demandée nécessite une élévation.", "Conexões ativas  Endereço local", "Dirección local");
        for (String w : samples) {
            for (Charset cs : List.of(CP1252, CP850)) {
                byte[] bytes = (w + "\r\n").getBytes(cs);
                assertEquals(cs, detect(bytes), w + " in " + cs + ": " + Encodings.scores(bytes, bytes.length));
            }
        }
    }

    @Test
    void anAccentedLetterBeforeAnAsciiLetterOrASpaceScoresAgainstGbk() {
        byte[] abhoeren = "ABHÖREN".getBytes(CP1252); // D6 52: a GBK/4 extension character
        assertTrue(Encodings.gbkScore(abhoeren, abhoeren.length) < 0);
        byte[] cafe = "café ".getBytes(CP1252); // E9 20: no GBK pair
        assertTrue(Encodings.gbkScore(cafe, cafe.length) < 0);
        byte[] zh = "本地地址".getBytes(GBK);
        assertEquals(4 * 4, Encodings.gbkScore(zh, zh.length));
        Map<String, Long> s = Encodings.scores(zh, zh.length);
        assertTrue(s.get("GBK") > s.get("windows-1252") && s.get("GBK") > s.get("IBM850"), s.toString());
    }

    // --- every encoding, random tables ---------------------------------------------------------

    enum Enc {
        UTF8(StandardCharsets.UTF_8, null), UTF8_BOM(StandardCharsets.UTF_8, EncodingsTest.UTF8_BOM),
        UTF16LE(StandardCharsets.UTF_16LE, null), UTF16LE_BOM(StandardCharsets.UTF_16LE, EncodingsTest.UTF16LE_BOM),
        UTF16BE(StandardCharsets.UTF_16BE, null), UTF16BE_BOM(StandardCharsets.UTF_16BE, EncodingsTest.UTF16BE_BOM),
        GBK(Charset.forName("GBK"), null), CP850(Charset.forName("IBM850"), null),
        CP1252(Charset.forName("windows-1252"), null);

        final Charset charset;
        final byte[] bom;

        Enc(Charset charset, byte[] bom) {
            this.charset = charset;
            this.bom = bom;
        }

        byte[] encode(String text) {
            byte[] b = text.getBytes(charset);
            return bom == null ? b : concat(bom, b);
        }
    }

    /** German words for the state column of a {@code netstat -ano} row (StateWords). */
    private static final Map<String, String> GERMAN_STATE_WORDS = Map.ofEntries(Map.entry("LISTENING", "ABHÖREN"),
            Map.entry("ESTABLISHED", "HERGESTELLT"), Map.entry("TIME_WAIT", "WARTEND"),
            Map.entry("CLOSE_WAIT", "SCHLIESSEN_WARTEN"), Map.entry("FIN_WAIT_1", "FIN_WARTEN_1"),
            Map.entry("FIN_WAIT_2", "FIN_WARTEN_2"), Map.entry("SYN_SENT", "SYN_GESENDET"),
            Map.entry("SYN_RECEIVED", "SYN_EMPFANGEN"), Map.entry("CLOSING", "SCHLIESSEND"),
            Map.entry("LAST_ACK", "LETZTES_ACK"), Map.entry("CLOSED", "GESCHLOSSEN"));

    /**
     * A German {@code netstat -ano} of the table: the emitter's Windows text with the headers and
     * state words translated, and a listener first so that ABHÖREN, the word that tells the code
     * pages apart, is there.
     */
    static String german(List<SocketRow> table) {
        List<SocketRow> rows = new ArrayList<>();
        rows.add(new SocketRow(Proto.TCP, Family.IPV4, false, Endpoint.of("0.0.0.0", 135), Endpoint.of("0.0.0.0", 0),
                TcpState.LISTEN, null, null, 1012, null, null));
        rows.addAll(table);
        String en = NetstatEmitter.emit(Dialect.WINDOWS_PID, rows, "h");
        StringBuilder out = new StringBuilder();
        for (String line : en.split("\r\n", -1)) {
            if (line.equals("Active Connections")) {
                line = "Aktive Verbindungen";
            } else if (line.trim().startsWith("Proto")) {
                line = "  Proto  Lokale Adresse         Remoteadresse          Status           PID";
            } else {
                String[] t = line.trim().split("\\s+");
                if (t.length == 5 && GERMAN_STATE_WORDS.containsKey(t[3])) {
                    line = "  " + t[0] + "    " + t[1] + "  " + t[2] + "  " + GERMAN_STATE_WORDS.get(t[3]) + "  " + t[4];
                }
            }
            out.append(line).append("\r\n");
        }
        out.setLength(out.length() - 2);
        return out.toString();
    }

    @Provide
    Arbitrary<List<SocketRow>> tables() {
        return Arbitraries.randomValue(RoundTripTest::randomRow).list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<Dialect> dialects() {
        return Arbitraries.of(Dialect.emittableValues());
    }

    @Property(tries = 400)
    void everyEncodingIsDetectedAndGivesTheRecordsOfTheUtf8Text(@ForAll("tables") List<SocketRow> table, @ForAll Enc enc,
            @ForAll("dialects") Dialect dialect, @ForAll boolean germanText) throws IOException {
        String text = switch (enc) {
            case GBK -> NetstatEmitter.emit(Dialect.WINDOWS_ZH, table, "h");
            case CP850, CP1252 -> german(table);
            default -> germanText ? german(table) : NetstatEmitter.emit(dialect, table, "h");
        };
        List<ParsedLine> expected = NetstatParser.parseAll(text);
        assertNothingUnrecognised(expected);
        byte[] bytes = enc.encode(text);
        if (text.isEmpty() && enc.bom == null) {
            return; // TCPView prints nothing for an empty table: no bytes, nothing to detect
        }
        assertEquals(enc.charset, detect(bytes), enc + " " + Encodings.scores(bytes, Math.min(bytes.length, Encodings.SNIFF_BYTES)));
        assertEquals(expected, read(bytes));
    }
}
