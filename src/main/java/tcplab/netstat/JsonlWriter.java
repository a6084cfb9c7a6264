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
 * local_address_raw, foreign_address_raw}.
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
    private static final byte[] KIND_SOCKET = b(",\"kind\":\"socket\"");
    private static final byte[] KIND = b(",\"kind\":");
    private static final byte[] DIALECT = b(",\"dialect\":");
    private static final byte[] TEXT = b(",\"text\":");
    private static final byte[] ATTACHES_TO = b(",\"attaches_to\":");
    private static final byte[] PROGRAM = b(",\"program\":");
    private static final byte[] SERVICE = b(",\"service\":");
    private static final byte[] CODE = b(",\"code\":");
    private static final byte[] REASON = b(",\"reason\":");
    private static final byte[] EXPLANATION = b(",\"explanation\":\"");
    private static final byte[] PROTO_TCP = b(",\"proto\":\"tcp\"");
    private static final byte[] PROTO_UDP = b(",\"proto\":\"udp\"");
    private static final byte[] FAMILY = b(",\"family\":");
    private static final byte[] DUAL_TRUE = b(",\"dual_stack\":true");
    private static final byte[] DUAL_FALSE = b(",\"dual_stack\":false");
    private static final byte[] LOCAL_ADDRESS = b(",\"local_address\":");
    private static final byte[] LOCAL_PORT = b(",\"local_port\":");
    private static final byte[] LOCAL_SERVICE = b(",\"local_service\":");
    private static final byte[] FOREIGN_ADDRESS = b(",\"foreign_address\":");
    private static final byte[] FOREIGN_PORT = b(",\"foreign_port\":");
    private static final byte[] FOREIGN_SERVICE = b(",\"foreign_service\":");
    private static final byte[] STATE = b(",\"state\":");
    private static final byte[] STATE_RAW = b(",\"state_raw\":");
    private static final byte[] PID = b(",\"pid\":");
    private static final byte[] RECV_Q = b(",\"recv_q\":");
    private static final byte[] SEND_Q = b(",\"send_q\":");
    private static final byte[] LOCAL_PORT_RAW = b(",\"local_port_raw\":");
    private static final byte[] FOREIGN_PORT_RAW = b(",\"foreign_port_raw\":");
    private static final byte[] LOCAL_ADDRESS_RAW = b(",\"local_address_raw\":");
    private static final byte[] FOREIGN_ADDRESS_RAW = b(",\"foreign_address_raw\":");
    private static final byte[] NULL = b("null");
    private static final byte[] END = b("\"}");
    /** {@code "name"} of each state and dialect, pre-encoded. */
    private static final byte[][] STATE_NAMES;
    private static final byte[][] DIALECT_NAMES;
    private static final byte[] IPV4 = b("\"" + Family.IPV4.jsonName() + "\"");
    private static final byte[] IPV6 = b("\"" + Family.IPV6.jsonName() + "\"");

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
            out.raw(KIND_SOCKET);
            socket(s);
            out.raw(EXPLANATION);
            explainer.explainSocket(s, out);
            out.raw(END);
            out.endLine();
        } else {
            write(line, explainer.explain(line));
        }
    }

    /** Writes the object of one line with its explanation (null for none). */
    public void write(ParsedLine line, String explanation) throws IOException {
        start(line);
        out.raw(KIND);
        out.quoted(line.kind());
        if (line instanceof ParsedLine.Socket s) {
            socket(s);
        } else if (line instanceof ParsedLine.Header h) {
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
        } else if (line instanceof ParsedLine.Unrecognised u) {
            out.raw(REASON);
            out.quoted(u.reason());
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

    private void socket(ParsedLine.Socket s) {
        SocketRow r = s.row();
        ParsedLine.RawFields raw = s.raw();
        dialect(s.dialect());
        out.raw(r.proto() == Proto.TCP ? PROTO_TCP : PROTO_UDP);
        out.raw(FAMILY);
        if (r.family() == Family.IPV4) {
            out.raw(IPV4);
        } else if (r.family() == Family.IPV6) {
            out.raw(IPV6);
        } else {
            out.quoted(r.family().jsonName());
        }
        out.raw(r.dualStack() ? DUAL_TRUE : DUAL_FALSE);
        out.raw(LOCAL_ADDRESS);
        quotedMemo(r.local().address());
        out.raw(LOCAL_PORT);
        port(r.local().port());
        out.raw(LOCAL_SERVICE);
        service(r.proto(), r.local().port());
        out.raw(FOREIGN_ADDRESS);
        quotedMemo(r.foreign().address());
        out.raw(FOREIGN_PORT);
        port(r.foreign().port());
        out.raw(FOREIGN_SERVICE);
        service(r.proto(), r.foreign().port());
        out.raw(STATE);
        if (r.state() == null) {
            out.raw(NULL);
        } else {
            out.raw(STATE_NAMES[r.state().ordinal()]);
        }
        out.raw(STATE_RAW);
        if (raw.state() != null) {
            out.quoted(raw.state());
        } else if (r.state() != null) {
            out.raw(STATE_NAMES[r.state().ordinal()]);
        } else {
            out.raw(NULL);
        }
        out.raw(PID);
        if (r.pid() == null) {
            out.raw(NULL);
        } else {
            out.num(r.pid());
        }
        out.raw(PROGRAM);
        out.quoted(r.program());
        if (r.service() != null) {
            out.raw(SERVICE);
            out.quoted(r.service());
        }
        if (r.recvQ() != null) {
            out.raw(RECV_Q);
            out.num(r.recvQ());
        }
        if (r.sendQ() != null) {
            out.raw(SEND_Q);
            out.num(r.sendQ());
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
    }

    private void quotedMemo(String s) {
        out.raw((byte) '"');
        out.strMemo(s);
        out.raw((byte) '"');
    }

    private void port(Integer port) {
        if (port == null) {
            out.raw(NULL);
        } else {
            out.num(port);
        }
    }

    /** {@code "name"} of the service on each port, per protocol, encoded once. */
    private final byte[][][] serviceNames = new byte[Proto.values().length][][];

    private void service(Proto proto, Integer port) {
        Services.Service svc = port == null ? null : services.byPort(proto, port);
        if (svc == null) {
            out.raw(NULL);
            return;
        }
        byte[][] names = serviceNames[proto.ordinal()];
        if (names == null) {
            names = new byte[65536][];
            serviceNames[proto.ordinal()] = names;
        }
        byte[] b = names[port];
        if (b == null) {
            b = ("\"" + new String(JsonBytes.escape(svc.name()), StandardCharsets.UTF_8) + "\"").getBytes(StandardCharsets.UTF_8);
            names[port] = b;
        }
        out.raw(b);
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
