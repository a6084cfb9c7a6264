package tcplab.ui.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Paint;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.tcp.Cause;
import tcplab.tcp.TcpState;
import tcplab.ui.run.StateDiagramLayout.Edge;
import tcplab.ui.run.StateDiagramLayout.Point;
import tcplab.ui.run.StateDiagramLayout.Port;
import tcplab.ui.common.Fonts;
import tcplab.ui.common.Palette;

/**
 * The live RFC 9293 Figure 5 state diagram: the eleven states where the figure puts them, every
 * edge labelled "event / action", each side's current state filled with that side's colour, the
 * edge each side took last drawn in its colour (a dot runs along it when it is taken), and what a
 * lesson points at drawn in the palette's highlight colour.
 *
 * <p>Drawn with shapes and text nodes rather than a Canvas, so it stays sharp at any size, zoom or
 * screen scale, and labels can carry tooltips. The picture is rebuilt from the
 * {@link StateDiagramLayout} whenever the size or a setting changes (a few dozen nodes).
 *
 * <p>Sizing: text and strokes grow with the view (relative to the preferred 480×560) and with
 * {@link #setZoom}; the preferred size grows with the zoom, so in a scroll pane a zoomed diagram
 * scrolls. When the view is smaller than that, the text shrinks just enough for the state boxes to
 * stay inside {@link StateDiagramLayout#NODE_HALF_W} × {@link StateDiagramLayout#NODE_HALF_H}, so
 * nothing ever overlaps.
 *
 * <p>Off-figure transitions (a RST, a timeout, ABORT: RFC 9293 §3.10, Figure 5's Note 3) are drawn
 * dashed to CLOSED and explained in the legend.
 */
public final class StateDiagramView extends Region {
    static final double PREF_W = 480;
    static final double PREF_H = 560;
    /**
     * State names are never smaller than the netstat lines at the same zoom: on a 1024×768
     * projector the class reads both from the back of the room (they were 6–8 px before).
     */
    static final double STATE_MIN_PX = Fonts.READ_PX;
    /** A state box around a name at the minimum size: this much wider and taller than the text. */
    private static final double MIN_PAD_W = 0.5;
    private static final double MIN_BOX_H = 1.4;
    private static final Duration TRAVEL = Duration.millis(600);

    private final StateDiagramLayout layout = StateDiagramLayout.rfc9293();
    private final Group content = new Group();
    private final Rectangle clip = new Rectangle();

    private Palette palette = Palette.standard();
    private Lang lang = Lang.EN;
    private double zoom = 1.0;
    private String nameA;
    private String nameB;
    private TcpState stateA;
    private TcpState stateB;
    private Edge lastA;
    private Edge lastB;
    private TcpState highlightedState;
    private TcpState highlightFrom;
    private TcpState highlightTo;
    private boolean animated = true;

    private final Traveller travellerA = new Traveller(true);
    private final Traveller travellerB = new Traveller(false);

    // What the last rebuild drew, for tests and for the travelling dots.
    private final Map<String, List<Point2D>> drawnRoutes = new LinkedHashMap<>();
    private final Map<String, Bounds> drawnNodes = new LinkedHashMap<>();
    private final List<String> drawnLabels = new ArrayList<>();
    private final List<String> drawnLegend = new ArrayList<>();
    private double lastStateFont;

    public StateDiagramView() {
        getStyleClass().add("state-diagram");
        content.setManaged(false);
        getChildren().add(content);
        setClip(clip);
        widthProperty().addListener((o, a, b) -> redraw());
        heightProperty().addListener((o, a, b) -> redraw());
        applyBackground();
    }

    // ------------------------------------------------------------------ API

    /**
     * The layout this view draws. (Named so because {@code Parent.layout()} is final in JavaFX and
     * returns void: a {@code layout()} accessor cannot exist on a Region.)
     */
    public StateDiagramLayout diagramLayout() {
        return layout;
    }

    public void setPalette(Palette p) {
        palette = p == null ? Palette.standard() : p;
        applyBackground();
        redraw();
    }

    /** Edge labels and the legend in this language; state names stay the RFC's. */
    public void setLang(Lang lang) {
        this.lang = lang == null ? Lang.EN : lang;
        redraw();
    }

