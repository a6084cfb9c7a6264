package tcplab.netstat;

/**
 * Text from the input made safe to print on a terminal or in a window: pasted output may hold
 * anything, and an escape sequence echoed to a terminal can clear the screen, set its title or
 * hide what follows (ESC, the other C0 and C1 controls), and the Unicode direction overrides can
 * make a line read differently from what it is (CVE-2021-42574, "Trojan Source"). Each such
 * character is shown as a visible escape, {@code \x1B} or {@code \u202E}; a tab becomes a space.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code s} with every unsafe character escaped (the same String when there is none). */
    public static String of(String s) {
        return of(s, Integer.MAX_VALUE);
    }

    /** {@link #of(String)}, at most {@code max} characters long, then … when cut. */
    public static String of(String s, int max) {
        int n = Math.min(s.length(), max);
        int i = 0;
        while (i < n && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                sb.append(' ');
            } else if (c < 0x100 && unsafe(c)) {
                sb.append("\\x").append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            } else if (unsafe(c)) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (i < s.length()) {
            sb.setLength(Math.min(sb.length(), max));
            sb.append('…');
        }
        return sb.toString();
    }

    /** C0 controls (tab included: it is shown as a space), DEL, C1 controls, direction controls. */
    static boolean unsafe(char c) {
        if (c >= 0x20 && c < 0x7f) {
            return false;
        }
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069'
                || c == '\u200e' || c == '\u200f' || c == '\u061c';
    }

    /**
     * {@code s} without its colour escapes: SGR ({@code ESC [ digits;... m}) and erase-in-line
     * ({@code ESC [ K}), which {@code grep --color} and coloured terminals write
     * ({@code ESC[01;31mESC[K8080ESC[mESC[K}). Any other escape (a window title, clear screen,
     * cursor moves) is left in place, so that the line stays one with control characters and the
     * user sees it printed as {@code \x1B}: those are not colour, and may be hostile.
     */
    public static String withoutColour(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\u001b' && i + 1 < n && s.charAt(i + 1) == '[') {
                int j = i + 2;
                while (j < n && (s.charAt(j) >= '0' && s.charAt(j) <= '9' || s.charAt(j) == ';')) {
                    j++;
                }
                if (j < n && (s.charAt(j) == 'm' || s.charAt(j) == 'K')) {
                    i = j;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
