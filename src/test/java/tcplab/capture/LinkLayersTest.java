package tcplab.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The decoder finds the same TCP packet behind every link layer tcpdump, Wireshark and dumpcap write. */
class LinkLayersTest {

    static byte[] ip(boolean v6, int seq, int flags, int len) {
        byte[] src = v6 ? new byte[]{0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1} : new byte[]{10, 0, 0, 1};
        byte[] dst = v6 ? new byte[]{0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2} : new byte[]{10, 0, 0, 2};
        return Packets.ip(new Packets.Spec(src, dst, 40000, 80, seq, 7, flags, 1000, 1460, new byte[len], 1));
    }

    static byte[] concat(byte[] head, byte[] body) {
        return ByteBuffer.allocate(head.length + body.length).put(head).put(body).array();
    }

    static TcpPacket decode(int linkType, byte[] frame) {
        PacketDecoder.Result r = PacketDecoder.decode(new Frame(1, 0, linkType, frame.length, frame, 0));
        assertNotNull(r.packet(), "skipped: " + r.skip());
        return r.packet();
    }

    @Property(tries = 100)
    void everyLinkLayerGivesTheSamePacket(@ForAll boolean v6, @ForAll int seq, @ForAll @IntRange(max = 31) int flags,
                                          @ForAll @IntRange(max = 1400) int len) {
        byte[] ip = ip(v6, seq, flags, len);
        short et = (short) (v6 ? 0x86DD : 0x0800);
        byte[] mac = {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2};
        byte[] eth = concat(ByteBuffer.allocate(14).put(mac).putShort(et).array(), ip);
        byte[] vlan = concat(ByteBuffer.allocate(18).put(mac).putShort((short) 0x8100).putShort((short) 42).putShort(et).array(), ip);
        byte[] qinq = concat(ByteBuffer.allocate(22).put(mac).putShort((short) 0x88A8).putShort((short) 5)
                .putShort((short) 0x8100).putShort((short) 42).putShort(et).array(), ip);
        // Linux cooked v1: packet type, ARPHRD, address length, 8 address bytes, protocol
        byte[] sll = concat(ByteBuffer.allocate(16).putShort((short) 0).putShort((short) 1).putShort((short) 6)
                .put(new byte[8]).putShort(et).array(), ip);
        // Linux cooked v2: protocol, reserved, interface index, ARPHRD, packet type, address length, 8 address bytes
        byte[] sll2 = concat(ByteBuffer.allocate(20).putShort(et).putShort((short) 0).putInt(3).putShort((short) 1)
                .put((byte) 0).put((byte) 6).put(new byte[8]).array(), ip);
        // BSD loopback: the address family in the writer's byte order (little-endian here); OpenBSD's in network order
        byte[] nullLe = concat(new byte[]{(byte) (v6 ? 30 : 2), 0, 0, 0}, ip);
        byte[] loop = concat(new byte[]{0, 0, 0, (byte) (v6 ? 24 : 2)}, ip);
        TcpPacket want = decode(LinkTypes.RAW, ip);
        assertEquals(seq & 0xFFFFFFFFL, want.seq());
        assertEquals(flags, want.flags());
        assertEquals(len, want.payloadLen());
        assertEquals(1460, want.mss());
        assertEquals(v6 ? 6 : 4, want.ipVersion());
        for (Object[] c : new Object[][]{{LinkTypes.ETHERNET, eth}, {LinkTypes.ETHERNET, vlan}, {LinkTypes.ETHERNET, qinq},
                {LinkTypes.LINUX_SLL, sll}, {LinkTypes.LINUX_SLL2, sll2}, {LinkTypes.NULL, nullLe}, {LinkTypes.LOOP, loop},
                {v6 ? LinkTypes.IPV6 : LinkTypes.IPV4, ip}}) {
            TcpPacket got = decode((Integer) c[0], (byte[]) c[1]);
            assertEquals(want, got, "link type " + c[0]);
        }
    }

    @Test
    void ethernetPaddingIsNotCountedAsData() {
        // a 54-byte ACK is padded to Ethernet's 60-byte minimum: the IP length says there is no data
        byte[] ip = ip(false, 1, TcpPacket.ACK, 0);
        byte[] padded = concat(concat(ByteBuffer.allocate(14).put(new byte[12]).putShort((short) 0x0800).array(), ip), new byte[2]);
        assertEquals(0, decode(LinkTypes.ETHERNET, padded).payloadLen());
    }

    @Test
    void ipv6AddressesAreWrittenAsRfc5952Says() {
        assertEquals("2001:db8::a00:1", decode(LinkTypes.RAW, ip(true, 1, 2, 0)).src());
    }

    @Test
    void anUnsupportedLinkTypeIsSkippedWithItsReason() {
        byte[] d = ip(false, 1, 2, 0);
        assertEquals(PacketDecoder.Skip.linkType, PacketDecoder.decode(new Frame(1, 0, 147, d.length, d, 0)).skip());
    }
}