    /** 1.0 = normal; scales all text and strokes, and the preferred size. */
    public void setZoom(double z) {
        double clamped = Double.isFinite(z) ? Math.max(0.25, Math.min(6.0, z)) : 1.0;
        if (clamped != zoom) {
            zoom = clamped;
            requestLayout();
            redraw();
        }
    }

    /** The legend names of the two sides, e.g. "client 10.0.0.1:49152"; null gives "side A/B". */
    public void setSides(String nameA, String nameB) {
        this.nameA = nameA;
        this.nameB = nameB;
        redraw();
    }

    /**
     * The current state of each side; null when that side has no connection. A side whose state no
     * longer is where its last transition ended (after a step back, say) loses that emphasis.
     */
    public void show(TcpState a, TcpState b) {
        stateA = a;
        stateB = b;
        if (lastA != null && lastA.toState() != a) {
            lastA = null;
            travellerA.stop();
        }
        if (lastB != null && lastB.toState() != b) {
            lastB = null;
            travellerB.stop();
        }
        redraw();
    }

    /**
     * One side moved from {@code from} to {@code to}: that side's state becomes {@code to}, the edge
     * taken is drawn in the side's colour until the side's next transition, and (when animated) a dot
     * travels along it for 600 ms. A transition Figure 5 does not draw is shown dashed.
     */
    public void animateTransition(boolean sideA, TcpState from, TcpState to, Cause cause) {
        if (from == null || to == null) {
            return;
        }
        Edge edge = layout.transition(from, to, cause);
        if (sideA) {
            stateA = to;
            lastA = edge;
        } else {
            stateB = to;
            lastB = edge;
        }
        Traveller t = sideA ? travellerA : travellerB;
        t.stop();
        redraw();
        if (animated) {
            t.start(edge.id());
        }
    }

    /** Off: no timeline, the final picture at once (tests, headless screenshots). */
    public void setAnimated(boolean on) {
        animated = on;
        if (!on) {
            travellerA.stop();
            travellerB.stop();
        }
    }

    /** A state a lesson points at, ringed in the highlight colour; null clears. */
    public void setHighlightedState(TcpState s) {
        highlightedState = s;
        redraw();
    }

    /** An edge a lesson points at, underlaid in the highlight colour; null (either) clears. */
    public void setHighlightedEdge(TcpState from, TcpState to) {
        if (from == null || to == null) {
            highlightFrom = null;
            highlightTo = null;
        } else {
            highlightFrom = from;
            highlightTo = to;
        }
        redraw();
    }

    // ------------------------------------------------------------------ sizing

    @Override
    protected double computePrefWidth(double height) {
        return PREF_W * zoom + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return PREF_H * zoom + snappedTopInset() + snappedBottomInset();
    }

    /**
     * The minimum size is the size at which the state names reach {@link #STATE_MIN_PX} (times the
     * zoom) with every box inside its place in the figure: smaller, names would overflow their
     * boxes. In a scroll pane a view given less scrolls instead.
     */
    @Override
    protected double computeMinWidth(double height) {
        return readableWidth(zoom) + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return readableHeight(zoom) + snappedTopInset() + snappedBottomInset();
    }

    /** The state-name size at zoom {@code z}: the netstat text's. */
    static double stateMinPx(double z) {
        return STATE_MIN_PX * z;
    }

    /** The narrowest view in which the state names are {@link #stateMinPx} and the boxes stay apart. */
    public double readableWidth(double z) {
        double size = stateMinPx(z);
        double widest = widestStateName(stateFont(size));
        double nodeW = widest + MIN_PAD_W * size;
        return Math.ceil(nodeW / (2 * StateDiagramLayout.NODE_HALF_W) + 2 * 6 * labelScaleAt(z));
    }

    /** The lowest view in which the state names are {@link #stateMinPx} (legend of two lines below). */
    public double readableHeight(double z) {
        double nodeH = MIN_BOX_H * stateMinPx(z);
        double k = labelScaleAt(z);
        double legend = 11.5 * k * 1.5 * 2.4;
        return Math.ceil(nodeH / (2 * StateDiagramLayout.NODE_HALF_H) + legend + 2 * 6 * k);
    }

    /** The text scale of labels and legend at the readable size: where the old 2.1-line boxes fit. */
    private static double labelScaleAt(double z) {
        return MIN_BOX_H * stateMinPx(z) / (2.1 * 12.5);
    }

