package tcplab.netstat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A UTF-8 byte buffer for writing JSON lines by hand, straight to an {@link OutputStream}: the
 * jsonl output of a million rows is about a gigabyte, and going through chars, a
 * {@link java.io.PrintWriter} and an encoder cost more than everything else together.
 *
 * <p>As a {@link Text}, it renders an explanation inside a JSON string: {@link #lit} copies
 * pre-escaped bytes, {@link #str} escapes. Escaping is Jackson's ({@code \"}, {@code \\},
 * {@code \b \t \n \f \r}, other control characters as {@code \}{@code u00XX}, everything else
 * as UTF-8), so the output is what jackson-core wrote before, byte for byte. A lone surrogate
 * becomes {@code ?}, as Java's UTF-8 encoder made it.
 *
 * <p>Bytes go out only at the end of a line ({@link #endLine}) once the buffer holds
 * {@link #FLUSH_AT} bytes: a write never splits a line, and a single long line grows the buffer
 * (a line is bounded: the parser keeps at most {@link LineReader#MAX_KEPT} characters).
 */
final class JsonBytes extends Text {
    /** 256 KB: a million-row output is a gigabyte, written in few system calls. */
    static final int FLUSH_AT = 1 << 18;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** For chars below 128: 0 = as is, 1 = \\u00XX, else the letter after the backslash. */
    private static final byte[] ESC = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESC[c] = 1;
        }
        ESC['"'] = '"';
        ESC['\\'] = '\\';
        ESC['\b'] = 'b';
        ESC['\t'] = 't';
        ESC['\n'] = 'n';
        ESC['\f'] = 'f';
        ESC['\r'] = 'r';
    }

    /** Where full buffers go. */
    interface Sink {
        void write(byte[] b, int len) throws IOException;

        void flush() throws IOException;
    }

    private final Sink sink;
    byte[] buf;
    int pos;

    JsonBytes(OutputStream out) {
        this(out, FLUSH_AT + 16_384);
    }

    private JsonBytes(OutputStream out, int capacity) {
        this.buf = new byte[capacity];
        this.sink = new Sink() {
            @Override
            public void write(byte[] b, int len) throws IOException {
                out.write(b, 0, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
    }

    /** Over a Writer (tests, {@code tcplab netstat --explain}): whole lines are decoded and handed on. */
    JsonBytes(Writer out) {
        this.buf = new byte[FLUSH_AT + 16_384];
        this.sink = new Sink() {
            @Override
            public void write(byte[] b, int len) throws IOException {
                out.write(new String(b, 0, len, StandardCharsets.UTF_8));
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
    }

    /** The inside of a JSON string for {@code s}, UTF-8. */
    static byte[] escape(String s) {
        // A buffer for this string only (it grows when needed): escape runs for every fixed text.
        JsonBytes j = new JsonBytes(null, 6 * s.length() + 16);
        j.str(s);
        byte[] b = new byte[j.pos];
        System.arraycopy(j.buf, 0, b, 0, j.pos);
        return b;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            byte[] nb = new byte[Math.max(buf.length * 2, pos + n)];
            System.arraycopy(buf, 0, nb, 0, pos);
            buf = nb;
        }
    }

    /** Appends bytes as they are. */
    void raw(byte[] b) {
        int n = b.length;
        if (pos + n > buf.length) {
            ensure(n);
        }
        System.arraycopy(b, 0, buf, pos, n);
        pos += n;
    }

    void raw(byte b) {
        if (pos >= buf.length) {
            ensure(1);
        }
        buf[pos++] = b;
    }

    @Override
    void lit(Lit l) {
        raw(l.json);
    }

    /** A JSON string value, quoted, or {@code null}. */
    void quoted(String s) {
        if (s == null) {
            raw(NULL);
            return;
        }
        raw((byte) '"');
        str(s);
        raw((byte) '"');
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /**
     * The last strings escaped, and where their bytes are in the buffer: a row's addresses come
     * back several times (the JSON fields, then the explanation), as the same String objects, and
     * copying their bytes is cheaper than escaping them again. Forgotten when the buffer is handed on.
     */
    private final String[] memo = new String[4];
    private final int[] memoStart = new int[4];
    private final int[] memoEnd = new int[4];
    private int memoNext;

    /** Like {@link #str}, remembering the bytes for the next {@code str} of the same String object. */
    void strMemo(String s) {
        for (int i = 0; i < memo.length; i++) {
            if (memo[i] == s) {
                int from = memoStart[i];
                int n = memoEnd[i] - from;
                if (pos + n > buf.length) {
                    ensure(n);
                }
                System.arraycopy(buf, from, buf, pos, n);
                pos += n;
                return;
            }
        }
        int start = pos;
        str(s);
        int k = memoNext;
        memo[k] = s;
        memoStart[k] = start;
        memoEnd[k] = pos;
        memoNext = (k + 1) & 3;
    }

    private void forget() {
        java.util.Arrays.fill(memo, null);
    }

    /** The inside of a JSON string: escaped, UTF-8. */
    @Override
    void str(String s) {
        int n = s.length();
        // At most 6 bytes per char (\\u00XX), 3 for any char of UTF-8 (4 for a pair of two chars).
        if (pos + 6 * n > buf.length) {
            ensure(6 * n);
        }
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte e = ESC[c];
                if (e == 0) {
                    b[p++] = (byte) c;
                } else if (e == 1) {
                    b[p++] = '\\';
                    b[p++] = 'u';
                    b[p++] = '0';
                    b[p++] = '0';
                    b[p++] = HEX[c >> 4];
                    b[p++] = HEX[c & 0xF];
                } else {
                    b[p++] = '\\';
                    b[p++] = e;
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[p++] = (byte) (0xF0 | cp >> 18);
                    b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    b[p++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    b[p++] = '?';
                }
            } else {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        pos = p;
    }

    @Override
    void num(long v) {
        if (v >= 0 && v <= Integer.MAX_VALUE) {
            num((int) v);
            return;
        }
        raw(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
    }

    /** A non-negative int in decimal: int arithmetic only (ports, line numbers, queues). */
    void num(int v) {
        if (v < 0) {
            raw(Integer.toString(v).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        if (pos + 10 > buf.length) {
            ensure(10);
        }
        // Digits without a chain of ifs: the line numbers reach 6 and 7 digits late in a big
        // input, and a branch first taken then made the JIT throw away and redo its code.
        int x = v | 1;
        int t = (32 - Integer.numberOfLeadingZeros(x)) * 1233 >>> 12;
        int digits = t + 1 - (x < POW10[t] ? 1 : 0);
        byte[] b = buf;
        int p = pos + digits;
        pos = p;
        while (v >= 100) {
            int q = v / 100;
            int r = (v - q * 100) << 1;
            b[--p] = PAIRS[r + 1];
            b[--p] = PAIRS[r];
            v = q;
        }
        if (v >= 10) {
            b[--p] = PAIRS[(v << 1) + 1];
            b[--p] = PAIRS[v << 1];
        } else {
            b[--p] = (byte) ('0' + v);
        }
    }

    private static final int[] POW10 = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

    /** "00" to "99": two digits per division. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** Ends a line; hands the buffer on once it is full enough. */
    void endLine() throws IOException {
        raw((byte) '\n');
        if (pos >= FLUSH_AT) {
            sink.write(buf, pos);
            pos = 0;
            forget();
        }
    }

    /** Hands on everything written so far. */
    void flush() throws IOException {
        if (pos > 0) {
            sink.write(buf, pos);
            pos = 0;
        }
        forget();
        sink.flush();
    }
}
