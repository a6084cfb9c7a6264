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
 */
public record AppBehavior(int requestBytes, String requestLabel, int replyBytes, String replyLabel,
                          double closeAfterEofMs, double closeAfterMs) {

    /** Does nothing by itself: only timed actions act on the connection. */
    public static final AppBehavior PASSIVE = new AppBehavior(0, null, 0, null, -1, -1);

    public AppBehavior withCloseAfterEofMs(double ms) {
        return new AppBehavior(requestBytes, requestLabel, replyBytes, replyLabel, ms, closeAfterMs);
    }

    public AppBehavior withCloseAfterMs(double ms) {
        return new AppBehavior(requestBytes, requestLabel, replyBytes, replyLabel, closeAfterEofMs, ms);
    }
}
