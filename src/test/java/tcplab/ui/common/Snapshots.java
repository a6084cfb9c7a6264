package tcplab.ui.common;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** A rendered scene written as PNG (no javafx-swing): snapshot, PixelReader, BufferedImage, ImageIO. */
public final class Snapshots {
    private Snapshots() {
    }

    /** Call on the FX thread. Returns how many distinct colours the picture has (a blank one has 1). */
    public static int write(Scene scene, Path file) throws IOException {
        WritableImage img = scene.snapshot(null);
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        PixelReader pr = img.getPixelReader();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = pr.getArgb(x, y);
                out.setRGB(x, y, argb);
                if (colours.size() < 1000) {
                    colours.add(argb);
                }
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(out, "png", file.toFile());
        return colours.size();
    }
}