    /**
     * The state names' font: the window's own family (the CJK one, whose Latin letters are
     * narrower than the "System" bold), so that at the netstat text's size "SYN-RECEIVED" still
     * fits its place in the figure.
     */
    private static Font stateFont(double size) {
        return Fonts.of(FontWeight.BOLD, size);
    }

    private static double widestStateName(Font f) {
        double widest = 0;
        for (TcpState s : TcpState.values()) {
            widest = Math.max(widest, textWidth(s.rfcName(), f));
        }
        return widest;
    }

    @Override
    protected void layoutChildren() {
        // The shapes are placed by redraw(), which runs whenever the size or a setting changes.
    }

    // ------------------------------------------------------------------ accessors for tests

    /** The size of the state names as last drawn, in pixels. */
    public double drawnStateFontSize() {
        return lastStateFont;
    }

    /** Every edge label drawn, "event / action" in the current language. */
    List<String> drawnLabels() {
        return Collections.unmodifiableList(drawnLabels);
    }

    /** The legend's lines as drawn. */
    List<String> drawnLegend() {
        return Collections.unmodifiableList(drawnLegend);
    }

    /** The box of a node as drawn, in this view's coordinates; id as in {@link StateDiagramLayout.Node#id()}. */
    public Bounds drawnNode(String id) {
        return drawnNodes.get(id);
    }

    /** The box of the drawing of {@code s} that a side in state {@code s} would light up. */
    Bounds nodeBounds(TcpState s) {
        return drawnNodes.get(nodeFor(s, null).id());
    }

    /** The edge a side took last (emphasised), or null. */
    Edge emphasised(boolean sideA) {
        return sideA ? lastA : lastB;
    }

    boolean isTravelling(boolean sideA) {
        return (sideA ? travellerA : travellerB).running();
    }

    // ------------------------------------------------------------------ drawing

    private void applyBackground() {
        setBackground(new Background(new BackgroundFill(palette.background(), null, null)));
    }

    /** Metrics of one rebuild. */
    private static final class Metrics {
        double k;
        double x0;
        double y0;
        double dw;
        double dh;
        double nodeW;
        double nodeH;
        Font stateFont;
        Font labelFont;
        Font labelBold;
        Font legendFont;
        Font legendBold;
        double legendH;
        double legendLine;
        double stroke;

        double px(double ux) {
            return x0 + ux * dw;
        }

        double py(double uy) {
            return y0 + uy * dh;
        }
    }

    private void redraw() {
        double w = getWidth();
        double h = getHeight();
        clip.setWidth(w);
        clip.setHeight(h);
        List<Node> out = new ArrayList<>();
        drawnRoutes.clear();
        drawnNodes.clear();
        drawnLabels.clear();
        drawnLegend.clear();
        if (w < 1 || h < 1) {
            content.getChildren().clear();
            return;
        }
        List<Edge> extras = new ArrayList<>();
        Edge highlighted = highlightedEdge();
        for (Edge e : new Edge[] {lastA, lastB, highlighted}) {
            if (e != null && !e.inFigure() && !extras.contains(e)) {
                extras.add(e);
            }
        }
        String notes = legendNotes(extras, highlighted);
        Metrics m = metrics(w, h, notes);
        lastStateFont = m.stateFont.getSize();
        List<Edge> all = new ArrayList<>(layout.edges());
        all.addAll(extras);
        for (Edge e : all) {
            drawnRoutes.put(e.id(), route(e, m));
        }

        // 1. What a lesson points at, under everything.
        if (highlighted != null) {
            Polyline under = polyline(drawnRoutes.get(highlighted.id()), palette.highlight(), m.stroke * 6);
            out.add(under);
        }
        // 2. Every edge; the ones just taken in the side's colour, on top.
        for (Edge e : all) {
            if (e == lastA || e == lastB) {
                continue;
            }
            out.addAll(edgeShapes(e, palette.foreground(), m.stroke, m));
        }
        if (lastB != null) {
            out.addAll(edgeShapes(lastB, palette.sideB(), m.stroke * 2.6, m));
        }
        if (lastA != null) {
            out.addAll(edgeShapes(lastA, palette.sideA(), m.stroke * 2.6, m));
        }
        // 3. The state boxes.
        StateDiagramLayout.Node nodeA = stateA == null ? null : nodeFor(stateA, lastA);
        StateDiagramLayout.Node nodeB = stateB == null ? null : nodeFor(stateB, lastB);
        for (StateDiagramLayout.Node n : layout.nodes()) {
            out.addAll(nodeShapes(n, n.equals(nodeA), n.equals(nodeB), m));
        }
        // 4. Labels above edges and boxes, so crossing lines never hide them.
        for (Edge e : all) {
            out.add(label(e, m));
        }
        // 5. The legend.
        out.addAll(legend(m, w, h, notes));
        // 6. The travelling dots.
        travellerA.attach(m, out);
        travellerB.attach(m, out);
        content.getChildren().setAll(out);
    }

