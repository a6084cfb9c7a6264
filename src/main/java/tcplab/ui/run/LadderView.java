package tcplab.ui.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.sim.Timeline;
import tcplab.sim.TraceEvent;
import tcplab.sim.TraceEvent.StateChange;
import tcplab.tcp.Segment;
import tcplab.ui.common.Fonts;
import tcplab.ui.common.Palette;

/**
 * The ladder diagram: a lifeline per host, time flowing down, an arrow per segment from its
 * sending to its arrival (or loss), labelled with flags, seq, ack and len; state names on the
 * lifelines where they change; the playhead as a line across. Drawn on a canvas the size of the
 * view (only the visible part), so a syn-flood's thousand segments scroll smoothly.
 *
 * <p>Time is mapped to height piece by piece: 100 ms is about 120 px at zoom 1, but an idle gap
 * (TIME-WAIT's 60 s, a retransmission backoff) is drawn with a fixed height and a "≈ 59.9 s"
 * break, so the diagram stays readable.
 */
public final class LadderView extends Region {
    public static final String BUNDLE = "tcplab.ui.Ui";
    private static final double HEADER = 46;
    private static final double LEFT = 78;
    private static final double PX_PER_MS = 1.2;
    private static final double MIN_GAP = 18;
    private static final double MAX_GAP = 150;
    /**
     * Two segments sent one after the other are at least this far apart, however close in time:
     * a loopback capture's packets are microseconds apart, and each arrow needs room for its label
     * (15 px) above it and the state labels (18 px) beside it.
     */
    private static final double SEGMENT_ROW = 26;
    /** Where a segment's label may go, in the order tried: side (-1 above, 1 below), fraction of the arrow. */
    private static final double[][] LABEL_PLACES = {
        {-1, 0.5}, {-1, 0.62}, {-1, 0.38}, {1, 0.5}, {1, 0.62}, {1, 0.38}, {-1, 0.25}, {-1, 0.75}, {1, 0.25}, {1, 0.75}};
    /** Gaps shorter than this are drawn to scale, however tall; longer ones get a break. */
    private static final long BREAK_AFTER_US = 1_500_000;

    private final Canvas canvas = new Canvas();
    private final ScrollBar scroll = new ScrollBar();
    private Timeline timeline;
    private long playheadUs;
    /** Steps done at the playhead: several events can share a time (all of a run's first ones at 0 ms). */
    private int step;
    /** The step in which each segment was sent, by segment id. */
    private final Map<Long, Integer> sendStep = new HashMap<>();
    /** The same, by position in {@link Timeline#flights()}: the per-frame loop reads this. */
    private int[] sendStepByIndex = new int[0];
    /**
     * Segments one host sends at the same virtual time (the handshake's ACK and the request that
     * follows it) would be drawn on top of each other: each gets a lane, drawn a little lower.
     */
    private int[] laneByIndex = new int[0];
    private static final double LANE = 17;
    private Long selected;
    private Palette palette = Palette.standard();
    private Lang lang = Lang.EN;
    private double zoom = 1;
    private boolean absoluteSeq;
    private boolean followPlayhead = true;
    private RunViewModel.Connection connection;
    private Consumer<Long> onSegmentClicked = id -> { };

    // Layout of the current timeline at the current zoom.
    private final List<String> columns = new ArrayList<>();
    private final Map<String, Integer> columnOf = new HashMap<>();
    private int otherColumn = -1;
    private long[] axisTimes = new long[0];
    private double[] axisY = new double[0];
    private final List<double[]> breaks = new ArrayList<>();
    /**
     * Gaps drawn at least three times taller than their time (rows pushed apart so their arrows and
     * labels stay readable): {y of the row above, y of the row below}. The time axis marks them "≈".
     */
    private final List<double[]> stretched = new ArrayList<>();
    private double contentHeight;
    /** Relative or absolute sequence numbers, as the event list and the inspector write them. */
    private SeqNumbers numbers;
    /**
     * Every label drawn in the last frame, in content coordinates (below the header). A click on
     * the text selects the segment as a click on its arrow does.
     */
    private final List<LabelBox> drawnLabels = new ArrayList<>();

