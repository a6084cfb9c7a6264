package tcplab.netstat;

/** Address family of a socket; a dual-stack IPv6 socket is {@link #IPV6} with {@code dualStack}. */
public enum Family {
    IPV4, IPV6;

    /** {@code ipv4} / {@code ipv6}: the spelling of the jsonl output. */
    public String jsonName() {
        return this == IPV4 ? "ipv4" : "ipv6";
    }

    /** The address family of an address text: a colon means IPv6, anything else IPv4 (or a name). */
    public static Family of(String address) {
        return address != null && address.indexOf(':') >= 0 ? IPV6 : IPV4;
    }

    /** The "any address" of this family, which every tool prints in its own way. */
    public String anyAddress() {
        return this == IPV4 ? "0.0.0.0" : "::";
    }
}
