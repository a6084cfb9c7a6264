package tcplab.netstat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tcplab.netstat.ParsedLine.Why;
import tcplab.tcp.TcpState;

/**
 * Reads netstat, ss, TCPView and /proc/net/tcp output line by line and turns every line into
 * exactly one {@link ParsedLine}. Streaming: memory does not grow with the input (the only state
 * is the current section and the last socket line, for {@code -b} lines).
 *
 * <p>How a line is read: a header line sets the section (which tool, which columns); a data
 * line is first read with the shape of the current section, then, if that fails, with the shape
 * its own first words suggest (header-less {@code findstr}/{@code grep} output, pasted rows,
 * several outputs pasted one after another). Nothing throws: a line no shape fits is
 * {@link ParsedLine.Unrecognised} with the reason.
 */
public final class NetstatParser {
    /** Where the parser is: which tool's table the lines belong to. One enum, not five booleans. */
    enum Section {
        /** No header seen yet: every line is read by its own shape. */
        NONE,
        /** Windows netstat (any language, with or without -o/-b). */
        WINDOWS,
        /** Linux net-tools netstat. */
        LINUX,
        /** iproute2 ss. */
        SS,
        /** BSD / macOS netstat (dot before the port). */
        BSD,
        /** /proc/net/tcp, tcp6 (or udp, when its header says so). */
        PROC,
        /** PowerShell Get-NetTCPConnection, table view. */
        POWERSHELL,
        /** lsof (its COMMAND PID USER FD TYPE ... NAME header). */
        LSOF,
        /** A section of non-IP sockets (UNIX domain, kernel control...): its rows are notices. */
        OTHER
    }

    /** The columns a header announced; replaced whenever a new header is read. */
    private record Layout(Section section, Dialect dialect, boolean pidColumn, boolean udpProc, boolean stateless,
                          TcpState filterState, int bsdColumns) {
        Layout(Section section, Dialect dialect, boolean pidColumn, boolean udpProc) {
            this(section, dialect, pidColumn, udpProc, false, null, 0);
        }

        Layout(Section section, Dialect dialect, boolean pidColumn, boolean udpProc, boolean stateless,
               TcpState filterState) {
            this(section, dialect, pidColumn, udpProc, stateless, filterState, 0);
        }
    }

    /** macOS {@code netstat -v}: rhiwat shiwat and the owner after the state ({@link #bsdColumns}). */
    static final int BSD_V = 1;
    /** macOS {@code -b} (or a -v of macOS 10.15 on): rxbytes txbytes before rhiwat. */
    static final int BSD_BYTES = 2;
    /** macOS 13 on: the owner as one {@code process:pid} column (the name cut to 16 characters, spaces kept). */
    static final int BSD_PROCESS_PID = 4;
    /** FreeBSD {@code -T}: Rexmit OOORcv 0-win instead of the queues, and no state column. */
    static final int BSD_T = 8;

    private static final Layout NO_LAYOUT = new Layout(Section.NONE, null, false, false);
    private static final int EXCERPT = 200;

    private final LineReader reader;
    private final Dialect forced;
    /** The current line's tokens, shared by every shape. */
    private final LineTokens tk = new LineTokens();
    private final RowShape windows = new WindowsShape(tk, this);
    private final RowShape netTools = new NetToolsShape(tk, this);
    private final RowShape ss = new SsShape(tk, this);
    private final RowShape bsd = new BsdShape(tk, this);
    private final RowShape proc = new ProcShape(tk, this);
    private final RowShape tcpView = new TcpViewShape(tk, this);
    private final RowShape lsof = new LsofShape(tk, this);
    private final RowShape powerShell = new PowerShellShape(tk, this);
    private Layout layout = NO_LAYOUT;
    /** Line of the last socket row, for the -b lines under it; 0 when the last line was not one. */
    private int attachTo;
    /** Line of the title of an OTHER section, so the line after it is read as its column header. */
    private int otherTitleLine;
    private boolean sawProgramLines;
    /** The last pasted command line, for what its options leave out (ss's state filter drops the State column). */
    private String lastCommand;



    /**
     * Records already read past the line being returned, in input order: the {@code -b} lines
     * under a Windows row (read before the row is returned, so that it carries its program) and
     * the line after a wrapped row's protocol. A few at a time, never more than
     * {@link #MAX_OWNER_LINES} + 1.
     */
    private final ArrayDeque<ParsedLine> ahead = new ArrayDeque<>();
    /**
     * The line that ended a look-ahead (the next row after a row's -b lines): read and parsed, but
     * still to be looked at as a fresh line (its own -b lines, a wrap), after {@link #ahead}.
     */
    private ParsedLine fresh;
    /** While reading the lines under a Windows row: a lone word there may be a service name. */
    private boolean inOwnerLines;
    /** Lines read under one Windows row at most: a service name, the program, a notice. */
    static final int MAX_OWNER_LINES = 4;

    /**
     * A parser over {@code in}; {@code forced} names the dialect when the user chose one
     * ({@code --dialect}), null to detect it.
     */
    public NetstatParser(Reader in, Dialect forced) {
        this.reader = new LineReader(in);
        this.forced = forced;
        if (forced != null) {
            layout = layoutOf(forced);
        }
    }

