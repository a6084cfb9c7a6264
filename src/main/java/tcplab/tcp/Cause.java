package tcplab.tcp;

/**
 * Why a state changed: the event labels of RFC 9293 Figure 5, spelled exactly as the figure does,
 * plus the exits Figure 5 does not draw but §3.10 specifies (RST, timeouts, ABORT).
 */
public enum Cause {
    PASSIVE_OPEN("passive OPEN"),
    ACTIVE_OPEN("active OPEN"),
    SEND("SEND"),
    CLOSE("CLOSE"),
    ABORT("ABORT"),
    RCV_SYN("rcv SYN"),
    RCV_SYN_ACK("rcv SYN,ACK"),
    RCV_ACK_OF_SYN("rcv ACK of SYN"),
    RCV_ACK_OF_FIN("rcv ACK of FIN"),
    RCV_FIN("rcv FIN"),
    RCV_FIN_ACK_OF_FIN("rcv FIN,ACK of FIN"),
    RCV_RST("rcv RST"),
    TIMEOUT_2MSL("timeout 2MSL"),
    TIMEOUT_RETRANSMISSION("timeout retransmission"),
    /** RFC 9293 §3.10.8 USER TIMEOUT. */
    TIMEOUT_USER("timeout user"),
    /** Linux's tcp_fin_timeout: an orphaned FIN-WAIT-2 connection is dropped (ip-sysctl.rst). */
    TIMEOUT_FIN_WAIT_2("timeout FIN-WAIT-2"),
    /** A SYN cookie in the final ACK rebuilt the SYN-RECEIVED connection the listener never stored (RFC 4987 §3.6). */
    RCV_ACK_WITH_COOKIE("rcv ACK with SYN cookie"),
    /** The host lost its connection state (crash or restart) without sending anything. */
    HOST_RESTART("host restart");

    private final String label;

    Cause(String label) {
        this.label = label;
    }

    /** The Figure 5 wording, e.g. {@code rcv SYN,ACK}. */
    public String label() {
        return label;
    }
}
