package tcplab.ui;

/**
 * Where the first window goes and how big it is, from the screen's visible area (without task
 * bar and menu bar: {@code Screen.getVisualBounds()}) and the size remembered from last time. Pure
 * arithmetic, so the rule is tested without a screen.
 *
 * <p>The rule: never larger than the visible area, never placed off it, centred; on a classroom
 * projector of 1366×768 or less the window opens maximised (every pixel counts there, and a
 * window a few pixels smaller than the screen only hides the bottom of the netstat pane behind
 * the task bar). A remembered size from a bigger screen is clamped to this one.
 */
public final class WindowFit {
    /** The size the window asks for when nothing is remembered. */
    static final double DEFAULT_W = 1280;
    static final double DEFAULT_H = 820;
    /** Below this the controls cannot be laid out usefully; a smaller remembered size is grown. */
    static final double MIN_W = 800;
    static final double MIN_H = 560;
    /** Screens this size or smaller (either side) get a maximised window. */
    static final double SMALL_W = 1366;
    static final double SMALL_H = 768;

    private WindowFit() {
    }

    /** The visible area of the screen, in screen coordinates. */
    public record Area(double x, double y, double width, double height) {
    }

    /** Where the window goes; {@code maximized} true means the window manager fills the area. */
    public record Placement(double x, double y, double width, double height, boolean maximized) {
    }

    /**
     * @param screen          the visible area of the screen the window opens on
     * @param rememberedW     last run's width, or NaN / 0 when none
     * @param rememberedH     last run's height, or NaN / 0 when none
     * @param wasMaximized    whether it was maximised when it was closed
     */
    public static Placement place(Area screen, double rememberedW, double rememberedH, boolean wasMaximized) {
        double w = usable(rememberedW) ? rememberedW : DEFAULT_W;
        double h = usable(rememberedH) ? rememberedH : DEFAULT_H;
        // Not smaller than a usable window, unless the screen itself is smaller.
        w = Math.max(w, Math.min(MIN_W, screen.width()));
        h = Math.max(h, Math.min(MIN_H, screen.height()));
        w = Math.min(w, screen.width());
        h = Math.min(h, screen.height());
        double x = screen.x() + (screen.width() - w) / 2;
        double y = screen.y() + (screen.height() - h) / 2;
        boolean small = screen.width() <= SMALL_W || screen.height() <= SMALL_H;
        return new Placement(x, y, w, h, wasMaximized || small);
    }

    private static boolean usable(double v) {
        return Double.isFinite(v) && v > 0;
    }
}
