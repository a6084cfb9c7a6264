package tcplab.netstat;

import java.util.Locale;
import tcplab.netstat.ParsedLine.Why;
import tcplab.tcp.TcpState;

/**
 * The shared line tokens every row shape reads: the current line split at blanks (start and end
 * of each token, no substring until a shape asks for one), the readers of numbers, ports and
 * addresses, and the deepest reason a shape gave up on the line ({@link #fail}). One instance per
 * parser, reused for every line: the shapes hold it and read the line it holds.
 */
final class LineTokens {
    static final int MAX_TOKENS = 64;

    final int[] ts = new int[MAX_TOKENS];
    final int[] te = new int[MAX_TOKENS];
    int nt;
    String cur;
    private final Services services = Services.get();

    /**
     * Why the current line failed, from the shape that got furthest into it ({@link #fail}): a
     * line is tried with several shapes, and the reason of the one it resembles most is the one
     * that helps (a bad state word in a Windows row, not "an ss row has more columns").
     */
    Why why;
    String whyDetail;
    int whyDepth;

    /** Forgets the reason of the previous line. */
    void resetWhy() {
        why = null;
        whyDetail = null;
        whyDepth = 0;
    }

    /**
     * Records that the current line does not fit a shape, at {@code depth}: 0 its first word, 1
     * its number of columns, 2 its numbers or addresses, 3 its state, port or last columns. The
     * deepest failure is kept (the first among equals). Returns null, for {@code return fail(...)}.
     */
    ParsedLine.Socket fail(int depth, Why w, String detail) {
        if (why == null || depth > whyDepth) {
            why = w;
            whyDetail = detail;
            whyDepth = depth;
        }
        return null;
    }


    // ---------------------------------------------------------------- tokens

    /** Splits the line into tokens; true when it has control characters ({@link #hasControlCharacters}). */
    boolean tokenize(String s) {
        nt = 0;
        int i = 0;
        int n = s.length();
        boolean control = false;
        while (i < n && nt < MAX_TOKENS) {
            char c;
            // No blank is a control character: the run of blanks needs no other test.
            while (i < n && ((c = s.charAt(i)) == ' ' || isBlank(c))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n) {
                c = s.charAt(i);
                if (c > ' ' && c < 0x7f) {
                    i++; // printable ASCII: neither blank nor control (the common case)
                    continue;
                }
                if (isBlank(c)) {
                    break;
                }
                control |= isControl(c);
                i++;
            }
            ts[nt] = start;
            te[nt] = i;
            nt++;
        }
        if (i < n && !control) {
            control = hasControlCharacters(s.substring(i));
        }
        return control;
    }

