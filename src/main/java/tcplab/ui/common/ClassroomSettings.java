package tcplab.ui.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import tcplab.i18n.Lang;

/**
 * What the teacher sets for the whole room, in one place: zoom, colour palette, language and
 * whether the window is presenting. Every pane binds to these properties (instead of the window
 * calling each pane); each change is written to {@link UiSettings} so the next lesson opens as
 * this one ended. No JavaFX scene here: it is tested without starting JavaFX.
 */
public final class ClassroomSettings {
    private final UiSettings store;
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1.0);
    private final ObjectProperty<Palette> palette = new SimpleObjectProperty<>(this, "palette", Palette.standard());
    private final ObjectProperty<Lang> lang = new SimpleObjectProperty<>(this, "lang", Lang.EN);
    private final BooleanProperty presenting = new SimpleBooleanProperty(this, "presenting", false);

    /**
     * Reads the remembered zoom and palette from {@code store}. The language is the caller's to
     * choose (the command line, TCPLAB_LANG and the remembered one compete in {@link TcplabApp}).
     */
    public ClassroomSettings(UiSettings store) {
        this.store = store;
        zoom.set(ZoomSteps.nearest(store.getDouble("zoom", 1.0)));
        palette.set(Palette.byName(store.get("palette", "standard")));
        // A zoom set by anyone (a key, a button, a lesson) lands on a step, so zooming in and
        // out again returns exactly to where it was.
        zoom.addListener((o, a, z) -> {
            double step = ZoomSteps.nearest(z.doubleValue());
            if (step != z.doubleValue()) {
                zoom.set(step);
                return;
            }
            store.putDouble("zoom", step);
        });
        palette.addListener((o, a, p) -> {
            if (p == null) {
                palette.set(Palette.standard());
                return;
            }
            store.put("palette", p.name());
        });
        lang.addListener((o, a, v) -> {
            if (v == null) {
                lang.set(a == null ? Lang.EN : a);
                return;
            }
            store.put("lang", v == Lang.ZH ? "zh" : "en");
        });
    }

    /** 1.0 = normal; always one of {@link ZoomSteps}. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    public ObjectProperty<Palette> paletteProperty() {
        return palette;
    }

    public ObjectProperty<Lang> langProperty() {
        return lang;
    }

    /** True while the window presents to a class (full screen, the presenter view). */
    public BooleanProperty presentingProperty() {
        return presenting;
    }

    public double zoom() {
        return zoom.get();
    }

    public Palette palette() {
        return palette.get();
    }

    public Lang lang() {
        return lang.get();
    }

    public void zoomIn() {
        zoom.set(ZoomSteps.larger(zoom.get()));
    }

    public void zoomOut() {
        zoom.set(ZoomSteps.smaller(zoom.get()));
    }

    public void zoomReset() {
        zoom.set(1.0);
    }

    /** The store the settings are written to (the window's size goes there too). */
    public UiSettings store() {
        return store;
    }

    /**
     * Calls {@code apply} with the value now and after every change: for a pane whose zoom or
     * palette is a setter rather than a property.
     */
    public static <T> void follow(javafx.beans.value.ObservableValue<T> value, java.util.function.Consumer<? super T> apply) {
        apply.accept(value.getValue());
        value.addListener((o, a, b) -> apply.accept(b));
    }
}
