package tcplab.netstat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines from a {@link Reader} in bounded memory: at most {@link #MAX_KEPT} characters of a
 * line are kept, the rest are counted and skipped, so a 10 MB line or a binary file without
 * newlines costs no more than a short line. A line ends at LF; CRs before it are dropped (CRLF,
 * and the CR CR LF that some Windows redirections produce). A CR elsewhere counts as a space.
 */
public final class LineReader {
    /**
     * Characters kept per line. The widest real rows (ss -p with many users, -e columns) stay
     * under 2,000 characters; 8,192 leaves room while bounding memory.
     */
    public static final int MAX_KEPT = 8192;

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

    public LineReader(Reader in) {
        this.in = in;
        this.utf8 = in instanceof Utf8Input u ? u : null;
        if (utf8 != null) {
            bytes = new byte[1 << 16];
        }
    }

    /** The current line when it was read by the fast path of {@link #next}, else null. */
    private String fast;

    /** Reads the next line; false at the end of the input. */
    public boolean next() throws IOException {
        if (bytes != null) {
            return nextAscii();
        }
        // Fast path: the whole line is in the buffer, short, without CR: one String, no copying
        // through the StringBuilder.
        int p = pos;
        int lim = Math.min(len, p + MAX_KEPT + 1);
        char[] b = buf;
        for (int i = p; i < lim; i++) {
            char c = b[i];
            if (c == '\n') {
                fast = new String(b, p, i - p);
                lineLength = i - p;
                pos = i + 1;
                lineNumber++;
                return true;
            }
            if (c == '\r') {
                break;
            }
        }
        fast = null;
        return slowNext();
    }

    /**
     * {@link #next} while the input is read as ASCII bytes: the same fast path, over bytes. It is
     * written twice on purpose: byte[] and char[] share no type, and an indirection in this loop,
     * run once per input character, is what the byte path exists to avoid.
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
                    fast = new String(b, p, i - p, StandardCharsets.ISO_8859_1);
                    lineLength = i - p;
                    pos = i + 1;
                    lineNumber++;
                    return true;
                }
                if (c == '\r' || c < 0) {
                    break; // a CR, or the first byte that is not ASCII: slowNext handles both
                }
            }
        }
        fast = null;
        return slowNext();
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

    private boolean slowNext() throws IOException {
        line.setLength(0);
        lineLength = 0;
        boolean any = false;
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
            int start = pos;
            int end = start;
            if (bytes != null) {
                byte[] b = bytes;
                byte c;
                while (end < len && (c = b[end]) != '\n' && c >= 0) {
                    end++;
                }
                appendAscii(start, end);
                if (end < len && b[end] < 0) {
                    switchToChars(end);
                    continue;
                }
            } else {
                while (end < len && buf[end] != '\n') {
                    end++;
                }
                append(start, end);
            }
            if (end < len) {
                pos = end + 1;
                lineNumber++;
                trimCarriageReturns();
                return true;
            }
            pos = len;
        }
        if (any && lineLength > 0) {
            lineNumber++;
            trimCarriageReturns();
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

    private void trimCarriageReturns() {
        int n = line.length();
        int trailing = 0;
        while (n > 0 && line.charAt(n - 1) == '\r') {
            n--;
            trailing++;
        }
        line.setLength(n);
        lineLength -= trailing;
        for (int i = 0; i < n; i++) {
            if (line.charAt(i) == '\r') {
                line.setCharAt(i, ' ');
            }
        }
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
