package tcplab.ui.common;

import java.util.List;

/**
 * How many rows a FlowPane needs for pieces of the given widths: what the window's toolbar and the
 * Class tab's controls measure before they move their least used controls into "More".
 */
public final class FlowRows {
    private FlowRows() {
    }

    /** The rows pieces of {@code widths} take in a FlowPane {@code wrap} wide with {@code gap} between them. */
    public static int count(List<Double> widths, double wrap, double gap) {
        int rows = 1;
        double x = 0;
        for (double w : widths) {
            if (x > 0 && x + gap + w > wrap) {
                rows++;
                x = w;
            } else {
                x += (x > 0 ? gap : 0) + w;
            }
        }
        return rows;
    }
}
