package tcplab.netstat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.tcp.TcpState;

/**
 * Explains parsed lines in Chinese or English, one line at a time, and gathers what the summary
 * needs. Per-line work is streaming; the per-table aggregates are bounded (counters, a bit set
 * of listening ports, distinct-host sets capped at {@link #DISTINCT_CAP}), so a 2-million-row
 * table costs no more memory than a small one.
 *
 * <p>Direction is decided from the LISTEN rows seen so far in the same table (net-tools and ss
 * print listeners first; Windows sorts by local address, so 0.0.0.0 listeners come early): a
 * connection is the server's side only if its local port is listened on. Port classes (a
 * well-known local port, a client-range one) are guessed from only when the table lists no
 * listener at all (netstat without -a); the README's "Direction" paragraph has the whole rule.
 */
public final class Explainer {
    static final String BUNDLE = "tcplab.netstat.Explain";

    /*
     * The rules of the warnings, with the tables that motivate them, are written down in the
     * README ("The explainer's warnings"); WarningRulesTest runs them on real machines' tables.
     */

    /**
     * The floor of SYN_FLOOD: SYN_RECEIVED rows on one local port. A handshake completes in one
     * round trip, so an idle or modest server shows at most a couple; the seed calls "several"
     * (多个) suspicious. Below five, never a flood.
     */
    public static final int SYN_FLOOD_MIN_ROWS = 5;
    /**
     * SYN_FLOOD weighs the half-open rows against the ESTABLISHED ones on the same port: under
     * load a server has about (arrival rate x round trip) half-open and (arrival rate x
     * connection time) established connections, so a few among hundreds is normal (a busy web
     * server: 8 SYN_RECEIVED beside 430 ESTABLISHED on 443). A flood is at least one half-open
     * for every {@value} established: the forged SYNs never complete, the real clients still do.
     */
    public static final int SYN_FLOOD_ESTABLISHED_PER_HALF_OPEN = 10;
    /** From this many half-open rows on one port the listener's backlog (often 128) is under real pressure. */
    public static final int SYN_FLOOD_HIGH_ROWS = 50;
    /**
     * Distinct hosts with a pending SYN_SENT below which there is no SCAN finding at all. SYN_SENT
     * lasts one round trip when the host answers, up to about a minute when it does not (Linux
     * gives up after 6 retries, 127 s; Windows after 21 s): a browser loading a page, or waiting
     * on sites blocked on the way, shows a handful to a few hosts. From here on it is a note.
     */
    public static final int SCAN_MIN_HOSTS = 5;
    /**
     * Distinct hosts that make a SCAN whoever opened them: the seed's "SYN_SENT非常多且在向不同的机器发出"
     * (very many, to different machines). A worm opens dozens to hundreds at once (the worm-scan
     * scenario: 38 after one second); no page load waits on twenty dead hosts.
     */
    public static final int SCAN_MANY_HOSTS = 20;
    /**
     * Distinct hosts contacted on 135/139/445 that make a SCAN high severity: a desktop rarely
     * connects out to Windows RPC or file sharing of three machines at once; Blaster did on 135, Sasser on 445.
     */
    public static final int SCAN_WORM_PORT_HOSTS = 3;
    /** The worm ports: DCE/RPC (Blaster), NetBIOS session and SMB (Sasser and later worms). */
    public static final Set<Integer> WORM_PORTS = Set.of(135, 139, 445);
    /**
     * CLOSE_WAIT rows of one program for CLOSE_WAIT_LEAK. CLOSE_WAIT lasts until the program calls
     * close(), normally milliseconds; ten that stay mean the program does not close.
     */
    public static final int CLOSE_WAIT_LEAK_ROWS = 10;
    /**
     * TIME_WAIT rows for TIME_WAIT_PILEUP. Each lasts 60 s (Linux) to 240 s (Windows XP). Only
     * the client's TIME_WAIT takes a port: Linux keeps a client port per destination (28,232 of
     * them, 32768-60999, towards one address and port), Windows takes it from one pool of 16,384
     * for all destinations. A thousand on client ports is a steady stream of short connections;
     * tens of thousands can run out ({@link #TIME_WAIT_HIGH_ROWS}). A server's TIME_WAIT sits on
     * its own service port, one per client it served, and takes no port at all: a note.
     */
    public static final int TIME_WAIT_PILEUP_ROWS = 1000;
    public static final int TIME_WAIT_HIGH_ROWS = 20000;
    /** Half of Windows' one pool of 16,384 client ports (49152-65535) for all destinations. */
    public static final int TIME_WAIT_HIGH_ROWS_WINDOWS = 8192;
    /** Ports that should not listen on every interface: telnet, RPC, NetBIOS, SMB, RDP, proxies. */
    public static final Set<Integer> EXPOSED_PORTS = Set.of(23, 135, 139, 445, 3389, 1080, 808, 3128);
    /**
     * The ones Windows itself opens on every machine (RPC endpoint mapper, NetBIOS session, SMB),
     * which its firewall, on by default since XP SP2, keeps from other machines unless file and
     * printer sharing lets them in: a note on Windows, not an alarm.
     */
    public static final Set<Integer> WINDOWS_DEFAULT_PORTS = Set.of(135, 139, 445);
    /** Caps of the per-table sets: bounded memory whatever the input size. */
    public static final int DISTINCT_CAP = 4096;
    private static final int EVIDENCE_CAP = 20;

    private final Lang lang;
    private final Texts texts;
    private final Map<String, Template> templates = new HashMap<>();
    private final Services services = Services.get();

    // Per-table state (reset by a header line).
    private BitSet listening = new BitSet(65536);
    private SocketRow lastSocket;
    private int lastSocketLine;

    // Aggregates for the summary.
    private long lines;
    private long sockets;
    private long udp;
    private long unrecognised;
    private final long[] byState = new long[TcpState.values().length];
    private final Set<String> synRecvHosts = new HashSet<>();
    /** SYN_RECEIVED and ESTABLISHED rows per local port (SYN_FLOOD), allocated at the first. */
    private int[] synRecvByPort;
    private int[] establishedByPort;
    private long synRecvNoPort;
    private final Set<String> synSentHosts = new HashSet<>();
    private final Set<String> wormPortHosts = new HashSet<>();
    private long synSentWormPorts;
    private boolean synSentUnowned;
    private final Map<String, Long> closeWaitByOwner = new LinkedHashMap<>();
    /** Who opened the SYN_SENT rows, where the table says (-b, -p, TCPView): the worm's name. */
    private final Map<String, Long> synSentOwners = new LinkedHashMap<>();
    /** The distinct hosts each opener tries to reach, each set capped at {@link #SCAN_MANY_HOSTS}. */
    private final Map<String, Set<String>> synSentHostsByOwner = new HashMap<>();
    /** TIME_WAIT rows on service ports (the server's) and on client ports, by destination. */
    private long timeWaitServer;
    private final Set<Integer> timeWaitServerPorts = new java.util.TreeSet<>();
    private long timeWaitClient;
    private final Map<String, Long> timeWaitByDestination = new HashMap<>();
    private boolean timeWaitWindows;
    private final Map<String, Set<String>> exposed = new TreeMap<>();
    private final Set<Integer> exposedWindowsDefaults = new java.util.TreeSet<>();
    private final List<String> unexpected = new ArrayList<>();
    private boolean unexpectedHigh;

