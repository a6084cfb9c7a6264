package tcplab.i18n;

/**
 * How wide a text is on a terminal or in a monospace font with CJK glyphs: East Asian wide and
 * full-width characters take two columns (a host called 学生机 is six columns wide), combining
 * marks and format characters none (they sit on the character before), every other character
 * one. Used wherever text is lined up in columns: the text ladder, netstat tables, command output.
 */
public final class Columns {
    private Columns() {
    }

    /** Terminal columns of {@code s}, counted by code point. */
    public static int width(CharSequence s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int c = Character.codePointAt(s, i);
            i += Character.charCount(c);
            if (c < 0x300) {
                w++; // Latin, digits, punctuation: the common case, one column each
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
                continue;
            }
            w += isWide(c) ? 2 : 1;
        }
        return w;
    }

    /** East Asian wide or full-width (Unicode UAX #11 W and F, the ranges that occur in practice). */
    static boolean isWide(int c) {
        return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
                || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
    }
}
