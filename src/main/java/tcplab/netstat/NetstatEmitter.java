package tcplab.netstat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tcplab.i18n.Columns;
import tcplab.tcp.TcpState;

/**
 * Prints a socket table the way the real tool does: same headers, same column widths (computed
 * the way each tool computes them), same row order, UDP rows where the tool shows them, CRLF line
 * ends for the Windows tools. The simulator's glue calls {@link #emit(Dialect, List, String)}
 * with a host's rows; the parser reads the result back with the very same code as real output.
 *
 * <p>Widths, as read from the real tools and the captures in the fixtures:
 * <ul>
 *   <li>Windows: {@code "  %-5s  %-21s  %-21s  %s"}, the state padded to 14 (+2) when a PID
 *       follows; a long address (zone ids) pushes the rest to the right.</li>
 *   <li>net-tools: {@code "%-4s  %6d %6d %-23s %-23s %-11s"} and {@code " %-20s"} for -p; an
 *       address longer than 23 has its host cut so that {@code host:port} fits; PID/Program name
 *       is cut to 19 characters.</li>
 *   <li>ss (output to a file or pipe): every column as wide as its widest field, headers
 *       included; addresses right-aligned, ports left-aligned (iproute2's compact layout).</li>
 *   <li>macOS: {@code "%-5.5s %6d %6d  %-22.22s %-22.22s %-11s"}, the host cut to 16
 *       characters before {@code .port}.</li>
 * </ul>
 * Row order: Windows lists TCP IPv4, TCP IPv6, UDP IPv4, UDP IPv6; net-tools and ss read the
 * kernel's tables, listeners first, IPv4 before IPv6 (then UDP); macOS keeps the given order.
 */
public final class NetstatEmitter {
    private NetstatEmitter() {
    }

    /** The table as text in {@code dialect}; {@code hostName} is used by {@code windows-names}. */
    public static String emit(Dialect dialect, List<SocketRow> rows, String hostName) {
        StringBuilder sb = new StringBuilder(128 + rows.size() * 100);
        emit(dialect, rows, hostName, sb);
        return sb.toString();
    }

