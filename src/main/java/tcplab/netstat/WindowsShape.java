package tcplab.netstat;

import java.util.Locale;
import tcplab.netstat.ParsedLine.Why;
import tcplab.tcp.TcpState;

/**
 * Windows {@code netstat} rows in every display language (the words are in {@link ToolWords}):
 * {@code TCP 0.0.0.0:135 0.0.0.0:0 LISTENING [PID]}; the {@code -b} lines under a row are read
 * by {@link NetstatParser}, which attaches them.
 */
final class WindowsShape implements RowShape {
    private final LineTokens t;
    private final NetstatParser p;

    WindowsShape(LineTokens t, NetstatParser p) {
        this.t = t;
        this.p = p;
    }

    /** {@code TCP 0.0.0.0:135 0.0.0.0:0 LISTENING [PID]}, {@code UDP 0.0.0.0:500 *:* [PID]}. */
    @Override
    public ParsedLine.Socket read(int n) {
        Proto proto = t.protoWord(t.tok(0));
        if (proto == null) {
            return t.fail(0, Why.NO_SHAPE, null);
        }
        if (t.nt < 3 || t.nt > 5) {
            return t.fail(1, Why.WINDOWS_COLUMNS, null);
        }
        TcpState state = null;
        String stateRaw = null;
        Integer pid = null;
        int next = 3;
        if (proto == Proto.TCP) {
            if (t.nt < 4) {
                return t.fail(2, Why.NEEDS_STATE, null);
            }
            stateRaw = t.tok(3);
            state = StateWords.parse(stateRaw);
            if (state == null) {
                return t.fail(3, Why.UNKNOWN_STATE, stateRaw);
            }
            next = 4;
        } else if (t.nt >= 4 && StateWords.isStateWord(t.tok(3))) {
            stateRaw = t.tok(3);
            next = 4;
        }
        if (next < t.nt) {
            if (!t.isNumber(next) || next != t.nt - 1) {
                return t.fail(3, Why.NOT_A_PID, t.tok(next));
            }
            pid = (int) Math.min(Integer.MAX_VALUE, Addresses.parseLong(t.tok(next)));
        }
        LineTokens.Ends e = t.ends(proto, 1, 2, ':');
        if (e == null) {
            return null;
        }
        Dialect d;
        if (p.forced() != null && NetstatParser.SECTION_OF[p.forced().ordinal()] == NetstatParser.Section.WINDOWS) {
            d = p.forced();
        } else if (p.section() == NetstatParser.Section.WINDOWS && (p.layoutDialect() == Dialect.WINDOWS_ZH || p.layoutDialect() == Dialect.WINDOWS_DE)) {
            d = p.layoutDialect();
        } else if (pid != null) {
            d = p.sawProgramLines() ? Dialect.WINDOWS_B : Dialect.WINDOWS_PID;
        } else if (!Addresses.isNumeric(e.local.address()) || e.localPortRaw != null || e.foreignPortRaw != null) {
            d = Dialect.WINDOWS_NAMES;
        } else {
            d = Dialect.WINDOWS;
        }
        SocketRow row = new SocketRow(proto, e.family, false, e.local, e.foreign, state, null, null, pid, null, null);
        return new ParsedLine.Socket(n, d, row, e.raw(stateRaw, state, d));
    }
}
