package tcplab.netstat;

/**
 * What the parser makes of one input line: exactly one of these per line, in input order.
 * {@link #line()} is the 1-based line number.
 */
public sealed interface ParsedLine {
    int line();

    /** The jsonl {@code kind}: socket, header, program, notice, blank or unrecognised. */
    String kind();

    /**
     * A socket row. {@code raw} keeps what the tool printed where it differs from the canonical
     * values of {@code row}: service names for ports, host names, state words.
     */
    record Socket(int line, Dialect dialect, SocketRow row, RawFields raw) implements ParsedLine {
        @Override
        public String kind() {
            return "socket";
        }
    }

    /** A title or column header line ({@code Active Connections}, {@code Proto Local Address ...}). */
    record Header(int line, Dialect dialect, String text) implements ParsedLine {
        @Override
        public String kind() {
            return "header";
        }
    }

    /**
     * A {@code netstat -b} line naming the program ({@code [svchost.exe]}) or the Windows service
     * ({@code RpcSs}) of the socket row on line {@code attachesTo}.
     */
    record Program(int line, Dialect dialect, String program, String service, int attachesTo) implements ParsedLine {
        @Override
        public String kind() {
            return "program";
        }
    }

    /**
     * A line the tool prints that is not a socket: ownership not available, elevation required,
     * or a row of another socket family (UNIX domain, kernel control, raw) that netstat lists.
     */
    record Notice(int line, Dialect dialect, NoticeCode code, String text, int attachesTo) implements ParsedLine {
        @Override
        public String kind() {
            return "notice";
        }
    }

    /** An empty (or whitespace-only) line. */
    record Blank(int line) implements ParsedLine {
        @Override
        public String kind() {
            return "blank";
        }
    }

    /** A line no shape matches, with the reason; {@code excerpt} is its start, cut to a few hundred characters. */
    record Unrecognised(int line, String reason, String excerpt) implements ParsedLine {
        @Override
        public String kind() {
            return "unrecognised";
        }
    }

    /** The kinds of notice lines. */
    enum NoticeCode {
        /** {@code Can not obtain ownership information} under a -b row. */
        NO_OWNERSHIP,
        /** {@code The requested operation requires elevation.}: -b without administrator rights. */
        ELEVATION_REQUIRED,
        /** A UNIX domain, kernel, raw or ICMP socket row: listed by netstat, not TCP or UDP. */
        OTHER_SOCKET
    }

    /**
     * The tool's own text for the fields that are normalised in the row: null when the tool
     * printed exactly the canonical value.
     */
    record RawFields(String state, String localHost, String localPort, String foreignHost, String foreignPort) {
        public static final RawFields NONE = new RawFields(null, null, null, null, null);
    }
}
