package tcplab.netstat;

import java.util.Locale;
import tcplab.netstat.ParsedLine.Why;
import tcplab.tcp.TcpState;

/** Sysinternals TCPView / Tcpvcon text: the owning program first, then a Windows row. */
final class TcpViewShape implements RowShape {
    private final LineTokens t;
    private final NetstatParser p;

    TcpViewShape(LineTokens t, NetstatParser p) {
        this.t = t;
        this.p = p;
    }

    /** {@code inetinfo.exe:1260 TCP 0.0.0.0:21 0.0.0.0:0 LISTENING}; program names may contain spaces. */
    @Override
    public ParsedLine.Socket read(int n) {
        int k = -1;
        for (int i = 1; i < t.nt && i < 12; i++) {
            if (t.protoWord(t.tok(i)) != null) {
                k = i;
                break;
            }
        }
        if (k < 0 || t.nt - k < 3 || t.nt - k > 4) {
            return t.fail(0, Why.NO_SHAPE, null);
        }
        Proto proto = t.protoWord(t.tok(k));
        String owner = t.cur.substring(t.ts[0], t.te[k - 1]);
        String program;
        Integer pid;
        int colon = owner.lastIndexOf(':');
        if (colon > 0 && Addresses.parseLong(owner.substring(colon + 1)) >= 0) {
            program = owner.substring(0, colon);
            pid = (int) Math.min(Integer.MAX_VALUE, Addresses.parseLong(owner.substring(colon + 1)));
        } else if (k >= 2 && t.isNumber(k - 1)) {
            program = t.cur.substring(t.ts[0], t.te[k - 2]);
            pid = (int) Math.min(Integer.MAX_VALUE, Addresses.parseLong(t.tok(k - 1)));
        } else {
            return t.fail(1, Why.TCPVIEW_OWNER, null);
        }
        TcpState state = null;
        String stateRaw = null;
        if (t.nt - k == 4) {
            stateRaw = t.tok(k + 3);
            state = StateWords.parse(stateRaw);
            if (state == null && !StateWords.isStateWord(stateRaw)) {
                return t.fail(3, Why.UNKNOWN_STATE, stateRaw);
            }
            if (proto == Proto.UDP) {
                state = null;
            }
        } else if (proto == Proto.TCP) {
            return t.fail(2, Why.NEEDS_STATE, null);
        }
        LineTokens.Ends e = t.ends(proto, k + 1, k + 2, ':');
        if (e == null) {
            return null;
        }
        Dialect d = p.label(Dialect.TCPVIEW);
        SocketRow row = new SocketRow(proto, e.family, false, e.local, e.foreign, state, null, null, pid, program, null);
        return new ParsedLine.Socket(n, d, row, e.raw(stateRaw, state, d));
    }
}
