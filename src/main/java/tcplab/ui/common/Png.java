package tcplab.ui.common;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;

/** Writes a JavaFX image as PNG through java.desktop's ImageIO (no javafx-swing needed). */
public final class Png {
    private Png() {
    }

    static BufferedImage toBuffered(Image img) {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = img.getPixelReader();
        int[] line = new int[w];
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), line, 0, w);
            out.setRGB(0, y, w, 1, line, 0, w);
        }
        return out;
    }

    /**
     * Writes {@code img} to {@code file} through a temporary file in the same folder, then a move:
     * never half a picture. A folder, a device or a pipe at {@code file} is refused and left as
     * it is (run as root, a move over /dev/null would replace the device).
     */
    public static void write(Image img, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new java.nio.file.FileSystemException(file.toString(), null, "not a regular file");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // Not createTempFile: its files are private (0600); a picture keeps the user's usual permissions.
        Path tmp = parent.resolve("." + target.getFileName() + "." + Long.toUnsignedString(System.nanoTime(), 36) + ".tmp");
        try {
            try (java.io.OutputStream out = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                if (!ImageIO.write(toBuffered(img), "png", out)) {
                    throw new IOException("no PNG writer");
                }
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
