package tcplab.sim;

/**
 * What the application on one connection does by itself, reacting to what TCP tells it.
 *
 * @param requestBytes       send this many octets once connected (0: nothing)
 * @param requestLabel       what those octets say, for display
 * @param replyBytes         answer each complete request (data with PSH) with this many octets (0: never)
 * @param replyLabel         what the reply says
 * @param closeAfterEofMs    close this long after reading end-of-stream (-1: never — a CLOSE_WAIT leak)
 * @param closeAfterMs       close this long after the connection is established or accepted (-1: never)
 * @param readAfterMs        when the application starts reading: 0 at once (every read as data
 *                           arrives), N ms after the connection is established or accepted (what
 *                           came before waits in the receive queue, then it reads at once), or
 *                           {@link #NEVER_READS} (-1): it never reads, so a close() with data
 *                           waiting sends RST
 */
public record AppBehavior(int requestBytes, String requestLabel, int replyBytes, String replyLabel,
                          double closeAfterEofMs, double closeAfterMs, double readAfterMs) {

    /** {@link #readAfterMs} of an application that never reads. */
    public static final double NEVER_READS = -1;

    /** Does nothing by itself: only timed actions act on the connection. */
    public static final AppBehavior PASSIVE = new AppBehavior(0, null, 0, null, -1, -1, 0);

    public AppBehavior(int requestBytes, String requestLabel, int replyBytes, String replyLabel,
                       double closeAfterEofMs, double closeAfterMs) {
        this(requestBytes, requestLabel, replyBytes, replyLabel, closeAfterEofMs, closeAfterMs, 0);
    }

    public AppBehavior withCloseAfterEofMs(double ms) {
        return new AppBehavior(requestBytes, requestLabel, replyBytes, replyLabel, ms, closeAfterMs, readAfterMs);
    }

    public AppBehavior withCloseAfterMs(double ms) {
        return new AppBehavior(requestBytes, requestLabel, replyBytes, replyLabel, closeAfterEofMs, ms, readAfterMs);
    }

    public AppBehavior withReadAfterMs(double ms) {
        return new AppBehavior(requestBytes, requestLabel, replyBytes, replyLabel, closeAfterEofMs, closeAfterMs, ms);
    }

    /** Whether the application reads data as it arrives from the start. */
    public boolean readsAtOnce() {
        return readAfterMs == 0;
    }
}
