package tcplab.ui.run;

/**
 * Where a segment's label is drawn on the ladder: a rectangle turned along its arrow, centred
 * at ({@code cx}, {@code cy}) at {@code angle} radians, {@code halfWidth} along the text and from
 * {@code top} to {@code bottom} across it (offsets along the normal, down positive: the text sits
 * above its arrow, so both are negative). Pure geometry, so the layout is tested without JavaFX.
 */
public record LabelBox(double cx, double cy, double angle, double halfWidth, double top, double bottom, long flightId) {

    /**
     * Whether this label and {@code o} share any pixel (closer than {@code margin}): the
     * separating axis test for two turned rectangles, whose only candidate axes are their four
     * sides' directions.
     */
    public boolean overlaps(LabelBox o, double margin) {
        double[] a = corners(margin / 2);
        double[] b = o.corners(margin / 2);
        for (double ang : new double[] {angle, angle + Math.PI / 2, o.angle, o.angle + Math.PI / 2}) {
            double ux = Math.cos(ang);
            double uy = Math.sin(ang);
            double aMin = Double.MAX_VALUE;
            double aMax = -Double.MAX_VALUE;
            double bMin = Double.MAX_VALUE;
            double bMax = -Double.MAX_VALUE;
            for (int i = 0; i < 8; i += 2) {
                double pa = a[i] * ux + a[i + 1] * uy;
                aMin = Math.min(aMin, pa);
                aMax = Math.max(aMax, pa);
                double pb = b[i] * ux + b[i + 1] * uy;
                bMin = Math.min(bMin, pb);
                bMax = Math.max(bMax, pb);
            }
            if (aMax <= bMin || bMax <= aMin) {
                return false;
            }
        }
        return true;
    }

    /** The four corners (x0, y0, … x3, y3), each side pushed out by {@code grow}. */
    double[] corners(double grow) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double[] out = new double[8];
        double[][] uv = {{-halfWidth - grow, top - grow}, {halfWidth + grow, top - grow},
                {halfWidth + grow, bottom + grow}, {-halfWidth - grow, bottom + grow}};
        for (int i = 0; i < 4; i++) {
            // along the text (u) is (cos, sin); across it (v, down) is (-sin, cos)
            out[2 * i] = cx + uv[i][0] * c - uv[i][1] * s;
            out[2 * i + 1] = cy + uv[i][0] * s + uv[i][1] * c;
        }
        return out;
    }

    /** Whether the point (x, y) is on the label. */
    public boolean contains(double x, double y) {
        double dx = x - cx;
        double dy = y - cy;
        double u = dx * Math.cos(angle) + dy * Math.sin(angle);
        double v = -dx * Math.sin(angle) + dy * Math.cos(angle);
        return Math.abs(u) <= halfWidth && v >= top && v <= bottom;
    }
}
