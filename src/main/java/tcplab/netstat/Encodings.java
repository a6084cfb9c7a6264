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
 * console's OEM code page (GBK/cp936 on Chinese systems, cp850 or cp437 on Western ones); pasted
 * text and Unix tools give UTF-8.
 *
 * <p>The rule, on the first {@link #SNIFF_BYTES} bytes: valid UTF-8 (a UTF-8 sequence cut at the
 * end of the window counts as valid) is UTF-8; else GBK when its decoding contains a Chinese
 * netstat header word; else cp850 when its decoding contains a German netstat word with an
 * umlaut (byte 0x99 is Ö in cp850 and cp437, ™ in cp1252); else windows-1252, which decodes
 * nearly every byte. Undecodable bytes become U+FFFD, never an exception.
 */
public final class Encodings {
    /** How many bytes are looked at: the headers of every tool fit in far less. */
    public static final int SNIFF_BYTES = 64 * 1024;

    private static final String[] CHINESE_WORDS = {"活动连接", "协议", "本地地址", "外部地址", "状态", "无法获取"};
    private static final String[] GERMAN_WORDS = {"ABHÖREN", "Aktive Verbindungen", "Lokale Adresse", "Besitzerinformationen",
            "SCHLIEßEN", "können"};

    private Encodings() {
    }

    /** A reader over {@code in}: the given charset, or the detected one when {@code charset} is null. */
    public static Reader reader(InputStream in, Charset charset) throws IOException {
        BufferedInputStream b = in instanceof BufferedInputStream bis ? bis : new BufferedInputStream(in, SNIFF_BYTES);
        Charset cs = charset != null ? charset : detect(b);
        CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        if (cs.equals(StandardCharsets.UTF_8)) {
            return new Utf8Input(b, dec); // LineReader reads its ASCII as bytes (speed)
        }
        return new InputStreamReader(b, dec);
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
        if (isUtf8(bytes, n)) {
            return StandardCharsets.UTF_8;
        }
        Charset gbk = charset("GBK");
        if (gbk != null && containsAny(decode(bytes, n, gbk), CHINESE_WORDS)) {
            return gbk;
        }
        Charset cp850 = charset("IBM850");
        if (cp850 != null && containsAny(decode(bytes, n, cp850), GERMAN_WORDS)) {
            return cp850;
        }
        Charset cp1252 = charset("windows-1252");
        return cp1252 != null ? cp1252 : StandardCharsets.ISO_8859_1;
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean containsAny(String s, String[] words) {
        for (String w : words) {
            if (s.contains(w)) {
                return true;
            }
        }
        return false;
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
