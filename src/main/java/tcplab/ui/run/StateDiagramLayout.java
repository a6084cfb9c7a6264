package tcplab.ui.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.tcp.Cause;
import tcplab.tcp.TcpState;

/**
 * RFC 9293 Figure 5 ("TCP Connection State Diagram", §3.3.2) as plain data: where each state is
 * drawn, every edge of the figure with its event and action as the figure writes them, and how an
 * edge is routed. No JavaFX here: {@link StateDiagramView} scales it to pixels, tests read it
 * directly.
 *
 * <p>Coordinates are in a unit space: x from 0 (left) to 1 (right), y from 0 (top) to 1 (bottom),
 * stretched by the view to whatever area it has. A state box is at most
 * {@link #NODE_HALF_W} × {@link #NODE_HALF_H} (half sizes, in unit space) around its centre; the
 * view shrinks its text rather than let boxes grow beyond that, so boxes never overlap.
 *
 * <p>Like the figure, CLOSED is drawn twice: at the top (where connections start, and where
 * LISTEN and SYN-SENT return) and at the bottom right (where TIME-WAIT and LAST-ACK end).
 *
 * <p>The figure leaves out transitions that §3.10 specifies (a RST or a timeout in most states,
 * ABORT, and Note 3's "receipt of a RST from any state"). {@link #transition} still returns an
 * edge for them, marked {@link Edge#inFigure()} false, which the view draws dashed: to the nearer
 * CLOSED along the margin of the diagram, or over the figure edge joining the same two states.
 */
public final class StateDiagramLayout {

    /** Half the width of a state box, in unit space. */
    public static final double NODE_HALF_W = 0.122;
    /** Half the height of a state box, in unit space. */
    public static final double NODE_HALF_H = 0.032;

    /** The bundle with every label of the diagram ({@code tcplab/ui/StateDiagram*.properties}). */
    public static final String BUNDLE = "tcplab.ui.StateDiagram";

    /** Left and right margin lanes and the bottom lane used by edges the figure does not draw. */
    static final double LANE_LEFT = 0.012;
    static final double LANE_RIGHT = 0.988;
    static final double LANE_BOTTOM = 0.992;

    /** A side of a state box. */
    public enum Side { TOP, BOTTOM, LEFT, RIGHT }

    /** How the two ends of an edge are joined when it has no explicit way points. */
    public enum Bend {
        /** One straight segment. */
        STRAIGHT,
        /** Horizontal from the start, then vertical into the end. */
        HORIZONTAL_FIRST,
        /** Vertical from the start, then horizontal into the end. */
        VERTICAL_FIRST
    }

    /** A point in unit space. */
    public record Point(double x, double y) {
    }

    /** Where an edge meets a box: a side, and an offset along it from -1 (top/left end) to 1. */
    public record Port(Side side, double offset) {
    }

    /**
     * One drawing of a state. {@code id} is the state's constant name, or {@code CLOSED_END} for
     * the second CLOSED at the bottom.
     */
    public record Node(String id, TcpState state, double x, double y) {
        public Point center() {
            return new Point(x, y);
        }
    }

    /**
     * How an edge is drawn: the ports on both boxes, either a bend or explicit way points (unit
     * space) in between, and the centre of its label.
     */
    public record Route(Port fromPort, Port toPort, Bend bend, List<Point> via, Point labelAt, boolean verticalLabel) {
        public Route {
            via = List.copyOf(via);
        }

        /** A route whose label reads horizontally. */
        public Route(Port fromPort, Port toPort, Bend bend, List<Point> via, Point labelAt) {
            this(fromPort, toPort, bend, via, labelAt, false);
        }
    }

