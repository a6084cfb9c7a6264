package tcplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Where the first window goes on the screen it opens on. */
class WindowFitTest {
    /** 1024×768 with a 40 px task bar at the bottom. */
    private static final WindowFit.Area PROJECTOR_1024 = new WindowFit.Area(0, 0, 1024, 728);
    /** 1366×768 with a 40 px task bar. */
    private static final WindowFit.Area LAPTOP_1366 = new WindowFit.Area(0, 0, 1366, 728);
    /** 1920×1080, task bar 40 px, screen to the right of another one. */
    private static final WindowFit.Area DESKTOP_1920 = new WindowFit.Area(1920, 0, 1920, 1040);

    private static void inside(WindowFit.Placement p, WindowFit.Area a) {
        assertTrue(p.x() >= a.x() && p.y() >= a.y(), p + " starts off " + a);
        assertTrue(p.x() + p.width() <= a.x() + a.width() + 1e-9, p + " is wider than " + a);
        assertTrue(p.y() + p.height() <= a.y() + a.height() + 1e-9, p + " is taller than " + a);
    }

    @Nested
    class OnAClassroomProjector {
        @Test
        void theDefaultWindowIsNeverLargerThanTheVisibleArea() {
            WindowFit.Placement p = WindowFit.place(PROJECTOR_1024, Double.NaN, Double.NaN, false);
            inside(p, PROJECTOR_1024);
            assertEquals(1024, p.width(), 1e-9);
            assertEquals(728, p.height(), 1e-9);
        }

        @Test
        void opensMaximisedAt1024x768And1366x768() {
            assertTrue(WindowFit.place(PROJECTOR_1024, Double.NaN, Double.NaN, false).maximized());
            assertTrue(WindowFit.place(LAPTOP_1366, 1280, 700, false).maximized());
        }

        @Test
        void aSizeRememberedFromABiggerScreenIsClampedToThisOne() {
            WindowFit.Placement p = WindowFit.place(LAPTOP_1366, 1800, 1000, false);
            inside(p, LAPTOP_1366);
            assertEquals(1366, p.width(), 1e-9);
            assertEquals(728, p.height(), 1e-9);
        }
    }

    @Nested
    class OnABigScreen {
        @Test
        void theRememberedSizeIsKeptAndTheWindowCentredOnThatScreen() {
            WindowFit.Placement p = WindowFit.place(DESKTOP_1920, 1400, 900, false);
            assertEquals(1400, p.width(), 1e-9);
            assertEquals(900, p.height(), 1e-9);
            assertEquals(1920 + 260, p.x(), 1e-9);
            assertEquals(70, p.y(), 1e-9);
            assertFalse(p.maximized());
            inside(p, DESKTOP_1920);
        }

        @Test
        void withNothingRememberedItAsksFor1280x820() {
            WindowFit.Placement p = WindowFit.place(DESKTOP_1920, Double.NaN, Double.NaN, false);
            assertEquals(1280, p.width(), 1e-9);
            assertEquals(820, p.height(), 1e-9);
        }

        @Test
        void aWindowClosedMaximisedOpensMaximised() {
            assertTrue(WindowFit.place(DESKTOP_1920, 1280, 820, true).maximized());
        }

        @Test
        void aDamagedOrTinyRememberedSizeGivesAUsableWindow() {
            WindowFit.Placement p = WindowFit.place(DESKTOP_1920, -5, 0, false);
            assertEquals(1280, p.width(), 1e-9);
            WindowFit.Placement tiny = WindowFit.place(DESKTOP_1920, 200, 100, false);
            assertEquals(WindowFit.MIN_W, tiny.width(), 1e-9);
            assertEquals(WindowFit.MIN_H, tiny.height(), 1e-9);
        }
    }

    @Nested
    class OnAScreenSmallerThanTheMinimum {
        @Test
        void theWindowStillFitsBelowTheMenuBar() {
            WindowFit.Area netbook = new WindowFit.Area(0, 24, 640, 456);
            WindowFit.Placement p = WindowFit.place(netbook, 1280, 820, false);
            inside(p, netbook);
            assertEquals(24, p.y(), 1e-9);
        }
    }
}
