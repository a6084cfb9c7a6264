package tcplab.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tcplab.tcp.Endpoint;
import tcplab.tcp.TcpConfig;

/** A simulated machine: one IPv4 address, a profile, and a socket table. */
public final class Host {
    private final String name;
    private final int address;
    private final Profile profile;
    private final TcpConfig config;
    private final Profile.ClosedPort closedPort;
    private final SplittableRandom random;

    /** Every socket in creation order: the order netstat lists them. */
    private final List<Sock> sockets = new ArrayList<>();
    private final Map<Long, Sock> connections = new HashMap<>();
    private final Map<Integer, Sock> listeners = new HashMap<>();
    private final Map<String, Integer> pids = new LinkedHashMap<>();
    private int nextPort = -1;

    Host(String name, int address, Profile profile, Profile.ClosedPort closedPort, SplittableRandom random) {
        this.name = name;
        this.address = address;
        this.profile = profile;
        this.config = profile.tcpConfig();
        this.closedPort = closedPort;
        this.random = random;
    }

    public String name() {
        return name;
    }

    public int address() {
        return address;
    }

    public String addressText() {
        return Endpoint.formatAddress(address);
    }

    public Profile profile() {
        return profile;
    }

    TcpConfig config() {
        return config;
    }

    public Profile.ClosedPort closedPort() {
        return closedPort;
    }

    /** The socket table now, in creation order (closed sockets are gone). */
    public List<Sock> sockets() {
        return Collections.unmodifiableList(sockets);
    }

    static long key(int localPort, Endpoint remote) {
        return ((long) remote.address() << 32) | ((long) remote.port() << 16) | localPort;
    }

    Sock connection(int localPort, Endpoint remote) {
        return connections.get(key(localPort, remote));
    }

    Sock listener(int port) {
        return listeners.get(port);
    }

    void addListener(Sock s) {
        listeners.put(s.local().port(), s);
        sockets.add(s);
    }

    void addConnection(Sock s) {
        connections.put(key(s.local().port(), s.endpoint().remote()), s);
        sockets.add(s);
    }

    void remove(Sock s) {
        if (s.removed) {
            return;
        }
        s.removed = true;
        if (s.kind == Sock.Kind.LISTENER) {
            listeners.remove(s.local().port(), s);
        } else if (s.endpoint().remote() != null) {
            connections.remove(key(s.local().port(), s.endpoint().remote()), s);
        }
        sockets.remove(s);
    }

    boolean portInUse(int port) {
        if (listeners.containsKey(port)) {
            return true;
        }
        for (Sock s : sockets) {
            if (s.local().port() == port) {
                return true;
            }
        }
        return false;
    }

    /**
     * The next client port from the profile's ephemeral range. Windows hands out the next free
     * port in order ("each new connection gets the next port", the seeds); Linux starts at a
     * seeded random offset and then walks the range (RFC 6056 §3.3.4 style). Returns -1 when the
     * range is exhausted: every port is in use (by TIME-WAIT connections, typically).
     */
    int allocateEphemeralPort() {
        int lo = profile.ephemeralLow();
        int hi = profile.ephemeralHigh();
        int span = hi - lo + 1;
        if (nextPort < 0) {
            nextPort = profile.sequentialPorts() ? lo : lo + random.nextInt(span);
        }
        for (int i = 0; i < span; i++) {
            int p = nextPort;
            nextPort = p >= hi ? lo : p + 1;
            if (!portInUse(p)) {
                return p;
            }
        }
        return -1;
    }

    /** A stable PID per program on this host, drawn from the seeded source the first time. */
    int pidFor(String program) {
        if (program == null) {
            return 0;
        }
        return pids.computeIfAbsent(program, p -> {
            if (profile.isWindows()) {
                if (p.equalsIgnoreCase("System")) {
                    return 4;
                }
                return 4 * (100 + random.nextInt(2400)); // Windows PIDs are multiples of 4
            }
            return 300 + random.nextInt(40_000);
        });
    }

    @Override
    public String toString() {
        return name + " " + addressText() + " (" + profile + ")";
    }
}
