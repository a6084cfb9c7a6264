package tcplab.ui.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import tcplab.netstat.Warning;
import tcplab.ui.common.Palette;

/** The text colour on a coloured badge (severity, kind of line) in every palette. */
class NetstatStyleTest {
    private static double contrast(Color a, Color b) {
        double la = NetstatStyle.luminance(a);
        double lb = NetstatStyle.luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    @Test
    void badgeTextIsWhiteOnTheStandardRedAndBlackOnTheLightColoursOfTheOtherPalettes() {
        assertEquals(Color.WHITE, NetstatStyle.textOn(Palette.standard().lost()));
        assertEquals(Color.BLACK, NetstatStyle.textOn(Palette.highContrast().lost()));
        assertEquals(Color.BLACK, NetstatStyle.textOn(Palette.highContrast().highlight()));
        assertEquals(Color.BLACK, NetstatStyle.textOn(Palette.standard().highlight()));
    }

    @Test
    void everySeverityBadgeOfEveryPaletteHasAContrastOfAtLeast4To1() {
        for (Palette p : new Palette[] {Palette.standard(), Palette.highContrast(), Palette.colorBlindSafe()}) {
            for (Warning.Severity s : Warning.Severity.values()) {
                Color bg = NetstatStyle.severityColor(s, p);
                double c = contrast(bg, NetstatStyle.textOn(bg));
                // WCAG AA asks 3:1 of large or bold text; the badges' bold text gets more.
                assertTrue(c >= 4.0, p.name() + " " + s + ": " + c);
            }
        }
    }
}
