package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tcplab.i18n.Lang;

/**
 * No input makes the parser or the explainer throw, and every line gives exactly one record:
 * random text, real rows with random mutations, a 10 MB line, binary garbage. No record is
 * {@code INTERNAL}: the parser turns a crash inside a row reader into such a record so that the
 * stream goes on, which kept these tests from ever failing on one (issue 15); they fail now.
 */
class FuzzTest {
    private static final List<String> SEEDS = List.of(
            "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712",
            "  UDP    [fe80::244e:2f1e:2096:62b2%9]:1900  *:*                                    8844",
            "tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      600/sshd: /usr/sbin",
            "ESTAB      0      0          [::1]:22           [::1]:59602 users:((\"python3\",pid=25298,fd=14))",
            "tcp46      0      0  *.5000                 *.*                    LISTEN     ",
            "   0: 0100007F:0015 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 113914 1",
            "inetinfo.exe:1260 TCP 0.0.0.0:21 0.0.0.0:0 LISTENING",
            " [svchost.exe]", "  RpcSs", "Active Connections", "活动连接",
            "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name");

    /** Fails on a record that stands for a crash of the parser. */
    static void assertNoInternal(List<ParsedLine> lines, String input) {
        for (ParsedLine l : lines) {
            assertNoInternal(l, input);
        }
    }

    static void assertNoInternal(ParsedLine l, String input) {
        if (l instanceof ParsedLine.Unrecognised u && u.why() == ParsedLine.Why.INTERNAL) {
            throw new AssertionError("line " + u.line() + ": the parser crashed (" + u.detail() + ") on: " + u.excerpt()
                    + "\nwhole input: " + input);
        }
    }