    private Metrics metrics(double w, double h, String notes) {
        Metrics m = new Metrics();
        double base = Math.max(0.5, Math.min(3.0, Math.min(w / PREF_W, h / PREF_H)));
        double k = base * zoom;
        for (int pass = 0; pass < 2; pass++) {
            fonts(m, k);
            double pad = 6 * m.k;
            m.x0 = pad;
            m.dw = w - 2 * pad;
            m.legendLine = m.legendFont.getSize() * 1.5;
            m.legendH = m.legendLine * 2.4;
            if (!notes.isEmpty()) {
                Text t = text(notes, FontWeight.NORMAL, m.labelFont.getSize());
                t.setWrappingWidth(w - 16 * m.k);
                m.legendH += t.getLayoutBounds().getHeight() + 2 * m.k;
            }
            m.y0 = pad;
            m.dh = h - m.legendH - 2 * pad;
            double widest = widestStateName(m.stateFont);
            m.nodeW = widest + m.stateFont.getSize() * 1.3;
            m.nodeH = m.stateFont.getSize() * 2.1;
            double fit = Math.min(2 * StateDiagramLayout.NODE_HALF_W * m.dw / m.nodeW,
                    2 * StateDiagramLayout.NODE_HALF_H * m.dh / m.nodeH);
            if (fit >= 1 || pass == 1) {
                break;
            }
            k *= fit;
        }
        // The state names keep the netstat text's size however small the view: the edge labels
        // and the legend shrink to fit (as above), the names and their boxes do not.
        double floor = stateMinPx(zoom);
        if (m.stateFont.getSize() < floor) {
            m.stateFont = stateFont(floor);
            m.nodeW = Math.max(m.nodeW, widestStateName(m.stateFont) + MIN_PAD_W * floor);
            m.nodeH = Math.max(m.nodeH, MIN_BOX_H * floor);
        }
        m.nodeW = Math.min(m.nodeW, 2 * StateDiagramLayout.NODE_HALF_W * m.dw);
        m.nodeH = Math.min(m.nodeH, 2 * StateDiagramLayout.NODE_HALF_H * m.dh);
        m.stroke = Math.max(1.0, 1.25 * m.k);
        return m;
    }

    private static void fonts(Metrics m, double k) {
        m.k = k;
        m.stateFont = stateFont(12.5 * k);
        m.labelFont = Font.font("System", FontWeight.NORMAL, 10.5 * k);
        m.labelBold = Font.font("System", FontWeight.BOLD, 10.5 * k);
        m.legendFont = Font.font("System", FontWeight.NORMAL, 11.5 * k);
        m.legendBold = Font.font("System", FontWeight.BOLD, 11.5 * k);
    }

    /**
     * The font for one text: the platform's "System" font, or a CJK family when the text has Chinese
     * in it. Under headless Monocle (screenshots, tests) "System" has no fallback and draws Chinese
     * as boxes, so the family is named explicitly.
     */
    static Font fontFor(String text, FontWeight weight, double size) {
        return Fonts.forText(text, weight, size);
    }

    static boolean hasCjk(String text) {
        return Fonts.hasCjk(text);
    }

    /** A text node in the font its content needs. */
    private static Text text(String s, FontWeight weight, double size) {
        Text t = new Text(s);
        t.setFont(fontFor(s, weight, size));
        return t;
    }

    private static double textWidth(String s, Font f) {
        Text t = new Text(s);
        t.setFont(f);
        return t.getLayoutBounds().getWidth();
    }

    private Edge highlightedEdge() {
        if (highlightFrom == null) {
            return null;
        }
        List<Edge> between = layout.edgesBetween(highlightFrom, highlightTo);
        return between.isEmpty() ? layout.transition(highlightFrom, highlightTo, null) : between.get(0);
    }

