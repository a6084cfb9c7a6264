package tcplab.netstat;

/** Small, allocation-light helpers for address texts as tools print them. */
public final class Addresses {
    private Addresses() {
    }

    /** 0.0.0.0 and :: (with or without brackets): every interface, or no peer. */
    public static boolean isAny(String a) {
        return a.equals("0.0.0.0") || a.equals("::") || a.equals("*") || a.equals("[::]") || a.equals("::0")
                || a.equals("0:0:0:0:0:0:0:0");
    }

    /** 127.0.0.0/8, ::1, ::ffff:127.x and the name localhost: this machine only. */
    public static boolean isLoopback(String a) {
        if (a.isEmpty()) {
            return false;
        }
        // Called for both ends of every row: reject by the first character before comparing.
        char c = a.charAt(0);
        if (c == '1') {
            return a.startsWith("127.");
        }
        if (c == ':') {
            return a.equals("::1") || a.startsWith("::ffff:127.") || a.startsWith("::1%");
        }
        if (c == 'l' || c == 'L') {
            // Only the names that mean loopback wherever they are looked up (RFC 6761 section 6.3;
            // Debian's /etc/hosts adds localhost6 and ip6-localhost). A name that merely starts
            // with "localhost" is another matter: "localhost.localdomain" is the host name of many
            // badly configured machines, printed for their LAN address too, and a name cut short
            // by the tool ("localhost.localdoma...") says nothing of the address behind it.
            return a.equalsIgnoreCase("localhost") || a.equalsIgnoreCase("localhost6");
        }
        if (c == 'i' || c == 'I') {
            return a.equalsIgnoreCase("ip6-localhost") || a.equalsIgnoreCase("ip6-loopback");
        }
        return false;
    }

