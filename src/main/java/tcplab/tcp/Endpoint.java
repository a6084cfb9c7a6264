package tcplab.tcp;

/** One end of a connection: an IPv4 address (as a 32-bit int) and a port. */
public record Endpoint(int address, int port) {

    public static Endpoint of(String dottedQuad, int port) {
        return new Endpoint(parseAddress(dottedQuad), port);
    }

    /** Parses a dotted-quad IPv4 address; throws IllegalArgumentException when it is not one. */
    public static int parseAddress(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        int a = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            a = (a << 8) | v;
        }
        return a;
    }

    public static String formatAddress(int address) {
        return ((address >>> 24) & 255) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "." + (address & 255);
    }

    public String addressText() {
        return formatAddress(address);
    }

    @Override
    public String toString() {
        return formatAddress(address) + ":" + port;
    }
}
