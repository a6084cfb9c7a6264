package tcplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;
import tcplab.tcp.Cause;
import tcplab.tcp.TcpState;
import tcplab.ui.run.StateDiagramLayout.Edge;
import tcplab.ui.run.StateDiagramLayout.Node;
import tcplab.ui.run.StateDiagramLayout.Point;

/** RFC 9293 Figure 5 as data, checked without JavaFX. */
class StateDiagramLayoutTest {
    private final StateDiagramLayout layout = StateDiagramLayout.rfc9293();

    /** Figure 5, written out again here independently of the layout: from, to, event, "event / action". */
    private record Expected(TcpState from, TcpState to, Cause cause, String label) {
    }

    private static final List<Expected> FIGURE_5 = List.of(
            new Expected(TcpState.CLOSED, TcpState.LISTEN, Cause.PASSIVE_OPEN, "passive OPEN / create TCB"),
            new Expected(TcpState.LISTEN, TcpState.CLOSED, Cause.CLOSE, "CLOSE / delete TCB"),
            new Expected(TcpState.CLOSED, TcpState.SYN_SENT, Cause.ACTIVE_OPEN, "active OPEN / create TCB, snd SYN"),
            new Expected(TcpState.SYN_SENT, TcpState.CLOSED, Cause.CLOSE, "CLOSE / delete TCB"),
            new Expected(TcpState.LISTEN, TcpState.SYN_RECEIVED, Cause.RCV_SYN, "rcv SYN / snd SYN,ACK"),
            new Expected(TcpState.LISTEN, TcpState.SYN_SENT, Cause.SEND, "SEND / snd SYN"),
            new Expected(TcpState.SYN_SENT, TcpState.SYN_RECEIVED, Cause.RCV_SYN, "rcv SYN / snd SYN,ACK"),
            new Expected(TcpState.SYN_RECEIVED, TcpState.LISTEN, Cause.RCV_RST, "rcv RST (note 1)"),
            new Expected(TcpState.SYN_RECEIVED, TcpState.ESTABLISHED, Cause.RCV_ACK_OF_SYN, "rcv ACK of SYN / x"),
            new Expected(TcpState.SYN_SENT, TcpState.ESTABLISHED, Cause.RCV_SYN_ACK, "rcv SYN,ACK / snd ACK"),
            new Expected(TcpState.SYN_RECEIVED, TcpState.FIN_WAIT_1, Cause.CLOSE, "CLOSE / snd FIN"),
            new Expected(TcpState.ESTABLISHED, TcpState.FIN_WAIT_1, Cause.CLOSE, "CLOSE / snd FIN"),
            new Expected(TcpState.ESTABLISHED, TcpState.CLOSE_WAIT, Cause.RCV_FIN, "rcv FIN / snd ACK"),
            new Expected(TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2, Cause.RCV_ACK_OF_FIN, "rcv ACK of FIN / x"),
            new Expected(TcpState.FIN_WAIT_1, TcpState.CLOSING, Cause.RCV_FIN, "rcv FIN / snd ACK"),
            new Expected(TcpState.FIN_WAIT_1, TcpState.TIME_WAIT, Cause.RCV_FIN_ACK_OF_FIN, "rcv FIN,ACK of FIN / snd ACK"),
            new Expected(TcpState.CLOSE_WAIT, TcpState.LAST_ACK, Cause.CLOSE, "CLOSE / snd FIN"),
            new Expected(TcpState.FIN_WAIT_2, TcpState.TIME_WAIT, Cause.RCV_FIN, "rcv FIN / snd ACK"),
            new Expected(TcpState.CLOSING, TcpState.TIME_WAIT, Cause.RCV_ACK_OF_FIN, "rcv ACK of FIN / x"),
            new Expected(TcpState.LAST_ACK, TcpState.CLOSED, Cause.RCV_ACK_OF_FIN, "rcv ACK of FIN / x"),
            new Expected(TcpState.TIME_WAIT, TcpState.CLOSED, Cause.TIMEOUT_2MSL, "Timeout=2MSL / delete TCB"));

