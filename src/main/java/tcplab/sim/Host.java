package tcplab.sim;

import java.util.ArrayList;
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

    /** Every socket by id, in creation order (the order netstat lists them); O(1) removal. */
    private final Map<Integer, Sock> sockets = new LinkedHashMap<>();
    /** How many sockets use each local port: an O(1) "is this port free?". */
    private final int[] portUse = new int[65536];
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

    /** The socket table now, in creation order (closed sockets are gone): a snapshot. */
    public List<Sock> sockets() {
        return new ArrayList<>(sockets.values());
    }

    /** How many sockets the table holds now. */
    public int socketCount() {
        return sockets.size();
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
        add(s);
    }

    void addConnection(Sock s) {
        connections.put(key(s.local().port(), s.endpoint().remote()), s);
        add(s);
    }

    private void add(Sock s) {
        sockets.put(s.id, s);
        portUse[s.local().port()]++;
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
        if (sockets.remove(s.id) != null) {
            portUse[s.local().port()]--;
        }
    }

    boolean portInUse(int port) {
        return portUse[port] > 0;
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
