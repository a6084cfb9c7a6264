package tcplab.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tcplab.sim.ScenarioLoader;
import tcplab.sim.ScenarioRunner;
import tcplab.sim.TraceEvent;
import tcplab.sim.TraceSink;
import tcplab.tcp.Flags;
import tcplab.tcp.Segment;

/**
 * A simulated run written as a capture: read back by our reader and by Wireshark's tshark, every
 * packet carries the segment of the trace, at the trace's time, with sound lengths and checksums.
 */
class SimulatedCaptureTest {

    static List<String> builtins() {
        return ScenarioLoader.BUILTIN;
    }

    static List<TraceEvent> run(String name) throws Exception {
        TraceSink.Recorder rec = new TraceSink.Recorder();
        ScenarioRunner.Run r = ScenarioRunner.build(ScenarioLoader.byNameOrPath(name), ScenarioRunner.Overrides.NONE, rec);
        if (r.untilUs() >= 0) {
            r.simulation().runUntil(r.untilUs());
        } else {
            r.simulation().runToEnd(5_000_000);
        }
        return rec.events();
    }

    static byte[] export(List<TraceExport.Captured> packets, boolean v6, CaptureReader.Format f) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceExport.write(packets, v6, f, out);
        return out.toByteArray();
    }

    static void assertSame(TraceExport.Captured want, TcpPacket got, String where) {
        Segment s = want.segment();
        assertEquals(want.timeUs() * 1000, got.timeNanos(), where + " time");
        assertEquals(s.flags() & 0x1F, got.flags(), where + " flags");
        assertEquals(s.seq() & 0xFFFFFFFFL, got.seq(), where + " seq");
        assertEquals(s.has(Flags.ACK) ? s.ack() & 0xFFFFFFFFL : 0, got.ack(), where + " ack");
        assertEquals(s.len(), got.payloadLen(), where + " len");
        assertEquals(s.mss(), got.mss(), where + " mss");
        assertEquals(s.src().port(), got.srcPort(), where + " sport");
        assertEquals(s.dst().port(), got.dstPort(), where + " dport");
    }

    @ParameterizedTest
    @MethodSource("builtins")
    void everyBuiltinScenarioReadsBackAsItsSegmentsWithSoundChecksumsInBothFormatsAndBothIpVersions(String name) throws Exception {
        List<TraceExport.Captured> want = TraceExport.seenBy(run(name), null);
        assertFalse(want.isEmpty());
        for (boolean v6 : new boolean[]{false, true}) {
            for (CaptureReader.Format f : CaptureReader.Format.values()) {
                CaptureReader r = CaptureReader.open(new ByteArrayInputStream(export(want, v6, f)));
                int i = 0;
                for (Frame fr; (fr = r.next()) != null; i++) {
                    TcpPacket p = PacketDecoder.decode(fr).packet();
                    assertSame(want.get(i), p, name + " " + f + (v6 ? " v6" : " v4") + " #" + (i + 1));
                    assertEquals(v6 ? 6 : 4, p.ipVersion());
                    byte[] ip = Arrays.copyOfRange(fr.data(), 14, fr.data().length);
                    assertTrue(Packets.tcpChecksumOk(ip), "tcp checksum #" + (i + 1));
                    if (!v6) {
                        assertTrue(Packets.ipv4ChecksumOk(ip), "ip checksum #" + (i + 1));
                        assertEquals(want.get(i).segment().src().addressText(), p.src());
                    } else {
                        assertTrue(p.src().startsWith("2001:db8::"), p.src());
                    }
                }
                assertNull(r.problem());
                assertEquals(want.size(), i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("builtins")
    void aHostCapturesWhatItSentAndWhatReachedItAndNothingLostOnTheWay(String name) throws Exception {
        List<TraceEvent> events = run(name);
        for (String host : events.stream().map(TraceEvent::host).distinct().toList()) {
            List<TraceExport.Captured> seen = TraceExport.seenBy(events, host);
            for (TraceExport.Captured c : seen) {
                TraceEvent.SegmentEvent ev = events.stream().filter(e -> e instanceof TraceEvent.SegmentEvent s
                        && s.id() == c.id() && s.host().equals(host) && s.timeUs() == c.timeUs()).map(e -> (TraceEvent.SegmentEvent) e)
                        .findFirst().orElseThrow();
                assertTrue(ev.action() != TraceEvent.SegmentAction.DROP);
            }
            long delivered = events.stream().filter(e -> e instanceof TraceEvent.SegmentEvent s && s.host().equals(host)
                    && s.action() != TraceEvent.SegmentAction.DROP).count();
            assertEquals(delivered, seen.size());
        }
    }

    // ---- tshark ---------------------------------------------------------------------------------

    static boolean tsharkPresent() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static String tshark(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }

    @ParameterizedTest
    @MethodSource("builtins")
    void tsharkReadsEveryBuiltinScenarioAsTheTraceWithNoMalformedPacketOrBadChecksum(String name, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(tsharkPresent(), "tshark is not installed (apt-get install tshark; .ci/run installs it): "
                + "the export is not checked against Wireshark here");
        List<TraceEvent> events = run(name);
        // the wire as pcapng over IPv4, and the last host's own view as pcap over IPv6: both
        // formats, both IP versions, both capture points (tshark is slow to start: 24 runs, not 96)
        String lastHost = events.get(events.size() - 1).host();
        record Case(String host, CaptureReader.Format f, boolean v6) {
        }
        for (Case k : List.of(new Case(null, CaptureReader.Format.PCAPNG, false), new Case(lastHost, CaptureReader.Format.PCAP, true))) {
            List<TraceExport.Captured> want = TraceExport.seenBy(events, k.host());
            Path file = dir.resolve(name + (k.host() == null ? "" : "-" + k.host()) + (k.f() == CaptureReader.Format.PCAP ? ".pcap" : ".pcapng"));
            Files.write(file, export(want, k.v6(), k.f()));
            // the packets' fields, then Wireshark's expert summary of errors (malformed packets, bad checksums)
            String outText = tshark("-r", file.toString(), "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                    "-T", "fields", "-E", "separator=|", "-e", "tcp.flags", "-e", "tcp.seq_raw", "-e", "tcp.ack_raw", "-e", "tcp.len",
                    "-e", "frame.time_epoch", "-e", "tcp.checksum.status", "-e", (k.v6() ? "ipv6.plen" : "ip.checksum.status"),
                    "-e", "_ws.malformed", "-z", "expert,error");
            List<String> lines = outText.lines().filter(l -> l.contains("|")).toList();
            String expert = outText.lines().filter(l -> !l.contains("|")).collect(java.util.stream.Collectors.joining("\n"));
            assertEquals(want.size(), lines.size(), file.getFileName() + "\n" + outText);
            for (int i = 0; i < lines.size(); i++) {
                String[] c = lines.get(i).split("\\|", -1);
                TraceExport.Captured w = want.get(i);
                Segment s = w.segment();
                String where = file.getFileName() + " packet " + (i + 1) + ": " + lines.get(i);
                assertEquals(s.flags() & 0x1F, Integer.decode(c[0]), where + " flags");
                assertEquals(s.seq() & 0xFFFFFFFFL, Long.parseLong(c[1]), where + " seq");
                if (s.has(Flags.ACK)) {
                    assertEquals(s.ack() & 0xFFFFFFFFL, Long.parseLong(c[2]), where + " ack");
                }
                assertEquals(s.len(), Integer.parseInt(c[3]), where + " len");
                assertEquals(w.timeUs(), Math.round(Double.parseDouble(c[4]) * 1_000_000), where + " time");
                assertEquals("1", c[5], where + " tcp checksum good (1)");
                if (!k.v6()) {
                    assertEquals("1", c[6], where + " ip checksum good (1)");
                } else {
                    assertEquals(20 + (s.mss() > 0 ? 4 : 0) + s.len(), Integer.parseInt(c[6]), where + " ipv6 payload length");
                }
                assertEquals("", c[7], where + " malformed");
            }
            assertFalse(expert.contains("Errors ("), file.getFileName() + "\n" + expert);
        }
    }

    @org.junit.jupiter.api.Test
    void tsharkDoesReportABadChecksumSoTheCheckAboveCanFail(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(tsharkPresent(), "tshark is not installed (apt-get install tshark; .ci/run installs it)");
        byte[] file = export(TraceExport.seenBy(run("handshake"), null), false, CaptureReader.Format.PCAP);
        // pcap header 24 + record header 16 + Ethernet 14 + IPv4 20: the TCP checksum is at +16
        file[24 + 16 + 14 + 20 + 16] ^= (byte) 0xFF;
        Path bad = dir.resolve("bad.pcap");
        Files.write(bad, file);
        String out = tshark("-r", bad.toString(), "-o", "tcp.check_checksum:TRUE", "-T", "fields", "-e", "tcp.checksum.status",
                "-z", "expert,error");
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains("Errors ("), out);
    }
}
