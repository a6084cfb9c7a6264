package tcplab.capture;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tcplab.netstat.SocketRow;
import tcplab.sim.Timeline;
import tcplab.sim.TraceEvent;
import tcplab.sim.TraceEvent.SegmentAction;
import tcplab.sim.TraceEvent.SegmentEvent;
import tcplab.sim.TraceEvent.StateChange;
import tcplab.tcp.Cause;
import tcplab.tcp.Endpoint;
import tcplab.tcp.Segment;
import tcplab.tcp.TcpState;

/**
 * One connection of a capture turned into the recorded run the window's ladder, state diagram and
 * inspector already read (a {@link Timeline} of trace events), so a capture plays, steps and seeks
 * exactly as a simulation does, with no second path in the views.
 *
 * <p>Each packet is one step at its capture time, relative to the connection's first packet: sent
 * and delivered at that moment, since a capture point sees a packet once and knows neither when it
 * left its sender nor when it reached its receiver. Each end's transitions are {@link StateInference}'s,
 * at their times: one made on the packet's own frame at the packet's time belongs to the packet's
 * step; one inferred at another time (a reception proved by a later acknowledgement, TIME-WAIT's
 * timer) is a step of its own. Transitions that are inferences keep their reason ({@link #inferredReason}).
 *
 * <p>Socket ids: 1 the server's listening socket (when it answered a SYN with a SYN-ACK), 2 the
 * client's connection, 3 the server's connection.
 *
 * <p>IPv6: the simulator's {@link Endpoint} holds a 32-bit address, and the trace events the views
 * read are the simulator's. An IPv6 connection's two addresses therefore stand in the run as
 * {@link #V6_STAND_IN} addresses (240.0.0.1, and 240.0.0.2 for a different second one: the
 * reserved 240.0.0.0/4 of RFC 1112 §4, which no packet carries), and whatever is shown to a
 * person goes through {@link #endpointText} ({@code [::1]:8080}) and {@link #rowsAfter} (tcp6
 * rows with the real addresses). Only that text changes; the states and numbers are the packets'.
 */
public final class CaptureRun {
    static final int LISTENER = 1;
    static final int CLIENT = 2;
    static final int SERVER = 3;

    /** The first stand-in address of an IPv6 connection's ends (240.0.0.1). */
    static final int V6_STAND_IN = 0xF0000001;

    private final Connection connection;
    private final Timeline timeline;
    /** Each step's Send-Q of each end (index 0: before the first step), from the packets seen by then. */
    private final long[][] sendQAfter;
    private final String[] hosts;
    private final Map<StateChange, String> inferred;
    /** Each end's state after each step (index 0: before the first), for the netstat tables. */
    private final TcpState[][] statesAfter;

    private CaptureRun(Connection connection, Timeline timeline, String[] hosts, Map<StateChange, String> inferred,
                       TcpState[][] statesAfter, long[][] sendQAfter) {
        this.sendQAfter = sendQAfter;
        this.connection = connection;
        this.timeline = timeline;
        this.hosts = hosts;
        this.inferred = inferred;
        this.statesAfter = statesAfter;
    }

    /** Whether {@link #of} can make a run of {@code c}: an IPv4 or IPv6 connection (every one a capture holds). */
    public static boolean supported(Connection c) {
        return c.ipVersion() == 4 || c.ipVersion() == 6;
    }

