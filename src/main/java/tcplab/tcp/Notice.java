package tcplab.tcp;

/** What the endpoint tells its user (the application), RFC 9293 §3.9.1 and §3.10. */
public enum Notice {
    /** The connection reached ESTABLISHED: connect() returns, or a passive child is ready for accept(). */
    CONNECTED,
    /** A RST answered our SYN: "connection refused" (ECONNREFUSED). */
    REFUSED,
    /** Retransmissions ran out (ETIMEDOUT). */
    TIMED_OUT,
    /** The user timeout expired (RFC 9293 §3.10.8; Linux reports ETIMEDOUT too). */
    USER_TIMED_OUT,
    /** The peer reset the connection (ECONNRESET). */
    RESET,
    /** In-order data arrived and was handed to the application. */
    DATA,
    /** The peer's FIN arrived: read() returns end-of-stream. */
    EOF,
    /** The TCB was deleted: the connection is CLOSED and gone. */
    DELETED
}