    public LadderView() {
        getStyleClass().add("ladder-view");
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.valueProperty().addListener((o, a, b) -> {
            followPlayhead = false;
            requestDraw();
        });
        getChildren().addAll(canvas, scroll);
        canvas.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                Long id = flightAtScreen(e.getX(), e.getY());
                if (id != null) {
                    onSegmentClicked.accept(id);
                }
            }
        });
        canvas.setOnScroll(e -> scroll.setValue(clamp(scroll.getValue() - e.getDeltaY(), 0, scroll.getMax())));
        setMinSize(300, 200);
        setPrefSize(760, 600);
    }

    // ------------------------------------------------------------------ API

    public void setTimeline(Timeline tl) {
        this.timeline = tl;
        followPlayhead = true;
        relayoutContent();
        requestDraw();
    }

    /** The playhead: its time, and how many steps have happened there. */
    public void setPosition(long us, int steps) {
        this.step = steps;
        setPlayhead(us);
    }

    public void setPlayhead(long us) {
        this.playheadUs = us;
        if (followPlayhead || playheadOutOfView()) {
            // Scroll only when the playhead is about to leave the view, so a short run stays
            // whole on screen and a long one keeps the playhead in sight.
            followPlayhead = true;
            double visible = getHeight() - HEADER;
            if (visible <= 50 * zoom) {
                requestDraw();
                return; // not laid out yet: layoutChildren scrolls once the size is known
            }
            double yp = y(us) - scroll.getValue();
            double v = scroll.getValue();
            if (y(us) <= visible - 50 * zoom) {
                v = 0; // the run so far fits from the top
            } else if (yp > visible - 50 * zoom) {
                v = y(us) - visible * 0.7;
                // ...but no further than the run's end needs: a run a little taller than the pane
                // (the handshake at 1024×768) keeps its first segments in view at its end.
                if (timeline != null && axisY.length > 0) {
                    v = Math.min(v, Math.max(y(us), axisY[axisY.length - 1]) + 24 * zoom - visible);
                }
            } else if (yp < 20 * zoom) {
                v = y(us) - visible * 0.3;
            }
            v = clamp(v, 0, scroll.getMax());
            if (Math.abs(v - scroll.getValue()) > 0.5) {
                scroll.setValue(v);
                followPlayhead = true;
            }
        }
        requestDraw();
    }

    private boolean playheadOutOfView() {
        double yp = y(playheadUs) - scroll.getValue();
        return yp < 0 || yp > getHeight() - HEADER;
    }

    public void setSelected(Long id) {
        this.selected = id;
        requestDraw();
    }

    public void setConnection(RunViewModel.Connection c) {
        this.connection = c;
        requestDraw();
    }

    public void setPalette(Palette p) {
        this.palette = p;
        requestDraw();
    }

    public void setLang(Lang l) {
        this.lang = l;
        requestDraw();
    }

    /**
     * The narrowest this view can be with its lifelines apart and the state labels written beside
     * the outer ones: at 200 % on 1024×768 a narrower ladder drew both lifelines on one line.
     */
    public double lanesMinWidth() {
        int n = Math.max(2, columns.size());
        return LEFT + 16 + 2 * 120 * zoom + (n - 1) * 90 * zoom;
    }

    public void setZoom(double z) {
        this.zoom = z;
        relayoutContent();
        requestDraw();
    }

    public void setAbsoluteSeq(boolean abs) {
        this.absoluteSeq = abs;
        requestDraw();
    }

    /** Called with a segment id when the user clicks an arrow. */
    public void setOnSegmentClicked(Consumer<Long> handler) {
        this.onSegmentClicked = handler == null ? id -> { } : handler;
    }

    /** The columns drawn, left to right (hosts, then "elsewhere" when needed). */
    List<String> columns() {
        return List.copyOf(columns);
    }

    // ------------------------------------------------------------------ layout

    private boolean dirty = true;
    private long lastDrawNanos;
    /** Set while drawing into an offscreen canvas (export): its width instead of the view's. */
    private double exportWidth = -1;

    private double drawWidth() {
        return exportWidth > 0 ? exportWidth : canvas.getWidth();
    }

    /**
     * Asks for a redraw in the next layout pass: several changes in one frame (time, step,
     * scroll) cost one drawing, not one each.
     */
    private void requestDraw() {
        dirty = true;
        requestLayout();
    }

    /** How long the last drawing took (for the frame benchmark). */
    public long lastDrawNanos() {
        return lastDrawNanos;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double sw = scroll.prefWidth(-1);
        scroll.resizeRelocate(w - sw, HEADER, sw, Math.max(0, h - HEADER));
        double cw = Math.max(1, w - sw);
        double ch = Math.max(1, h);
        if (cw != canvas.getWidth() || ch != canvas.getHeight()) {
            canvas.setWidth(cw);
            canvas.setHeight(ch);
            updateScrollRange();
            dirty = true;
            if (followPlayhead) {
                setPlayhead(playheadUs); // scroll for the new size
            }
        }
        if (dirty) {
            draw();
        }
    }

    private void relayoutContent() {
        columns.clear();
        columnOf.clear();
        otherColumn = -1;
        breaks.clear();
        numbers = null;
        if (timeline == null) {
            axisTimes = new long[0];
            axisY = new double[0];
            contentHeight = 0;
            updateScrollRange();
            return;
        }
        for (String h : timeline.hostNames()) {
            columnOf.put(h, columns.size());
            columns.add(h);
        }
        for (Timeline.Flight f : timeline.flights()) {
            Segment s = f.send().segment();
            if (timeline.hostAt(s.dst().address()) == null) {
                otherColumn = columns.size();
                columns.add(Texts.of(BUNDLE, lang).get("ladder.elsewhere"));
                break;
            }
        }
        sendStep.clear();
        for (Timeline.Entry en : timeline.entries()) {
            if (en.event() instanceof TraceEvent.SegmentEvent se && se.action() == TraceEvent.SegmentAction.SEND) {
                sendStep.put(se.id(), en.step());
            }
        }
        List<Timeline.Flight> fl = timeline.flights();
        sendStepByIndex = new int[fl.size()];
        for (int i = 0; i < fl.size(); i++) {
            Integer st = sendStep.get(fl.get(i).id());
            sendStepByIndex[i] = st == null ? 0 : st;
        }
        laneByIndex = new int[fl.size()];
        Map<String, Integer> lanes = new HashMap<>();
        Map<Long, Integer> lanesAtTime = new HashMap<>();
        for (int i = 0; i < fl.size(); i++) {
            Timeline.Flight f = fl.get(i);
            String key = f.startUs() + "/" + f.send().host();
            int lane = lanes.merge(key, 1, Integer::sum) - 1;
            laneByIndex[i] = lane;
            lanesAtTime.merge(f.startUs(), lane, Math::max);
        }
        numbers = new SeqNumbers(timeline);
        // The axis: every time at which something starts or ends, mapped piece by piece.
        TreeSet<Long> times = new TreeSet<>();
        times.add(0L);
        for (Timeline.Entry en : timeline.entries()) {
            times.add(en.event().timeUs());
        }
        for (Timeline.Flight f : timeline.flights()) {
            times.add(f.endUs());
        }
        axisTimes = new long[times.size()];
        axisY = new double[times.size()];
        int i = 0;
        double yv = 24 * zoom;
        long prev = 0;
        java.util.Set<Long> starts = new java.util.HashSet<>();
        for (Timeline.Flight f : fl) {
            starts.add(f.startUs());
        }
        stretched.clear();
        for (long t : times) {
            if (i > 0) {
                double natural = (t - prev) / 1000.0 * PX_PER_MS * zoom;
                double dy;
                double lanesRoom = lanesAtTime.getOrDefault(prev, 0) * LANE * zoom;
                // a segment right after another gets a row of its own, time or no time
                double min = (starts.contains(t) && starts.contains(prev) ? SEGMENT_ROW : MIN_GAP) * zoom + lanesRoom;
                if (t - prev > BREAK_AFTER_US && natural > MAX_GAP * zoom) {
                    dy = MAX_GAP * zoom + lanesRoom;
                    breaks.add(new double[] {yv + lanesRoom, yv + dy, t - prev});
                } else {
                    dy = Math.max(min, natural);
                    if (dy >= 3 * natural) {
                        stretched.add(new double[] {yv, yv + dy});
                    }
                }
                yv += dy;
            }
            axisTimes[i] = t;
            axisY[i] = yv;
            prev = t;
            i++;
        }
        contentHeight = yv + 60 * zoom;
        updateScrollRange();
    }

    private void updateScrollRange() {
        double visible = Math.max(1, getHeight() - HEADER);
        scroll.setMin(0);
        scroll.setMax(Math.max(0, contentHeight - visible));
        scroll.setVisibleAmount(visible);
        scroll.setVisible(contentHeight > visible);
    }

    /** Content y of virtual time {@code t}: linear within each piece of the axis. */
    double y(long t) {
        if (axisTimes.length == 0) {
            return 0;
        }
        int lo = 0;
        int hi = axisTimes.length - 1;
        if (t <= axisTimes[0]) {
            return axisY[0];
        }
        if (t >= axisTimes[hi]) {
            return axisY[hi];
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (axisTimes[mid] <= t) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double f = (double) (t - axisTimes[lo]) / (axisTimes[hi] - axisTimes[lo]);
        return axisY[lo] + f * (axisY[hi] - axisY[lo]);
    }

    /**
     * Lifelines spread over the width, the outer ones inset enough that the state labels written
     * outside them (left of the first, right of the last) stay clear of the arrows.
     */
    private double columnX(int i) {
        int n = Math.max(1, columns.size());
        double inset = 120 * zoom;
        double left = LEFT + inset;
        double right = drawWidth() - 16 - inset;
        if (n == 1 || right <= left) {
            return (left + right) / 2;
        }
        return left + i * (right - left) / (n - 1);
    }

    /**
     * Where a flight's arrow goes, in content coordinates: from its sending {x0, y0} to its end
     * {x1, y1}, and {xe, ye} where its head is at the playhead. A segment lost on the wire ends
     * where and when it was lost: at its loss time, as far across as it had travelled (the point
     * its arrow would pass at that time), never on the receiver's lifeline.
     */
    private double[] geometry(int index, Timeline.Flight f) {
        double laneY = index >= 0 && index < laneByIndex.length ? laneByIndex[index] * LANE * zoom : 0;
        long end = f.endUs();
        double x0 = columnX(senderColumn(f));
        double y0 = y(f.startUs()) + laneY;
        double xr = columnX(receiverColumn(f));
        double x1 = x0 + (xr - x0) * f.reached();
        double y1 = y(end) + laneY;
        double frac = end <= f.startUs() ? 1 : Math.max(0, Math.min(1, (double) (playheadUs - f.startUs()) / (end - f.startUs())));
        if (f.endedBy(step)) {
            frac = 1; // events at the same time: the step decides, not the clock
        } else if (frac >= 1) {
            frac = 0.999; // at its end time, but its end is a later step of that instant
        }
        return new double[] {x0, y0, x1, y1, x0 + (x1 - x0) * frac, y0 + (y1 - y0) * frac, frac};
    }

    private int senderColumn(Timeline.Flight f) {
        Integer c = columnOf.get(f.send().host());
        return c == null ? 0 : c;
    }

    private int receiverColumn(Timeline.Flight f) {
        // A delivered segment ends on the host it reached: on loopback both ends have one address,
        // which names only one of them.
        if (f.end() != null && f.end().action() == TraceEvent.SegmentAction.DELIVER && columnOf.containsKey(f.end().host())) {
            return columnOf.get(f.end().host());
        }
        String h = timeline.hostAt(f.send().segment().dst().address());
        return h == null ? Math.max(otherColumn, 0) : columnOf.get(h);
    }

    // ------------------------------------------------------------------ drawing

    private Font font(double size, boolean bold) {
        return Fonts.of(bold ? FontWeight.BOLD : FontWeight.NORMAL, size * zoom);
    }

    void draw() {
        long t0 = System.nanoTime();
        dirty = false;
        drawNow();
        lastDrawNanos = System.nanoTime() - t0;
    }

    private void drawNow() {
        drawInto(canvas, scroll.getValue());
    }

    /** Draws the ladder into {@code target}, its top at content y {@code top}. */
    private void drawInto(Canvas target, double scrollTop) {
        GraphicsContext g = target.getGraphicsContext2D();
        double w = target.getWidth();
        double h = target.getHeight();
        g.setFill(palette.background());
        g.fillRect(0, 0, w, h);
        if (timeline == null) {
            return;
        }
        Texts t = Texts.of(BUNDLE, lang);
        double top = scrollTop;
        double viewTop = top - 40;
        double viewBottom = top + h;
        g.save();
        g.translate(0, HEADER - top);
        drawBreaks(g, viewTop, viewBottom, t);
        drawLifelines(g, viewTop, viewBottom);
        drawTimeLabels(g, viewTop, viewBottom);
        layoutStates(viewTop, viewBottom); // before the flights: their labels keep clear of the states
        drawFlights(g, viewTop, viewBottom);
        if (exportWidth <= 0) {
            // A slide shows the run, not where the teacher had stopped. Drawn before the state
            // labels, which have a background of their own: the line never strikes through one.
            drawPlayhead(g, w);
        }
        drawStates(g); // on top of the arrows that start and end there
        g.restore();
        drawHeader(g, w);
    }

    private void drawHeader(GraphicsContext g, double w) {
        g.setFill(palette.panel());
        g.fillRect(0, 0, w, HEADER);
        g.setStroke(palette.grid());
        g.strokeLine(0, HEADER, w, HEADER);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        // Each column's name and detail get the room between its neighbours' lanes: with many
        // hosts or a big zoom they shrink (to 60 %), then end in "…", instead of running into
        // each other.
        double room = columns.size() > 1 ? Math.abs(columnX(1) - columnX(0)) - 8 : w;
        List<Fitted> labels = headerLabels(room);
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i);
            boolean a = connection != null && connection.a() != null && connection.a().host().equals(name);
            boolean b = connection != null && connection.b() != null && connection.b().host().equals(name);
            g.setFill(a ? palette.sideA() : b ? palette.sideB() : palette.foreground());
            Fitted n = labels.get(2 * i);
            g.setFont(n.font());
            g.fillText(n.text(), columnX(i), 16);
            g.setFill(palette.muted());
            Fitted d = labels.get(2 * i + 1);
            g.setFont(d.font());
            g.fillText(d.text(), columnX(i), 34);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(font(11, false));
        g.setFill(palette.muted());
        g.fillText(Texts.of(BUNDLE, lang).get("ladder.timeMs"), 8, 34);
    }

    /** A header text as drawn: cut to fit its column, in the font that fits. */
    private record Fitted(String text, Font font) {
    }

    /** The header's texts are measured once per columns, room and zoom, not at every frame. */
    private Object headerKey;
    private List<Fitted> headerLabels = List.of();

    /** Each column's name and detail, fitted to {@code room} (name at 2i, detail at 2i+1). */
    private List<Fitted> headerLabels(double room) {
        // The details come from the timeline's hosts and its profile override: a new run is a new key.
        Object key = java.util.Arrays.asList(List.copyOf(columns), room, zoom, timeline);
        if (!key.equals(headerKey)) {
            List<Fitted> out = new java.util.ArrayList<>();
            for (String name : columns) {
                out.add(fit(name, 15, true, room));
                String detail = hostDetail(name);
                if (textWidth(detail, font(11, false)) > room && detail.contains(" · ")) {
                    detail = detail.substring(0, detail.indexOf(" · ")); // the address alone
                }
                out.add(fit(detail, 11, false, room));
            }
            headerKey = key;
            headerLabels = out;
        }
        return headerLabels;
    }

    /**
     * {@code text} in a font that fits {@code room}: the given size, else smaller down to 60 % of
     * it, else that with the text cut to end in "…".
     */
    private Fitted fit(String text, double size, boolean bold, double room) {
        Font f = font(size, bold);
        for (double k = 1.0; k >= 0.6; k -= 0.1) {
            f = font(size * k, bold);
            if (textWidth(text, f) <= room) {
                return new Fitted(text, f);
            }
        }
        String cut = text;
        while (cut.length() > 1 && textWidth(cut + "…", f) > room) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return new Fitted(cut + "…", f);
    }

    private String hostDetail(String host) {
        if (timeline.scenario() == null) {
            String note = timeline.hostNote(host);
            return note == null ? "" : note;
        }
        for (tcplab.sim.Scenario.HostSpec hs : timeline.scenario().hosts()) {
            if (hs.name().equals(host)) {
                String profile = timeline.overrides().profile() != null ? timeline.overrides().profile() : hs.profile();
                return tcplab.tcp.Endpoint.formatAddress(hs.address()) + " · " + profile;
            }
        }
        return "";
    }

    private void drawLifelines(GraphicsContext g, double top, double bottom) {
        g.setStroke(palette.grid());
        g.setLineWidth(2 * zoom);
        for (int i = 0; i < columns.size(); i++) {
            double x = columnX(i);
            g.strokeLine(x, Math.max(0, top), x, Math.min(contentHeight, bottom));
        }
    }

    private void drawBreaks(GraphicsContext g, double top, double bottom, Texts t) {
        for (double[] br : breaks) {
            if (br[1] < top || br[0] > bottom) {
                continue;
            }
            double mid = (br[0] + br[1]) / 2;
            g.setFill(palette.grid().deriveColor(0, 1, 1, 0.35));
            g.fillRect(LEFT, br[0] + 6, drawWidth() - LEFT - 30, br[1] - br[0] - 12);
            g.setFill(palette.muted());
            g.setFont(font(12, false));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(t.get("ladder.gap", seconds(br[2])), LEFT + 6, mid);
        }
    }

    private static String seconds(double us) {
        double s = us / 1e6;
        return s >= 10 ? String.format(Locale.ROOT, "%.0f", s) : String.format(Locale.ROOT, "%.1f", s);
    }

    private void drawTimeLabels(GraphicsContext g, double top, double bottom) {
        g.setFont(font(11, false));
        g.setFill(palette.muted());
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        double lastY = -1e9;
        for (int i = 0; i < axisTimes.length; i++) {
            double yy = axisY[i];
            if (yy < top || yy > bottom || yy - lastY < 14 * zoom || axisTimes[i] > playheadUs) {
                continue;
            }
            g.fillText(timeLabel(axisTimes[i]), LEFT - 8, yy);
            lastY = yy;
        }
        // Rows pushed apart: the distance between them is not their time; a "≈" between the two
        // rows' times says so (their labels give the real times).
        g.setTextAlign(TextAlignment.CENTER);
        g.setFont(font(10, false));
        for (double[] s : stretched) {
            if (s[1] < top || s[0] > bottom || s[1] > y(playheadUs) + 1) {
                continue;
            }
            g.fillText("≈", LEFT - 2 * zoom, (s[0] + s[1]) / 2);
        }
    }

    /**
     * A row's time in ms: one decimal, as a simulation's times are whole milliseconds, but to the
     * microsecond when that would hide the real time (a loopback capture's packets 15 µs apart all
     * read "0.0" otherwise).
     */
    static String timeLabel(long us) {
        return us % 100 == 0 ? String.format(Locale.ROOT, "%.1f", us / 1000.0) : String.format(Locale.ROOT, "%.3f", us / 1000.0);
    }

    private boolean followed(int socketId) {
        return connection != null && ((connection.a() != null && connection.a().socketId() == socketId)
                || (connection.b() != null && connection.b().socketId() == socketId) || connection.listenerId() == socketId);
    }

    private Color sideColor(int socketId) {
        if (connection != null && connection.a() != null && connection.a().socketId() == socketId) {
            return palette.sideA();
        }
        if (connection != null && ((connection.b() != null && connection.b().socketId() == socketId)
                || connection.listenerId() == socketId)) {
            return palette.sideB();
        }
        return palette.muted();
    }

    /**
     * A state label as placed on a lifeline (box at bx, ly-9..ly+9, tw text wide), or a muted dot
     * (when many sockets change and this one is not followed).
     */
    private record StateMark(double x, double bx, double ly, double tw, String text, Color color, boolean mine, boolean dot) {
        /** The box, as a label box with no turn: what segment labels keep clear of. */
        LabelBox box(double zoom) {
            double w = tw + 10 * zoom;
            return new LabelBox(bx + w / 2, ly, 0, w / 2, -9 * zoom, 9 * zoom, -1);
        }
    }

    /** The state labels in view, placed once per frame: drawn by drawStates, avoided by labels. */
    private final List<StateMark> stateMarks = new ArrayList<>();

    private void layoutStates(double top, double bottom) {
        stateMarks.clear();
        List<Timeline.Entry> upTo = timeline.entriesUpTo(Math.min(step, timeline.stepsBy(playheadUs)));
        int stateChanges = 0;
        for (Timeline.Entry en : upTo) {
            if (en.event() instanceof StateChange) {
                stateChanges++;
            }
        }
        boolean busy = stateChanges > 60;
        Map<Integer, Double> lastLabelY = new HashMap<>();
        for (Timeline.Entry en : upTo) {
            if (!(en.event() instanceof StateChange s)) {
                continue;
            }
            double yy = y(s.timeUs());
            if (yy < top || yy > bottom) {
                continue;
            }
            Integer col = columnOf.get(s.host());
            if (col == null) {
                continue;
            }
            double x = columnX(col);
            boolean mine = followed(s.socketId());
            if (busy && !mine) {
                stateMarks.add(new StateMark(x, x, yy, 0, null, palette.muted(), false, true));
                continue;
            }
            // Stagger labels that would sit on top of each other on the same lifeline.
            Double prev = lastLabelY.get(col);
            double ly = prev != null && yy - prev < 16 * zoom ? prev + 16 * zoom : yy;
            lastLabelY.put(col, ly);
            String text = s.to().name();
            double tw = textWidth(text, font(mine ? 12.5 : 11, mine));
            // Outside the outer lifelines; right of a middle one.
            boolean right = col > 0 || columns.size() == 1;
            double bx = right ? x + 8 * zoom : x - 8 * zoom - tw - 10 * zoom;
            stateMarks.add(new StateMark(x, bx, ly, tw, text, sideColor(s.socketId()), mine, false));
        }
    }

    private void drawStates(GraphicsContext g) {
        g.setTextBaseline(VPos.CENTER);
        for (StateMark m : stateMarks) {
            if (m.dot()) {
                g.setFill(m.color());
                g.fillOval(m.x() - 2.5 * zoom, m.ly() - 2.5 * zoom, 5 * zoom, 5 * zoom);
                continue;
            }
            g.setFont(font(m.mine() ? 12.5 : 11, m.mine()));
            g.setFill(palette.panel());
            g.fillRoundRect(m.bx(), m.ly() - 9 * zoom, m.tw() + 10 * zoom, 18 * zoom, 8 * zoom, 8 * zoom);
            g.setStroke(m.color());
            g.setLineWidth(m.mine() ? 2 * zoom : 1);
            g.strokeRoundRect(m.bx(), m.ly() - 9 * zoom, m.tw() + 10 * zoom, 18 * zoom, 8 * zoom, 8 * zoom);
            g.setFill(m.color());
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(m.text(), m.bx() + 5 * zoom, m.ly());
        }
    }

    private static double textWidth(String s, Font f) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        t.setFont(f);
        return t.getLayoutBounds().getWidth();
    }

    private void drawFlights(GraphicsContext g, double top, double bottom) {
        List<Timeline.Flight> flights = timeline.flights();
        int visible = 0;
        for (int i = 0; i < flights.size() && sentAt(i, flights.get(i)); i++) {
            Timeline.Flight f = flights.get(i);
            if (y(f.startUs()) <= bottom && y(f.endUs()) >= top) {
                visible++;
            }
        }
        boolean dense = visible > 120;
        drawnLabels.clear();
        for (int i = 0; i < flights.size(); i++) {
            Timeline.Flight f = flights.get(i);
            if (!sentAt(i, f)) {
                break; // flights are in sending order
            }
            double[] gm = geometry(i, f);
            double x0 = gm[0];
            double y0 = gm[1];
            double y1 = gm[3];
            if (y1 < top || y0 > bottom) {
                continue;
            }
            Segment seg = f.send().segment();
            double xe = gm[4];
            double ye = gm[5];
            double frac = gm[6];
            boolean isSelected = selected != null && selected == f.id();
            Color c = f.lost() && frac >= 1 ? palette.lost() : flightColor(f);
            g.setStroke(isSelected ? palette.highlight() : c);
            g.setLineWidth((isSelected ? 4 : dense ? 1.2 : 2) * zoom);
            g.strokeLine(x0, y0, xe, ye);
            if (frac >= 1) {
                if (f.lost()) {
                    drawCross(g, xe, ye, palette.lost());
                } else {
                    drawArrowHead(g, x0, y0, xe, ye, isSelected ? palette.highlight() : c);
                }
            } else {
                // In flight: a dot at its head, big enough to click.
                g.setFill(isSelected ? palette.highlight() : c);
                g.fillOval(xe - 6 * zoom, ye - 6 * zoom, 12 * zoom, 12 * zoom);
            }
            // The label sits on the part already drawn, once there is enough of it; a label that
            // fits nowhere without covering another is left out (the inspector shows any segment
            // in full).
            if (frac >= 0.35) {
                double ang = Math.atan2(ye - y0, xe - x0);
                if (ang > Math.PI / 2 || ang < -Math.PI / 2) {
                    ang += Math.PI; // keep text upright
                }
                // Places nearer the middle first, above the arrow then below it, the ends last
                // (they crowd the lifelines). Below matters when a host sends two segments at once
                // (an ACK and data: the data scenario's server): they are drawn one lane apart,
                // closer than a label's height along a slanted arrow, so the second label goes
                // under its own arrow, where nothing else is. Where the whole label fits nowhere
                // (two FINs crossing in a simultaneous close: a label of 150 px cannot clear the
                // other's near the crossing), the flags alone do, away from the crossing.
                String full = label(f.id(), seg) + resendMark(f.send());
                placing:
                for (String text : isSelected ? List.of(full) : List.of(full, seg.flagText() + resendMark(f.send()))) {
                    double halfWidth = (textWidth(text, font(12, false)) + 6) / 2;
                    for (double[] place : LABEL_PLACES) {
                        double lx = x0 + (xe - x0) * place[1];
                        double ly = y0 + (ye - y0) * place[1];
                        LabelBox box = place[0] < 0
                                ? new LabelBox(lx, ly, ang, halfWidth, -17 * zoom, -2 * zoom, f.id())
                                : new LabelBox(lx, ly, ang, halfWidth, 2 * zoom, 17 * zoom, f.id());
                        if (isSelected || !crowded(box)) { // the selected label takes the first place
                            drawLabelAt(g, text, box, isSelected ? palette.highlight() : c);
                            break placing;
                        }
                    }
                }
            }
        }
    }

    /** Whether the flight has been sent by the playhead (by step, not just by time). */
    private boolean sent(Timeline.Flight f) {
        Integer st = sendStep.get(f.id());
        return f.startUs() <= playheadUs && (st == null || st <= step);
    }

    private boolean sentAt(int index, Timeline.Flight f) {
        return f.startUs() <= playheadUs && (index >= sendStepByIndex.length || sendStepByIndex[index] <= step);
    }

    /**
     * Whether a label would cover one already drawn (the last 40: flights are drawn in time order,
     * so older ones are far above). Tested on the turned rectangles themselves: parallel arrows a
     * row apart keep both labels, crossing arrows (a simultaneous close) move one along its arrow.
     */
    private boolean crowded(LabelBox box) {
        for (int i = drawnLabels.size() - 1; i >= 0 && i >= drawnLabels.size() - 40; i--) {
            if (drawnLabels.get(i).overlaps(box, 2 * zoom)) {
                return true;
            }
        }
        // The state labels are drawn over the arrows: a segment label under one would be hidden
        // (two lifelines 115 px apart at 150 % zoom put a FIN's label under FIN_WAIT_1).
        for (StateMark m : stateMarks) {
            if (!m.dot() && m.box(zoom).overlaps(box, 0)) {
                return true;
            }
        }
        return false;
    }

    private Color flightColor(Timeline.Flight f) {
        if (connection == null) {
            return palette.foreground();
        }
        Segment s = f.send().segment();
        RunViewModel.Side a = connection.a();
        RunViewModel.Side b = connection.b();
        if (a != null && s.src().equals(a.local()) && s.dst().equals(a.remote())) {
            return palette.sideA();
        }
        if (b != null && s.src().equals(b.local()) && s.dst().equals(b.remote())) {
            return palette.sideB();
        }
        if (a != null && s.dst().equals(a.local()) && s.src().equals(a.remote())) {
            return palette.sideB();
        }
        return palette.foreground().deriveColor(0, 1, 1, 0.75);
    }

    private void drawArrowHead(GraphicsContext g, double x0, double y0, double x1, double y1, Color c) {
        double ang = Math.atan2(y1 - y0, x1 - x0);
        double len = 11 * zoom;
        g.setFill(c);
        g.fillPolygon(new double[] {x1, x1 - len * Math.cos(ang - 0.4), x1 - len * Math.cos(ang + 0.4)},
                new double[] {y1, y1 - len * Math.sin(ang - 0.4), y1 - len * Math.sin(ang + 0.4)}, 3);
    }

    private void drawCross(GraphicsContext g, double x, double y, Color c) {
        double r = 7 * zoom;
        g.setStroke(c);
        g.setLineWidth(3 * zoom);
        g.strokeLine(x - r, y - r, x + r, y + r);
        g.strokeLine(x - r, y + r, x + r, y - r);
    }

    /** A label in its box (along its arrow); remembered for clicks on it. */
    private void drawLabelAt(GraphicsContext g, String text, LabelBox box, Color c) {
        drawnLabels.add(box);
        g.save();
        g.translate(box.cx(), box.cy());
        g.rotate(Math.toDegrees(box.angle()));
        g.setFont(font(12, false));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.setFill(palette.background().deriveColor(0, 1, 1, 0.85));
        double tw = textWidth(text, g.getFont());
        g.fillRect(-tw / 2 - 3, box.top(), tw + 6, box.bottom() - box.top());
        g.setFill(c);
        g.fillText(text, 0, box.bottom() - 1 * zoom);
        g.restore();
    }

    /** "SYN,ACK seq=0 ack=1 len=0": relative to each direction's ISN unless absolute numbers are on. */
    String label(long flightId, Segment seg) {
        return numbers == null ? seg.flagText() : numbers.label(flightId, seg, absoluteSeq);
    }

    /**
     * " · RTO" or " · TLP" after the label of a segment a timer sent again: the retransmission
     * timer, or the tail-loss probe that goes before it (RFC 8985 §7). The two abbreviations are
     * what Chinese texts use too.
     */
    static String resendMark(tcplab.sim.TraceEvent.SegmentEvent send) {
        return send.resend() == null ? "" : " · " + send.resend().name();
    }

    private void drawPlayhead(GraphicsContext g, double w) {
        double yy = y(playheadUs);
        g.setStroke(palette.highlight());
        g.setLineWidth(1.5 * zoom);
        g.setLineDashes(6 * zoom, 4 * zoom);
        g.strokeLine(LEFT - 4, yy, w - 8, yy);
        g.setLineDashes();
        // The playhead's time sits in the time column (on its own background), where it never
        // covers a state label or an arrow.
        String text = String.format(Locale.ROOT, "%.1f", playheadUs / 1000.0);
        g.setFont(font(11.5, true));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        double tw = textWidth(text, g.getFont());
        g.setFill(palette.highlight());
        g.fillRoundRect(LEFT - 12 - tw, yy - 9 * zoom, tw + 8, 18 * zoom, 6, 6);
        g.setFill(palette.background());
        g.fillText(text, LEFT - 8, yy);
    }

    // ------------------------------------------------------------------ hit testing

    /**
     * The segment at content point (x, y): one whose label text is there (labels sit on their
     * arrows, and a label's text is what a teacher aims at), else the arrow drawn nearest, within
     * a few pixels; null if none.
     */
    public Long flightAt(double x, double contentY) {
        if (timeline == null) {
            return null;
        }
        double py = contentY - HEADER;
        for (int i = drawnLabels.size() - 1; i >= 0; i--) {
            LabelBox l = drawnLabels.get(i);
            if (l.contains(x, py)) {
                return l.flightId();
            }
        }
        Long best = null;
        double bestD = 10 * zoom;
        List<Timeline.Flight> all = timeline.flights();
        for (int i = 0; i < all.size(); i++) {
            Timeline.Flight f = all.get(i);
            if (!sentAt(i, f)) {
                break;
            }
            double[] gm = geometry(i, f);
            double d = distance(x, py, gm[0], gm[1], gm[4], gm[5]);
            if (d < bestD) {
                bestD = d;
                best = f.id();
            }
        }
        return best;
    }

    /** {@link #flightAt} for a point in this view's own coordinates. */
    public Long flightAtScreen(double x, double y) {
        return flightAt(x, y + scroll.getValue());
    }

    /** Screen point of a flight's head now, a little behind it, on its arrow (for tests that click it). */
    public double[] headOnScreen(long id) {
        Timeline.Flight f = timeline.flight(id);
        double[] gm = geometry(timeline.flights().indexOf(f), f);
        double frac = gm[6] * 0.9;
        return new double[] {gm[0] + (gm[2] - gm[0]) * frac, gm[1] + (gm[3] - gm[1]) * frac + HEADER - scroll.getValue()};
    }

    /** Screen point where a flight's arrow ends as drawn now: its head, its arrowhead or its cross. */
    public double[] endOnScreen(long id) {
        Timeline.Flight f = timeline.flight(id);
        double[] gm = geometry(timeline.flights().indexOf(f), f);
        return new double[] {gm[4], gm[5] + HEADER - scroll.getValue()};
    }

    /** Screen x of a host's lifeline. */
    public double lifelineX(String host) {
        Integer c = columnOf.get(host);
        return c == null ? Double.NaN : columnX(c);
    }

    /** Screen y of virtual time {@code t} (no lane offset). */
    public double timeOnScreen(long t) {
        return y(t) + HEADER - scroll.getValue();
    }

    /** The centre of a flight's label as drawn in the last frame, on screen; null if not drawn. */
    public double[] labelOnScreen(long id) {
        for (LabelBox l : drawnLabels) {
            if (l.flightId() == id) {
                // A point inside the text: the centre, moved up into the text along the normal.
                double v = (l.top() + l.bottom()) / 2;
                return new double[] {l.cx() - v * Math.sin(l.angle()), l.cy() + v * Math.cos(l.angle()) + HEADER - scroll.getValue()};
            }
        }
        return null;
    }

    /** The segment labels drawn in the last frame, in content coordinates (for layout tests). */
    public List<LabelBox> drawnLabels() {
        return List.copyOf(drawnLabels);
    }

    /** The state labels' boxes as drawn in the last frame (what segment labels keep clear of). */
    public List<LabelBox> stateBoxes() {
        return stateMarks.stream().filter(m -> !m.dot()).map(m -> m.box(zoom)).toList();
    }

    private static double distance(double px, double py, double x0, double y0, double x1, double y1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : clamp(((px - x0) * dx + (py - y0) * dy) / len2, 0, 1);
        double cx = x0 + t * dx;
        double cy = y0 + t * dy;
        return Math.hypot(px - cx, py - cy);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    // ------------------------------------------------------------------ export

    /**
     * The whole ladder up to the playhead as an image {@code width} wide (for slides): drawn in
     * slices, so it does not depend on the window's size. Height is capped at 16,000 px.
     */
    public WritableImage exportImage(double width) {
        double full = Math.min(16_000, y(playheadUs) + 80 * zoom + HEADER);
        Canvas off = new Canvas(width, full);
        exportWidth = width;
        // The labels the window shows stay clickable where the window draws them.
        List<LabelBox> onScreen = new ArrayList<>(drawnLabels);
        try {
            drawInto(off, 0);
        } finally {
            exportWidth = -1;
            drawnLabels.clear();
            drawnLabels.addAll(onScreen);
        }
        return off.snapshot(null, null);
    }
}
