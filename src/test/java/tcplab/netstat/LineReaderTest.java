package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * UTF-8 input is read as raw bytes while it is ASCII and handed to a decoder at the first other
 * byte: the lines must be the same as from a plain char reader, wherever that byte falls. Both
 * must split lines as a one-line reference does: line ends are {@code \r*\n} or a lone
 * {@code \r}, and U+FEFF at the start of a line is dropped.
 */
class LineReaderTest {

    /** What one line looked like to the caller. */
    private record Line(int number, String text, long length, boolean truncated) {
    }

    private static List<Line> lines(Reader reader) throws IOException {
        LineReader r = new LineReader(reader);
        List<Line> out = new ArrayList<>();
        while (r.next()) {
            out.add(new Line(r.lineNumber(), r.text(), r.length(), r.truncated()));
        }
        return out;
    }

    private static List<Line> viaBytes(String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return lines(Encodings.reader(new ByteArrayInputStream(utf8), StandardCharsets.UTF_8));
    }

    private static List<Line> viaChars(String text) throws IOException {
        return lines(new StringReader(text));
    }

    private static final Pattern LINE_END = Pattern.compile("\r*\n|\r");

    /** The lines by the rule, without buffers: split at each line end, BOMs off each line's start. */
    private static List<Line> reference(String text) {
        List<String> parts = new ArrayList<>();
        Matcher m = LINE_END.matcher(text);
        int start = 0;
        while (m.find()) {
            parts.add(text.substring(start, m.start()));
            start = m.end();
        }
        String last = withoutBoms(text.substring(start));
        if (!last.isEmpty()) {
            parts.add(last);
        }
        List<Line> out = new ArrayList<>();
        for (String p : parts) {
            String s = withoutBoms(p);
            out.add(new Line(out.size() + 1, s.substring(0, Math.min(s.length(), LineReader.MAX_KEPT)), s.length(),
                    s.length() > LineReader.MAX_KEPT));
        }
        return out;
    }

