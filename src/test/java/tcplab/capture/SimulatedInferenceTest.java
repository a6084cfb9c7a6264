package tcplab.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tcplab.sim.TraceEvent;
import tcplab.tcp.TcpState;

/**
 * The exporter and the inference agree with the simulator: a scenario written as a capture and
 * read back gives each connection's ends the states the simulated endpoints went through, from
 * the wire and from each host's own capture.
 */
class SimulatedInferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"handshake", "data", "active-close", "passive-close", "simultaneous-close", "refused", "syn-timeout", "simultaneous-open", "half-open"})
    void aSimulatedRunReadBackFromItsCaptureGivesBothEndsTheSimulatedStates(String name) throws Exception {
        List<TraceEvent> events = SimulatedCaptureTest.run(name);
        List<String> points = new ArrayList<>();
        points.add(null);
        events.stream().map(TraceEvent::host).distinct().forEach(points::add);
        for (String at : points) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TraceExport.write(TraceExport.seenBy(events, at), false, CaptureReader.Format.PCAPNG, out);
            CaptureAnalysis a = CaptureAnalysis.read(new ByteArrayInputStream(out.toByteArray()));
            org.junit.jupiter.api.Assertions.assertFalse(a.connections().isEmpty(), name + " at " + at);
            for (Connection c : a.connections()) {
                for (int e2 = 0; e2 < 2; e2++) {
                    final int end = e2;
                    String local = c.endText(end);
                    String remote = c.endText(1 - end);
                    List<TcpState> simulated = new ArrayList<>();
                    for (TraceEvent e : events) {
                        if (e instanceof TraceEvent.StateChange s && s.remote() != null && s.local().toString().equals(local)
                                && s.remote().toString().equals(remote) && !timer(s.cause())) {
                            simulated.add(s.to());
                        }
                    }
                    List<TcpState> inferred = c.transitions().stream()
                            .filter(t -> t.end() == end && !t.timer()).map(Connection.Transition::to).toList();
                    // the simulator's own TIME-WAIT timer may have fired within the run: the capture cannot show it
                    if (!simulated.isEmpty() && simulated.get(simulated.size() - 1) == TcpState.CLOSED
                            && simulated.size() >= 2 && simulated.get(simulated.size() - 2) == TcpState.TIME_WAIT) {
                        simulated.remove(simulated.size() - 1);
                    }
                    if (c.packets().stream().noneMatch(p -> p.from() == end)) {
                        // an end that sent nothing this capture point saw: nothing can be said of it
                        assertEquals(List.of(), inferred, name + " at " + at + ", " + local);
                        continue;
                    }
                    assertEquals(simulated, inferred, name + " captured " + (at == null ? "on the wire" : "at " + at) + ", " + local);
                }
            }
        }
    }

    /**
     * Changes made by a timer: no packet shows them (the inference marks TIME-WAIT's end, excluded
     * above; a connection attempt that times out simply stays SYN_SENT in the capture).
     */
    static boolean timer(tcplab.tcp.Cause c) {
        return c == tcplab.tcp.Cause.TIMEOUT_RETRANSMISSION || c == tcplab.tcp.Cause.TIMEOUT_USER;
    }
}
