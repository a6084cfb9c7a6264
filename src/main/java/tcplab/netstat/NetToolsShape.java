package tcplab.netstat;

import java.util.Locale;
import tcplab.netstat.ParsedLine.Why;
import tcplab.tcp.TcpState;

/**
 * Linux net-tools {@code netstat} rows ({@code -tan}, {@code -p}, {@code -e}, {@code -o}), in every
 * language net-tools is translated into (the state words are in {@link ToolWords}).
 */
final class NetToolsShape implements RowShape {
    private final LineTokens t;
    private final NetstatParser p;

    NetToolsShape(LineTokens t, NetstatParser p) {
        this.t = t;
        this.p = p;
    }

    /**
     * net-tools: {@code tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN [user inode] [PID/Program name]}; UDP
     * rows have no state; the program may contain spaces and is {@code -} when not ours.
     */
    @Override
    public ParsedLine.Socket read(int n) {
        if (t.nt < 5) {
            return t.isLinuxProto(0) ? t.fail(1, Why.LINUX_COLUMNS, null) : t.fail(0, Why.NO_SHAPE, null);
        }
        Proto proto;
        Family fam = null;
        if (t.tokIs(0, "tcp")) {
            proto = Proto.TCP;
        } else if (t.tokIs(0, "tcp6")) {
            proto = Proto.TCP;
            fam = Family.IPV6;
        } else if (t.tokIs(0, "udp") || t.tokIs(0, "udpl")) {
            proto = Proto.UDP;
        } else if (t.tokIs(0, "udp6") || t.tokIs(0, "udpl6")) {
            proto = Proto.UDP;
            fam = Family.IPV6;
        } else {
            return t.fail(0, Why.NO_SHAPE, null);
        }
        if (!t.isNumber(1) || !t.isNumber(2)) {
            return t.fail(2, Why.QUEUES, null);
        }
        if (t.lastSeparator(3) != ':' || t.lastSeparator(4) != ':') {
            return t.fail(2, Why.ADDRESS_WITHOUT_PORT, t.tok(t.lastSeparator(3) != ':' ? 3 : 4));
        }
        int i = 5;
        TcpState state = null;
        String stateRaw = null;
        String word = i < t.nt ? t.stateWordAt(i) : null;
        if (word != null && StateWords.isStateWord(word)) {
            stateRaw = word;
            state = proto == Proto.TCP ? StateWords.parse(stateRaw) : null;
            i++;
        } else if (proto == Proto.TCP) {
            return t.nt > 5 ? t.fail(3, Why.UNKNOWN_STATE, t.tok(5)) : t.fail(2, Why.NEEDS_STATE, null);
        }
        // What follows the state: [user inode] [PID/Program name | -].
        Integer pid = null;
        String program = null;
        int progTok = -1;
        for (int k = i; k < t.nt; k++) {
            if (t.isPidProgram(k)) {
                progTok = k;
                break;
            }
        }
        if (progTok < 0 && t.nt - i != 0 && t.nt - i != 2) {
            return t.fail(3, Why.EXTRA_COLUMNS, t.restFrom(i));
        }
        if (progTok >= 0) {
            if (progTok != i && progTok != i + 2) {
                return t.fail(3, Why.EXTRA_COLUMNS, t.cur.substring(t.ts[i], t.te[progTok - 1]));
            }
            String pp = t.restFrom(progTok);
            int slash = pp.indexOf('/');
            if (slash > 0) {
                pid = (int) Math.min(Integer.MAX_VALUE, Addresses.parseLong(pp.substring(0, slash)));
                program = pp.substring(slash + 1);
            }
        }
        LineTokens.Ends e = t.ends(proto, 3, 4, ':');
        if (e == null) {
            return null;
        }
        Family family = fam != null ? fam : e.family;
        Dialect d = p.label(progTok >= 0 ? Dialect.LINUX_P : proto == Proto.UDP ? Dialect.LINUX_TUNA : Dialect.LINUX);
        SocketRow row = new SocketRow(proto, family, false, e.local, e.foreign, state,
                t.number(1), t.number(2), pid, program, null);
        return new ParsedLine.Socket(n, d, row, e.raw(stateRaw, state, d));
    }
}
