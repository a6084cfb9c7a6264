package tcplab.sim;

import java.util.List;
import java.util.Map;
import tcplab.i18n.Lang;

/**
 * A scenario as written in a scenario file: hosts, the link, and the applications' timed actions.
 * {@link ScenarioLoader} reads it; {@link ScenarioRunner} turns it into a {@link Simulation}.
 *
 * @param name    the scenario's name (the file name for built-in scenarios)
 * @param source  where it came from, for messages
 * @param title   a title per language
 * @param about   what happens, per language
 * @param seed    the default seed (overridden by --seed)
 * @param untilMs stop after this virtual time, or -1 to run until nothing is left to happen
 */
public record Scenario(String name, String source, Map<Lang, String> title, Map<Lang, String> about,
                       long seed, double delayMs, double loss, List<DropRule> drops,
                       List<HostSpec> hosts, List<Action> actions, double untilMs) {

    /** A host line: {@code client: {address: 10.0.0.1, profile: linux}}. */
    public record HostSpec(String name, int address, String profile, Map<String, Long> settings,
                           Profile.ClosedPort closedPorts, int line) {
    }

    /** A destination: a host of the scenario by name, or a bare address (which may have no host). */
    public record Target(String hostName, int address, int port) {
        @Override
        public String toString() {
            return (hostName != null ? hostName : tcplab.tcp.Endpoint.formatAddress(address)) + ":" + port;
        }
    }

    /** A timed application action. */
    public sealed interface Action permits Listen, Connect, Send, Close, Abort, Restart, Flood, Scan {
        double atMs();

        String host();

        int line();
    }

    public record Listen(double atMs, String host, int line, int port, int backlog, boolean accept,
                         String program, AppBehavior app) implements Action {
    }

    /** {@code count} connections, one every {@code intervalMs}. */
    public record Connect(double atMs, String host, int line, Target to, int fromPort, String program,
                          AppBehavior app, int count, double intervalMs) implements Action {
    }

    /** Send on the host's connections (those on {@code port}, or all when 0). */
    public record Send(double atMs, String host, int line, int bytes, String text, int port) implements Action {
    }

    /** Close the host's connections (those on {@code port}, or all when 0), or its listener on {@code listenerPort}. */
    public record Close(double atMs, String host, int line, int port, int listenerPort) implements Action {
    }

    public record Abort(double atMs, String host, int line, int port) implements Action {
    }

    /** The host crashes and restarts: its connections vanish silently. */
    public record Restart(double atMs, String host, int line) implements Action {
    }

    /** Raw SYNs with spoofed sources from {@code spoofBase}/{@code spoofPrefix}: a SYN flood. */
    public record Flood(double atMs, String host, int line, Target to, int count, double intervalMs,
                        int spoofBase, int spoofPrefix) implements Action {
    }

    /** connect() to every target address × port, one every {@code intervalMs}: a scanning worm. */
    public record Scan(double atMs, String host, int line, List<Integer> targets, List<Integer> ports,
                       double intervalMs, String program) implements Action {
    }

    public String title(Lang lang) {
        return title.getOrDefault(lang, name);
    }

    public String about(Lang lang) {
        return about.getOrDefault(lang, "");
    }
}
