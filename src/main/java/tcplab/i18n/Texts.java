package tcplab.i18n;

import java.text.MessageFormat;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks up user-visible texts in a properties bundle for one language.
 *
 * <p>Bundles are {@code NAME.properties} (English) and {@code NAME_zh_CN.properties}, read as
 * UTF-8 (the Java 9+ default). English is loaded without the JVM's default-locale fallback, so a
 * Chinese system asking for English gets English.
 */
public final class Texts {
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Map<String, Texts> CACHE = new ConcurrentHashMap<>();

    private final ResourceBundle bundle;
    private final Lang lang;

    private Texts(ResourceBundle bundle, Lang lang) {
        this.bundle = bundle;
        this.lang = lang;
    }

    /** The bundle {@code baseName} (e.g. {@code tcplab.i18n.messages}) in {@code lang}. */
    public static Texts of(String baseName, Lang lang) {
        return CACHE.computeIfAbsent(baseName + "/" + lang, k ->
                new Texts(ResourceBundle.getBundle(baseName, lang.locale(), Texts.class.getClassLoader(), NO_FALLBACK), lang));
    }

    public Lang lang() {
        return lang;
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** The text for {@code key}, formatted with {@link MessageFormat} when arguments are given. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            // A missing key is a bug caught by the bundle tests; show the key rather than crash.
            return "!" + key + "!";
        }
        if (args.length == 0) {
            return pattern;
        }
        Object[] a = args;
        for (int i = 0; i < a.length; i++) {
            if (a[i] instanceof Word w) {
                if (a == args) {
                    a = args.clone();
                }
                a[i] = Texts.of(w.bundle(), lang).get(w.key());
            }
        }
        return new MessageFormat(pattern, lang.locale()).format(a);
    }

    /**
     * An argument that is itself a text of a bundle ("scenario", "场景"): put in the language of
     * the message it goes into, when that is formatted.
     */
    public record Word(String bundle, String key) {
        @Override
        public String toString() {
            return Texts.of(bundle, Lang.EN).get(key);
        }
    }
}
