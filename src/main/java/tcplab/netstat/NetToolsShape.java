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
        String two = word != null && i + 1 < t.nt && !StateWords.isStateWord(word) ? word + " " + t.tok(i + 1) : null;
        if (word != null && StateWords.isStateWord(word)) {
            stateRaw = word;
            state = proto == Proto.TCP ? StateWords.parse(stateRaw) : null;
            i++;
        } else if (two != null && StateWords.isStateWord(two)) {
            // Czech net-tools translates LAST_ACK as "POSLEDNÍ ACK", with a space.
            stateRaw = two;
            state = proto == Proto.TCP ? StateWords.parse(stateRaw) : null;
            i += 2;
        } else if (proto == Proto.TCP) {
            return t.nt > 5 ? t.fail(3, Why.UNKNOWN_STATE, t.tok(5)) : t.fail(2, Why.NEEDS_STATE, null);
        }
        // What follows the state: [user inode] [PID/Program name | -] [timer (left/retrans/probes)].
        int end = t.nt;
        String timer = null;
        if (end - 2 >= i && isTimer(end - 2)) {
            timer = t.cur.substring(t.ts[end - 2], t.te[end - 1]);
            end -= 2; // -o: not part of the program name
        }
        Integer pid = null;
        String program = null;
        int progTok = -1;
        for (int k = i; k < end; k++) {
            if (t.isPidProgram(k)) {
                progTok = k;
                break;
            }
        }
        if (progTok < 0 && end - i != 0 && end - i != 2) {
            return t.fail(3, Why.EXTRA_COLUMNS, t.restFrom(i));
        }
        if (progTok >= 0) {
            if (progTok != i && progTok != i + 2) {
                return t.fail(3, Why.EXTRA_COLUMNS, t.cur.substring(t.ts[i], t.te[progTok - 1]));
            }
            String pp = t.cur.substring(t.ts[progTok], t.te[end - 1]);
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
        ParsedLine.RawFields raw = e.raw(stateRaw, state, d);
        if (timer != null) {
            raw = raw.withTimer(timer);
        }
        boolean lt = cut(3);
        boolean ft = cut(4);
        if (lt || ft) {
            raw = raw.withTruncated(lt, ft);
        }
        return new ParsedLine.Socket(n, d, row, raw);
    }

    /** net-tools' Timer column: {@code off|on|keepalive|timewait|probe|unkn-N (s.ss/n/n)}. */
    private boolean isTimer(int k) {
        int from = t.ts[k + 1];
        int to = t.te[k + 1];
        if (to - from < 7 || t.cur.charAt(from) != '(' || t.cur.charAt(to - 1) != ')') {
            return false;
        }
        String w = t.tok(k);
        return w.equals("off") || w.equals("on") || w.equals("keepalive") || w.equals("timewait") || w.equals("probe")
                || w.startsWith("unkn-");
    }

    /**
     * Token k is an end net-tools may have cut: without {@code -W} it cuts the host so that
     * host:port fits 22 characters plus the colon (netstat.c, tcp_do_one), so a cut end is exactly
     * 23 characters long. A dotted IPv4 address is never cut (21 characters at most).
     */
    private boolean cut(int k) {
        // A column net-tools cut fills its 23 characters (a copy may add a mark: longer); shorter
        // ones are whole, and need no substring on this hot path.
        return t.te[k] - t.ts[k] >= Truncation.NET_TOOLS_WIDTH
                && Truncation.printed(Dialect.LINUX, t.cur.substring(t.ts[k], t.te[k]), ':');
    }
}
