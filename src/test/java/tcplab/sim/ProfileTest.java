package tcplab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a profile's settings make of the endpoint configuration. */
class ProfileTest {

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
