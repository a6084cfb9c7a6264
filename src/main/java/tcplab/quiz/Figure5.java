package tcplab.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tcplab.tcp.Endpoint;
import tcplab.tcp.TcpState;

/**
 * Driving one endpoint along RFC 9293 Figure 5: fresh endpoints with random addresses, ports and
 * ISNs, the steps that bring one to a state, and the edges the quiz asks about with their levels.
 */
final class Figure5 {
    private Figure5() {
    }

    static Endpoint randomEndpoint(Random rnd, boolean server) {
        int a = rnd.nextInt(3);
        String addr = a == 0 ? "10.0." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254))
                : a == 1 ? "192.168." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254))
                : "172." + (16 + rnd.nextInt(16)) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
        int port = server ? SERVER_PORTS[rnd.nextInt(SERVER_PORTS.length)] : 32768 + rnd.nextInt(60999 - 32768 + 1);
        return Endpoint.of(addr, port);
    }

    static final int[] SERVER_PORTS = {21, 22, 25, 80, 110, 143, 443, 3306, 5432, 8080};

    /** A fresh endpoint with random addresses, ports and ISNs. */
    static Conn fresh(Random rnd, boolean server) {
        Endpoint local = randomEndpoint(rnd, server);
        Endpoint remote = randomEndpoint(rnd, !server);
        return new Conn(local, remote, rnd.nextInt(), rnd.nextInt());
    }

    /**
     * The steps that bring a new endpoint to {@code target}, the way Figure 5 draws it; SYN-RECEIVED
     * always from a passive open (so that "rcv RST" there has one answer, back to LISTEN).
     */
    static List<Step> pathTo(TcpState target, Random rnd) {
        List<Step> est = rnd.nextBoolean()
                ? List.of(Step.PASSIVE_OPEN, Step.RCV_SYN, Step.RCV_ACK_OF_SYN)
                : List.of(Step.ACTIVE_OPEN, Step.RCV_SYN_ACK);
        List<Step> p = new ArrayList<>();
        switch (target) {
            case CLOSED:
                break;
            case LISTEN:
                p.add(Step.PASSIVE_OPEN);
                break;
            case SYN_SENT:
                p.add(Step.ACTIVE_OPEN);
                break;
            case SYN_RECEIVED:
                p.addAll(List.of(Step.PASSIVE_OPEN, Step.RCV_SYN));
                break;
            case ESTABLISHED:
                p.addAll(est);
                break;
            case FIN_WAIT_1:
                p.addAll(est);
                p.add(Step.CLOSE);
                break;
            case FIN_WAIT_2:
                p.addAll(est);
                p.addAll(List.of(Step.CLOSE, Step.RCV_ACK_OF_FIN));
                break;
            case CLOSE_WAIT:
                p.addAll(est);
                p.add(Step.RCV_FIN);
                break;
            case CLOSING:
                p.addAll(est);
                p.addAll(List.of(Step.CLOSE, Step.RCV_FIN));
                break;
            case LAST_ACK:
                p.addAll(est);
                p.addAll(List.of(Step.RCV_FIN, Step.CLOSE));
                break;
            default: // TIME_WAIT
                p.addAll(est);
                p.addAll(List.of(Step.CLOSE, Step.RCV_ACK_OF_FIN, Step.RCV_FIN));
                break;
        }
        return p;
    }

    /**
     * A fresh endpoint brought to {@code target} along {@code path}, before {@code next}. Its
     * ports say its role: a service port (80, 443...) on the side that listens, a client port on
     * the side that connects, as netstat shows them (never an active OPEN from port 80).
     */
    static Conn reach(TcpState target, Random rnd, List<Step> path, Step next) {
        Step first = path.isEmpty() ? next : path.get(0);
        Conn c = fresh(rnd, first == Step.PASSIVE_OPEN);
        for (Step s : path) {
            if (!c.apply(s, 100)) {
                throw new IllegalStateException("the engine refused " + s + " in " + c.state());
            }
        }
        if (c.state() != target) {
            throw new IllegalStateException("path " + path + " ends in " + c.state() + ", not " + target);
        }
        return c;
    }

    static String labels(List<Step> path) {
        List<String> l = new ArrayList<>();
        for (Step s : path) {
            l.add(s.label());
        }
        return String.join(", ", l);
    }

    /** The Figure 5 edges the quiz asks about, with the level each belongs to. */
    record Edge(TcpState from, Step step, Difficulty level) {
        /**
         * Whether only RFC 9293's model has this transition: a program cannot make it happen and
         * netstat never shows it. SEND on a listening socket needs the RFC's unspecified passive
         * OPEN turned active; a half-open connection from a listener (SYN-RECEIVED) belongs to no
         * program until accept() returns it, so no program can CLOSE, ABORT or SEND on it.
         */
        boolean rfcOnly() {
            return Figure5.rfcOnly(from, step);
        }
    }

    static boolean rfcOnly(TcpState from, Step step) {
        return from == TcpState.LISTEN && step == Step.SEND
                || from == TcpState.SYN_RECEIVED && (step == Step.CLOSE || step == Step.ABORT || step == Step.SEND);
    }

    /**
     * The state a program or netstat sees after {@code step} took a connection from {@code from}
     * to {@code rfcTo} in the RFC's model. They differ in one place: a half-open connection that
     * a listener made (SYN-RECEIVED) and that receives a RST goes back to LISTEN in the RFC
     * (§3.10.7.4, "if this connection was initiated with a passive OPEN"), because there the
     * listening TCB itself took the SYN. Real systems keep the listener as a socket of its own
     * and free the half-open one (Linux: tcp_check_req() resets, inet_csk_reqsk_queue_drop()
     * frees the request sock): the connection is gone, CLOSED, and the listener never left LISTEN.
     */
    static TcpState socketState(TcpState from, Step step, TcpState rfcTo) {
        if (from == TcpState.SYN_RECEIVED && step == Step.RCV_RST && rfcTo == TcpState.LISTEN) {
            return TcpState.CLOSED;
        }
        return rfcTo;
    }

    static final List<Edge> EDGES = edges();

    private static List<Edge> edges() {
        List<Edge> e = new ArrayList<>();
        Difficulty E = Difficulty.EASY;
        Difficulty M = Difficulty.MEDIUM;
        Difficulty H = Difficulty.HARD;
        e.add(new Edge(TcpState.CLOSED, Step.PASSIVE_OPEN, E));
        e.add(new Edge(TcpState.CLOSED, Step.ACTIVE_OPEN, E));
        e.add(new Edge(TcpState.LISTEN, Step.RCV_SYN, E));
        e.add(new Edge(TcpState.SYN_SENT, Step.RCV_SYN_ACK, E));
        e.add(new Edge(TcpState.SYN_RECEIVED, Step.RCV_ACK_OF_SYN, E));
        e.add(new Edge(TcpState.ESTABLISHED, Step.CLOSE, E));
        e.add(new Edge(TcpState.ESTABLISHED, Step.RCV_FIN, E));
        e.add(new Edge(TcpState.FIN_WAIT_1, Step.RCV_ACK_OF_FIN, E));
        e.add(new Edge(TcpState.FIN_WAIT_2, Step.RCV_FIN, E));
        e.add(new Edge(TcpState.CLOSE_WAIT, Step.CLOSE, E));
        e.add(new Edge(TcpState.LAST_ACK, Step.RCV_ACK_OF_FIN, E));
        e.add(new Edge(TcpState.TIME_WAIT, Step.TIMEOUT_2MSL, E));
        e.add(new Edge(TcpState.LISTEN, Step.CLOSE, M));
        e.add(new Edge(TcpState.LISTEN, Step.SEND, M));
        e.add(new Edge(TcpState.SYN_SENT, Step.CLOSE, M));
        e.add(new Edge(TcpState.SYN_SENT, Step.RCV_SYN, M));
        e.add(new Edge(TcpState.SYN_RECEIVED, Step.CLOSE, M));
        e.add(new Edge(TcpState.FIN_WAIT_1, Step.RCV_FIN, M));
        e.add(new Edge(TcpState.FIN_WAIT_1, Step.RCV_FIN_ACK_OF_FIN, M));
        e.add(new Edge(TcpState.CLOSING, Step.RCV_ACK_OF_FIN, M));
        for (Step s : Step.values()) {
            if (!s.isFigure5()) {
                continue;
            }
            for (TcpState from : s.appliesIn()) {
                boolean known = false;
                for (Edge x : e) {
                    known |= x.from() == from && x.step() == s;
                }
                if (!known) {
                    e.add(new Edge(from, s, H));
                }
            }
        }
        return List.copyOf(e);
    }

    static Edge pickEdge(Random rnd, Difficulty d, TcpState from, boolean rfcModel) {
        List<Edge> pool = new ArrayList<>();
        for (Edge e : EDGES) {
            if (e.rfcOnly() && !rfcModel) {
                continue;
            }
            if (from != null ? e.from() == from : e.level() == d) {
                pool.add(e);
            }
        }
        return pool.get(rnd.nextInt(pool.size()));
    }
}