    /**
     * A transition drawn on the diagram.
     *
     * @param actionKey the bundle key of the action after the figure's bar ({@code action.sndAck});
     *                  null when the figure writes none (e.g. {@code rcv RST})
     * @param note      the figure's note number for this edge (1 or 2), 0 for none
     * @param inFigure  true for the 21 edges of Figure 5 (with Note 2's), false for the
     *                  transitions §3.10 adds, drawn dashed
     */
    public record Edge(String id, Node from, Node to, Cause cause, String actionKey, int note, boolean inFigure,
                       Route route) {
        public TcpState fromState() {
            return from.state();
        }

        public TcpState toState() {
            return to.state();
        }

        /** The event above the figure's bar, e.g. {@code rcv SYN} or {@code 收到 SYN}. */
        public String event(Lang lang) {
            Texts t = Texts.of(BUNDLE, lang);
            String event = cause == null ? t.get("cause.unknown") : t.get("cause." + cause.name());
            // The figure writes "(note 1)" on its rcv RST edge. Note 2's edge is not drawn in the
            // figure at all, so it carries no mark (its note is explained in tooltips and the legend).
            return note == 1 ? event + " " + t.get("note.mark", note) : event;
        }

        /** The action below the bar ({@code snd SYN,ACK}, {@code x}); empty when there is none. */
        public String action(Lang lang) {
            return actionKey == null ? "" : Texts.of(BUNDLE, lang).get(actionKey);
        }

        /** {@code event / action}, or just the event: {@code rcv SYN / snd SYN,ACK}. */
        public String label(Lang lang) {
            String action = action(lang);
            return action.isEmpty() ? event(lang) : event(lang) + " / " + action;
        }
    }

    private final List<Node> nodes;
    private final Map<TcpState, Node> primary = new EnumMap<>(TcpState.class);
    private final Node closedEnd;
    private final List<Edge> edges;

    private StateDiagramLayout() {
        List<Node> n = new ArrayList<>();
        // Rows and columns of Figure 5.
        double left = 0.15;
        double centre = 0.5;
        double right = 0.85;
        n.add(new Node("CLOSED", TcpState.CLOSED, centre, 0.045));
        n.add(new Node("LISTEN", TcpState.LISTEN, centre, 0.19));
        n.add(new Node("SYN_RECEIVED", TcpState.SYN_RECEIVED, left, 0.345));
        n.add(new Node("SYN_SENT", TcpState.SYN_SENT, right, 0.345));
        n.add(new Node("ESTABLISHED", TcpState.ESTABLISHED, centre, 0.49));
        n.add(new Node("FIN_WAIT_1", TcpState.FIN_WAIT_1, left, 0.635));
        n.add(new Node("CLOSE_WAIT", TcpState.CLOSE_WAIT, right, 0.635));
        n.add(new Node("FIN_WAIT_2", TcpState.FIN_WAIT_2, left, 0.785));
        n.add(new Node("CLOSING", TcpState.CLOSING, centre, 0.785));
        n.add(new Node("LAST_ACK", TcpState.LAST_ACK, right, 0.785));
        n.add(new Node("TIME_WAIT", TcpState.TIME_WAIT, centre, 0.93));
        closedEnd = new Node("CLOSED_END", TcpState.CLOSED, right, 0.93);
        n.add(closedEnd);
        nodes = Collections.unmodifiableList(n);
        for (Node node : n) {
            primary.putIfAbsent(node.state(), node);
        }
        edges = Collections.unmodifiableList(figureEdges());
    }

    private static final StateDiagramLayout RFC_9293 = new StateDiagramLayout();

    /** The layout of RFC 9293 Figure 5 (immutable, shared). */
    public static StateDiagramLayout rfc9293() {
        return RFC_9293;
    }

    private double right() {
        return primary.get(TcpState.CLOSE_WAIT).x();
    }

    private static Port p(Side side, double offset) {
        return new Port(side, offset);
    }

    private static Point pt(double x, double y) {
        return new Point(x, y);
    }

