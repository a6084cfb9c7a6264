package tcplab.netstat;

/** The two transport protocols netstat and ss list; anything else (raw, unix...) is not a row. */
public enum Proto {
    TCP, UDP;

    /** {@code tcp} / {@code udp}: the spelling of the jsonl output. */
    public String jsonName() {
        return this == TCP ? "tcp" : "udp";
    }
}
