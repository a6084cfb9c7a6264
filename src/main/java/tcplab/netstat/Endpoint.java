package tcplab.netstat;

/**
 * One end of a socket as a tool shows it.
 *
 * @param address the address in canonical text: IPv4 dotted quad, IPv6 without brackets (a zone
 *                id or interface kept as {@code %zone}), or a host name when the tool printed
 *                names ({@code fdlpw}, {@code localhost}); the wildcard is {@code 0.0.0.0} or
 *                {@code ::} whatever the tool printed ({@code *}, {@code [::]}, {@code *.*})
 * @param port    the port number, or null when the tool printed {@code *} (no port yet)
 */
public record Endpoint(String address, Integer port) {
    public Endpoint {
        if (address == null) {
            throw new IllegalArgumentException("address is null (use 0.0.0.0 or :: for any)");
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static Endpoint of(String address, int port) {
        return new Endpoint(address, port);
    }

    /** An address with no port ({@code *}), as in Linux's {@code 0.0.0.0:*}. */
    public static Endpoint anyPort(String address) {
        return new Endpoint(address, null);
    }

    /** {@code address}, in brackets when it is IPv6 (its colons would run into the port's). */
    public static String bracketed(String address) {
        return address.indexOf(':') >= 0 ? "[" + address + "]" : address;
    }

    /**
     * An end as the tool printed it: its own host and port texts ({@code rawHost},
     * {@code rawPort}, null when it printed the canonical value), else the canonical ones, IPv6
     * in brackets, {@code *} for no port.
     */
    public static String shown(String address, Integer port, String rawHost, String rawPort) {
        return (rawHost != null ? rawHost : bracketed(address)) + ":"
                + (rawPort != null ? rawPort : port == null ? "*" : port.toString());
    }

    /** True for 0.0.0.0 and :: (every interface / no peer). */
    public boolean isAnyAddress() {
        return Addresses.isAny(address);
    }
}
