package tcplab.netstat;

import java.util.Locale;
import tcplab.netstat.ParsedLine.Why;
import tcplab.tcp.TcpState;

/** The kernel's {@code /proc/net/tcp} and {@code tcp6} tables. */
final class ProcShape implements RowShape {
    private final LineTokens t;
    private final NetstatParser p;

    ProcShape(LineTokens t, NetstatParser p) {
        this.t = t;
        this.p = p;
    }

    /** /proc/net/tcp: {@code 0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 ...}. */
    @Override
    public ParsedLine.Socket read(int n) {
        if (t.nt < 5 || !t.tok(0).endsWith(":")) {
            return t.fail(1, Why.PROC_ROW, null);
        }
        String l = t.tok(1);
        String f = t.tok(2);
        int lc = l.indexOf(':');
        int fc = f.indexOf(':');
        if (lc < 0 || fc < 0) {
            return t.fail(2, Why.PROC_ROW, null);
        }
        String la = Addresses.fromProcHex(l.substring(0, lc));
        String fa = Addresses.fromProcHex(f.substring(0, fc));
        int lp = hexPort(l.substring(lc + 1));
        int fp = hexPort(f.substring(fc + 1));
        TcpState state = StateWords.parseProcHex(t.tok(3));
        if (la == null || fa == null || lp < 0 || fp < 0) {
            return t.fail(2, Why.PROC_ROW, null);
        }
        Proto proto = p.udpProc() ? Proto.UDP : Proto.TCP;
        if (proto == Proto.TCP && state == null) {
            return t.fail(3, Why.PROC_STATE, t.tok(3));
        }
        Long tx = null;
        Long rx = null;
        String q = t.tok(4);
        int qc = q.indexOf(':');
        if (qc > 0) {
            int a = hexPortLong(q.substring(0, qc));
            int b = hexPortLong(q.substring(qc + 1));
            tx = a >= 0 ? (long) a : null;
            rx = b >= 0 ? (long) b : null;
        }
        Family fam = Family.of(la);
        Dialect d = p.label(Dialect.PROC);
        SocketRow row = new SocketRow(proto, fam, false, Endpoint.of(la, lp), Endpoint.of(fa, fp),
                proto == Proto.UDP ? null : state, rx, tx, null, null, null);
        return new ParsedLine.Socket(n, d, row, new ParsedLine.RawFields(t.tok(3), l.substring(0, lc), l.substring(lc + 1),
                f.substring(0, fc), f.substring(fc + 1)));
    }

    static int hexPort(String s) {
        if (s.length() != 4) {
            return -1;
        }
        return hexPortLong(s);
    }

    static int hexPortLong(String s) {
        if (s.isEmpty() || s.length() > 7) {
            return -1;
        }
        return (int) Addresses.parseHex(s); // at most 7 digits: fits an int
    }
}
