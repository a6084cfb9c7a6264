package tcplab.sim;

import tcplab.tcp.Endpoint;
import tcplab.tcp.TcpEndpoint;
import tcplab.tcp.TcpState;

/**
 * A row of a host's socket table: a TCP endpoint, who owns it (program and PID, so netstat -p,
 * -o, -b and TCPView have something true to show), and the application's side of it.
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

    // Listener-only state: the two queues of RFC 4987 §2 / Linux's request and accept queues.
    int backlog;
    boolean acceptNever;
    int halfOpenCount;
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
     * reports for a LISTEN socket); the model's applications read at once, so 0 otherwise.
     */
    public int recvQueue() {
        return kind == Kind.LISTENER ? acceptQueueCount : 0;
    }

    @Override
    public String toString() {
        return host.name() + "#" + id + " " + endpoint;
    }
}
