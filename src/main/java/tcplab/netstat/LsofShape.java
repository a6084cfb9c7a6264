package tcplab.netstat;

import tcplab.netstat.ParsedLine.Why;
import tcplab.tcp.TcpState;

/**
 * {@code lsof -i} rows (Linux and macOS): {@code COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME},
 * e.g. {@code nginx 812 root 6u IPv4 603586 0t0 TCP *:8080 (LISTEN)} or
 * {@code firefox 901 ann 8u IPv4 603588 0t0 TCP 10.0.0.5:52254->93.184.216.34:443 (ESTABLISHED)}.
 * NAME is the local end, then {@code ->} and the peer for a connected socket; the state is in
 * parentheses after it (none for UDP). SIZE/OFF may be empty, so the row is read from both ends:
 * command, PID, user, FD and TYPE from the left; state, NAME and protocol from the right.
 */
final class LsofShape implements RowShape {
    private final LineTokens t;
    private final NetstatParser p;

    LsofShape(LineTokens t, NetstatParser p) {
        this.t = t;
        this.p = p;
    }

    /** True when token 4 is lsof's TYPE of an internet socket: the mark of an lsof row. */
    static boolean looksLikeLsof(LineTokens t) {
        return t.nt >= 8 && (t.tokIs(4, "IPv4") || t.tokIs(4, "IPv6")) && t.isNumber(1);
    }

    @Override
    public ParsedLine.Socket read(int n) {
        if (!looksLikeLsof(t)) {
            return t.fail(0, Why.NO_SHAPE, null);
        }
        int last = t.nt - 1;
        String stateRaw = null;
        if (t.cur.charAt(t.ts[last]) == '(' && t.cur.charAt(t.te[last] - 1) == ')') {
            stateRaw = t.cur.substring(t.ts[last] + 1, t.te[last] - 1);
            last--;
        }
        int nameTok = last;
        int protoTok = last - 1;
        if (protoTok < 5) {
            return t.fail(1, Why.LSOF_COLUMNS, null);
        }
        Proto proto = t.tokIs(protoTok, "TCP") ? Proto.TCP : t.tokIs(protoTok, "UDP") ? Proto.UDP : null;
        if (proto == null) {
            return t.fail(2, Why.UNKNOWN_PROTOCOL, t.tok(protoTok));
        }
        TcpState state = null;
        if (proto == Proto.TCP) {
            if (stateRaw == null) {
                return t.fail(2, Why.NEEDS_STATE, null);
            }
            state = StateWords.parse(stateRaw);
            if (state == null) {
                return t.fail(3, Why.UNKNOWN_STATE, stateRaw);
            }
        }
        Family fam = t.tokIs(4, "IPv6") ? Family.IPV6 : Family.IPV4;
        // NAME: local[->foreign]. The two ends are read as two tokens of their own.
        int from = t.ts[nameTok];
        int to = t.te[nameTok];
        int arrow = t.cur.indexOf("->", from);
        if (arrow >= to) {
            arrow = -1;
        }
        Endpoint local;
        Endpoint foreign;
        ParsedLine.RawFields raw;
        LineTokens.Ends e = t.endsIn(proto, from, arrow < 0 ? to : arrow, arrow < 0 ? -1 : arrow + 2, to);
        if (e == null) {
            return null;
        }
        local = e.local;
        foreign = e.foreign;
        if (e.localWasStar) {
            local = new Endpoint(fam.anyAddress(), local.port()); // lsof prints * for either family's wildcard
        }
        if (arrow < 0) {
            foreign = proto == Proto.UDP ? Endpoint.anyPort(fam.anyAddress()) : new Endpoint(fam.anyAddress(), 0);
        }
        raw = e.raw(stateRaw, state, Dialect.LSOF);
        int pid = (int) Math.min(Integer.MAX_VALUE, t.number(1));
        SocketRow row = new SocketRow(proto, fam, false, local, foreign, state, null, null, pid, t.tok(0), null);
        return new ParsedLine.Socket(n, p.label(Dialect.LSOF), row, raw);
    }
}
