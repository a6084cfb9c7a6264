package tcplab.netstat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes one JSON object per input line, then the summary (the {@code explain --format jsonl}
 * output). Streaming: nothing is kept per line.
 *
 * <p>Socket objects: {@code line, kind, dialect, proto, family, local_address, local_port,
 * local_service, foreign_address, foreign_port, state, state_raw, pid, program, explanation},
 * plus {@code dual_stack, recv_q, send_q, foreign_service, service} and, when the tool printed
 * something else than the canonical value, {@code local_port_raw, foreign_port_raw,
 * local_address_raw, foreign_address_raw}. {@code recv_q} and {@code send_q} are the numbers
 * the tool printed (ss: a LISTEN row's Send-Q is its backlog).
 *
 * <p>The JSON is written by hand into a UTF-8 byte buffer ({@link JsonBytes}) with the field
 * names pre-encoded, and a socket's explanation is rendered by the {@link Explainer} straight
 * into that buffer: a million-row table makes about a gigabyte of jsonl, and this is what keeps
 * it fast. The bytes are the ones jackson-core's generator wrote before (same field order, same
 * escaping).
 */
public final class JsonlWriter implements AutoCloseable {
    private final JsonBytes out;
    private final Services services = Services.get();

    /** Writes to a byte stream (stdout, a file): UTF-8, the fast path. */
    public JsonlWriter(OutputStream out) {
        this.out = new JsonBytes(out);
    }

    /** Writes to a character stream (tests, a PrintWriter). */
    public JsonlWriter(Writer out) {
        this.out = new JsonBytes(out);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] LINE = b("{\"line\":");
    private static final byte[] KIND = b(",\"kind\":");
    private static final byte[] DIALECT = b(",\"dialect\":");
    private static final byte[] TEXT = b(",\"text\":");
    private static final byte[] ATTACHES_TO = b(",\"attaches_to\":");
    private static final byte[] PROGRAM = b(",\"program\":");
    private static final byte[] SERVICE = b(",\"service\":");
    private static final byte[] CODE = b(",\"code\":");
    private static final byte[] REASON = b(",\"reason\":");
    private static final byte[] REASON_CODE = b(",\"reason_code\":");
    private static final byte[] EXPLANATION = b(",\"explanation\":\"");
    private static final byte[] STATE = b(",\"state\":");
    private static final byte[] STATE_RAW = b(",\"state_raw\":");
    private static final byte[] PID = b(",\"pid\":");
    private static final byte[] RECV_Q = b(",\"recv_q\":");
    private static final byte[] SEND_Q = b(",\"send_q\":");
    private static final byte[] LOCAL_PORT_RAW = b(",\"local_port_raw\":");
    private static final byte[] FOREIGN_PORT_RAW = b(",\"foreign_port_raw\":");
    private static final byte[] LOCAL_ADDRESS_RAW = b(",\"local_address_raw\":");
    private static final byte[] FOREIGN_ADDRESS_RAW = b(",\"foreign_address_raw\":");
    private static final byte[] TIMER = b(",\"timer\":");
    private static final byte[] UID = b(",\"uid\":");
    private static final byte[] INODE = b(",\"inode\":");
    private static final byte[] SK_COOKIE = b(",\"sk_cookie\":");
    private static final byte[] SHUTDOWN = b(",\"shutdown\":");
    private static final byte[] LOCAL_TRUNCATED = b(",\"local_truncated\":true");
    private static final byte[] FOREIGN_TRUNCATED = b(",\"foreign_truncated\":true");
    private static final byte[] NULL = b("null");
    private static final byte[] END = b("\"}");
    /** {@code "name"} of each state and dialect, pre-encoded. */
    private static final byte[][] STATE_NAMES;
    private static final byte[][] DIALECT_NAMES;

