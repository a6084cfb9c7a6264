package tcplab.netstat;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tcplab.tcp.TcpState;

/**
 * Every word a tool prints for a TCP state, in one table (NETSTAT.md, "State words by tool"), plus
 * the translated words of {@link ToolWords}.
 * Parsing accepts the words of every tool at once, so header-less lines are read too.
 */
public final class StateWords {
    /** A recognised word that means "no TCP state": ss prints UNCONN for unconnected sockets. */
    public static final String UNCONNECTED = "UNCONN";

    private static final Map<String, TcpState> WORDS = new HashMap<>();
    private static final Map<TcpState, String> WINDOWS = new EnumMap<>(TcpState.class);
    private static final Map<TcpState, String> LINUX = new EnumMap<>(TcpState.class);
    private static final Map<TcpState, String> SS = new EnumMap<>(TcpState.class);
    private static final Map<TcpState, String> BSD = new EnumMap<>(TcpState.class);
    private static final Map<TcpState, String> PROC_HEX = new EnumMap<>(TcpState.class);
    private static final TcpState[] BY_PROC_HEX = new TcpState[16];

    static {
        // state, Windows, Linux netstat, ss, BSD/macOS, /proc hex
        row(TcpState.ESTABLISHED, "ESTABLISHED", "ESTABLISHED", "ESTAB", "ESTABLISHED", "01");
        row(TcpState.SYN_SENT, "SYN_SENT", "SYN_SENT", "SYN-SENT", "SYN_SENT", "02");
        row(TcpState.SYN_RECEIVED, "SYN_RECEIVED", "SYN_RECV", "SYN-RECV", "SYN_RCVD", "03");
        row(TcpState.FIN_WAIT_1, "FIN_WAIT_1", "FIN_WAIT1", "FIN-WAIT-1", "FIN_WAIT_1", "04");
        row(TcpState.FIN_WAIT_2, "FIN_WAIT_2", "FIN_WAIT2", "FIN-WAIT-2", "FIN_WAIT_2", "05");
        row(TcpState.TIME_WAIT, "TIME_WAIT", "TIME_WAIT", "TIME-WAIT", "TIME_WAIT", "06");
        row(TcpState.CLOSED, "CLOSED", "CLOSE", "UNCONN", "CLOSED", "07");
        row(TcpState.CLOSE_WAIT, "CLOSE_WAIT", "CLOSE_WAIT", "CLOSE-WAIT", "CLOSE_WAIT", "08");
        row(TcpState.LAST_ACK, "LAST_ACK", "LAST_ACK", "LAST-ACK", "LAST_ACK", "09");
        row(TcpState.LISTEN, "LISTENING", "LISTEN", "LISTEN", "LISTEN", "0A");
        row(TcpState.CLOSING, "CLOSING", "CLOSING", "CLOSING", "CLOSING", "0B");
        // The RFC's own hyphenated spellings, and our constant names.
        for (TcpState s : TcpState.values()) {
            WORDS.put(s.rfcName(), s);
            WORDS.put(s.name(), s);
        }
        // Windows extras: a TCB being torn down, and -q's bound-but-idle sockets.
        WORDS.put("DELETE_TCB", TcpState.CLOSED);
        WORDS.put("BOUND", TcpState.CLOSED);
        // Old Microsoft KB spellings that real netstat.exe never prints, but articles do.
        WORDS.put("SYN_SEND", TcpState.SYN_SENT);
        WORDS.put("TIMED_WAIT", TcpState.TIME_WAIT);
        // Translated words (German Windows, net-tools in Czech, German, Portuguese...): ToolWords.
        // An English spelling always wins: a translation never changes what a word means.
        for (ToolWords.StateWord w : ToolWords.stateWords()) {
            WORDS.putIfAbsent(w.word(), w.state());
        }
    }

    private StateWords() {
    }

    private static void row(TcpState s, String windows, String linux, String ss, String bsd, String hex) {
        WINDOWS.put(s, windows);
        LINUX.put(s, linux);
        SS.put(s, ss);
        BSD.put(s, bsd);
        PROC_HEX.put(s, hex);
        BY_PROC_HEX[Integer.parseInt(hex, 16)] = s;
        WORDS.put(windows, s);
        WORDS.put(linux, s);
        if (!ss.equals(UNCONNECTED)) {
            WORDS.put(ss, s);
        }
        WORDS.put(bsd, s);
    }

    /** Every recognised word, by length: {@link #known} looks a token up without making a String. */
    private static final String[][] BY_LENGTH;

    static {
        java.util.Set<String> all = new java.util.TreeSet<>(WORDS.keySet());
        all.add(UNCONNECTED);
        int max = 0;
        for (String w : all) {
            max = Math.max(max, w.length());
        }
        java.util.List<java.util.List<String>> lists = new java.util.ArrayList<>();
        for (int i = 0; i <= max; i++) {
            lists.add(new java.util.ArrayList<>());
        }
        for (String w : all) {
            lists.get(w.length()).add(w);
        }
        BY_LENGTH = new String[max + 1][];
        for (int i = 0; i <= max; i++) {
            BY_LENGTH[i] = lists.get(i).toArray(new String[0]);
        }
    }

    /**
     * The recognised word spelled exactly (same case) as {@code s[from, to)}, as the table's own
     * String, or null: the parser reads a state word per row, and this spares a substring and a
     * hash for the usual spellings. Other spellings go through {@link #parse}.
     */
    public static String known(String s, int from, int to) {
        int n = to - from;
        if (n <= 0 || n >= BY_LENGTH.length) {
            return null;
        }
        for (String w : BY_LENGTH[n]) {
            if (s.regionMatches(from, w, 0, n)) {
                return w;
            }
        }
        return null;
    }

    /** The state a word means, in any tool's spelling (case-insensitive); null if none. */
    public static TcpState parse(String word) {
        if (word == null || word.isEmpty() || word.length() > 20) {
            return null;
        }
        TcpState s = WORDS.get(word);
        if (s == null) {
            s = WORDS.get(word.toUpperCase(Locale.ROOT));
        }
        return s;
    }

    /** True for a word that names a state or is ss's UNCONN. */
    public static boolean isStateWord(String word) {
        return parse(word) != null || UNCONNECTED.equalsIgnoreCase(word);
    }

    /** The state of a /proc/net/tcp {@code st} field ({@code 0A} = LISTEN); null if unknown. */
    public static TcpState parseProcHex(String hex) {
        if (hex == null || hex.length() != 2) {
            return null;
        }
        int v = Character.digit(hex.charAt(0), 16) * 16 + Character.digit(hex.charAt(1), 16);
        return v >= 0 && v < BY_PROC_HEX.length ? BY_PROC_HEX[v] : null;
    }

    public static String windows(TcpState s) {
        return WINDOWS.get(s);
    }

    public static String linux(TcpState s) {
        return LINUX.get(s);
    }

    public static String ss(TcpState s) {
        return SS.get(s);
    }

    public static String bsd(TcpState s) {
        return BSD.get(s);
    }

    public static String procHex(TcpState s) {
        return PROC_HEX.get(s);
    }
}
