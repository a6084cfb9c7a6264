package tcplab.tcp;

/** The TCP control bits this model uses (RFC 9293 §3.1), as bits of an int. */
public final class Flags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private static final int[] ORDER = {SYN, FIN, RST, PSH, ACK};
    private static final String[] NAMES = {"SYN", "FIN", "RST", "PSH", "ACK"};
    private static final String[] CACHE = new String[32];

    static {
        for (int f = 0; f < 32; f++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < ORDER.length; i++) {
                if ((f & ORDER[i]) != 0) {
                    if (sb.length() > 0) {
                        sb.append(',');
                    }
                    sb.append(NAMES[i]);
                }
            }
            CACHE[f] = sb.toString();
        }
    }

    private Flags() {
    }

    /** The set flags joined by "," in the order SYN,FIN,RST,PSH,ACK, e.g. {@code SYN,ACK}. */
    public static String format(int flags) {
        return CACHE[flags & 31];
    }

    /** Parses {@code SYN,ACK} / {@code syn+ack} / {@code SYN-ACK}; -1 when a word is not a flag. */
    public static int parse(String text) {
        int f = 0;
        for (String w : text.trim().toUpperCase(java.util.Locale.ROOT).split("[,+\\- ]+")) {
            if (w.isEmpty()) {
                continue;
            }
            int i = java.util.Arrays.asList(NAMES).indexOf(w);
            if (i < 0) {
                return -1;
            }
            f |= ORDER[i];
        }
        return f;
    }
}