    public Explainer(Lang lang) {
        this.lang = lang;
        this.texts = Texts.of(BUNDLE, lang);
        boolean zh = lang == Lang.ZH;
        sep = new Text.Lit(zh ? "," : ", ");
        clause = new Text.Lit(zh ? ";" : "; ");
        end = new Text.Lit(zh ? "\u3002" : ". ");
        space = new Text.Lit(zh ? "" : " ");
        openParen = new Text.Lit(zh ? "(" : " (");
        ownerEnd = new Text.Lit(zh ? "\u3002" : ".");
        tProtoTcp = t("proto.tcp");
        tProtoUdp = t("proto.udp");
        tFamilyDual = t("family.dual");
        tFamilyV4 = t("family.ipv4");
        tFamilyV6 = t("family.ipv6");
        tLocalEmpty = t("local.empty");
        tLocalAny = t("local.any");
        tLocalLoopback = t("local.loopback");
        tLocalV4mapped = t("local.v4mapped");
        tLocalName = t("local.name");
        tLocalSpecific = t("local.specific");
        tForeignUdp = t("foreign.udp");
        tForeignNone = t("foreign.none");
        tForeignEmpty = t("foreign.empty");
        tForeignLoopback = t("foreign.loopback");
        tForeignName = t("foreign.name");
        tForeignPrivate = t("foreign.private");
        tForeignPublic = t("foreign.public");
        tStateUdp = t("state.udp");
        for (TcpState st : TcpState.values()) {
            tState[st.ordinal()] = t("state." + st.name());
        }
        tStateRaw = t("stateRaw");
        tPortUnknownName = t("port.unknownName");
        tPortNone = t("port.none");
        tPortNumber = t("port.number");
        tPortPrintedAs = t("port.printedAs");
        tService = t("service");
        tClassWellKnown = t("class.wellknown");
        tClassRegistered = t("class.registered");
        tClassDynamic = t("class.dynamic");
        tDirOutbound = t("dir.outbound");
        tDirInbound = t("dir.inbound");
        tDirOutboundGuess = t("dir.outbound.guess");
        tDirInboundGuess = t("dir.inbound.guess");
        tDirUnknown = t("dir.unknown");
        tDirOutboundTable = t("dir.outbound.table");
    }


    public Lang lang() {
        return lang;
    }

    private Template t(String key) {
        return templates.computeIfAbsent(key, k -> Template.of(texts.get(k)));
    }

    /** A text of the bundle, formatted. */
    public String text(String key, Object... args) {
        return t(key).format(args);
    }

    /** Explains one line and counts it; null for blank lines. Call once per line, in order. */
    public String explain(ParsedLine line) {
        lines++;
        if (line instanceof ParsedLine.Socket s) {
            StringBuilder sb = new StringBuilder(640);
            socket(s, new Text.Chars(sb));
            beyondTheRow(s, new Text.Chars(sb));
            return sb.toString();
        }
        if (line instanceof ParsedLine.Detail d) {
            return detail(d);
        }
        if (line instanceof ParsedLine.Header h) {
            listening = new BitSet(65536);
            lastSocket = null;
            return text("header", h.text());
        }
        if (line instanceof ParsedLine.Program p) {
            return program(p);
        }
        if (line instanceof ParsedLine.Notice n) {
            switch (n.code()) {
                case NO_OWNERSHIP:
                    return text("notice.NO_OWNERSHIP", n.attachesTo());
                case WRAPPED:
                    return text("notice.WRAPPED", n.attachesTo());
                case WRAPPED_REST:
                    return text("notice.WRAPPED_REST", n.attachesTo());
                case COMMAND:
                    return command(n.text());
                default:
                    return text("notice." + n.code().name());
            }
        }
        if (line instanceof ParsedLine.Unrecognised) {
            unrecognised++;
            return null;
        }
        return null;
    }

    /** Why {@code u} is not recognised, in this explainer's language (the jsonl {@code reason}). */
    public String reason(ParsedLine.Unrecognised u) {
        return text("reason." + u.why().name(), u.detail() == null ? "" : u.detail());
    }

