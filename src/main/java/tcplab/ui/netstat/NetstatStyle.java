package tcplab.ui.netstat;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.text.Font;
import tcplab.netstat.Warning;
import tcplab.ui.common.Palette;

/**
 * Fonts and inline styles shared by the netstat views: the palette's colours as modena's looked-up
 * colours (so every control follows the palette, the high-contrast one too) and the zoom as the
 * root font size, which every text inherits.
 */
final class NetstatStyle {
    /** Body text size at zoom 1, in pixels: readable from the back of a classroom at 1280x800. */
    static final double BASE_FONT_PX = tcplab.ui.common.Fonts.READ_PX;
    /**
     * Proportional families that have Chinese glyphs, best first. JavaFX's default font has none
     * under Monocle and on many Linux desktops, where Chinese labels would come out as boxes.
     */
    private static final List<String> UI = List.of("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
            "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei");
    private static String ui;

    private NetstatStyle() {
    }

    /** The monospace family of the netstat lines ({@link tcplab.ui.common.Fonts#monoFamily()}). */
    static String monoFamily() {
        return tcplab.ui.common.Fonts.monoFamily();
    }

    /** The first family of {@link #UI} installed here, "" when none (then JavaFX's default is used). */
    static synchronized String uiFamily() {
        if (ui == null) {
            List<String> families = Font.getFamilies();
            ui = UI.stream().filter(families::contains).findFirst().orElse("");
        }
        return ui;
    }

    /** The root style: colours of {@code p}, a font with Chinese glyphs, and the font size for {@code zoom}. */
    static String root(Palette p, double zoom) {
        String family = uiFamily();
        return "-fx-font-size: " + px(zoom) + "px;"
                + (family.isEmpty() ? "" : "-fx-font-family: \"" + family + "\";")
                + "-fx-base: " + Palette.css(p.panel()) + ";"
                + "-fx-background: " + Palette.css(p.background()) + ";"
                + "-fx-background-color: " + Palette.css(p.background()) + ";"
                + "-fx-control-inner-background: " + Palette.css(p.panel()) + ";"
                + "-fx-text-background-color: " + Palette.css(p.foreground()) + ";"
                + "-fx-text-inner-color: " + Palette.css(p.foreground()) + ";"
                + "-fx-accent: " + Palette.css(p.sideA()) + ";"
                + "-fx-focus-color: " + Palette.css(p.sideA()) + ";"
                + "-fx-selection-bar: " + Palette.css(p.highlight()) + ";"
                + "-fx-selection-bar-non-focused: " + Palette.css(p.highlight()) + ";"
                // The highlight colours of every palette are light (amber, green): black reads on them.
                + "-fx-selection-bar-text: black;";
    }

    /** A monospace control (the lines, the text area), at the zoomed size. */
    static void mono(Node n, double zoom) {
        n.setStyle("-fx-font-family: \"" + monoFamily() + "\"; -fx-font-size: " + px(zoom) + "px;");
    }

    static String px(double zoom) {
        return String.format(java.util.Locale.ROOT, "%.1f", BASE_FONT_PX * zoom);
    }

    /**
     * Black or white, whichever reads better on {@code background} (WCAG contrast): white on the
     * standard red, black on the high-contrast palette's light red and on every highlight colour.
     */
    static javafx.scene.paint.Color textOn(javafx.scene.paint.Color background) {
        double l = luminance(background);
        return (1.05) / (l + 0.05) >= (l + 0.05) / 0.05 ? javafx.scene.paint.Color.WHITE : javafx.scene.paint.Color.BLACK;
    }

    /** WCAG relative luminance of {@code c}. */
    static double luminance(javafx.scene.paint.Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /** The colour of a warning of {@code s}: the palette's error colour for the serious ones. */
    static javafx.scene.paint.Color severityColor(Warning.Severity s, Palette p) {
        return s == Warning.Severity.HIGH || s == Warning.Severity.MEDIUM ? p.lost() : p.highlight();
    }
}
