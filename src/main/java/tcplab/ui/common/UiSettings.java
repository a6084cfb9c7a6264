package tcplab.ui.common;

import java.util.HashMap;
import java.util.Map;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the window remembers between runs: size, language, theme, zoom, scenario, speed. Kept
 * with {@link Preferences} (per user, outside the project); tests and headless screenshots use
 * {@link #inMemory()} so they never read or change a user's settings.
 */
public final class UiSettings {
    private final Preferences prefs;
    private final Map<String, String> memory;

    private UiSettings(Preferences prefs, Map<String, String> memory) {
        this.prefs = prefs;
        this.memory = memory;
    }

    /** The user's own settings. */
    public static UiSettings user() {
        return new UiSettings(Preferences.userRoot().node("tcplab"), null);
    }

    /** Settings that live only as long as this object. */
    public static UiSettings inMemory() {
        return new UiSettings(null, new HashMap<>());
    }

    public String get(String key, String def) {
        if (prefs != null) {
            return prefs.get(key, def);
        }
        return memory.getOrDefault(key, def);
    }

    public double getDouble(String key, double def) {
        try {
            return Double.parseDouble(get(key, Double.toString(def)));
        } catch (NumberFormatException e) {
            return def; // a damaged value falls back to the default
        }
    }

    public void put(String key, String value) {
        if (prefs != null) {
            prefs.put(key, value);
        } else {
            memory.put(key, value);
        }
    }

    public void putDouble(String key, double value) {
        put(key, Double.toString(value));
    }

    /** Writes the settings out; failing to save is not worth interrupting a lesson. */
    public void flush() {
        if (prefs != null) {
            try {
                prefs.flush();
            } catch (BackingStoreException e) {
                System.err.println("tcplab: could not save the window settings: " + e.getMessage());
            }
        }
    }
}