    /** True when the text looks like a numeric IPv4 or IPv6 address (not a host name). */
    public static boolean isNumeric(String a) {
        int n = a.length();
        if (n == 0) {
            return false;
        }
        // The usual case first, in a loop of its own: a dotted IPv4 address, digits and dots only.
        int i = 0;
        int dots = 0;
        for (; i < n; i++) {
            char c = a.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                break;
            }
        }
        if (i == n) {
            return dots > 0 && a.charAt(0) != '.';
        }
        boolean colon = false;
        boolean hexLetter = false;
        int firstDot = -1;
        for (int k = 0; k < n; k++) {
            char c = a.charAt(k);
            if (c >= '0' && c <= '9') {
                continue;
            }
            if (c == '.') {
                if (firstDot < 0) {
                    firstDot = k;
                }
            } else if (c == ':') {
                colon = true;
            } else if (c == '%') {
                return colon; // zone id: the rest is an interface name
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                hexLetter = true;
            } else {
                return false;
            }
        }
        if (colon) {
            return true;
        }
        // IPv4: digits and dots only, e.g. "10.0.0.1"; "deaf.cafe" is a name.
        return !hexLetter && firstDot > 0;
    }

    /** An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}): an IPv4 peer on an IPv6 socket. */
    public static boolean isV4Mapped(String a) {
        return a.regionMatches(true, 0, "::ffff:", 0, 7) && a.indexOf('.') > 0;
    }

    /**
     * Private (RFC 1918), link-local or unique-local: a peer on the local network. An IPv4-mapped
     * address ({@code ::ffff:10.0.0.9}, RFC 4291 §2.5.5.2) is judged by its IPv4 part.
     */
    public static boolean isPrivate(String a) {
        if (!a.isEmpty() && a.charAt(0) == ':' && isV4Mapped(a)) {
            return isPrivate(a.substring(7));
        }
        if (a.startsWith("10.") || a.startsWith("192.168.") || a.startsWith("169.254.")) {
            return true;
        }
        if (a.startsWith("172.")) {
            int dot = a.indexOf('.', 4);
            if (dot > 4) {
                try {
                    int second = Integer.parseInt(a.substring(4, dot));
                    return second >= 16 && second <= 31;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        // Link-local fe80::/10 as tools print it, and unique local fc00::/7; any letter case,
        // without a lower-cased copy per row.
        return a.regionMatches(true, 0, "fe80:", 0, 5) || a.regionMatches(true, 0, "fc", 0, 2)
                || a.regionMatches(true, 0, "fd", 0, 2);
    }

    /** Parses a decimal port of at most 5 digits; -1 when it is not one. */
    public static int parsePort(CharSequence s, int from, int to) {
        int n = to - from;
        if (n <= 0 || n > 5) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 65535 ? v : -1;
    }

    /** Parses a non-negative decimal number (queues, PIDs); -1 when it is not one or too long. */
    public static long parseLong(String s) {
        int n = s.length();
        if (n == 0 || n > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * The address of a /proc/net/tcp field: 8 hex digits for IPv4 and 32 for IPv6, each 32-bit
     * word in the host's (little-endian) byte order. Null when the text is not such a field.
     */
    public static String fromProcHex(String hex) {
        if (hex.length() == 8) {
            long v = parseHex(hex);
            if (v < 0) {
                return null;
            }
            return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
        }
        if (hex.length() == 32) {
            int[] bytes = new int[16];
            for (int w = 0; w < 4; w++) {
                long v = parseHex(hex.substring(w * 8, w * 8 + 8));
                if (v < 0) {
                    return null;
                }
                for (int b = 0; b < 4; b++) {
                    bytes[w * 4 + b] = (int) ((v >> (8 * b)) & 0xff);
                }
            }
            return formatIpv6(bytes);
        }
        return null;
    }

    /** The /proc/net/tcp hex form of an address (inverse of {@link #fromProcHex}); null if not numeric. */
    public static String toProcHex(String address) {
        if (address.indexOf(':') < 0) {
            String[] p = address.split("\\.");
            if (p.length != 4) {
                return null;
            }
            StringBuilder sb = new StringBuilder(8);
            for (int i = 3; i >= 0; i--) {
                sb.append(String.format("%02X", Integer.parseInt(p[i])));
            }
            return sb.toString();
        }
        int[] bytes = parseIpv6(address);
        if (bytes == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(32);
        for (int w = 0; w < 4; w++) {
            for (int b = 3; b >= 0; b--) {
                sb.append(String.format("%02X", bytes[w * 4 + b]));
            }
        }
        return sb.toString();
    }

    /** The value of hex digits {@code s} (0 when empty), or -1 if any is not a hex digit. */
    static long parseHex(String s) {
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** RFC 5952 text of 16 bytes: lower case, longest run of zero groups as {@code ::}, v4-mapped dotted. */
    public static String formatIpv6(int[] b) {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        if (mapped && b[10] == 0xff && b[11] == 0xff) {
            return "::ffff:" + b[12] + "." + b[13] + "." + b[14] + "." + b[15];
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (b[2 * i] << 8) | b[2 * i + 1];
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** 16 bytes of an IPv6 text (no zone, no brackets); null when it is not one. */
    public static int[] parseIpv6(String s) {
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        int[] out = new int[16];
        String head = s;
        String tail = "";
        int dbl = s.indexOf("::");
        if (dbl >= 0) {
            head = s.substring(0, dbl);
            tail = s.substring(dbl + 2);
        }
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null || h.length + t.length > 8 || (dbl < 0 && h.length != 8)) {
            return null;
        }
        for (int i = 0; i < h.length; i++) {
            out[2 * i] = h[i] >> 8;
            out[2 * i + 1] = h[i] & 0xff;
        }
        for (int i = 0; i < t.length; i++) {
            int k = 8 - t.length + i;
            out[2 * k] = t[i] >> 8;
            out[2 * k + 1] = t[i] & 0xff;
        }
        return out;
    }

    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        java.util.List<Integer> vals = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') > 0) {
                String[] q = p.split("\\.");
                if (q.length != 4) {
                    return null;
                }
                int[] v = new int[4];
                for (int k = 0; k < 4; k++) {
                    long x = parseLong(q[k]);
                    if (x < 0 || x > 255) {
                        return null;
                    }
                    v[k] = (int) x;
                }
                vals.add((v[0] << 8) | v[1]);
                vals.add((v[2] << 8) | v[3]);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            long x = parseHex(p);
            if (x < 0) {
                return null;
            }
            vals.add((int) x);
        }
        int[] r = new int[vals.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = vals.get(i);
        }
        return r;
    }
}
