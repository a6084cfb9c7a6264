package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    /** isNumeric as it was written first, in one loop: the reference for the faster one. */
    private static boolean numericReference(String a) {
        if (a.isEmpty()) {
            return false;
        }
        boolean colon = false;
        boolean hexLetter = false;
        int firstDot = -1;
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c >= '0' && c <= '9') {
                continue;
            }
            if (c == '.') {
                if (firstDot < 0) {
                    firstDot = i;
                }
            } else if (c == ':') {
                colon = true;
            } else if (c == '%') {
                return colon;
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                hexLetter = true;
            } else {
                return false;
            }
        }
        return colon || !hexLetter && firstDot > 0;
    }

    @Property(tries = 5000)
    void isNumericAnswersAsTheOneLoopReferenceDoes(@ForAll("addressLike") String a) {
        assertEquals(numericReference(a), Addresses.isNumeric(a), a);
    }

    @Provide
    Arbitrary<String> addressLike() {
        return Arbitraries.strings().withChars("0123456789...::abcfxyz%-").ofMaxLength(16);
    }

    @Test
    void numericAddressesAreNotHostNames() {
        assertTrue(Addresses.isNumeric("192.168.1.5"));
        assertTrue(Addresses.isNumeric("fe80::1%eth0"));
        assertFalse(Addresses.isNumeric("fdlpw"));
        assertFalse(Addresses.isNumeric("localhost"));
    }
}
