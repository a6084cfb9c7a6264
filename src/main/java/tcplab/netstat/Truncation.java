package tcplab.netstat;

/**
 * Whether a tool cut an address or port short to fit its column, so that the explainer says so
 * instead of reading the stump as something else (a port 5 that was 51642, a host name
 * "localhost.localdoma" that is no loopback, an IPv6 address of four groups).
 *
 * <p>This is the one place that decides the rules: the explainer asks {@link #of} for its sentences;
 * net-tools' row shape asks {@link #printed} for the record's {@code local_truncated} and
 * {@code foreign_truncated} marks; macOS/BSD's shape, which alone knows its column's width, marks
 * the record and {@link #of} reads that mark.
 *
 * <p>The widths are the tools' own:
 * <ul>
 *   <li>net-tools {@code netstat} without {@code -W}: {@code addr_do_one()} cuts the host so that
 *       {@code host:port} fits 23 columns and keeps the port whole (netstat.c, net-tools 2.10).</li>
 *   <li>macOS and FreeBSD {@code netstat}: {@code inetprint()} cuts the host name to 16
 *       characters (12 with {@code -A} and names), appends {@code .port}, then prints the whole in
 *       22 columns, 18 with {@code -A} ({@code "%-*.*s"}): the port is what goes first.</li>
 *   <li>A marker some tools and some copies leave: a trailing {@code …}, {@code ...} or
 *       {@code +}.</li>
 * </ul>
 * Windows {@code netstat}, {@code ss} and TCPView print addresses whole.
 */
final class Truncation {
    /** net-tools' column for {@code host:port} without {@code -W}. */
    static final int NET_TOOLS_WIDTH = 23;
    /** macOS/BSD columns for {@code host.port}: with {@code -A}, and without. */
    static final int BSD_WIDTH_A = 18;
    static final int BSD_WIDTH = 22;
    /** macOS/BSD cut an IPv6 address (or a host name) to this many characters before the port. */
    static final int BSD_HOST = 16;

    /** How one end of a row was printed: was its host cut, its port, and by which rule. */
    record Cut(boolean host, boolean port, boolean marked, int width, int hostWidth) {
        static final Cut NONE = new Cut(false, false, false, 0, 0);

        Cut(boolean host, boolean port, boolean marked, int width) {
            this(host, port, marked, width, width);
        }

        boolean any() {
            return host || port;
        }
    }

    private Truncation() {
    }

    /** A text that ends in a truncation mark. */
    static boolean marked(String s) {
        return s != null && (s.endsWith("\u2026") || s.endsWith("...") || s.endsWith("+") && s.length() > 1);
    }

    /**
     * The cut of one end: {@code host} as printed (the raw text where the tool printed a name,
     * else the address), {@code rawPort} the port's text where the tool printed a name (else
     * null), {@code port} its number (null for {@code *}). Allocates nothing for a whole end.
     */
    static Cut of(Dialect dialect, String host, String rawPort, Integer port) {
        return of(dialect, host, rawPort, port, false);
    }

    /**
     * {@link #of}, told whether the parser found this end filling its column ({@code columnFull},
     * the record's truncation mark). For macOS and BSD only the parser can know the column's width
     * (22, or 18 under {@code -A}): a whole {@code 192.168.1.100.5432} is 18 characters wide in a
     * 22-column table, and its port is not cut.
     */
    static Cut of(Dialect dialect, String host, String rawPort, Integer port, boolean columnFull) {
        if (host == null) {
            return Cut.NONE;
        }
        boolean hostMark = marked(host);
        boolean portMark = marked(rawPort);
        if (hostMark || portMark) {
            return new Cut(hostMark, portMark, true, 0);
        }
        if (dialect == null) {
            return Cut.NONE;
        }
        int printed = host.length() + 1 + (rawPort != null ? rawPort.length() : port == null ? 1 : digits(port));
        switch (dialect) {
            case LINUX:
            case LINUX_P:
            case LINUX_TUNA:
                // A whole IPv4 address with its port never reaches 23 columns (21 at most).
                if (printed == NET_TOOLS_WIDTH && !completeIpv4(host)) {
                    return new Cut(true, false, false, NET_TOOLS_WIDTH);
                }
                return Cut.NONE;
            case MACOS:
            case BSD: { // FreeBSD's inetprint() is the one macOS took
                boolean v6 = host.indexOf(':') >= 0;
                // "fe80::aede:48ff:" ends in a lone colon: certainly cut. An IPv6 address of
                // exactly 16 characters fills inet6name's 16 and may have been cut there.
                boolean hostCut = v6 && (host.length() == BSD_HOST || host.endsWith(":") && !host.endsWith("::"));
                if (columnFull && (printed == BSD_WIDTH_A || printed == BSD_WIDTH)) {
                    boolean nameCut = !v6 && !completeIpv4(host) && !Addresses.isAny(host);
                    return new Cut(hostCut || nameCut, true, false, printed, hostCut ? BSD_HOST : printed);
                }
                return hostCut ? new Cut(true, false, false, BSD_HOST) : Cut.NONE;
            }
            default:
                return Cut.NONE;
        }
    }

    /**
     * Whether the tool cut one printed end ({@code host:port} with {@code sep} ':', BSD's
     * {@code host.port} with '.'), by the same rules as {@link #of}.
     */
    static boolean printed(Dialect dialect, String end, char sep) {
        int at = end.lastIndexOf(sep);
        if (at <= 0) {
            return marked(end);
        }
        return of(dialect, end.substring(0, at), end.substring(at + 1), null).any();
    }

    private static int digits(int n) {
        int d = 1;
        for (int x = Math.abs(n); x >= 10; x /= 10) {
            d++;
        }
        return n < 0 ? d + 1 : d;
    }

    /** Four dotted numbers: an IPv4 address that cannot have lost a character at its end unseen. */
    private static boolean completeIpv4(String s) {
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }
}
