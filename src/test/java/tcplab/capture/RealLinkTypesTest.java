package tcplab.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import tcplab.tcp.TcpState;

/**
 * Real tcpdump captures of other link layers, made here over a namespace's loopback: `tcpdump -i
 * any` (Linux cooked v2, link type 276) and `tcpdump -i lo` of IPv6 (Ethernet framing). The server
 * closes first in both.
 */
class RealLinkTypesTest {
    static CaptureAnalysis read(String name) throws Exception {
        try (InputStream in = RealLinkTypesTest.class.getResourceAsStream("/tcplab/capture/fixtures/" + name)) {
            return CaptureAnalysis.read(in);
        }
    }

    @Test
    void aLinuxCookedV2CaptureOfTcpdumpDashIAnyIsReadAsOneConnection() throws Exception {
        CaptureAnalysis a = read("loopback-any-v4.pcap");
        assertNull(a.problem());
        assertEquals(1, a.connections().size());
        Connection c = a.connections().get(0);
        assertEquals("127.0.0.1", c.address(0));
        assertEquals(8080, c.port(1));
        assertEquals(TcpState.CLOSED, c.finalState(0));
        assertEquals(TcpState.TIME_WAIT, c.finalState(1));
        assertEquals("SF", c.zeekState());
    }

    @Test
    void anIpv6LoopbackCaptureGivesRfc5952AddressesAndTheSameStates() throws Exception {
        CaptureAnalysis a = read("loopback-lo-v6.pcap");
        assertNull(a.problem());
        assertEquals(1, a.connections().size());
        Connection c = a.connections().get(0);
        assertEquals(6, c.ipVersion());
        assertEquals("[::1]:8080", c.endText(1));
        assertEquals(TcpState.CLOSED, c.finalState(0));
        assertEquals(TcpState.TIME_WAIT, c.finalState(1));
    }
}
