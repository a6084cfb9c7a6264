package tcplab.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The zoom levels of Ctrl +, Ctrl − and A−/A+. */
class ZoomStepsTest {
    @Test
    void threeStepsUpFromNormalReach150PercentAndThreeDownReturnExactly() {
        double z = 1.0;
        for (int i = 0; i < 3; i++) {
            z = ZoomSteps.larger(z);
        }
        assertEquals(1.5, z, 1e-12);
        for (int i = 0; i < 3; i++) {
            z = ZoomSteps.smaller(z);
        }
        assertEquals(1.0, z, 1e-12);
    }

    @Test
    void theStepsReachAtLeast200PercentAndStopAtTheEnds() {
        assertTrue(ZoomSteps.max() >= 2.0);
        assertEquals(ZoomSteps.max(), ZoomSteps.larger(ZoomSteps.max()), 1e-12);
        assertEquals(ZoomSteps.min(), ZoomSteps.smaller(ZoomSteps.min()), 1e-12);
    }

    @Test
    void aRememberedZoomBetweenStepsLandsOnTheNearestAndADamagedOneOnNormal() {
        assertEquals(1.15, ZoomSteps.nearest(1.1449), 1e-12); // an old 1.15^1 zoom
        assertEquals(1.5, ZoomSteps.nearest(1.5209), 1e-12); // an old 1.15^3 zoom
        assertEquals(1.0, ZoomSteps.nearest(Double.NaN), 1e-12);
        assertEquals(1.0, ZoomSteps.nearest(-2), 1e-12);
    }

    @Test
    void theCommandLineTakesPercentagesOfTheStepsOnly() {
        assertEquals(1.5, ZoomSteps.parsePercent("150"), 1e-12);
        assertEquals(2.0, ZoomSteps.parsePercent(" 200% "), 1e-12);
        assertNull(ZoomSteps.parsePercent("140"));
        assertNull(ZoomSteps.parsePercent("big"));
        assertTrue(ZoomSteps.percentList().startsWith("85, 100, 115"), ZoomSteps.percentList());
        assertEquals("175 %", ZoomSteps.percent(1.75));
    }
}