    static {
        tcplab.tcp.TcpState[] states = tcplab.tcp.TcpState.values();
        STATE_NAMES = new byte[states.length][];
        for (tcplab.tcp.TcpState s : states) {
            STATE_NAMES[s.ordinal()] = b("\"" + s.name() + "\"");
        }
        Dialect[] ds = Dialect.values();
        DIALECT_NAMES = new byte[ds.length][];
        for (Dialect d : ds) {
            DIALECT_NAMES[d.ordinal()] = b("\"" + d.cliName() + "\"");
        }
    }

    /**
     * Writes the object of one line, explained by {@code explainer} (which counts it: call once
     * per line, in order, as {@link Explainer#explain}).
     */
    public void write(ParsedLine line, Explainer explainer) throws IOException {
        if (line instanceof ParsedLine.Socket s) {
            start(line);
            socket(s);
            out.raw(EXPLANATION);
            explainer.explainSocket(s, out);
            out.raw(END);
            out.endLine();
        } else {
            String reason = line instanceof ParsedLine.Unrecognised u ? explainer.reason(u) : null;
            write(line, explainer.explain(line), reason);
        }
    }

    /**
     * Writes the object of one non-socket line with its explanation (null for none) and, for an
     * unrecognised line, the reason in the explainer's language.
     */
    private void write(ParsedLine line, String explanation, String reason) throws IOException {
        start(line);
        out.raw(KIND);
        out.quoted(line.kind());
        if (line instanceof ParsedLine.Header h) {
            dialect(h.dialect());
            out.raw(TEXT);
            out.quoted(h.text());
        } else if (line instanceof ParsedLine.Program p) {
            dialect(p.dialect());
            out.raw(ATTACHES_TO);
            out.num(p.attachesTo());
            if (p.program() != null) {
                out.raw(PROGRAM);
                out.quoted(p.program());
            }
            if (p.service() != null) {
                out.raw(SERVICE);
                out.quoted(p.service());
            }
        } else if (line instanceof ParsedLine.Notice n) {
            dialect(n.dialect());
            out.raw(CODE);
            out.quoted(n.code().name());
            out.raw(TEXT);
            out.quoted(n.text());
            if (n.attachesTo() > 0) {
                out.raw(ATTACHES_TO);
                out.num(n.attachesTo());
            }
        } else if (line instanceof ParsedLine.Detail d) {
            dialect(d.dialect());
            out.raw(ATTACHES_TO);
            out.num(d.attachesTo());
            out.raw(TEXT);
            out.quoted(d.text());
        } else if (line instanceof ParsedLine.Unrecognised u) {
            out.raw(REASON_CODE);
            out.quoted(u.why().name());
            out.raw(REASON);
            out.quoted(reason);
            out.raw(TEXT);
            out.quoted(u.excerpt());
        }
        if (explanation != null) {
            out.raw(EXPLANATION);
            out.str(explanation);
            out.raw((byte) '"');
        }
        out.raw((byte) '}');
        out.endLine();
    }

    private void start(ParsedLine line) {
        out.raw(LINE);
        out.num(line.line());
    }

    private void dialect(Dialect d) {
        out.raw(DIALECT);
        if (d == null) {
            out.raw(NULL);
        } else {
            out.raw(DIALECT_NAMES[d.ordinal()]);
        }
    }

    /*
     * The fields of a socket object. Most of an object is the same from row to row: the runs of
     * field names and values between the row's own values (addresses, ports, numbers) are
     * pre-encoded as single byte arrays, chosen by small keys (dialect, family, port, state), so
     * that a row is about fifteen copies instead of forty. The bytes are exactly those of one field
     * at a time.
     */

