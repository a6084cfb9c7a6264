package tcplab.tcp;

/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4).
 *
 * <p>Sequence numbers are Java {@code int}s whose overflow is exactly the wrap-around of the
 * 32-bit sequence space. Comparisons use the sign of the difference, which is correct as long as
 * the two numbers are less than 2^31 apart — always true within one connection's windows.
 */
public final class Seq {
    private Seq() {
    }

    /** a < b in sequence space. */
    public static boolean lt(int a, int b) {
        return a - b < 0;
    }

    /** a =< b in sequence space. */
    public static boolean le(int a, int b) {
        return a - b <= 0;
    }

    public static boolean gt(int a, int b) {
        return a - b > 0;
    }

    public static boolean ge(int a, int b) {
        return a - b >= 0;
    }

    /** lo =< x < hi in sequence space (an empty range when lo == hi). */
    public static boolean inRange(int x, int lo, int hi) {
        return le(lo, x) && lt(x, hi);
    }

    /** The sequence number as the unsigned 32-bit value printed on the wire and in traces. */
    public static long unsigned(int seq) {
        return Integer.toUnsignedLong(seq);
    }
}