    /**
     * A pasted command line ({@code netstat -ano}, {@code ss -tan}): what it is and what each
     * option asks for. The letters of {@code netstat} differ between Windows and Linux (-p is the
     * protocol on one, the program on the other; -o and -b exist only on Windows, -t -u -l only on
     * Linux), so the options that only one of them has decide which one is meant.
     */
    String command(String command) {
        String[] words = command.trim().split("\\s+");
        String tool = words[0].toLowerCase(java.util.Locale.ROOT);
        if (tool.endsWith(".exe")) {
            tool = tool.substring(0, tool.length() - 4);
        }
        StringBuilder letters = new StringBuilder();
        boolean protocolArgument = false;
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            if (w.startsWith("|") || w.startsWith(">")) {
                break;
            }
            if (w.length() > 1 && (w.charAt(0) == '-' || w.charAt(0) == '/') && w.charAt(1) != '-') {
                letters.append(w, 1, w.length());
                if (w.endsWith("p") && i + 1 < words.length && words[i + 1].toLowerCase(java.util.Locale.ROOT).matches("tcp|udp|tcpv6|udpv6|ip|ipv6")) {
                    protocolArgument = true;
                    i++;
                }
            }
        }
        String os;
        if (tool.equals("ss")) {
            os = "ss";
        } else if (!tool.equals("netstat")) {
            return text("notice.COMMAND", command);
        } else if (letters.indexOf("o") >= 0 || letters.indexOf("b") >= 0 || letters.indexOf("q") >= 0
                || command.toLowerCase(java.util.Locale.ROOT).contains("findstr")) {
            os = "windows";
        } else if (letters.indexOf("t") >= 0 || letters.indexOf("u") >= 0 || letters.indexOf("l") >= 0
                || letters.indexOf("e") >= 0 && !protocolArgument) {
            os = "linux";
        } else {
            os = protocolArgument ? "bsd" : "any";
        }
        StringBuilder sb = new StringBuilder(text("notice.COMMAND", command));
        java.util.Set<Character> seen = new java.util.LinkedHashSet<>();
        for (int i = 0; i < letters.length(); i++) {
            seen.add(letters.charAt(i));
        }
        for (char c : seen) {
            String key = optionKey(os, c, protocolArgument);
            if (key != null) {
                sb.append(lang == Lang.ZH ? "" : " ").append(text(key));
            }
        }
        return sb.toString();
    }

    /** The bundle key of option letter {@code c} of netstat on {@code os} (or of ss), null if unknown. */
    private String optionKey(String os, char c, boolean protocolArgument) {
        String k;
        if (os.equals("ss")) {
            k = "opt.ss." + c;
        } else if (c == 'a' || c == 'n') {
            k = "opt.netstat." + c;
        } else if (c == 'p' && protocolArgument) {
            k = "opt.netstat.protocol";
        } else if (os.equals("windows") || os.equals("linux")) {
            k = "opt." + os + "." + c;
        } else {
            return null;
        }
        return texts.has(k) ? k : null;
    }

    /**
     * {@link #explain} for a socket line, rendered straight into {@code out} (the jsonl writer's
     * bytes) instead of a String: the same sentences, the same counting.
     */
    void explainSocket(ParsedLine.Socket s, Text out) {
        lines++;
        socket(s, out);
        beyondTheRow(s, out);
    }

    // ---------------------------------------------------------------- timers, cut ends, ss details

    /**
     * What the row line says beyond the socket: a timer (net-tools -o, ss -o). Nothing for the
     * usual row (one null test).
     */
    private void beyondTheRow(ParsedLine.Socket s, Text out) {
        ParsedLine.RawFields raw = s.raw();
        // Cut ends are said by the address sentences themselves (Truncation); here the timer and
        // what ss -e (or FreeBSD -T) printed on the row.
        if (raw.timer() == null && raw.details() == null) {
            return;
        }
        StringBuilder sb = new StringBuilder(" ");
        if (raw.timer() != null) {
            SocketDetails.Timer tm = raw.timer().startsWith("timer:(") ? SocketDetails.parse(raw.timer()).timer()
                    : SocketDetails.netToolsTimer(raw.timer());
            if (tm != null) {
                sentence(sb, timer(tm));
            }
        }
        if (raw.details() != null) {
            rowDetails(sb, raw.details());
        }
        String said = sb.toString().trim();
        if (!said.isEmpty()) {
            out.str(lang == Lang.ZH ? said : " " + said);
        }
    }

    /** One sentence on a timer: which one, when it fires, what its count means. */
    private String timer(SocketDetails.Timer tm) {
        String kind = tm.kind();
        String key = switch (kind) {
            case "on" -> "timer.on";
            case "keepalive" -> "timer.keepalive";
            case "timewait" -> "timer.timewait";
            case "persist", "probe" -> "timer.probe";
            case "off" -> "timer.off";
            default -> "timer.other";
        };
        return text(key, tm.left() == null ? "?" : tm.left(), tm.count() == null ? "0" : tm.count(), kind);
    }

    /**
     * What ss -e prints on a row (or on a detail line under it): the owner and inode, the
     * socket's cookie, IPv6-only, and which directions are shut down.
     */
    private void rowDetails(StringBuilder sb, SocketDetails x) {
        if (x.inode() != null && x.inode() == 0) {
            sentence(sb, text("detail.noInode"));
        } else if (x.uid() != null || x.inode() != null) {
            if (x.uid() == null) {
                sentence(sb, text("detail.owner.root", x.inode()));
            } else {
                sentence(sb, text("detail.owner", x.uid(), x.inode() == null ? "?" : x.inode()));
            }
        }
        if (x.cookie() != null) {
            sentence(sb, text("detail.cookie", x.cookie()));
        }
        if (x.v6only() != null) {
            sentence(sb, text(x.v6only() == 0 ? "detail.v6only.0" : "detail.v6only.1"));
        }
        if (x.retransmits() != null) {
            sentence(sb, text("detail.bsdCounters", x.retransmits(), x.outOfOrder(), x.zeroWindow()));
        }
        if (x.shutdown() != null) {
            String key = switch (x.shutdown()) {
                case "<->" -> "detail.shutdown.open";
                case "-->" -> "detail.shutdown.rd";
                case "<--" -> "detail.shutdown.wr";
                default -> "detail.shutdown.both";
            };
            sentence(sb, text(key));
        }
    }

    /** An ss detail line: the row it belongs to, then its timer, owner, memory and TCP internals. */
    private String detail(ParsedLine.Detail d) {
        if (d.dialect() == Dialect.POWERSHELL_LIST) {
            return listProperty(d);
        }
        SocketDetails x = d.details();
        StringBuilder sb = new StringBuilder(text("detail.of", d.attachesTo()));
        if (x.timer() != null) {
            sentence(sb, timer(x.timer()));
        }
        rowDetails(sb, x);
        java.util.Map<String, Long> m = x.memory();
        if (!m.isEmpty()) {
            sentence(sb, text("detail.memory", m.getOrDefault("r", 0L), m.getOrDefault("rb", 0L),
                    m.getOrDefault("t", 0L), m.getOrDefault("tb", 0L), m.getOrDefault("d", 0L)));
        }
        if (x.congestion() != null) {
            sentence(sb, text("detail.congestion", x.congestion()));
        }
        if (x.rttMs() != null) {
            sentence(sb, text("detail.rtt", x.rttMs()));
        }
        if (x.cwnd() != null) {
            sentence(sb, text("detail.cwnd", x.cwnd()));
        }
        if (x.rtoMs() != null) {
            sentence(sb, text("detail.rto", x.rtoMs()));
        }
        if (x.isEmpty()) {
            sentence(sb, text("detail.other"));
        }
        return sb.toString();
    }

    /**
     * A property line of Get-NetTCPConnection's list view: whose row it belongs to, then what the
     * property says (the ones the row is made of are read into it; CIM's general properties that
     * Get-NetTCPConnection leaves empty are said to be empty).
     */
    private String listProperty(ParsedLine.Detail d) {
        String t = d.text();
        int colon = t.indexOf(':');
        String name = colon > 0 ? t.substring(0, colon).trim() : t;
        String value = colon > 0 ? t.substring(colon + 1).trim() : "";
        StringBuilder sb = new StringBuilder(text("detail.ps.of", name, d.attachesTo()));
        switch (name) {
            case "LocalPort", "RemoteAddress", "RemotePort", "State" -> sentence(sb, text("detail.ps.inRow"));
            case "OwningProcess" -> sentence(sb, text("detail.ps.OwningProcess"));
            case "CreationTime" -> sentence(sb, text("detail.ps.CreationTime"));
            case "InstanceID" -> sentence(sb, text("detail.ps.InstanceID"));
            case "OffloadState" -> sentence(sb, value.equals("InHost") ? text("detail.ps.InHost")
                    : text("detail.ps.offloaded", value));
            case "AppliedSetting" -> sentence(sb, value.isEmpty() ? text("detail.ps.noSetting")
                    : text("detail.ps.setting", value));
            default -> sentence(sb, value.isEmpty() ? text("detail.ps.empty") : text("detail.ps.general"));
        }
        return sb.toString();
    }

    /** Appends a sentence: after a space in English, straight after the full stop in Chinese. */
    private static void sentence(StringBuilder sb, String s) {
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '。') {
            sb.append(' ');
        }
        sb.append(s);
    }

    // ---------------------------------------------------------------- one socket

    /** The bundle texts of the per-row sentences, looked up once. */
    private final Template tProtoTcp;
    private final Template tProtoUdp;
    private final Template tFamilyDual;
    private final Template tFamilyV4;
    private final Template tFamilyV6;
    private final Template tLocalEmpty;
    private final Template tLocalAny;
    private final Template tLocalLoopback;
    private final Template tLocalV4mapped;
    private final Template tLocalName;
    private final Template tLocalSpecific;
    private final Template tForeignUdp;
    private final Template tForeignNone;
    private final Template tForeignEmpty;
    private final Template tForeignLoopback;
    private final Template tForeignName;
    private final Template tForeignPrivate;
    private final Template tForeignPublic;
    private final Template tStateUdp;
    private final Template[] tState = new Template[TcpState.values().length];
    private final Template tStateRaw;
    private final Template tPortUnknownName;
    private final Template tPortNone;
    private final Template tPortNumber;
    private final Template tPortPrintedAs;
    private final Template tService;
    private final Template tClassWellKnown;
    private final Template tClassRegistered;
    private final Template tClassDynamic;
    private final Template tDirOutbound;
    private final Template tDirInbound;
    private final Template tDirOutboundGuess;
    private final Template tDirInboundGuess;
    private final Template tDirUnknown;
    private final Template tDirOutboundTable;
    private final Text.Lit sep;
    private final Text.Lit clause;
    private final Text.Lit end;
    /** Between two sentences: a space in English, nothing after a Chinese full stop. */
    private final Text.Lit space;
    private final Text.Lit openParen;
    private final Text.Lit closeParen = new Text.Lit(")");
    private final Text.Lit ownerEnd;
    /**
     * What follows a port number when the tool printed it as a number: {@code ", service NAME:
     * DESCRIPTION, a well-known port (0-1023)[, inside Linux's client port range...]"}, rendered
     * once per (service, port class, client-range note). Without a service the text depends on
     * the class and the note only; with one, on the service: bounded by the services table.
     */
    private final Text.Lit[][][] serviceTails = new Text.Lit[Proto.values().length][][];
    private final Text.Lit[] plainTails = new Text.Lit[3 * CLIENT_KEYS.length];
    private static final String[] CLIENT_KEYS = {null, "client.linux", "client.windows.new", "client.windows.old",
        "client.macos"};
    /** The foreign end as the foreign sentence shows it ({@code [::1]:80}, {@code 0.0.0.0:*}). */
    private final EndpointText foreignShown = new EndpointText();

    /**
     * {@code address:port} as the tool printed it (its own host and port texts where they differ
     * from the canonical ones: {@code *:*}, {@code fdlpw:ftp}), else canonical with brackets
     * around IPv6: rendered without building a String.
     */
    private static final class EndpointText implements Text.Value {
        String address;
        Integer port;
        String rawHost;
        String rawPort;

        @Override
        public void to(Text out) {
            if (rawHost != null) {
                out.str(rawHost);
                out.str(":");
            } else {
                boolean v6 = address.indexOf(':') >= 0;
                if (v6) {
                    out.str("[");
                }
                out.strMemo(address);
                out.str(v6 ? "]:" : ":");
            }
            if (rawPort != null) {
                out.str(rawPort);
            } else if (port == null) {
                out.str("*");
            } else {
                out.num(port);
            }
        }

        @Override
        public String toString() {
            return Endpoint.shown(address, port, rawHost, rawPort);
        }
    }

    /** The text after the number of {@code port} (see {@link #serviceTails}). */
    private Text.Lit portTail(Proto proto, Services.Service svc, int port, String client) {
        int cls = port <= 1023 ? 0 : port <= 49151 ? 1 : 2;
        int ci = 0;
        if (client != null) {
            for (int i = 1; i < CLIENT_KEYS.length; i++) {
                if (CLIENT_KEYS[i].equals(client)) {
                    ci = i;
                    break;
                }
            }
        }
        int k = cls * CLIENT_KEYS.length + ci;
        Text.Lit[] tails = plainTails;
        if (svc != null) {
            Text.Lit[][] byPort = serviceTails[proto.ordinal()];
            if (byPort == null) {
                byPort = new Text.Lit[65536][];
                serviceTails[proto.ordinal()] = byPort;
            }
            tails = byPort[port];
            if (tails == null) {
                tails = new Text.Lit[3 * CLIENT_KEYS.length];
                byPort[port] = tails;
            }
        }
        Text.Lit l = tails[k];
        if (l == null) {
            StringBuilder sb = new StringBuilder();
            Text.Chars c = new Text.Chars(sb);
            c.lit(sep);
            if (svc != null) {
                tService.render(c, svc.name(), svc.description(lang));
                c.lit(sep);
            }
            (cls == 0 ? tClassWellKnown : cls == 1 ? tClassRegistered : tClassDynamic).render(c);
            if (client != null) {
                c.lit(sep);
                t(client).render(c);
            }
            l = new Text.Lit(sb.toString());
            tails[k] = l;
        }
        return l;
    }

    private void socket(ParsedLine.Socket s, Text out) {
        SocketRow r = s.row();
        sockets++;
        lastSocket = r;
        lastSocketLine = s.line();
        count(r, s.dialect());

        // Protocol and family.
        (r.proto() == Proto.TCP ? tProtoTcp : tProtoUdp).render(out);
        out.lit(sep);
        (r.dualStack() ? tFamilyDual : r.family() == Family.IPV4 ? tFamilyV4 : tFamilyV6).render(out);
        out.lit(end);

        // Local end.
        Endpoint l = r.local();
        Endpoint f = r.foreign();
        String la = l.address();
        Template local;
        if (la.equals(lastLocal)) {
            local = lastLocalTemplate; // the same local address row after row: classified once
        } else {
            local = la.isEmpty() ? tLocalEmpty : l.isAnyAddress() ? tLocalAny : Addresses.isLoopback(la) ? tLocalLoopback
                    : Addresses.isV4Mapped(la) ? tLocalV4mapped : !Addresses.isNumeric(la) ? tLocalName : tLocalSpecific;
            lastLocal = la;
            lastLocalTemplate = local;
        }
        String lRaw = s.raw().localHost();
        Truncation.Cut lCut = Truncation.of(s.dialect(), lRaw != null ? lRaw : la, s.raw().localPort(), l.port(), s.raw().localTruncated());
        if (lCut.host()) {
            // Cut short: what the stump looks like (loopback, a name, one address) says nothing.
            cutHost(out, "local", lRaw != null ? lRaw : la.indexOf(':') >= 0 ? Endpoint.bracketed(la) : la, lCut);
        } else if (local == tLocalEmpty) {
            local.render(out);
        } else if (lRaw != null) {
            local.render(out, lRaw); // as the tool printed it: *, [::], fdlpw
        } else if (local == tLocalName || la.indexOf(':') < 0) {
            local.render(out, memo(la));
        } else {
            local.render(out, Endpoint.bracketed(la));
        }
        out.lit(clause);
        boolean connection = r.proto() == Proto.TCP && r.state() != null && r.state() != TcpState.LISTEN
                && r.state() != TcpState.CLOSED && f.port() != null && f.port() != 0;
        if (lCut.port()) {
            cutPort(out, s.raw().localPort(), l.port(), lCut);
        } else {
            port(out, r.proto(), l.port(), s.raw().localPort(), s.dialect(), connection);
        }
        out.lit(end);

        // Foreign end.
        String fa = f.address();
        EndpointText fshow = foreignShown;
        fshow.address = fa;
        fshow.port = f.port();
        fshow.rawHost = s.raw().foreignHost();
        fshow.rawPort = s.raw().foreignPort();
        Truncation.Cut fCut = Truncation.of(s.dialect(), fshow.rawHost != null ? fshow.rawHost : fa, fshow.rawPort, f.port(), s.raw().foreignTruncated());
        // A connection has a peer, whatever its printed port looks like: "no peer yet" is only
        // for listeners and for rows that never connected (LISTEN, CLOSED, 0.0.0.0:0).
        boolean connected = r.proto() == Proto.TCP && r.state() != null && r.state() != TcpState.LISTEN
                && r.state() != TcpState.CLOSED;
        if (r.proto() == Proto.UDP && (f.port() == null || f.port() == 0)) {
            tForeignUdp.render(out, fshow);
        } else if (connected && f.port() == null && !fCut.any()) {
            t("foreign.portMissing").render(out, fshow);
        } else if (!fCut.any() && (f.port() == null || f.port() == 0 && (f.isAnyAddress() || r.state() == TcpState.LISTEN))) {
            tForeignNone.render(out, fshow);
        } else {
            if (fCut.host()) {
                cutHost(out, "foreign", fshow.toString(), fCut);
            } else if (fa.isEmpty()) {
                tForeignEmpty.render(out, fshow);
            } else if (Addresses.isLoopback(fa)) {
                tForeignLoopback.render(out, fshow);
            } else if (!Addresses.isNumeric(fa)) {
                tForeignName.render(out, fshow);
            } else if (Addresses.isPrivate(fa)) { // an IPv4-mapped address by its IPv4 part
                tForeignPrivate.render(out, fshow);
            } else {
                tForeignPublic.render(out, fshow);
            }
            if (fCut.port()) {
                out.lit(clause);
                cutPort(out, s.raw().foreignPort(), f.port(), fCut);
            } else if (!fCut.host() || f.port() != null) {
                out.lit(clause);
                port(out, r.proto(), f.port(), s.raw().foreignPort(), s.dialect(), false);
            }
        }
        out.lit(end);

        // State.
        if (r.proto() == Proto.UDP) {
            tStateUdp.render(out);
        } else if (r.state() == null) {
            t("state.notShown").render(out); // FreeBSD -T, ss filtered to a group of states
        } else if (r.state() != null) {
            String raw = s.raw().state();
            Template special = raw == null ? null : rawStateTemplate(raw);
            if (special != null && r.state() == TcpState.CLOSED) {
                special.render(out); // BOUND, DELETE_TCB: a CLOSED of their own
            } else {
                tState[r.state().ordinal()].render(out);
                if (special != null) {
                    out.lit(space);
                    special.render(out, raw, r.state().name());
                } else if (raw != null && !raw.equals(r.state().name())) {
                    out.lit(space);
                    tStateRaw.render(out, raw, r.state().name());
                }
            }
        }

        // Queues: only when they say something (most rows show 0 and 0).
        queues(out, r, s.dialect());

        // Which side's TIME_WAIT this is (the TIME_WAIT_PILEUP rule's distinction, row by row).
        if (r.state() == TcpState.TIME_WAIT && !lCut.port() && l.port() != null) {
            timeWaitSide(out, r, s.dialect());
        }

        // Direction.
        if (connection) {
            out.lit(space);
            if (lCut.port() || fCut.port()) {
                t("dir.cut").render(out); // the ports it would be told from are cut short
            } else {
                direction(out, r, s.dialect());
            }
        }

        // Owner.
        if (r.program() != null || r.pid() != null) {
            out.lit(space);
            owner(out, r, s.dialect() == Dialect.MACOS && r.program() != null && r.program().length() == 16);
            checkProgram(out, r, r.program());
        }
    }

    /**
     * What non-zero queues mean. For a listener, Linux reports the accept queue (connections that
     * completed the handshake and wait for accept(), counted in connections) as Recv-Q, and ss its
     * backlog as Send-Q (tcp_diag_get_info). For a connection they are sequence numbers: Recv-Q is
     * rcv_nxt - copied_seq and Send-Q write_seq - snd_una (get_tcp4_sock, tcp_diag_get_info), so
     * the SYN and the FIN, which take one sequence number each, count as one until they are
     * acknowledged (ours) or read (the peer's FIN: tcp_recvmsg adds it to copied_seq when read()
     * returns 0). A SYN_SENT row's Send-Q of 1 is its SYN, not a byte of data. macOS and BSD
     * print the bytes in the socket buffers (sb_cc), and there a number is bytes.
     */
    private void queues(Text out, SocketRow r, Dialect dialect) {
        Long rq = r.recvQ();
        Long sq = r.sendQ();
        Long backlog = r.backlog();
        TcpState st = r.state();
        if ((rq == null || rq == 0) && (sq == null || sq == 0) && backlog == null) {
            return;
        }
        if (st == TcpState.LISTEN) {
            if (rq != null && rq > 0) {
                out.lit(space);
                if (backlog != null) {
                    t("queue.acceptQueueOf").render(out, rq, backlog);
                } else {
                    t("queue.acceptQueue").render(out, rq);
                }
            }
            if (backlog != null) {
                out.lit(space);
                t("queue.backlog").render(out, backlog);
            }
            return;
        }
        boolean sequence = dialect != null && dialect.os() == Dialect.Os.LINUX;
        if (rq != null && rq > 0) {
            out.lit(space);
            boolean finIn = st == TcpState.CLOSE_WAIT || st == TcpState.LAST_ACK || st == TcpState.CLOSING;
            if (sequence && finIn) {
                if (rq == 1) {
                    t("queue.recvFin").render(out);
                } else {
                    t("queue.recvPlusFin").render(out, rq, rq - 1);
                }
            } else {
                t("queue.recv").render(out, rq);
            }
        }
        if (sq != null && sq > 0) {
            out.lit(space);
            boolean finOut = st == TcpState.FIN_WAIT_1 || st == TcpState.CLOSING || st == TcpState.LAST_ACK;
            if (sequence && (st == TcpState.SYN_SENT || st == TcpState.SYN_RECEIVED) && sq == 1) {
                t("queue.sendSyn").render(out);
            } else if (sequence && finOut) {
                if (sq == 1) {
                    t("queue.sendFin").render(out);
                } else {
                    t("queue.sendPlusFin").render(out, sq, sq - 1);
                }
            } else {
                t("queue.send").render(out, sq);
            }
        }
    }

    /** An address the tool cut short: said so, and not read as loopback, a name or an address. */
    private void cutHost(Text out, String side, Object shown, Truncation.Cut cut) {
        t(side + (cut.marked() ? ".cut.marked" : ".cut")).render(out, shown, cut.hostWidth());
    }

    /** A port the tool cut short: its stump is no port number to look up. */
    private void cutPort(Text out, String rawPort, Integer port, Truncation.Cut cut) {
        Object shown = rawPort != null ? rawPort : port == null ? "*" : port;
        t(cut.marked() ? "port.cut.marked" : "port.cut").render(out, shown, cut.width());
    }

    /**
     * A TIME_WAIT row's side: on a port this machine serves (the server closed first: harmless,
     * it holds no port of its own), or on a client port towards one destination (the kind that
     * can exhaust client ports when tens of thousands pile up). Silent when the table cannot tell.
     */
    private void timeWaitSide(Text out, SocketRow r, Dialect dialect) {
        int lp = r.local().port();
        if (serverSideTimeWait(lp, dialect)) {
            out.lit(space);
            t("tw.server").render(out, lp);
        } else if (!listening.isEmpty() || isClientPort(lp, dialect)) {
            out.lit(space);
            String fa = r.foreign().address();
            t("tw.client").render(out, new Object[] {lp, fa.indexOf(':') >= 0 ? Endpoint.bracketed(fa) : fa,
                r.foreign().port() == null ? "*" : r.foreign().port()});
        }
    }

    /**
     * The words that mean something of their own beyond their state: Windows' BOUND ({@code -q})
     * and DELETE_TCB, and the spellings SYN_SEND and TIMED_WAIT that old Microsoft articles use
     * but netstat.exe never prints. Null for every other word.
     */
    private Template rawStateTemplate(String raw) {
        for (String w : SPECIAL_STATE_WORDS) {
            if (raw.length() == w.length() && raw.equalsIgnoreCase(w)) {
                return t("stateRaw." + w);
            }
        }
        return null;
    }

    /** See {@link #rawStateTemplate}. */
    private static final String[] SPECIAL_STATE_WORDS = {"BOUND", "DELETE_TCB", "SYN_SEND", "TIMED_WAIT"};

    private String lastLocal;
    private Template lastLocalTemplate;

    /** An address rendered through {@link Text#strMemo}: the jsonl writer has its bytes already. */
    private static final class Memo implements Text.Value {
        String s;

        @Override
        public void to(Text out) {
            out.strMemo(s);
        }

        @Override
        public String toString() {
            return s;
        }
    }

    private final Memo memo = new Memo();
    private final Memo memo2 = new Memo();

    private Memo memo(String s) {
        memo.s = s;
        return memo;
    }

    /**
     * A port sentence; {@code ownPortOfConnection}: the local port of a TCP connection, where the
     * OS's client port range says something.
     */
    private void port(Text out, Proto proto, Integer port, String raw, Dialect dialect, boolean ownPortOfConnection) {
        if (port == null) {
            if (raw != null) {
                tPortUnknownName.render(out, raw);
            } else {
                tPortNone.render(out);
            }
            return;
        }
        tPortNumber.render(out, port);
        Services.Service svc = services.byPort(proto, port);
        String client = null;
        // The OS's own client range: only meaningful for the local port of a TCP connection that
        // is not a listener's (a LISTEN or UDP socket chose its port; the system picks the port
        // of an outgoing connection).
        if (ownPortOfConnection && dialect != null && !listening.get(port)) {
            client = clientRange(dialect.os(), port);
        }
        if (raw == null) {
            out.lit(portTail(proto, svc, port, client));
            return;
        }
        out.lit(openParen);
        tPortPrintedAs.render(out, raw);
        out.lit(closeParen);
        out.lit(sep);
        if (svc != null) {
            tService.render(out, svc.name(), svc.description(lang));
            out.lit(sep);
        }
        (port <= 1023 ? tClassWellKnown : port <= 49151 ? tClassRegistered : tClassDynamic).render(out);
        if (client != null) {
            out.lit(sep);
            t(client).render(out);
        }
    }

    /** The key of the OS's client-port-range note for {@code port}, or null. */
    static String clientRange(Dialect.Os os, int port) {
        switch (os) {
            case LINUX:
                return port >= 32768 && port <= 60999 ? "client.linux" : null;
            case WINDOWS:
                if (port >= 49152) {
                    return "client.windows.new";
                }
                return port >= 1025 && port <= 5000 ? "client.windows.old" : null;
            case MACOS:
                return port >= 49152 ? "client.macos" : null;
            default:
                return null;
        }
    }

    private void direction(Text out, SocketRow r, Dialect dialect) {
        int lp = r.local().port() == null ? -1 : r.local().port();
        Integer fp = r.foreign().port();
        String fa = r.foreign().address();
        Object peer;
        if (fa.isEmpty()) {
            peer = t("peer.unnamed").format(); // the seeds' "fdlpw:3527 :http": no host printed
        } else if (fa.indexOf(':') >= 0) {
            peer = Endpoint.bracketed(fa);
        } else {
            memo2.s = fa;
            peer = memo2;
        }
        if (r.state() == TcpState.SYN_SENT) {
            tDirOutbound.render(out, peer, fp);
            return;
        }
        if (lp >= 0 && listening.get(lp)) {
            tDirInbound.render(out, peer, r.local().port());
            return;
        }
        if (Addresses.isLoopback(r.foreign().address()) && listening.get(fp)) {
            tDirOutbound.render(out, peer, fp);
            return;
        }
        if (r.state() == TcpState.SYN_RECEIVED && lp >= 0) {
            tDirInbound.render(out, peer, r.local().port());
            return;
        }
        if (lp < 0) {
            tDirUnknown.render(out);
            return;
        }
        if (!listening.isEmpty()) {
            // The table lists its listening ports (LISTEN rows come before the connections in
            // every tool's order), and this one is not among them: nobody could connect to it,
            // however well-known its number. An accepted connection takes the listener's local
            // port (tcp_v4_syn_recv_sock copies it into the child socket), so while that listener
            // is open its LISTEN row is here; "probably", because a server may have closed its
            // listener and kept the connections it had accepted. Only a table that lists no
            // listener at all leaves the port classes to guess from.
            tDirOutboundTable.render(out, peer, fp);
            return;
        }
        boolean localService = isServicePort(r.proto(), lp, dialect);
        boolean foreignService = isServicePort(r.proto(), fp, dialect);
        if (localService && !foreignService) {
            tDirInboundGuess.render(out, peer, r.local().port());
        } else if (foreignService && !localService) {
            tDirOutboundGuess.render(out, peer, fp);
        } else if (!localService && isClientPort(lp, dialect) && !isClientPort(fp, dialect)) {
            tDirOutboundGuess.render(out, peer, fp);
        } else if (!foreignService && isClientPort(fp, dialect) && !isClientPort(lp, dialect)) {
            tDirInboundGuess.render(out, peer, r.local().port());
        } else {
            tDirUnknown.render(out);
        }
    }

    /** A port that names a service: well-known, or in the services table and not a client port. */
    private boolean isServicePort(Proto proto, int port, Dialect dialect) {
        if (port <= 1023) {
            return true;
        }
        return services.byPort(proto, port) != null && !isClientPort(port, dialect);
    }

    private static boolean isClientPort(int port, Dialect dialect) {
        if (dialect != null && clientRange(dialect.os(), port) != null) {
            return true;
        }
        return port >= 49152;
    }

    private void owner(Text out, SocketRow r) {
        owner(out, r, false);
    }

    private void owner(Text out, SocketRow r, boolean cutTo16) {
        if (r.pid() != null && r.pid() == 0 && (r.program() == null || r.program().equals("[System Process]"))) {
            // Windows' PID 0 (TCPView's [System Process]) is no process: the system keeps the socket.
            t("owner").render(out, t("owner.pid0").format());
            out.lit(ownerEnd);
            return;
        }
        StringBuilder who = new StringBuilder();
        if (r.program() != null && !r.program().equals("-")) {
            who.append(r.program());
            if (cutTo16) {
                // macOS -v's process:pid column prints the name in 16 characters (%16s), cut.
                who.append(lang == Lang.ZH ? "" : " ");
                t("owner.cut16").render(who);
            }
        }
        if (r.pid() != null) {
            if (who.length() > 0) {
                who.append(lang == Lang.ZH ? "," : ", ");
            }
            t("owner.pid").render(who, r.pid());
        }
        if (r.service() != null) {
            who.append(lang == Lang.ZH ? "," : ", ");
            t("owner.service").render(who, r.service());
        }
        if (who.length() == 0) {
            t("owner.noprogram").render(who);
        }
        t("owner").render(out, who.toString());
        out.lit(ownerEnd);
    }

    /** The UNEXPECTED_PROGRAM rule ({@link ProgramCheck}) for the row's owner. */
    private void checkProgram(Text out, SocketRow r, String program) {
        if (program == null || r.state() != TcpState.ESTABLISHED) {
            return;
        }
        String like = ProgramCheck.lookAlikeOf(program);
        if (like != null) {
            out.lit(space);
            t("lookalike").render(out, program, like);
            addUnexpected(t("lookalike").format(program, like), true);
            return;
        }
        Integer lp = r.local().port();
        if (lp != null && listening.get(lp)) {
            List<String> usual = ProgramCheck.unusualServer(lp, program);
            if (usual != null) {
                String msg = t("unexpected").format(lp, String.join(", ", usual), program);
                out.lit(space);
                out.str(msg);
                addUnexpected(msg, false);
            }
        }
    }

    private void addUnexpected(String evidence, boolean high) {
        unexpectedHigh |= high;
        if (unexpected.size() < EVIDENCE_CAP && !unexpected.contains(evidence)) {
            unexpected.add(evidence);
        }
    }

    private String program(ParsedLine.Program p) {
        StringBuilder sb = new StringBuilder();
        if (p.program() != null) {
            t("program.line").render(sb, p.attachesTo(), p.program());
            if (lastSocket != null && lastSocketLine == p.attachesTo()) {
                checkProgram(new Text.Chars(sb), lastSocket, p.program());
            }
        } else {
            t("service.line").render(sb, p.attachesTo(), p.service());
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- aggregates

    private void count(SocketRow r, Dialect dialect) {
        if (r.proto() == Proto.UDP) {
            udp++;
            return;
        }
        TcpState st = r.state();
        if (st == null) {
            return;
        }
        byState[st.ordinal()]++;
        Integer lp = r.local().port();
        String peer = r.foreign().address();
        switch (st) {
            case LISTEN:
                if (lp != null) {
                    listening.set(lp);
                    if (EXPOSED_PORTS.contains(lp) && (r.local().isAnyAddress() || !Addresses.isNumeric(r.local().address())
                            && !Addresses.isLoopback(r.local().address()))) {
                        Set<String> where = exposed.computeIfAbsent(lp + "", k -> new LinkedHashSet<>());
                        if (where.size() < 4) {
                            where.add(Endpoint.bracketed(r.local().address()));
                        }
                        if (dialect != null && dialect.os() == Dialect.Os.WINDOWS && WINDOWS_DEFAULT_PORTS.contains(lp)) {
                            exposedWindowsDefaults.add(lp);
                        }
                    }
                }
                break;
            case SYN_RECEIVED:
                if (synRecvHosts.size() < DISTINCT_CAP) {
                    synRecvHosts.add(peer);
                }
                if (lp == null) {
                    synRecvNoPort++;
                } else {
                    if (synRecvByPort == null) {
                        synRecvByPort = new int[65536];
                    }
                    synRecvByPort[lp]++;
                }
                break;
            case ESTABLISHED:
                if (lp != null) {
                    if (establishedByPort == null) {
                        establishedByPort = new int[65536];
                    }
                    establishedByPort[lp]++;
                }
                break;
            case SYN_SENT:
                if (synSentHosts.size() < DISTINCT_CAP) {
                    synSentHosts.add(peer);
                }
                String opener = ownerName(r);
                if (opener == null) {
                    synSentUnowned = true;
                } else if (synSentOwners.size() < EVIDENCE_CAP || synSentOwners.containsKey(opener)) {
                    synSentOwners.merge(opener, 1L, Long::sum);
                    Set<String> hosts = synSentHostsByOwner.computeIfAbsent(opener, k -> new HashSet<>());
                    if (hosts.size() < SCAN_MANY_HOSTS) {
                        hosts.add(peer);
                    }
                }
                Integer fp = r.foreign().port();
                if (fp != null && WORM_PORTS.contains(fp)) {
                    synSentWormPorts++;
                    if (wormPortHosts.size() < DISTINCT_CAP) {
                        wormPortHosts.add(peer);
                    }
                }
                break;
            case CLOSE_WAIT:
                // null: the table does not say (netstat -an); such rows are counted together.
                String who = ownerName(r);
                if (closeWaitByOwner.size() < DISTINCT_CAP || closeWaitByOwner.containsKey(who)) {
                    closeWaitByOwner.merge(who, 1L, Long::sum);
                }
                break;
            case TIME_WAIT:
                if (lp != null && serverSideTimeWait(lp, dialect)) {
                    timeWaitServer++;
                    if (timeWaitServerPorts.size() < 8) {
                        timeWaitServerPorts.add(lp);
                    }
                } else {
                    timeWaitClient++;
                    timeWaitWindows |= dialect != null && dialect.os() == Dialect.Os.WINDOWS;
                    String dest = Endpoint.shown(peer, r.foreign().port(), null, null);
                    if (timeWaitByDestination.size() < DISTINCT_CAP || timeWaitByDestination.containsKey(dest)) {
                        timeWaitByDestination.merge(dest, 1L, Long::sum);
                    }
                }
                break;
            default:
                break;
        }
    }

    /**
     * A TIME_WAIT on a port this machine serves: one it listens on in this table, or, in a table
     * without LISTEN rows (netstat without -a), a service port that is not a client port.
     */
    private boolean serverSideTimeWait(int lp, Dialect dialect) {
        return listening.get(lp) || listening.isEmpty() && isServicePort(Proto.TCP, lp, dialect);
    }

    /**
     * Who owns the row, for the warnings' evidence: its program, else "PID n", else null (the
     * table does not say, or PID 0: no process).
     */
    private static String ownerName(SocketRow r) {
        if (r.program() != null && !r.program().equals("-")) {
            return r.program();
        }
        return r.pid() != null && r.pid() != 0 ? "PID " + r.pid() : null;
    }

    /** The summary of everything explained so far. */
    public Summary summary() {
        Map<String, Long> states = new LinkedHashMap<>();
        for (TcpState s : TcpState.values()) {
            if (byState[s.ordinal()] > 0) {
                states.put(s.name(), byState[s.ordinal()]);
            }
        }
        List<Warning> ws = new ArrayList<>();
        synFlood(ws);
        scan(ws);
        for (Map.Entry<String, Long> e : closeWaitByOwner.entrySet()) {
            if (e.getValue() >= CLOSE_WAIT_LEAK_ROWS) {
                ws.add(e.getKey() == null
                        ? warningWith(Warning.Code.CLOSE_WAIT_LEAK, Warning.Severity.MEDIUM, "evidence.noOwner", e.getValue())
                        : warning(Warning.Code.CLOSE_WAIT_LEAK, Warning.Severity.MEDIUM, e.getValue(), e.getKey()));
            }
        }
        timeWait(ws);
        exposedServices(ws);
        if (!unexpected.isEmpty()) {
            // Each finding is a sentence of its own, with its full stop.
            ws.add(warning(Warning.Code.UNEXPECTED_PROGRAM, unexpectedHigh ? Warning.Severity.HIGH : Warning.Severity.LOW,
                    String.join(lang == Lang.ZH ? "" : " ", unexpected)));
        }
        ws.sort((a, b) -> b.severity().compareTo(a.severity()));
        return new Summary(lines, sockets, unrecognised, udp, states, ws);
    }

    /**
     * SYN_FLOOD: on each local port, at least {@link #SYN_FLOOD_MIN_ROWS} half-open rows and at
     * least one for every {@link #SYN_FLOOD_ESTABLISHED_PER_HALF_OPEN} ESTABLISHED rows there.
     */
    private void synFlood(List<Warning> ws) {
        long rows = 0;
        long established = 0;
        boolean high = false;
        Set<Integer> ports = new LinkedHashSet<>();
        if (synRecvByPort != null) {
            for (int p = 0; p < 65536; p++) {
                int sr = synRecvByPort[p];
                if (sr < SYN_FLOOD_MIN_ROWS) {
                    continue;
                }
                int est = establishedByPort == null ? 0 : establishedByPort[p];
                if ((long) sr * SYN_FLOOD_ESTABLISHED_PER_HALF_OPEN >= est) {
                    rows += sr;
                    established += est;
                    high |= sr >= SYN_FLOOD_HIGH_ROWS;
                    if (ports.size() < 8) {
                        ports.add(p);
                    }
                }
            }
        }
        if (synRecvNoPort >= SYN_FLOOD_MIN_ROWS) {
            rows += synRecvNoPort;
            high |= synRecvNoPort >= SYN_FLOOD_HIGH_ROWS;
        }
        if (rows == 0) {
            return;
        }
        // The ESTABLISHED rows beside them are said where there are any (the rule weighed them).
        ws.add(warningWith(Warning.Code.SYN_FLOOD, high ? Warning.Severity.HIGH : Warning.Severity.MEDIUM,
                established == 0 ? "evidence" : "evidence.established",
                rows, count("hosts", synRecvHosts.size(), capped(synRecvHosts)),
                ports.isEmpty() ? text("evidence.noPort") : count("localPorts", ports.size(), joinPorts(ports)),
                count("established", established, established)));
    }

    /**
     * SCAN, from the surest to a mere note: SYN_SENT to {@link #SCAN_WORM_PORT_HOSTS} hosts on the
     * worm ports (high); to {@link #SCAN_MIN_HOSTS} hosts from a program that is not a browser, or
     * to {@link #SCAN_MANY_HOSTS} hosts (medium; low when only browsers opened them); to
     * {@link #SCAN_MIN_HOSTS} hosts otherwise (a note: a browser's page load looks like that).
     */
    private void scan(List<Warning> ws) {
        long synSent = byState[TcpState.SYN_SENT.ordinal()];
        int hosts = synSentHosts.size();
        if (hosts < SCAN_MIN_HOSTS && wormPortHosts.size() < SCAN_WORM_PORT_HOSTS) {
            return;
        }
        String opener = null;
        long most = 0;
        for (Map.Entry<String, Long> e : synSentOwners.entrySet()) {
            if (e.getValue() > most) {
                opener = e.getKey();
                most = e.getValue();
            }
        }
        String stranger = null; // the non-browser that reaches the most hosts
        int strangerHosts = 0;
        boolean onlyBrowsers = !synSentUnowned && !synSentOwners.isEmpty();
        for (Map.Entry<String, Set<String>> e : synSentHostsByOwner.entrySet()) {
            if (ProgramCheck.isBrowser(e.getKey())) {
                continue;
            }
            onlyBrowsers = false;
            if (e.getValue().size() > strangerHosts) {
                stranger = e.getKey();
                strangerHosts = e.getValue().size();
            }
        }
        Warning.Severity sev;
        String why;
        if (wormPortHosts.size() >= SCAN_WORM_PORT_HOSTS) {
            sev = Warning.Severity.HIGH;
            why = "wormPorts";
        } else if (strangerHosts >= SCAN_MIN_HOSTS) {
            sev = Warning.Severity.MEDIUM;
            why = "program";
            opener = stranger;
            most = synSentOwners.get(stranger);
        } else if (hosts >= SCAN_MANY_HOSTS) {
            sev = onlyBrowsers ? Warning.Severity.LOW : Warning.Severity.MEDIUM;
            why = onlyBrowsers ? "browsers" : "manyHosts";
        } else {
            sev = Warning.Severity.INFO;
            why = "note";
        }
        String message = t("w.SCAN.message." + why).format(opener == null ? "" : opener);
        ws.add(opener == null
                ? warningSaying(Warning.Code.SCAN, sev, "evidence", message, synSent, capped(synSentHosts), synSentWormPorts)
                : warningSaying(Warning.Code.SCAN, sev, "evidence.program", message, synSent, capped(synSentHosts),
                        synSentWormPorts, opener, most));
    }

    /**
     * TIME_WAIT_PILEUP: client TIME_WAITs that can exhaust ports (per destination on Linux and
     * macOS, all together on Windows), or a note for a server's, which take no port.
     */
    private void timeWait(List<Warning> ws) {
        String dest = null;
        long most = 0;
        for (Map.Entry<String, Long> e : timeWaitByDestination.entrySet()) {
            if (e.getValue() > most) {
                dest = e.getKey();
                most = e.getValue();
            }
        }
        long pool = timeWaitWindows ? timeWaitClient : most;
        if (pool >= TIME_WAIT_PILEUP_ROWS) {
            ws.add(warningSaying(Warning.Code.TIME_WAIT_PILEUP,
                    pool >= (timeWaitWindows ? TIME_WAIT_HIGH_ROWS_WINDOWS : TIME_WAIT_HIGH_ROWS) ? Warning.Severity.MEDIUM
                            : Warning.Severity.LOW, "evidence.client",
                    t(timeWaitWindows ? "w.TIME_WAIT_PILEUP.message.windows" : "w.TIME_WAIT_PILEUP.message.client").format(),
                    timeWaitClient, most, dest));
        }
        if (timeWaitServer >= TIME_WAIT_PILEUP_ROWS) {
            ws.add(warningSaying(Warning.Code.TIME_WAIT_PILEUP, Warning.Severity.INFO, "evidence.server",
                    t("w.TIME_WAIT_PILEUP.message.server").format(), timeWaitServer,
                    count("localPorts", timeWaitServerPorts.size(), joinPorts(timeWaitServerPorts))));
        }
    }

    /**
     * EXPOSED_SERVICE: one finding per port that attackers look for and that listens on every
     * address; Windows' own 135/139/445 together, as a note that says what its firewall does.
     */
    private void exposedServices(List<Warning> ws) {
        StringBuilder windows = new StringBuilder();
        for (Map.Entry<String, Set<String>> e : exposed.entrySet()) {
            int port = Integer.parseInt(e.getKey());
            Services.Service svc = services.byPort(Proto.TCP, port);
            String evidence = t("w.EXPOSED_SERVICE.evidence").format(port, svc != null ? svc.name() : "?",
                    String.join(", ", e.getValue()));
            if (exposedWindowsDefaults.contains(port)) {
                if (windows.length() > 0) {
                    windows.append(lang == Lang.ZH ? ";" : "; ");
                }
                windows.append(evidence);
                continue;
            }
            ws.add(new Warning(Warning.Code.EXPOSED_SERVICE, port == 23 ? Warning.Severity.HIGH : Warning.Severity.MEDIUM,
                    evidence, t("w.EXPOSED_SERVICE.message").format()));
        }
        if (windows.length() > 0) {
            ws.add(new Warning(Warning.Code.EXPOSED_SERVICE, Warning.Severity.INFO, windows.toString(),
                    t("w.EXPOSED_SERVICE.message.windows").format()));
        }
    }

    /**
     * A counted noun in this explainer's language: {@code count.KIND.one} for 1, else
     * {@code count.KIND.other} ("1 distinct host", "5 distinct hosts"; Chinese has one form),
     * with {@code shown} in place of the number ("4096+", or a list of ports).
     */
    public String count(String kind, long n, Object shown) {
        return text("count." + kind + (n == 1 ? ".one" : ".other"), shown);
    }

    private static String capped(Set<String> set) {
        return set.size() >= DISTINCT_CAP ? DISTINCT_CAP + "+" : Integer.toString(set.size());
    }

    /** Port numbers as a list: "80, 443"; in Chinese with the enumeration comma, "80、443". */
    private String joinPorts(Set<Integer> ports) {
        StringBuilder sb = new StringBuilder();
        for (Integer p : ports) {
            if (sb.length() > 0) {
                sb.append(lang == Lang.ZH ? "\u3001" : ", ");
            }
            sb.append(p);
        }
        return sb.toString();
    }

    private Warning warning(Warning.Code code, Warning.Severity sev, Object... evidence) {
        return warningWith(code, sev, "evidence", evidence);
    }

    /** A warning whose evidence is the bundle's {@code w.CODE.<evidenceKey>}, with its own message. */
    private Warning warningSaying(Warning.Code code, Warning.Severity sev, String evidenceKey, String message,
                                  Object... evidence) {
        return new Warning(code, sev, t("w." + code.name() + "." + evidenceKey).format(evidence), message);
    }

    /** A warning whose evidence is the bundle's {@code w.CODE.<evidenceKey>}. */
    private Warning warningWith(Warning.Code code, Warning.Severity sev, String evidenceKey, Object... evidence) {
        return new Warning(code, sev, t("w." + code.name() + "." + evidenceKey).format(evidence),
                t("w." + code.name() + ".message").format());
    }

    /** Counts and warnings of a whole input. {@code byState} holds TCP states only, in RFC order. */
    public record Summary(long lines, long sockets, long unrecognised, long udpSockets, Map<String, Long> byState,
                          List<Warning> warnings) {
    }

    /** How many rows per state, as an EnumMap (for tests and the text view). */
    public Map<TcpState, Long> stateCounts() {
        Map<TcpState, Long> m = new EnumMap<>(TcpState.class);
        for (TcpState s : TcpState.values()) {
            m.put(s, byState[s.ordinal()]);
        }
        return m;
    }
}
