package tcplab.sim;

import tcplab.tcp.Endpoint;
import tcplab.tcp.TcpEndpoint;
import tcplab.tcp.TcpState;

/**
 * A row of a host's socket table: a TCP endpoint, the program that made it (program and PID: the
 * listener's for a connection the listener spawned), whether a process still holds it
 * ({@link #heldByProcess()}: what netstat -p, -o, -b, ss -p and TCPView show as its owner), and
 * the application's side of it.
 */
public final class Sock {

    /** How the socket came to be. */
    public enum Kind {
        /** A listening socket: stays in LISTEN and spawns a child per SYN. */
        LISTENER,
        /** A connection a listener spawned for an incoming SYN. */
        CHILD,
        /** A connection the application opened with connect(). */
        ACTIVE
    }

    final int id;
    final Host host;
    final Kind kind;
    final TcpEndpoint endpoint;
    final Sock listener;
    final String program;
    final int pid;
    final AppBehavior app;
    long scheduledTimerUs = Long.MAX_VALUE;
    boolean removed;
    boolean established;
    boolean accepted;
    boolean halfOpen;
    boolean inAcceptQueue;
    /** The application called close() or abort() on it: it gave up its descriptor. */
    boolean closedByApp;
    // What waits for an application that does not read yet (AppBehavior.readAfterMs).
    String unreadLabel;
    boolean unreadPush;
    boolean unreadEof;

    // Listener-only state: the two queues of RFC 4987 §2 / Linux's request and accept queues.
    int backlog;
    boolean acceptNever;
    int halfOpenCount;
    /** Requests in the SYN queue that have not timed out yet (Linux's queue->young). */
    int youngCount;
    int acceptQueueCount;

    Sock(int id, Host host, Kind kind, TcpEndpoint endpoint, Sock listener, String program, int pid, AppBehavior app) {
        this.id = id;
        this.host = host;
        this.kind = kind;
        this.endpoint = endpoint;
        this.listener = listener;
        this.program = program;
        this.pid = pid;
        this.app = app;
    }

    public int id() {
        return id;
    }

    public Host host() {
        return host;
    }

    public Kind kind() {
        return kind;
    }

    public TcpEndpoint endpoint() {
        return endpoint;
    }

    public TcpState state() {
        return endpoint.state();
    }

    public Endpoint local() {
        return endpoint.local();
    }

    /** The foreign socket; null for a listener ("*"). */
    public Endpoint remote() {
        return kind == Kind.LISTENER ? null : endpoint.remote();
    }

    public String program() {
        return program;
    }

    public int pid() {
        return pid;
    }

    /**
     * Whether a process holds this socket now: a file descriptor on Linux, a socket handle on
     * Windows. Only then do netstat -p, ss -p, netstat -o and -b and TCPView name its
     * {@link #program()} and {@link #pid()}; otherwise they show {@code -}, no {@code users:},
     * PID 0, no -b line, {@code [System Process]:0}.
     *
     * <p>Linux (debian12/netstat-tanp.txt and ss-tanp.txt: TIME_WAIT and FIN_WAIT2 show {@code -}):
     * <ul>
     *   <li>TIME-WAIT: tcp_time_wait() swaps the socket for an inet_timewait_sock, a mini-socket
     *       in the established hash that no file refers to.</li>
     *   <li>SYN-RECEIVED of a passive open: a request sock (inet_csk's reqsk_queue, the listener's
     *       SYN queue), not a socket at all yet.</li>
     *   <li>Completed but not yet accept()ed: a child socket in the listener's accept queue; the
     *       file and descriptor come with accept() (inet_csk_accept, sock_graft).</li>
     *   <li>After close(): tcp_close() calls sock_orphan(), so FIN-WAIT-1, FIN-WAIT-2, CLOSING and
     *       LAST-ACK of a closed socket are orphans with no file.</li>
     * </ul>
     * A listener, an accepted connection and one opened with connect() (also its SYN-RECEIVED of
     * a simultaneous open, the same socket) belong to their program until it closes them.
     *
     * <p>Windows: TIME_WAIT rows have PID 0 (jc/windows_windows-10_netstat-aon.out) and TCPView
     * shows them as {@code [System Process]:0} (the seed article). A half-open SYN_RECEIVED
     * connection, one waiting to be accepted and one the program has closed keep the PID of the
     * listener or of the program that opened it, as far as we know: no capture here shows
     * otherwise, so the model keeps the owner there.
     */
    public boolean heldByProcess() {
        if (state() == TcpState.TIME_WAIT) {
            return false;
        }
        if (host.profile().isWindows()) {
            return true;
        }
        if (closedByApp) {
            return false;
        }
        return kind != Kind.CHILD || accepted;
    }

    /**
     * For a listener: the most connections its accept queue holds, listen()'s backlog as the
     * host caps it (Linux: min(backlog, somaxconn), sk_max_ack_backlog, which ss prints in the
     * Send-Q column of a LISTEN row); 0 for other sockets.
     */
    public int backlog() {
        return backlog;
    }

    /** For a listener: half-open connections now (its SYN queue). */
    public int halfOpenCount() {
        return halfOpenCount;
    }

    /** For a listener: established connections not yet accepted. */
    public int acceptQueueCount() {
        return acceptQueueCount;
    }

    /** Octets not yet acknowledged by the peer: netstat's Send-Q. */
    public int sendQueueBytes() {
        return endpoint.sendQueueBytes();
    }

    /**
     * netstat's Recv-Q: for a listener, the connections waiting in the accept queue (what Linux
     * reports for a LISTEN socket); for a connection, the octets its application has not read yet.
     */
    public int recvQueue() {
        return kind == Kind.LISTENER ? acceptQueueCount : endpoint.unreadBytes();
    }

    @Override
    public String toString() {
        return host.name() + "#" + id + " " + endpoint;
    }
}