    private List<Edge> figureEdges() {
        Node closed = primary.get(TcpState.CLOSED);
        Node listen = primary.get(TcpState.LISTEN);
        Node synRcvd = primary.get(TcpState.SYN_RECEIVED);
        Node synSent = primary.get(TcpState.SYN_SENT);
        Node estab = primary.get(TcpState.ESTABLISHED);
        Node finWait1 = primary.get(TcpState.FIN_WAIT_1);
        Node closeWait = primary.get(TcpState.CLOSE_WAIT);
        Node finWait2 = primary.get(TcpState.FIN_WAIT_2);
        Node closing = primary.get(TcpState.CLOSING);
        Node lastAck = primary.get(TcpState.LAST_ACK);
        Node timeWait = primary.get(TcpState.TIME_WAIT);
        List<Edge> e = new ArrayList<>();
        // Opening (Figure 5, top half).
        e.add(fig("closed-listen", closed, listen, Cause.PASSIVE_OPEN, "action.createTcb", 0,
                new Route(p(Side.BOTTOM, -0.45), p(Side.TOP, -0.45), Bend.STRAIGHT, List.of(), pt(0.31, 0.118))));
        e.add(fig("listen-closed", listen, closed, Cause.CLOSE, "action.deleteTcb", 0,
                new Route(p(Side.TOP, 0.45), p(Side.BOTTOM, 0.45), Bend.STRAIGHT, List.of(), pt(0.69, 0.118))));
        e.add(fig("closed-synsent", closed, synSent, Cause.ACTIVE_OPEN, "action.createTcbSndSyn", 0,
                new Route(p(Side.RIGHT, 0.45), p(Side.TOP, -0.55), Bend.HORIZONTAL_FIRST, List.of(), pt(0.785, 0.2))));
        e.add(fig("synsent-closed", synSent, closed, Cause.CLOSE, "action.deleteTcb", 0,
                new Route(p(Side.TOP, 0.55), p(Side.RIGHT, -0.35), Bend.VERTICAL_FIRST, List.of(), pt(0.915, 0.12))));
        e.add(fig("listen-synrcvd", listen, synRcvd, Cause.RCV_SYN, "action.sndSynAck", 0,
                new Route(p(Side.BOTTOM, -0.6), p(Side.RIGHT, -0.5), Bend.STRAIGHT, List.of(), pt(0.3, 0.265))));
        e.add(fig("listen-synsent", listen, synSent, Cause.SEND, "action.sndSyn", 0,
                new Route(p(Side.BOTTOM, 0.6), p(Side.LEFT, -0.5), Bend.STRAIGHT, List.of(), pt(0.615, 0.27))));
        e.add(fig("synsent-synrcvd", synSent, synRcvd, Cause.RCV_SYN, "action.sndSynAck", 0,
                new Route(p(Side.LEFT, 0.1), p(Side.RIGHT, 0.1), Bend.STRAIGHT, List.of(), pt(0.5, 0.348))));
        // Note 1: only a connection that came from a passive OPEN goes back to LISTEN.
        e.add(fig("synrcvd-listen", synRcvd, listen, Cause.RCV_RST, null, 1,
                new Route(p(Side.TOP, 0), p(Side.LEFT, 0), Bend.VERTICAL_FIRST, List.of(), pt(0.15, 0.25))));
        e.add(fig("synrcvd-estab", synRcvd, estab, Cause.RCV_ACK_OF_SYN, "action.none", 0,
                new Route(p(Side.BOTTOM, 0.7), p(Side.LEFT, 0.0), Bend.STRAIGHT, List.of(), pt(0.3, 0.43))));
        e.add(fig("synsent-estab", synSent, estab, Cause.RCV_SYN_ACK, "action.sndAck", 0,
                new Route(p(Side.BOTTOM, -0.7), p(Side.RIGHT, 0.0), Bend.STRAIGHT, List.of(), pt(0.7, 0.43))));
        // Closing (bottom half).
        e.add(fig("synrcvd-finwait1", synRcvd, finWait1, Cause.CLOSE, "action.sndFin", 0,
                new Route(p(Side.BOTTOM, -0.2), p(Side.TOP, -0.2), Bend.STRAIGHT, List.of(), pt(0.126, 0.45))));
        e.add(fig("estab-finwait1", estab, finWait1, Cause.CLOSE, "action.sndFin", 0,
                new Route(p(Side.BOTTOM, -0.6), p(Side.RIGHT, -0.4), Bend.STRAIGHT, List.of(), pt(0.33, 0.565))));
        e.add(fig("estab-closewait", estab, closeWait, Cause.RCV_FIN, "action.sndAck", 0,
                new Route(p(Side.BOTTOM, 0.6), p(Side.LEFT, -0.4), Bend.STRAIGHT, List.of(), pt(0.67, 0.565))));
        e.add(fig("finwait1-finwait2", finWait1, finWait2, Cause.RCV_ACK_OF_FIN, "action.none", 0,
                new Route(p(Side.BOTTOM, -0.4), p(Side.TOP, -0.4), Bend.STRAIGHT, List.of(), pt(0.1, 0.71))));
        e.add(fig("finwait1-closing", finWait1, closing, Cause.RCV_FIN, "action.sndAck", 0,
                new Route(p(Side.RIGHT, -0.2), p(Side.TOP, 0), Bend.HORIZONTAL_FIRST, List.of(), pt(0.5, 0.705))));
        // Note 2: "The figure omits a transition from FIN-WAIT-1 to TIME-WAIT if a FIN is received
        // and the local FIN is also acknowledged." We draw it.
        e.add(fig("finwait1-timewait", finWait1, timeWait, Cause.RCV_FIN_ACK_OF_FIN, "action.sndAck", 2,
                new Route(p(Side.RIGHT, 0.7), p(Side.LEFT, -0.4), Bend.STRAIGHT, List.of(pt(0.3, 0.862)), pt(0.27, 0.862))));
        e.add(fig("closewait-lastack", closeWait, lastAck, Cause.CLOSE, "action.sndFin", 0,
                new Route(p(Side.BOTTOM, 0), p(Side.TOP, 0), Bend.STRAIGHT, List.of(), pt(right(), 0.71))));
        e.add(fig("finwait2-timewait", finWait2, timeWait, Cause.RCV_FIN, "action.sndAck", 0,
                new Route(p(Side.BOTTOM, 0), p(Side.LEFT, 0.4), Bend.VERTICAL_FIRST, List.of(), pt(0.25, 0.945))));
        e.add(fig("closing-timewait", closing, timeWait, Cause.RCV_ACK_OF_FIN, "action.none", 0,
                new Route(p(Side.BOTTOM, 0), p(Side.TOP, 0), Bend.STRAIGHT, List.of(), pt(0.5, 0.858))));
        e.add(fig("lastack-closed", lastAck, closedEnd, Cause.RCV_ACK_OF_FIN, "action.none", 0,
                new Route(p(Side.BOTTOM, 0), p(Side.TOP, 0), Bend.STRAIGHT, List.of(), pt(right(), 0.858))));
        e.add(fig("timewait-closed", timeWait, closedEnd, Cause.TIMEOUT_2MSL, "action.deleteTcb", 0,
                new Route(p(Side.RIGHT, 0), p(Side.LEFT, 0), Bend.STRAIGHT, List.of(), pt(0.683, 0.872))));
        return e;
    }

