package tcplab.netstat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Chooses how to decode the bytes of a netstat capture. Windows writes redirected output in the
 * console's OEM code page (GBK/cp936 on Chinese systems, cp850 or cp437 on Western ones),
 * Windows PowerShell 5 in UTF-16LE with a byte-order mark ({@code netstat -ano > f.txt}), Notepad
 * and {@code -Encoding utf8} in UTF-8 with one; an editor saving "ANSI" on a Western system
 * writes windows-1252; pasted text and Unix tools give UTF-8.
 *
 * <p>The rule, on the first {@link #SNIFF_BYTES} bytes:
 * <ol>
 * <li>a byte-order mark says it: EF BB BF UTF-8, FF FE UTF-16LE, FE FF UTF-16BE;
 * <li>NUL bytes at every other offset are UTF-16 without a mark: the high byte of an ASCII
 *     character (netstat output is mostly ASCII; no text in any other encoding has NULs);
 * <li>valid UTF-8 (a sequence cut at the end of the window counts as valid) is UTF-8;
 * <li>else GBK when its decoding contains a Chinese netstat header word; else cp850 when its
 *     decoding contains a German netstat word with an umlaut (byte 0x99 is Ö in cp850 and cp437,
 *     ™ in cp1252); else windows-1252, which decodes nearly every byte.
 * </ol>
 * Undecodable bytes become U+FFFD, never an exception.
 */
public final class Encodings {
    /** How many bytes are looked at: the headers of every tool fit in far less. */
    public static final int SNIFF_BYTES = 64 * 1024;

    /** Code page 850 (DOS Latin-1), the OEM code page of Western Windows. */
    static final Charset CP850 = charset("IBM850");
    static final Charset CP1252 = charset("windows-1252");
    static final Charset GBK = charset("GBK");

    private Encodings() {
    }

    /** A reader over {@code in}: the given charset, or the detected one when {@code charset} is null. */
    public static Reader reader(InputStream in, Charset charset) throws IOException {
        BufferedInputStream b = in instanceof BufferedInputStream bis ? bis : new BufferedInputStream(in, SNIFF_BYTES);
        Charset cs = charset != null ? charset : detect(b);
        skipByteOrderMark(b, cs);
        CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        if (cs.equals(StandardCharsets.UTF_8)) {
            return new Utf8Input(b, dec); // LineReader reads its ASCII as bytes (speed)
        }
        return new InputStreamReader(b, dec);
    }

    /**
     * Skips the byte-order mark of {@code cs} at the start of {@code in}, if there is one. (The
     * "UTF-16" charset reads its mark itself; LineReader would drop a U+FEFF anyway, but over
     * UTF-8 the mark's bytes would also end LineReader's ASCII fast path at once.)
     */
    private static void skipByteOrderMark(BufferedInputStream in, Charset cs) throws IOException {
        byte[] mark;
        if (cs.equals(StandardCharsets.UTF_8)) {
            mark = new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        } else if (cs.equals(StandardCharsets.UTF_16LE)) {
            mark = new byte[] {(byte) 0xFF, (byte) 0xFE};
        } else if (cs.equals(StandardCharsets.UTF_16BE)) {
            mark = new byte[] {(byte) 0xFE, (byte) 0xFF};
        } else {
            return;
        }
        in.mark(mark.length);
        byte[] head = in.readNBytes(mark.length);
        if (!java.util.Arrays.equals(head, mark)) {
            in.reset();
        }
    }

    /** Detects the charset from the start of {@code in}, which is reset to where it was. */
    public static Charset detect(BufferedInputStream in) throws IOException {
        in.mark(SNIFF_BYTES + 1);
        byte[] head = new byte[SNIFF_BYTES];
        int n = 0;
        while (n < head.length) {
            int r = in.read(head, n, head.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        in.reset();
        return detect(head, n);
    }

    /** Detects the charset of {@code bytes[0..n)}. */
    public static Charset detect(byte[] bytes, int n) {
        if (n >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (n >= 2 && bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (n >= 2 && bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        Charset utf16 = utf16ByNuls(bytes, n);
        if (utf16 != null) {
            return utf16;
        }
        if (isUtf8(bytes, n)) {
            return StandardCharsets.UTF_8;
        }
        if (GBK != null && containsAny(decode(bytes, n, GBK), CHINESE_WORDS)) {
            return GBK;
        }
        if (CP850 != null && containsAny(decode(bytes, n, CP850), GERMAN_WORDS)) {
            return CP850;
        }
        return CP1252 != null ? CP1252 : StandardCharsets.ISO_8859_1;
    }

    private static final String[] CHINESE_WORDS = {"活动连接", "协议", "本地地址", "外部地址", "状态", "无法获取"};
    private static final String[] GERMAN_WORDS = {"ABHÖREN", "Aktive Verbindungen", "Lokale Adresse", "Besitzerinformationen",
            "SCHLIEßEN", "können"};

    private static boolean containsAny(String s, String[] words) {
        for (String w : words) {
            if (s.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * UTF-16 without a byte-order mark, told by its NULs: in mostly-ASCII text every character
     * has a zero high byte, at odd offsets in little-endian, even ones in big-endian. At least
     * one character in eight must show it (a short line of Chinese between ASCII line ends
     * still does), and the other offsets must have at most half as many (a Chinese character
     * such as 需, U+9700, has a zero low byte; random bytes have as many NULs at both).
     */
    static Charset utf16ByNuls(byte[] bytes, int n) {
        int pairs = n / 2;
        if (pairs == 0) {
            return null;
        }
        int even = 0;
        int odd = 0;
        for (int i = 0; i + 1 < n; i += 2) {
            if (bytes[i] == 0) {
                even++;
            }
            if (bytes[i + 1] == 0) {
                odd++;
            }
        }
        if (odd * 8 >= pairs && odd >= 2 * even) {
            return StandardCharsets.UTF_16LE;
        }
        if (even * 8 >= pairs && even >= 2 * odd) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String decode(byte[] bytes, int n, Charset cs) {
        CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(n + 16);
        dec.decode(ByteBuffer.wrap(bytes, 0, n), out, true);
        out.flip();
        return out.toString();
    }

    /** Strict UTF-8 check; a multi-byte sequence cut by the end of the window is accepted. */
    static boolean isUtf8(byte[] bytes, int n) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, n);
        CharBuffer out = CharBuffer.allocate(n + 16);
        CoderResult r = dec.decode(in, out, false);
        if (r.isError()) {
            return false;
        }
        // Leftover bytes (an incomplete sequence at the end of the window) are fine if few.
        return in.remaining() < 4;
    }
}
