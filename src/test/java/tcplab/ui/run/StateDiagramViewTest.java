package tcplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tcplab.i18n.Lang;
import tcplab.tcp.Cause;
import tcplab.tcp.TcpState;
import tcplab.ui.common.Palette;

/** The state diagram on headless Monocle: what is drawn, where, in which colour and language. */
@ExtendWith(ApplicationExtension.class)
class StateDiagramViewTest {
    private StateDiagramView view;
    private Scene scene;

    @Start
    void start(Stage stage) {
        view = new StateDiagramView();
        view.setAnimated(false);
        view.setSides("client 10.0.0.1:49152", "server 10.0.0.2:80");
        scene = new Scene(new StackPane(view), 480, 560);
        stage.setScene(scene);
        stage.show();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(10, TimeUnit.SECONDS);
    }

    /** A view of its own in an off-screen scene of the given size, set up by {@code setup}. */
    private static Image render(double w, double h, java.util.function.Consumer<StateDiagramView> setup) throws Exception {
        return fx(() -> {
            StateDiagramView v = new StateDiagramView();
            v.setAnimated(false);
            setup.accept(v);
            Scene s = new Scene(new StackPane(v), w, h);
            return s.snapshot(null);
        });
    }

    private static long pixelsUnlike(Image img, Color background) {
        PixelReader r = img.getPixelReader();
        long n = 0;
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                if (!near(r.getColor(x, y), background, 0.06)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static long pixelsLike(Image img, Color c) {
        PixelReader r = img.getPixelReader();
        long n = 0;
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                if (near(r.getColor(x, y), c, 0.04)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean near(Color a, Color b, double tol) {
        return Math.abs(a.getRed() - b.getRed()) <= tol && Math.abs(a.getGreen() - b.getGreen()) <= tol
                && Math.abs(a.getBlue() - b.getBlue()) <= tol;
    }

    private static void writePng(Image img, Path file) throws IOException {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = img.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, r.getArgb(x, y));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(out, "png", file.toFile());
    }

    private Image snapshot() throws Exception {
        return fx(() -> scene.snapshot(null));
    }

    @Test
    void rendersNonBlankAtThePreferredSizeAndOnAProjector() throws Exception {
        Image small = snapshot();
        assertEquals(480, (int) small.getWidth());
        long inked = pixelsUnlike(small, Palette.standard().background());
        assertTrue(inked > 480 * 560 / 20, "only " + inked + " pixels drawn at 480x560");
        Image big = render(1280, 800, v -> v.show(TcpState.ESTABLISHED, TcpState.ESTABLISHED));
        long inkedBig = pixelsUnlike(big, Palette.standard().background());
        assertTrue(inkedBig > 1280 * 800 / 20, "only " + inkedBig + " pixels drawn at 1280x800");
    }

    @Test
    void preferredAndMinimumSizesSuitAnyLayout() throws Exception {
        assertEquals(480, fx(() -> view.prefWidth(-1)), 0.5);
        assertEquals(560, fx(() -> view.prefHeight(-1)), 0.5);
        // The minimum is the size at which the state names are as large as the netstat text: it
        // fits in the preferred size at 100 %, and grows with the zoom (a scroll pane scrolls).
        double minW = fx(() -> view.minWidth(-1));
        double minH = fx(() -> view.minHeight(-1));
        assertTrue(minW <= 480 && minH <= 560, minW + "x" + minH);
        assertTrue(minW >= 300 && minH >= 300, minW + "x" + minH);
        fx(() -> view.setZoom(1.5));
        assertEquals(720, fx(() -> view.prefWidth(-1)), 0.5);
        assertTrue(fx(() -> view.minWidth(-1)) > 1.4 * minW);
        fx(() -> view.setZoom(1.0));
    }

    @Test
    void eachSideCurrentStateIsFilledWithThatSideColour() throws Exception {
        Palette p = Palette.standard();
        fx(() -> view.show(TcpState.ESTABLISHED, TcpState.SYN_RECEIVED));
        Image img = snapshot();
        Bounds estab = fx(() -> view.nodeBounds(TcpState.ESTABLISHED));
        Bounds synRcvd = fx(() -> view.nodeBounds(TcpState.SYN_RECEIVED));
        Bounds listen = fx(() -> view.nodeBounds(TcpState.LISTEN));
        assertTrue(near(sampleInside(img, estab, -0.25), p.sideA(), 0.05), "ESTABLISHED not in side A's colour");
        assertTrue(near(sampleInside(img, estab, 0.25), p.sideA(), 0.05));
        assertTrue(near(sampleInside(img, synRcvd, -0.25), p.sideB(), 0.05), "SYN-RECEIVED not in side B's colour");
        assertTrue(near(sampleInside(img, listen, 0), p.panel(), 0.05), "LISTEN should be plain");
    }

    @Test
    void bothSidesInOneStateShowBothColours() throws Exception {
        Palette p = Palette.colorBlindSafe();
        fx(() -> {
            view.setPalette(p);
            view.show(TcpState.ESTABLISHED, TcpState.ESTABLISHED);
        });
        Image img = snapshot();
        Bounds estab = fx(() -> view.nodeBounds(TcpState.ESTABLISHED));
        assertTrue(near(sampleInside(img, estab, -0.3), p.sideA(), 0.05), "left half is side A");
        assertTrue(near(sampleInside(img, estab, 0.3), p.sideB(), 0.05), "right half is side B");
    }

    @Test
    void noConnectionLightsNothingUp() throws Exception {
        Palette p = Palette.standard();
        fx(() -> view.show(null, null));
        Image img = snapshot();
        for (TcpState s : TcpState.values()) {
            Bounds b = fx(() -> view.nodeBounds(s));
            assertTrue(near(sampleInside(img, b, -0.25), p.panel(), 0.05), s + " lit up");
        }
        assertTrue(fx(() -> view.drawnLegend()).get(0).contains("no connection"));
    }

    /** A pixel inside a box, at {@code dx} (fraction of the width from the centre) on the row above the text. */
    private static Color sampleInside(Image img, Bounds b, double dx) {
        int x = (int) Math.round(b.getCenterX() + dx * b.getWidth());
        int y = (int) Math.round(b.getMinY() + b.getHeight() * 0.22);
        return img.getPixelReader().getColor(x, y);
    }

    @Test
    void switchingLanguageTranslatesEdgeLabelsButNotStateNames() throws Exception {
        fx(() -> view.setLang(Lang.EN));
        assertTrue(fx(() -> view.drawnLabels()).contains("rcv SYN / snd SYN,ACK"));
        assertTrue(textsInScene().contains("rcv SYN"));
        fx(() -> view.setLang(Lang.ZH));
        List<String> zh = fx(() -> view.drawnLabels());
        assertTrue(zh.contains("收到 SYN / 发送 SYN,ACK"), zh.toString());
        assertFalse(zh.contains("rcv SYN / snd SYN,ACK"));
        Set<String> texts = textsInScene();
        assertTrue(texts.contains("收到 SYN"), texts.toString());
        assertTrue(texts.contains("发送 SYN,ACK"));
        assertTrue(texts.contains("SYN-RECEIVED"), "state names stay the RFC's");
        assertFalse(texts.contains("rcv SYN"));
        fx(() -> view.setLang(Lang.EN));
    }

    @Test
    void chineseIsDrawnAsChineseNotAsBoxes() throws Exception {
        // Missing glyphs all draw as the same box, so two different words would give the same pixels.
        Image a = fx(() -> glyphs("收到"));
        Image b = fx(() -> glyphs("发送"));
        PixelReader ra = a.getPixelReader();
        PixelReader rb = b.getPixelReader();
        long differ = 0;
        for (int y = 0; y < (int) a.getHeight(); y++) {
            for (int x = 0; x < (int) a.getWidth(); x++) {
                if (ra.getArgb(x, y) != rb.getArgb(x, y)) {
                    differ++;
                }
            }
        }
        assertTrue(differ > 100, "收到 and 发送 render alike: no CJK font (install fonts-noto-cjk)");
        assertTrue(StateDiagramView.hasCjk("收到 SYN") && StateDiagramView.hasCjk("x（无动作）"));
        assertFalse(StateDiagramView.hasCjk("rcv SYN / snd SYN,ACK"));
    }

    private static Image glyphs(String s) {
        Text t = new Text(s);
        t.setFont(StateDiagramView.fontFor(s, javafx.scene.text.FontWeight.NORMAL, 40));
        return new Scene(new StackPane(t), 120, 60).snapshot(null);
    }

    private Set<String> textsInScene() throws Exception {
        return fx(() -> view.lookupAll("Text").stream().filter(n -> n instanceof Text)
                .map(n -> ((Text) n).getText()).collect(Collectors.toSet()));
    }

    @Test
    void theEdgeJustTakenIsEmphasisedUntilTheNextTransition() throws Exception {
        fx(() -> {
            view.show(TcpState.SYN_SENT, TcpState.LISTEN);
            view.animateTransition(true, TcpState.SYN_SENT, TcpState.ESTABLISHED, Cause.RCV_SYN_ACK);
        });
        StateDiagramLayout.Edge e = fx(() -> view.emphasised(true));
        assertEquals("synsent-estab", e.id());
        assertFalse(fx(() -> view.isTravelling(true)), "not animated: the final picture at once");
        assertTrue(fx(() -> view.drawnLegend()).get(0).contains("SYN-SENT → ESTABLISHED"));
        // Side A's state follows the transition; ESTABLISHED is now in its colour.
        Image img = snapshot();
        Bounds estab = fx(() -> view.nodeBounds(TcpState.ESTABLISHED));
        assertTrue(near(sampleInside(img, estab, -0.25), Palette.standard().sideA(), 0.05));
        fx(() -> view.animateTransition(true, TcpState.ESTABLISHED, TcpState.FIN_WAIT_1, Cause.CLOSE));
        assertEquals("estab-finwait1", fx(() -> view.emphasised(true)).id());
        // Stepping back: the state no longer matches the last edge, the emphasis goes.
        fx(() -> view.show(TcpState.ESTABLISHED, TcpState.LISTEN));
        assertNull(fx(() -> view.emphasised(true)));
    }

    @Test
    void animatedTransitionsRunADotAndThenStop() throws Exception {
        fx(() -> {
            view.setAnimated(true);
            view.show(TcpState.LISTEN, TcpState.CLOSED);
            view.animateTransition(false, TcpState.CLOSED, TcpState.LISTEN, Cause.PASSIVE_OPEN);
        });
        assertTrue(fx(() -> view.isTravelling(false)));
        WaitForAsyncUtils.sleep(1200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(() -> view.isTravelling(false)));
        assertEquals("closed-listen", fx(() -> view.emphasised(false)).id());
        fx(() -> view.setAnimated(false));
    }

    @Test
    void aTransitionFigure5DoesNotDrawIsShownDashedAndExplained() throws Exception {
        fx(() -> {
            view.show(TcpState.ESTABLISHED, TcpState.ESTABLISHED);
            view.animateTransition(false, TcpState.ESTABLISHED, TcpState.CLOSED, Cause.RCV_RST);
        });
        StateDiagramLayout.Edge e = fx(() -> view.emphasised(false));
        assertFalse(e.inFigure());
        assertTrue(fx(() -> view.drawnLabels()).contains("rcv RST"));
        List<String> legend = fx(() -> view.drawnLegend());
        assertTrue(legend.stream().anyMatch(l -> l.contains("Figure 5 does not draw")), legend.toString());
        assertTrue(legend.get(1).contains("ESTABLISHED → CLOSED"), legend.toString());
        assertNotNull(fx(() -> view.lookup("#" + StateDiagramView.labelId(e))));
    }

    @Test
    void lessonHighlightsAreDrawnInTheHighlightColour() throws Exception {
        Palette p = Palette.standard();
        fx(() -> view.show(null, null));
        long before = pixelsLike(snapshot(), p.highlight());
        fx(() -> view.setHighlightedState(TcpState.CLOSING));
        long ring = pixelsLike(snapshot(), p.highlight());
        assertTrue(ring > before + 100, "ring: " + before + " -> " + ring);
        fx(() -> view.setHighlightedEdge(TcpState.FIN_WAIT_1, TcpState.CLOSING));
        long edge = pixelsLike(snapshot(), p.highlight());
        assertTrue(edge > ring + 100, "edge: " + ring + " -> " + edge);
        fx(() -> {
            view.setHighlightedState(null);
            view.setHighlightedEdge(null, null);
        });
        assertEquals(before, pixelsLike(snapshot(), p.highlight()));
    }

    @Test
    void zoomTwoStillFitsWithoutOverlaps() throws Exception {
        fx(() -> view.setZoom(2.0));
        Image img = snapshot();
        assertTrue(pixelsUnlike(img, Palette.standard().background()) > 480 * 560 / 20);
        List<Bounds> boxes = fx(() -> view.diagramLayout().nodes().stream().map(n -> view.drawnNode(n.id())).collect(Collectors.toList()));
        // Zoomed, the view keeps the size its names need (larger than the scene: in the window a
        // scroll pane scrolls it), and every box stays inside the view.
        double vw = fx(() -> view.getWidth());
        double vh = fx(() -> view.getHeight());
        assertTrue(vw >= fx(() -> view.minWidth(-1)) - 0.5 && vh >= fx(() -> view.minHeight(-1)) - 0.5, vw + "x" + vh);
        assertEquals(2 * StateDiagramView.STATE_MIN_PX, fx(() -> view.drawnStateFontSize()), 0.01);
        for (int i = 0; i < boxes.size(); i++) {
            Bounds a = boxes.get(i);
            assertTrue(a.getMinX() >= 0 && a.getMaxX() <= vw && a.getMinY() >= 0 && a.getMaxY() <= vh, a.toString());
            for (int j = i + 1; j < boxes.size(); j++) {
                assertFalse(a.intersects(boxes.get(j)), a + " overlaps " + boxes.get(j));
            }
        }
        // A zoomed view with room to spare really has bigger text.
        Image zoomed = render(960, 1120, v -> v.setZoom(2.0));
        assertTrue(pixelsUnlike(zoomed, Palette.standard().background()) > 3 * pixelsUnlike(snapshot(), Palette.standard().background()) / 2);
        fx(() -> view.setZoom(1.0));
    }

    @Test
    void writesAPictureForEveryPaletteAndBothLanguages() throws Exception {
        List<Palette> palettes = List.of(Palette.standard(), Palette.highContrast(), Palette.colorBlindSafe());
        for (Palette p : palettes) {
            for (Lang lang : Lang.values()) {
                Image img = render(480, 560, v -> scenePicture(v, p, lang));
                assertTrue(pixelsUnlike(img, p.background()) > 480 * 560 / 20);
                String suffix = lang == Lang.EN ? "" : "-zh";
                writePng(img, Path.of("target/state-diagram-" + p.name() + suffix + ".png"));
            }
        }
        Image big = render(1280, 800, v -> scenePicture(v, Palette.standard(), Lang.ZH));
        writePng(big, Path.of("target/state-diagram-standard-zh-1280x800.png"));
        Image reset = render(480, 560, v -> {
            scenePicture(v, Palette.standard(), Lang.EN);
            v.animateTransition(true, TcpState.FIN_WAIT_1, TcpState.CLOSED, Cause.RCV_RST);
            v.animateTransition(false, TcpState.CLOSE_WAIT, TcpState.CLOSED, Cause.TIMEOUT_USER);
            v.setHighlightedEdge(TcpState.SYN_RECEIVED, TcpState.LISTEN);
        });
        writePng(reset, Path.of("target/state-diagram-standard-offfigure.png"));
        assertTrue(Files.size(Path.of("target/state-diagram-standard.png")) > 1000);
    }

    private static void scenePicture(StateDiagramView v, Palette p, Lang lang) {
        v.setPalette(p);
        v.setLang(lang);
        v.setSides(lang == Lang.EN ? "client 10.0.0.1:49152" : "客户端 10.0.0.1:49152",
                lang == Lang.EN ? "server 10.0.0.2:80" : "服务器 10.0.0.2:80");
        v.show(TcpState.ESTABLISHED, TcpState.ESTABLISHED);
        v.animateTransition(true, TcpState.ESTABLISHED, TcpState.FIN_WAIT_1, Cause.CLOSE);
        v.animateTransition(false, TcpState.ESTABLISHED, TcpState.CLOSE_WAIT, Cause.RCV_FIN);
        v.setHighlightedState(TcpState.CLOSING);
    }
}
