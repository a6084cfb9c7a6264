package tcplab.ui.common;

/**
 * The zoom levels of the window (Ctrl +, Ctrl −, Ctrl 0, A−/A+). Fixed steps rather than a
 * factor: a teacher who zooms in three times and out three times is back exactly where they
 * started, and every level is a round percentage they can name to a colleague. 250 % lets the back
 * row of a large room read the netstat lines on a 1024×768 projector.
 */
public final class ZoomSteps {
    /** The levels, smallest first; 1.0 is the normal size. */
    static final double[] LEVELS = {0.85, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5};

    private ZoomSteps() {
    }

    public static double min() {
        return LEVELS[0];
    }

    public static double max() {
        return LEVELS[LEVELS.length - 1];
    }

    /** The level a remembered or typed zoom is shown at: the nearest step (damaged values give 1.0). */
    public static double nearest(double z) {
        if (!Double.isFinite(z) || z <= 0) {
            return 1.0;
        }
        double best = LEVELS[0];
        for (double l : LEVELS) {
            if (Math.abs(l - z) < Math.abs(best - z)) {
                best = l;
            }
        }
        return best;
    }

    /** The next level up from {@code z}, or the largest when already there. */
    public static double larger(double z) {
        double from = nearest(z);
        for (double l : LEVELS) {
            if (l > from + 1e-9) {
                return l;
            }
        }
        return max();
    }

    /** The next level down from {@code z}, or the smallest when already there. */
    public static double smaller(double z) {
        double from = nearest(z);
        for (int i = LEVELS.length - 1; i >= 0; i--) {
            if (LEVELS[i] < from - 1e-9) {
                return LEVELS[i];
            }
        }
        return min();
    }

    /**
     * A zoom typed as a percentage ("150", "150%"), if it is one of the levels; null otherwise
     * (the command line says which levels there are).
     */
    public static Double parsePercent(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).trim();
        }
        try {
            double z = Integer.parseInt(t) / 100.0;
            for (double l : LEVELS) {
                if (Math.abs(l - z) < 1e-9) {
                    return l;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** The levels as the command line names them: "85, 100, 115, ..., 250". */
    public static String percentList() {
        StringBuilder b = new StringBuilder();
        for (double l : LEVELS) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(Math.round(l * 100));
        }
        return b.toString();
    }

    /** "150 %" */
    public static String percent(double z) {
        return Math.round(z * 100) + " %";
    }
}