    // What the shapes may ask about where the parser is.

    /** The dialect the user chose ({@code --dialect}), or null. */
    Dialect forced() {
        return forced;
    }

    /** The section the last header opened. */
    Section section() {
        return layout.section;
    }

    /** The dialect the last header announced (null before any). */
    Dialect layoutDialect() {
        return layout.dialect;
    }

    /** True for /proc/net/udp (its header says so): rows have no TCP state. */
    boolean udpProc() {
        return layout.udpProc;
    }

    /** True once a {@code netstat -b} program line was seen in this section. */
    boolean sawProgramLines() {
        return sawProgramLines;
    }

    /**
     * The properties of an MSFT_NetTCPConnection object as {@code Format-List *} prints them (the
     * public sample in netstat-fixtures/public), in their order: a line "Name : Value" whose
     * name is one of these is a property of Get-NetTCPConnection's list view.
     */
    static final java.util.Set<String> PS_LIST_PROPERTIES = java.util.Set.of("Caption", "Description", "ElementName",
            "InstanceID", "CommunicationStatus", "DetailedStatus", "HealthState", "InstallDate", "Name", "OperatingStatus",
            "OperationalStatus", "PrimaryStatus", "Status", "StatusDescriptions", "AvailableRequestedStates",
            "EnabledDefault", "EnabledState", "OtherEnabledState", "RequestedState", "TimeOfLastStateChange",
            "TransitioningToState", "AggregationBehavior", "Directionality", "CreationTime", "LocalAddress", "LocalPort",
            "OwningProcess", "AppliedSetting", "OffloadState", "RemoteAddress", "RemotePort", "State", "PSComputerName");

    /** Property lines read for one list-view object at most (Format-List * prints 33). */
    static final int MAX_LIST_PROPERTIES = 64;

    /**
     * One object of Get-NetTCPConnection's list view, from its first property line on to the
     * blank line after it (at most {@link #MAX_LIST_PROPERTIES} lines, so memory stays bounded):
     * the LocalAddress line becomes the socket row, built from the object's LocalAddress,
     * LocalPort, RemoteAddress, RemotePort, State and OwningProcess; every other property line
     * is a {@code detail} record attached to it. An object without those five (readable) stays
     * a run of unrecognised lines that say so.
     */
    private ParsedLine listObject(ParsedLine.Unrecognised first) {
        List<ParsedLine.Unrecognised> props = new ArrayList<>();
        props.add(first);
        while (props.size() < MAX_LIST_PROPERTIES) {
            ParsedLine l = readOne();
            if (l instanceof ParsedLine.Unrecognised u && u.why() == Why.LIST_FIELD) {
                props.add(u);
                continue;
            }
            fresh = l;
            break;
        }
        java.util.Map<String, String> v = new java.util.HashMap<>();
        int rowLine = 0;
        for (ParsedLine.Unrecognised u : props) {
            String t = u.excerpt();
            v.putIfAbsent(u.detail(), t.substring(t.indexOf(':') + 1).trim());
            if (u.detail().equals("LocalAddress")) {
                rowLine = u.line();
            }
        }
        String missing = null;
        for (String k : new String[] {"LocalAddress", "LocalPort", "RemoteAddress", "RemotePort", "State"}) {
            if (v.get(k) == null || v.get(k).isEmpty()) {
                missing = k;
                break;
            }
        }
        long lp = Addresses.parseLong(v.getOrDefault("LocalPort", ""));
        long fp = Addresses.parseLong(v.getOrDefault("RemotePort", ""));
        TcpState state = missing == null ? StateWords.parse(v.get("State")) : null;
        if (missing == null && (lp < 0 || lp > 65535)) {
            missing = "LocalPort " + v.get("LocalPort");
        } else if (missing == null && (fp < 0 || fp > 65535)) {
            missing = "RemotePort " + v.get("RemotePort");
        } else if (missing == null && state == null) {
            missing = "State " + v.get("State");
        }
        if (missing != null) {
            for (int i = 1; i < props.size(); i++) {
                ParsedLine.Unrecognised u = props.get(i);
                ahead.add(new ParsedLine.Unrecognised(u.line(), Why.LIST_FIELD, missing, u.excerpt()));
            }
            return new ParsedLine.Unrecognised(first.line(), Why.LIST_FIELD, missing, first.excerpt());
        }
        String la = v.get("LocalAddress");
        String fa = v.get("RemoteAddress");
        Integer pid = null;
        long owning = Addresses.parseLong(v.getOrDefault("OwningProcess", ""));
        if (owning >= 0) {
            pid = (int) Math.min(Integer.MAX_VALUE, owning);
        }
        Family fam = la.indexOf(':') >= 0 ? Family.IPV6 : Family.IPV4;
        Dialect d = label(Dialect.POWERSHELL_LIST);
        SocketRow row = new SocketRow(Proto.TCP, fam, false, Endpoint.of(la, (int) lp), Endpoint.of(fa, (int) fp), state,
                null, null, pid, null, null);
        ParsedLine.RawFields raw = new ParsedLine.RawFields(v.get("State"), null, null, null, null);
        ParsedLine out = null;
        SocketDetails none = SocketDetails.parse("");
        for (ParsedLine.Unrecognised u : props) {
            ParsedLine rec = u.line() == rowLine ? new ParsedLine.Socket(rowLine, d, row, raw)
                    : new ParsedLine.Detail(u.line(), d, u.excerpt().trim(), rowLine, none);
            if (out == null) {
                out = rec;
            } else {
                ahead.add(rec);
            }
        }
        return out;
    }

