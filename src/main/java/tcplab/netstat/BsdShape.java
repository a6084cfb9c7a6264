package tcplab.netstat;

import java.util.Locale;
import tcplab.netstat.ParsedLine.Why;
import tcplab.tcp.TcpState;

/** BSD and macOS {@code netstat} rows: a dot before the port, {@code tcp4}/{@code tcp46}. */
final class BsdShape implements RowShape {
    private final LineTokens t;
    private final NetstatParser p;

    BsdShape(LineTokens t, NetstatParser p) {
        this.t = t;
        this.p = p;
    }

    /** BSD/macOS: {@code [socket flowhash] tcp4 0 0 127.0.0.1.8080 *.* LISTEN}; tcp46 is dual stack. */
    @Override
    public ParsedLine.Socket read(int n) {
        if ((p.bsdColumns() & NetstatParser.BSD_T) != 0 && p.section() == NetstatParser.Section.BSD) {
            return readT(n);
        }
        int i = 0;
        if (t.nt >= 6 && !isProto(0)) {
            // -A: the control block's address first (FreeBSD: Tcpcb), and on macOS its flow hash.
            i = isProto(1) ? 1 : 2;
        }
        String pw = t.tok(i).toLowerCase(Locale.ROOT);
        if (!pw.startsWith("tcp") && !pw.startsWith("udp")) {
            return t.fail(0, Why.NO_SHAPE, null);
        }
        if (t.nt - i < 5) {
            return t.fail(1, Why.BSD_COLUMNS, null);
        }
        Proto proto;
        if (pw.startsWith("tcp")) {
            proto = Proto.TCP;
        } else if (pw.startsWith("udp")) {
            proto = Proto.UDP;
        } else {
            return t.fail(0, Why.NO_SHAPE, null);
        }
        String suffix = pw.substring(3);
        Family fam;
        boolean dual = false;
        switch (suffix) {
            case "4": fam = Family.IPV4; break;
            case "6": fam = Family.IPV6; break;
            case "46": fam = Family.IPV6; dual = true; break;
            case "": fam = null; break;
            default:
                return t.fail(2, Why.UNKNOWN_PROTOCOL, t.tok(i));
        }
        if (!t.isNumber(i + 1) || !t.isNumber(i + 2)) {
            return t.fail(2, Why.QUEUES, null);
        }
        TcpState state = null;
        String stateRaw = null;
        int expected = i + 5;
        boolean udpExtras = proto == Proto.UDP && t.nt > i + 5 && !StateWords.isStateWord(t.tok(i + 5));
        if (t.nt > i + 5 && !udpExtras) {
            stateRaw = t.tok(i + 5);
            if (!StateWords.isStateWord(stateRaw)) {
                return t.fail(3, Why.UNKNOWN_STATE, stateRaw);
            }
            state = proto == Proto.TCP ? StateWords.parse(stateRaw) : null;
            expected++;
        } else if (proto == Proto.TCP) {
            return t.fail(2, Why.NEEDS_STATE, null);
        }
        owner = null;
        ownerPid = null;
        boolean verbose = p.section() == NetstatParser.Section.BSD && (p.bsdColumns() & NetstatParser.BSD_V) != 0;
        if (t.nt != expected && !(verbose ? verboseAfter(expected) : p.section() == NetstatParser.Section.BSD
                && extrasAfter(expected))) {
            return t.fail(3, Why.EXTRA_COLUMNS, t.restFrom(expected < t.nt ? expected : t.nt - 1));
        }
        String l = t.tok(i + 3);
        String f = t.tok(i + 4);
        if (t.lastSeparator(l) != '.' && !l.equals("*") || t.lastSeparator(f) != '.' && !f.equals("*")) {
            return t.fail(2, Why.ADDRESS_WITHOUT_PORT, t.lastSeparator(l) != '.' && !l.equals("*") ? l : f);
        }
        LineTokens.Ends e = t.ends(proto, i + 3, i + 4, '.');
        if (e == null) {
            return null;
        }
        Family family = fam != null ? fam : e.family;
        Endpoint local = wildcard(e.local, family);
        Endpoint foreign = wildcard(e.foreign, family);
        Dialect d = p.label(p.section() == NetstatParser.Section.BSD && p.layoutDialect() == Dialect.BSD ? Dialect.BSD : Dialect.MACOS);
        SocketRow row = new SocketRow(proto, family, dual, local, foreign, state,
                Addresses.parseLong(t.tok(i + 1)), Addresses.parseLong(t.tok(i + 2)), ownerPid, owner, null);
        ParsedLine.RawFields raw = e.raw(stateRaw, state, d);
        // The address columns are 22 characters wide, 18 with -A; a longer host.port is cut to
        // the width (inetprint's "%-*.*s"), port digits first: 192.168.1.221.5486 was port 5486x.
        int width = i > 0 ? 18 : 22;
        boolean lt = t.te[i + 3] - t.ts[i + 3] >= width;
        boolean ft = t.te[i + 4] - t.ts[i + 4] >= width;
        if (lt || ft) {
            raw = raw.withTruncated(lt, ft);
        }
        return new ParsedLine.Socket(n, d, row, raw);
    }

    /** The owner {@link #verboseAfter} read from a macOS -v row (null when none). */
    private String owner;
    private Integer ownerPid;

