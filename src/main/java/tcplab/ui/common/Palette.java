package tcplab.ui.common;

import javafx.scene.paint.Color;

/**
 * The colours every view draws with. Canvas drawing cannot read CSS, so views take a Palette;
 * the window switches it at runtime (standard, high contrast, colour-blind safe).
 *
 * @param sideA      the first side of a connection (the client, the left lifeline)
 * @param sideB      the second side (the server)
 * @param lost       a lost segment, an error
 * @param highlight  what a lesson or a selection points at
 */
public record Palette(String name, Color background, Color panel, Color foreground, Color muted, Color grid,
                      Color sideA, Color sideB, Color lost, Color highlight) {

    /** Calm colours for a projector in a lit room. */
    public static Palette standard() {
        return new Palette("standard", Color.web("#fbfbfd"), Color.web("#ffffff"), Color.web("#1d2330"),
                Color.web("#6b7280"), Color.web("#d9dde5"), Color.web("#1f6feb"), Color.web("#d9480f"),
                Color.web("#c92a2a"), Color.web("#f59f00"));
    }

    /** White on black, thick contrasts (WCAG AAA for text). */
    public static Palette highContrast() {
        return new Palette("high-contrast", Color.BLACK, Color.BLACK, Color.WHITE, Color.web("#d0d0d0"),
                Color.web("#808080"), Color.web("#4dd0ff"), Color.web("#ffd000"), Color.web("#ff5c5c"),
                Color.web("#00ff7f"));
    }

    /**
     * The Okabe–Ito palette, distinguishable with the common colour-vision deficiencies: blue and
     * vermillion for the two sides, reddish purple for losses, orange for highlights.
     */
    public static Palette colorBlindSafe() {
        return new Palette("color-blind", Color.web("#fbfbfd"), Color.web("#ffffff"), Color.web("#1d2330"),
                Color.web("#6b7280"), Color.web("#d9dde5"), Color.web("#0072b2"), Color.web("#d55e00"),
                Color.web("#cc79a7"), Color.web("#e69f00"));
    }

    public static Palette byName(String name) {
        switch (name == null ? "" : name) {
            case "high-contrast":
                return highContrast();
            case "color-blind":
                return colorBlindSafe();
            default:
                return standard();
        }
    }

    /** CSS colour text, e.g. for {@code -fx-background-color}. */
    public static String css(Color c) {
        return String.format(java.util.Locale.ROOT, "rgba(%d,%d,%d,%.3f)", (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255), c.getOpacity());
    }

    /** CSS colour text without alpha, {@code #rrggbb} (inline styles of the quiz and class views). */
    public static String hex(Color c) {
        return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    /** The palette as the CSS variables app.css reads ({@code -tcplab-bg: ...;}), for a root's style. */
    public String cssVariables() {
        return "-tcplab-bg: " + css(background()) + ";"
                + "-tcplab-panel: " + css(panel()) + ";"
                + "-tcplab-fg: " + css(foreground()) + ";"
                + "-tcplab-muted: " + css(muted()) + ";"
                + "-tcplab-accent: " + css(highlight()) + ";"
                + "-tcplab-lost: " + css(lost()) + ";";
    }
}