    /**
     * {@link #tokenize} of a line read on the ASCII fast path, over its bytes: the same tokens,
     * without a String accessor per character (the line scan is a fifth of the parse).
     */
    boolean tokenizeAscii(byte[] b, int off, int n) {
        nt = 0;
        int i = 0;
        boolean control = false;
        while (i < n && nt < MAX_TOKENS) {
            byte c;
            while (i < n && ((c = b[off + i]) == ' ' || c == '\t' || c == '\f' || c == 0x0b)) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n) {
                c = b[off + i];
                if (c > ' ' && c < 0x7f) {
                    i++;
                    continue;
                }
                if (c == ' ' || c == '\t' || c == '\f' || c == 0x0b) {
                    break;
                }
                control = true; // below space and not blank, or DEL (the fast path has no byte >= 0x80)
                i++;
            }
            ts[nt] = start;
            te[nt] = i;
            nt++;
        }
        for (; i < n && !control; i++) {
            byte c = b[off + i];
            control = c < ' ' && c != '\t' && c != '\f' && c != 0x0b || c == 0x7f;
        }
        return control;
    }

    static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\f' && c != 0x0b) || c == 0x7f || c == '\ufffd';
    }

    static boolean isBlank(char c) {
        // Spaces, tabs, and the no-break space some editors paste.
        return c == ' ' || c == '\t' || c == '\u00a0' || c == '\u3000' || c == '\f' || c == '\u000b';
    }

    String tok(int i) {
        return cur.substring(ts[i], te[i]);
    }

    /** Token i, as the state words table's own String when it is one (no substring), else a copy. */
    String stateWordAt(int i) {
        String w = StateWords.known(cur, ts[i], te[i]);
        return w != null ? w : tok(i);
    }

    boolean tokIs(int i, String s) {
        return te[i] - ts[i] == s.length() && cur.regionMatches(true, ts[i], s, 0, s.length());
    }

    /** The rest of the line from token i, trimmed. */
    String restFrom(int i) {
        int end = cur.length();
        while (end > ts[i] && isBlank(cur.charAt(end - 1))) {
            end--;
        }
        return cur.substring(ts[i], end);
    }

    static boolean hasControlCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Token i is a net-tools or BSD protocol word (tcp, tcp6, udp, udp6, tcp4, tcp46...). */
    boolean isLinuxProto(int i) {
        String w = tok(i).toLowerCase(Locale.ROOT);
        return w.equals("tcp") || w.equals("udp") || w.equals("tcp6") || w.equals("udp6") || w.equals("tcp4")
                || w.equals("udp4") || w.equals("tcp46") || w.equals("udp46");
    }

    boolean isNumber(int i) {
        if (te[i] - ts[i] > 18) {
            return false;
        }
        for (int k = ts[i]; k < te[i]; k++) {
            char c = cur.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return te[i] > ts[i];
    }

    static char lastSeparator(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == '.' || c == ':') {
                return c;
            }
            if (c == ']') {
                return ':';
            }
        }
        return 0;
    }

    static Proto protoWord(String w) {
        if (w.equalsIgnoreCase("TCP") || w.equalsIgnoreCase("TCPv6")) {
            return Proto.TCP;
        }
        if (w.equalsIgnoreCase("UDP") || w.equalsIgnoreCase("UDPv6")) {
            return Proto.UDP;
        }
        return null;
    }

    /** {@link Addresses#parseLong} of token i, without a substring; boxed as before (small values are cached). */
    Long number(int i) {
        int n = te[i] - ts[i];
        if (n == 0 || n > 18) {
            return -1L;
        }
        long v = 0;
        for (int k = ts[i]; k < te[i]; k++) {
            char c = cur.charAt(k);
            if (c < '0' || c > '9') {
                return -1L;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** {@link #lastSeparator(String)} of token i. */
    char lastSeparator(int i) {
        for (int k = te[i] - 1; k >= ts[i]; k--) {
            char c = cur.charAt(k);
            if (c == '.' || c == ':') {
                return c;
            }
            if (c == ']') {
                return ':';
            }
        }
        return 0;
    }

    boolean isPidProgram(int k) {
        if (te[k] - ts[k] == 1 && cur.charAt(ts[k]) == '-') {
            return true;
        }
        int slash = cur.indexOf('/', ts[k]);
        if (slash <= ts[k] || slash >= te[k]) {
            return false;
        }
        for (int c = ts[k]; c < slash; c++) {
            char ch = cur.charAt(c);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- addresses

    /** Both ends of a row, canonical, with the tool's own texts where they differ. */
    static final class Ends {
        Endpoint local;
        Endpoint foreign;
        Family family;
        boolean localWasStar;
        String localHostRaw;
        String localPortRaw;
        String foreignHostRaw;
        String foreignPortRaw;

        ParsedLine.RawFields raw(String stateRaw, TcpState state, Dialect d) {
            String s = stateRaw;
            if (s != null && state != null && s.equals(state.name())) {
                s = null;
            }
            if (s == null && localHostRaw == null && localPortRaw == null && foreignHostRaw == null && foreignPortRaw == null) {
                return ParsedLine.RawFields.NONE;
            }
            return new ParsedLine.RawFields(s, localHostRaw, localPortRaw, foreignHostRaw, foreignPortRaw);
        }
    }

    /**
     * Both ends of a row from tokens {@code li} and {@code fi}, split at the last {@code sep}
     * outside brackets. Works on the line itself: a host is the only String made per end, and
     * the port is read from its characters (a substring only for a port name).
     */
    /** The result of {@link #ends}, reused: it is read at once by the row that asked for it. */
    final Ends scratchEnds = new Ends();

    Ends ends(Proto proto, int li, int fi, char sep) {
        int lAt = splitAt(li, sep);
        int fAt = splitAt(fi, sep);
        if (lAt < 0 || fAt < 0) {
            fail(2, Why.ADDRESS_WITHOUT_PORT, tok(lAt < 0 ? li : fi));
            return null;
        }
        String lHost = lAt == STAR ? "*" : cur.substring(ts[li], lAt);
        String fHost = fAt == STAR ? "*" : cur.substring(ts[fi], fAt);
        Ends e = scratchEnds;
        e.localWasStar = lHost.equals("*");
        Family fam = familyOf(lHost);
        if (e.localWasStar && fHost.indexOf(':') >= 0) {
            fam = Family.IPV6;
        }
        if (e.localWasStar && sep == ':') {
            fam = Family.IPV6; // ss prints * for a dual-stack IPv6 socket bound to every address
        }
        e.family = fam;
        String la = canonicalHost(lHost, fam);
        String fa = canonicalHost(fHost, fam);
        int lFrom = lAt == STAR ? -1 : lAt + 1;
        int fFrom = fAt == STAR ? -1 : fAt + 1;
        Integer lport = port(proto, lFrom, te[li]);
        Integer fport = port(proto, fFrom, te[fi]);
        // A port that is neither a number, * nor a known service must at least look like a
        // service name (port() has already looked the known ones up).
        String badLocal = lport == null ? badPortText(lFrom, te[li]) : null;
        String badForeign = fport == null ? badPortText(fFrom, te[fi]) : null;
        if (badLocal != null || badForeign != null) {
            fail(3, Why.BAD_PORT, badLocal != null ? badLocal : badForeign);
            return null;
        }
        e.local = new Endpoint(la, lport);
        e.foreign = new Endpoint(fa, fport);
        e.localHostRaw = la.equals(lHost) ? null : lHost;
        e.foreignHostRaw = fa.equals(fHost) ? null : fHost;
        e.localPortRaw = rawPort(lFrom, te[li], lport);
        e.foreignPortRaw = rawPort(fFrom, te[fi], fport);
        return e;
    }

    /**
     * {@link #ends} of two ends inside one token ({@code lsof}'s {@code local->foreign}): the
     * ranges are read as two tokens of their own, in the last two slots. {@code fFrom} < 0: no
     * foreign end (the foreign fields of the result are then the local's, to be replaced).
     */
    Ends endsIn(Proto proto, int lFrom, int lTo, int fFrom, int fTo) {
        if (nt > MAX_TOKENS - 2) {
            fail(1, Why.NO_SHAPE, null);
            return null;
        }
        ts[MAX_TOKENS - 2] = lFrom;
        te[MAX_TOKENS - 2] = lTo;
        ts[MAX_TOKENS - 1] = fFrom < 0 ? lFrom : fFrom;
        te[MAX_TOKENS - 1] = fFrom < 0 ? lTo : fTo;
        Ends e = ends(proto, MAX_TOKENS - 2, MAX_TOKENS - 1, ':');
        if (e != null && fFrom < 0) {
            e.foreignHostRaw = null;
            e.foreignPortRaw = null;
        }
        return e;
    }

    /** {@link #splitAt}: the token is a lone {@code *} (host and port both {@code *}). */
    static final int STAR = Integer.MAX_VALUE;

    /**
     * Where token i splits into host and port: the index in {@link #cur} of its last {@code sep}
     * outside brackets, {@link #STAR} for a lone {@code *}, -1 when there is none or the port is
     * empty.
     */
    int splitAt(int i, char sep) {
        int from = ts[i];
        int to = te[i];
        if (to - from == 1 && cur.charAt(from) == '*') {
            return STAR;
        }
        int at = -1;
        int close = -1;
        for (int k = to - 1; k >= from; k--) {
            char c = cur.charAt(k);
            if (c == sep && at < 0) {
                at = k;
            } else if (c == ']') {
                close = k;
                break;
            }
        }
        if (at < 0 || at < close || at == to - 1) {
            return -1;
        }
        return at;
    }

    /** The port text in {@code cur[from, to)} when it cannot be a port: not *, not a service word; else null. */
    String badPortText(int from, int to) {
        if (from < 0 || isStar(from, to)) {
            return null;
        }
        String text = cur.substring(from, to);
        return isServiceWord(text) ? null : text;
    }

    boolean isStar(int from, int to) {
        return to - from == 1 && cur.charAt(from) == '*';
    }

    /** The port in {@code cur[from, to)}: a number, or a service name; null for {@code *} or unknown. */
    Integer port(Proto proto, int from, int to) {
        if (from < 0 || isStar(from, to)) {
            return null;
        }
        int p = Addresses.parsePort(cur, from, to);
        if (p < 0) {
            p = services.resolvePort(proto, cur.substring(from, to));
        }
        return p < 0 ? null : Integer.valueOf(p);
    }

    /** The port text as the tool printed it when it is not the decimal of {@code port}, else null. */
    String rawPort(int from, int to, Integer port) {
        if (from < 0) {
            return null; // a lone *
        }
        if (port == null) {
            return isStar(from, to) ? null : cur.substring(from, to);
        }
        return isDecimalOf(cur, from, to, port) ? null : cur.substring(from, to);
    }

    /** {@code Integer.toString(port).equals(s.substring(from, to))}, without building a String. */
    static boolean isDecimalOf(String s, int from, int to, int port) {
        int n = to - from;
        if (n == 0 || n > 10 || n > 1 && s.charAt(from) == '0') {
            return false;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            v = v * 10 + (c - '0');
        }
        return v == port;
    }

    /** A port name as services files spell them: letters, digits, - and _; at least one letter. */
    static boolean isServiceWord(String s) {
        if (s.isEmpty() || s.length() > 32) {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                letter = true;
            } else if (!(Character.isDigit(c) || c == '-' || c == '_' || c == '.')) {
                return false;
            }
        }
        return letter;
    }

    static Family familyOf(String host) {
        return host.indexOf(':') >= 0 ? Family.IPV6 : Family.IPV4;
    }

    /** Brackets off; {@code *} and {@code [::]} become the family's any address. */
    static String canonicalHost(String h, Family fam) {
        if (h.equals("*")) {
            return fam.anyAddress();
        }
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close > 0) {
                String inner = h.substring(1, close);
                String after = h.substring(close + 1); // ss: [fe80::1]%eth0
                return after.startsWith("%") ? inner + after : inner;
            }
        }
        return h;
    }
}