    @Test
    void everyStateIsPlacedInsideTheUnitSquare() {
        Set<TcpState> placed = EnumSet.noneOf(TcpState.class);
        for (Node n : layout.nodes()) {
            placed.add(n.state());
            assertTrue(n.x() - StateDiagramLayout.NODE_HALF_W >= 0 && n.x() + StateDiagramLayout.NODE_HALF_W <= 1, n.id());
            assertTrue(n.y() - StateDiagramLayout.NODE_HALF_H >= 0 && n.y() + StateDiagramLayout.NODE_HALF_H <= 1, n.id());
        }
        assertEquals(EnumSet.allOf(TcpState.class), placed);
        assertEquals(12, layout.nodes().size(), "eleven states and the figure's second CLOSED");
    }

    @Test
    void noTwoStateBoxesOverlap() {
        List<Node> nodes = layout.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                Node a = nodes.get(i);
                Node b = nodes.get(j);
                boolean apartX = Math.abs(a.x() - b.x()) >= 2 * StateDiagramLayout.NODE_HALF_W + 0.01;
                boolean apartY = Math.abs(a.y() - b.y()) >= 2 * StateDiagramLayout.NODE_HALF_H + 0.01;
                assertTrue(apartX || apartY, a.id() + " overlaps " + b.id());
            }
        }
    }

    @Test
    void statesSitWhereFigure5PutsThem() {
        Point closed = layout.node(TcpState.CLOSED).center();
        Point listen = layout.node(TcpState.LISTEN).center();
        Point synRcvd = layout.node(TcpState.SYN_RECEIVED).center();
        Point synSent = layout.node(TcpState.SYN_SENT).center();
        Point estab = layout.node(TcpState.ESTABLISHED).center();
        Point timeWait = layout.node(TcpState.TIME_WAIT).center();
        assertEquals(0.5, closed.x(), 1e-9, "CLOSED top centre");
        assertTrue(closed.y() < listen.y() && listen.y() < synRcvd.y() && synRcvd.y() < estab.y());
        assertEquals(synRcvd.y(), synSent.y(), 1e-9, "SYN-RCVD and SYN-SENT on one row");
        assertTrue(synRcvd.x() < 0.5 && synSent.x() > 0.5, "SYN-RCVD left, SYN-SENT right");
        assertTrue(layout.node(TcpState.FIN_WAIT_1).center().x() < 0.5 && layout.node(TcpState.CLOSE_WAIT).center().x() > 0.5);
        assertTrue(layout.node(TcpState.FIN_WAIT_2).center().x() < layout.node(TcpState.CLOSING).center().x()
                && layout.node(TcpState.CLOSING).center().x() < layout.node(TcpState.LAST_ACK).center().x());
        for (Node n : layout.nodes()) {
            assertTrue(timeWait.y() >= n.y(), "TIME-WAIT on the bottom row");
        }
        assertSame(TcpState.CLOSED, layout.closedEnd().state());
        assertNotEquals(layout.node(TcpState.CLOSED), layout.closedEnd());
    }

    @Test
    void everyFigure5TransitionIsFoundWithItsLabel() {
        for (Expected x : FIGURE_5) {
            Optional<Edge> edge = layout.edgeFor(x.from(), x.to(), x.cause());
            assertTrue(edge.isPresent(), "no edge " + x);
            assertTrue(edge.get().inFigure());
            assertEquals(x.label(), edge.get().label(Lang.EN), x.toString());
        }
        assertEquals(21, layout.edges().size());
        assertEquals(21, new HashSet<>(layout.edges()).size());
        Set<String> ids = new HashSet<>();
        layout.edges().forEach(e -> assertTrue(ids.add(e.id()), "duplicate id " + e.id()));
    }

    @Test
    void aTransitionWithTheWrongEventIsNotAFigure5Edge() {
        assertTrue(layout.edgeFor(TcpState.ESTABLISHED, TcpState.CLOSED, Cause.RCV_RST).isEmpty());
        assertTrue(layout.edgeFor(TcpState.SYN_SENT, TcpState.ESTABLISHED, Cause.RCV_SYN).isEmpty());
        assertTrue(layout.edgeFor(TcpState.LISTEN, TcpState.SYN_RECEIVED, Cause.RCV_ACK_WITH_COOKIE).isEmpty());
    }

    @Test
    void theEndsOfTheFigureGoToTheBottomClosed() {
        assertSame(layout.closedEnd(), layout.edgeFor(TcpState.TIME_WAIT, TcpState.CLOSED, Cause.TIMEOUT_2MSL).get().to());
        assertSame(layout.closedEnd(), layout.edgeFor(TcpState.LAST_ACK, TcpState.CLOSED, Cause.RCV_ACK_OF_FIN).get().to());
        assertSame(layout.node(TcpState.CLOSED), layout.edgeFor(TcpState.LISTEN, TcpState.CLOSED, Cause.CLOSE).get().to());
    }

    @Test
    void documentedExitsThatFigure5DoesNotDrawStillGetADashedEdge() {
        Object[][] exits = {
            {TcpState.ESTABLISHED, Cause.RCV_RST}, {TcpState.ESTABLISHED, Cause.ABORT},
            {TcpState.SYN_SENT, Cause.TIMEOUT_RETRANSMISSION}, {TcpState.SYN_RECEIVED, Cause.TIMEOUT_RETRANSMISSION},
            {TcpState.FIN_WAIT_2, Cause.TIMEOUT_FIN_WAIT_2}, {TcpState.CLOSE_WAIT, Cause.TIMEOUT_USER},
            {TcpState.LAST_ACK, Cause.RCV_RST}, {TcpState.CLOSING, Cause.HOST_RESTART},
            {TcpState.TIME_WAIT, Cause.ABORT}, {TcpState.LISTEN, Cause.ABORT}, {TcpState.FIN_WAIT_1, Cause.ABORT},
        };
        for (Object[] x : exits) {
            TcpState from = (TcpState) x[0];
            Cause cause = (Cause) x[1];
            Edge e = layout.transition(from, TcpState.CLOSED, cause);
            assertNotNull(e);
            assertFalse(e.inFigure(), from + " " + cause);
            assertSame(from, e.fromState());
            assertSame(TcpState.CLOSED, e.toState());
            assertSame(cause, e.cause());
            assertFalse(e.label(Lang.EN).isBlank());
            assertFalse(e.label(Lang.ZH).isBlank());
        }
        // Off-figure transitions between other states too (SYN cookie, SYN in SYN-RECEIVED).
        Edge cookie = layout.transition(TcpState.LISTEN, TcpState.SYN_RECEIVED, Cause.RCV_ACK_WITH_COOKIE);
        assertFalse(cookie.inFigure());
        assertEquals("rcv ACK with SYN cookie", cookie.label(Lang.EN));
        // A Figure 5 transition through the same method is the figure's edge.
        assertTrue(layout.transition(TcpState.SYN_SENT, TcpState.ESTABLISHED, Cause.RCV_SYN_ACK).inFigure());
    }

    @Test
    void exitsToClosedGoToTheNearerClosed() {
        assertSame(layout.node(TcpState.CLOSED), layout.transition(TcpState.ESTABLISHED, TcpState.CLOSED, Cause.RCV_RST).to());
        assertSame(layout.closedEnd(), layout.transition(TcpState.FIN_WAIT_2, TcpState.CLOSED, Cause.TIMEOUT_FIN_WAIT_2).to());
    }

    @Test
    void everyEdgeLabelExistsInBothLanguagesAndChineseIsTranslated() {
        for (Edge e : layout.edges()) {
            assertFalse(e.event(Lang.EN).isBlank(), e.id());
            assertFalse(e.event(Lang.ZH).isBlank(), e.id());
            assertFalse(e.label(Lang.ZH).contains("!"), e.id() + ": missing key " + e.label(Lang.ZH));
            assertFalse(e.label(Lang.EN).contains("!"), e.id());
            assertNotEquals(e.label(Lang.EN), e.label(Lang.ZH), e.id());
        }
        for (Cause c : Cause.values()) {
            Edge e = layout.transition(TcpState.ESTABLISHED, TcpState.CLOSED, c);
            assertFalse(e.event(Lang.ZH).contains("!"), c.name());
            assertFalse(e.event(Lang.EN).contains("!"), c.name());
        }
        assertEquals("收到 SYN / 发送 SYN,ACK",
                layout.edgeFor(TcpState.LISTEN, TcpState.SYN_RECEIVED, Cause.RCV_SYN).get().label(Lang.ZH));
    }

    @Test
    void theEnglishEventOfEveryFigureEdgeIsTheCauseWordingExceptTheFigureOwnSpelling() {
        // The figure writes "Timeout=2MSL"; every other event is Cause.label() word for word.
        for (Edge e : layout.edges()) {
            String event = e.event(Lang.EN).replaceAll(" \\(note \\d\\)$", "");
            if (e.cause() == Cause.TIMEOUT_2MSL) {
                assertEquals("Timeout=2MSL", event);
            } else {
                assertEquals(e.cause().label(), event, e.id());
            }
        }
    }
}
