package tcplab.netstat;

import java.util.Locale;
import tcplab.netstat.ParsedLine.Why;
import tcplab.tcp.TcpState;

/** iproute2 {@code ss} rows, with or without the Netid column. */
final class SsShape implements RowShape {
    private final LineTokens t;
    private final NetstatParser p;

    SsShape(LineTokens t, NetstatParser p) {
        this.t = t;
        this.p = p;
    }

    /**
     * ss: {@code [Netid] State Recv-Q Send-Q Local:Port Peer:Port [Process]}, e.g.
     * {@code ESTAB 0 0 [::1]:22 [::1]:59602 users:(("sshd",pid=812,fd=3))}.
     */
    @Override
    public ParsedLine.Socket read(int n) {
        if (p.ssStateless()) {
            return stateless(n);
        }
        int i = 0;
        Proto proto = Proto.TCP;
        String netid = t.tok(0).toLowerCase(Locale.ROOT);
        if (!StateWords.isStateWord(t.tok(0))) {
            if (netid.equals("tcp") || netid.equals("mptcp")) {
                proto = Proto.TCP;
            } else if (netid.equals("udp")) {
                proto = Proto.UDP;
            } else {
                return t.fail(0, Why.NO_SHAPE, null);
            }
            i = 1;
        }
        if (t.nt - i < 5) {
            return t.fail(1, Why.SS_COLUMNS, null);
        }
        String stateRaw = t.tok(i);
        if (!StateWords.isStateWord(stateRaw)) {
            // ss's first column is the state: without one, the line is hardly an ss row at all.
            return t.fail(1, Why.UNKNOWN_STATE, stateRaw);
        }
        if (!t.isNumber(i + 1) || !t.isNumber(i + 2)) {
            return t.fail(2, Why.QUEUES, null);
        }
        TcpState state = null;
        if (proto == Proto.TCP) {
            state = StateWords.UNCONNECTED.equalsIgnoreCase(stateRaw) ? TcpState.CLOSED : StateWords.parse(stateRaw);
        }
        LineTokens.Ends e = t.ends(proto, i + 3, i + 4, ':');
        if (e == null) {
            return null;
        }
        Integer pid = null;
        String program = null;
        boolean users = false;
        String timer = null;
        SocketDetails details = null;
        if (t.nt > i + 5) {
            String rest = t.restFrom(i + 5);
            if (SocketDetails.hasRowDetails(rest)) {
                details = SocketDetails.parse(rest); // ss -e
            }
            int tm = rest.indexOf("timer:(");
            if (tm >= 0) {
                int close = rest.indexOf(')', tm);
                timer = close > 0 ? rest.substring(tm, close + 1) : null; // ss -o
            }
            int u = rest.indexOf("users:((\"");
            if (u >= 0) {
                users = true;
                int q = rest.indexOf('"', u + 9);
                if (q > 0) {
                    program = rest.substring(u + 9, q);
                    int pidAt = rest.indexOf("pid=", q);
                    if (pidAt > 0) {
                        int end = pidAt + 4;
                        while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
                            end++;
                        }
                        long v = Addresses.parseLong(rest.substring(pidAt + 4, end));
                        pid = v >= 0 ? (int) Math.min(Integer.MAX_VALUE, v) : null;
                    }
                }
            }
        }
        boolean dual = e.localWasStar && e.family == Family.IPV6;
        Dialect d = p.label(users ? Dialect.SS_P : Dialect.SS);
        // A LISTEN row's Send-Q is the listener's backlog (tcp_diag: idiag_wqueue = sk_max_ack_backlog), not a send queue.
        Long sendQ = Addresses.parseLong(t.tok(i + 2));
        boolean listen = state == TcpState.LISTEN;
        SocketRow row = new SocketRow(proto, e.family, dual, e.local, e.foreign, state,
                Addresses.parseLong(t.tok(i + 1)), listen ? null : sendQ, pid, program, null, listen ? sendQ : null);
        ParsedLine.RawFields raw = e.raw(stateRaw, state, d);
        if (timer != null) {
            raw = raw.withTimer(timer);
        }
        return new ParsedLine.Socket(n, d, row, details != null ? raw.withDetails(details) : raw);
    }

    /**
     * {@code ss ... state time-wait}: no State column ({@code Recv-Q Send-Q Local Peer [Process]});
     * every row has the filter's state, or none when the filter is not known.
     */
    private ParsedLine.Socket stateless(int n) {
        if (t.nt < 4) {
            return t.fail(1, Why.SS_COLUMNS, null);
        }
        if (!t.isNumber(0) || !t.isNumber(1)) {
            return t.fail(1, Why.QUEUES, null);
        }
        LineTokens.Ends e = t.ends(Proto.TCP, 2, 3, ':');
        if (e == null) {
            return null;
        }
        TcpState state = p.filterState();
        boolean listen = state == TcpState.LISTEN;
        Long sendQ = Addresses.parseLong(t.tok(1));
        Dialect d = p.label(Dialect.SS);
        SocketRow row = new SocketRow(Proto.TCP, e.family, e.localWasStar && e.family == Family.IPV6, e.local, e.foreign,
                state, Addresses.parseLong(t.tok(0)), listen ? null : sendQ, null, null, null, listen ? sendQ : null);
        return new ParsedLine.Socket(n, d, row, e.raw(null, state, d));
    }
}
