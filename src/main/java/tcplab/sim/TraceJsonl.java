package tcplab.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import tcplab.sim.TraceEvent.AppEvent;
import tcplab.sim.TraceEvent.SegmentEvent;
import tcplab.sim.TraceEvent.StateChange;
import tcplab.tcp.Endpoint;
import tcplab.tcp.Segment;
import tcplab.tcp.Seq;

/**
 * Writes trace events as JSON Lines, one object per event, as they happen. The field names and
 * order of the three shapes are a public format (README): {@code t_ms, type, host, ...}.
 */
public final class TraceJsonl implements TraceSink, AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final JsonGenerator g;
    private long written;

    public TraceJsonl(Writer out) {
        try {
            g = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.setRootValueSeparator(new SerializedString("\n"));
    }

    @Override
    public void accept(TraceEvent e) {
        try {
            written++;
            g.writeStartObject();
            g.writeNumberField("t_ms", e.timeMs());
            if (e instanceof StateChange s) {
                g.writeStringField("type", "state");
                g.writeStringField("host", s.host());
                g.writeStringField("local", s.local().toString());
                g.writeStringField("remote", s.remote() == null ? "*" : s.remote().toString());
                g.writeStringField("from", s.from().name());
                g.writeStringField("to", s.to().name());
                g.writeStringField("cause", s.cause().label());
                g.writeNumberField("socket", s.socketId());
            } else if (e instanceof SegmentEvent s) {
                Segment seg = s.segment();
                g.writeStringField("type", "segment");
                g.writeStringField("event", s.action().word());
                g.writeStringField("host", s.host());
                g.writeStringField("src", seg.src().toString());
                g.writeStringField("dst", seg.dst().toString());
                g.writeStringField("flags", seg.flagText());
                g.writeNumberField("seq", Seq.unsigned(seg.seq()));
                g.writeNumberField("ack", Seq.unsigned(seg.ack()));
                g.writeNumberField("len", seg.len());
                g.writeNumberField("id", s.id());
                if (s.resend() != null) {
                    g.writeStringField("resend", s.resend().word());
                }
                g.writeNumberField("window", seg.window());
                if (seg.mss() > 0) {
                    g.writeNumberField("mss", seg.mss());
                }
                if (seg.data() != null) {
                    g.writeStringField("data", seg.data());
                }
                if (s.reason() != null) {
                    g.writeStringField("reason", s.reason().word());
                }
                if (s.detail() != null) {
                    g.writeStringField("detail", s.detail());
                }
            } else if (e instanceof AppEvent a) {
                g.writeStringField("type", "app");
                g.writeStringField("host", a.host());
                g.writeStringField("call", a.call());
                g.writeStringField("result", a.result());
                writeEndpoint("local", a.local());
                writeEndpoint("remote", a.remote());
                if (a.call().equals("read") && a.value() > 0) {
                    g.writeNumberField("bytes", a.value());
                } else if (a.call().equals("listen") && a.value() > 0) {
                    g.writeNumberField("backlog", a.value());
                }
                if (a.data() != null) {
                    g.writeStringField("data", a.data());
                }
                if (a.socketId() > 0) {
                    g.writeNumberField("socket", a.socketId());
                }
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void writeEndpoint(String field, Endpoint ep) throws IOException {
        if (ep != null) {
            g.writeStringField(field, ep.toString());
        }
    }

    /** Ends the last line and flushes. */
    @Override
    public void close() {
        try {
            if (written > 0) {
                g.writeRaw('\n');
            }
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
