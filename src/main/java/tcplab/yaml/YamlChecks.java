package tcplab.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tcplab.i18n.Lang;
import tcplab.i18n.Problem;
import tcplab.i18n.Similar;

/**
 * The checks every YAML file format of the project makes on its values (unknown keys with a "did
 * you mean", maps and lists where expected, single texts, texts in both languages, numbers in
 * range), collecting {@code file:line} problems instead of stopping at the first. Messages come
 * from the format's own bundle, under {@code PREFIX.unknownKey}, {@code PREFIX.notMap}...
 */
public final class YamlChecks {
    private static final Set<String> LANGS = Set.of("en", "zh");
    private final String file;
    private final String bundle;
    private final String prefix;
    private final List<Problem> problems = new ArrayList<>();

    public YamlChecks(String file, String bundle, String prefix) {
        this.file = file;
        this.bundle = bundle;
        this.prefix = prefix;
    }

    /** Everything found so far, in the order found. */
    public List<Problem> problems() {
        return problems;
    }

    public String file() {
        return file;
    }

    /** A problem at {@code at}'s line; {@code key} is a full bundle key. */
    public void problem(YNode at, String key, Object... args) {
        problems.add(new Problem(file, at.line(), bundle, key, args));
    }

    /** A problem at the line of {@code field} in {@code map}. */
    public void problemAt(YNode map, String field, String key, Object... args) {
        problems.add(new Problem(file, map.keyLine(field), bundle, key, args));
    }

    /** A problem at an explicit line. */
    public void problemAtLine(int line, String key, Object... args) {
        problems.add(new Problem(file, line, bundle, key, args));
    }

    public void checkKeys(YNode map, Set<String> allowed, String where) {
        for (String key : map.entries().keySet()) {
            if (!allowed.contains(key)) {
                String near = Similar.nearest(key, allowed);
                List<String> sorted = new ArrayList<>(allowed);
                Collections.sort(sorted);
                problems.add(new Problem(file, map.keyLine(key), bundle,
                        near == null ? prefix + ".unknownKey" : prefix + ".unknownKeyNear",
                        key, where, String.join(", ", sorted), near));
            }
        }
    }

    public boolean expectMap(YNode n, String what) {
        if (!n.isMap()) {
            problem(n, prefix + ".notMap", what);
            return false;
        }
        return true;
    }

    public boolean expectList(YNode n, String what) {
        if (!n.isList()) {
            problem(n, prefix + ".notList", what);
            return false;
        }
        return true;
    }

    /** A single text value, trimmed; {@code def} when absent (or wrong, with a problem). */
    public String text(YNode map, String key, String def) {
        YNode v = map.get(key);
        if (v == null) {
            return def;
        }
        if (!v.isScalar() || v.text().isBlank()) {
            problem(v, prefix + ".notText", key);
            return def;
        }
        return v.text().trim();
    }

    /** {@code key: {en: ..., zh: ...}}: every text is needed in both languages. */
    public Map<Lang, String> langText(YNode map, String key, boolean required) {
        Map<Lang, String> out = new EnumMap<>(Lang.class);
        YNode v = map.get(key);
        if (v == null) {
            if (required) {
                problem(map, prefix + ".missing", key, key + ": {en: ..., zh: ...}");
            }
            return out;
        }
        if (!v.isMap()) {
            problem(v, prefix + ".needsLangs", key);
            return out;
        }
        checkKeys(v, LANGS, key);
        for (Lang l : Lang.values()) {
            String code = l.name().toLowerCase(Locale.ROOT);
            String t = text(v, code, null);
            if (t == null) {
                if (!v.has(code)) {
                    problem(v, prefix + ".missingLang", key, code); // a blank one was reported by text()
                }
            } else {
                out.put(l, t);
            }
        }
        return out;
    }

    /** A number in [min, max] ({@code _} allowed as a digit separator); {@code def} when absent or wrong. */
    public double number(YNode map, String key, double def, double min, double max, boolean integer) {
        YNode v = map.get(key);
        if (v == null) {
            return def;
        }
        String t = v.isScalar() ? v.text().trim().replace("_", "") : null;
        double d;
        try {
            if (t == null) {
                throw new NumberFormatException();
            }
            d = integer ? Long.parseLong(t) : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            problem(v, integer ? prefix + ".notInteger" : prefix + ".notNumber", key, String.valueOf(v.text()));
            return def;
        }
        if (!(d >= min && d <= max)) {
            problem(v, prefix + ".outOfRange", key, fmt(min), fmt(max), t);
            return def;
        }
        return d;
    }

    /** A number as a person writes it: no ".0" on whole numbers. */
    public static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** A whole number, or null. */
    public static Long parseLong(String t) {
        if (t == null) {
            return null;
        }
        try {
            return Long.parseLong(t.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
