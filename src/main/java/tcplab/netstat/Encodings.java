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
 * <li>valid UTF-8 (a sequence cut at the end of the window counts as valid) is UTF-8, unless
 *     it reads better as GBK ({@link #utf8Score}: a few GBK characters can be valid UTF-8);
 * <li>else the candidate code page with the best score ({@link #scores}): GBK, cp850,
 *     windows-1252. The ASCII in netstat output reads the same in all three, so only the bytes of
 *     0x80 and more tell them apart: in GBK they should pair up into common Chinese characters
 *     and full-width punctuation; in a Western code page they should make the accented letters
 *     of Western European words, with the case of the word around them.
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

    /** The byte-order marks, each the encoding of U+FEFF. */
    private static final byte[] UTF8_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16LE_MARK = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] UTF16BE_MARK = {(byte) 0xFE, (byte) 0xFF};

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
            mark = UTF8_MARK;
        } else if (cs.equals(StandardCharsets.UTF_16LE)) {
            mark = UTF16LE_MARK;
        } else if (cs.equals(StandardCharsets.UTF_16BE)) {
            mark = UTF16BE_MARK;
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
        if (startsWith(bytes, n, UTF8_MARK)) {
            return StandardCharsets.UTF_8;
        }
        if (startsWith(bytes, n, UTF16LE_MARK)) {
            return StandardCharsets.UTF_16LE;
        }
        if (startsWith(bytes, n, UTF16BE_MARK)) {
            return StandardCharsets.UTF_16BE;
        }
        Charset utf16 = utf16ByNuls(bytes, n);
        if (utf16 != null) {
            return utf16;
        }
        if (isUtf8(bytes, n)) {
            // A few GBK characters can happen to be valid UTF-8 (状态 is D7 B4 CC AC: a Hebrew
            // punctuation mark and a combining accent), so GBK may still win, on its score.
            if (GBK != null && hasHighBytes(bytes, n) && gbkScore(bytes, n) > utf8Score(decode(bytes, n, StandardCharsets.UTF_8))) {
                return GBK;
            }
            return StandardCharsets.UTF_8;
        }
        // Ties go to the first: windows-1252 (which decodes nearly every byte), then cp850;
        // GBK must win outright.
        Charset best = CP1252 != null ? CP1252 : StandardCharsets.ISO_8859_1;
        long bestScore = Long.MIN_VALUE;
        for (Charset cs : new Charset[] {CP1252, CP850, GBK}) {
            if (cs != null) {
                long s = score(bytes, n, cs);
                if (s > bestScore) {
                    best = cs;
                    bestScore = s;
                }
            }
        }
        return best;
    }

    /** The score of each candidate code page for {@code bytes[0..n)}, for tests and for telling why. */
    static java.util.Map<String, Long> scores(byte[] bytes, int n) {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (Charset cs : new Charset[] {CP1252, CP850, GBK}) {
            if (cs != null) {
                out.put(cs.name(), score(bytes, n, cs));
            }
        }
        return out;
    }

    private static boolean startsWith(byte[] bytes, int n, byte[] prefix) {
        return n >= prefix.length && java.util.Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean hasHighBytes(byte[] bytes, int n) {
        for (int i = 0; i < n; i++) {
            if (bytes[i] < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * How well valid UTF-8 reads, on the scale of {@link #gbkScore}: per byte of 0x80 or more,
     * +2 when its character is a letter or digit of any script (or a combining mark after one,
     * as macOS writes é), Latin-1 punctuation, general punctuation, ™, box drawing or CJK and
     * full-width punctuation; -2 otherwise (C1 controls, a combining mark after no letter, other
     * scripts' punctuation...). Text really written in UTF-8 scores +2 per byte; GBK that happens
     * to be valid UTF-8 decodes to such odd characters.
     */
    static long utf8Score(String text) {
        long score = 0;
        int prev = ' ';
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c >= 0x80) {
                int bytes = c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
                int type = Character.getType(c);
                boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                        || type == Character.COMBINING_SPACING_MARK;
                boolean good = Character.isLetterOrDigit(c) || mark && Character.isLetter(prev)
                        || c >= 0xA0 && c <= 0xFF || c >= 0x2000 && c <= 0x206F || c >= 0x2100 && c <= 0x214F
                        || c >= 0x2500 && c <= 0x259F || c >= 0x3000 && c <= 0x303F || c >= 0xFF00 && c <= 0xFFEF
                        || c == 0xFEFF;
                score += good ? 2L * bytes : -2L * bytes;
            }
            prev = c;
        }
        return score;
    }

    private static long score(byte[] bytes, int n, Charset cs) {
        return cs.equals(GBK) ? gbkScore(bytes, n) : westernScore(decode(bytes, n, cs));
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

    // --- GBK -----------------------------------------------------------------------------------

    /**
     * How well the bytes of 0x80 and more read as GBK, counted per such byte. GBK pairs a lead
     * byte 0x81-0xFE with a trail byte 0x40-0x7E or 0x80-0xFE. The characters real Chinese text
     * uses are in its GB2312 part, where both bytes are 0xA1 or more: Chinese characters in lead
     * rows 0xB0-0xF7, punctuation in row 0xA1 (、。“”《》) and full-width forms in row 0xA3
     * (：（）). Each of those bytes scores +2; the rest of GB2312 (Greek, kana, box drawing...)
     * 0. A lead byte followed by an ASCII byte of 0x40-0x7E (the letters among them) is a
     * valid pair, but of the rare extension characters (GBK/3, GBK/4) that Western text makes
     * when an accented letter precedes an ASCII one, as in {@code ABHÖREN}: -2 per byte of 0x80
     * or more in it, as for the other rare or user-defined pairs. A byte that cannot start or end
     * a pair (0x80, 0xFF, a lead before a space, a digit, a line end) scores -3.
     */
    static long gbkScore(byte[] bytes, int n) {
        long score = 0;
        int i = 0;
        while (i < n) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            if (i + 1 >= n) {
                break; // cut by the end of the window
            }
            int trail = bytes[i + 1] & 0xFF;
            boolean validLead = lead >= 0x81 && lead <= 0xFE;
            boolean validTrail = trail >= 0x40 && trail <= 0xFE && trail != 0x7F;
            if (!validLead || !validTrail) {
                score -= 3;
                i++;
                continue;
            }
            if (trail >= 0xA1 && (lead == 0xA1 || lead == 0xA3 || lead >= 0xB0 && lead <= 0xF7)) {
                score += 4;
            } else if (trail >= 0xA1 && lead >= 0xA1 && lead <= 0xA9) {
                score += 0;
            } else {
                score -= trail >= 0x80 ? 4 : 2;
            }
            i += 2;
        }
        return score;
    }

    // --- Western code pages ----------------------------------------------------------------------

    /**
     * Accented letters of German and French, the languages whose netstat has them (ABHÖREN,
     * État). ß is here, á below: byte 0xE1 is ß in cp850 and á in windows-1252, and alone (in
     * "Schließen") it is German more often than Spanish.
     */
    private static final String COMMON_LETTERS = "äöüÄÖÜßéèêëàâçôûîïùÉ";
    /** Other letters of Western European languages, a little less likely in netstat output. */
    private static final String OTHER_LETTERS = "áíóúñãõåøæœÀÈÇÊÅØÆÑìòÿ";

    /**
     * How well the text decoded with a Western code page reads, counted per character that is
     * not ASCII. Within a word (a run of letters) that has one: a common accented letter scores
     * +3, another Western European one +2, any other letter 0 (cp850 decodes windows-1252's Ö as
     * Í and é as Ú: letters, but rare ones); but when the word's case is mixed ({@code rÚcupÚrer},
     * {@code ÇëÇó}), every such letter scores -2. Outside words, a symbol or box-drawing
     * character (™ from cp850's Ö read as windows-1252, ÷ from windows-1252's ö read as cp850)
     * scores -2, an undecodable byte -3.
     */
    static long westernScore(String text) {
        long score = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < 0x80) {
                i++;
                continue;
            }
            if (!Character.isLetter(c)) {
                score -= c == '\uFFFD' ? 3 : 2;
                i++;
                continue;
            }
            // A word with a letter that is not ASCII: from its start to its end.
            int start = i;
            while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
                start--;
            }
            int end = i;
            while (end < n && Character.isLetter(text.charAt(end))) {
                end++;
            }
            boolean consistent = caseIsConsistent(text, start, end);
            for (int j = i; j < end; j++) {
                char d = text.charAt(j);
                if (d < 0x80) {
                    continue;
                }
                if (!consistent) {
                    score -= 2;
                } else if (COMMON_LETTERS.indexOf(d) >= 0) {
                    score += 3;
                } else if (OTHER_LETTERS.indexOf(d) >= 0) {
                    score += 2;
                }
            }
            i = end;
        }
        return score;
    }

    /**
     * True when the word's cased letters are all upper case, all lower case, or one capital and
     * then lower case. ß has no capital in use, so upper-case German keeps it: it counts as
     * either.
     */
    private static boolean caseIsConsistent(String s, int start, int end) {
        int upper = 0;
        int lower = 0;
        boolean firstUpper = false;
        boolean first = true;
        for (int j = start; j < end; j++) {
            char c = s.charAt(j);
            if (c == 'ß') {
                first = false;
                continue;
            }
            if (Character.isUpperCase(c)) {
                upper++;
                if (first) {
                    firstUpper = true;
                }
            } else if (Character.isLowerCase(c)) {
                lower++;
            }
            first = false;
        }
        return upper == 0 || lower == 0 || firstUpper && upper == 1;
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
