package tcplab.lesson;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the lessons are: a {@code lessons/} folder in the working directory when there is one
 * (a teacher editing lessons sees the edits at once), otherwise the copy packed into the jar.
 */
public final class LessonFolder {
    /** The folder name users know. */
    public static final String DEFAULT = "lessons";

    private LessonFolder() {
    }

    /** {@code dir} as given, except that the default name falls back to the packaged lessons. */
    public static Path resolve(String dir) {
        Path p = Path.of(dir);
        if (!DEFAULT.equals(dir) || Files.isDirectory(p)) {
            return p;
        }
        Path packaged = packaged();
        return packaged != null ? packaged : p;
    }

    /** The lessons packed with the application, or null when they cannot be found. */
    public static Path packaged() {
        URL url = LessonFolder.class.getResource("/tcplab/lessons");
        if (url == null) {
            return null;
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fs.getPath("/tcplab/lessons");
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            return null;
        }
    }
}
