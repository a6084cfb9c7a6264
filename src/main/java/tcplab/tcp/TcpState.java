package tcplab.tcp;

/**
 * The eleven connection states of RFC 9293 §3.3.2 (Figure 5).
 *
 * <p>The constant names are the underscore spellings used in traces, jsonl output and quizzes;
 * {@link #rfcName()} gives the RFC's hyphenated spelling. How each tool prints a state
 * ({@code SYN_RECV}, {@code ESTAB}, {@code LISTENING}, ...) lives with the netstat dialects.
 */
public enum TcpState {
    CLOSED("CLOSED"),
    LISTEN("LISTEN"),
    SYN_SENT("SYN-SENT"),
    SYN_RECEIVED("SYN-RECEIVED"),
    ESTABLISHED("ESTABLISHED"),
    FIN_WAIT_1("FIN-WAIT-1"),
    FIN_WAIT_2("FIN-WAIT-2"),
    CLOSE_WAIT("CLOSE-WAIT"),
    CLOSING("CLOSING"),
    LAST_ACK("LAST-ACK"),
    TIME_WAIT("TIME-WAIT");

    private final String rfcName;

    TcpState(String rfcName) {
        this.rfcName = rfcName;
    }

    /** The spelling of RFC 9293, e.g. {@code SYN-RECEIVED}. */
    public String rfcName() {
        return rfcName;
    }

    /**
     * True once both sides' initial sequence numbers are known (RFC 9293 §3.10.7.4 "synchronized
     * states"): ESTABLISHED and every state after it.
     */
    public boolean isSynchronized() {
        return ordinal() >= ESTABLISHED.ordinal();
    }

    /** True in the states after the local user has called CLOSE (no more SENDs accepted). */
    public boolean isLocallyClosed() {
        return this == FIN_WAIT_1 || this == FIN_WAIT_2 || this == CLOSING || this == LAST_ACK || this == TIME_WAIT;
    }
}
