package tcplab.capture;

/**
 * Finds the TCP packet in a frame: link layer (Ethernet with VLAN tags, Linux cooked v1/v2,
 * BSD/OpenBSD loopback, raw IP), then IPv4 or IPv6 (with extension headers), then TCP.
 * Frames that carry no TCP (ARP, UDP, ICMP, a later IP fragment) or whose headers are cut short
 * are counted by reason, never thrown on.
 */
public final class PacketDecoder {

    /** Why a frame gave no TCP packet; the names are keys {@code skip.NAME} of the bundle. */
    public enum Skip { linkType, notIp, notTcp, fragment, truncated, badHeader }

    /** A decoded packet, or the reason there is none. */
    public record Result(TcpPacket packet, Skip skip) {
    }

    private PacketDecoder() {
    }

    public static Result decode(Frame f) {
        byte[] d = f.data();
        int p;
        int etherType;
        switch (f.linkType()) {
            case LinkTypes.ETHERNET -> {
                if (d.length < 14) {
                    return skip(Skip.truncated);
                }
                p = 12;
                etherType = u16(d, 12);
                p = 14;
            }
            case LinkTypes.LINUX_SLL -> {
                if (d.length < 16) {
                    return skip(Skip.truncated);
                }
                etherType = u16(d, 14);
                p = 16;
            }
            case LinkTypes.LINUX_SLL2 -> {
                if (d.length < 20) {
                    return skip(Skip.truncated);
                }
                etherType = u16(d, 0);
                p = 20;
            }
            case LinkTypes.NULL, LinkTypes.LOOP -> {
                if (d.length < 4) {
                    return skip(Skip.truncated);
                }
                // the family is in the writing host's byte order for NULL: look at whichever end is non-zero
                int af = d[0] != 0 ? d[0] & 0xFF : d[3] & 0xFF;
                etherType = af == 2 ? 0x0800 : (af == 10 || af == 24 || af == 28 || af == 30) ? 0x86DD : -1;
                p = 4;
            }
            case LinkTypes.RAW, LinkTypes.RAW_12, LinkTypes.RAW_14, LinkTypes.IPV4, LinkTypes.IPV6 -> {
                if (d.length < 1) {
                    return skip(Skip.truncated);
                }
                int v = (d[0] & 0xFF) >>> 4;
                etherType = v == 4 ? 0x0800 : v == 6 ? 0x86DD : -1;
                p = 0;
            }
            default -> {
                return skip(Skip.linkType);
            }
        }
        // 802.1Q / 802.1ad tags (QinQ too): each is 4 bytes, the inner EtherType last
        for (int tags = 0; (etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100) && tags < 8; tags++) {
            if (d.length < p + 4) {
                return skip(Skip.truncated);
            }
            etherType = u16(d, p + 2);
            p += 4;
        }
        if (etherType == 0x0800) {
            return ipv4(f, d, p);
        }
        if (etherType == 0x86DD) {
            return ipv6(f, d, p);
        }
        return skip(Skip.notIp);
    }

    private static Result ipv4(Frame f, byte[] d, int p) {
        if (d.length < p + 20) {
            return skip(Skip.truncated);
        }
        if ((d[p] & 0xFF) >>> 4 != 4) {
            return skip(Skip.badHeader);
        }
        int hl = (d[p] & 15) * 4;
        int total = u16(d, p + 2);
        if (hl < 20 || total < hl) {
            return skip(Skip.badHeader);
        }
        if (d[p + 9] != 6) {
            return skip(Skip.notTcp);
        }
        int frag = u16(d, p + 6);
        if ((frag & 0x1FFF) != 0 || (frag & 0x2000) != 0) {
            return skip(Skip.fragment);
        }
        String src = (d[p + 12] & 0xFF) + "." + (d[p + 13] & 0xFF) + "." + (d[p + 14] & 0xFF) + "." + (d[p + 15] & 0xFF);
        String dst = (d[p + 16] & 0xFF) + "." + (d[p + 17] & 0xFF) + "." + (d[p + 18] & 0xFF) + "." + (d[p + 19] & 0xFF);
        return tcp(f, d, p + hl, total - hl, 4, src, dst);
    }

