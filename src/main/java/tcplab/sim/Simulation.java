package tcplab.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import tcplab.sim.TraceEvent.AppEvent;
import tcplab.sim.TraceEvent.DropReason;
import tcplab.sim.TraceEvent.SegmentAction;
import tcplab.sim.TraceEvent.SegmentEvent;
import tcplab.sim.TraceEvent.StateChange;
import tcplab.tcp.Cause;
import tcplab.tcp.Endpoint;
import tcplab.tcp.Flags;
import tcplab.tcp.Notice;
import tcplab.tcp.Resend;
import tcplab.tcp.Segment;
import tcplab.tcp.TcpConfig;
import tcplab.tcp.TcpEndpoint;
import tcplab.tcp.TcpState;

/**
 * A deterministic discrete-event simulation of hosts exchanging TCP segments.
 *
 * <p>Virtual time is in microseconds and only moves when the next event is taken from the queue;
 * events at the same time run in the order they were scheduled. Every random choice (ISNs, client
 * ports, PIDs, loss) comes from one {@link SplittableRandom} seeded by the caller, so the same
 * seed and the same script give the same trace, event for event.
 */
public final class Simulation implements TcpEndpoint.Events {

    private abstract static class Ev {
        final long at;
        final long order;

        Ev(long at, long order) {
            this.at = at;
            this.order = order;
        }

        abstract void fire(Simulation sim);
    }

    private void enqueue(Ev e) {
        queue.add(e.at, e.order, e);
    }

    private static final class Deliver extends Ev {
        final Segment segment;
        final long id;
        final Host from;
        final Host to;

        Deliver(long at, long order, Segment segment, long id, Host from, Host to) {
            super(at, order);
            this.segment = segment;
            this.id = id;
            this.from = from;
            this.to = to;
        }

        @Override
        void fire(Simulation sim) {
            sim.deliver(this);
        }
    }

    /** A segment lost on the link: it leaves, and is gone at {@code at}, somewhere along the way. */
    private static final class Lose extends Ev {
        final Segment segment;
        final long id;
        final Host from;
        final DropReason reason;
        final String detail;

        Lose(long at, long order, Segment segment, long id, Host from, DropReason reason, String detail) {
            super(at, order);
            this.segment = segment;
            this.id = id;
            this.from = from;
            this.reason = reason;
            this.detail = detail;
        }

        @Override
        void fire(Simulation sim) {
            if (sim.tracing) {
                sim.trace.accept(new SegmentEvent(sim.now, from.name(), SegmentAction.DROP, id, segment, reason, detail));
            }
        }
    }

    private static final class Timer extends Ev {
        final Sock sock;

        Timer(long at, long order, Sock sock) {
            super(at, order);
            this.sock = sock;
        }

        @Override
        void fire(Simulation sim) {
            sim.timer(this);
        }
    }

    private static final class Action extends Ev {
        final Runnable action;

        Action(long at, long order, Runnable action) {
            super(at, order);
            this.action = action;
        }

        @Override
        void fire(Simulation sim) {
            action.run();
        }
    }

    private final SplittableRandom random;
    private final TraceSink trace;
    private final boolean tracing;
    private final EventQueue<Ev> queue = new EventQueue<>();
    private final List<Host> hosts = new ArrayList<>();
    private final Map<String, Host> hostsByName = new LinkedHashMap<>();
    private final Map<Integer, Host> hostsByAddress = new HashMap<>();
    private final long delayUs;
    private final double loss;
    private final List<DropRule> drops;
    private final int[] dropCounts;
    private final long cookieSecret;
    private long now;
    private long order;
    private long segmentIds;
    private long eventsProcessed;
    private long completedTimeWaits;
    private int nextSockId = 1;
    private java.util.function.IntSupplier isnSource;