    /** Which drawing of CLOSED a side is in: the bottom one right after reaching it there. */
    private StateDiagramLayout.Node nodeFor(TcpState s, Edge last) {
        if (s == TcpState.CLOSED && last != null && last.toState() == TcpState.CLOSED) {
            return last.to();
        }
        return layout.node(s);
    }

    private Point2D center(StateDiagramLayout.Node n, Metrics m) {
        return new Point2D(m.px(n.x()), m.py(n.y()));
    }

    private Point2D port(StateDiagramLayout.Node n, Port p, Metrics m) {
        Point2D c = center(n, m);
        double hw = m.nodeW / 2;
        double hh = m.nodeH / 2;
        switch (p.side()) {
            case TOP:
                return new Point2D(c.getX() + p.offset() * hw, c.getY() - hh);
            case BOTTOM:
                return new Point2D(c.getX() + p.offset() * hw, c.getY() + hh);
            case LEFT:
                return new Point2D(c.getX() - hw, c.getY() + p.offset() * hh);
            default:
                return new Point2D(c.getX() + hw, c.getY() + p.offset() * hh);
        }
    }

    private List<Point2D> route(Edge e, Metrics m) {
        StateDiagramLayout.Route r = e.route();
        Point2D a = port(e.from(), r.fromPort(), m);
        Point2D b = port(e.to(), r.toPort(), m);
        List<Point2D> pts = new ArrayList<>();
        pts.add(a);
        if (!r.via().isEmpty()) {
            for (Point v : r.via()) {
                pts.add(new Point2D(m.px(v.x()), m.py(v.y())));
            }
        } else if (r.bend() == StateDiagramLayout.Bend.HORIZONTAL_FIRST) {
            pts.add(new Point2D(b.getX(), a.getY()));
        } else if (r.bend() == StateDiagramLayout.Bend.VERTICAL_FIRST) {
            pts.add(new Point2D(a.getX(), b.getY()));
        }
        pts.add(b);
        return pts;
    }

    private static Polyline polyline(List<Point2D> pts, Color color, double width) {
        Polyline line = new Polyline();
        for (Point2D p : pts) {
            line.getPoints().addAll(p.getX(), p.getY());
        }
        line.setStroke(color);
        line.setStrokeWidth(width);
        line.setFill(null);
        line.setStrokeLineJoin(StrokeLineJoin.ROUND);
        line.setStrokeLineCap(StrokeLineCap.ROUND);
        return line;
    }

    private List<Node> edgeShapes(Edge e, Color color, double width, Metrics m) {
        List<Point2D> pts = new ArrayList<>(drawnRoutes.get(e.id()));
        Point2D tip = pts.get(pts.size() - 1);
        Point2D prev = pts.get(pts.size() - 2);
        Point2D dir = tip.subtract(prev);
        double len = dir.magnitude();
        dir = len < 1e-6 ? new Point2D(0, 1) : dir.multiply(1 / len);
        double head = Math.max(6 * m.k, width * 2.6);
        Point2D base = tip.subtract(dir.multiply(head));
        pts.set(pts.size() - 1, base);
        Polyline line = polyline(pts, color, width);
        line.setStrokeLineCap(StrokeLineCap.BUTT);
        if (!e.inFigure()) {
            line.getStrokeDashArray().setAll(7 * m.k, 5 * m.k);
        }
        Point2D perp = new Point2D(-dir.getY(), dir.getX()).multiply(head * 0.45);
        Polygon arrow = new Polygon(tip.getX(), tip.getY(),
                base.getX() + perp.getX(), base.getY() + perp.getY(),
                base.getX() - perp.getX(), base.getY() - perp.getY());
        arrow.setFill(color);
        return List.of(line, arrow);
    }

