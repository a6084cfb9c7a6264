package tcplab.netstat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines from a {@link Reader} in bounded memory: at most {@link #MAX_KEPT} characters of a
 * line are kept, the rest are counted and skipped, so a 10 MB line or a binary file without
 * newlines costs no more than a short line.
 *
 * <p>Line ends: LF; CR LF; a run of CRs before an LF (the CR CR LF that some Windows redirections
 * produce) is one line end too; a CR followed by anything else (or by nothing) ends a line on its
 * own, as in classic Mac files and some paste paths, so {@code a\r\rb} is three lines, the middle
 * one empty. No line keeps a CR.
 *
 * <p>U+FEFF (a byte-order mark) at the start of a line is dropped and not counted: Notepad and
 * PowerShell write one at the start of a file, and files pasted or concatenated one after another
 * carry theirs into the middle. It never means anything in netstat output.
 */
public final class LineReader {
    /**
     * Characters kept per line. The widest real rows (ss -p with many users, -e columns) stay
     * under 2,000 characters; 8,192 leaves room while bounding memory.
     */
    public static final int MAX_KEPT = 8192;

    private static final char BOM = '\uFEFF';

    private Reader in;
    private final char[] buf = new char[1 << 16];
    /**
     * Over a {@link Utf8Input}: the bytes, while every byte read so far was ASCII (then a byte is
     * a char, and a line becomes a Latin-1 String by a copy); null once decoding took over.
     */
    private byte[] bytes;
    private final Utf8Input utf8;
    private int pos;
    private int len;
    private boolean eof;
    private final StringBuilder line = new StringBuilder(256);
    private long lineLength;
    private int lineNumber;
    /**
     * Empty lines still to be given: a run of k CRs not followed by LF ends k lines, the first
     * with text; the run is counted once (not looked through again per line) and the k - 1 empty
     * lines handed out from here.
     */
    private int pendingEmpty;

    public LineReader(Reader in) {
        this.in = in;
        this.utf8 = in instanceof Utf8Input u ? u : null;
        if (utf8 != null) {
            bytes = new byte[1 << 16];
        }
    }

    /** The current line when it was read by the fast path of {@link #next}, else null. */
    private String fast;
    /** Where the current fast line starts in {@link #bytes}; -1 when it did not come from the fast path. */
    private int fastFrom = -1;

    /** Reads the next line; false at the end of the input. */
    public boolean next() throws IOException {
        if (pendingEmpty != 0) {
            return emptyLine();
        }
        if (bytes != null) {
            return nextAscii();
        }
        // Fast path: the whole line is in the buffer, short, without a CR CR or a BOM: one
        // String, no copying through the StringBuilder.
        int p = pos;
        int lim = Math.min(len, p + MAX_KEPT + 1);
        char[] b = buf;
        if (p < lim && b[p] == BOM) {
            fast = null;
            fastFrom = -1;
            return slowNext();
        }
        for (int i = p; i < lim; i++) {
            char c = b[i];
            if (c <= '\r') {
                if (c == '\n') {
                    return fastLine(new String(b, p, i - p), i - p, i + 1);
                }
                if (c == '\r') {
                    // CR LF, or a CR alone before the next line's first character; a CR CR or a
                    // CR at the end of the buffer needs the slow path's look ahead.
                    if (i + 1 < len) {
                        char d = b[i + 1];
                        if (d != '\r') {
                            return fastLine(new String(b, p, i - p), i - p, d == '\n' ? i + 2 : i + 1);
                        }
                    }
                    break;
                }
            }
        }
        fast = null;
        fastFrom = -1;
        return slowNext();
    }

    /**
     * {@link #next} while the input is read as ASCII bytes: the same fast path, over bytes. It is
     * written twice on purpose: byte[] and char[] share no type, and an indirection in this loop,
     * run once per input character, is what the byte path exists to avoid. A BOM needs no test
     * here: its bytes are not ASCII, and the slow path drops them.
     */
    private boolean nextAscii() throws IOException {
        int p = pos;
        int lim = Math.min(len, p + MAX_KEPT + 1);
        byte[] b = bytes;
        for (int i = p; i < lim; i++) {
            byte c = b[i];
            // One test per byte for the usual one: bytes are signed, so LF, CR, every byte that
            // is not ASCII and a few control characters (tab...) are all <= CR.
            if (c <= '\r') {
                if (c == '\n') {
                    return fastLine(new String(b, p, i - p, StandardCharsets.ISO_8859_1), i - p, i + 1);
                }
                if (c == '\r') {
                    if (i + 1 < len) {
                        byte d = b[i + 1];
                        if (d != '\r') {
                            return fastLine(new String(b, p, i - p, StandardCharsets.ISO_8859_1), i - p,
                                    d == '\n' ? i + 2 : i + 1);
                        }
                    }
                    break; // CR CR, or a CR at the end of the buffer
                }
                if (c < 0) {
                    break; // the first byte that is not ASCII: slowNext handles it
                }
            }
        }
        fast = null;
        fastFrom = -1;
        return slowNext();
    }

    private boolean fastLine(String text, int length, int next) {
        fast = text;
        fastFrom = pos;
        lineLength = length;
        pos = next;
        lineNumber++;
        return true;
    }

    private boolean emptyLine() {
        pendingEmpty--;
        fast = "";
        fastFrom = -1;
        lineLength = 0;
        lineNumber++;
        return true;
    }

    /** Refills the buffer (bytes or chars); 0 or less at the end of the input. */
    private int fill() throws IOException {
        pos = 0;
        if (bytes == null) {
            return in.read(buf, 0, buf.length);
        }
        return utf8.readBytes(bytes, 0, bytes.length);
    }

    /**
     * At the first byte that is not ASCII ({@code bytes[at]}): it and everything after it go
     * through the decoder. Every byte before it was ASCII and is consumed, so no UTF-8 sequence is
     * cut. (Checking each byte as the line scan passes it, not each chunk in a pass of its own:
     * that pass ran 80 million times for a big capture, mostly in the interpreter, as it is
     * called once per 64 KB chunk.)
     */
    private void switchToChars(int at) {
        in = utf8.charsFrom(bytes, at, len);
        bytes = null;
        pos = 0;
        len = 0;
    }

    /** True when {@code bytes[at..at+3)} is the UTF-8 encoding of U+FEFF, EF BB BF. */
    private boolean utf8Bom(int at) {
        byte[] b = bytes;
        return at + 2 < len && b[at] == (byte) 0xEF && b[at + 1] == (byte) 0xBB && b[at + 2] == (byte) 0xBF;
    }

    /**
     * The general case: a line across buffers, longer than {@link #MAX_KEPT}, with CRs, a BOM or
     * (over bytes) a byte that is not ASCII.
     */
    private boolean slowNext() throws IOException {
        line.setLength(0);
        lineLength = 0;
        boolean any = false;
        int crs = 0; // CRs just read: the line has ended, what follows them says how
        while (true) {
            if (pos >= len) {
                if (eof) {
                    break;
                }
                len = fill();
                if (len <= 0) {
                    len = 0;
                    eof = true;
                    break;
                }
            }
            any = true;
            if (crs > 0) {
                char c = bytes != null ? (char) bytes[pos] : buf[pos];
                if (c == '\r') {
                    crs++;
                    pos++;
                    continue;
                }
                if (c == '\n') {
                    pos++; // CR... LF: one line end
                } else {
                    pendingEmpty = crs - 1; // a CR that ends a line on its own, each of them
                }
                lineNumber++;
                return true;
            }
            int start = pos;
            int end = start;
            if (bytes != null) {
                byte[] b = bytes;
                byte c;
                while (end < len && (c = b[end]) != '\n' && c != '\r' && c >= 0) {
                    end++;
                }
                appendAscii(start, end);
                if (end < len && b[end] < 0) {
                    if (lineLength == 0 && utf8Bom(end)) {
                        pos = end + 3;
                        continue;
                    }
                    // Not ASCII (a BOM cut by the end of the buffer, too: the char path drops it).
                    switchToChars(end);
                    continue;
                }
            } else {
                char[] b = buf;
                if (lineLength == 0 && b[start] == BOM) {
                    pos = start + 1;
                    continue;
                }
                char c;
                while (end < len && (c = b[end]) != '\n' && c != '\r') {
                    end++;
                }
                append(start, end);
            }
            if (end < len) {
                pos = end + 1;
                if ((bytes != null ? bytes[end] : buf[end]) == '\r') {
                    crs = 1;
                    continue;
                }
                lineNumber++;
                return true;
            }
            pos = len;
        }
        if (crs > 0) {
            pendingEmpty = crs - 1;
            lineNumber++;
            return true;
        }
        if (any && lineLength > 0) {
            lineNumber++;
            return true;
        }
        return false;
    }

    private void append(int start, int end) {
        int n = end - start;
        lineLength += n;
        int room = MAX_KEPT - line.length();
        if (room > 0) {
            line.append(buf, start, Math.min(room, n));
        }
    }

    private void appendAscii(int start, int end) {
        int n = end - start;
        lineLength += n;
        int room = MAX_KEPT - line.length();
        if (room > 0) {
            line.append(new String(bytes, start, Math.min(room, n), StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * The bytes of the current line when it was read on the ASCII fast path (its text is
     * {@code asciiBytes()[asciiFrom() .. asciiFrom() + text().length())}), else null: valid until
     * the next call of {@link #next}. Lets the parser scan the line without String accessors.
     */
    public byte[] asciiBytes() {
        return fast != null && fastFrom >= 0 ? bytes : null;
    }

    /** Where the current line starts in {@link #asciiBytes()}. */
    public int asciiFrom() {
        return fastFrom;
    }

    /** The kept text of the current line (without its line end). */
    public String text() {
        if (fast == null) {
            fast = line.toString();
        }
        return fast;
    }

    /** True when the current line was longer than {@link #MAX_KEPT} characters. */
    public boolean truncated() {
        return lineLength > MAX_KEPT;
    }

    /** The full length of the current line in characters, kept or not. */
    public long length() {
        return lineLength;
    }

    /** 1-based number of the current line. */
    public int lineNumber() {
        return lineNumber;
    }
}
