package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * UTF-8 input is read as raw bytes while it is ASCII and handed to a decoder at the first other
 * byte: the lines must be the same as from a plain char reader, wherever that byte falls.
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

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(120),
                Arbitraries.of("\n", "\r\n", "\r", "活动连接", "ABHÖREN", "tcp 0 0 127.0.0.1:22 0.0.0.0:* LISTEN\n"),
                // long runs push the first non-ASCII byte past the 64 KiB first chunk
                Arbitraries.integers().between(1, 70_000).map(n -> "x".repeat(n)));
        return piece.list().ofMaxSize(40).map(ps -> String.join("", ps));
    }

    @Property(tries = 300)
    void readingUtf8AsBytesGivesTheSameLinesAsReadingChars(@ForAll("texts") String text) throws IOException {
        assertEquals(lines(new StringReader(text)), viaBytes(text));
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
}
