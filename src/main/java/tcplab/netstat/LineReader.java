package tcplab.netstat;

import java.io.IOException;
import java.io.Reader;

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

    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private boolean eof;
    private final StringBuilder line = new StringBuilder(256);
    private long lineLength;
    private int lineNumber;

    public LineReader(Reader in) {
        this.in = in;
    }

    /** The current line when it was read by the fast path of {@link #next}, else null. */
    private String fast;

    /** Reads the next line; false at the end of the input. */
    public boolean next() throws IOException {
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

    private boolean slowNext() throws IOException {
        line.setLength(0);
        lineLength = 0;
        boolean any = false;
        while (true) {
            if (pos >= len) {
                if (eof) {
                    break;
                }
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    eof = true;
                    break;
                }
            }
            any = true;
            int start = pos;
            int end = start;
            while (end < len && buf[end] != '\n') {
                end++;
            }
            append(start, end);
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
