package tcplab.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tcplab.i18n.Lang;
import tcplab.tcp.Endpoint;

/**
 * Builds a {@link Scenario} in code, for scenarios a program makes (the quiz's): typed hosts and
 * actions instead of a file's text. {@link ScenarioWriter} writes the result as a file that reads
 * back as the same scenario.
 */
public final class ScenarioBuilder {
    private final String name;
    private final long seed;
    private Map<Lang, String> title = Map.of();
    private double delayMs = 100;
    private final List<Scenario.HostSpec> hosts = new ArrayList<>();
    private final List<Scenario.Action> actions = new ArrayList<>();

    public ScenarioBuilder(String name, long seed) {
        this.name = name;
        this.seed = seed;
    }

    public ScenarioBuilder title(String en, String zh) {
        this.title = Map.of(Lang.EN, en, Lang.ZH, zh);
        return this;
    }

    /** The link's one-way delay. */
    public ScenarioBuilder delayMs(double ms) {
        this.delayMs = ms;
        return this;
    }

    public ScenarioBuilder host(String hostName, String address, String profile) {
        return host(hostName, address, profile, Map.of());
    }

    /** A host with profile settings ({@code tcp_syncookies: 0}). */
    public ScenarioBuilder host(String hostName, String address, String profile, Map<String, Long> settings) {
        hosts.add(new Scenario.HostSpec(hostName, Endpoint.parseAddress(address), profile, Map.copyOf(settings),
                Profile.ClosedPort.RESET, 0));
        return this;
    }

    /** A program listening on {@code port}; {@code app} says what it does with each connection. */
    public ScenarioBuilder listen(double atMs, String host, int port, int backlog, String program, AppBehavior app) {
        actions.add(new Scenario.Listen(atMs, host, 0, port, backlog, true, program, app));
        return this;
    }

    /** {@code count} connections to {@code host:port} of the scenario, one every {@code intervalMs}. */
    public ScenarioBuilder connect(double atMs, String host, String toHost, int port, String program, AppBehavior app,
                                   int count, double intervalMs) {
        actions.add(new Scenario.Connect(atMs, host, 0, new Scenario.Target(toHost, 0, port), 0, program, app, count, intervalMs));
        return this;
    }

    /** One connection to an address that is no host of the scenario (nothing answers it). */
    public ScenarioBuilder connectToAddress(double atMs, String host, String address, int port, String program) {
        actions.add(new Scenario.Connect(atMs, host, 0, new Scenario.Target(null, Endpoint.parseAddress(address), port), 0,
                program, AppBehavior.PASSIVE, 1, 0));
        return this;
    }

    /** The host's program closes all its connections. */
    public ScenarioBuilder close(double atMs, String host) {
        actions.add(new Scenario.Close(atMs, host, 0, 0, 0));
        return this;
    }

    /** {@code count} SYNs with spoofed sources from 198.51.100.0/24 (the loader's default). */
    public ScenarioBuilder flood(double atMs, String host, String toHost, int port, int count, double intervalMs) {
        actions.add(new Scenario.Flood(atMs, host, 0, new Scenario.Target(toHost, 0, port), count, intervalMs,
                Endpoint.parseAddress("198.51.100.0"), 24));
        return this;
    }

    /** connect() to every address from {@code first} on, {@code n} of them, on {@code port}. */
    public ScenarioBuilder scan(double atMs, String host, String first, int n, int port, double intervalMs, String program) {
        List<Integer> targets = new ArrayList<>();
        int base = Endpoint.parseAddress(first);
        for (int i = 0; i < n; i++) {
            targets.add(base + i);
        }
        actions.add(new Scenario.Scan(atMs, host, 0, targets, List.of(port), intervalMs, program));
        return this;
    }

    public Scenario build() {
        return new Scenario(name, name + ".yaml", title, Map.of(), seed, delayMs, 0, List.of(), List.copyOf(hosts),
                List.copyOf(actions), -1);
    }

    // ------------------------------------------------------------------ what a program does

    /** Sends a request once connected. */
    public static AppBehavior request(int bytes, String text) {
        return new AppBehavior(bytes, text, 0, null, -1, -1);
    }

    /** Answers each request with a reply. */
    public static AppBehavior reply(int bytes, String text) {
        return new AppBehavior(0, null, bytes, text, -1, -1);
    }
}
