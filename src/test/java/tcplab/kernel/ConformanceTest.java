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
        assertTrue(d.contains("tolerance 135.0"), d);
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
        assertTrue(d.startsWith("#1 expected"), d);
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
}
