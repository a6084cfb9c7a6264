package tcplab.ui.classroom;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import tcplab.quiz.live.Qr;

/**
 * A QR code drawn as large as its place allows, crisp: every module a whole number of pixels
 * (a phone's camera reads sharp edges from the back of a room; a scaled image blurs them), with
 * the four-module quiet zone the standard asks for, black on white whatever the theme (phones
 * read dark modules on a light ground; high-contrast's white on black would not scan everywhere).
 */
final class QrView extends Region {
    /** Modules of light border on each side (ISO/IEC 18004 asks for four). */
    static final int QUIET = 4;
    private final Canvas canvas = new Canvas();
    private Qr qr;

    QrView() {
        getChildren().add(canvas);
        setMinSize(0, 0);
    }

    void setQr(Qr qr) {
        this.qr = qr;
        draw();
    }

    /** The pixels per module now (0 when the code does not fit), for tests. */
    int modulePixels() {
        return qr == null ? 0 : (int) Math.floor(Math.min(getWidth(), getHeight()) / (qr.size() + 2 * QUIET));
    }

    @Override
    protected void layoutChildren() {
        draw();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 300;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 300;
    }

    private void draw() {
        int px = modulePixels();
        if (qr == null || px < 1) {
            canvas.setWidth(0);
            canvas.setHeight(0);
            return;
        }
        int n = qr.size() + 2 * QUIET;
        int side = n * px;
        canvas.setWidth(side);
        canvas.setHeight(side);
        // Centred on whole pixels: a half-pixel offset would smear every edge.
        canvas.setLayoutX(Math.floor((getWidth() - side) / 2));
        canvas.setLayoutY(Math.floor((getHeight() - side) / 2));
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setImageSmoothing(false);
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, side, side);
        g.setFill(Color.BLACK);
        for (int y = 0; y < qr.size(); y++) {
            for (int x = 0; x < qr.size(); x++) {
                if (qr.dark(x, y)) {
                    g.fillRect((x + QUIET) * px, (y + QUIET) * px, px, px);
                }
            }
        }
    }
}
