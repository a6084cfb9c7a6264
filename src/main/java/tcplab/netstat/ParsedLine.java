package tcplab.netstat;

/**
 * What the parser makes of one input line: exactly one of these per line, in input order.
 * {@link #line()} is the 1-based line number.
 */
public sealed interface ParsedLine {
    int line();

    /** The jsonl {@code kind}: socket, header, program, notice, detail, blank or unrecognised. */
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

    /**
     * A line of details under the socket row on line {@code attachesTo}: {@code ss -m} memory,
     * {@code ss -i} TCP internals (and whatever -e/-o words ss puts there), read into
     * {@code details}.
     */
    record Detail(int line, Dialect dialect, String text, int attachesTo, SocketDetails details) implements ParsedLine {
        @Override
        public String kind() {
            return "detail";
        }
    }

    /** An empty (or whitespace-only) line. */
    record Blank(int line) implements ParsedLine {
        @Override
        public String kind() {
            return "blank";
        }
    }

    /**
     * A line no shape matches: why ({@code why}, with the offending text in {@code detail} where
     * there is one) and the line's start, cut to a few hundred characters. The reason is a code,
     * not a sentence: the {@link Explainer} says it in the user's language.
     */
    record Unrecognised(int line, Why why, String detail, String excerpt) implements ParsedLine {
        @Override
        public String kind() {
            return "unrecognised";
        }
    }

    /**
     * Why a line is not recognised. The jsonl {@code reason_code}; the sentence for each is
     * {@code reason.NAME} in the Explain bundles, {0} being the detail.
     */
    enum Why {
        /** No tool's row shape fits. */
        NO_SHAPE,
        /** Control characters: binary data, not text. */
        BINARY,
        /** Longer than any row ({0}: its length); only its start is kept. */
        TOO_LONG,
        /** A bug of the parser ({0}: the exception); the stream goes on. */
        INTERNAL,
        /** A Windows row's column count. */
        WINDOWS_COLUMNS,
        /** A TCP row without a state. */
        NEEDS_STATE,
        /** A state word no tool prints ({0}). */
        UNKNOWN_STATE,
        /** A column after the state that is not a PID ({0}). */
        NOT_A_PID,
        /** A TCPView row without program:PID first. */
        TCPVIEW_OWNER,
        /** A Linux netstat row with too few columns. */
        LINUX_COLUMNS,
        /** Recv-Q and Send-Q that are not numbers. */
        QUEUES,
        /** Columns after the state that no tool prints there ({0}). */
        EXTRA_COLUMNS,
        /** An ss row with too few columns. */
        SS_COLUMNS,
        /** A BSD row with too few columns. */
        BSD_COLUMNS,
        /** A protocol word no tool prints ({0}). */
        UNKNOWN_PROTOCOL,
        /** An address without its port ({0}). */
        ADDRESS_WITHOUT_PORT,
        /** A port that is neither a number, * nor a service name ({0}). */
        BAD_PORT,
        /** A /proc/net/tcp row that is not N: HEX:PORT HEX:PORT ST. */
        PROC_ROW,
        /** A /proc/net/tcp state that is not one of the 11 ({0}). */
        PROC_STATE,
        /** Only the protocol of a row: the rest is missing. */
        PROTOCOL_ONLY,
        /** A single word under a row that is not followed by a netstat -b program line ({0}). */
        LONE_WORD,
        /** An lsof row without protocol and NAME after its TYPE column. */
        LSOF_COLUMNS,
        /** A Get-NetTCPConnection row that is not address, port, address, port, state [setting] [PID]. */
        POWERSHELL_COLUMNS,
        /**
         * A {@code Name : Value} line of Get-NetTCPConnection's list view whose object lacks one
         * of LocalAddress, LocalPort, RemoteAddress, RemotePort, State, or has one unreadable ({0}).
         */
        LIST_FIELD
    }

    /** The kinds of notice lines. */
    enum NoticeCode {
        /** {@code Can not obtain ownership information} under a -b row. */
        NO_OWNERSHIP,
        /** {@code The requested operation requires elevation.}: -b without administrator rights. */
        ELEVATION_REQUIRED,
        /** A UNIX domain, kernel, raw or ICMP socket row: listed by netstat, not TCP or UDP. */
        OTHER_SOCKET,
        /** The command line that printed what follows ({@code C:\>netstat -ano}, {@code $ ss -tan}). */
        COMMAND,
        /** A row cut in two by a narrow window: its protocol alone; the rest is the next line. */
        WRAPPED,
        /** The end of a row cut in three: read with the two lines above it, as the row on line attachesTo. */
        WRAPPED_REST
    }

    /**
     * The tool's own text for the fields that are normalised in the row: null when the tool
     * printed exactly the canonical value. Also what the row line says beyond a
     * {@link SocketRow}: a net-tools timer, and which ends the tool cut to fit its column.
     */
    record RawFields(String state, String localHost, String localPort, String foreignHost, String foreignPort,
                     String timer, boolean localTruncated, boolean foreignTruncated, SocketDetails details) {
        public static final RawFields NONE = new RawFields(null, null, null, null, null);

        public RawFields(String state, String localHost, String localPort, String foreignHost, String foreignPort) {
            this(state, localHost, localPort, foreignHost, foreignPort, null, false, false, null);
        }

        /**
         * The same texts with net-tools' {@code -o} Timer column ({@code keepalive (7194.43/0/0)}):
         * the timer, the seconds left, the retransmissions and the keepalive probes sent.
         */
        public RawFields withTimer(String t) {
            return new RawFields(state, localHost, localPort, foreignHost, foreignPort, t, localTruncated, foreignTruncated,
                    details);
        }

        /**
         * The same texts, marked where the tool cut an address to fit its column (net-tools
         * without {@code -W} cuts the host of an end longer than 23 characters; macOS and
         * FreeBSD cut the whole {@code host.port} at 22, or 18 with {@code -A}): such a host or
         * port is a prefix of the real one and must not be read as a whole address.
         */
        public RawFields withTruncated(boolean local, boolean foreign) {
            return new RawFields(state, localHost, localPort, foreignHost, foreignPort, timer, local, foreign, details);
        }

        /**
         * The same texts with what the row line says of the socket beyond its columns: ss -e's
         * uid, inode, cookie and shutdown state; FreeBSD -T's retransmission counters.
         */
        public RawFields withDetails(SocketDetails d) {
            return new RawFields(state, localHost, localPort, foreignHost, foreignPort, timer, localTruncated,
                    foreignTruncated, d);
        }

        /** True when either end was cut by the tool. */
        public boolean truncated() {
            return localTruncated || foreignTruncated;
        }
    }
}