    /** Appends the table to {@code out}. */
    public static void emit(Dialect dialect, List<SocketRow> rows, String hostName, Appendable out) {
        if (!dialect.emittable()) {
            throw new IllegalArgumentException(dialect.cliName() + " is read only: the emitter cannot write it");
        }
        String host = hostName == null || hostName.isBlank() ? "localhost" : hostName.trim();
        List<SocketRow> shown = shown(dialect, rows);
        StringBuilder sb = new StringBuilder();
        switch (dialect) {
            case WINDOWS: case WINDOWS_NAMES: case WINDOWS_PID: case WINDOWS_B: case WINDOWS_ZH:
                windows(dialect, shown, host, sb);
                break;
            case TCPVIEW:
                tcpView(shown, sb);
                break;
            case LINUX: case LINUX_P: case LINUX_TUNA:
                linux(dialect, shown, sb);
                break;
            case SS: case SS_P:
                ss(dialect, shown, sb);
                break;
            case MACOS:
                macos(shown, sb);
                break;
            default:
                throw new IllegalArgumentException(dialect.cliName());
        }
        try {
            out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rows {@code dialect} shows, in the order the tool prints them: only TCP for the
     * {@code -t} tools, TCP then UDP otherwise.
     */
    public static List<SocketRow> shown(Dialect dialect, List<SocketRow> rows) {
        boolean udp = switch (dialect) {
            case LINUX, LINUX_P, SS, SS_P, MACOS -> false;
            default -> true;
        };
        List<SocketRow> out = new ArrayList<>(rows.size());
        if (dialect == Dialect.MACOS) {
            for (SocketRow r : rows) {
                if (r.proto() == Proto.TCP) {
                    out.add(r);
                }
            }
            return out;
        }
        boolean listenersFirst = dialect.os() == Dialect.Os.LINUX;
        for (Proto p : Proto.values()) {
            if (p == Proto.UDP && !udp) {
                continue;
            }
            for (Family f : Family.values()) {
                for (int pass = 0; pass < (listenersFirst ? 2 : 1); pass++) {
                    for (SocketRow r : rows) {
                        if (r.proto() != p || r.family() != f) {
                            continue;
                        }
                        boolean listen = r.state() == TcpState.LISTEN;
                        if (!listenersFirst || (pass == 0) == listen) {
                            out.add(r);
                        }
                    }
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- Windows

    private static void windows(Dialect d, List<SocketRow> rows, String host, StringBuilder sb) {
        boolean pid = d == Dialect.WINDOWS_PID || d == Dialect.WINDOWS_B || d == Dialect.WINDOWS_ZH;
        String nl = "\r\n";
        sb.append(nl);
        if (d == Dialect.WINDOWS_ZH) {
            sb.append("活动连接").append(nl).append(nl);
            sb.append("  协议  本地地址          外部地址        状态           PID").append(nl);
        } else {
            sb.append("Active Connections").append(nl).append(nl);
            sb.append("  Proto  Local Address          Foreign Address        State");
            sb.append(pid ? "           PID" : "").append(nl);
        }
        boolean names = d == Dialect.WINDOWS_NAMES;
        for (SocketRow r : rows) {
            String proto = r.proto() == Proto.TCP ? "TCP" : "UDP";
            String local = names ? host + ":" + portName(r.proto(), r.local().port())
                    : windowsAddress(r.local().address()) + ":" + (r.local().port() == null ? 0 : r.local().port());
            String foreign;
            if (r.proto() == Proto.UDP) {
                foreign = "*:*";
            } else if (names) {
                Integer fp = r.foreign().port() == null ? Integer.valueOf(0) : r.foreign().port();
                foreign = (r.foreign().isAnyAddress() ? host : windowsAddress(r.foreign().address())) + ":"
                        + (fp == 0 ? "0" : portName(r.proto(), fp));
            } else {
                foreign = windowsAddress(r.foreign().address()) + ":" + (r.foreign().port() == null ? 0 : r.foreign().port());
            }
            String state = r.state() == null ? "" : StateWords.windows(r.state());
            sb.append("  ");
            pad(sb, proto, 5).append("  ");
            pad(sb, local, 21).append("  ");
            pad(sb, foreign, 21).append("  ");
            if (pid) {
                pad(sb, state, 14).append("  ").append(r.pid() == null ? 0 : r.pid());
            } else {
                sb.append(state);
            }
            sb.append(nl);
            if (d == Dialect.WINDOWS_B) {
                if (r.service() != null) {
                    sb.append("  ").append(r.service()).append(nl);
                }
                if (r.program() != null) {
                    sb.append(" [").append(r.program()).append("]").append(nl);
                } else if (r.pid() != null && r.pid() != 0) {
                    // PID 0 (TIME_WAIT rows, no process) gets no line at all; other PIDs
                    // without a known program get the notice, as System (PID 4) does.
                    sb.append(" Can not obtain ownership information").append(nl);
                }
            }
        }
    }

    private static String windowsAddress(String a) {
        return Endpoint.bracketed(a);
    }

    /** The services-file name of a port (netstat -a), or the number. */
    static String portName(Proto proto, Integer port) {
        if (port == null) {
            return "0";
        }
        Services.Service s = Services.get().byPort(proto, port);
        return s != null ? s.name() : Integer.toString(port);
    }

    // ---------------------------------------------------------------- TCPView

    private static void tcpView(List<SocketRow> rows, StringBuilder sb) {
        for (SocketRow r : rows) {
            String program = r.program() != null ? r.program() : "[System Process]";
            sb.append(program).append(':').append(r.pid() == null ? 0 : r.pid()).append(' ');
            boolean v6 = r.family() == Family.IPV6;
            sb.append(r.proto() == Proto.TCP ? (v6 ? "TCPV6" : "TCP") : (v6 ? "UDPV6" : "UDP")).append(' ');
            sb.append(windowsAddress(r.local().address())).append(':').append(r.local().port() == null ? 0 : r.local().port());
            sb.append(' ');
            if (r.proto() == Proto.UDP) {
                sb.append("*:*");
            } else {
                sb.append(windowsAddress(r.foreign().address())).append(':')
                        .append(r.foreign().port() == null ? 0 : r.foreign().port());
                sb.append(' ').append(StateWords.windows(r.state() == null ? TcpState.CLOSED : r.state()));
            }
            sb.append("\r\n");
        }
    }

    // ---------------------------------------------------------------- net-tools

    private static void linux(Dialect d, List<SocketRow> rows, StringBuilder sb) {
        boolean p = d == Dialect.LINUX_P;
        sb.append("Active Internet connections (servers and established)\n");
        sb.append("Proto Recv-Q Send-Q Local Address           Foreign Address         State      ");
        sb.append(p ? " PID/Program name    " : "").append('\n');
        for (SocketRow r : rows) {
            String proto = (r.proto() == Proto.TCP ? "tcp" : "udp") + (r.family() == Family.IPV6 ? "6" : "");
            pad(sb, proto, 4).append("  ");
            padLeft(sb, Long.toString(r.recvQ() == null ? 0 : r.recvQ()), 6).append(' ');
            padLeft(sb, Long.toString(r.sendQ() == null ? 0 : r.sendQ()), 6).append(' ');
            pad(sb, linuxAddress(r.local()), 23).append(' ');
            pad(sb, linuxAddress(r.foreign()), 23).append(' ');
            pad(sb, r.state() == null ? "" : StateWords.linux(r.state()), 11);
            if (p) {
                sb.append(' ');
                pad(sb, linuxProgram(r), 20);
            }
            sb.append('\n');
        }
    }

    /** {@code host:port}, the host cut so that the whole fits in 23 characters (net-tools). */
    static String linuxAddress(Endpoint e) {
        String port = e.port() == null ? "*" : Integer.toString(e.port());
        String host = e.address();
        if (host.length() + port.length() > 22) {
            host = host.substring(0, Math.max(0, 22 - port.length()));
        }
        return host + ":" + port;
    }

    /** {@code PID/Program name}, cut to 19 characters; {@code -} for a socket of no process. */
    static String linuxProgram(SocketRow r) {
        if (r.pid() == null) {
            return "-";
        }
        String s = r.pid() + "/" + (r.program() == null ? "" : r.program());
        return s.length() > 19 ? s.substring(0, 19) : s;
    }

    // ---------------------------------------------------------------- ss

    private static void ss(Dialect d, List<SocketRow> rows, StringBuilder sb) {
        boolean p = d == Dialect.SS_P;
        int n = rows.size() + 1;
        String[][] f = new String[n][8];
        f[0] = new String[] {"State", "Recv-Q", "Send-Q", "Local Address:", "Port", "Peer Address:", "Port", "Process"};
        Map<Integer, Integer> nextFd = new HashMap<>();
        for (int i = 1; i < n; i++) {
            SocketRow r = rows.get(i - 1);
            f[i][0] = StateWords.ss(r.state() == null ? TcpState.CLOSED : r.state());
            f[i][1] = padRight(Long.toString(r.recvQ() == null ? 0 : r.recvQ()), 6);
            f[i][2] = padRight(Long.toString(ssSendQ(r)), 6);
            f[i][3] = ssHost(r.local().address(), r.dualStack()) + ":";
            f[i][4] = ssPort(r.local().port());
            f[i][5] = ssHost(r.foreign().address(), false) + ":";
            f[i][6] = ssPort(r.foreign().port());
            String proc = "";
            if (p && r.pid() != null) {
                // ss shows the file descriptor too; a simulated process numbers its sockets from 3
                // (0, 1 and 2 are stdin, stdout and stderr).
                int fd = nextFd.merge(r.pid(), 1, Integer::sum) + 2;
                proc = " users:((\"" + (r.program() == null ? "" : r.program()) + "\",pid=" + r.pid() + ",fd=" + fd + "))";
            }
            f[i][7] = proc;
        }
        int[] w = new int[8];
        for (String[] row : f) {
            for (int c = 0; c < 8; c++) {
                w[c] = Math.max(w[c], row[c].length());
            }
        }
        // ldelim: one space before State's followers, none before the ports and Process.
        boolean[] delim = {false, true, true, true, false, true, false, false};
        boolean[] right = {false, false, false, true, false, true, false, false};
        for (String[] row : f) {
            for (int c = 0; c < 8; c++) {
                int width = w[c];
                if (delim[c]) {
                    sb.append(' ');
                }
                int padN = width - row[c].length();
                if (right[c]) {
                    spaces(sb, padN).append(row[c]);
                } else {
                    sb.append(row[c]);
                    spaces(sb, padN);
                }
            }
            sb.append('\n');
        }
    }

    /**
     * ss's Send-Q: for a LISTEN row the listener's backlog (tcp_diag_get_info sets idiag_wqueue
     * to sk_max_ack_backlog for a listener, idiag_rqueue to the accept queue's length; fixture
     * debian12/ss-tan.txt: {@code LISTEN 0 8}), 0 when not known; otherwise the bytes not yet
     * acknowledged.
     * net-tools reads /proc/net/tcp instead, whose tx_queue of a listener is 0.
     */
    static long ssSendQ(SocketRow r) {
        if (r.state() == TcpState.LISTEN) {
            return r.backlog() == null ? 0 : r.backlog();
        }
        return r.sendQ() == null ? 0 : r.sendQ();
    }

    private static String ssHost(String a, boolean dualAny) {
        if (a.indexOf(':') >= 0) {
            if (dualAny && Addresses.isAny(a)) {
                return "*";
            }
            int pct = a.indexOf('%');
            if (pct > 0) {
                return "[" + a.substring(0, pct) + "]" + a.substring(pct);
            }
            return "[" + a + "]";
        }
        return a;
    }

    private static String ssPort(Integer port) {
        return port == null || port == 0 ? "*" : Integer.toString(port);
    }

    // ---------------------------------------------------------------- macOS

    private static void macos(List<SocketRow> rows, StringBuilder sb) {
        sb.append("Active Internet connections (including servers)\n");
        sb.append("Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)    \n");
        for (SocketRow r : rows) {
            String proto = (r.proto() == Proto.TCP ? "tcp" : "udp")
                    + (r.dualStack() ? "46" : r.family() == Family.IPV6 ? "6" : "4");
            pad(sb, cut(proto, 5), 5).append(' ');
            padLeft(sb, Long.toString(r.recvQ() == null ? 0 : r.recvQ()), 6).append(' ');
            padLeft(sb, Long.toString(r.sendQ() == null ? 0 : r.sendQ()), 6).append("  ");
            pad(sb, cut(bsdAddress(r.local()), 22), 22).append(' ');
            pad(sb, cut(bsdAddress(r.foreign()), 22), 22).append(' ');
            pad(sb, r.state() == null ? "" : StateWords.bsd(r.state()), 11);
            sb.append('\n');
        }
    }

    /** {@code host.port}, {@code *} for the any address and for no port, the host cut to 16. */
    static String bsdAddress(Endpoint e) {
        String host = Addresses.isAny(e.address()) ? "*" : e.address();
        if (host.length() > 16) {
            host = host.substring(0, 16);
        }
        return host + "." + (e.port() == null ? "*" : e.port());
    }

    // ---------------------------------------------------------------- padding
    // Columns are padded to terminal columns, not characters: a host a teacher named 学生机 (in
    // the names format) takes six columns in a console or in the window's CJK monospace font, and
    // the columns after it must still line up. For ASCII text the two are the same.

    private static String cut(String s, int n) {
        return s.length() > n ? s.substring(0, n) : s;
    }

    private static StringBuilder pad(StringBuilder sb, String s, int w) {
        sb.append(s);
        return spaces(sb, w - Columns.width(s));
    }

    private static StringBuilder padLeft(StringBuilder sb, String s, int w) {
        spaces(sb, w - Columns.width(s));
        return sb.append(s);
    }

    private static String padRight(String s, int w) {
        StringBuilder sb = new StringBuilder(s);
        spaces(sb, w - Columns.width(s));
        return sb.toString();
    }

    private static StringBuilder spaces(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(' ');
        }
        return sb;
    }

    /** Lower-case dialect names, for messages. */
    static String names() {
        StringBuilder sb = new StringBuilder();
        for (Dialect d : Dialect.emittableValues()) {
            sb.append(sb.length() > 0 ? ", " : "").append(d.cliName().toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