    /**
     * The run of connection {@code c}, its client's column named {@code clientName} and its
     * server's {@code serverName} (they must differ: on loopback both ends have one address).
     */
    public static CaptureRun of(Connection c, String clientName, String serverName) {
        if (!supported(c)) {
            throw new IllegalArgumentException("only IPv4 and IPv6 connections become runs");
        }
        if (clientName.equals(serverName)) {
            throw new IllegalArgumentException("the two ends need different names");
        }
        String[] hosts = {clientName, serverName};
        Endpoint[] ep;
        if (c.ipVersion() == 4) {
            ep = new Endpoint[] {new Endpoint(Endpoint.parseAddress(c.address(0)), c.port(0)),
                    new Endpoint(Endpoint.parseAddress(c.address(1)), c.port(1))};
        } else {
            // loopback (::1 to ::1) keeps one stand-in, as IPv4's loopback keeps one address
            int second = c.address(0).equals(c.address(1)) ? V6_STAND_IN : V6_STAND_IN + 1;
            ep = new Endpoint[] {new Endpoint(V6_STAND_IN, c.port(0)), new Endpoint(second, c.port(1))};
        }
        long t0 = c.firstNanos();

        // What happens at which time: each packet, and each transition not made on its packet at its time.
        record Item(long timeNanos, int kind, long order, Connection.Packet packet, Connection.Transition transition) {
        }
        List<Item> items = new ArrayList<>();
        Map<Long, Long> packetTime = new java.util.HashMap<>();
        for (Connection.Packet p : c.packets()) {
            items.add(new Item(p.tcp().timeNanos(), 1, p.tcp().frame(), p, null));
            packetTime.putIfAbsent(p.tcp().frame(), p.tcp().timeNanos());
        }
        // A transition made on a packet at that packet's time belongs to the packet's step; any
        // other (a reception proved later, a timer) is a step of its own, before a packet at the
        // same time (it was received before the packet that proves it was sent). An end's changes
        // keep the inference's order: one that would come after a later change of its end (a
        // FIN revealed by a packet after the one that made the next change) gets its own step too.
        List<Connection.Transition> ts = c.transitions();
        boolean[] own = new boolean[ts.size()];
        for (int i = 0; i < ts.size(); i++) {
            Long pt = packetTime.get(ts.get(i).frame());
            own[i] = !(ts.get(i).frame() > 0 && pt != null && pt == ts.get(i).timeNanos());
        }
        java.util.Comparator<long[]> byKey = java.util.Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]).thenComparingLong(k -> k[2]);
        long[][] laterKey = new long[2][];
        for (int i = ts.size() - 1; i >= 0; i--) {
            Connection.Transition t = ts.get(i);
            long[] key = own[i] ? new long[] {t.timeNanos(), 0, i} : new long[] {t.timeNanos(), 1, t.frame()};
            if (!own[i] && laterKey[t.end()] != null && byKey.compare(key, laterKey[t.end()]) > 0) {
                own[i] = true;
                key = new long[] {t.timeNanos(), 0, i};
            }
            if (laterKey[t.end()] == null || byKey.compare(key, laterKey[t.end()]) < 0) {
                laterKey[t.end()] = key;
            }
        }
        Map<Long, List<Connection.Transition>> onPacket = new java.util.HashMap<>();
        for (int i = 0; i < ts.size(); i++) {
            Connection.Transition t = ts.get(i);
            if (own[i]) {
                items.add(new Item(t.timeNanos(), 0, i, null, t));
            } else {
                onPacket.computeIfAbsent(t.frame(), f -> new ArrayList<>()).add(t);
            }
        }
        items.sort(java.util.Comparator.comparingLong(Item::timeNanos).thenComparingInt(Item::kind).thenComparingLong(Item::order));

        List<Timeline.Entry> entries = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Timeline.Flight> flights = new ArrayList<>();
        Map<StateChange, String> inferred = new IdentityHashMap<>();
        List<TcpState[]> after = new ArrayList<>();
        List<long[]> queues = new ArrayList<>();
        SendQueue[] sq = {new SendQueue(), new SendQueue()};
        TcpState[] state = {c.initialState(0), c.initialState(1)};
        boolean listened = c.initialState(1) == TcpState.LISTEN;
        boolean[] connSocket = new boolean[2];

        // Step 1, at time 0: what each end was before the first packet, when that is not "nothing".
        List<StateChange> initial = new ArrayList<>();
        if (listened) {
            StateChange s = new StateChange(0, serverName, LISTENER, new Endpoint(0, ep[1].port()), null,
                    TcpState.CLOSED, TcpState.LISTEN, Cause.PASSIVE_OPEN);
            initial.add(s);
            inferred.put(s, c.initialReason(1));
        }
        for (int e = 0; e < 2; e++) {
            if (state[e] != TcpState.CLOSED && state[e] != TcpState.LISTEN) {
                StateChange s = new StateChange(0, hosts[e], e == 0 ? CLIENT : SERVER, ep[e], ep[1 - e],
                        TcpState.CLOSED, state[e], e == 0 ? Cause.ACTIVE_OPEN : Cause.PASSIVE_OPEN);
                connSocket[e] = true;
                initial.add(s);
                inferred.put(s, c.initialReason(e));
            }
        }
        // before step 1 nothing is shown yet; step 1 (time 0) sets up what each end was before the first packet
        after.add(initial.isEmpty() ? state.clone() : new TcpState[] {TcpState.CLOSED, TcpState.CLOSED});
        queues.add(new long[2]);
        if (!initial.isEmpty()) {
            for (StateChange s : initial) {
                entries.add(new Timeline.Entry(1, s));
            }
            times.add(0L);
            after.add(state.clone());
            queues.add(new long[2]);
        }
        long id = 0;
        for (Item it : items) {
            int step = times.size() + 1;
            long us = Math.max(0, (it.timeNanos() - t0) / 1000);
            if (!times.isEmpty() && us < times.get(times.size() - 1)) {
                us = times.get(times.size() - 1); // a capture's clock may step back a little; steps never do
            }
            if (it.packet() != null) {
                TcpPacket t = it.packet().tcp();
                int from = it.packet().from();
                sq[from].sent(t);
                if (t.has(TcpPacket.ACK)) {
                    sq[1 - from].acked(t.ack());
                }
                Segment seg = new Segment(ep[from], ep[1 - from], (int) t.seq(), (int) t.ack(), t.flags() & 0x1F,
                        t.window(), t.payloadLen(), t.mss(), null);
                id++;
                String note = it.packet().note() == null ? null : it.packet().note().name();
                SegmentEvent send = new SegmentEvent(us, hosts[from], SegmentAction.SEND, id, seg, null, note);
                SegmentEvent deliver = new SegmentEvent(us, hosts[1 - from], SegmentAction.DELIVER, id, seg, null, note);
                entries.add(new Timeline.Entry(step, send));
                // the sender's own changes first (a SYN makes SYN-SENT as it leaves), then the receiver's
                List<Connection.Transition> here = onPacket.getOrDefault(t.frame(), List.of());
                for (Connection.Transition tr : here) {
                    if (tr.end() == from) {
                        entries.add(new Timeline.Entry(step, change(tr, us, true, t, hosts, ep, state, connSocket, inferred)));
                    }
                }
                entries.add(new Timeline.Entry(step, deliver));
                for (Connection.Transition tr : here) {
                    if (tr.end() != from) {
                        entries.add(new Timeline.Entry(step, change(tr, us, false, t, hosts, ep, state, connSocket, inferred)));
                    }
                }
                flights.add(new Timeline.Flight(id, send, deliver, step, step, us));
            } else {
                Connection.Transition tr = it.transition();
                TcpPacket t = tr.frame() > 0 ? packetOf(c, tr.frame()) : null;
                boolean bySender = t != null && c.endOf(t) == tr.end();
                entries.add(new Timeline.Entry(step, change(tr, us, bySender, t, hosts, ep, state, connSocket, inferred)));
            }
            times.add(us);
            after.add(state.clone());
            queues.add(new long[] {sq[0].queued(state[0]), sq[1].queued(state[1])});
        }
        long[] stepTimes = new long[times.size()];
        for (int i = 0; i < stepTimes.length; i++) {
            stepTimes[i] = times.get(i);
        }
        Map<Integer, String> byAddress = new LinkedHashMap<>();
        byAddress.put(ep[0].address(), clientName);
        // on loopback both ends share an address: it names the server (the address a client dials)
        byAddress.put(ep[1].address(), serverName);
        Map<String, String> notes = Map.of(clientName, c.endText(0), serverName, c.endText(1));
        Timeline tl = Timeline.recorded(entries, stepTimes, flights, List.of(clientName, serverName), byAddress, notes);
        return new CaptureRun(c, tl, hosts, inferred, after.toArray(new TcpState[0][]), queues.toArray(new long[0][]));
    }

    /**
     * One end's send queue as Linux's netstat counts it: {@code write_seq - snd_una}
     * ({@code get_tcp4_sock} in net/ipv4/tcp_ipv4.c), sequence numbers written and not yet
     * acknowledged. The SYN and the FIN count, as they take a sequence number ({@code tcp_connect}
     * and {@code tcp_send_fin} advance {@code write_seq} for them): a SYN-SENT socket shows 1.
     * What was written is known only once sent, so this is what the capture shows sent and not yet
     * acknowledged by a packet the capture saw.
     */
    private static final class SendQueue {
        private boolean any;
        private long next;
        private long una;

        void sent(TcpPacket t) {
            long end = (t.seq() + t.seqLen()) & 0xFFFFFFFFL;
            if (!any) {
                any = true;
                una = t.seq();
                next = end;
            } else if (after(end, next)) {
                next = end;
            }
        }

        void acked(long ack) {
            if (any && after(ack, una) && !after(ack, next)) {
                una = ack;
            }
        }

        /**
         * The queue in state {@code s}: a SYN-RECEIVED connection is still a request socket and a
         * TIME-WAIT one a timewait socket, which Linux lists with empty queues
         * ({@code get_openreq4}, {@code get_timewait4_sock}); so are a listener and a closed end.
         */
        long queued(TcpState s) {
            if (!any || s == TcpState.SYN_RECEIVED || s == TcpState.TIME_WAIT || s == TcpState.LISTEN || s == TcpState.CLOSED) {
                return 0;
            }
            return (next - una) & 0xFFFFFFFFL;
        }

        /** a after b in sequence space (RFC 9293 §3.4: modulo 2^32). */
        private static boolean after(long a, long b) {
            return (int) (a - b) > 0;
        }
    }

    /**
     * How a person reads an end of this run: {@code 10.0.0.1:80}, or for an IPv6 connection the
     * real address in brackets, {@code [::1]:8080}, where the run holds a stand-in.
     */
    public String endpointText(Endpoint e) {
        if (e == null) {
            return "*:*";
        }
        if (connection.ipVersion() == 6) {
            for (int end = 0; end < 2; end++) {
                Endpoint mine = standIn(end);
                if (mine.address() == e.address()) {
                    return e.port() == 0 ? "[" + connection.address(end) + "]:*" : "[" + connection.address(end) + "]:" + e.port();
                }
            }
            if (e.address() == 0) {
                return "[::]:" + e.port();
            }
        }
        return e.toString();
    }

    /**
     * The octets of an end's address as the capture had it (for writing the run as a capture
     * again): an IPv6 connection's real 16 octets for its stand-ins, else the IPv4 address.
     */
    public byte[] addressBytes(Endpoint e) {
        if (connection.ipVersion() == 6) {
            for (int end = 0; end < 2; end++) {
                if (standIn(end).address() == e.address()) {
                    try {
                        // a literal: parsed, never looked up
                        return java.net.InetAddress.getByName(connection.address(end)).getAddress();
                    } catch (java.net.UnknownHostException x) {
                        throw new IllegalStateException("not an IPv6 literal: " + connection.address(end), x);
                    }
                }
            }
        }
        return TraceExport.address(e, false);
    }

    /** Whether the run's ends are IPv6 (the capture's connection was). */
    public boolean ipv6() {
        return connection.ipVersion() == 6;
    }

    private Endpoint standIn(int end) {
        int second = connection.address(0).equals(connection.address(1)) ? V6_STAND_IN : V6_STAND_IN + 1;
        return new Endpoint(end == 0 ? V6_STAND_IN : second, connection.port(end));
    }

    /**
     * Each end's Send-Q after step {@code k}: sequence numbers it sent that no packet seen by then
     * acknowledged (see {@link SendQueue}). Its Recv-Q, what arrived and its program has not read,
     * no packet shows: {@link #rowsAfter} lists 0 for it, and says so ({@link #RECV_Q_UNKNOWN}).
     */
    public long sendQAfter(int end, int k) {
        return sendQAfter[Math.max(0, Math.min(k, sendQAfter.length - 1))][end];
    }

    /** The capture bundle's key of the sentence saying why Recv-Q is 0 for a capture. */
    public static final String RECV_Q_UNKNOWN = "netstat.recvQUnknown";

    private static TcpPacket packetOf(Connection c, long frame) {
        for (Connection.Packet p : c.packets()) {
            if (p.tcp().frame() == frame) {
                return p.tcp();
            }
        }
        return null;
    }

    /** The trace event of one inferred transition; updates {@code state}. */
    private static StateChange change(Connection.Transition tr, long us, boolean bySender, TcpPacket t, String[] hosts,
                                      Endpoint[] ep, TcpState[] state, boolean[] connSocket, Map<StateChange, String> inferred) {
        int e = tr.end();
        int socket;
        TcpState from = tr.from();
        if (e == 1 && !connSocket[1] && from == TcpState.LISTEN) {
            // the listener stays; the connection is a new socket born from it (RFC 9293 §3.10.7.2)
            socket = SERVER;
        } else {
            socket = e == 0 ? CLIENT : SERVER;
        }
        if (tr.to() != TcpState.LISTEN) {
            connSocket[e] = true;
        }
        StateChange s = new StateChange(us, hosts[e], socket, ep[e], ep[1 - e], from, tr.to(), cause(tr, bySender, t));
        state[e] = tr.to();
        if (tr.inferred()) {
            inferred.put(s, tr.reason());
        }
        return s;
    }

    /** The RFC 9293 event that explains a transition, from the states and the packet that made it. */
    static Cause cause(Connection.Transition tr, boolean bySender, TcpPacket t) {
        TcpState from = tr.from();
        TcpState to = tr.to();
        if ("timeWaitTimer".equals(tr.reason())) {
            return Cause.TIMEOUT_2MSL;
        }
        if (tr.timer()) {
            return Cause.TIMEOUT_RETRANSMISSION;
        }
        if (t != null && t.has(TcpPacket.RST)) {
            return bySender ? Cause.ABORT : Cause.RCV_RST;
        }
        if (bySender) {
            if (to == TcpState.SYN_SENT) {
                return Cause.ACTIVE_OPEN;
            }
            if (to == TcpState.FIN_WAIT_1 || to == TcpState.LAST_ACK) {
                return Cause.CLOSE;
            }
            if (to == TcpState.CLOSED) {
                return Cause.ABORT;
            }
        }
        switch (to) {
            case SYN_RECEIVED:
                return Cause.RCV_SYN;
            case ESTABLISHED:
                return from == TcpState.SYN_SENT ? Cause.RCV_SYN_ACK : Cause.RCV_ACK_OF_SYN;
            case CLOSE_WAIT:
            case CLOSING:
                return Cause.RCV_FIN;
            case TIME_WAIT:
                return from == TcpState.FIN_WAIT_1 ? Cause.RCV_FIN_ACK_OF_FIN : from == TcpState.FIN_WAIT_2 ? Cause.RCV_FIN : Cause.RCV_ACK_OF_FIN;
            case FIN_WAIT_2:
            case CLOSED:
                return Cause.RCV_ACK_OF_FIN;
            case SYN_SENT:
                return Cause.ACTIVE_OPEN;
            case FIN_WAIT_1:
            case LAST_ACK:
                return Cause.CLOSE;
            default:
                return Cause.RCV_SYN;
        }
    }

    public Timeline timeline() {
        return timeline;
    }

    public Connection connection() {
        return connection;
    }

    /** The column name of end {@code end} (0 client, 1 server). */
    public String host(int end) {
        return hosts[end];
    }

    /** Why {@code s} (an event of {@link #timeline()}) is an inference (a {@code why.NAME} key of the capture bundle), or null when a packet shows it. */
    public String inferredReason(TraceEvent s) {
        return s instanceof StateChange sc ? inferred.get(sc) : null;
    }

    /**
     * Each end's state after step {@code k}; before the first step (k = 0) CLOSED when the run's
     * first step sets up the states the ends had before the first packet (a listener, say).
     */
    public TcpState stateAfter(int end, int k) {
        return statesAfter[Math.max(0, Math.min(k, statesAfter.length - 1))][end];
    }

    /**
     * What each end's {@code netstat} would list after step {@code k}: its connection's row while
     * it is in a state netstat shows (not CLOSED), and the server's listener once it answered a
     * SYN (the capture cannot show when it stopped listening, so it stays). Send-Q is
     * {@link #sendQAfter}; Recv-Q 0, as a capture cannot show what a program read (nor a
     * listener's accept queue); no process, since a capture does not name one. An IPv6
     * connection's rows are tcp6 rows with its real addresses, its listener on {@code [::]}.
     */
    public LinkedHashMap<String, List<SocketRow>> rowsAfter(int k) {
        LinkedHashMap<String, List<SocketRow>> out = new LinkedHashMap<>();
        for (int e = 0; e < 2; e++) {
            List<SocketRow> rows = new ArrayList<>();
            tcplab.netstat.Family family = connection.ipVersion() == 6 ? tcplab.netstat.Family.IPV6 : tcplab.netstat.Family.IPV4;
            if (e == 1 && connection.initialState(1) == TcpState.LISTEN && k >= 1) {
                rows.add(new SocketRow(tcplab.netstat.Proto.TCP, family, false,
                        tcplab.netstat.Endpoint.of(family.anyAddress(), connection.port(1)), tcplab.netstat.Endpoint.anyPort(family.anyAddress()),
                        TcpState.LISTEN, 0L, 0L, null, null, null, null));
            }
            TcpState s = stateAfter(e, k);
            if (s != TcpState.CLOSED && s != TcpState.LISTEN) {
                rows.add(new SocketRow(tcplab.netstat.Proto.TCP, family, false,
                        tcplab.netstat.Endpoint.of(connection.address(e), connection.port(e)),
                        tcplab.netstat.Endpoint.of(connection.address(1 - e), connection.port(1 - e)),
                        s, 0L, sendQAfter(e, k), null, null, null, null));
            }
            out.put(hosts[e], rows);
        }
        return out;
    }
}
