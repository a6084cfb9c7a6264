package tcplab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import tcplab.kernel.Observation.Step;

/** The comparison's rules: same steps in the same order, each interval within the kernel's timer slack. */
class ConformanceTest {

    private static List<Step> steps(Object... timeThenWhat) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < timeThenWhat.length; i += 2) {
            out.add(new Step(((Number) timeThenWhat[i]).doubleValue(), (String) timeThenWhat[i + 1]));
        }
        return out;
    }

    @Test
    void aStepWithinTheSlackOfItsIntervalMatches() {
        // 1000 ms interval: 10 ms + 1000/8 = 135 ms of tolerance.
        assertNull(Conformance.sequence(steps(0, "SYN", 1000, "SYN"), steps(0.5, "SYN", 1130, "SYN")));
    }

    @Test
    void aStepLaterThanTheSlackAllowsIsADifference() {
        String d = Conformance.sequence(steps(0, "SYN", 1000, "SYN"), steps(0, "SYN", 1150, "SYN"));
        assertNotNull(d);
        assertTrue(d.contains("tolerance 135.0 ms"), d);
    }

    @Test
    void aShortIntervalHasLittleTolerance() {
        // An answer 100 ms after a segment may be 22.5 ms off, not 60.
        assertNotNull(Conformance.sequence(steps(100, "SYN,ACK", 200, "ACK"), steps(100, "SYN,ACK", 260, "ACK")));
    }

    @Property
    void lateTimersDoNotAddUpToADifference(@ForAll @IntRange(min = 1, max = 12) int timers,
                                           @ForAll @DoubleRange(min = 0, max = 130) double lateEach) {
        // Each 1 s timer of a chain fires up to 1/8 late, and the next is armed from there.
        List<Step> expected = new ArrayList<>();
        List<Step> actual = new ArrayList<>();
        for (int i = 1; i <= timers; i++) {
            expected.add(new Step(i * 1000.0, "SYN"));
            actual.add(new Step(i * (1000.0 + lateEach), "SYN"));
        }
        assertNull(Conformance.sequence(expected, actual));
    }

    @Test
    void differentFlagsAreADifferenceWhateverTheTimes() {
        String d = Conformance.sequence(steps(1000, "FIN,ACK 1/101 len=0"), steps(1000, "RST,ACK 1/101 len=0"));
        assertNotNull(d);
        assertTrue(d.startsWith("#1: expected"), d);
    }

    @Test
    void aMissingOrAnExtraStepIsADifference() {
        assertTrue(Conformance.sequence(steps(0, "SYN", 7000, "SYN"), steps(0, "SYN")).startsWith("missing"));
        assertTrue(Conformance.sequence(steps(0, "SYN"), steps(0, "SYN", 7000, "SYN")).startsWith("more"));
    }

    @Test
    void eachAspectIsReportedOnceWithItsHost() {
        Observation kernel = new Observation(
                Map.of("client", List.of(steps(0, "CLOSED>SYN_SENT", 7133, "SYN_SENT>CLOSED"))),
                Map.of("client", steps(0, "SYN", 1000, "SYN")),
                Map.of("client", steps(7133, "connect ETIMEDOUT")));
        Observation model = new Observation(
                Map.of("client", List.of(steps(0, "CLOSED>SYN_SENT"))),
                Map.of("client", steps(0, "SYN", 1000, "SYN", 7000, "SYN")),
                Map.of("client", steps()));
        List<String> aspects = Conformance.compare(kernel, model).stream().map(Conformance.Difference::aspect).toList();
        assertEquals(List.of("states client", "segments client", "apps client"), aspects);
        assertEquals(List.of(), Conformance.compare(kernel, kernel));
    }

    @Test
    void aStepMissingSoNearTheEndThatItCouldHaveComeAfterItIsForgiven() {
        // The kernel's SYN at 7994.7 ms (a 2 s timeout, 260 ms of tolerance) could have come after
        // an 8000 ms run's end; in a 9000 ms run it could not.
        tcplab.i18n.Texts en = KernelCheck.texts(tcplab.i18n.Lang.EN);
        assertNull(Conformance.sequence(steps(0, "SYN", 5880, "SYN", 7994.7, "SYN"), steps(0, "SYN", 5880, "SYN"), 8000, en));
        String d = Conformance.sequence(steps(0, "SYN", 5880, "SYN", 7994.7, "SYN"), steps(0, "SYN", 5880, "SYN"), 9000, en);
        assertNotNull(d);
        assertTrue(d.startsWith("missing"), d);
    }

    @Test
    void differencesAreWordedInTheUsersLanguage() {
        String d = Conformance.sequence(steps(1000, "FIN,ACK 1/101 len=0"), steps(1000, "RST,ACK 1/101 len=0"), 5000,
                KernelCheck.texts(tcplab.i18n.Lang.ZH));
        assertTrue(d.startsWith("第 1 步:应为 1000.0 FIN,ACK 1/101 len=0,实际为 1000.0 RST,ACK 1/101 len=0"), d);
    }

    /** A crowded host's segments: {@code n} SYN-ACKs at 10 ms apart from {@code start}, then each again {@code later} ms on. */
    private static Observation flooded(int n, double start, double later) {
        List<Step> segs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            segs.add(new Step(start + 10 * i, "SYN,ACK 0/1 len=0 to *.*.100.7 drop"));
        }
        for (int i = 0; i < n; i++) {
            segs.add(new Step(start + later + 10 * i, "SYN,ACK 0/1 len=0 to *.*.100.7 drop"));
        }
        return new Observation(Map.of(), Map.of("server", segs), Map.of());
    }

    @Test
    void aCrowdedHostsRetransmissionsMayBunchLateOnTheTimerWheel() {
        // The kernel resends 100 SYN-ACKs 1 s after the first ones, each up to 100 ms late: the
        // counts at every window's end are within the band of 10 ms + t/8.
        Observation model = flooded(100, 150, 1000);
        Observation kernel = flooded(100, 150, 1100);
        assertEquals(List.of(), Conformance.compare(kernel, model, java.util.Set.of("server"), java.util.Set.of(), 5000));
    }

    @Test
    void aCrowdedHostThatSendsFewerSegmentsIsADifference() {
        Observation model = flooded(100, 150, 1000);
        Observation kernel = flooded(60, 150, 1000);
        List<Conformance.Difference> d = Conformance.compare(kernel, model, java.util.Set.of("server"), java.util.Set.of(), 5000);
        assertEquals(List.of("segments server"), d.stream().map(Conformance.Difference::aspect).toList());
        assertTrue(d.get(0).detail().startsWith("SYN,ACK sent by"), d.get(0).detail());
    }

    @Test
    void crowdedCountersMustBeEqual() {
        Observation kernel = new Observation(Map.of(), Map.of(), Map.of(), Map.of("server", Map.of("TCPReqQFullDrop", 171L)));
        Observation model = new Observation(Map.of(), Map.of(), Map.of(), Map.of("server", Map.of("TCPReqQFullDrop", 172L)));
        List<Conformance.Difference> d = Conformance.compare(kernel, model, java.util.Set.of("server"), java.util.Set.of(), 5000);
        assertEquals(List.of("counters server: TCPReqQFullDrop: 171 expected, 172 seen"), d.stream().map(Object::toString).toList());
    }
}