    private static Edge fig(String id, Node from, Node to, Cause cause, String actionKey, int note, Route route) {
        return new Edge(id, from, to, cause, actionKey, note, true, route);
    }

    /** Every drawing of a state, the second CLOSED included. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The main drawing of a state (for CLOSED: the one at the top). */
    public Node node(TcpState state) {
        return primary.get(Objects.requireNonNull(state));
    }

    /** The second CLOSED, bottom right, where TIME-WAIT and LAST-ACK end. */
    public Node closedEnd() {
        return closedEnd;
    }

    /** Every drawing of {@code state}: one, or two for CLOSED. */
    public List<Node> nodes(TcpState state) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.state() == state) {
                out.add(n);
            }
        }
        return out;
    }

    /** The 21 edges of Figure 5 (the 20 it draws and the one of its Note 2). */
    public List<Edge> edges() {
        return edges;
    }

    /** The Figure 5 edge for this transition, if the figure draws it. */
    public Optional<Edge> edgeFor(TcpState from, TcpState to, Cause cause) {
        for (Edge e : edges) {
            if (e.fromState() == from && e.toState() == to && e.cause() == cause) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The Figure 5 edges from {@code from} to {@code to}, whatever their event. */
    public List<Edge> edgesBetween(TcpState from, TcpState to) {
        List<Edge> out = new ArrayList<>();
        for (Edge e : edges) {
            if (e.fromState() == from && e.toState() == to) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The edge to draw for a transition the endpoint made: the Figure 5 edge when there is one,
     * otherwise an off-figure edge ({@link Edge#inFigure()} false) labelled with the real cause.
     * Never null; {@code cause} may be null when unknown.
     */
    public Edge transition(TcpState from, TcpState to, Cause cause) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Optional<Edge> exact = edgeFor(from, to, cause);
        if (exact.isPresent()) {
            return exact.get();
        }
        String id = "extra:" + from + ">" + to + ":" + (cause == null ? "?" : cause.name());
        // The same two states are joined in the figure (SYN-SENT --rcv RST--> CLOSED runs along
        // SYN-SENT --CLOSE--> CLOSED): reuse its route, dashed, with the real event.
        List<Edge> same = edgesBetween(from, to);
        if (!same.isEmpty()) {
            Edge f = same.get(0);
            return new Edge(id, f.from(), f.to(), cause, null, 0, false, f.route());
        }
        Node a = node(from);
        if (to == TcpState.CLOSED) {
            return new Edge(id, a, closedFor(from), cause, null, 0, false, laneRoute(a));
        }
        // Anything else (no such transition exists in the endpoint today): a straight dashed line.
        Node b = node(to);
        boolean down = b.y() > a.y() + 1e-9;
        boolean up = b.y() < a.y() - 1e-9;
        Port fp;
        Port tp;
        if (down || up) {
            fp = p(down ? Side.BOTTOM : Side.TOP, 0);
            tp = p(down ? Side.TOP : Side.BOTTOM, 0);
        } else {
            boolean right = b.x() > a.x();
            fp = p(right ? Side.RIGHT : Side.LEFT, 0);
            tp = p(right ? Side.LEFT : Side.RIGHT, 0);
        }
        return new Edge(id, a, b, cause, null, 0, false,
                new Route(fp, tp, Bend.STRAIGHT, List.of(), pt((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)));
    }

    /**
     * The CLOSED an off-figure exit from {@code from} goes to: the top one for the opening states
     * and ESTABLISHED, the bottom one for the closing states (as the figure's own exits do).
     */
    public Node closedFor(TcpState from) {
        switch (from) {
            case FIN_WAIT_1:
            case FIN_WAIT_2:
            case CLOSE_WAIT:
            case CLOSING:
            case LAST_ACK:
            case TIME_WAIT:
                return closedEnd;
            default:
                return node(TcpState.CLOSED);
        }
    }

    /** The dashed way to CLOSED along the margins of the diagram, clear of every state box. */
    private Route laneRoute(Node a) {
        Node top = node(TcpState.CLOSED);
        switch (a.state()) {
            case FIN_WAIT_1:
            case FIN_WAIT_2:
                // Out to the left margin, down under TIME-WAIT, up into the bottom CLOSED.
                return new Route(p(Side.LEFT, 0.5), p(Side.BOTTOM, 0), Bend.STRAIGHT,
                        List.of(pt(LANE_LEFT, a.y() + NODE_HALF_H * 0.5), pt(LANE_LEFT, LANE_BOTTOM),
                                pt(closedEnd.x(), LANE_BOTTOM)),
                        pt(LANE_LEFT, (a.y() + LANE_BOTTOM) / 2), true);
            case CLOSE_WAIT:
            case LAST_ACK:
                return new Route(p(Side.RIGHT, 0.5), p(Side.RIGHT, 0), Bend.STRAIGHT,
                        List.of(pt(LANE_RIGHT, a.y() + NODE_HALF_H * 0.5), pt(LANE_RIGHT, closedEnd.y())),
                        pt(LANE_RIGHT, (a.y() + closedEnd.y()) / 2), true);
            case CLOSING:
            case TIME_WAIT:
                return new Route(p(Side.RIGHT, 0.5), p(Side.TOP, -0.6), Bend.STRAIGHT,
                        List.of(pt(0.69, a.y() + NODE_HALF_H * 0.5)), pt(0.69, a.y()));
            case SYN_SENT:
                return new Route(p(Side.RIGHT, 0.5), p(Side.RIGHT, 0.2), Bend.STRAIGHT,
                        List.of(pt(LANE_RIGHT, a.y() + NODE_HALF_H * 0.5), pt(LANE_RIGHT, top.y() + NODE_HALF_H * 0.2)),
                        pt(LANE_RIGHT, (a.y() + top.y()) / 2), true);
            case LISTEN:
                return new Route(p(Side.LEFT, 0.3), p(Side.LEFT, 0.3), Bend.STRAIGHT,
                        List.of(pt(0.3, a.y() + NODE_HALF_H * 0.3), pt(0.3, top.y() + NODE_HALF_H * 0.3)),
                        pt(0.3, (a.y() + top.y()) / 2));
            default:
                // SYN-RECEIVED, ESTABLISHED (and CLOSED itself, which never exits to CLOSED).
                return new Route(p(Side.LEFT, 0.5), p(Side.LEFT, 0), Bend.STRAIGHT,
                        List.of(pt(LANE_LEFT, a.y() + NODE_HALF_H * 0.5), pt(LANE_LEFT, top.y())),
                        pt(LANE_LEFT, (a.y() + top.y()) / 2), true);
        }
    }
}