    /** Parses a whole text (tests, small inputs). */
    public static List<ParsedLine> parseAll(String text) {
        return parseAll(text, null);
    }

    public static List<ParsedLine> parseAll(String text, Dialect forced) {
        NetstatParser p = new NetstatParser(new StringReader(text), forced);
        List<ParsedLine> out = new ArrayList<>();
        ParsedLine l;
        while ((l = p.next()) != null) {
            out.add(l);
        }
        return out;
    }

    /** The next line's record, or null at the end of the input. Read errors become unchecked. */
    public ParsedLine next() {
        if (!ahead.isEmpty()) {
            return ahead.poll();
        }
        ParsedLine l = fresh != null ? fresh : readOne();
        fresh = null;
        if (l instanceof ParsedLine.Unrecognised u && u.why() == Why.PROTOCOL_ONLY) {
            return wrapped(u);
        }
        if (l instanceof ParsedLine.Unrecognised u && u.why() == Why.LIST_FIELD) {
            return listObject(u);
        }
        return withOwner(l);
    }

    /** {@code l}, or for a Windows row, the row with its -b lines read ({@link #withOwnerLines}). */
    private ParsedLine withOwner(ParsedLine l) {
        if (l instanceof ParsedLine.Socket s && s.dialect() != null && s.dialect().os() == Dialect.Os.WINDOWS
                && s.dialect() != Dialect.TCPVIEW) {
            return withOwnerLines(s);
        }
        return l;
    }