    /**
     * @param seed    the one source of randomness
     * @param delayMs one-way delay of every link, in milliseconds
     * @param loss    probability that a segment is lost on the link (0 to 1)
     * @param drops   targeted drops, tried in order before random loss
     */
    public Simulation(long seed, double delayMs, double loss, List<DropRule> drops, TraceSink trace) {
        if (delayMs < 0 || !(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("delay must be >= 0 and loss in [0, 1]");
        }
        this.random = new SplittableRandom(seed);
        this.trace = trace;
        this.tracing = trace.enabled();
        this.delayUs = Math.round(delayMs * 1000);
        this.loss = loss;
        this.drops = List.copyOf(drops);
        this.dropCounts = new int[drops.size()];
        this.cookieSecret = random.nextLong();
    }

    // ------------------------------------------------------------------ building

    /** Adds a host; its name and address must be new. */
    public Host addHost(String name, int address, Profile profile, Profile.ClosedPort closedPort) {
        if (hostsByName.containsKey(name) || hostsByAddress.containsKey(address)) {
            throw new IllegalArgumentException("duplicate host " + name + " / " + Endpoint.formatAddress(address));
        }
        Host h = new Host(name, address, profile, closedPort, random.split());
        hosts.add(h);
        hostsByName.put(name, h);
        hostsByAddress.put(address, h);
        return h;
    }

    public List<Host> hosts() {
        return Collections.unmodifiableList(hosts);
    }

    /** The host called {@code name}, or null. */
    public Host host(String name) {
        return hostsByName.get(name);
    }

    /** The host with this address, or null. */
    public Host hostAt(int address) {
        return hostsByAddress.get(address);
    }

    /** Runs {@code action} at virtual time {@code atUs} (after what is already scheduled for that time). */
    public void schedule(long atUs, Runnable action) {
        enqueue(new Action(Math.max(atUs, now), order++, action));
    }

    // ------------------------------------------------------------------ running

    /** Current virtual time in microseconds. */
    public long now() {
        return now;
    }

    /** Events processed so far. */
    public long eventsProcessed() {
        return eventsProcessed;
    }

    /** Segments put on the wire so far. */
    public long segmentsSent() {
        return segmentIds;
    }

    /** Connections that went all the way to the end of TIME-WAIT: complete lifecycles. */
    public long completedTimeWaits() {
        return completedTimeWaits;
    }

    /** Time of the next event, or -1 when nothing is left to happen. */
    public long nextEventTime() {
        skipStaleTimers();
        return queue.isEmpty() ? -1 : queue.peekTime();
    }

    /**
     * Drops superseded timers at the head of the queue, so they neither count as events nor move
     * the clock (a run "ends" with its last real event, not with a cancelled timer).
     */
    private void skipStaleTimers() {
        Ev e;
        while ((e = queue.peek()) instanceof Timer t) {
            Sock s = t.sock;
            if (s.removed || t.at != s.scheduledTimerUs) {
                queue.poll(); // superseded by an earlier timer, or the socket is gone
                continue;
            }
            long due = s.endpoint.nextDeadline();
            if (due <= t.at) {
                return; // a real deadline
            }
            // The deadline moved later since this timer was queued (reschedule keeps the earlier
            // timer rather than queueing one per change): put it back at the new time.
            queue.poll();
            s.scheduledTimerUs = Long.MAX_VALUE;
            reschedule(s);
        }
    }

    /** Processes one event. Returns false when there was none. */
    public boolean step() {
        skipStaleTimers();
        Ev e = queue.poll();
        if (e == null) {
            return false;
        }
        now = e.at;
        eventsProcessed++;
        e.fire(this);
        return true;
    }

    /** Processes every event up to and including {@code untilUs}, then sets the clock to it. */
    public void runUntil(long untilUs) {
        long next;
        while ((next = nextEventTime()) >= 0 && next <= untilUs) {
            step();
        }
        if (untilUs > now) {
            now = untilUs;
        }
    }

    /** Processes events until none is left or {@code maxEvents} have run; returns whether it finished. */
    public boolean runToEnd(long maxEvents) {
        long limit = eventsProcessed + maxEvents;
        while (nextEventTime() >= 0) {
            if (eventsProcessed >= limit) {
                return false;
            }
            step();
        }
        return true;
    }

    // ------------------------------------------------------------------ application calls

    /**
     * listen(): a socket on every interface (0.0.0.0) of {@code h}. Returns null (and traces
     * EADDRINUSE) when the port is taken.
     */
    public Sock listen(Host h, int port, int backlog, boolean acceptNever, String program, AppBehavior perConnection) {
        if (h.portInUse(port)) {
            app(h, null, new Endpoint(0, port), null, "listen", "EADDRINUSE");
            return null;
        }
        TcpEndpoint ep = new TcpEndpoint(h.config(), new Endpoint(0, port), this::nextIsn, this);
        Sock s = new Sock(nextSockId++, h, Sock.Kind.LISTENER, ep, null, program, h.pidFor(program), perConnection);
        s.backlog = h.profile().effectiveBacklog(backlog > 0 ? backlog : h.profile().defaultBacklog());
        s.acceptNever = acceptNever;
        ep.attach(s);
        h.addListener(s);
        ep.listen(now);
        app(h, s, s.local(), null, "listen", "OK", s.backlog, null);
        return s;
    }

    /**
     * connect(): an active open from {@code fromPort} (0 for an ephemeral port) of {@code h}
     * to {@code to}. Returns null (and traces the error) when no port is free.
     */
    public Sock connect(Host h, Endpoint to, int fromPort, String program, AppBehavior app) {
        int port = fromPort > 0 ? fromPort : h.allocateEphemeralPort();
        Endpoint local = new Endpoint(h.address(), Math.max(port, 0));
        if (port < 0 || h.connection(port, to) != null || (fromPort > 0 && h.listener(fromPort) != null)) {
            app(h, null, local, to, "connect", port < 0 ? "EADDRNOTAVAIL" : "EADDRINUSE");
            return null;
        }
        TcpEndpoint ep = new TcpEndpoint(h.config(), local, this::nextIsn, this);
        ep.setReadsAtOnce(app.readsAtOnce());
        Sock s = new Sock(nextSockId++, h, Sock.Kind.ACTIVE, ep, null, program, h.pidFor(program), app);
        ep.attach(s);
        ep.setRemote(to);
        h.addConnection(s);
        ep.connect(to, now);
        reschedule(s);
        return s;
    }

    /** send() on a connection; traces the call's result when it is an error. */
    public void send(Sock s, int bytes, String label) {
        if (s.removed) {
            return;
        }
        TcpEndpoint.CallResult r = s.endpoint.send(bytes, label, now);
        if (r != TcpEndpoint.CallResult.OK) {
            app(s.host, s, s.local(), s.remote(), "send", r.name(), bytes, label);
        }
        reschedule(s);
    }

    /** close() by the application: it gives up its descriptor, whatever TCP does next. */
    public void close(Sock s) {
        if (s.removed) {
            return;
        }
        s.closedByApp = true;
        TcpEndpoint.CallResult r = s.endpoint.close(now);
        app(s.host, s, s.local(), s.remote(), "close", r == TcpEndpoint.CallResult.OK ? "OK" : r.name());
        if (!s.removed) {
            reschedule(s);
        }
    }

    /** abort(): close with a RST (SO_LINGER 0). */
    public void abort(Sock s) {
        if (s.removed) {
            return;
        }
        s.closedByApp = true;
        TcpEndpoint.CallResult r = s.endpoint.abort(now);
        app(s.host, s, s.local(), s.remote(), "abort", r == TcpEndpoint.CallResult.OK ? "OK" : r.name());
        if (!s.removed) {
            reschedule(s);
        }
    }

    /** The host crashes and comes back: every connection vanishes without a segment. */
    public void restart(Host h) {
        app(h, null, null, null, "restart", "OK");
        for (Sock s : new ArrayList<>(h.sockets())) {
            s.endpoint.loseState(now);
            h.remove(s);
        }
    }

    /**
     * Puts a hand-made segment on the wire from {@code h}, whatever its source address says: how a
     * SYN flood with spoofed sources is sent (raw sockets, no TCB on the sender).
     */
    public void sendRaw(Host h, Segment seg) {
        transmitFrom(h, seg);
    }

    /** The application sockets of {@code h} (connected or accepted, not listeners) that {@code filter} accepts. */
    public List<Sock> appConnections(Host h, Predicate<Sock> filter) {
        List<Sock> out = new ArrayList<>();
        for (Sock s : h.sockets()) {
            if (s.kind == Sock.Kind.LISTENER || (s.kind == Sock.Kind.CHILD && !s.accepted)) {
                continue;
            }
            if (filter.test(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** A random value from the run's seeded source (for scenario actions such as spoofed addresses). */
    public int randomInt(int bound) {
        return random.nextInt(bound);
    }

    /**
     * Where initial sequence numbers come from: by default the run's seeded random source. A
     * lesson may want small, readable ISNs; a test may want ISNs just below 2^32 to cross the wrap.
     */
    public void setIsnSource(java.util.function.IntSupplier source) {
        this.isnSource = source;
    }

    private int nextIsn() {
        return isnSource != null ? isnSource.getAsInt() : random.nextInt();
    }

    // ------------------------------------------------------------------ the network

    @Override
    public void transmit(TcpEndpoint from, Segment segment) {
        transmitFrom(((Sock) from.attachment()).host, segment, null);
    }

    @Override
    public void transmit(TcpEndpoint from, Segment segment, Resend resend) {
        transmitFrom(((Sock) from.attachment()).host, segment, resend);
    }

    private void transmitFrom(Host from, Segment seg) {
        transmitFrom(from, seg, null);
    }

    private void transmitFrom(Host from, Segment seg, Resend resend) {
        long id = ++segmentIds;
        if (tracing) {
            trace.accept(new SegmentEvent(now, from.name(), SegmentAction.SEND, id, seg, null, null, resend));
        }
        Host to = hostsByAddress.get(seg.dst().address());
        for (int i = 0; i < drops.size(); i++) {
            DropRule rule = drops.get(i);
            if ((rule.count() < 0 || dropCounts[i] < rule.count())
                    && rule.matches(seg, from.name(), to == null ? null : to.name(), id, now)) {
                dropCounts[i]++;
                long at = rule.lossAtUs() >= now && rule.lossAtUs() < now + delayUs ? rule.lossAtUs() : halfWay();
                // A rule's drop names where the rule is written; the user's needs no more than its reason.
                lose(at, seg, id, from, rule.byUser() ? DropReason.USER : DropReason.RULE, rule.byUser() ? null : rule.source());
                return;
            }
        }
        if (loss > 0 && random.nextDouble() < loss) {
            lose(halfWay(), seg, id, from, DropReason.LOSS, null);
            return;
        }
        enqueue(new Deliver(now + delayUs, order++, seg, id, from, to));
    }

    /**
     * Where a segment lost on the link dies. The fate is drawn when it leaves (so the random
     * source is used in sending order and the run stays reproducible), but the loss itself
     * happens on the wire: the segment travels part of the way and is gone at a real time, an
     * event of its own, so the trace, the ladder and the inspector all tell the same time. A
     * real link loses a packet somewhere along the path; the model takes the middle.
     */
    private long halfWay() {
        return now + delayUs / 2;
    }

    /** Queued even when not tracing: a replay must take the same steps as the recorded run. */
    private void lose(long at, Segment seg, long id, Host from, DropReason reason, String detail) {
        enqueue(new Lose(at, order++, seg, id, from, reason, detail));
    }

    /** One-way delay of every link, µs. */
    public long delayUs() {
        return delayUs;
    }

    /** Random loss on every link, 0 to 1: the run's own, after --loss or the window's setting. */
    public double loss() {
        return loss;
    }

    private void drop(Deliver d, String host, DropReason reason, String detail) {
        if (tracing) {
            trace.accept(new SegmentEvent(now, host, SegmentAction.DROP, d.id, d.segment, reason, detail));
        }
    }

    private void deliver(Deliver d) {
        Segment seg = d.segment;
        Host to = d.to;
        if (to == null) {
            // Nobody has this address (a spoofed source, an unused address): the segment is lost.
            drop(d, d.from.name(), DropReason.NO_HOST, seg.dst().addressText());
            return;
        }
        if (tracing) {
            trace.accept(new SegmentEvent(now, to.name(), SegmentAction.DELIVER, d.id, seg, null, null));
        }
        Sock s = to.connection(seg.dst().port(), seg.src());
        if (s != null) {
            if (s.kind == Sock.Kind.CHILD && s.halfOpen && s.listener.acceptQueueCount > s.listener.backlog
                    && seg.has(Flags.ACK) && !seg.has(Flags.SYN) && !seg.has(Flags.RST)) {
                // Linux with tcp_abort_on_overflow = 0: the final ACK is ignored while the accept
                // queue is full; the SYN-ACK timer will retry (tcp_check_req, "listen overflow").
                drop(d, to.name(), DropReason.ACCEPT_QUEUE_FULL, null);
                return;
            }
            s.endpoint.segmentArrives(seg, now);
            if (!s.removed) {
                reschedule(s);
            }
            return;
        }
        Sock l = to.listener(seg.dst().port());
        if (l != null && l.state() == TcpState.LISTEN) {
            arriveAtListener(l, d);
            return;
        }
        if (to.closedPort() == Profile.ClosedPort.DROP) {
            drop(d, to.name(), DropReason.FILTERED, null);
            return;
        }
        // No socket: RFC 9293 §3.10.7.1 — answer with a RST ("connection refused").
        Segment rst = TcpEndpoint.resetFor(seg);
        if (rst != null) {
            transmitFrom(to, rst);
        }
    }

    /** A segment for a listening port with no connection yet (RFC 9293 §3.10.7.2 plus the backlog). */
    private void arriveAtListener(Sock l, Deliver d) {
        Segment seg = d.segment;
        Host h = l.host;
        boolean synOnly = seg.has(Flags.SYN) && !seg.has(Flags.ACK) && !seg.has(Flags.RST);
        int cookies = h.profile().synCookies();
        if (synOnly) {
            if (l.acceptQueueCount > l.backlog) {
                // Linux drops SYNs while the accept queue is full (tcp_conn_request, sk_acceptq_is_full).
                drop(d, h.name(), DropReason.ACCEPT_QUEUE_FULL, null);
                return;
            }
            // tcp_conn_request(): cookies always (2), or once inet_csk_reqsk_queue_is_full() (1).
            boolean synQueueFull = h.profile().synQueueFull(l.halfOpenCount, l.backlog);
            if (cookies == 2 || (cookies == 1 && synQueueFull)) {
                // SYN cookie (RFC 4987 §3.6): answer without keeping any state; the ISN is the cookie.
                int cookie = cookie(new Endpoint(h.address(), l.local().port()), seg.src());
                TcpConfig cfg = h.config();
                transmitFrom(h, Segment.synAck(seg.dst(), seg.src(), cookie, seg.seq() + 1, cfg.window(), cfg.mss()));
                return;
            }
            if (cookies == 0 ? h.profile().dropsSynWithoutCookies(l.halfOpenCount, l.backlog) : synQueueFull) {
                drop(d, h.name(), DropReason.SYN_QUEUE_FULL, null);
                return;
            }
            Sock child = newChild(l);
            child.endpoint.segmentArrives(seg, now);
            if (child.state() == TcpState.SYN_RECEIVED) {
                child.halfOpen = true;
                l.halfOpenCount++;
                l.youngCount++;
                h.addConnection(child);
                reschedule(child);
            }
            return;
        }
        if (cookies >= 1 && seg.has(Flags.ACK) && !seg.has(Flags.SYN) && !seg.has(Flags.RST)
                && seg.ack() - 1 == cookie(new Endpoint(h.address(), l.local().port()), seg.src())) {
            if (l.acceptQueueCount > l.backlog) {
                drop(d, h.name(), DropReason.ACCEPT_QUEUE_FULL, null);
                return;
            }
            Sock child = newChild(l);
            child.endpoint.establishFromCookie(seg, seg.ack() - 1, now);
            if (!child.removed) {
                h.addConnection(child);
                reschedule(child);
            }
            return;
        }
        l.endpoint.segmentArrives(seg, now);
    }

    private Sock newChild(Sock l) {
        Host h = l.host;
        TcpEndpoint ep = TcpEndpoint.childOfListener(h.config(), new Endpoint(h.address(), l.local().port()), this::nextIsn, this);
        ep.setReadsAtOnce(l.app.readsAtOnce());
        Sock child = new Sock(nextSockId++, h, Sock.Kind.CHILD, ep, l, l.program, l.pid, l.app);
        ep.attach(child);
        return child;
    }

    /** A SYN cookie: a keyed hash of the connection's addresses (RFC 4987 §3.6, without the time counter). */
    private int cookie(Endpoint local, Endpoint remote) {
        long x = cookieSecret ^ ((long) local.address() << 32 | (local.port() & 0xffffL) << 16 | (remote.port() & 0xffffL));
        x ^= (long) remote.address() * 0x9E3779B97F4A7C15L;
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return (int) x;
    }

    // ------------------------------------------------------------------ timers

    /**
     * Makes sure a timer event is queued no later than the endpoint's next deadline. A deadline
     * that moved later keeps the timer already queued (it is re-queued when it comes up, see
     * {@link #skipStaleTimers}); every ACK restarts the retransmission timer, and a queued event
     * per restart would cost more than the whole rest of a lifecycle.
     */
    private void reschedule(Sock s) {
        long d = s.endpoint.nextDeadline();
        if (d < s.scheduledTimerUs) {
            s.scheduledTimerUs = d;
            enqueue(new Timer(d, order++, s));
        }
    }

    private void timer(Timer t) {
        Sock s = t.sock;
        if (s.removed || t.at != s.scheduledTimerUs) {
            return; // superseded (step() skips these; kept for safety)
        }
        s.scheduledTimerUs = Long.MAX_VALUE;
        boolean request = s.kind == Sock.Kind.CHILD && s.halfOpen;
        boolean young = request && s.endpoint.retransmits() == 0;
        if (request) {
            // The request's timer asks its listener's queue how many SYN-ACKs it may still send
            // (reqsk_timer_handler(): fewer for old requests while the queue is crowded).
            Sock l = s.listener;
            s.endpoint.limitSynAckRetries(s.host.profile().synAckRetriesUnderPressure(
                    s.endpoint.config().synAckRetries(), l.halfOpenCount, l.youngCount, l.backlog));
        }
        s.endpoint.onTimer(now);
        if (young && s.halfOpen && s.endpoint.retransmits() > 0) {
            s.listener.youngCount--; // "if (req->num_timeout++ == 0) atomic_dec(&queue->young)"
        }
        if (!s.removed) {
            reschedule(s);
        }
    }

    // ------------------------------------------------------------------ what TCP tells us

    @Override
    public void stateChanged(TcpEndpoint ep, TcpState from, TcpState to, Cause cause) {
        if (cause == Cause.TIMEOUT_2MSL) {
            completedTimeWaits++;
        }
        if (tracing) {
            Sock s = (Sock) ep.attachment();
            trace.accept(new StateChange(now, s.host.name(), s.id, ep.local(), s.remote(), from, to, cause));
        }
    }

    @Override
    public void notice(TcpEndpoint ep, Notice notice, Segment segment) {
        Sock s = (Sock) ep.attachment();
        Host h = s.host;
        switch (notice) {
            case CONNECTED:
                s.established = true;
                if (s.kind == Sock.Kind.ACTIVE) {
                    app(h, s, s.local(), s.remote(), "connect", "OK");
                    startApp(s);
                } else if (s.kind == Sock.Kind.CHILD) {
                    Sock l = s.listener;
                    if (s.halfOpen) {
                        leaveSynQueue(s);
                    }
                    if (l.acceptNever || l.removed) {
                        // Completed but never accepted: it waits in the accept queue (netstat's Recv-Q of the LISTEN row).
                        s.inAcceptQueue = true;
                        l.acceptQueueCount++;
                    } else {
                        s.accepted = true;
                        app(h, s, s.local(), s.remote(), "accept", "accepted");
                        startApp(s);
                    }
                }
                break;
            case REFUSED:
                app(h, s, s.local(), s.remote(), "connect", "ECONNREFUSED");
                break;
            case TIMED_OUT:
            case USER_TIMED_OUT:
                // A closed descriptor has no reader left to fail (see appAttached).
                if (!s.closedByApp) {
                    app(h, s, s.local(), s.remote(), s.established ? "read" : "connect", "ETIMEDOUT");
                }
                break;
            case RESET:
                if (!s.closedByApp) {
                    app(h, s, s.local(), s.remote(), "read", "ECONNRESET");
                }
                break;
            case DATA:
                if (appAttached(s) && !s.endpoint.readsAtOnce()) {
                    // Not read yet: it waits in the receive queue (netstat's Recv-Q).
                    s.unreadLabel = segment.data();
                    s.unreadPush |= segment.has(Flags.PSH);
                } else if (appAttached(s)) {
                    app(h, s, s.local(), s.remote(), "read", "OK", segment.len(), segment.data());
                    if (s.app.replyBytes() > 0 && segment != null && segment.has(Flags.PSH)) {
                        // React after TCP has finished with this segment (its ACK goes out first,
                        // as Linux's quick-ACK mode does at the start of a connection).
                        schedule(now, () -> send(s, s.app.replyBytes(), s.app.replyLabel()));
                    }
                }
                break;
            case EOF:
                if (appAttached(s) && !s.endpoint.readsAtOnce()) {
                    s.unreadEof = true;
                } else if (appAttached(s)) {
                    app(h, s, s.local(), s.remote(), "read", "EOF");
                    if (s.app.closeAfterEofMs() >= 0) {
                        schedule(now + Math.round(s.app.closeAfterEofMs() * 1000), () -> close(s));
                    }
                }
                break;
            case DELETED:
                removeSock(s);
                break;
            default:
                break;
        }
    }

    /**
     * Whether an application holds this connection and can read from it: it connected, or
     * accepted it, and has not closed it. After close() no program can read the descriptor, so
     * data or a FIN arriving then (in FIN-WAIT-1 or FIN-WAIT-2) is no read() of anybody's.
     */
    private boolean appAttached(Sock s) {
        return !s.closedByApp && (s.kind == Sock.Kind.ACTIVE || (s.kind == Sock.Kind.CHILD && s.accepted));
    }

    private void startApp(Sock s) {
        AppBehavior a = s.app;
        if (a.requestBytes() > 0) {
            schedule(now, () -> send(s, a.requestBytes(), a.requestLabel()));
        }
        if (a.closeAfterMs() >= 0) {
            schedule(now + Math.round(a.closeAfterMs() * 1000), () -> close(s));
        }
        if (a.readAfterMs() > 0) {
            schedule(now + Math.round(a.readAfterMs() * 1000), () -> startReading(s));
        }
    }

    /**
     * The application reads for the first time: everything waiting in one read(), the end of the
     * stream after it if the FIN came, and from then on it reads as data arrives.
     */
    private void startReading(Sock s) {
        if (s.removed || s.closedByApp) {
            return;
        }
        int n = s.endpoint.read();
        s.endpoint.setReadsAtOnce(true);
        if (n > 0) {
            app(s.host, s, s.local(), s.remote(), "read", "OK", n, s.unreadLabel);
            if (s.app.replyBytes() > 0 && s.unreadPush) {
                schedule(now, () -> send(s, s.app.replyBytes(), s.app.replyLabel()));
            }
        }
        if (s.unreadEof) {
            app(s.host, s, s.local(), s.remote(), "read", "EOF");
            if (s.app.closeAfterEofMs() >= 0) {
                schedule(now + Math.round(s.app.closeAfterEofMs() * 1000), () -> close(s));
            }
        }
        s.unreadLabel = null;
        s.unreadPush = false;
        s.unreadEof = false;
    }

    /** A request leaves its listener's SYN queue (reqsk_queue_removed(): young too, if it never timed out). */
    private void leaveSynQueue(Sock s) {
        s.halfOpen = false;
        s.listener.halfOpenCount--;
        if (s.endpoint.retransmits() == 0) {
            s.listener.youngCount--;
        }
    }

    private void removeSock(Sock s) {
        if (s.removed) {
            return;
        }
        if (s.kind == Sock.Kind.CHILD) {
            Sock l = s.listener;
            if (s.halfOpen) {
                leaveSynQueue(s);
            }
            if (s.inAcceptQueue) {
                s.inAcceptQueue = false;
                l.acceptQueueCount--;
            }
        }
        s.host.remove(s);
    }

    private void app(Host h, Sock s, Endpoint local, Endpoint remote, String call, String result, long value, String data) {
        if (tracing) {
            trace.accept(new AppEvent(now, h.name(), s == null ? 0 : s.id, local, remote, call, result, value, data));
        }
    }

    private void app(Host h, Sock s, Endpoint local, Endpoint remote, String call, String result) {
        app(h, s, local, remote, call, result, 0, null);
    }
}