    private static String withoutBoms(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\uFEFF') {
            i++;
        }
        return s.substring(i);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(120),
                Arbitraries.of("\n", "\r\n", "\r", "\r\r\n", "\r\r", "\uFEFF", "\uFEFF\uFEFF", "\n\uFEFF", "\r\uFEFF",
                        "活动连接", "ABHÖREN", "tcp 0 0 127.0.0.1:22 0.0.0.0:* LISTEN\n"),
                // long runs push the first non-ASCII byte past the 64 KiB first chunk
                Arbitraries.integers().between(1, 70_000).map(n -> "x".repeat(n)),
                // and put CR runs and BOMs across the chunk boundaries
                Arbitraries.integers().between(1, 70_000).map(n -> "x".repeat(n) + "\r"));
        return piece.list().ofMaxSize(40).map(ps -> String.join("", ps));
    }

    @Property(tries = 300)
    void readingUtf8AsBytesGivesTheSameLinesAsReadingChars(@ForAll("texts") String text) throws IOException {
        assertEquals(viaChars(text), viaBytes(text));
    }

    @Property(tries = 300)
    void linesAreSplitAsTheReferenceSplitsThem(@ForAll("texts") String text) throws IOException {
        assertEquals(reference(text), viaChars(text));
    }

    @Test
    void aMultiByteCharacterAcrossTheFirstChunkBoundaryIsDecodedWhole() throws IOException {
        String text = "a".repeat((1 << 16) - 1) + "状态\nESTABLISHED\n";
        List<Line> got = viaBytes(text);
        assertEquals(2, got.size());
        assertEquals((1 << 16) - 1 + 2, got.get(0).length());
        assertEquals(true, got.get(0).text().endsWith("a"));
        assertEquals(true, got.get(0).truncated());
        assertEquals(new Line(2, "ESTABLISHED", 11, false), got.get(1));
    }

    @Test
    void aLineThatStartsAsAsciiAndEndsInChineseKeepsBothParts() throws IOException {
        String line = "x".repeat(100) + "活动连接";
        String text = "y".repeat((1 << 16) - 50) + "\n" + line + "\r\n";
        List<Line> got = viaBytes(text);
        assertEquals(new Line(2, line, line.length(), false), got.get(1));
    }

    private static List<String> texts(List<Line> lines) {
        List<String> out = new ArrayList<>();
        for (Line l : lines) {
            out.add(l.text());
        }
        return out;
    }

    @Test
    void aCrAloneEndsALineAsInClassicMacFiles() throws IOException {
        String text = "Proto Recv-Q Send-Q Local Address Foreign Address State\r"
                + "tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN\rtcp 0 0 0.0.0.0:80 0.0.0.0:* LISTEN\r";
        List<String> want = List.of("Proto Recv-Q Send-Q Local Address Foreign Address State",
                "tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN", "tcp 0 0 0.0.0.0:80 0.0.0.0:* LISTEN");
        assertEquals(want, texts(viaChars(text)));
        assertEquals(want, texts(viaBytes(text)));
    }

    @Test
    void crLfAndCrCrLfAreEachOneLineEnd() throws IOException {
        String text = "a\r\nb\r\r\nc\nd";
        assertEquals(List.of("a", "b", "c", "d"), texts(viaChars(text)));
        assertEquals(List.of("a", "b", "c", "d"), texts(viaBytes(text)));
    }

    @Test
    void crsWithoutAnLfEndOneLineEachSoTheEmptyLinesStay() throws IOException {
        String text = "a\r\r\rb\r";
        assertEquals(List.of("a", "", "", "b"), texts(viaChars(text)));
        assertEquals(List.of("a", "", "", "b"), texts(viaBytes(text)));
        assertEquals(List.of("a", ""), texts(viaChars("a\r\r")));
    }

    @Test
    void aCrRunAcrossTheChunkBoundaryIsReadAsOneLineEndWhenAnLfFollows() throws IOException {
        for (int cut = -3; cut <= 1; cut++) {
            String first = "x".repeat((1 << 16) + cut);
            String text = first + "\r\r\nnext\r\r\r" + "y".repeat(70_000) + "\rlast";
            List<String> want = List.of("x".repeat(LineReader.MAX_KEPT), "next", "", "", "y".repeat(LineReader.MAX_KEPT),
                    "last");
            assertTrue(want.equals(texts(viaChars(text))), "chars, cut " + cut);
            assertTrue(want.equals(texts(viaBytes(text))), "bytes, cut " + cut);
            assertEquals(first.length(), viaBytes(text).get(0).length());
        }
    }

    @Test
    void aByteOrderMarkAtTheStartOfAnyLineIsDropped() throws IOException {
        String text = "\uFEFFActive Connections\r\n\uFEFF  TCP    0.0.0.0:135  0.0.0.0:0  LISTENING\r\n"
                + "\uFEFFtcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN\n";
        List<String> want = List.of("Active Connections", "  TCP    0.0.0.0:135  0.0.0.0:0  LISTENING",
                "tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN");
        assertEquals(want, texts(viaChars(text)));
        assertEquals(want, texts(viaBytes(text)));
        assertEquals(new Line(1, "Active Connections", 18, false), viaBytes(text).get(0));
    }

    @Test
    void aByteOrderMarkInsideALineIsLeftAlone() throws IOException {
        assertEquals(List.of("a\uFEFFb"), texts(viaChars("a\uFEFFb\n")));
        assertEquals(List.of("a\uFEFFb"), texts(viaBytes("a\uFEFFb\n")));
    }

    @Test
    void byteOrderMarksBeforeAsciiLinesKeepTheInputOnTheByteFastPath() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] a = "Active Connections\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN\n".getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream cat = new java.io.ByteArrayOutputStream();
        cat.write(bom);
        cat.write(a);
        cat.write(bom);
        cat.write(b);
        Utf8Input in = (Utf8Input) Encodings.reader(new ByteArrayInputStream(cat.toByteArray()), null);
        assertEquals(List.of("Active Connections", "tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN"), texts(lines(in)));
        assertFalse(in.decoding(), "no byte went through the decoder");
    }
}
