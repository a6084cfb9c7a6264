package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a profile's settings make of the endpoint configuration. */
class ProfileTest {

    /** Linux's request queue: tcp_conn_request(), inet_csk_reqsk_queue_is_full(), reqsk_timer_handler(). */
    @Nested
    class LinuxRequestQueue {

        @Test
        void holdsOneRequestMoreThanTheBacklogAsTheStrictComparisonSays() {
            Profile linux = Profile.linux();
            assertFalse(linux.synQueueFull(128, 128));
            assertTrue(linux.synQueueFull(129, 128));
            assertTrue(Profile.byName("windows-10").synQueueFull(128, 128));
        }

        @Test
        void withoutCookiesKeepsTheLastQuarterOfTcpMaxSynBacklogForProvenPeers() {
            Profile small = Profile.linux().with("tcp_max_syn_backlog", 128);
            // 128 - qlen < 32: the 97th request is refused even though the backlog is 511.
            assertFalse(small.dropsSynWithoutCookies(96, 511));
            assertTrue(small.dropsSynWithoutCookies(97, 511));
        }

        @Test
        void keepsTheConfiguredRetriesWhileTheQueueIsAtMostHalfFull() {
            // 2·qlen > max(8, backlog) is the threshold: 64 of a 128 backlog is not crowded.
            assertEquals(5, Profile.linux().synAckRetriesUnderPressure(5, 64, 0, 128));
            assertEquals(5, Profile.linux().synAckRetriesUnderPressure(5, 4, 0, 1));
        }

        @Test
        void lowersTheRetriesByOneForEachHalvingOfTheYoungShareDownToTwo() {
            Profile linux = Profile.linux();
            // qlen 129: young 65 (2·65 > 129) keeps 5; young 64 lowers once, 32 twice, 16 or less three times.
            assertEquals(5, linux.synAckRetriesUnderPressure(5, 129, 65, 128));
            assertEquals(4, linux.synAckRetriesUnderPressure(5, 129, 64, 128));
            assertEquals(3, linux.synAckRetriesUnderPressure(5, 129, 32, 128));
            assertEquals(2, linux.synAckRetriesUnderPressure(5, 129, 16, 128));
            assertEquals(2, linux.synAckRetriesUnderPressure(5, 129, 0, 128));
            // Never below 2, and never raised: tcp_synack_retries 1 stays 1.
            assertEquals(1, linux.synAckRetriesUnderPressure(1, 129, 0, 128));
        }

        @Test
        void leavesWindowsRetriesAlone() {
            assertEquals(2, Profile.byName("windows-10").synAckRetriesUnderPressure(2, 129, 0, 128));
        }
    }

    @Nested
    class LinuxTailLossProbe {

        @Test
        void isOnByDefaultAsTcpEarlyRetransThreeHasIt() {
            assertEquals(3, Profile.linux().get("tcp_early_retrans"));
            assertTrue(Profile.linux().tcpConfig().tailLossProbe());
        }

        @Test
        void isOffWhenTcpEarlyRetransIsBelowThree() {
            // tcp_schedule_loss_probe(): early_retrans != 3 && early_retrans != 4 -> no probe.
            for (long v = 0; v <= 2; v++) {
                assertFalse(Profile.linux().with("tcp_early_retrans", v).tcpConfig().tailLossProbe(), "tcp_early_retrans " + v);
            }
            assertTrue(Profile.linux().with("tcp_early_retrans", 4).tcpConfig().tailLossProbe());
        }

        @Test
        void refusesATcpEarlyRetransTheKernelRefuses() {
            // The sysctl's proc handler accepts 0..4 (net/ipv4/sysctl_net_ipv4.c, extra2 = SYSCTL_FOUR).
            assertThrows(IllegalArgumentException.class, () -> Profile.linux().with("tcp_early_retrans", 5));
        }
    }
}