    private static int countRecords(String text) {
        List<ParsedLine> lines = NetstatParser.parseAll(text);
        assertNoInternal(lines, text);
        Explainer ex = new Explainer(Lang.EN);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(i + 1, lines.get(i).line());
            ex.explain(lines.get(i));
        }
        ex.summary();
        return lines.size();
    }

    private static final java.util.regex.Pattern LINE_END = java.util.regex.Pattern.compile("\r*\n|\r");

    /**
     * Lines of the text as the parser counts them: a line ends at LF, at CRs before an LF, or at
     * a CR alone (LineReader); a last line without a line end counts unless it is empty.
     */
    static int expectedLines(String text) {
        java.util.regex.Matcher m = LINE_END.matcher(text);
        int n = 0;
        int start = 0;
        while (m.find()) {
            n++;
            start = m.end();
        }
        return text.substring(start).replace("\uFEFF", "").isEmpty() ? n : n + 1;
    }

    @Property(tries = 1000)
    void randomTextNeverThrowsAndGivesOneRecordPerLine(@ForAll("noise") String text) {
        assertEquals(expectedLines(text), countRecords(text));
    }

    @Property(tries = 2000)
    void mutatedRealRowsNeverThrowAndGiveOneRecordPerLine(@ForAll("mutated") String text) {
        assertEquals(expectedLines(text), countRecords(text));
    }

    /**
     * Read from bytes (a file, stdin: the ASCII lines are tokenized over their bytes) and from a
     * String (the window, tests: over chars), every text gives the same records.
     */
    @Property(tries = 1000)
    void bytesAndCharsGiveTheSameRecords(@ForAll("mutated") String a, @ForAll("noise") String b) throws IOException {
        String text = a + "\n" + b + "\n\t tcp 0 0 1.2.3.4:5 6.7.8.9:10 ESTABLISHED\u0001\n";
        List<ParsedLine> fromChars = NetstatParser.parseAll(text);
        java.util.List<ParsedLine> fromBytes = new java.util.ArrayList<>();
        try (Reader r = Encodings.reader(new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                java.nio.charset.StandardCharsets.UTF_8)) {
            NetstatParser p = new NetstatParser(r, null);
            ParsedLine l;
            while ((l = p.next()) != null) {
                fromBytes.add(l);
            }
        }
        assertNoInternal(fromChars, text);
        assertNoInternal(fromBytes, text);
        assertEquals(fromChars, fromBytes);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("\n\r\t :.[]*%/()\",=-_0123456789abcdefTCPUDLISENtcpudp活动连接Ö™\u0000\uFFFD")
                .ofMaxLength(300);
    }

    @Provide
    Arbitrary<String> mutated() {
        return Arbitraries.randomValue(FuzzTest::mutate);
    }

    static String mutate(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int lines = 1 + rnd.nextInt(5);
        for (int l = 0; l < lines; l++) {
            StringBuilder line = new StringBuilder(SEEDS.get(rnd.nextInt(SEEDS.size())));
            int edits = rnd.nextInt(6);
            for (int e = 0; e < edits && line.length() > 0; e++) {
                int at = rnd.nextInt(line.length());
                switch (rnd.nextInt(5)) {
                    case 0 -> line.deleteCharAt(at);
                    case 1 -> line.insert(at, (char) rnd.nextInt(0x3000));
                    case 2 -> line.setCharAt(at, ":. \t*[]%0"  .charAt(rnd.nextInt(9)));
                    case 3 -> line.insert(at, line.substring(at, Math.min(line.length(), at + rnd.nextInt(20))));
                    default -> line.setLength(at);
                }
            }
            sb.append(line).append(rnd.nextBoolean() ? "\n" : "\r\n");
        }
        return sb.toString();
    }

    @Property(tries = 200)
    void everyGeneratedRowSurvivesTruncationAtAnyPoint(@ForAll("cut") String text) {
        countRecords(text);
    }

    @Provide
    Arbitrary<String> cut() {
        return Arbitraries.randomValue(rnd -> {
            String s = NetstatEmitter.emit(Dialect.emittableValues().get(rnd.nextInt(12)),
                    List.of(RoundTripTest.randomRow(rnd), RoundTripTest.randomRow(rnd)), "h");
            return s.substring(0, rnd.nextInt(s.length() + 1));
        });
    }

    @org.junit.jupiter.api.Test
    void aTenMegabyteLineIsReportedAsTooLongWithoutBeingKept() {
        StringBuilder sb = new StringBuilder(10_000_100);
        sb.append("TCP 0.0.0.0:80 0.0.0.0:0 LISTENING\n");
        for (int i = 0; i < 10_000_000; i++) {
            sb.append((char) ('a' + i % 26));
        }
        sb.append("\nTCP 0.0.0.0:81 0.0.0.0:0 LISTENING\n");
        List<ParsedLine> lines = NetstatParser.parseAll(sb.toString());
        assertNoInternal(lines, "a 10 MB line");
        assertEquals(3, lines.size());
        ParsedLine.Unrecognised u = assertInstanceOf(ParsedLine.Unrecognised.class, lines.get(1));
        assertEquals(ParsedLine.Why.TOO_LONG, u.why());
        assertEquals("10000000", u.detail(), "the reason says how long the line was");
        assertTrue(u.excerpt().length() <= 201, "only an excerpt is kept");
        assertEquals(81, ((ParsedLine.Socket) lines.get(2)).row().local().port());
    }

    @org.junit.jupiter.api.Test
    void binaryGarbageIsUnrecognisedLineByLineInBoundedRecords() throws IOException {
        byte[] bytes = new byte[3_000_000];
        new Random(42).nextBytes(bytes);
        int records = 0;
        // Random bytes are neither UTF-8, UTF-16 nor GBK: a single-byte code page, where CR and LF are themselves.
        java.nio.charset.Charset cs = Encodings.detect(bytes, Encodings.SNIFF_BYTES);
        assertTrue(cs.equals(Encodings.CP1252) || cs.equals(Encodings.CP850), cs.name());
        int lines = expectedLines(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
        try (Reader r = Encodings.reader(new ByteArrayInputStream(bytes), null)) {
            NetstatParser p = new NetstatParser(r, null);
            ParsedLine l;
            while ((l = p.next()) != null) {
                records++;
                assertNoInternal(l, "3 MB of random bytes, seed 42");
                if (l instanceof ParsedLine.Unrecognised u) {
                    assertTrue(u.excerpt().length() <= 201);
                } else {
                    assertTrue(l instanceof ParsedLine.Blank, l.toString());
                }
            }
        }
        assertEquals(lines, records);
    }

    /** The check itself can fail: a record of a crash is caught. */
    @org.junit.jupiter.api.Test
    void anInternalRecordFailsTheCheck() {
        ParsedLine crash = new ParsedLine.Unrecognised(1, ParsedLine.Why.INTERNAL, "java.lang.ArrayIndexOutOfBoundsException", "tcp 0");
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> assertNoInternal(List.of(crash), "tcp 0"));
    }

    @org.junit.jupiter.api.Test
    void anEmptyInputGivesNoRecordsAndAnEmptySummary() {
        assertEquals(0, countRecords(""));
        assertNull(new Explainer(Lang.ZH).explain(new ParsedLine.Blank(1)));
    }
}
