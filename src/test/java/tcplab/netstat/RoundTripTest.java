package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tcplab.tcp.TcpState;

/**
 * parse(emit(table)) gives the table back, for random tables in every dialect, "as far as the
 * dialect shows it": {@link #asShown} says, per dialect, what the tool prints of a row (no PIDs
 * in netstat -an, no queues on Windows, UDP only where the tool lists it, the host name instead
 * of the address in netstat -a, port 0 printed as * by ss...).
 */
class RoundTripTest {
    private static final String HOST = "fdlpw";

    @Property(tries = 400)
    void everyDialectReadsBackWhatItPrinted(@ForAll("tables") List<SocketRow> table) {
        for (Dialect d : Dialect.emittableValues()) {
            String text = NetstatEmitter.emit(d, table, HOST);
            List<ParsedLine> lines = NetstatParser.parseAll(text);
            for (ParsedLine l : lines) {
                if (l instanceof ParsedLine.Unrecognised u) {
                    throw new AssertionError(d + ": line " + u.line() + " unrecognised (" + u.why() + " " + u.detail() + "): " + u.excerpt()
                            + "\n" + text);
                }
            }
            List<SocketRow> expected = new ArrayList<>();
            for (SocketRow r : NetstatEmitter.shown(d, table)) {
                expected.add(asShown(d, r));
            }
            assertEquals(expected, EmitterTest.rowsOf(lines), d + "\n" + text);
        }
    }

    /** What a dialect shows of a row, as the parser gives it back. */
    static SocketRow asShown(Dialect d, SocketRow r) {
        Proto proto = r.proto();
        Family family = r.family();
        boolean dual = false;
        Endpoint local = r.local();
        Endpoint foreign = r.foreign();
        Long rq = null;
        Long sq = null;
        Integer pid = null;
        String program = null;
        String service = null;
        Long backlog = null;
        switch (d) {
            case WINDOWS: case WINDOWS_PID: case WINDOWS_B: case WINDOWS_ZH: case TCPVIEW:
            case WINDOWS_NAMES:
                if (proto == Proto.UDP) {
                    foreign = Endpoint.anyPort(family.anyAddress());
                } else if (foreign.port() == null) {
                    foreign = Endpoint.of(foreign.address(), 0); // Windows prints :0
                }
                if (d == Dialect.WINDOWS_NAMES) {
                    // netstat -a: the machine's name for every local address, and for the
                    // foreign any address; a name has no family, read as IPv4.
                    family = Family.IPV4;
                    local = new Endpoint(HOST, local.port());
                    if (proto == Proto.UDP) {
                        foreign = Endpoint.anyPort("0.0.0.0");
                    } else if (foreign.isAnyAddress()) {
                        foreign = Endpoint.of(HOST, foreign.port());
                    }
                }
                if (d == Dialect.WINDOWS_PID || d == Dialect.WINDOWS_B || d == Dialect.WINDOWS_ZH || d == Dialect.TCPVIEW) {
                    pid = r.pid() == null ? 0 : r.pid();
                }
                if (d == Dialect.WINDOWS_B) {
                    program = r.program();
                    service = r.service();
                }
                if (d == Dialect.TCPVIEW) {
                    program = r.program() == null ? "[System Process]" : r.program();
                }
                break;
            case LINUX: case LINUX_P: case LINUX_TUNA:
                rq = r.recvQ() == null ? 0L : r.recvQ();
                sq = r.sendQ() == null ? 0L : r.sendQ();
                if (d == Dialect.LINUX_P && r.pid() != null) {
                    String pp = NetstatEmitter.linuxProgram(r);
                    pid = r.pid();
                    program = pp.substring(pp.indexOf('/') + 1).strip();
                }
                break;
            case SS: case SS_P:
                rq = r.recvQ() == null ? 0L : r.recvQ();
                if (r.state() == TcpState.LISTEN) {
                    // ss prints a listener's backlog in Send-Q (0 when unknown), read back as the
                    // backlog; the listener's send queue is not shown.
                    backlog = r.backlog() == null ? 0L : r.backlog();
                } else {
                    sq = r.sendQ() == null ? 0L : r.sendQ();
                }
                dual = r.dualStack() && local.isAnyAddress() && family == Family.IPV6;
                if (foreign.port() != null && foreign.port() == 0) {
                    foreign = Endpoint.anyPort(foreign.address()); // ss prints port 0 as *
                }
                if (d == Dialect.SS_P && r.pid() != null) {
                    pid = r.pid();
                    program = r.program();
                }
                break;
            case MACOS:
                rq = r.recvQ() == null ? 0L : r.recvQ();
                sq = r.sendQ() == null ? 0L : r.sendQ();
                dual = r.dualStack() && family == Family.IPV6;
                break;
            default:
                throw new AssertionError(d);
        }
        return new SocketRow(proto, family, dual, local, foreign, r.state(), rq, sq, pid, program, service, backlog);
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<List<SocketRow>> tables() {
        return row().list().ofMaxSize(25);
    }

    private static final List<String> V4 = List.of("0.0.0.0", "127.0.0.1", "192.168.1.10", "10.0.0.7", "202.108.250.249");
    private static final List<String> V6 = List.of("::", "::1", "fe80::1", "2001:db8::5", "::ffff:127.0.0.1");
    private static final List<String> PROGRAMS = List.of("nginx", "svchost.exe", "sshd", "python3", "NVIDIA Web Helper.exe",
            "avahi-daemon: r", "IEXPLORE.EXE", "System");

    private Arbitrary<SocketRow> row() {
        // Built from jqwik's random source: each field drawn from the pools above.
        return Arbitraries.randomValue(RoundTripTest::randomRow);
    }

    static SocketRow randomRow(java.util.Random rnd) {
        boolean isV6 = rnd.nextBoolean();
        boolean isUdp = rnd.nextInt(5) == 0;
        TcpState st = TcpState.values()[rnd.nextInt(TcpState.values().length)];
        List<String> pool = isV6 ? V6 : V4;
        Family fam = isV6 ? Family.IPV6 : Family.IPV4;
        String la = pool.get(rnd.nextInt(pool.size()));
        Endpoint local = Endpoint.of(la, 1 + rnd.nextInt(65535));
        Endpoint foreign;
        if (isUdp || st == TcpState.LISTEN || st == TcpState.CLOSED) {
            foreign = isUdp || rnd.nextBoolean() ? Endpoint.anyPort(fam.anyAddress()) : Endpoint.of(fam.anyAddress(), 0);
        } else {
            foreign = Endpoint.of(pool.get(1 + rnd.nextInt(pool.size() - 1)), 1 + rnd.nextInt(65535));
        }
        Integer pid = rnd.nextInt(10) < 3 ? null : 1 + rnd.nextInt(4_000_000);
        String prog = pid == null ? null : PROGRAMS.get(rnd.nextInt(PROGRAMS.size()));
        String service = pid != null && rnd.nextInt(4) == 0 ? List.of("RpcSs", "Dnscache", "CDPUserSvc_46a8de2e").get(rnd.nextInt(3)) : null;
        boolean isDual = isV6 && la.equals("::") && rnd.nextBoolean();
        Long backlog = !isUdp && st == TcpState.LISTEN && rnd.nextBoolean() ? Long.valueOf(rnd.nextInt(70_000)) : null;
        return new SocketRow(isUdp ? Proto.UDP : Proto.TCP, fam, isDual, local, foreign, isUdp ? null : st,
                (long) rnd.nextInt(200_000), (long) rnd.nextInt(200_000), pid, prog, service, backlog);
    }
}
