package tcplab.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tcplab.sim.Simulation;
import tcplab.sim.TraceEvent;
import tcplab.sim.TraceEvent.AppEvent;
import tcplab.sim.TraceEvent.SegmentAction;
import tcplab.sim.TraceEvent.SegmentEvent;
import tcplab.sim.TraceEvent.StateChange;
import tcplab.tcp.Flags;
import tcplab.tcp.Segment;
import tcplab.tcp.TcpState;

/**
 * One run, the simulator's or the kernel's, in the shape both can be compared in: per host its
 * sockets in the order they appeared, each a list of state steps ("SYN_SENT>ESTABLISHED" at a
 * time); per host the segments it sent (flags, sequence numbers relative to the sender's ISN,
 * length, and whether the link delivered or dropped it); per host what its applications saw.
 */
public record Observation(Map<String, List<List<Step>>> sockets, Map<String, List<Step>> segments, Map<String, List<Step>> apps,
                   Map<String, Map<String, Long>> counters) {

    /**
     * The kernel's TcpExt counters (/proc/net/netstat, per network namespace) compared with what
     * the model counts of the same: SYN cookies sent (tcp_syn_flood_action() answering with
     * cookie_v4_init_sequence()) and SYNs dropped because the request queue was full
     * (LINUX_MIB_TCPREQQFULLDROP in tcp_conn_request()).
     */
    public static final List<String> COUNTERS = List.of("SyncookiesSent", "TCPReqQFullDrop");

    public Observation(Map<String, List<List<Step>>> sockets, Map<String, List<Step>> segments, Map<String, List<Step>> apps) {
        this(sockets, segments, apps, Map.of());
    }

    /** Something that happened at {@code ms}, written as {@code what}. */
    public record Step(double ms, String what) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f %s", ms, what);
        }
    }

    // ------------------------------------------------------------------ the simulator

    /**
     * The simulator's run up to {@code untilMs}, plus the ends of the TIME-WAITs that had begun by
     * then (the kernel's are read from its TIME-WAIT timer, see {@link #fromKernel}).
     */
    public static Observation fromSim(Simulation sim, List<TraceEvent> events, double untilMs) {
        long until = Math.round(untilMs * 1000);
        Map<String, Map<Integer, List<Step>>> socks = new LinkedHashMap<>();
        Map<String, List<Step>> segs = new LinkedHashMap<>();
        Map<String, List<Step>> apps = new LinkedHashMap<>();
        Map<Long, String> fate = new HashMap<>();
        for (TraceEvent e : events) {
            // Lost on the link; a segment a host drops on arrival (a full queue) arrived, as on the
            // kernel, whose counters tell those drops (Observation.COUNTERS).
            if (e instanceof SegmentEvent s && s.action() == SegmentAction.DROP
                    && s.reason() != TraceEvent.DropReason.SYN_QUEUE_FULL && s.reason() != TraceEvent.DropReason.ACCEPT_QUEUE_FULL) {
                fate.put(s.id(), "drop");
            }
        }
        Map<String, Integer> isn = new HashMap<>();
        Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
        java.util.Set<String> requests = new java.util.HashSet<>();
        for (TraceEvent e : events) {
            boolean inRun = e.timeUs() <= until;
            if (inRun && e instanceof StateChange s && s.to() == TcpState.SYN_RECEIVED && s.remote() != null) {
                requests.add(s.local() + ">" + s.remote());
            } else if (inRun && e instanceof SegmentEvent s && s.action() == SegmentAction.SEND
                    && s.segment().has(Flags.SYN) && s.segment().has(Flags.ACK)
                    && !requests.contains(s.segment().src() + ">" + s.segment().dst())) {
                // A SYN-ACK for no socket of the sender's: a SYN cookie (the listener kept nothing).
                counters.computeIfAbsent(s.host(), k -> new LinkedHashMap<>()).merge("SyncookiesSent", 1L, Long::sum);
            } else if (inRun && e instanceof SegmentEvent s && s.action() == SegmentAction.DROP
                    && s.reason() == TraceEvent.DropReason.SYN_QUEUE_FULL) {
                counters.computeIfAbsent(s.host(), k -> new LinkedHashMap<>()).merge("TCPReqQFullDrop", 1L, Long::sum);
            }
            if (e instanceof StateChange s) {
                List<Step> steps = socks.computeIfAbsent(s.host(), k -> new LinkedHashMap<>()).get(s.socketId());
                boolean timeWaitEnd = s.from() == TcpState.TIME_WAIT && steps != null
                        && steps.get(steps.size() - 1).ms() <= untilMs;
                if (inRun || timeWaitEnd) {
                    socks.get(s.host()).computeIfAbsent(s.socketId(), k -> new ArrayList<>())
                            .add(new Step(s.timeMs(), s.from() + ">" + s.to()));
                }
            } else if (e instanceof SegmentEvent s && s.action() == SegmentAction.SEND && inRun) {
                Segment seg = s.segment();
                String dst = sim.hostAt(seg.dst().address()) == null ? nobody(seg.dst().addressText()) : sim.hostAt(seg.dst().address()).name();
                segs.computeIfAbsent(s.host(), k -> new ArrayList<>()).add(new Step(s.timeMs(),
                        segment(isn, seg.src().toString(), seg.dst().toString(), seg.flags(), seg.seq(), seg.ack(), seg.len(), dst,
                                fate.getOrDefault(s.id(), "deliver"))));
            } else if (e instanceof AppEvent a && inRun) {
                apps.computeIfAbsent(a.host(), k -> new ArrayList<>()).add(new Step(a.timeMs(), app(a.call(), a.result(), a.value())));
            }
        }
        Map<String, List<List<Step>>> out = new LinkedHashMap<>();
        socks.forEach((h, m) -> out.put(h, ordered(m.values())));
        return new Observation(out, segs, apps, counters);
    }

    private static String app(String call, String result, long value) {
        // Bytes read are compared; a listen's value (the backlog) is the model's own arithmetic.
        return call + " " + result + ("read".equals(call) && "OK".equals(result) ? " " + value : "");
    }

    /** "SYN,ACK 0/1 len=0 to server deliver": numbers relative to each direction's ISN, as the ladder shows them. */
    private static String segment(Map<String, Integer> isn, String src, String dst, int flags, int seq, int ack, int len,
                                  String toHost, String fate) {
        String key = src + ">" + dst;
        if ((flags & Flags.SYN) != 0) {
            isn.put(key, seq);
        }
        Integer mine = isn.get(key);
        Integer theirs = isn.get(dst + ">" + src);
        long s = mine == null ? Integer.toUnsignedLong(seq) : Integer.toUnsignedLong(seq - mine);
        long a = (flags & Flags.ACK) == 0 ? 0 : theirs == null ? Integer.toUnsignedLong(ack) : Integer.toUnsignedLong(ack - theirs);
        return Flags.format(flags) + " " + s + "/" + a + " len=" + len + " to " + toHost + " " + fate;
    }

    private static List<List<Step>> ordered(java.util.Collection<List<Step>> socks) {
        List<List<Step>> list = new ArrayList<>(socks);
        list.removeIf(List::isEmpty);
        list.sort(Comparator.comparingDouble(l -> l.get(0).ms()));
        return list;
    }

    // ------------------------------------------------------------------ the kernel

    /** The kernel's state names in the model's words. */
    private static String state(String kernel) {
        switch (kernel) {
            case "SYN_RECV":
                return "SYN_RECEIVED";
            case "FIN_WAIT1":
                return "FIN_WAIT_1";
            case "FIN_WAIT2":
                return "FIN_WAIT_2";
            case "CLOSE":
                return "CLOSED";
            default:
                return kernel;
        }
    }

    private static final class KSock {
        final List<Step> steps = new ArrayList<>();
        String state;
        /** A minisocket now: a request (SYN_RECV) or a timewait socket (TIME_WAIT, orphaned FIN_WAIT2). */
        boolean mini;
        double timeWaitEnd = -1;
        boolean gone;

        void step(double ms, String to) {
            steps.add(new Step(ms, state + ">" + to));
            state = to;
        }
    }

    /**
     * What kernelcheck.py saw, up to {@code untilMs}. Full sockets' state changes come from the
     * tracepoint; where it is silent, from /proc/net/tcp: a request socket (the SYN_RECV
     * minisocket, tcp_conn_request()) is the connection's LISTEN>SYN_RECEIVED; a full socket
     * the tracepoint sees go to CLOSE but that /proc then shows in TIME_WAIT or FIN_WAIT2 went
     * on as a timewait socket (tcp_time_wait()); a TIME_WAIT not over by the end of the run ends
     * when its timer (/proc's tm->when, as {@code ss -o} shows it) says.
     */
    public static Observation fromKernel(List<String> lines, double untilMs) {
        Map<String, String> hostOfAddress = new HashMap<>();
        List<String[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            rows.add(f);
            if (f[0].equals("state") || f[0].equals("poll")) {
                hostOfAddress.put(f[3].substring(0, f[3].indexOf(':')), f[2]);
            }
        }
        for (String[] f : rows) {
            if (f[0].equals("segment")) {
                hostOfAddress.put(f[5].substring(0, f[5].indexOf(':')), f[2]);
            }
        }
        // Per host, the tracepoint and the polls in time order.
        Map<String, TreeMap<Double, List<String[]>>> byHost = new LinkedHashMap<>();
        Map<String, List<Step>> segs = new LinkedHashMap<>();
        Map<String, List<Step>> apps = new LinkedHashMap<>();
        Map<String, Integer> isn = new HashMap<>();
        Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
        for (String[] f : rows) {
            if (f[0].equals("counter")) {
                if (COUNTERS.contains(f[3])) {
                    counters.computeIfAbsent(f[2], k -> new LinkedHashMap<>()).put(f[3], Long.parseLong(f[4]));
                }
                continue;
            }
            if (f[0].equals("note")) {
                continue;
            }
            double ms = Double.parseDouble(f[1]);
            if (ms > untilMs) {
                continue;
            }
            switch (f[0]) {
                case "state", "poll" -> byHost.computeIfAbsent(f[2], k -> new TreeMap<>())
                        .computeIfAbsent(ms, k -> new ArrayList<>()).add(f);
                case "segment" -> {
                    if (f[9].equals("dark")) {
                        continue; // sent by a host while it "crashes" (restart): a real crash sends nothing
                    }
                    String[] ends = f[5].split(">");
                    segs.computeIfAbsent(f[2], k -> new ArrayList<>()).add(new Step(ms, segment(isn, ends[0], ends[1],
                            Flags.parse(f[4].isEmpty() ? "" : f[4]) < 0 ? 0 : flags(f[4]), (int) Long.parseLong(f[6]),
                            (int) Long.parseLong(f[7]), Integer.parseInt(f[8]), nobody(f[3]), f[9].equals("deliver") ? "deliver" : "drop")));
                }
                case "app" -> apps.computeIfAbsent(f[2], k -> new ArrayList<>())
                        .add(new Step(ms, app(f[5], f[6], Long.parseLong(f[7]))));
                default -> throw new IllegalArgumentException("unknown record: " + String.join("\t", f));
            }
        }
        Map<String, List<List<Step>>> sockets = new LinkedHashMap<>();
        for (Map.Entry<String, TreeMap<Double, List<String[]>>> h : byHost.entrySet()) {
            Map<String, KSock> socks = new LinkedHashMap<>();
            List<String[]> all = new ArrayList<>();
            h.getValue().values().forEach(all::addAll);
            for (int i = 0; i < all.size(); i++) {
                String[] f = all.get(i);
                double ms = Double.parseDouble(f[1]);
                String key = f[3] + " " + f[4];
                KSock s = socks.get(key);
                if (f[0].equals("state")) {
                    String from = state(f[5]);
                    String to = state(f[6]);
                    if (s == null || s.gone) {
                        s = new KSock();
                        s.state = from;
                        socks.put(key, s);
                        if (from.equals("LISTEN") && !f[3].startsWith("0.0.0.0")) {
                            // A child cloned from its listener (inet_csk_clone_lock()) whose
                            // request socket no poll caught: it was born in SYN_RECV.
                            s.step(ms, to);
                            continue;
                        }
                    } else if (s.mini && s.state.equals("SYN_RECEIVED") && to.equals("SYN_RECEIVED")) {
                        s.mini = false; // the request socket's full socket is born: no new state
                        continue;
                    }
                    if (to.equals("CLOSED")) {
                        String next = timewaitAfter(all, ms, key);
                        if (next != null && (next.equals("TIME_WAIT") || next.equals("FIN_WAIT2"))) {
                            s.mini = true;
                            if (!state(next).equals(s.state)) {
                                s.step(ms, state(next));
                            }
                            continue;
                        }
                        s.step(ms, to);
                        s.gone = true;
                        continue;
                    }
                    s.step(ms, to);
                } else {
                    String st = f[5];
                    long timer = Long.parseLong(f[6]);
                    if (f[7].equals("full")) {
                        continue; // a full socket: the tracepoint tells its states exactly
                    }
                    if (s == null && st.equals("SYN_RECV")) {
                        s = new KSock();
                        s.state = "LISTEN";
                        s.mini = true;
                        socks.put(key, s);
                        s.step(ms, "SYN_RECEIVED");
                    } else if (s != null && s.mini && !s.gone && (!s.state.equals("SYN_RECEIVED") || st.equals("gone"))) {
                        // A request socket only ever goes away (its full socket is the tracepoint's);
                        // a timewait socket moves on to TIME_WAIT and goes away.
                        if (st.equals("gone")) {
                            s.step(ms, "CLOSED");
                            s.gone = true;
                        } else if (!state(st).equals(s.state)) {
                            s.step(ms, state(st));
                        }
                        if (st.equals("TIME_WAIT") && s.timeWaitEnd < 0 && timer > 0) {
                            s.timeWaitEnd = ms + timer;
                        }
                    }
                }
            }
            for (KSock s : socks.values()) {
                if (!s.gone && s.state.equals("TIME_WAIT") && s.timeWaitEnd > untilMs) {
                    s.step(s.timeWaitEnd, "CLOSED");
                }
            }
            List<List<Step>> list = new ArrayList<>();
            socks.values().forEach(s -> list.add(s.steps));
            sockets.put(h.getKey(), ordered(list));
        }
        return new Observation(sockets, segs, apps, counters);
    }

    /**
     * An address no host has (a scan's empty addresses, a flood's spoofed ones), by its last two
     * octets: the kernel run moves the scenario's addresses to 10.R.c.d (KernelPlan.kernelAddress).
     * A host's name is kept.
     */
    static String nobody(String to) {
        if (!to.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            return to;
        }
        String[] o = to.split("\\.");
        return "*.*." + o[2] + "." + o[3];
    }

    private static int flags(String text) {
        int f = Flags.parse(text);
        if (f < 0) {
            throw new IllegalArgumentException("flags: " + text);
        }
        return f;
    }

    /**
     * The state of the timewait socket that replaced the full socket {@code key} which the
     * tracepoint saw close at {@code ms}, or null when none did: a /proc sighting of a minisocket
     * in TIME_WAIT or FIN_WAIT2 within 50 ms (the polls run every 2 ms; a sighting stamped a
     * moment before the tracepoint's own clock is allowed for).
     */
    private static String timewaitAfter(List<String[]> all, double ms, String key) {
        for (String[] f : all) {
            if (f[0].equals("poll") && key.equals(f[3] + " " + f[4]) && f[7].equals("mini")
                    && (f[5].equals("TIME_WAIT") || f[5].equals("FIN_WAIT2"))) {
                double t = Double.parseDouble(f[1]);
                if (t >= ms - 5 && t <= ms + 50) {
                    return f[5];
                }
            }
        }
        return null;
    }
}
