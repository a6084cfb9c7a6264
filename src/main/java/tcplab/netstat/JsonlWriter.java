package tcplab.netstat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * Writes one JSON object per input line, then the summary (the {@code explain --format jsonl}
 * output). Streaming with jackson-core's {@link JsonGenerator}: nothing is kept per line.
 *
 * <p>Socket objects: {@code line, kind, dialect, proto, family, local_address, local_port,
 * local_service, foreign_address, foreign_port, state, state_raw, pid, program, explanation},
 * plus {@code dual_stack, recv_q, send_q, foreign_service, service} and, when the tool printed
 * something else than the canonical value, {@code local_port_raw, foreign_port_raw,
 * local_address_raw, foreign_address_raw}.
 */
public final class JsonlWriter implements AutoCloseable {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonGenerator g;
    private final Services services = Services.get();

    public JsonlWriter(Writer out) throws IOException {
        this.g = FACTORY.createGenerator(out);
        // One object per line: no pretty printer, a newline after each root value.
        g.setRootValueSeparator(null);
    }

    /** Writes the object of one line with its explanation (null for none). */
    public void write(ParsedLine line, String explanation) throws IOException {
        g.writeStartObject();
        g.writeNumberField("line", line.line());
        g.writeStringField("kind", line.kind());
        if (line instanceof ParsedLine.Socket s) {
            socket(s);
        } else if (line instanceof ParsedLine.Header h) {
            dialect(h.dialect());
            g.writeStringField("text", h.text());
        } else if (line instanceof ParsedLine.Program p) {
            dialect(p.dialect());
            g.writeNumberField("attaches_to", p.attachesTo());
            if (p.program() != null) {
                g.writeStringField("program", p.program());
            }
            if (p.service() != null) {
                g.writeStringField("service", p.service());
            }
        } else if (line instanceof ParsedLine.Notice n) {
            dialect(n.dialect());
            g.writeStringField("code", n.code().name());
            g.writeStringField("text", n.text());
            if (n.attachesTo() > 0) {
                g.writeNumberField("attaches_to", n.attachesTo());
            }
        } else if (line instanceof ParsedLine.Unrecognised u) {
            g.writeStringField("reason", u.reason());
            g.writeStringField("text", u.excerpt());
        }
        if (explanation != null) {
            g.writeStringField("explanation", explanation);
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private void dialect(Dialect d) throws IOException {
        if (d == null) {
            g.writeNullField("dialect");
        } else {
            g.writeStringField("dialect", d.cliName());
        }
    }

    private void socket(ParsedLine.Socket s) throws IOException {
        SocketRow r = s.row();
        ParsedLine.RawFields raw = s.raw();
        dialect(s.dialect());
        g.writeStringField("proto", r.proto().jsonName());
        g.writeStringField("family", r.family().jsonName());
        g.writeBooleanField("dual_stack", r.dualStack());
        g.writeStringField("local_address", r.local().address());
        port("local_port", r.local().port());
        service("local_service", r.proto(), r.local().port());
        g.writeStringField("foreign_address", r.foreign().address());
        port("foreign_port", r.foreign().port());
        service("foreign_service", r.proto(), r.foreign().port());
        if (r.state() == null) {
            g.writeNullField("state");
        } else {
            g.writeStringField("state", r.state().name());
        }
        String stateRaw = raw.state() != null ? raw.state() : r.state() != null ? r.state().name() : null;
        if (stateRaw == null) {
            g.writeNullField("state_raw");
        } else {
            g.writeStringField("state_raw", stateRaw);
        }
        if (r.pid() == null) {
            g.writeNullField("pid");
        } else {
            g.writeNumberField("pid", r.pid());
        }
        if (r.program() == null) {
            g.writeNullField("program");
        } else {
            g.writeStringField("program", r.program());
        }
        if (r.service() != null) {
            g.writeStringField("service", r.service());
        }
        if (r.recvQ() != null) {
            g.writeNumberField("recv_q", r.recvQ());
        }
        if (r.sendQ() != null) {
            g.writeNumberField("send_q", r.sendQ());
        }
        if (raw.localPort() != null) {
            g.writeStringField("local_port_raw", raw.localPort());
        }
        if (raw.foreignPort() != null) {
            g.writeStringField("foreign_port_raw", raw.foreignPort());
        }
        if (raw.localHost() != null) {
            g.writeStringField("local_address_raw", raw.localHost());
        }
        if (raw.foreignHost() != null) {
            g.writeStringField("foreign_address_raw", raw.foreignHost());
        }
    }

    private void port(String field, Integer port) throws IOException {
        if (port == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, port);
        }
    }

    private void service(String field, Proto proto, Integer port) throws IOException {
        Services.Service svc = port == null ? null : services.byPort(proto, port);
        if (svc == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, svc.name());
        }
    }

    /** Writes the last line: counts and warnings. */
    public void summary(Explainer.Summary s) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", "summary");
        g.writeNumberField("lines", s.lines());
        g.writeNumberField("sockets", s.sockets());
        g.writeNumberField("unrecognised", s.unrecognised());
        g.writeNumberField("udp_sockets", s.udpSockets());
        g.writeObjectFieldStart("by_state");
        for (Map.Entry<String, Long> e : s.byState().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("warnings");
        for (Warning w : s.warnings()) {
            g.writeStartObject();
            g.writeStringField("code", w.code().name());
            g.writeStringField("severity", w.severity().jsonName());
            g.writeStringField("evidence", w.evidence());
            g.writeStringField("message", w.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    @Override
    public void close() throws IOException {
        g.flush();
    }
}
