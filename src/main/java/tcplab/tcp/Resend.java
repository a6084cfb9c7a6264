package tcplab.tcp;

/**
 * Which timer sent a segment again. A retransmission by the retransmission timer (RFC 6298 §5,
 * Linux's tcp_retransmit_timer()) backs the RTO off; a tail-loss probe (RFC 8985 §7, Linux's
 * tcp_send_loss_probe()) goes out about two round trips after the last segment, before the RTO,
 * and leaves the RTO as it was. Telling them apart explains why a second retransmission can come
 * sooner than the doubled RTO.
 */
public enum Resend {
    /** Sent by the retransmission timer (its timeout: RTO). */
    RTO("rto"),
    /** Sent by the tail-loss probe timer (PTO): the last segment again, or new data. */
    TLP("tlp");

    private final String word;

    Resend(String word) {
        this.word = word;
    }

    /** The word in the JSON Lines trace. */
    public String word() {
        return word;
    }
}