    /** {@code ,"kind":"socket","dialect":D,"proto":P,"family":F,"dual_stack":B,"local_address":"}, by key. */
    private final byte[][] heads = new byte[(DIALECTS + 1) * PROTOS * FAMILIES * 2][];
    /** Sizes of the enums, read once: {@code values()} copies its array at every call. */
    private static final int DIALECTS = Dialect.values().length;
    private static final int PROTOS = Proto.values().length;
    private static final int FAMILIES = Family.values().length;
    private static final byte[] PORT_AFTER_ADDRESS = b("\",\"local_port\":");
    private static final byte[] FOREIGN_PORT_AFTER_ADDRESS = b("\",\"foreign_port\":");
    /** {@code ,"local_service":S,"foreign_address":"} by protocol and port (S null: index 65536). */
    private final byte[][][] localServices = new byte[PROTOS][][];
    /** {@code ,"foreign_service":S} by protocol and port. */
    private final byte[][][] foreignServices = new byte[PROTOS][][];
    /** {@code ,"state":S,"state_raw":S,"pid":}: the state as the tool printed it (null: UDP). */
    private static final byte[][] STATE_AS_PRINTED;
    private static final byte[] NO_STATE = b(",\"state\":null,\"state_raw\":null,\"pid\":");
    private static final byte[] NO_OWNER = b("null,\"program\":null");

    static {
        tcplab.tcp.TcpState[] states = tcplab.tcp.TcpState.values();
        STATE_AS_PRINTED = new byte[states.length][];
        for (tcplab.tcp.TcpState st : states) {
            String q = "\"" + st.name() + "\"";
            STATE_AS_PRINTED[st.ordinal()] = b(",\"state\":" + q + ",\"state_raw\":" + q + ",\"pid\":");
        }
    }

    private byte[] head(Dialect d, Proto proto, Family family, boolean dual) {
        int k = (((d == null ? DIALECTS : d.ordinal()) * PROTOS + proto.ordinal()) * FAMILIES + family.ordinal()) * 2
                + (dual ? 1 : 0);
        byte[] h = heads[k];
        if (h == null) {
            h = b(",\"kind\":\"socket\",\"dialect\":" + (d == null ? "null" : "\"" + d.cliName() + "\"")
                    + ",\"proto\":\"" + (proto == Proto.TCP ? "tcp" : "udp") + "\",\"family\":\""
                    + family.jsonName() + "\",\"dual_stack\":" + dual + ",\"local_address\":\"");
            heads[k] = h;
        }
        return h;
    }

    /** {@code before + S + after}, S the quoted name of the service on the port or null; cached. */
    private byte[] servicePiece(byte[][][] cache, Proto proto, Integer port, String before, String after) {
        byte[][] byPort = cache[proto.ordinal()];
        if (byPort == null) {
            byPort = new byte[65537][];
            cache[proto.ordinal()] = byPort;
        }
        Services.Service svc = port == null ? null : services.byPort(proto, port);
        int k = svc == null ? 65536 : port;
        byte[] piece = byPort[k];
        if (piece == null) {
            String name = svc == null ? "null"
                    : "\"" + new String(JsonBytes.escape(svc.name()), StandardCharsets.UTF_8) + "\"";
            piece = b(before + name + after);
            byPort[k] = piece;
        }
        return piece;
    }