    private List<Node> nodeShapes(StateDiagramLayout.Node n, boolean a, boolean b, Metrics m) {
        List<Node> out = new ArrayList<>();
        Point2D c = center(n, m);
        double x = c.getX() - m.nodeW / 2;
        double y = c.getY() - m.nodeH / 2;
        drawnNodes.put(n.id(), new BoundingBox(x, y, m.nodeW, m.nodeH));
        double arc = m.nodeH * 0.45;
        if (n.state() == highlightedState) {
            double g = 4 * m.k;
            Rectangle ring = new Rectangle(x - g, y - g, m.nodeW + 2 * g, m.nodeH + 2 * g);
            ring.setArcWidth(arc + 2 * g);
            ring.setArcHeight(arc + 2 * g);
            ring.setFill(null);
            ring.setStroke(palette.highlight());
            ring.setStrokeWidth(3.5 * m.k);
            out.add(ring);
        }
        Rectangle box = new Rectangle(x, y, m.nodeW, m.nodeH);
        box.setArcWidth(arc);
        box.setArcHeight(arc);
        Paint fill;
        Color textColor;
        if (a && b) {
            // Both sides here: left half A, right half B.
            fill = new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE,
                    new Stop(0, palette.sideA()), new Stop(0.5, palette.sideA()),
                    new Stop(0.5, palette.sideB()), new Stop(1, palette.sideB()));
            textColor = readableOn(palette.sideA(), palette.sideB());
        } else if (a || b) {
            Color side = a ? palette.sideA() : palette.sideB();
            fill = side;
            textColor = readableOn(side, side);
        } else {
            fill = palette.panel();
            textColor = palette.foreground();
        }
        box.setFill(fill);
        box.setStroke(a || b ? palette.foreground() : palette.foreground());
        box.setStrokeWidth(a || b ? m.stroke * 1.6 : m.stroke);
        out.add(box);
        Text name = new Text(n.state().rfcName());
        name.setFont(m.stateFont);
        name.setFill(textColor);
        name.setTextOrigin(VPos.CENTER);
        name.setX(c.getX() - name.getLayoutBounds().getWidth() / 2);
        name.setY(c.getY());
        out.add(name);
        // Letter badges on the corners, so the sides are told apart without colour too.
        if (a) {
            out.addAll(badge("A", palette.sideA(), x, y, m));
        }
        if (b) {
            out.addAll(badge("B", palette.sideB(), x + m.nodeW, y, m));
        }
        return out;
    }

    private List<Node> badge(String letter, Color color, double cx, double cy, Metrics m) {
        double r = m.labelFont.getSize() * 0.72;
        Circle dot = new Circle(cx, cy, r, color);
        dot.setStroke(palette.background());
        dot.setStrokeWidth(Math.max(1, m.k * 1.2));
        Text t = new Text(letter);
        t.setFont(m.labelBold);
        t.setFill(readableOn(color, color));
        t.setTextOrigin(VPos.CENTER);
        t.setX(cx - t.getLayoutBounds().getWidth() / 2);
        t.setY(cy);
        return List.of(dot, t);
    }

    private Node label(Edge e, Metrics m) {
        String event = e.event(lang);
        String action = e.action(lang);
        drawnLabels.add(e.label(lang));
        boolean emphasisedA = e == lastA;
        boolean emphasisedB = e == lastB;
        boolean emphasised = emphasisedA || emphasisedB;
        FontWeight labelWeight = emphasised ? FontWeight.BOLD : FontWeight.NORMAL;
        Text ev = text(event, labelWeight, m.labelFont.getSize());
        ev.setFill(palette.foreground());
        ev.setTextOrigin(VPos.TOP);
        ev.setTextAlignment(TextAlignment.CENTER);
        Text ac = text(action, labelWeight, m.labelFont.getSize());
        ac.setFill(palette.foreground());
        ac.setTextOrigin(VPos.TOP);
        double tw = Math.max(ev.getLayoutBounds().getWidth(), ac.getLayoutBounds().getWidth());
        double lh = ev.getLayoutBounds().getHeight();
        double padX = 3 * m.k;
        double padY = 1.5 * m.k;
        double gap = action.isEmpty() ? 0 : 2 * m.k;
        double bw = tw + 2 * padX;
        double bh = padY * 2 + lh + (action.isEmpty() ? 0 : gap * 2 + ac.getLayoutBounds().getHeight());
        Point p = e.route().labelAt();
        boolean vertical = e.route().verticalLabel();
        // The footprint on screen: a label along a margin lane is turned a quarter.
        double fw = vertical ? bh : bw;
        double fh = vertical ? bw : bh;
        double cx = Math.max(1 + fw / 2, Math.min(getWidth() - fw / 2 - 1, m.px(p.x())));
        double cy = Math.max(1 + fh / 2, Math.min(m.y0 + m.dh - fh / 2, m.py(p.y())));
        double x = cx - bw / 2;
        double y = cy - bh / 2;
        Rectangle bg = new Rectangle(x, y, bw, bh);
        bg.setArcWidth(6 * m.k);
        bg.setArcHeight(6 * m.k);
        bg.setFill(palette.background().deriveColor(0, 1, 1, 0.92));
        if (emphasised) {
            bg.setStroke(emphasisedA ? palette.sideA() : palette.sideB());
            bg.setStrokeWidth(m.stroke * 1.6);
        } else if (!e.inFigure()) {
            bg.setStroke(palette.muted());
            bg.getStrokeDashArray().setAll(3 * m.k, 3 * m.k);
        } else {
            bg.setStroke(null);
        }
        ev.setX(x + (bw - ev.getLayoutBounds().getWidth()) / 2);
        ev.setY(y + padY);
        Group g = new Group(bg, ev);
        if (!action.isEmpty()) {
            // The figure's bar between the event and the action.
            double by = y + padY + lh + gap;
            Line bar = new Line(x + padX, by, x + bw - padX, by);
            bar.setStroke(palette.muted());
            bar.setStrokeWidth(Math.max(0.75, 0.8 * m.k));
            ac.setX(x + (bw - ac.getLayoutBounds().getWidth()) / 2);
            ac.setY(by + gap);
            g.getChildren().addAll(bar, ac);
        }
        Texts t = Texts.of(StateDiagramLayout.BUNDLE, lang);
        StringBuilder tip = new StringBuilder(t.get(e.inFigure() ? "tooltip.figure" : "tooltip.offFigure",
                e.fromState().rfcName(), e.toState().rfcName(), e.label(lang)));
        if (lang != Lang.EN) {
            // The RFC's own words, always visible next to the translation.
            tip.append('\n').append(e.label(Lang.EN));
        }
        if (e.note() != 0) {
            tip.append('\n').append(t.get("note." + e.note()));
        }
        if (vertical) {
            // Read upwards on the left margin, downwards on the right one.
            g.setRotate(p.x() < 0.5 ? -90 : 90);
        }
        Tooltip.install(g, new Tooltip(tip.toString()));
        g.setId(labelId(e));
        return g;
    }

    /** The CSS id of an edge's label group: {@code edge-label-} and the edge id in letters, digits and dashes. */
    static String labelId(Edge e) {
        return "edge-label-" + e.id().replaceAll("[^A-Za-z0-9]+", "-");
    }

    /** The legend's last lines: what a dashed edge means, and the figure's notes on the edges in view. */
    private String legendNotes(List<Edge> extras, Edge highlighted) {
        Texts t = Texts.of(StateDiagramLayout.BUNDLE, lang);
        List<String> notes = new ArrayList<>();
        if (!extras.isEmpty()) {
            notes.add(t.get("legend.offFigure"));
        }
        for (Edge e : new Edge[] {lastA, lastB, highlighted}) {
            if (e != null && e.note() != 0 && !notes.contains(t.get("note." + e.note()))) {
                notes.add(t.get("note." + e.note()));
            }
        }
        return String.join("\n", notes);
    }

    private List<Node> legend(Metrics m, double w, double h, String notes) {
        List<Node> out = new ArrayList<>();
        Texts t = Texts.of(StateDiagramLayout.BUNDLE, lang);
        double top = h - m.legendH;
        Rectangle strip = new Rectangle(0, top, w, m.legendH);
        strip.setFill(palette.panel());
        strip.setStroke(palette.grid());
        strip.setStrokeWidth(Math.max(1, m.k));
        out.add(strip);
        double lineH = m.legendLine;
        double y = top + lineH * 0.2;
        String[] names = {nameA == null || nameA.isBlank() ? t.get("legend.sideA") : nameA,
            nameB == null || nameB.isBlank() ? t.get("legend.sideB") : nameB};
        TcpState[] states = {stateA, stateB};
        Edge[] lasts = {lastA, lastB};
        Color[] colors = {palette.sideA(), palette.sideB()};
        String[] letters = {"A", "B"};
        double pad = 8 * m.k;
        for (int i = 0; i < 2; i++) {
            double cy = y + lineH * (i + 0.5);
            out.addAll(badge(letters[i], colors[i], pad + m.labelFont.getSize() * 0.72, cy, m));
            double x = pad + m.labelFont.getSize() * 1.44 + 5 * m.k;
            Text name = text(names[i], FontWeight.BOLD, m.legendFont.getSize());
            name.setFill(palette.foreground());
            name.setTextOrigin(VPos.CENTER);
            name.setX(x);
            name.setY(cy);
            out.add(name);
            String what;
            if (states[i] == null) {
                what = t.get("legend.noConnection");
            } else if (lasts[i] != null) {
                what = t.get("legend.transition", lasts[i].fromState().rfcName(), lasts[i].toState().rfcName(),
                        lasts[i].label(lang));
            } else {
                what = t.get("legend.state", states[i].rfcName());
            }
            Text state = text(what, FontWeight.NORMAL, m.legendFont.getSize());
            state.setFill(palette.muted());
            state.setTextOrigin(VPos.CENTER);
            state.setX(x + name.getLayoutBounds().getWidth() + 10 * m.k);
            state.setY(cy);
            out.add(state);
            drawnLegend.add(names[i] + "  " + what);
        }
        // Then what a dashed edge means, and the figure's notes on the edges in view.
        if (!notes.isEmpty()) {
            Text note = text(notes, FontWeight.NORMAL, m.labelFont.getSize());
            note.setWrappingWidth(w - 2 * pad);
            note.setFill(palette.muted());
            note.setTextOrigin(VPos.TOP);
            note.setX(pad);
            note.setY(y + lineH * 2.1);
            out.add(note);
            drawnLegend.addAll(List.of(notes.split("\n")));
        }
        return out;
    }

    /** White or near-black, whichever reads better on both colours. */
    private static Color readableOn(Color c1, Color c2) {
        Color dark = Color.web("#111111");
        double white = Math.min(contrast(Color.WHITE, c1), contrast(Color.WHITE, c2));
        double black = Math.min(contrast(dark, c1), contrast(dark, c2));
        return white >= black ? Color.WHITE : dark;
    }

    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * lin(c.getRed()) + 0.7152 * lin(c.getGreen()) + 0.0722 * lin(c.getBlue());
    }

    private static double lin(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    // ------------------------------------------------------------------ the travelling dot

    /** A dot that runs along the edge a side just took. */
    private final class Traveller {
        private final boolean sideA;
        private final DoubleProperty progress = new SimpleDoubleProperty(1);
        private final Circle dot = new Circle();
        private Timeline timeline;
        private String edgeId;

        Traveller(boolean sideA) {
            this.sideA = sideA;
            progress.addListener((o, a, b) -> place());
            dot.setMouseTransparent(true);
        }

        void start(String id) {
            edgeId = id;
            progress.set(0);
            timeline = new Timeline(
                    new KeyFrame(Duration.ZERO, new KeyValue(progress, 0)),
                    new KeyFrame(TRAVEL, new KeyValue(progress, 1, Interpolator.EASE_BOTH)));
            timeline.setOnFinished(ev -> {
                timeline = null;
                dot.setVisible(false);
            });
            dot.setVisible(true);
            place();
            timeline.play();
        }

        void stop() {
            if (timeline != null) {
                timeline.stop();
                timeline = null;
            }
            progress.set(1);
            dot.setVisible(false);
        }

        boolean running() {
            return timeline != null;
        }

        void attach(Metrics m, List<Node> out) {
            dot.setRadius(5.5 * m.k);
            dot.setFill(sideA ? palette.sideA() : palette.sideB());
            dot.setStroke(palette.background());
            dot.setStrokeWidth(1.5 * m.k);
            if (timeline == null) {
                dot.setVisible(false);
            }
            out.add(dot);
            place();
        }

        private void place() {
            List<Point2D> pts = edgeId == null ? null : drawnRoutes.get(edgeId);
            if (pts == null || pts.size() < 2) {
                return;
            }
            double total = 0;
            for (int i = 1; i < pts.size(); i++) {
                total += pts.get(i).distance(pts.get(i - 1));
            }
            double want = total * Math.max(0, Math.min(1, progress.get()));
            for (int i = 1; i < pts.size(); i++) {
                double seg = pts.get(i).distance(pts.get(i - 1));
                if (want <= seg || i == pts.size() - 1) {
                    double f = seg < 1e-9 ? 1 : Math.min(1, want / seg);
                    Point2D p = pts.get(i - 1).add(pts.get(i).subtract(pts.get(i - 1)).multiply(f));
                    dot.setCenterX(p.getX());
                    dot.setCenterY(p.getY());
                    return;
                }
                want -= seg;
            }
        }
    }
}
