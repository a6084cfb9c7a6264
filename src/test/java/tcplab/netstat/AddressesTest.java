package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Addresses}: how the explainer classifies the address text of a row. */
class AddressesTest {
    @Test
    void rfc1918LinkLocalAndUniqueLocalAddressesArePrivateInAnyLetterCase() {
        for (String a : new String[] {"10.1.2.3", "192.168.1.5", "172.16.0.1", "172.31.255.255", "169.254.10.20",
            "fe80::1", "FE80::1%eth0", "fd12:3456::1", "FC00::7"}) {
            assertTrue(Addresses.isPrivate(a), a);
        }
    }

    @Test
    void publicAddressesAndTheNeighboursOfPrivateRangesAreNot() {
        for (String a : new String[] {"8.8.8.8", "172.15.0.1", "172.32.0.1", "172.x.0.1", "11.0.0.1", "2001:db8::1",
            "fe8::1", "f", ""}) {
            assertFalse(Addresses.isPrivate(a), a);
        }
    }

    @Test
    void loopbackIsThisMachineOnlyInEitherFamily() {
        assertTrue(Addresses.isLoopback("127.0.0.1"));
        assertTrue(Addresses.isLoopback("::1"));
        assertTrue(Addresses.isLoopback("::ffff:127.0.0.1"));
        assertTrue(Addresses.isLoopback("localhost"));
        assertFalse(Addresses.isLoopback("128.0.0.1"));
        assertFalse(Addresses.isLoopback("::"));
    }

    @Test
    void numericAddressesAreNotHostNames() {
        assertTrue(Addresses.isNumeric("192.168.1.5"));
        assertTrue(Addresses.isNumeric("fe80::1%eth0"));
        assertFalse(Addresses.isNumeric("fdlpw"));
        assertFalse(Addresses.isNumeric("localhost"));
    }
}
