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
        /** A section of non-IP sockets (UNIX domain, kernel control...): its rows are notices. */
        OTHER
    }

    /** The columns a header announced; replaced whenever a new header is read. */
    private record Layout(Section section, Dialect dialect, boolean pidColumn, boolean udpProc) {
    }

    private static final Layout NO_LAYOUT = new Layout(Section.NONE, null, false, false);
    private static final int MAX_TOKENS = 64;
    private static final int EXCERPT = 200;

    private final LineReader reader;
    private final Dialect forced;
    private final Services services = Services.get();
    private Layout layout = NO_LAYOUT;
    /** Line of the last socket row, for the -b lines under it; 0 when the last line was not one. */
    private int attachTo;
    /** Line of the title of an OTHER section, so the line after it is read as its column header. */
    private int otherTitleLine;
    private boolean sawProgramLines;

    private final int[] ts = new int[MAX_TOKENS];
    private final int[] te = new int[MAX_TOKENS];
    private int nt;
    private String cur;

    /**
     * Why the current line failed, from the shape that got furthest into it ({@link #fail}): a
     * line is tried with several shapes, and the reason of the one it resembles most is the one
     * that helps (a bad state word in a Windows row, not "an ss row has more columns").
     */
    private Why why;
    private String whyDetail;
    private int whyDepth;

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
        if (next instanceof ParsedLine.Unrecognised u && !u.excerpt().isEmpty()) {
            ParsedLine joined;
            try {
                joined = parseLine(u.line(), protoOnly.excerpt().trim() + " " + reader.text().trim(), null, 0);
            } catch (RuntimeException e) {
                joined = null;
            }
            if (joined instanceof ParsedLine.Socket row) {
                ahead.addFirst(withOwner(row)); // its -b lines, if any, are queued behind it
                return new ParsedLine.Notice(protoOnly.line(), row.dialect(), ParsedLine.NoticeCode.WRAPPED,
                        protoOnly.excerpt().trim(), u.line());
            }
        }
        fresh = next;
        return protoOnly;
    }

    /**
     * Records that the current line does not fit a shape, at {@code depth}: 0 its first word, 1
     * its number of columns, 2 its numbers or addresses, 3 its state, port or last columns. The
     * deepest failure is kept (the first among equals). Returns null, for {@code return fail(...)}.
     */
    private ParsedLine.Socket fail(int depth, Why w, String detail) {
        if (why == null || depth > whyDepth) {
            why = w;
            whyDetail = detail;
            whyDepth = depth;
        }
        return null;
    }

    private static String excerpt(String s) {
        return s.length() <= EXCERPT ? s : s.substring(0, EXCERPT) + "…";
    }

    /**
     * The record of line {@code n}; {@code ascii} holds the line's bytes from {@code asciiFrom}
     * when it was read as ASCII bytes ({@link LineReader#asciiBytes}), else null.
     */
    private ParsedLine parseLine(int n, String text, byte[] ascii, int asciiFrom) {
        cur = text;
        boolean control = ascii != null ? tokenizeAscii(ascii, asciiFrom, text.length()) : tokenize(text);
        if (nt == 0) {
            return new ParsedLine.Blank(n);
        }
        if (control) {
            attachTo = 0;
            return new ParsedLine.Unrecognised(n, Why.BINARY, null, excerpt(text));
        }
        ParsedLine header = header(n, text);
        if (header != null) {
            attachTo = 0;
            return header;
        }
        ParsedLine b = windowsOwnerLine(n, text);
        if (b != null) {
            return b;
        }
        why = null;
        whyDetail = null;
        whyDepth = 0;
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
        if (nt == 1 && (protoWord(tok(0)) != null || isLinuxProto(0))) {
            return new ParsedLine.Unrecognised(n, Why.PROTOCOL_ONLY, tok(0), excerpt(text));
        }
        ParsedLine command = commandLine(n, text);
        if (command != null) {
            return command;
        }
        return new ParsedLine.Unrecognised(n, why != null ? why : Why.NO_SHAPE, whyDetail, excerpt(text));
    }

    // ---------------------------------------------------------------- tokens

    /** Splits the line into tokens; true when it has control characters ({@link #hasControlCharacters}). */
    private boolean tokenize(String s) {
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
    private boolean tokenizeAscii(byte[] b, int off, int n) {
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

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\f' && c != 0x0b) || c == 0x7f || c == '\ufffd';
    }

    private static boolean isBlank(char c) {
        // Spaces, tabs, and the no-break space some editors paste.
        return c == ' ' || c == '\t' || c == '\u00a0' || c == '\u3000' || c == '\f' || c == '\u000b';
    }

    private String tok(int i) {
        return cur.substring(ts[i], te[i]);
    }

    /** Token i, as the state words table's own String when it is one (no substring), else a copy. */
    private String stateWordAt(int i) {
        String w = StateWords.known(cur, ts[i], te[i]);
        return w != null ? w : tok(i);
    }

    private boolean tokIs(int i, String s) {
        return te[i] - ts[i] == s.length() && cur.regionMatches(true, ts[i], s, 0, s.length());
    }

    /** The rest of the line from token i, trimmed. */
    private String restFrom(int i) {
        int end = cur.length();
        while (end > ts[i] && isBlank(cur.charAt(end - 1))) {
            end--;
        }
        return cur.substring(ts[i], end);
    }

    private static boolean hasControlCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- headers

    /** First words a header line can start with; other lines skip the header checks (speed). */
    private static final java.util.Set<String> HEADER_STARTS = java.util.Set.of("Active", "活动连接", "活動連線", "Aktive",
            "Proto", "协议", "Socket", "State", "Netid", "sl", "Process", "Registered");
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
        char c0 = cur.charAt(ts[0]);
        if (layout.section != Section.OTHER && (c0 < 128 ? !HEADER_FIRST_ASCII[c0] : !HEADER_FIRST_CHARS.contains(c0))) {
            return null; // the common case, a data row: no substring, no set lookup
        }
        String first = tok(0);
        if (!HEADER_STARTS.contains(first) && layout.section != Section.OTHER) {
            return null;
        }
        String t = text.trim();
        // Titles of Windows netstat in English, Chinese and German.
        if (t.equals("Active Connections")) {
            return newHeader(n, t, new Layout(Section.WINDOWS, keepLanguage(Dialect.WINDOWS), false, false));
        }
        if (t.equals("活动连接") || t.equals("活動連線")) {
            return newHeader(n, t, new Layout(Section.WINDOWS, Dialect.WINDOWS_ZH, false, false));
        }
        if (t.equals("Aktive Verbindungen")) {
            return newHeader(n, t, new Layout(Section.WINDOWS, Dialect.WINDOWS_DE, false, false));
        }
        // Column headers of Windows netstat; the PID column comes with -o.
        if ((first.equals("Proto") && nt >= 2 && tok(1).equals("Local") && t.contains("Foreign Address"))) {
            return newHeader(n, t, new Layout(Section.WINDOWS, keepLanguage(Dialect.WINDOWS), t.endsWith("PID"), false));
        }
        if (first.equals("协议") && t.contains("本地地址")) {
            return newHeader(n, t, new Layout(Section.WINDOWS, Dialect.WINDOWS_ZH, t.endsWith("PID"), false));
        }
        if (first.equals("Proto") && t.contains("Lokale Adresse")) {
            return newHeader(n, t, new Layout(Section.WINDOWS, Dialect.WINDOWS_DE, t.endsWith("PID"), false));
        }
        // net-tools and BSD share a title; the parenthesis tells them apart.
        if (t.startsWith("Active Internet connections")) {
            boolean linux = t.contains("servers and established") || t.contains("w/o servers") || t.contains("only servers");
            return newHeader(n, t, new Layout(linux ? Section.LINUX : Section.BSD, linux ? Dialect.LINUX : Dialect.MACOS,
                    false, false));
        }
        if ((first.equals("Proto") || first.equals("Socket")) && t.contains("Recv-Q") && t.contains("Local Address")) {
            if (t.contains("(state)")) {
                // macOS prints two spaces before "Local Address" and may add Socket/Flowhash (-A).
                boolean mac = t.contains("Send-Q  Local") || first.equals("Socket");
                return newHeader(n, t, new Layout(Section.BSD, mac ? Dialect.MACOS : Dialect.BSD, false, false));
            }
            return newHeader(n, t, new Layout(Section.LINUX, t.contains("PID/Program") ? Dialect.LINUX_P : Dialect.LINUX,
                    false, false));
        }
        if ((first.equals("State") || first.equals("Netid")) && t.contains("Recv-Q") && t.contains("Local Address")) {
            return newHeader(n, t, new Layout(Section.SS, Dialect.SS, false, false));
        }
        if (first.equals("sl") && t.contains("local_address")) {
            return newHeader(n, t, new Layout(Section.PROC, Dialect.PROC, false, t.contains("drops")));
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
    private static final Section[] SECTION_OF = new Section[Dialect.values().length];

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
    private Dialect label(Dialect detected) {
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
            default:
                return new Layout(Section.NONE, d, false, false);
        }
    }

    // ---------------------------------------------------------------- netstat -b lines

    private ParsedLine windowsOwnerLine(int n, String text) {
        char c0 = cur.charAt(ts[0]);
        if (nt > 1 && c0 != '[' && c0 != 'T' && c0 != 'C' && c0 != '请' && c0 != '无' && c0 != 'D' && c0 != 'B') {
            return null; // not a -b line: those are one word, [program], or one of the notices below
        }
        String t = text.trim();
        if (t.equals("The requested operation requires elevation.") || t.startsWith("请求的操作需要提升")
                || t.startsWith("Der angeforderte Vorgang erfordert")) {
            return new ParsedLine.Notice(n, windowsDialect(false), ParsedLine.NoticeCode.ELEVATION_REQUIRED, t, 0);
        }
        if (t.equals("Can not obtain ownership information") || t.startsWith("无法获取所有权信息")
                || t.startsWith("Besitzerinformationen")) {
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
        if (nt == 1 && attachTo > 0 && inOwnerLines && isServiceName(t)) {
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
            "tcpview.exe", "tcpvcon", "tcpvcon.exe", "cat");

    /**
     * A pasted command line: {@code C:\>netstat -an}, {@code PS C:\Users\me> netstat -ano},
     * {@code $ ss -tan}, {@code root@host:~# netstat -tanp}, {@code netstat -an | findstr 80}. A
     * notice, whose text is the command from the tool's name on (the explainer says what its
     * options do); null when the line is not one.
     */
    private ParsedLine commandLine(int n, String text) {
        for (int i = 0; i < nt && i < 5; i++) {
            // The prompt may be glued to the command (C:\>netstat); sudo may come first.
            int from = ts[i];
            for (int k = te[i] - 1; k > ts[i]; k--) {
                if (isPromptEnd(cur.charAt(k - 1))) {
                    from = k;
                    break;
                }
            }
            String word = cur.substring(from, te[i]).toLowerCase(Locale.ROOT);
            boolean afterPrompt = i == 0 || isPromptEnd(cur.charAt(te[i - 1] - 1))
                    || tokIs(i - 1, "sudo") && (i == 1 || isPromptEnd(cur.charAt(te[i - 2] - 1)));
            if (!afterPrompt && from == ts[i]) {
                continue;
            }
            if (TOOLS.contains(word) && (!word.equals("cat") || text.contains("/proc/net/"))) {
                attachTo = 0;
                return new ParsedLine.Notice(n, layout.dialect, ParsedLine.NoticeCode.COMMAND, cur.substring(from).trim(), 0);
            }
        }
        return null;
    }

    private static boolean isPromptEnd(char c) {
        return c == '>' || c == '$' || c == '#' || c == '%';
    }

    /** Token i is a net-tools or BSD protocol word (tcp, tcp6, udp, udp6, tcp4, tcp46...). */
    private boolean isLinuxProto(int i) {
        String w = tok(i).toLowerCase(Locale.ROOT);
        return w.equals("tcp") || w.equals("udp") || w.equals("tcp6") || w.equals("udp6") || w.equals("tcp4")
                || w.equals("udp4") || w.equals("tcp46") || w.equals("udp46");
    }

    // ---------------------------------------------------------------- rows

    private ParsedLine.Socket rowInSection(int n) {
        switch (layout.section) {
            case WINDOWS:
                return windowsRow(n);
            case LINUX:
                return linuxRow(n);
            case SS:
                return ssRow(n);
            case BSD:
                return bsdRow(n);
            case PROC:
                return procRow(n);
            default:
                if (layout.dialect == Dialect.TCPVIEW) {
                    return tcpViewRow(n);
                }
                return null;
        }
    }

    /** Reads a line by the shape its first words suggest. */
    private ParsedLine.Socket rowByShape(int n) {
        String first = tok(0);
        String lower = first.toLowerCase(Locale.ROOT);
        if (lower.equals("tcp") || lower.equals("udp") || lower.equals("tcpv6") || lower.equals("udpv6")) {
            if (nt >= 2 && isNumber(1)) {
                ParsedLine.Socket s = linuxRow(n);
                return s != null ? s : bsdRow(n);
            }
            ParsedLine.Socket s = windowsRow(n);
            if (s == null) {
                s = ssRow(n);
            }
            if (s == null && nt >= 5) {
                s = linuxRow(n); // net-tools with something else than numbers as its queues: for the reason
            }
            return s;
        }
        if (lower.equals("tcp6") || lower.equals("udp6") || lower.equals("tcp4") || lower.equals("udp4")
                || lower.equals("tcp46") || lower.equals("udp46")) {
            ParsedLine.Socket s = nt >= 4 && lastSeparator(tok(3)) == '.' ? bsdRow(n) : linuxRow(n);
            return s != null ? s : bsdRow(n);
        }
        if (StateWords.isStateWord(first)) {
            return ssRow(n);
        }
        if (first.endsWith(":") && nt >= 4 && tok(1).indexOf(':') == 8 || first.endsWith(":") && nt >= 4 && tok(1).indexOf(':') == 32) {
            return procRow(n);
        }
        if (nt >= 4) {
            // macOS -A: socket id and flow hash before the protocol.
            String third = tok(2).toLowerCase(Locale.ROOT);
            if (third.startsWith("tcp") || third.startsWith("udp")) {
                ParsedLine.Socket s = bsdRow(n);
                if (s != null) {
                    return s;
                }
            }
        }
        return tcpViewRow(n);
    }

    private boolean isNumber(int i) {
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

    private static char lastSeparator(String s) {
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

    /** {@code TCP 0.0.0.0:135 0.0.0.0:0 LISTENING [PID]}, {@code UDP 0.0.0.0:500 *:* [PID]}. */
    private ParsedLine.Socket windowsRow(int n) {
        Proto proto = protoWord(tok(0));
        if (proto == null) {
            return fail(0, Why.NO_SHAPE, null);
        }
        if (nt < 3 || nt > 5) {
            return fail(1, Why.WINDOWS_COLUMNS, null);
        }
        TcpState state = null;
        String stateRaw = null;
        Integer pid = null;
        int next = 3;
        if (proto == Proto.TCP) {
            if (nt < 4) {
                return fail(2, Why.NEEDS_STATE, null);
            }
            stateRaw = tok(3);
            state = StateWords.parse(stateRaw);
            if (state == null) {
                return fail(3, Why.UNKNOWN_STATE, stateRaw);
            }
            next = 4;
        } else if (nt >= 4 && StateWords.isStateWord(tok(3))) {
            stateRaw = tok(3);
            next = 4;
        }
        if (next < nt) {
            if (!isNumber(next) || next != nt - 1) {
                return fail(3, Why.NOT_A_PID, tok(next));
            }
            pid = (int) Math.min(Integer.MAX_VALUE, Addresses.parseLong(tok(next)));
        }
        Ends e = ends(proto, 1, 2, ':');
        if (e == null) {
            return null;
        }
        Dialect d;
        if (forced != null && SECTION_OF[forced.ordinal()] == Section.WINDOWS) {
            d = forced;
        } else if (layout.section == Section.WINDOWS && (layout.dialect == Dialect.WINDOWS_ZH || layout.dialect == Dialect.WINDOWS_DE)) {
            d = layout.dialect;
        } else if (pid != null) {
            d = sawProgramLines ? Dialect.WINDOWS_B : Dialect.WINDOWS_PID;
        } else if (!Addresses.isNumeric(e.local.address()) || e.localPortRaw != null || e.foreignPortRaw != null) {
            d = Dialect.WINDOWS_NAMES;
        } else {
            d = Dialect.WINDOWS;
        }
        SocketRow row = new SocketRow(proto, e.family, false, e.local, e.foreign, state, null, null, pid, null, null);
        return new ParsedLine.Socket(n, d, row, e.raw(stateRaw, state, d));
    }

    private static Proto protoWord(String w) {
        if (w.equalsIgnoreCase("TCP") || w.equalsIgnoreCase("TCPv6")) {
            return Proto.TCP;
        }
        if (w.equalsIgnoreCase("UDP") || w.equalsIgnoreCase("UDPv6")) {
            return Proto.UDP;
        }
        return null;
    }

    /** {@code inetinfo.exe:1260 TCP 0.0.0.0:21 0.0.0.0:0 LISTENING}; program names may contain spaces. */
    private ParsedLine.Socket tcpViewRow(int n) {
        int k = -1;
        for (int i = 1; i < nt && i < 12; i++) {
            if (protoWord(tok(i)) != null) {
                k = i;
                break;
            }
        }
        if (k < 0 || nt - k < 3 || nt - k > 4) {
            return fail(0, Why.NO_SHAPE, null);
        }
        Proto proto = protoWord(tok(k));
        String owner = cur.substring(ts[0], te[k - 1]);
        String program;
        Integer pid;
        int colon = owner.lastIndexOf(':');
        if (colon > 0 && Addresses.parseLong(owner.substring(colon + 1)) >= 0) {
            program = owner.substring(0, colon);
            pid = (int) Math.min(Integer.MAX_VALUE, Addresses.parseLong(owner.substring(colon + 1)));
        } else if (k >= 2 && isNumber(k - 1)) {
            program = cur.substring(ts[0], te[k - 2]);
            pid = (int) Math.min(Integer.MAX_VALUE, Addresses.parseLong(tok(k - 1)));
        } else {
            return fail(1, Why.TCPVIEW_OWNER, null);
        }
        TcpState state = null;
        String stateRaw = null;
        if (nt - k == 4) {
            stateRaw = tok(k + 3);
            state = StateWords.parse(stateRaw);
            if (state == null && !StateWords.isStateWord(stateRaw)) {
                return fail(3, Why.UNKNOWN_STATE, stateRaw);
            }
            if (proto == Proto.UDP) {
                state = null;
            }
        } else if (proto == Proto.TCP) {
            return fail(2, Why.NEEDS_STATE, null);
        }
        Ends e = ends(proto, k + 1, k + 2, ':');
        if (e == null) {
            return null;
        }
        Dialect d = label(Dialect.TCPVIEW);
        SocketRow row = new SocketRow(proto, e.family, false, e.local, e.foreign, state, null, null, pid, program, null);
        return new ParsedLine.Socket(n, d, row, e.raw(stateRaw, state, d));
    }

    /**
     * net-tools: {@code tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN [user inode] [PID/Program name]}; UDP
     * rows have no state; the program may contain spaces and is {@code -} when not ours.
     */
    private ParsedLine.Socket linuxRow(int n) {
        if (nt < 5) {
            return isLinuxProto(0) ? fail(1, Why.LINUX_COLUMNS, null) : fail(0, Why.NO_SHAPE, null);
        }
        Proto proto;
        Family fam = null;
        if (tokIs(0, "tcp")) {
            proto = Proto.TCP;
        } else if (tokIs(0, "tcp6")) {
            proto = Proto.TCP;
            fam = Family.IPV6;
        } else if (tokIs(0, "udp") || tokIs(0, "udpl")) {
            proto = Proto.UDP;
        } else if (tokIs(0, "udp6") || tokIs(0, "udpl6")) {
            proto = Proto.UDP;
            fam = Family.IPV6;
        } else {
            return fail(0, Why.NO_SHAPE, null);
        }
        if (!isNumber(1) || !isNumber(2)) {
            return fail(2, Why.QUEUES, null);
        }
        if (lastSeparator(3) != ':' || lastSeparator(4) != ':') {
            return fail(2, Why.ADDRESS_WITHOUT_PORT, tok(lastSeparator(3) != ':' ? 3 : 4));
        }
        int i = 5;
        TcpState state = null;
        String stateRaw = null;
        String word = i < nt ? stateWordAt(i) : null;
        if (word != null && StateWords.isStateWord(word)) {
            stateRaw = word;
            state = proto == Proto.TCP ? StateWords.parse(stateRaw) : null;
            i++;
        } else if (proto == Proto.TCP) {
            return nt > 5 ? fail(3, Why.UNKNOWN_STATE, tok(5)) : fail(2, Why.NEEDS_STATE, null);
        }
        // What follows the state: [user inode] [PID/Program name | -].
        Integer pid = null;
        String program = null;
        int progTok = -1;
        for (int k = i; k < nt; k++) {
            if (isPidProgram(k)) {
                progTok = k;
                break;
            }
        }
        if (progTok < 0 && nt - i != 0 && nt - i != 2) {
            return fail(3, Why.EXTRA_COLUMNS, restFrom(i));
        }
        if (progTok >= 0) {
            if (progTok != i && progTok != i + 2) {
                return fail(3, Why.EXTRA_COLUMNS, cur.substring(ts[i], te[progTok - 1]));
            }
            String pp = restFrom(progTok);
            int slash = pp.indexOf('/');
            if (slash > 0) {
                pid = (int) Math.min(Integer.MAX_VALUE, Addresses.parseLong(pp.substring(0, slash)));
                program = pp.substring(slash + 1);
            }
        }
        Ends e = ends(proto, 3, 4, ':');
        if (e == null) {
            return null;
        }
        Family family = fam != null ? fam : e.family;
        Dialect d = label(progTok >= 0 ? Dialect.LINUX_P : proto == Proto.UDP ? Dialect.LINUX_TUNA : Dialect.LINUX);
        SocketRow row = new SocketRow(proto, family, false, e.local, e.foreign, state,
                number(1), number(2), pid, program, null);
        return new ParsedLine.Socket(n, d, row, e.raw(stateRaw, state, d));
    }

    /** {@link Addresses#parseLong} of token i, without a substring; boxed as before (small values are cached). */
    private Long number(int i) {
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
    private char lastSeparator(int i) {
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

    private boolean isPidProgram(int k) {
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

    /**
     * ss: {@code [Netid] State Recv-Q Send-Q Local:Port Peer:Port [Process]}, e.g.
     * {@code ESTAB 0 0 [::1]:22 [::1]:59602 users:(("sshd",pid=812,fd=3))}.
     */
    private ParsedLine.Socket ssRow(int n) {
        int i = 0;
        Proto proto = Proto.TCP;
        String netid = tok(0).toLowerCase(Locale.ROOT);
        if (!StateWords.isStateWord(tok(0))) {
            if (netid.equals("tcp") || netid.equals("mptcp")) {
                proto = Proto.TCP;
            } else if (netid.equals("udp")) {
                proto = Proto.UDP;
            } else {
                return fail(0, Why.NO_SHAPE, null);
            }
            i = 1;
        }
        if (nt - i < 5) {
            return fail(1, Why.SS_COLUMNS, null);
        }
        String stateRaw = tok(i);
        if (!StateWords.isStateWord(stateRaw)) {
            // ss's first column is the state: without one, the line is hardly an ss row at all.
            return fail(1, Why.UNKNOWN_STATE, stateRaw);
        }
        if (!isNumber(i + 1) || !isNumber(i + 2)) {
            return fail(2, Why.QUEUES, null);
        }
        TcpState state = null;
        if (proto == Proto.TCP) {
            state = StateWords.UNCONNECTED.equalsIgnoreCase(stateRaw) ? TcpState.CLOSED : StateWords.parse(stateRaw);
        }
        Ends e = ends(proto, i + 3, i + 4, ':');
        if (e == null) {
            return null;
        }
        Integer pid = null;
        String program = null;
        boolean users = false;
        if (nt > i + 5) {
            String rest = restFrom(i + 5);
            int u = rest.indexOf("users:((\"");
            if (u >= 0) {
                users = true;
                int q = rest.indexOf('"', u + 9);
                if (q > 0) {
                    program = rest.substring(u + 9, q);
                    int pidAt = rest.indexOf("pid=", q);
                    if (pidAt > 0) {
                        int end = pidAt + 4;
                        while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
                            end++;
                        }
                        long v = Addresses.parseLong(rest.substring(pidAt + 4, end));
                        pid = v >= 0 ? (int) Math.min(Integer.MAX_VALUE, v) : null;
                    }
                }
            }
        }
        boolean dual = e.localWasStar && e.family == Family.IPV6;
        Dialect d = label(users ? Dialect.SS_P : Dialect.SS);
        // A LISTEN row's Send-Q is the listener's backlog (tcp_diag: idiag_wqueue = sk_max_ack_backlog), not a send queue.
        Long sendQ = Addresses.parseLong(tok(i + 2));
        boolean listen = state == TcpState.LISTEN;
        SocketRow row = new SocketRow(proto, e.family, dual, e.local, e.foreign, state,
                Addresses.parseLong(tok(i + 1)), listen ? null : sendQ, pid, program, null, listen ? sendQ : null);
        return new ParsedLine.Socket(n, d, row, e.raw(stateRaw, state, d));
    }

    /** BSD/macOS: {@code [socket flowhash] tcp4 0 0 127.0.0.1.8080 *.* LISTEN}; tcp46 is dual stack. */
    private ParsedLine.Socket bsdRow(int n) {
        int i = 0;
        if (nt >= 7 && !tok(0).toLowerCase(Locale.ROOT).startsWith("tcp") && !tok(0).toLowerCase(Locale.ROOT).startsWith("udp")) {
            i = 2; // -A: socket address and flow hash first
        }
        String p = tok(i).toLowerCase(Locale.ROOT);
        if (!p.startsWith("tcp") && !p.startsWith("udp")) {
            return fail(0, Why.NO_SHAPE, null);
        }
        if (nt - i < 5) {
            return fail(1, Why.BSD_COLUMNS, null);
        }
        Proto proto;
        if (p.startsWith("tcp")) {
            proto = Proto.TCP;
        } else if (p.startsWith("udp")) {
            proto = Proto.UDP;
        } else {
            return fail(0, Why.NO_SHAPE, null);
        }
        String suffix = p.substring(3);
        Family fam;
        boolean dual = false;
        switch (suffix) {
            case "4": fam = Family.IPV4; break;
            case "6": fam = Family.IPV6; break;
            case "46": fam = Family.IPV6; dual = true; break;
            case "": fam = null; break;
            default:
                return fail(2, Why.UNKNOWN_PROTOCOL, tok(i));
        }
        if (!isNumber(i + 1) || !isNumber(i + 2)) {
            return fail(2, Why.QUEUES, null);
        }
        TcpState state = null;
        String stateRaw = null;
        int expected = i + 5;
        if (nt > i + 5) {
            stateRaw = tok(i + 5);
            if (!StateWords.isStateWord(stateRaw)) {
                return fail(3, Why.UNKNOWN_STATE, stateRaw);
            }
            state = proto == Proto.TCP ? StateWords.parse(stateRaw) : null;
            expected++;
        } else if (proto == Proto.TCP) {
            return fail(2, Why.NEEDS_STATE, null);
        }
        if (nt != expected) {
            return fail(3, Why.EXTRA_COLUMNS, restFrom(expected < nt ? expected : nt - 1));
        }
        String l = tok(i + 3);
        String f = tok(i + 4);
        if (lastSeparator(l) != '.' && !l.equals("*") || lastSeparator(f) != '.' && !f.equals("*")) {
            return fail(2, Why.ADDRESS_WITHOUT_PORT, lastSeparator(l) != '.' && !l.equals("*") ? l : f);
        }
        Ends e = ends(proto, i + 3, i + 4, '.');
        if (e == null) {
            return null;
        }
        Family family = fam != null ? fam : e.family;
        Endpoint local = e.local;
        Endpoint foreign = e.foreign;
        // BSD prints "*" for the wildcard; its family is the protocol's, not the text's.
        if (family == Family.IPV6 && local.address().equals("0.0.0.0")) {
            local = new Endpoint("::", local.port());
        }
        if (family == Family.IPV6 && foreign.address().equals("0.0.0.0")) {
            foreign = new Endpoint("::", foreign.port());
        }
        Dialect d = label(layout.section == Section.BSD && layout.dialect == Dialect.BSD ? Dialect.BSD : Dialect.MACOS);
        SocketRow row = new SocketRow(proto, family, dual, local, foreign, state,
                Addresses.parseLong(tok(i + 1)), Addresses.parseLong(tok(i + 2)), null, null, null);
        return new ParsedLine.Socket(n, d, row, e.raw(stateRaw, state, d));
    }

    /** /proc/net/tcp: {@code 0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 ...}. */
    private ParsedLine.Socket procRow(int n) {
        if (nt < 5 || !tok(0).endsWith(":")) {
            return fail(1, Why.PROC_ROW, null);
        }
        String l = tok(1);
        String f = tok(2);
        int lc = l.indexOf(':');
        int fc = f.indexOf(':');
        if (lc < 0 || fc < 0) {
            return fail(2, Why.PROC_ROW, null);
        }
        String la = Addresses.fromProcHex(l.substring(0, lc));
        String fa = Addresses.fromProcHex(f.substring(0, fc));
        int lp = hexPort(l.substring(lc + 1));
        int fp = hexPort(f.substring(fc + 1));
        TcpState state = StateWords.parseProcHex(tok(3));
        if (la == null || fa == null || lp < 0 || fp < 0) {
            return fail(2, Why.PROC_ROW, null);
        }
        Proto proto = layout.udpProc ? Proto.UDP : Proto.TCP;
        if (proto == Proto.TCP && state == null) {
            return fail(3, Why.PROC_STATE, tok(3));
        }
        Long tx = null;
        Long rx = null;
        String q = tok(4);
        int qc = q.indexOf(':');
        if (qc > 0) {
            int a = hexPortLong(q.substring(0, qc));
            int b = hexPortLong(q.substring(qc + 1));
            tx = a >= 0 ? (long) a : null;
            rx = b >= 0 ? (long) b : null;
        }
        Family fam = Family.of(la);
        Dialect d = label(Dialect.PROC);
        SocketRow row = new SocketRow(proto, fam, false, Endpoint.of(la, lp), Endpoint.of(fa, fp),
                proto == Proto.UDP ? null : state, rx, tx, null, null, null);
        return new ParsedLine.Socket(n, d, row, new ParsedLine.RawFields(tok(3), l.substring(0, lc), l.substring(lc + 1),
                f.substring(0, fc), f.substring(fc + 1)));
    }

    private static int hexPort(String s) {
        if (s.length() != 4) {
            return -1;
        }
        return hexPortLong(s);
    }

    private static int hexPortLong(String s) {
        if (s.isEmpty() || s.length() > 7) {
            return -1;
        }
        return (int) Addresses.parseHex(s); // at most 7 digits: fits an int
    }

    /** Rows of non-IP sockets (UNIX domain, raw, kernel control): notices, not unrecognised lines. */
    private ParsedLine otherSocket(int n, String text) {
        String first = tok(0).toLowerCase(Locale.ROOT);
        boolean other = layout.section == Section.OTHER
                || first.equals("unix") || first.equals("raw") || first.equals("raw6") || first.equals("icm4")
                || first.equals("icm6") || first.startsWith("u_") || first.equals("nl") || first.startsWith("p_")
                || first.equals("icmp6") || first.equals("sctp") || first.equals("v_str") || first.equals("v_dgr")
                || (nt >= 3 && (tok(2).equalsIgnoreCase("icm4") || tok(2).equalsIgnoreCase("icm6")));
        if (!other) {
            return null;
        }
        return new ParsedLine.Notice(n, layout.dialect, ParsedLine.NoticeCode.OTHER_SOCKET, text.trim(), 0);
    }

    // ---------------------------------------------------------------- addresses

    /** Both ends of a row, canonical, with the tool's own texts where they differ. */
    private static final class Ends {
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
    private final Ends scratchEnds = new Ends();

    private Ends ends(Proto proto, int li, int fi, char sep) {
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

    /** {@link #splitAt}: the token is a lone {@code *} (host and port both {@code *}). */
    private static final int STAR = Integer.MAX_VALUE;

    /**
     * Where token i splits into host and port: the index in {@link #cur} of its last {@code sep}
     * outside brackets, {@link #STAR} for a lone {@code *}, -1 when there is none or the port is
     * empty.
     */
    private int splitAt(int i, char sep) {
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
    private String badPortText(int from, int to) {
        if (from < 0 || isStar(from, to)) {
            return null;
        }
        String text = cur.substring(from, to);
        return isServiceWord(text) ? null : text;
    }

    private boolean isStar(int from, int to) {
        return to - from == 1 && cur.charAt(from) == '*';
    }

    /** The port in {@code cur[from, to)}: a number, or a service name; null for {@code *} or unknown. */
    private Integer port(Proto proto, int from, int to) {
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
    private String rawPort(int from, int to, Integer port) {
        if (from < 0) {
            return null; // a lone *
        }
        if (port == null) {
            return isStar(from, to) ? null : cur.substring(from, to);
        }
        return isDecimalOf(cur, from, to, port) ? null : cur.substring(from, to);
    }

    /** {@code Integer.toString(port).equals(s.substring(from, to))}, without building a String. */
    private static boolean isDecimalOf(String s, int from, int to, int port) {
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
    private static boolean isServiceWord(String s) {
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

    private static Family familyOf(String host) {
        return host.indexOf(':') >= 0 ? Family.IPV6 : Family.IPV4;
    }

    /** Brackets off; {@code *} and {@code [::]} become the family's any address. */
    private static String canonicalHost(String h, Family fam) {
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
