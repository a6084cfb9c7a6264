package tcplab.netstat;

import tcplab.netstat.ParsedLine.Why;
import tcplab.tcp.TcpState;

/**
 * PowerShell's {@code Get-NetTCPConnection} in its table view:
 * {@code LocalAddress LocalPort RemoteAddress RemotePort State AppliedSetting OwningProcess}, e.g.
 * {@code 172.18.0.8   5847   192.168.20.11   15490   Established Internet   21616}. Addresses and
 * ports are separate columns; the state is a .NET enum name ({@code Listen}, {@code TimeWait},
 * {@code Bound}: {@link ToolWords}); AppliedSetting is empty for listeners; a narrow console cuts a
 * long IPv6 address with {@code ...}, which is then marked cut.
 */
final class PowerShellShape implements RowShape {
    private final LineTokens t;
    private final NetstatParser p;

    PowerShellShape(LineTokens t, NetstatParser p) {
        this.t = t;
        this.p = p;
    }

    @Override
    public ParsedLine.Socket read(int n) {
        if (t.nt < 5 || t.nt > 7) {
            return t.fail(1, Why.POWERSHELL_COLUMNS, null);
        }
        if (!t.isNumber(1) || !t.isNumber(3)) {
            return t.fail(2, Why.POWERSHELL_COLUMNS, null);
        }
        String stateRaw = t.tok(4);
        TcpState state = StateWords.parse(stateRaw);
        if (state == null) {
            return t.fail(3, Why.UNKNOWN_STATE, stateRaw);
        }
        Integer pid = null;
        if (t.nt > 5 && t.isNumber(t.nt - 1)) {
            pid = (int) Math.min(Integer.MAX_VALUE, t.number(t.nt - 1));
        }
        String la = t.tok(0);
        String fa = t.tok(2);
        boolean lt = la.endsWith("...") || la.endsWith("…");
        boolean ft = fa.endsWith("...") || fa.endsWith("…");
        long lp = t.number(1);
        long fp = t.number(3);
        if (lp > 65535 || fp > 65535) {
            return t.fail(3, Why.BAD_PORT, Long.toString(Math.max(lp, fp)));
        }
        Family fam = la.indexOf(':') >= 0 ? Family.IPV6 : Family.IPV4;
        SocketRow row = new SocketRow(Proto.TCP, fam, false, Endpoint.of(la, (int) lp), Endpoint.of(fa, (int) fp), state,
                null, null, pid, null, null);
        Dialect d = p.label(Dialect.POWERSHELL);
        ParsedLine.RawFields raw = new ParsedLine.RawFields(stateRaw, null, null, null, null);
        return new ParsedLine.Socket(n, d, row, lt || ft ? raw.withTruncated(lt, ft) : raw);
    }
}
