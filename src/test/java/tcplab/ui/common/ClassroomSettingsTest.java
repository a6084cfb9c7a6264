package tcplab.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;

/** The room's settings as properties, written through to UiSettings; no JavaFX scene needed. */
class ClassroomSettingsTest {
    @Test
    void startsFromTheRememberedZoomAndPalette() {
        UiSettings store = UiSettings.inMemory();
        store.putDouble("zoom", 1.75);
        store.put("palette", "color-blind");
        ClassroomSettings s = new ClassroomSettings(store);
        assertEquals(1.75, s.zoom(), 1e-12);
        assertEquals("color-blind", s.palette().name());
    }

    @Test
    void everyChangeIsRememberedForTheNextLesson() {
        UiSettings store = UiSettings.inMemory();
        ClassroomSettings s = new ClassroomSettings(store);
        s.zoomIn();
        s.paletteProperty().set(Palette.highContrast());
        s.langProperty().set(Lang.ZH);
        assertEquals(1.15, store.getDouble("zoom", 0), 1e-12);
        assertEquals("high-contrast", store.get("palette", null));
        assertEquals("zh", store.get("lang", null));
    }

    @Test
    void aZoomSetBetweenStepsLandsOnAStep() {
        ClassroomSettings s = new ClassroomSettings(UiSettings.inMemory());
        s.zoomProperty().set(1.6);
        assertEquals(1.5, s.zoom(), 1e-12);
        s.zoomReset();
        assertEquals(1.0, s.zoom(), 1e-12);
    }

    @Test
    void aPaneFollowingASettingGetsTheValueNowAndEachChange() {
        ClassroomSettings s = new ClassroomSettings(UiSettings.inMemory());
        List<Double> seen = new ArrayList<>();
        ClassroomSettings.follow(s.zoomProperty(), z -> seen.add(z.doubleValue()));
        s.zoomIn();
        s.zoomOut();
        assertEquals(List.of(1.0, 1.15, 1.0), seen);
    }

    @Test
    void noLanguageIsNotALanguage() {
        ClassroomSettings s = new ClassroomSettings(UiSettings.inMemory());
        s.langProperty().set(Lang.ZH);
        s.langProperty().set(null);
        assertEquals(Lang.ZH, s.lang());
    }
}
