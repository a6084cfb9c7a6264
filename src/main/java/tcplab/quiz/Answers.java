package tcplab.quiz;

import java.util.Locale;
import java.util.Map;
import tcplab.netstat.StateWords;
import tcplab.tcp.TcpState;

/** Checks an answer: an option letter, or a typed answer normalised by the question's kind. */
public final class Answers {
    private static final Map<String, TcpState> ALIASES = Map.ofEntries(
            Map.entry("SYN_RECV", TcpState.SYN_RECEIVED),
            Map.entry("SYN_RCVD", TcpState.SYN_RECEIVED),
            Map.entry("SYN_RCV", TcpState.SYN_RECEIVED),
            Map.entry("SYNRECEIVED", TcpState.SYN_RECEIVED),
            Map.entry("SYN_RECIEVED", TcpState.SYN_RECEIVED),
            Map.entry("SYNSENT", TcpState.SYN_SENT),
            Map.entry("ESTAB", TcpState.ESTABLISHED),
            Map.entry("LISTENING", TcpState.LISTEN),
            Map.entry("FIN_WAIT1", TcpState.FIN_WAIT_1),
            Map.entry("FINWAIT1", TcpState.FIN_WAIT_1),
            Map.entry("FIN_WAIT2", TcpState.FIN_WAIT_2),
            Map.entry("FINWAIT2", TcpState.FIN_WAIT_2),
            Map.entry("CLOSEWAIT", TcpState.CLOSE_WAIT),
            Map.entry("LASTACK", TcpState.LAST_ACK),
            Map.entry("TIMEWAIT", TcpState.TIME_WAIT),
            Map.entry("TIMED_WAIT", TcpState.TIME_WAIT));

    private Answers() {
    }

    /** The state a typed word means, in any tool's or the RFC's spelling; null if none. */
    public static TcpState state(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s\\-_]+", "_");
        if (t.isEmpty()) {
            return null;
        }
        for (TcpState s : TcpState.values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        TcpState s = ALIASES.get(t);
        if (s != null) {
            return s;
        }
        s = StateWords.parse(text.trim());
        return s != null ? s : StateWords.parse(t);
    }

    /** Text compared without case, spaces, hyphens, underscores or full stops. */
    public static String text(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-_.。,,、]+", "");
    }

    /** The digits of an order answer: {@code 2 4 1 3} → {@code 2413}. */
    static String order(String s) {
        return s == null ? "" : s.replaceAll("[^0-9]", "");
    }

    /** The option a lone letter (A, b, ...) picks, or -1. */
    public static int optionIndex(Question q, String input) {
        String t = input == null ? "" : input.trim();
        if (t.length() == 1) {
            char c = Character.toUpperCase(t.charAt(0));
            int i = c - 'A';
            if (i >= 0 && i < q.options().size()) {
                return i;
            }
        }
        return -1;
    }

    public static boolean isCorrect(Question q, String input) {
        if (input == null || input.isBlank()) {
            return false;
        }
        int i = optionIndex(q, input);
        if (i >= 0) {
            return q.options().get(i).equals(q.answer());
        }
        if (matches(q.kind(), q.answer(), input)) {
            return true;
        }
        for (String a : q.accepted()) {
            if (matches(q.kind(), a, input) || text(a).equals(text(input))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(AnswerKind kind, String right, String input) {
        switch (kind) {
            case STATE: {
                TcpState r = state(right);
                return r != null && r == state(input);
            }
            case NUMBER:
                try {
                    return Long.parseLong(right.trim()) == Long.parseLong(input.trim().replace(",", ""));
                } catch (NumberFormatException e) {
                    return false;
                }
            case ORDER:
                return !order(right).isEmpty() && order(right).equals(order(input));
            default:
                return text(right).equals(text(input));
        }
    }
}
