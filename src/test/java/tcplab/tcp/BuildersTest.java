package tcplab.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The named ways to build a {@link Segment} and a {@link TcpConfig}. */
class BuildersTest {

    static final Endpoint A = Endpoint.of("10.0.0.1", 80);
    static final Endpoint B = Endpoint.of("10.0.0.2", 40000);

    @Nested
    class Segments {
        @Test
        void aSynCarriesItsIssWindowAndMssAndNothingElse() {
            assertEquals(new Segment(A, B, 7, 0, Flags.SYN, 1000, 0, 1460, null), Segment.syn(A, B, 7, 1000, 1460));
        }

        @Test
        void aSynAckAcknowledgesTheSynItAnswers() {
            assertEquals(new Segment(A, B, 7, 9, Flags.SYN | Flags.ACK, 1000, 0, 1460, null),
                    Segment.synAck(A, B, 7, 9, 1000, 1460));
        }

        @Test
        void resetsCarryNoWindowAndNoData() {
            assertEquals(new Segment(A, B, 5, 0, Flags.RST, 0, 0, 0, null), Segment.reset(A, B, 5));
            assertEquals(new Segment(A, B, 5, 6, Flags.RST | Flags.ACK, 0, 0, 0, null), Segment.resetAck(A, B, 5, 6));
        }

        @Test
        void theBuilderSetsEachFieldByNameAndLeavesTheOthersZero() {
            Segment s = Segment.from(A).to(B).seq(1).ack(2).flags(Flags.ACK | Flags.PSH).window(3).data(4, "GET").build();
            assertEquals(new Segment(A, B, 1, 2, Flags.ACK | Flags.PSH, 3, 4, 0, "GET"), s);
            assertEquals(s, s.toBuilder().build());
            assertEquals(99, s.toBuilder().seq(99).build().seq());
        }

        @Test
        void aSegmentWithoutDestinationIsRefused() {
            assertThrows(IllegalStateException.class, () -> Segment.from(A).seq(1).build());
        }
    }

    @Nested
    class Configs {
        @Test
        void theBuilderStartsFromTheRfcDefaults() {
            assertEquals(new TcpConfig(1000, 200, 120_000, 6, 0, 5, 15, 8, TcpConfig.GiveUp.COUNT, 60_000, 0, 0, 1460, 64240, 10,
                    false, false, TcpConfig.RttEstimator.RFC_6298, 500), TcpConfig.builder().build());
        }

        @Test
        void toBuilderKeepsEveryFieldAndChangesOnlyWhatIsSet() {
            TcpConfig c = TcpConfig.builder().rtoInitialMs(3000).synRetries(2, 4).timeWaitMs(120_000).build();
            assertEquals(c, c.toBuilder().build());
            TcpConfig d = c.toBuilder().userTimeoutMs(5000).build();
            assertEquals(5000, d.userTimeoutMs());
            assertEquals(c, d.toBuilder().userTimeoutMs(0).build());
        }

        @Test
        void aBuiltConfigIsCheckedLikeAConstructedOne() {
            assertThrows(IllegalArgumentException.class, () -> TcpConfig.builder().rtoMinMs(0).build());
            assertThrows(IllegalArgumentException.class, () -> TcpConfig.builder().synRetries(-1, 0).build());
        }
    }
}
