package tcplab.capture;

/**
 * The link types this reader understands, by their LINKTYPE_ number of the tcpdump.org list
 * (the number stored in pcap headers and pcapng interface blocks).
 */
public final class LinkTypes {
    /** BSD loopback: a 4-byte address family in the writer's byte order, then IP. */
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** Raw IP; 12 and 14 are the DLT_RAW values some systems wrote before LINKTYPE_RAW existed. */
    public static final int RAW = 101;
    public static final int RAW_12 = 12;
    public static final int RAW_14 = 14;
    /** OpenBSD loopback: like NULL but the family is in network byte order. */
    public static final int LOOP = 108;
    /** Linux "cooked" capture v1 (tcpdump -i any before libpcap 1.10). */
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    /** Linux "cooked" capture v2 (tcpdump -i any with libpcap 1.10+). */
    public static final int LINUX_SLL2 = 276;

    private LinkTypes() {
    }

    public static boolean supported(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, RAW, RAW_12, RAW_14, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }
}
