package tcplab.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;

/** {@code tcplab capture}'s output: a text report per connection, or JSON Lines (documented in the README). */
public final class CaptureReport {
    private static final JsonFactory FACTORY = new JsonFactory();

    private CaptureReport() {
    }

    private static String ms(long nanos, long origin) {
        return String.format(Locale.ROOT, "%.3f", (nanos - origin) / 1e6);
    }

    private static long origin(CaptureAnalysis a) {
        return a.connections().stream().mapToLong(Connection::firstNanos).min().orElse(0);
    }

    private static String end(Texts t, int e) {
        return t.get(e == 0 ? "end.client" : "end.server");
    }

    public static void text(CaptureAnalysis a, String file, Lang lang, PrintWriter out) {
        Texts t = Texts.of(CaptureProblem.BUNDLE, lang);
        long origin = origin(a);
        out.println(t.get("report.head", file, a.format() == CaptureReader.Format.PCAPNG ? "pcapng" : "pcap",
                a.frames(), a.tcpPackets(), a.connections().size()));
        if (!a.skipped().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<PacketDecoder.Skip, Long> e : a.skipped().entrySet()) {
                if (sb.length() > 0) {
                    sb.append(t.get("list.sep"));
                }
                sb.append(t.get("skip." + e.getKey().name(), e.getValue()));
            }
            out.println(t.get("report.skipped", sb.toString()));
        }
        for (Connection c : a.connections()) {
            out.println();
            out.println(t.get("report.connection", c.id(), c.endText(0), c.endText(1), c.zeekState(), c.history(),
                    t.get("zeek." + c.zeekState())));
            for (int e = 0; e < 2; e++) {
                String initial = c.initialState(e).name();
                out.println("  " + t.get("report.initial", end(t, e), c.endText(e), initial)
                        + (c.initialReason(e) != null ? " " + t.get("report.inferred", t.get("why." + c.initialReason(e))) : ""));
            }
            long isn0 = isn(c, 0);
            long isn1 = isn(c, 1);
            List<Connection.Transition> ts = c.transitions();
            List<Connection.Packet> ps = c.packets();
            int next = 0;
            for (int i = 0; i < ps.size(); i++) {
                Connection.Packet p = ps.get(i);
                TcpPacket tp = p.tcp();
                long myIsn = p.from() == 0 ? isn0 : isn1;
                long peerIsn = p.from() == 0 ? isn1 : isn0;
                StringBuilder line = new StringBuilder();
                line.append(String.format(Locale.ROOT, "  #%-5d %10s ms  %s → %s  [%s] seq=%d", tp.frame(), ms(tp.timeNanos(), origin),
                        end(t, p.from()), end(t, 1 - p.from()), tp.flagText(), (tp.seq() - myIsn) & 0xFFFFFFFFL));
                if (tp.has(TcpPacket.ACK)) {
                    line.append(" ack=").append((tp.ack() - peerIsn) & 0xFFFFFFFFL);
                }
                line.append(" len=").append(tp.payloadLen());
                if (p.note() != null) {
                    line.append("  (").append(t.get("note." + p.note().name())).append(')');
                }
                out.println(line);
                // the changes that happened from this packet until the next one, in time order
                long until = i + 1 < ps.size() ? ps.get(i + 1).tcp().timeNanos() : Long.MAX_VALUE;
                while (next < ts.size() && (ts.get(next).timeNanos() < until || (i + 1 < ps.size() && ts.get(next).frame() == tp.frame()))) {
                    Connection.Transition tr = ts.get(next++);
                    out.println("         " + transitionText(t, tr, tp, origin));
                }
            }
            while (next < ts.size()) {
                out.println("         " + transitionText(t, ts.get(next++), null, origin));
            }
            out.println("  " + t.get("report.final", end(t, 0), c.finalState(0).name(), end(t, 1), c.finalState(1).name()));
        }
        if (a.stoppedAtLimit()) {
            out.println();
            out.println(t.get("report.limit", CaptureAnalysis.MAX_PACKETS));
        }
        out.flush();
    }

    private static String transitionText(Texts t, Connection.Transition tr, TcpPacket under, long origin) {
        String s = t.get("report.transition", end(t, tr.end()), tr.from().name(), tr.to().name());
        if (under == null || tr.timeNanos() != under.timeNanos()) {
            s += " " + t.get("report.at", ms(tr.timeNanos(), origin));
        }
        if (tr.frame() > 0 && (under == null || tr.frame() != under.frame())) {
            s += " " + t.get("report.onPacket", tr.frame());
        }
        if (tr.inferred()) {
            s += " " + t.get("report.inferred", t.get("why." + tr.reason()));
        }
        return s;
    }

    /** The end's initial sequence number (its SYN's), or its first sequence number without a SYN: numbers are shown relative to it, as Wireshark does. */
    static long isn(Connection c, int e) {
        for (Connection.Packet p : c.packets()) {
            if (p.from() == e && p.tcp().has(TcpPacket.SYN)) {
                return p.tcp().seq();
            }
        }
        for (Connection.Packet p : c.packets()) {
            if (p.from() == e) {
                return p.tcp().seq() - 1;
            }
        }
        return 0;
    }

    public static void jsonl(CaptureAnalysis a, String file, Lang lang, PrintWriter out) {
        Texts t = Texts.of(CaptureProblem.BUNDLE, lang);
        long origin = origin(a);
        try {
            JsonGenerator g = FACTORY.createGenerator(out);
            g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            g.writeStartObject();
            g.writeStringField("type", "capture");
            g.writeStringField("file", file);
            g.writeStringField("format", a.format() == CaptureReader.Format.PCAPNG ? "pcapng" : "pcap");
            g.writeNumberField("frames", a.frames());
            g.writeNumberField("tcp_packets", a.tcpPackets());
            g.writeNumberField("connections", a.connections().size());
            g.writeObjectFieldStart("skipped");
            for (Map.Entry<PacketDecoder.Skip, Long> e : a.skipped().entrySet()) {
                g.writeNumberField(e.getKey().name(), e.getValue());
            }
            g.writeEndObject();
            if (a.problem() != null) {
                g.writeObjectFieldStart("problem");
                g.writeNumberField("byte", a.problem().offset());
                g.writeStringField("key", a.problem().key());
                g.writeStringField("message", a.problem().message(lang));
                g.writeEndObject();
            }
            g.writeBooleanField("stopped_at_limit", a.stoppedAtLimit());
            g.writeEndObject();
            for (Connection c : a.connections()) {
                g.writeStartObject();
                g.writeStringField("type", "connection");
                g.writeNumberField("id", c.id());
                g.writeStringField("client", c.endText(0));
                g.writeStringField("server", c.endText(1));
                g.writeNumberField("ip_version", c.ipVersion());
                g.writeNumberField("first_ms", (c.firstNanos() - origin) / 1e6);
                g.writeNumberField("last_ms", (c.lastNanos() - origin) / 1e6);
                g.writeNumberField("packets", c.packets().size());
                g.writeNumberField("retransmissions", c.packets().stream().filter(p -> p.note() == Connection.Note.retransmission).count());
                g.writeNumberField("duplicates", c.packets().stream().filter(p -> p.note() == Connection.Note.duplicate
                        || p.note() == Connection.Note.dupAck).count());
                g.writeStringField("zeek_conn_state", c.zeekState());
                g.writeStringField("zeek_history", c.history());
                for (int e = 0; e < 2; e++) {
                    String n = e == 0 ? "client" : "server";
                    g.writeStringField(n + "_initial", c.initialState(e).name());
                    if (c.initialReason(e) != null) {
                        g.writeStringField(n + "_initial_reason", c.initialReason(e));
                        g.writeStringField(n + "_initial_why", t.get("why." + c.initialReason(e)));
                    }
                    g.writeStringField(n + "_final", c.finalState(e).name());
                }
                g.writeEndObject();
                for (Connection.Transition tr : c.transitions()) {
                    g.writeStartObject();
                    g.writeStringField("type", "transition");
                    g.writeNumberField("connection", c.id());
                    g.writeStringField("end", tr.end() == 0 ? "client" : "server");
                    g.writeNumberField("t_ms", (tr.timeNanos() - origin) / 1e6);
                    if (tr.frame() > 0) {
                        g.writeNumberField("frame", tr.frame());
                    } else {
                        g.writeNullField("frame");
                    }
                    g.writeStringField("from", tr.from().name());
                    g.writeStringField("to", tr.to().name());
                    g.writeBooleanField("inferred", tr.inferred());
                    if (tr.inferred()) {
                        g.writeStringField("reason", tr.reason());
                        g.writeStringField("why", t.get("why." + tr.reason()));
                    }
                    g.writeEndObject();
                }
            }
            g.writeRaw('\n');
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
