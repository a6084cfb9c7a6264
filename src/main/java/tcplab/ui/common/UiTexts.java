package tcplab.ui.common;

import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;

/**
 * The texts of one bundle as properties that follow a language property: a view binds a label to
 * {@link #text(String)} and it is relabelled when the language changes. Only javafx.beans, so
 * view models that own one are tested without starting JavaFX.
 */
public final class UiTexts {
    private final String bundle;
    private final ObservableValue<Lang> lang;
    private final Map<String, ReadOnlyStringWrapper> props = new HashMap<>();

    public UiTexts(String bundle, ObservableValue<Lang> lang) {
        this.bundle = bundle;
        this.lang = lang;
        lang.addListener((o, a, b) -> props.forEach((k, p) -> p.set(get(k))));
    }

    /** A converter for a ChoiceBox or ComboBox that only shows its items as {@code shown} says (nothing is typed). */
    public static <T> javafx.util.StringConverter<T> shownAs(java.util.function.Function<T, String> shown) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(T t) {
                return shown.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    /** The language now (English when the property is null). */
    public Lang lang() {
        Lang l = lang.getValue();
        return l == null ? Lang.EN : l;
    }

    /** The text of {@code key} in the current language, formatted with {@code args}. */
    public String get(String key, Object... args) {
        return Texts.of(bundle, lang()).get(key, args);
    }

    /** A property holding the text of {@code key}, relabelled on every language change. */
    public ReadOnlyStringProperty text(String key) {
        return props.computeIfAbsent(key, k -> new ReadOnlyStringWrapper(this, k, get(k))).getReadOnlyProperty();
    }
}