    /** Reads and parses one line; null at the end of the input. */
    private ParsedLine readOne() {
        try {
            if (!reader.next()) {
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int n = reader.lineNumber();
        if (reader.truncated()) {
            attachTo = 0;
            return new ParsedLine.Unrecognised(n, Why.TOO_LONG, Long.toString(reader.length()), excerpt(reader.text()));
        }
        try {
            return parseLine(n, reader.text(), reader.asciiBytes(), reader.asciiFrom());
        } catch (RuntimeException e) {
            // A bug in a shape function must not stop the stream: report the line, go on.
            attachTo = 0;
            return new ParsedLine.Unrecognised(n, Why.INTERNAL, e.toString(), excerpt(reader.text()));
        }
    }

    /**
     * A Windows row with the {@code netstat -b} lines under it read ahead (service name,
     * {@code [program.exe]}, or "Can not obtain ownership information"): the row carries its
     * program and service, as {@code -p} rows do, so that the jsonl object, the direction and the
     * warnings (SCAN naming the worm) see them. The -b lines stay records of their own, queued
     * after the row. A lone word is a service name only when a program line follows it.
     */
    private ParsedLine.Socket withOwnerLines(ParsedLine.Socket s) {
        String program = null;
        String service = null;
        ParsedLine.Program serviceLine = null;
        inOwnerLines = true;
        try {
            for (int i = 0; i < MAX_OWNER_LINES; i++) {
                ParsedLine l = readOne();
                if (l == null) {
                    break;
                }
                if (l instanceof ParsedLine.Program p && p.program() == null && serviceLine == null && program == null) {
                    serviceLine = p; // decided by the next line
                    ahead.add(p);
                    continue;
                }
                boolean ownerLine = l instanceof ParsedLine.Program p && p.program() != null
                        || l instanceof ParsedLine.Notice n && n.code() == ParsedLine.NoticeCode.NO_OWNERSHIP;
                if (serviceLine != null && !ownerLine) {
                    unconfirm(serviceLine);
                    serviceLine = null;
                }
                if (serviceLine != null) {
                    service = serviceLine.service();
                    serviceLine = null;
                }
                if (!ownerLine) {
                    // A second lone word cannot be this row's service name either.
                    fresh = l instanceof ParsedLine.Program p && p.program() == null ? loneWord(p) : l;
                    break;
                }
                ahead.add(l);
                if (l instanceof ParsedLine.Program p) {
                    program = p.program();
                }
            }
            if (serviceLine != null) {
                unconfirm(serviceLine);
            }
        } finally {
            inOwnerLines = false;
        }
        if (program == null && service == null) {
            return s;
        }
        SocketRow r = s.row().withProcess(s.row().pid(), program).withService(service);
        Dialect d = forced != null || s.dialect() == Dialect.WINDOWS_ZH || s.dialect() == Dialect.WINDOWS_DE
                ? s.dialect() : Dialect.WINDOWS_B;
        return new ParsedLine.Socket(s.line(), d, r, s.raw());
    }

    /**
     * A lone word that turned out not to be a -b service name: the last record in {@link #ahead}
     * (nothing is queued after a candidate before it is decided) becomes an unrecognised line.
     */
    private void unconfirm(ParsedLine.Program p) {
        ahead.pollLast();
        ahead.add(loneWord(p));
    }

    private static ParsedLine.Unrecognised loneWord(ParsedLine.Program p) {
        return new ParsedLine.Unrecognised(p.line(), Why.LONE_WORD, p.service(), p.service());
    }

    /**
     * A protocol word alone on its line ({@code TCP}): a row wrapped by a narrow window or by
     * whoever pasted it (the first seed article has one). When the next line reads as a row with
     * that protocol in front, the word is a {@code WRAPPED} notice and the next line that row;
     * otherwise both stay what they are.
     */
    private ParsedLine wrapped(ParsedLine.Unrecognised protoOnly) {
        ParsedLine next = readOne();
        if (next == null) {
            return protoOnly;
        }
        String proto = protoOnly.excerpt().trim();
        if (next instanceof ParsedLine.Unrecognised u && !u.excerpt().isEmpty()) {
            String first = reader.text().trim();
            ParsedLine.Socket row = joined(u.line(), proto + " " + first);
            if (row != null) {
                ahead.addFirst(withOwner(row)); // its -b lines, if any, are queued behind it
                return new ParsedLine.Notice(protoOnly.line(), row.dialect(), ParsedLine.NoticeCode.WRAPPED, proto, u.line());
            }
            // A window narrower still cuts the rest in two as well, inside a word as often as not
            // (the seed's "fdlpw:epmap MYCHENG:2" / "782 SYN_RECEIVED"): try the third line glued
            // to the second, then after a space.
            ParsedLine third = readOne();
            if (third instanceof ParsedLine.Unrecognised v && !v.excerpt().isEmpty()) {
                String rest = reader.text().trim();
                row = joined(u.line(), proto + " " + first + rest);
                if (row == null) {
                    row = joined(u.line(), proto + " " + first + " " + rest);
                }
                if (row != null) {
                    ahead.addFirst(new ParsedLine.Notice(v.line(), row.dialect(), ParsedLine.NoticeCode.WRAPPED_REST, rest,
                            u.line()));
                    ahead.addFirst(withOwner(row));
                    return new ParsedLine.Notice(protoOnly.line(), row.dialect(), ParsedLine.NoticeCode.WRAPPED, proto,
                            u.line());
                }
            }
            ahead.add(next);
            fresh = third;
            return protoOnly;
        }
        fresh = next;
        return protoOnly;
    }

    /** {@code text} read as a row on line {@code n}, or null. */
    private ParsedLine.Socket joined(int n, String text) {
        try {
            return parseLine(n, text, null, 0) instanceof ParsedLine.Socket s ? s : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String excerpt(String s) {
        return s.length() <= EXCERPT ? s : s.substring(0, EXCERPT) + "…";
    }

    /**
     * The record of line {@code n}; {@code ascii} holds the line's bytes from {@code asciiFrom}
     * when it was read as ASCII bytes ({@link LineReader#asciiBytes}), else null.
     */
    private ParsedLine parseLine(int n, String text, byte[] ascii, int asciiFrom) {
        tk.cur = text;
        boolean control = ascii != null ? tk.tokenizeAscii(ascii, asciiFrom, text.length()) : tk.tokenize(text);
        if (control && text.indexOf('\u001b') >= 0) {
            // Colour escapes (grep --color, a coloured terminal pasted as is): read the text without them.
            text = Printable.withoutColour(text);
            tk.cur = text;
            control = tk.tokenize(text);
        }
        if (tk.nt == 0) {
            return new ParsedLine.Blank(n);
        }
        if (control) {
            attachTo = 0;
            return new ParsedLine.Unrecognised(n, Why.BINARY, null, excerpt(text));
        }
        if (tk.nt >= 2 && tk.te[1] - tk.ts[1] == 1 && tk.cur.charAt(tk.ts[1]) == ':'
                && PS_LIST_PROPERTIES.contains(tk.tok(0))) {
            attachTo = 0;
            // A property of Get-NetTCPConnection's list view: read with its object (listObject).
            return new ParsedLine.Unrecognised(n, Why.LIST_FIELD, tk.tok(0), excerpt(text));
        }
        ParsedLine header = header(n, text);
        if (header != null) {
            attachTo = 0;
            return header;
        }
        ParsedLine detail = ssDetailLine(n, text);
        if (detail != null) {
            return detail;
        }
        ParsedLine b = windowsOwnerLine(n, text);
        if (b != null) {
            return b;
        }
        tk.resetWhy();
        ParsedLine.Socket row = rowInSection(n);
        if (row == null) {
            row = rowByShape(n);
        }
        if (row != null) {
            attachTo = n;
            return row;
        }
        attachTo = 0;
        ParsedLine other = otherSocket(n, text);
        if (other != null) {
            return other;
        }
        if (tk.nt == 1 && (tk.protoWord(tk.tok(0)) != null || tk.isLinuxProto(0))) {
            return new ParsedLine.Unrecognised(n, Why.PROTOCOL_ONLY, tk.tok(0), excerpt(text));
        }
        ParsedLine command = commandLine(n, text);
        if (command != null) {
            return command;
        }
        return new ParsedLine.Unrecognised(n, tk.why != null ? tk.why : Why.NO_SHAPE, tk.whyDetail, excerpt(text));
    }


    // ---------------------------------------------------------------- headers

    /** First words a header line can start with; other lines skip the header checks (speed). */
    private static final java.util.Set<String> HEADER_STARTS = headerStarts();

    private static java.util.Set<String> headerStarts() {
        java.util.Set<String> s = new java.util.HashSet<>(java.util.Set.of("Active", "Proto", "Socket", "Tcpcb", "State",
                "Netid", "Recv-Q", "sl", "Process", "Registered", "COMMAND", "LocalAddress"));
        s.addAll(ToolWords.headerFirstWords());
        return s;
    }
    /** The first characters of {@link #HEADER_STARTS}. */
    private static final java.util.Set<Character> HEADER_FIRST_CHARS = firstChars(HEADER_STARTS);

    private static java.util.Set<Character> firstChars(java.util.Set<String> words) {
        java.util.Set<Character> cs = new java.util.HashSet<>();
        for (String w : words) {
            cs.add(w.charAt(0));
        }
        return cs;
    }

    /** {@link #HEADER_FIRST_CHARS} below 128, as a table: one load for the usual first character. */
    private static final boolean[] HEADER_FIRST_ASCII = new boolean[128];

    static {
        for (char c : HEADER_FIRST_CHARS) {
            if (c < 128) {
                HEADER_FIRST_ASCII[c] = true;
            }
        }
    }

    private ParsedLine header(int n, String text) {
        char c0 = tk.cur.charAt(tk.ts[0]);
        if (c0 == '-' && layout.section == Section.POWERSHELL && text.trim().chars().allMatch(ch -> ch == '-' || ch == ' ')) {
            return new ParsedLine.Header(n, layout.dialect, text.trim()); // the table's underline
        }
        if (layout.section != Section.OTHER && (c0 < 128 ? !HEADER_FIRST_ASCII[c0] : !HEADER_FIRST_CHARS.contains(c0))) {
            return null; // the common case, a data row: no substring, no set lookup
        }
        String first = tk.tok(0);
        if (!HEADER_STARTS.contains(first) && layout.section != Section.OTHER) {
            return null;
        }
        String t = text.trim();
        // Titles of Windows netstat and of net-tools in other languages (ToolWords).
        ToolWords.Title title = ToolWords.titleOf(t);
        if (title != null && title.tool() == ToolWords.Tool.WINDOWS) {
            Dialect d = title.language().equals("en") ? keepLanguage(Dialect.WINDOWS) : windowsDialect(title.language());
            return newHeader(n, t, new Layout(Section.WINDOWS, d, false, false));
        }
        if (title != null && !title.language().equals("en")) {
            return newHeader(n, t, new Layout(Section.LINUX, Dialect.LINUX, false, false));
        }
        // net-tools and BSD share a title; the parenthesis tells them apart.
        if (t.startsWith("Active Internet connections")) {
            boolean linux = t.contains("servers and established") || t.contains("w/o servers") || t.contains("only servers");
            return newHeader(n, t, new Layout(linux ? Section.LINUX : Section.BSD, linux ? Dialect.LINUX : Dialect.MACOS,
                    false, false));
        }
        ToolWords.ColumnWord local = ToolWords.find(t, ToolWords.Column.LOCAL);
        boolean protoFirst = ToolWords.isProtoHeading(first);
        if ((protoFirst || first.equals("Socket") || first.equals("Tcpcb")) && local != null
                && ToolWords.find(t, ToolWords.Column.RECV_Q) != null) {
            if (t.contains("(state)")) {
                // macOS prints two spaces before "Local Address" and may add Socket/Flowhash (-A);
                // FreeBSD -A prints the Tcpcb column.
                boolean mac = t.contains("Send-Q  Local") || first.equals("Socket");
                int extra = 0;
                if (t.contains("rhiwat")) {
                    // macOS -v (netstat.c's protopr): [rxbytes txbytes] rhiwat shiwat, then the
                    // owner: "pid epid" up to macOS 12, one "process:pid" column from macOS 13.
                    extra = BSD_V | (t.contains("rxbytes") ? BSD_BYTES : 0) | (t.contains("process:pid") ? BSD_PROCESS_PID : 0);
                }
                return newHeader(n, t, new Layout(Section.BSD, mac ? Dialect.MACOS : Dialect.BSD, false, false, false, null,
                        extra));
            }
            return newHeader(n, t, new Layout(Section.LINUX, t.contains("PID/Program") ? Dialect.LINUX_P : Dialect.LINUX,
                    false, false));
        }
        // FreeBSD -T: retransmissions, out-of-order segments and zero-window probes instead of
        // the queues, and no state column (netstat's inet.c, protopr with Tflag).
        if ((first.equals("Proto") || first.equals("Tcpcb")) && t.contains("Rexmit") && t.contains("OOORcv")) {
            return newHeader(n, t, new Layout(Section.BSD, Dialect.BSD, false, false, false, null, BSD_T));
        }
        // Column headers of Windows netstat in any language; the PID column comes with -o.
        if (protoFirst && local != null && ToolWords.find(t, ToolWords.Column.FOREIGN) != null) {
            Dialect d = local.language().equals("en") ? keepLanguage(Dialect.WINDOWS) : windowsDialect(local.language());
            return newHeader(n, t, new Layout(Section.WINDOWS, d, t.endsWith("PID"), false));
        }
        if (first.equals("Recv-Q") && t.contains("Local Address")) {
            // ss with a state filter (ss -tan state time-wait) prints no State column: the state is
            // the filter's, when the command line above says which single state it is.
            return newHeader(n, t, new Layout(Section.SS, Dialect.SS, false, false, true, filterState(lastCommand)));
        }
        if ((first.equals("State") || first.equals("Netid")) && t.contains("Recv-Q") && t.contains("Local Address")) {
            return newHeader(n, t, new Layout(Section.SS, Dialect.SS, false, false));
        }
        if (first.equals("sl") && t.contains("local_address")) {
            return newHeader(n, t, new Layout(Section.PROC, Dialect.PROC, false, t.contains("drops")));
        }
        if (first.equals("LocalAddress") && t.contains("LocalPort") && t.contains("RemoteAddress")) {
            return newHeader(n, t, new Layout(Section.POWERSHELL, Dialect.POWERSHELL, false, false));
        }
        if (first.equals("COMMAND") && t.contains("PID") && t.contains("NAME") && t.contains("TYPE")) {
            return newHeader(n, t, new Layout(Section.LSOF, Dialect.LSOF, false, false));
        }
        // TCPView's saved table has a header of its own.
        if (first.equals("Process") && t.contains("Protocol") && t.contains("Local Address")) {
            return newHeader(n, t, new Layout(Section.NONE, Dialect.TCPVIEW, false, false));
        }
        // Titles of the non-IP sections netstat prints after the IP ones.
        if (t.startsWith("Active UNIX domain sockets") || t.startsWith("Active LOCAL (UNIX) domain sockets")
                || t.startsWith("Registered kernel control modules") || t.startsWith("Active kernel event sockets")
                || t.startsWith("Active kernel control sockets") || t.startsWith("Active Bluetooth connections")
                || t.startsWith("Active IPX sockets") || t.startsWith("Active AX.25 sockets")
                || t.startsWith("Active multipath connections") || t.startsWith("Active NETROM sockets")) {
            ParsedLine h = newHeader(n, t, new Layout(Section.OTHER, layout.dialect, false, false));
            otherTitleLine = n;
            return h;
        }
        if (layout.section == Section.OTHER && otherTitleLine == n - 1) {
            return new ParsedLine.Header(n, layout.dialect, t);
        }
        return null;
    }

    /**
     * The one state an ss command's filter keeps ({@code ss -tan state time-wait}), or null: no
     * command, no filter, several states or a group ({@code connected}, {@code synchronized}).
     */
    static TcpState filterState(String command) {
        if (command == null) {
            return null;
        }
        String[] w = command.trim().split("\\s+");
        TcpState found = null;
        int filters = 0;
        for (int i = 0; i + 1 < w.length; i++) {
            if (w[i].equals("state")) {
                filters++;
                found = StateWords.parse(w[i + 1]);
            }
        }
        return filters == 1 ? found : null;
    }

    /** The columns a BSD header announced beyond the usual ones ({@link #BSD_V}...), 0 for none. */
    int bsdColumns() {
        return layout.bsdColumns;
    }

    /** True for an ss table without a State column (a state filter). */
    boolean ssStateless() {
        return layout.stateless;
    }

    /** The state of every row of an ss table filtered to one state (null: not known). */
    TcpState filterState() {
        return layout.filterState;
    }

    /** The Windows dialect of a language of {@link ToolWords}. */
    private static Dialect windowsDialect(String language) {
        switch (language) {
            case "zh":
                return Dialect.WINDOWS_ZH;
            case "de":
                return Dialect.WINDOWS_DE;
            default:
                return Dialect.WINDOWS;
        }
    }

    /** A Windows column header after a Chinese or German title keeps that language. */
    private Dialect keepLanguage(Dialect d) {
        if (layout.section == Section.WINDOWS && (layout.dialect == Dialect.WINDOWS_ZH || layout.dialect == Dialect.WINDOWS_DE)) {
            return layout.dialect;
        }
        return d;
    }

    private ParsedLine newHeader(int n, String t, Layout l) {
        if (forced == null) {
            layout = l;
        }
        sawProgramLines = false;
        return new ParsedLine.Header(n, forced != null ? forced : l.dialect, t);
    }

    /** The section each dialect's rows belong to. */
    static final Section[] SECTION_OF = new Section[Dialect.values().length];

    static {
        for (Dialect d : Dialect.values()) {
            SECTION_OF[d.ordinal()] = layoutOf(d).section;
        }
    }

    /**
     * The dialect a row read with the shape of {@code detected} is labelled with: the one the user
     * chose ({@code --dialect}) when it is of the same tool (it may say more: windows-zh, linux-p),
     * else the shape that read it (a TCPView row in input forced to linux is still TCPView).
     */
    Dialect label(Dialect detected) {
        return forced != null && SECTION_OF[forced.ordinal()] == SECTION_OF[detected.ordinal()] ? forced : detected;
    }

    private static Layout layoutOf(Dialect d) {
        switch (d) {
            case WINDOWS: case WINDOWS_NAMES: case WINDOWS_ZH: case WINDOWS_DE:
                return new Layout(Section.WINDOWS, d, false, false);
            case WINDOWS_PID: case WINDOWS_B:
                return new Layout(Section.WINDOWS, d, true, false);
            case LINUX: case LINUX_P: case LINUX_TUNA:
                return new Layout(Section.LINUX, d, false, false);
            case SS: case SS_P:
                return new Layout(Section.SS, d, false, false);
            case MACOS: case BSD:
                return new Layout(Section.BSD, d, false, false);
            case PROC:
                return new Layout(Section.PROC, d, false, false);
            case LSOF:
                return new Layout(Section.LSOF, d, false, false);
            case POWERSHELL: case POWERSHELL_LIST:
                return new Layout(Section.POWERSHELL, d, false, false);
            default:
                return new Layout(Section.NONE, d, false, false);
        }
    }

    // ---------------------------------------------------------------- netstat -b lines

    /**
     * A line of {@code ss -m/-i} details under an ss row: indented (ss starts it with a tab), and
     * made of {@code key:value} words or a congestion algorithm's name. Attached to the row; the
     * row stays the last socket, for the next detail line.
     */
    private ParsedLine ssDetailLine(int n, String text) {
        if (attachTo == 0 || tk.ts[0] == 0 || layout.section != Section.SS && layout.section != Section.NONE) {
            return null;
        }
        if (!SocketDetails.isDetailWord(tk.tok(0))) {
            return null;
        }
        String t = text.trim();
        return new ParsedLine.Detail(n, layout.dialect != null ? layout.dialect : Dialect.SS, t, attachTo,
                SocketDetails.parse(t));
    }

    private ParsedLine windowsOwnerLine(int n, String text) {
        char c0 = tk.cur.charAt(tk.ts[0]);
        if (tk.nt > 1 && c0 != '[' && c0 != 'T' && c0 != 'C' && c0 != '请' && c0 != '无' && c0 != 'D' && c0 != 'B' && c0 != 'I'
                && c0 != 'N') {
            return null; // not a -b line: those are one word, [program], or one of the notices below
        }
        String t = text.trim();
        if (t.equals("The requested operation requires elevation.") || t.startsWith("请求的操作需要提升")
                || t.startsWith("Der angeforderte Vorgang erfordert")) {
            return new ParsedLine.Notice(n, windowsDialect(false), ParsedLine.NoticeCode.ELEVATION_REQUIRED, t, 0);
        }
        if (t.equals("Can not obtain ownership information") || t.startsWith("无法获取所有权信息")
                || t.startsWith("Impossible d’obtenir les informations de propriétaire")
                || t.startsWith("Impossible d'obtenir les informations de propriétaire")
                || t.startsWith("Besitzerinformationen")
                // Spanish Windows (public/windows-es-*.txt), also through cp850 read as cp1252 (¢ for ó).
                || t.startsWith("No se puede obtener información de propiedad")
                || t.startsWith("No se puede obtener informaci¢n de propiedad")) {
            sawProgramLines = true;
            return new ParsedLine.Notice(n, windowsDialect(true), ParsedLine.NoticeCode.NO_OWNERSHIP, t, attachTo);
        }
        if (t.length() >= 3 && t.charAt(0) == '[' && t.charAt(t.length() - 1) == ']') {
            String program = t.substring(1, t.length() - 1).trim();
            if (!program.isEmpty() && !Addresses.isNumeric(program)) {
                sawProgramLines = true;
                return new ParsedLine.Program(n, windowsDialect(true), program, null, attachTo);
            }
        }
        // A service name (RpcSs, Dnscache, CDPUserSvc_46a8de2e) right under a Windows row: only
        // a candidate, confirmed by the program line that follows it (withOwnerLines).
        if (tk.nt == 1 && attachTo > 0 && inOwnerLines && isServiceName(t) && tk.protoWord(t) == null) {
            return new ParsedLine.Program(n, windowsDialect(true), null, t, attachTo);
        }
        return null;
    }

    /**
     * A Windows service's short name: ASCII letters, digits and {@code _ - . $}, starting with a
     * letter (the service control manager's key names; a sentence of prose never is one).
     */
    private static boolean isServiceName(String t) {
        if (t.isEmpty() || t.length() > 80) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                    || c == '.' || c == '$';
            if (!ok) {
                return false;
            }
        }
        char c0 = t.charAt(0);
        return (c0 >= 'a' && c0 <= 'z' || c0 >= 'A' && c0 <= 'Z') && StateWords.parse(t) == null;
    }

    private Dialect windowsDialect(boolean programLine) {
        if (forced != null) {
            return forced;
        }
        if (layout.section == Section.WINDOWS && (layout.dialect == Dialect.WINDOWS_ZH || layout.dialect == Dialect.WINDOWS_DE)) {
            return layout.dialect;
        }
        return programLine || sawProgramLines ? Dialect.WINDOWS_B : Dialect.WINDOWS_PID;
    }

    // ---------------------------------------------------------------- command lines

    /** The tools whose command line may be pasted above their output. */
    private static final java.util.Set<String> TOOLS = java.util.Set.of("netstat", "netstat.exe", "ss", "tcpview",
            "tcpview.exe", "tcpvcon", "tcpvcon.exe", "cat", "lsof", "busybox", "get-nettcpconnection");

    /**
     * A pasted command line: {@code C:\>netstat -an}, {@code PS C:\Users\me> netstat -ano},
     * {@code $ ss -tan}, {@code root@host:~# netstat -tanp}, {@code netstat -an | findstr 80}. A
     * notice, whose text is the command from the tool's name on (the explainer says what its
     * options do); null when the line is not one.
     */
    private ParsedLine commandLine(int n, String text) {
        for (int i = 0; i < tk.nt && i < 5; i++) {
            // The prompt may be glued to the command (C:\>netstat); sudo may come first.
            int from = tk.ts[i];
            for (int k = tk.te[i] - 1; k > tk.ts[i]; k--) {
                if (isPromptEnd(tk.cur.charAt(k - 1))) {
                    from = k;
                    break;
                }
            }
            String word = tk.cur.substring(from, tk.te[i]).toLowerCase(Locale.ROOT);
            boolean afterPrompt = i == 0 || isPromptEnd(tk.cur.charAt(tk.te[i - 1] - 1))
                    || tk.tokIs(i - 1, "sudo") && (i == 1 || isPromptEnd(tk.cur.charAt(tk.te[i - 2] - 1)));
            if (!afterPrompt && from == tk.ts[i]) {
                continue;
            }
            if (TOOLS.contains(word) && (!word.equals("cat") || text.contains("/proc/net/"))) {
                attachTo = 0;
                lastCommand = tk.cur.substring(from).trim();
                return new ParsedLine.Notice(n, layout.dialect, ParsedLine.NoticeCode.COMMAND, lastCommand, 0);
            }
        }
        return null;
    }

    private static boolean isPromptEnd(char c) {
        return c == '>' || c == '$' || c == '#' || c == '%' || c == '❯';
    }


    // ---------------------------------------------------------------- rows

    private ParsedLine.Socket rowInSection(int n) {
        switch (layout.section) {
            case WINDOWS:
                return windows.read(n);
            case LINUX:
                return netTools.read(n);
            case SS:
                return ss.read(n);
            case BSD:
                return bsd.read(n);
            case PROC:
                return proc.read(n);
            case LSOF:
                return LsofShape.looksLikeLsof(tk) ? lsof.read(n) : null;
            case POWERSHELL:
                return powerShell.read(n);
            default:
                if (layout.dialect == Dialect.TCPVIEW) {
                    return tcpView.read(n);
                }
                return null;
        }
    }

    /** Reads a line by the shape its first words suggest. */
    private ParsedLine.Socket rowByShape(int n) {
        String first = tk.tok(0);
        String lower = first.toLowerCase(Locale.ROOT);
        if (lower.equals("tcp") || lower.equals("udp") || lower.equals("tcpv6") || lower.equals("udpv6")) {
            if (tk.nt >= 2 && tk.isNumber(1)) {
                ParsedLine.Socket s = netTools.read(n);
                return s != null ? s : bsd.read(n);
            }
            ParsedLine.Socket s = windows.read(n);
            if (s == null) {
                s = ss.read(n);
            }
            if (s == null && tk.nt >= 5) {
                s = netTools.read(n); // net-tools with something else than numbers as its queues: for the reason
            }
            return s;
        }
        if (lower.equals("tcp6") || lower.equals("udp6") || lower.equals("tcp4") || lower.equals("udp4")
                || lower.equals("tcp46") || lower.equals("udp46")) {
            ParsedLine.Socket s = tk.nt >= 4 && tk.lastSeparator(tk.tok(3)) == '.' ? bsd.read(n) : netTools.read(n);
            return s != null ? s : bsd.read(n);
        }
        if (StateWords.isStateWord(first)) {
            return ss.read(n);
        }
        if (first.endsWith(":") && tk.nt >= 4 && tk.tok(1).indexOf(':') == 8 || first.endsWith(":") && tk.nt >= 4 && tk.tok(1).indexOf(':') == 32) {
            return proc.read(n);
        }
        if (tk.nt >= 4) {
            // macOS -A: socket id and flow hash before the protocol.
            String third = tk.tok(2).toLowerCase(Locale.ROOT);
            if (third.startsWith("tcp") || third.startsWith("udp")) {
                ParsedLine.Socket s = bsd.read(n);
                if (s != null) {
                    return s;
                }
            }
        }
        if (LsofShape.looksLikeLsof(tk)) {
            return lsof.read(n);
        }
        return tcpView.read(n);
    }















    /** Rows of non-IP sockets (UNIX domain, raw, kernel control): notices, not unrecognised lines. */
    private ParsedLine otherSocket(int n, String text) {
        String first = tk.tok(0).toLowerCase(Locale.ROOT);
        boolean other = layout.section == Section.OTHER || layout.section == Section.LSOF
                || first.equals("unix") || first.equals("raw") || first.equals("raw6") || first.equals("icm4")
                || first.equals("icm6") || first.startsWith("u_") || first.equals("nl") || first.startsWith("p_")
                || first.equals("icmp6") || first.equals("sctp") || first.equals("v_str") || first.equals("v_dgr")
                || (tk.nt >= 3 && (tk.tok(2).equalsIgnoreCase("icm4") || tk.tok(2).equalsIgnoreCase("icm6")));
        if (!other) {
            return null;
        }
        return new ParsedLine.Notice(n, layout.dialect, ParsedLine.NoticeCode.OTHER_SOCKET, text.trim(), 0);
    }

}
