package tcplab.ui;

/**
 * Puts the optional panes (state diagram, netstat views) into a main window. One place, so the
 * window, the screenshots and the tests all build the same window.
 */
final class Panes {
    private Panes() {
    }

    static void install(MainWindow window) {
        // The state diagram and the netstat panes are added here as they are built (issue 4).
    }
}