    /**
     * macOS {@code -v} after the state (or after the addresses of a UDP row): [rxbytes txbytes]
     * rhiwat shiwat, then the owner, then hex flags. The owner is "pid epid" up to macOS 12, and
     * from macOS 13 one column "process:pid" whose name netstat prints in 16 characters
     * ({@code %16s}), cut, right-aligned and with its spaces ("Brave Browser He:7187"): the
     * owner is the first word ending in {@code :digits}, its name everything from the column's
     * start to that colon.
     */
    private boolean verboseAfter(int from) {
        int cols = p.bsdColumns();
        int k = from + ((cols & NetstatParser.BSD_BYTES) != 0 ? 4 : 2);
        if (k > t.nt) {
            return false;
        }
        for (int c = from; c < k; c++) {
            if (!t.isNumber(c)) {
                return false;
            }
        }
        int rest;
        if ((cols & NetstatParser.BSD_PROCESS_PID) != 0) {
            int end = -1;
            for (int c = k; c < t.nt && c < k + 8; c++) {
                String w = t.tok(c);
                int colon = w.lastIndexOf(':');
                if (colon >= 0 && colon < w.length() - 1 && isDigits(w, colon + 1)) {
                    end = c;
                    break;
                }
            }
            if (end < 0) {
                return false;
            }
            String w = t.tok(end);
            int colon = t.ts[end] + w.lastIndexOf(':');
            String name = t.cur.substring(t.ts[k], colon).trim();
            long pid = Addresses.parseLong(t.cur.substring(colon + 1, t.te[end]));
            if (name.isEmpty() || pid < 0) {
                return false;
            }
            owner = name;
            ownerPid = (int) Math.min(Integer.MAX_VALUE, pid);
            rest = end + 1;
        } else {
            if (k + 2 > t.nt || !t.isNumber(k) || !t.isNumber(k + 1)) {
                return false;
            }
            ownerPid = (int) Math.min(Integer.MAX_VALUE, Addresses.parseLong(t.tok(k)));
            rest = k + 2;
        }
        return rest >= t.nt || extrasAfter(rest);
    }

    private boolean isDigits(String w, int from) {
        for (int c = from; c < w.length(); c++) {
            if (w.charAt(c) < '0' || w.charAt(c) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * FreeBSD {@code -T} (with {@code -A}, the Tcpcb column first): {@code tcp4 3 0 0 local
     * foreign}, no state; UDP rows leave the three counters blank: {@code udp4 local foreign}.
     */
    private ParsedLine.Socket readT(int n) {
        int i = isProto(0) ? 0 : t.nt > 1 && isProto(1) ? 1 : -1;
        if (i < 0) {
            return t.fail(0, Why.NO_SHAPE, null);
        }
        String pw = t.tok(i).toLowerCase(Locale.ROOT);
        Proto proto = pw.startsWith("tcp") ? Proto.TCP : Proto.UDP;
        int li = proto == Proto.TCP ? i + 4 : i + 1;
        if (t.nt != li + 2) {
            return t.fail(1, Why.BSD_COLUMNS, null);
        }
        if (proto == Proto.TCP && (!t.isNumber(i + 1) || !t.isNumber(i + 2) || !t.isNumber(i + 3))) {
            return t.fail(2, Why.QUEUES, null);
        }
        String suffix = pw.substring(3);
        Family fam = suffix.equals("4") ? Family.IPV4 : suffix.startsWith("6") || suffix.equals("46") ? Family.IPV6 : null;
        LineTokens.Ends e = t.ends(proto, li, li + 1, '.');
        if (e == null) {
            return null;
        }
        Family family = fam != null ? fam : e.family;
        Endpoint local = wildcard(e.local, family);
        Endpoint foreign = wildcard(e.foreign, family);
        Dialect d = p.label(Dialect.BSD);
        SocketRow row = new SocketRow(proto, family, suffix.equals("46"), local, foreign, null, null, null, null, null, null);
        ParsedLine.RawFields raw = e.raw(null, null, d);
        int width = i > 0 ? 18 : 22;
        boolean lt = t.te[li] - t.ts[li] >= width;
        boolean ft = t.te[li + 1] - t.ts[li + 1] >= width;
        if (lt || ft) {
            raw = raw.withTruncated(lt, ft);
        }
        if (proto == Proto.TCP) {
            raw = raw.withDetails(SocketDetails.bsdCounters(t.number(i + 1), t.number(i + 2), t.number(i + 3)));
        }
        return new ParsedLine.Socket(n, d, row, raw);
    }

    private boolean isProto(int k) {
        String w = t.tok(k).toLowerCase(Locale.ROOT);
        return w.startsWith("tcp") || w.startsWith("udp");
    }

    /**
     * Columns after the state that a BSD header announced: macOS {@code -b} (rxbytes txbytes),
     * {@code -v} (rhiwat shiwat pid epid state options ...), FreeBSD {@code -P} (Log ID, often
     * {@code -}). Numbers, hex, dashes, or {@code process:pid}: never an address or a state.
     */
    private boolean extrasAfter(int from) {
        if (t.nt - from > 16) {
            return false;
        }
        for (int k = from; k < t.nt; k++) {
            for (int c = t.ts[k]; c < t.te[k]; c++) {
                char ch = t.cur.charAt(c);
                boolean ok = ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F' || ch == 'x' || ch == '-'
                        || ch == ':' || k == t.nt - 1 && Character.isLetter(ch) || k == t.nt - 1 && (ch == '.' || ch == '_');
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** BSD prints "*" for the wildcard; its family is the protocol's (tcp6: "::"), not the text's. */
    private static Endpoint wildcard(Endpoint e, Family family) {
        return family == Family.IPV6 && e.address().equals("0.0.0.0") ? new Endpoint("::", e.port()) : e;
    }
}
