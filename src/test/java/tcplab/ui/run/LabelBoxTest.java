package tcplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** The ladder's label boxes: overlap is decided on the turned rectangles themselves. */
class LabelBoxTest {
    private static LabelBox at(double x, double y, double angleDeg) {
        return new LabelBox(x, y, Math.toRadians(angleDeg), 60, -17, -2, 0);
    }

    @Test
    void twoHorizontalLabelsARowApartDoNotOverlapButHalfARowApartDo() {
        assertFalse(at(300, 100, 0).overlaps(at(300, 126, 0), 2));
        assertTrue(at(300, 100, 0).overlaps(at(300, 110, 0), 2));
    }

    @Test
    void crossingLabelsAtTheSameSpotOverlapAndMovedAlongTheirArrowsDoNot() {
        assertTrue(at(300, 100, 20).overlaps(at(300, 100, -20), 2));
        assertFalse(at(200, 100, 20).overlaps(at(420, 100, -20), 2));
    }

    @Property
    void overlapIsSymmetricAndALabelAlwaysOverlapsItself(@ForAll @DoubleRange(min = 0, max = 500) double x,
                                                        @ForAll @DoubleRange(min = 0, max = 500) double y,
                                                        @ForAll @DoubleRange(min = -80, max = 80) double a,
                                                        @ForAll @DoubleRange(min = 0, max = 500) double x2,
                                                        @ForAll @DoubleRange(min = 0, max = 500) double y2,
                                                        @ForAll @DoubleRange(min = -80, max = 80) double a2) {
        LabelBox p = at(x, y, a);
        LabelBox q = at(x2, y2, a2);
        assertTrue(p.overlaps(p, 0));
        assertTrue(p.overlaps(q, 2) == q.overlaps(p, 2));
    }

    @Property
    void aPointInsideBothLabelsMeansTheyOverlap(@ForAll @DoubleRange(min = 0, max = 300) double x,
                                                @ForAll @DoubleRange(min = 0, max = 300) double y,
                                                @ForAll @DoubleRange(min = -80, max = 80) double a,
                                                @ForAll @DoubleRange(min = -80, max = 80) double a2) {
        LabelBox p = at(150, 150, a);
        LabelBox q = at(x, y, a2);
        // the point of p's centre line at the middle of its text height
        double v = -9.5;
        double px = 150 - v * Math.sin(Math.toRadians(a));
        double py = 150 + v * Math.cos(Math.toRadians(a));
        if (q.contains(px, py)) {
            assertTrue(p.overlaps(q, 0));
        }
    }
}
