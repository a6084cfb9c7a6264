package tcplab.netstat;

import java.util.Objects;
import tcplab.tcp.TcpState;

/**
 * One socket as netstat, ss or TCPView lists it: the value the emitter prints and the parser
 * yields, whatever the dialect. What a given dialect cannot show (PIDs in {@code netstat -an},
 * queues on Windows) is simply null.
 *
 * <p>The simulator builds these from its socket tables, e.g.
 * {@code new SocketRow(Proto.TCP, Family.IPV4, false, Endpoint.of("0.0.0.0", 80),
 * Endpoint.of("0.0.0.0", 0), TcpState.LISTEN, 0L, 0L, 812, "nginx", null)}, or shorter
 * {@code SocketRow.tcp("0.0.0.0", 80, "0.0.0.0", 0, TcpState.LISTEN).withProcess(812, "nginx")}.
 *
 * @param proto     tcp or udp
 * @param family    IPv4 or IPv6
 * @param dualStack an IPv6 socket that also accepts IPv4 (BSD {@code tcp46}, ss {@code *:22})
 * @param local     local address and port
 * @param foreign   foreign (peer) address and port; {@code 0.0.0.0:0} or {@code 0.0.0.0:*} when
 *                  there is no peer yet
 * @param state     the TCP state; null for UDP (UDP has no connection state)
 * @param recvQ     bytes received but not yet read by the program (null when not shown)
 * @param sendQ     bytes sent but not yet acknowledged (null when not shown)
 * @param pid       owning process id (null when unknown)
 * @param program   owning program, e.g. {@code nginx} or {@code svchost.exe} (null when unknown)
 * @param service   Windows service inside the program, as {@code netstat -b} shows it (e.g.
 *                  {@code RpcSs}); null otherwise
 * @param backlog   for a LISTEN row, the listener's backlog: the most connections its accept
 *                  queue holds (Linux sk_max_ack_backlog, listen()'s argument capped by
 *                  somaxconn), which ss prints in the Send-Q column of a LISTEN row; null when
 *                  not known, and always for other rows. A LISTEN row's {@code recvQ} is the
 *                  accept queue's length, in ss and net-tools alike.
 */
public record SocketRow(Proto proto, Family family, boolean dualStack, Endpoint local, Endpoint foreign,
                        TcpState state, Long recvQ, Long sendQ, Integer pid, String program, String service,
                        Long backlog) {
    public SocketRow {
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(foreign, "foreign");
        if (proto == Proto.UDP && state != null) {
            throw new IllegalArgumentException("UDP sockets have no TCP state");
        }
        if (backlog != null && (state != TcpState.LISTEN || backlog < 0)) {
            throw new IllegalArgumentException("a backlog belongs to a LISTEN row and is not negative");
        }
    }

    /** A row without a backlog (every row but a listener's whose backlog is known). */
    public SocketRow(Proto proto, Family family, boolean dualStack, Endpoint local, Endpoint foreign,
                     TcpState state, Long recvQ, Long sendQ, Integer pid, String program, String service) {
        this(proto, family, dualStack, local, foreign, state, recvQ, sendQ, pid, program, service, null);
    }

    /** A TCP row with no queues and no owner; the family follows the local address. */
    public static SocketRow tcp(String localAddress, int localPort, String foreignAddress, Integer foreignPort,
                                TcpState state) {
        return new SocketRow(Proto.TCP, Family.of(localAddress), false, Endpoint.of(localAddress, localPort),
                new Endpoint(foreignAddress, foreignPort), state, null, null, null, null, null);
    }

    /** A UDP row bound to a local address and port, no peer. */
    public static SocketRow udp(String localAddress, int localPort) {
        Family f = Family.of(localAddress);
        return new SocketRow(Proto.UDP, f, false, Endpoint.of(localAddress, localPort),
                Endpoint.anyPort(f.anyAddress()), null, null, null, null, null, null);
    }

    public SocketRow withProcess(Integer newPid, String newProgram) {
        return new SocketRow(proto, family, dualStack, local, foreign, state, recvQ, sendQ, newPid, newProgram, service, backlog);
    }

    public SocketRow withService(String newService) {
        return new SocketRow(proto, family, dualStack, local, foreign, state, recvQ, sendQ, pid, program, newService, backlog);
    }

    public SocketRow withQueues(Long newRecvQ, Long newSendQ) {
        return new SocketRow(proto, family, dualStack, local, foreign, state, newRecvQ, newSendQ, pid, program, service, backlog);
    }

    public SocketRow withDualStack(boolean dual) {
        return new SocketRow(proto, family, dual, local, foreign, state, recvQ, sendQ, pid, program, service, backlog);
    }

    /** The same row with a listener's backlog (null: not known). */
    public SocketRow withBacklog(Long newBacklog) {
        return new SocketRow(proto, family, dualStack, local, foreign, state, recvQ, sendQ, pid, program, service, newBacklog);
    }
}