    private static Result ipv6(Frame f, byte[] d, int p) {
        if (d.length < p + 40) {
            return skip(Skip.truncated);
        }
        if ((d[p] & 0xFF) >>> 4 != 6) {
            return skip(Skip.badHeader);
        }
        int payload = u16(d, p + 4);
        int next = d[p + 6] & 0xFF;
        String src = v6(d, p + 8);
        String dst = v6(d, p + 24);
        int q = p + 40;
        int left = payload;
        // RFC 8200 §4: hop-by-hop, routing, destination options, fragment, authentication (RFC 4302)
        for (int hops = 0; hops < 16; hops++) {
            if (next == 6) {
                return tcp(f, d, q, left, 6, src, dst);
            }
            if (next != 0 && next != 43 && next != 60 && next != 44 && next != 51) {
                return skip(Skip.notTcp);
            }
            if (d.length < q + 8) {
                return skip(Skip.truncated);
            }
            int len;
            if (next == 44) {
                int off = u16(d, q + 2);
                if ((off & 0xFFF8) != 0 || (off & 1) != 0) {
                    return skip(Skip.fragment);
                }
                len = 8;
            } else if (next == 51) {
                len = ((d[q + 1] & 0xFF) + 2) * 4;
            } else {
                len = ((d[q + 1] & 0xFF) + 1) * 8;
            }
            next = d[q] & 0xFF;
            q += len;
            left -= len;
            if (left < 0) {
                return skip(Skip.badHeader);
            }
        }
        return skip(Skip.badHeader);
    }

    private static Result tcp(Frame f, byte[] d, int p, int ipPayload, int version, String src, String dst) {
        if (d.length < p + 20) {
            return skip(Skip.truncated);
        }
        int off = ((d[p + 12] & 0xFF) >>> 4) * 4;
        if (off < 20 || off > ipPayload) {
            return skip(Skip.badHeader);
        }
        int mss = 0;
        int end = Math.min(p + off, d.length);
        for (int q = p + 20; q < end; ) {
            int kind = d[q] & 0xFF;
            if (kind == 0) {
                break;
            }
            if (kind == 1) {
                q++;
                continue;
            }
            if (q + 1 >= end) {
                break;
            }
            int len = d[q + 1] & 0xFF;
            if (len < 2 || q + len > end) {
                break;
            }
            if (kind == 2 && len == 4) {
                mss = u16(d, q + 2);
            }
            q += len;
        }
        TcpPacket t = new TcpPacket(f.index(), f.timeNanos(), version, src, u16(d, p), dst, u16(d, p + 2),
                u32(d, p + 4), u32(d, p + 8), d[p + 13] & 0xFF, u16(d, p + 14), ipPayload - off, mss);
        return new Result(t, null);
    }

    /** RFC 5952 text of the IPv6 address at {@code p}: the netstat parser's own formatter. */
    static String v6(byte[] d, int p) {
        int[] b = new int[16];
        for (int i = 0; i < 16; i++) {
            b[i] = d[p + i] & 0xFF;
        }
        return tcplab.netstat.Addresses.formatIpv6(b);
    }

    private static Result skip(Skip s) {
        return new Result(null, s);
    }

    private static int u16(byte[] d, int p) {
        return ((d[p] & 0xFF) << 8) | (d[p + 1] & 0xFF);
    }

    private static long u32(byte[] d, int p) {
        return ((long) (d[p] & 0xFF) << 24) | ((d[p + 1] & 0xFF) << 16) | ((d[p + 2] & 0xFF) << 8) | (d[p + 3] & 0xFF);
    }
}
