package tcplab.netstat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code ss -e/-o/-m/-i} (and net-tools {@code -o}) say about a socket beyond its row, read
 * from their {@code key:value} words: the timer ({@code timer:(keepalive,119min,0)}, net-tools
 * {@code keepalive (7194.43/0/0)}), the owner ({@code uid:1000 ino:603583}), the memory
 * ({@code skmem:(r0,rb131072,t0,tb16384,f0,w0,o0,bl0,d0)}, tcp_diag's SK_MEMINFO_* in that order)
 * and the TCP internals of {@code -i} ({@code cubic wscale:7,7 rto:204 rtt:0.03/0.015 cwnd:10}).
 *
 * <p>{@code ss -e} on the row itself (iproute2 misc/ss.c, sock_details_print and inet_show_sock):
 * {@code uid:N} only for a user other than root ({@code if (s->uid)}), {@code ino:N}, the socket's
 * cookie {@code sk:HEX}, {@code v6only:0|1} for an IPv6 socket, and the shutdown state
 * {@code %c-%c} of INET_DIAG_SHUTDOWN: '-' instead of '<' when receiving is shut
 * (RCV_SHUTDOWN), '-' instead of '>' when sending is (SEND_SHUTDOWN), so {@code <->} is open
 * both ways.
 */
public record SocketDetails(Timer timer, Long uid, Long inode, Map<String, Long> memory, String congestion,
                            String rttMs, String rtoMs, Long cwnd, String cookie, String shutdown, Long v6only,
                            Long retransmits, Long outOfOrder, Long zeroWindow) {

    /**
     * A running timer: {@code kind} as the tool names it (on, keepalive, timewait, persist/probe,
     * off), {@code left} the time until it fires as printed ({@code 119min}, {@code 7194.43} s),
     * {@code count} the retransmissions (on) or keepalive probes sent.
     */
    public record Timer(String kind, String left, String count) {
    }

    /** True when nothing was read. */
    public boolean isEmpty() {
        return timer == null && uid == null && inode == null && memory.isEmpty() && congestion == null && rttMs == null
                && rtoMs == null && cwnd == null && cookie == null && shutdown == null && v6only == null && retransmits == null
                && outOfOrder == null && zeroWindow == null;
    }

    /** The congestion control algorithms Linux ships ({@code tcp_*.c}), the first word of an {@code ss -i} line. */
    private static final java.util.Set<String> CONGESTION = java.util.Set.of("cubic", "reno", "bbr", "bbr2", "bic",
            "dctcp", "highspeed", "htcp", "hybla", "illinois", "lp", "nv", "scalable", "vegas", "veno", "westwood", "yeah",
            "cdg");

    /** True when {@code word} can start an ss detail line: a {@code key:} word or a congestion algorithm. */
    static boolean isDetailWord(String word) {
        return CONGESTION.contains(word) || word.indexOf(':') > 0 && Character.isLetter(word.charAt(0))
                && word.chars().limit(word.indexOf(':')).allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
    }

    /** Reads the words of {@code text} (an ss detail line, or the tail of an ss row). */
    public static SocketDetails parse(String text) {
        Timer timer = null;
        Long uid = null;
        Long inode = null;
        Map<String, Long> memory = new LinkedHashMap<>();
        String congestion = null;
        String rtt = null;
        String rto = null;
        Long cwnd = null;
        String cookie = null;
        String shutdown = null;
        Long v6only = null;
        for (String w : text.trim().split("\\s+")) {
            if (w.startsWith("timer:(") && w.endsWith(")")) {
                String[] f = w.substring(7, w.length() - 1).split(",");
                timer = new Timer(f[0], f.length > 1 ? f[1] : null, f.length > 2 ? f[2] : null);
            } else if (w.startsWith("uid:")) {
                uid = number(w.substring(4));
            } else if (w.startsWith("ino:")) {
                inode = number(w.substring(4));
            } else if (w.startsWith("skmem:(") && w.endsWith(")")) {
                for (String f : w.substring(7, w.length() - 1).split(",")) {
                    int d = 0;
                    while (d < f.length() && Character.isLetter(f.charAt(d))) {
                        d++;
                    }
                    Long v = number(f.substring(d));
                    if (d > 0 && v != null) {
                        memory.put(f.substring(0, d), v);
                    }
                }
            } else if (CONGESTION.contains(w)) {
                congestion = w;
            } else if (w.startsWith("rtt:")) {
                int slash = w.indexOf('/');
                rtt = slash > 0 ? w.substring(4, slash) : w.substring(4);
            } else if (w.startsWith("rto:")) {
                rto = w.substring(4);
            } else if (w.startsWith("cwnd:")) {
                cwnd = number(w.substring(5));
            } else if (w.startsWith("sk:") && w.length() > 3) {
                cookie = w.substring(3);
            } else if (w.startsWith("v6only:")) {
                v6only = number(w.substring(7));
            } else if (isShutdown(w)) {
                shutdown = w;
            }
        }
        return new SocketDetails(timer, uid, inode, memory, congestion, rtt, rto, cwnd, cookie, shutdown, v6only, null, null,
                null);
    }

    /**
     * FreeBSD {@code netstat -T}'s counters of a TCP connection (struct xtcpcb's
     * t_sndrexmitpack, t_rcvoopack, t_sndzerowin): segments sent again, segments received out of
     * order, and segments this side sent with a zero window (tcp_output counts one each time it
     * advertises th_win == 0: its receive buffer was full).
     */
    static SocketDetails bsdCounters(long rexmit, long outOfOrder, long zeroWindow) {
        return new SocketDetails(null, null, null, Map.of(), null, null, null, null, null, null, null, rexmit, outOfOrder,
                zeroWindow);
    }

    /** ss's shutdown word: {@code <->}, {@code -->}, {@code <--} or {@code ---}. */
    static boolean isShutdown(String w) {
        return w.length() == 3 && (w.charAt(0) == '<' || w.charAt(0) == '-') && w.charAt(1) == '-'
                && (w.charAt(2) == '>' || w.charAt(2) == '-');
    }

    /** True when ss -e put its own fields on the row ({@code ino:}, {@code sk:}, {@code uid:}). */
    static boolean hasRowDetails(String rest) {
        return rest.contains("ino:") || rest.contains(" sk:") || rest.startsWith("sk:") || rest.contains("uid:");
    }

    /**
     * net-tools' Timer column, {@code keepalive (7194.43/0/0)}: the timer, the seconds left, the
     * retransmissions and the keepalive probes (netstat.c prints timer_run, expires, retransmits,
     * probes); null when {@code text} is not one.
     */
    static Timer netToolsTimer(String text) {
        int open = text.indexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            return null;
        }
        String[] f = text.substring(open + 1, text.length() - 1).split("/");
        if (f.length != 3) {
            return null;
        }
        String kind = text.substring(0, open).trim();
        return new Timer(kind, f[0] + "s", kind.equals("keepalive") ? f[2] : f[1]);
    }

    private static Long number(String s) {
        long v = Addresses.parseLong(s);
        return v >= 0 ? v : null;
    }
}
