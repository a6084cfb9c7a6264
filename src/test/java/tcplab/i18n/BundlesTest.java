package tcplab.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every text exists in English and Simplified Chinese, and every one of them can be formatted. */
class BundlesTest {
    private static final Path RESOURCES = Path.of("src/main/resources");

    private static List<Path> baseBundles() throws IOException {
        try (Stream<Path> s = Files.walk(RESOURCES)) {
            return s.filter(p -> p.toString().endsWith(".properties") && !p.getFileName().toString().contains("_"))
                    .sorted().collect(Collectors.toList());
        }
    }

    private static Properties load(Path p) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            props.load(r);
        }
        return props;
    }

    @Test
    void everyBundleHasAChineseTwinWithExactlyTheSameKeys() throws IOException {
        List<Path> bases = baseBundles();
        assertFalse(bases.isEmpty());
        for (Path base : bases) {
            Path zh = base.resolveSibling(base.getFileName().toString().replace(".properties", "_zh_CN.properties"));
            assertTrue(Files.exists(zh), "no Chinese twin for " + base);
            assertEquals(new TreeSet<>(load(base).stringPropertyNames()), new TreeSet<>(load(zh).stringPropertyNames()),
                    "keys of " + base + " and " + zh);
        }
    }

    @Test
    void everyTextIsAValidMessageFormatPatternAndNotBlank() throws IOException {
        for (Path base : baseBundles()) {
            for (Path p : List.of(base, base.resolveSibling(base.getFileName().toString().replace(".properties", "_zh_CN.properties")))) {
                Properties props = load(p);
                for (String key : props.stringPropertyNames()) {
                    String v = props.getProperty(key);
                    assertFalse(v.isBlank() && !key.endsWith("Heading"), p + ": " + key + " is empty");
                    if (key.startsWith("usage.") || !v.contains("{")) {
                        continue; // picocli's own keys use %n, not MessageFormat
                    }
                    try {
                        new MessageFormat(v, Locale.ROOT).format(new Object[] {1L, 2L, 3L, 4L, 5L});
                    } catch (IllegalArgumentException e) {
                        throw new AssertionError(p + ": " + key + " is not a valid MessageFormat pattern: " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    @Test
    void chineseTextsAreReallyChinese() throws IOException {
        for (Path base : baseBundles()) {
            Path zh = base.resolveSibling(base.getFileName().toString().replace(".properties", "_zh_CN.properties"));
            Properties props = load(zh);
            long withHan = props.values().stream().filter(v -> v.toString().codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)).count();
            // Some texts are the same in both languages (RFC terms like "rcv SYN"), but most must be Chinese.
            assertTrue(withHan * 2 >= props.size(), zh + ": only " + withHan + " of " + props.size() + " texts contain Chinese");
        }
    }
}
