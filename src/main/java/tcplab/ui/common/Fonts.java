package tcplab.ui.common;

import java.util.List;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * Fonts for text drawn by the views themselves. JavaFX's "System" font draws Chinese as empty
 * boxes on some platforms (headless Monocle among them) even when a CJK font is installed, so
 * text is set in an installed CJK family, which also carries Latin letters. Without any CJK font
 * it falls back to "System" (the README names the package to install).
 */
public final class Fonts {
    private static final String FAMILY = pick();
    /**
     * The size, at 100 %, of the text a class reads from the back of the room: the netstat lines,
     * and the state names of the diagram, which are never smaller.
     */
    public static final double READ_PX = 14;

    private Fonts() {
    }

    private static String pick() {
        List<String> installed = Font.getFamilies();
        for (String f : List.of("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Zen Hei",
                "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "SimHei", "Droid Sans Fallback")) {
            if (installed.contains(f)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Monospace families, best first. Noto Sans Mono CJK draws a Chinese character exactly two
     * Latin cells wide, as a Chinese console does, so the columns of {@code netstat} on a Chinese
     * Windows line up; the others are the usual monospace fonts of each OS.
     */
    private static final List<String> MONO = List.of("Noto Sans Mono CJK SC", "Sarasa Mono SC", "Microsoft YaHei Mono",
            "DejaVu Sans Mono", "Consolas", "Menlo", "Monospaced");
    private static String mono;

    /** The first monospace family of {@link #MONO} installed here: the netstat lines, a quiz's tables. */
    public static synchronized String monoFamily() {
        if (mono == null) {
            List<String> families = Font.getFamilies();
            mono = MONO.stream().filter(families::contains).findFirst().orElse("Monospaced");
        }
        return mono;
    }

    /** The installed CJK family used for drawn text, or null when there is none. */
    public static String cjkFamily() {
        return FAMILY;
    }

    /** A font for any text, Chinese or not. */
    public static Font of(FontWeight weight, double size) {
        return Font.font(FAMILY != null ? FAMILY : "System", weight, size);
    }

    /** A font for {@code text}: the CJK family when it has Chinese, "System" otherwise. */
    public static Font forText(String text, FontWeight weight, double size) {
        if (FAMILY != null && hasCjk(text)) {
            return Font.font(FAMILY, weight, size);
        }
        return Font.font("System", weight, size);
    }

    public static boolean hasCjk(String text) {
        return text != null && text.codePoints().anyMatch(c -> {
            Character.UnicodeScript sc = Character.UnicodeScript.of(c);
            return sc == Character.UnicodeScript.HAN || sc == Character.UnicodeScript.HIRAGANA
                    || sc == Character.UnicodeScript.KATAKANA || sc == Character.UnicodeScript.HANGUL
                    || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
        });
    }
}
