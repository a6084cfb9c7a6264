package tcplab.netstat;

import java.util.ArrayList;
import java.util.List;
import tcplab.sim.Host;
import tcplab.sim.Sock;
import tcplab.tcp.Endpoint;
import tcplab.tcp.TcpState;

/**
 * A simulated host's socket table as the rows netstat, ss or TCPView would list: the one place
 * where the simulator's sockets become {@link SocketRow}s, so that synthetic output goes through
 * the same emitter, parser and explainer as real pasted output.
 */
public final class HostTable {
    private HostTable() {
    }

    /** Every socket of {@code host} now, in the order they were created. */
    public static List<SocketRow> rows(Host host) {
        List<SocketRow> rows = new ArrayList<>();
        for (Sock s : host.sockets()) {
            if (s.state() == TcpState.CLOSED) {
                continue; // a TCB that is being deleted: netstat no longer lists it
            }
            Endpoint local = s.local();
            Endpoint remote = s.remote();
            tcplab.netstat.Endpoint foreign = remote == null
                    ? tcplab.netstat.Endpoint.anyPort("0.0.0.0")
                    : tcplab.netstat.Endpoint.of(remote.addressText(), remote.port());
            // The owner only while a process holds the socket (Sock.heldByProcess: not in
            // TIME-WAIT, not a request sock or an unaccepted child on Linux, not after close()
            // there); otherwise the row has none, and each tool prints what it prints for that:
            // -, no users:, PID 0, no -b line, [System Process]:0.
            boolean held = s.heldByProcess();
            rows.add(new SocketRow(Proto.TCP, Family.IPV4, false,
                    tcplab.netstat.Endpoint.of(local.addressText(), local.port()), foreign, s.state(),
                    (long) s.recvQueue(), (long) s.sendQueueBytes(),
                    held && s.pid() != 0 ? s.pid() : null, held ? s.program() : null, null,
                    s.kind() == Sock.Kind.LISTENER && s.state() == TcpState.LISTEN ? Long.valueOf(s.backlog()) : null));
        }
        return rows;
    }

    /** The dialect a user of {@code host} would most likely paste: its own OS's netstat. */
    public static Dialect nativeDialect(Host host) {
        return host.profile().isWindows() ? Dialect.WINDOWS : Dialect.LINUX;
    }

    /** {@code host}'s synthetic output in {@code dialect}, exactly as the real tool prints it. */
    public static String emit(Host host, Dialect dialect) {
        return NetstatEmitter.emit(dialect, rows(host), host.name());
    }
}