    private void socket(ParsedLine.Socket s) {
        SocketRow r = s.row();
        ParsedLine.RawFields raw = s.raw();
        Proto proto = r.proto();
        out.raw(head(s.dialect(), proto, r.family(), r.dualStack()));
        out.strMemo(r.local().address());
        out.raw(PORT_AFTER_ADDRESS);
        port(r.local().port());
        out.raw(servicePiece(localServices, proto, r.local().port(), ",\"local_service\":",
                ",\"foreign_address\":\""));
        out.strMemo(r.foreign().address());
        out.raw(FOREIGN_PORT_AFTER_ADDRESS);
        port(r.foreign().port());
        out.raw(servicePiece(foreignServices, proto, r.foreign().port(), ",\"foreign_service\":", ""));
        if (r.state() == null) {
            if (raw.state() == null) {
                out.raw(NO_STATE);
            } else {
                out.raw(STATE);
                out.raw(NULL);
                out.raw(STATE_RAW);
                out.quoted(raw.state());
                out.raw(PID);
            }
        } else if (raw.state() == null) {
            out.raw(STATE_AS_PRINTED[r.state().ordinal()]);
        } else {
            out.raw(STATE);
            out.raw(STATE_NAMES[r.state().ordinal()]);
            out.raw(STATE_RAW);
            out.quoted(raw.state());
            out.raw(PID);
        }
        if (r.pid() == null && r.program() == null) {
            out.raw(NO_OWNER);
        } else {
            if (r.pid() == null) {
                out.raw(NULL);
            } else {
                out.num(r.pid());
            }
            out.raw(PROGRAM);
            out.quoted(r.program());
        }
        if (r.service() != null) {
            out.raw(SERVICE);
            out.quoted(r.service());
        }
        if (r.recvQ() != null) {
            out.raw(RECV_Q);
            out.num(r.recvQ());
        }
        // send_q is the number the tool printed in its Send-Q column: ss prints a listener's
        // backlog there, which the parser keeps as the row's backlog, not as a send queue.
        Long sendQ = r.sendQ() != null ? r.sendQ() : r.backlog();
        if (sendQ != null) {
            out.raw(SEND_Q);
            out.num(sendQ);
        }
        if (raw.localPort() != null) {
            out.raw(LOCAL_PORT_RAW);
            out.quoted(raw.localPort());
        }
        if (raw.foreignPort() != null) {
            out.raw(FOREIGN_PORT_RAW);
            out.quoted(raw.foreignPort());
        }
        if (raw.localHost() != null) {
            out.raw(LOCAL_ADDRESS_RAW);
            out.quoted(raw.localHost());
        }
        if (raw.foreignHost() != null) {
            out.raw(FOREIGN_ADDRESS_RAW);
            out.quoted(raw.foreignHost());
        }
        if (raw.timer() != null) {
            out.raw(TIMER);
            out.quoted(raw.timer());
        }
        SocketDetails d = raw.details();
        if (d != null) {
            if (d.uid() != null) {
                out.raw(UID);
                out.num(d.uid());
            }
            if (d.inode() != null) {
                out.raw(INODE);
                out.num(d.inode());
            }
            if (d.cookie() != null) {
                out.raw(SK_COOKIE);
                out.quoted(d.cookie());
            }
            if (d.shutdown() != null) {
                out.raw(SHUTDOWN);
                out.quoted(d.shutdown());
            }
        }
        if (raw.localTruncated()) {
            out.raw(LOCAL_TRUNCATED);
        }
        if (raw.foreignTruncated()) {
            out.raw(FOREIGN_TRUNCATED);
        }
    }

    private void port(Integer port) {
        if (port == null) {
            out.raw(NULL);
        } else {
            out.num(port);
        }
    }

    private static final byte[] SUMMARY = b("{\"kind\":\"summary\",\"lines\":");

    /** Writes the last line: counts and warnings. */
    public void summary(Explainer.Summary s) throws IOException {
        out.raw(SUMMARY);
        out.num(s.lines());
        out.raw(b(",\"sockets\":"));
        out.num(s.sockets());
        out.raw(b(",\"unrecognised\":"));
        out.num(s.unrecognised());
        out.raw(b(",\"udp_sockets\":"));
        out.num(s.udpSockets());
        out.raw(b(",\"by_state\":{"));
        boolean first = true;
        for (Map.Entry<String, Long> e : s.byState().entrySet()) {
            if (!first) {
                out.raw((byte) ',');
            }
            first = false;
            out.quoted(e.getKey());
            out.raw((byte) ':');
            out.num(e.getValue());
        }
        out.raw(b("},\"warnings\":["));
        first = true;
        for (Warning w : s.warnings()) {
            if (!first) {
                out.raw((byte) ',');
            }
            first = false;
            out.raw(b("{\"code\":"));
            out.quoted(w.code().name());
            out.raw(b(",\"severity\":"));
            out.quoted(w.severity().jsonName());
            out.raw(b(",\"evidence\":"));
            out.quoted(w.evidence());
            out.raw(b(",\"message\":"));
            out.quoted(w.message());
            out.raw((byte) '}');
        }
        out.raw(b("]}"));
        out.endLine();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
