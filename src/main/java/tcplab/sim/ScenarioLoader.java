package tcplab.sim;

import static tcplab.yaml.YamlChecks.parseLong;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tcplab.i18n.Lang;
import tcplab.i18n.Problem;
import tcplab.i18n.ProblemException;
import tcplab.tcp.Endpoint;
import tcplab.tcp.Flags;
import tcplab.yaml.YNode;

/**
 * Reads scenario files (YAML; the format is documented in
 * {@code src/main/resources/tcplab/scenarios/README.md}). Every mistake is collected, not just the
 * first, and each is reported as {@code file:line: what is wrong}, with the fix where one is clear.
 */
public final class ScenarioLoader {
    public static final String BUNDLE = "tcplab.sim.Scenarios";
    private static final String BUILTIN_DIR = "/tcplab/scenarios/";

    /** The built-in scenarios, in the order the README lists them. */
    public static final List<String> BUILTIN = List.of(
            "handshake", "data", "active-close", "passive-close", "simultaneous-open", "simultaneous-close",
            "refused", "syn-timeout", "syn-flood", "syn-flood-cookies", "worm-scan", "half-open", "close-unread");

    private static final Set<String> TOP_KEYS = Set.of("scenario", "title", "about", "seed", "hosts", "link", "actions", "until_ms");
    private static final Set<String> HOST_KEYS = Set.of("address", "profile", "set", "closed_ports");
    private static final Set<String> LINK_KEYS = Set.of("delay_ms", "loss", "drop");
    private static final Set<String> DROP_KEYS = Set.of("flags", "from", "to", "nth", "count", "after_ms");
    private static final List<String> ACTIONS = List.of("listen", "connect", "send", "close", "abort", "restart", "flood", "scan");
    private static final Map<String, Set<String>> ACTION_KEYS = Map.of(
            "listen", Set.of("port", "backlog", "accept", "program", "reply", "close_after_eof_ms", "close_after_ms", "read_after_ms"),
            "connect", Set.of("to", "from_port", "program", "send", "close_after_eof_ms", "close_after_ms", "read_after_ms",
                    "count", "interval_ms"),
            "send", Set.of("bytes", "text", "port"),
            "close", Set.of("port", "listener"),
            "abort", Set.of("port"),
            "restart", Set.of(),
            "flood", Set.of("to", "count", "interval_ms", "spoof"),
            "scan", Set.of("targets", "ports", "interval_ms", "program"));
    private static final Set<String> COMMON_ACTION_KEYS = Set.of("at", "host", "do");

    /**
     * A scenario is a lesson's picture, not a load test: past these limits a file is a mistake
     * (or an attack: 100,000 hosts, or one scan of 65,536 addresses × 1,000 ports, in 4 KB used
     * to run the program out of memory). Checked while loading, before anything is expanded.
     */
    public static final int MAX_HOSTS = 1_000;
    /** Actions listed under {@code actions:}. */
    public static final int MAX_ACTIONS = 10_000;
    /**
     * Connections the actions open once their counts and ranges are expanded: each connect's
     * {@code count}, each flood's {@code count} (a half-open connection each) and each scan's
     * targets × ports, all actions together. Every one is an event scheduled when the run starts.
     */
    public static final long MAX_CONNECTIONS = 100_000;

    private final tcplab.yaml.YamlChecks checks;
    /** Connections the actions read so far open (see {@link #MAX_CONNECTIONS}). */
    private long connections;
    /** The problems found, in the checks' own list: one list for everything this file gets wrong. */
    private final List<Problem> problems;
    private final String file;

    private ScenarioLoader(String file) {
        this.checks = new tcplab.yaml.YamlChecks(file, BUNDLE, "scenario");
        this.problems = checks.problems();
        this.file = file;
    }

    /** Whether {@code name} is a built-in scenario. */
    public static boolean isBuiltin(String name) {
        return BUILTIN.contains(name);
    }

    /** Loads a built-in scenario by name. */
    public static Scenario builtin(String name) throws ProblemException {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(BUILTIN_DIR + name + ".yaml")) {
            if (in == null) {
                throw new ProblemException(new Problem(name, 0, BUNDLE, "scenario.unknownBuiltin", name, String.join(", ", BUILTIN)));
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yaml");
        } catch (IOException e) {
            throw new ProblemException(new Problem(name, 0, BUNDLE, "scenario.cannotRead", e.getMessage()));
        }
    }

    /** Loads a scenario file: at most {@link YNode.Format#SCENARIO}'s size, UTF-8. */
    public static Scenario load(Path path) throws ProblemException {
        return parse(YNode.read(path, YNode.Format.SCENARIO), path.toString());
    }

    /** A built-in name or a path: how the command line and the window refer to a scenario. */
    public static Scenario byNameOrPath(String nameOrPath) throws ProblemException {
        if (isBuiltin(nameOrPath)) {
            return builtin(nameOrPath);
        }
        Path p = Path.of(nameOrPath);
        if (!Files.exists(p) && !nameOrPath.contains("/") && !nameOrPath.contains("\\") && !nameOrPath.contains(".")) {
            throw new ProblemException(new Problem(nameOrPath, 0, BUNDLE, "scenario.unknownBuiltin", nameOrPath, String.join(", ", BUILTIN)));
        }
        return load(p);
    }

    /** Parses scenario text; {@code file} names it in messages. */
    public static Scenario parse(String text, String file) throws ProblemException {
        return fromNode(YNode.parse(text, file, YNode.Format.SCENARIO), file);
    }

    /** {@link #parse(String, String)} that stops when {@code cancelled} says so (the window's Cancel). */
    public static Scenario parse(String text, String file, java.util.function.BooleanSupplier cancelled) throws ProblemException {
        return fromNode(YNode.parse(text, file, YNode.Format.SCENARIO, cancelled), file);
    }

    /** Reads a scenario from YAML already parsed (a lesson's inline scenario); {@code file} names it in messages. */
    public static Scenario fromNode(YNode root, String file) throws ProblemException {
        ScenarioLoader l = new ScenarioLoader(file);
        Scenario s = l.read(root);
        if (!l.problems.isEmpty()) {
            // In the order of the file, as a reader fixes them.
            l.problems.sort(java.util.Comparator.comparingInt(Problem::line));
            throw new ProblemException(l.problems);
        }
        return s;
    }

    // ------------------------------------------------------------------ reading

    private Scenario read(YNode root) {
        if (!root.isMap()) {
            problem(root, "scenario.notMap", "scenario");
            return null;
        }
        checks.checkKeys(root, TOP_KEYS, "scenario");
        String name = checks.text(root, "scenario", null);
        if (name == null) {
            problem(root, "scenario.missing", "scenario", "scenario: my-scenario");
            name = "?";
        }
        Map<Lang, String> title = checks.langText(root, "title", true);
        Map<Lang, String> about = checks.langText(root, "about", false);
        long seed = (long) checks.number(root, "seed", 1, 0, Long.MAX_VALUE, true);
        double until = checks.number(root, "until_ms", -1, 0, 86_400_000, false);

        double delay = 100;
        double loss = 0;
        List<DropRule> drops = new ArrayList<>();
        YNode link = root.get("link");
        if (link != null) {
            if (checks.expectMap(link, "link")) {
                checks.checkKeys(link, LINK_KEYS, "link");
                delay = checks.number(link, "delay_ms", 100, 0, 600_000, false);
                loss = checks.number(link, "loss", 0, 0, 1, false);
                YNode d = link.get("drop");
                if (d != null && checks.expectList(d, "link.drop")) {
                    for (YNode rule : d.items()) {
                        DropRule r = dropRule(rule);
                        if (r != null) {
                            drops.add(r);
                        }
                    }
                }
            }
        }

        List<Scenario.HostSpec> hosts = new ArrayList<>();
        YNode hostsNode = root.get("hosts");
        if (hostsNode == null) {
            problem(root, "scenario.missing", "hosts", "hosts: {client: {address: 10.0.0.1}}");
        } else if (checks.expectMap(hostsNode, "hosts")) {
            Set<Integer> addresses = new LinkedHashSet<>();
            int count = 0;
            for (Map.Entry<String, YNode> e : hostsNode.entries().entrySet()) {
                if (++count > MAX_HOSTS) {
                    problems.add(new Problem(file, hostsNode.keyLine(e.getKey()), BUNDLE, "scenario.tooManyHosts", MAX_HOSTS));
                    break;
                }
                Scenario.HostSpec h = host(e.getKey(), e.getValue(), hostsNode.keyLine(e.getKey()));
                if (h != null) {
                    if (!addresses.add(h.address())) {
                        problem(e.getValue(), "scenario.duplicateAddress", Endpoint.formatAddress(h.address()));
                    }
                    hosts.add(h);
                }
            }
            if (hostsNode.entries().isEmpty()) {
                problem(hostsNode, "scenario.noHosts");
            }
        }
        // Every declared host counts as known, even one with a mistake of its own, so that one
        // wrong address does not also make every action on that host "unknown".
        Set<String> hostNames = new LinkedHashSet<>();
        if (hostsNode != null && hostsNode.isMap()) {
            hostNames.addAll(hostsNode.entries().keySet());
        }
        for (DropRule r : drops) {
            checkHostName(r.from(), hostNames, link, r.source());
            checkHostName(r.to(), hostNames, link, r.source());
        }

        List<Scenario.Action> actions = new ArrayList<>();
        YNode actionsNode = root.get("actions");
        if (actionsNode == null) {
            problem(root, "scenario.missing", "actions", "actions: [{at: 0, host: server, do: listen, port: 80}]");
        } else if (checks.expectList(actionsNode, "actions")) {
            int count = 0;
            for (YNode a : actionsNode.items()) {
                if (++count > MAX_ACTIONS) {
                    problem(a, "scenario.tooManyActions", MAX_ACTIONS);
                    break;
                }
                if (connections > MAX_CONNECTIONS) {
                    break; // said once, at the action that went past it
                }
                Scenario.Action act = action(a, hostNames);
                if (act != null) {
                    actions.add(act);
                }
            }
        }
        return new Scenario(name, file, title, about, seed, delay, loss, List.copyOf(drops), List.copyOf(hosts),
                List.copyOf(actions), until);
    }

    private void checkHostName(String name, Set<String> hostNames, YNode at, String source) {
        if (name != null && !hostNames.contains(name)) {
            int line = Integer.parseInt(source.substring(source.lastIndexOf(':') + 1));
            problems.add(new Problem(file, line, BUNDLE, "scenario.unknownHost", name, String.join(", ", hostNames)));
        }
    }

    /**
     * The widest host name, in terminal columns (a Chinese character takes two): it heads a column
     * of the text ladder, 34 columns wide once a run has more than two hosts, with a space after it.
     */
    public static final int MAX_HOST_NAME_COLUMNS = 32;

    /**
     * Whether {@code name} can name a host: a teacher writes names in any script (client, 学生机,
     * 网站, клиент), so a letter of any script first, then letters, digits and combining marks
     * (Devanagari or Thai need them), '.', '-' or '_'; nothing else. The name is printed in the
     * ladder, in netstat tables and in jsonl: no space (the netstat parser splits columns on
     * spaces, and the text ladder's columns would shift), no control or direction-override
     * character (they would reach the terminal), and at most {@link #MAX_HOST_NAME_COLUMNS}.
     */
    public static boolean isUsableHostName(String name) {
        if (name.isEmpty() || !Character.isLetter(name.codePointAt(0)) || TextLadder.width(name) > MAX_HOST_NAME_COLUMNS) {
            return false;
        }
        return name.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_'
                || Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.COMBINING_SPACING_MARK);
    }

    /** {@code s} with control, format and space characters as {@code \\uXXXX}: safe to print in a message. */
    static String shown(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || Character.isSpaceChar(c) && c != ' ') {
                sb.append(String.format(Locale.ROOT, "\\u%04X", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    private Scenario.HostSpec host(String name, YNode n, int line) {
        if (!isUsableHostName(name)) {
            problems.add(new Problem(file, line, BUNDLE, "scenario.badHostName", shown(name), MAX_HOST_NAME_COLUMNS,
                    MAX_HOST_NAME_COLUMNS / 2));
            return null;
        }
        if (!checks.expectMap(n, "hosts." + name)) {
            return null;
        }
        checks.checkKeys(n, HOST_KEYS, "hosts." + name);
        Integer address = address(n, "address", true);
        String profileName = checks.text(n, "profile", "linux");
        Profile profile = Profile.byName(profileName);
        if (profile == null) {
            problemAt(n, "profile", "scenario.unknownProfile", profileName, String.join(", ", Profile.NAMES));
        }
        Map<String, Long> settings = new LinkedHashMap<>();
        YNode set = n.get("set");
        if (set != null && checks.expectMap(set, "hosts." + name + ".set")) {
            for (Map.Entry<String, YNode> e : set.entries().entrySet()) {
                YNode v = e.getValue();
                Long value = parseLong(v.isScalar() ? v.text() : null);
                if (value == null) {
                    problem(v, "scenario.notInteger", e.getKey(), String.valueOf(v.text()));
                    continue;
                }
                if (profile != null) {
                    try {
                        profile = profile.with(e.getKey(), value);
                    } catch (Profile.UnknownSetting u) {
                        problems.add(new Problem(file, set.keyLine(e.getKey()), BUNDLE, "scenario.unknownSetting",
                                u.profile, u.setting, String.join(", ", u.known)));
                        continue;
                    } catch (Profile.BadSettingValue b) {
                        problem(v, "scenario.outOfRange", b.setting, String.valueOf(b.min), String.valueOf(b.max), String.valueOf(b.value));
                        continue;
                    }
                }
                settings.put(e.getKey(), value);
            }
            String[] reversed = profile == null ? null : profile.reversedRange();
            if (reversed != null) {
                problems.add(new Problem(file, set.keyLine(set.has(reversed[0]) ? reversed[0] : reversed[1]), BUNDLE,
                        "scenario.reversedRange", reversed[0], String.valueOf(profile.get(reversed[0])), reversed[1], String.valueOf(profile.get(reversed[1]))));
            }
        }
        String closed = checks.text(n, "closed_ports", "reset");
        Profile.ClosedPort cp = null;
        if (closed.equals("reset")) {
            cp = Profile.ClosedPort.RESET;
        } else if (closed.equals("drop")) {
            cp = Profile.ClosedPort.DROP;
        } else {
            problemAt(n, "closed_ports", "scenario.oneOf", "closed_ports", "reset, drop", closed);
        }
        if (address == null || profile == null || cp == null) {
            return null;
        }
        return new Scenario.HostSpec(name, address, profileName.toLowerCase(Locale.ROOT), Map.copyOf(settings), cp, line);
    }

    private DropRule dropRule(YNode n) {
        if (!checks.expectMap(n, "link.drop")) {
            return null;
        }
        checks.checkKeys(n, DROP_KEYS, "link.drop");
        int flags = -1;
        String f = checks.text(n, "flags", null);
        if (f != null) {
            flags = Flags.parse(f);
            if (flags <= 0) {
                problemAt(n, "flags", "scenario.badFlags", f);
            }
        }
        String from = checks.text(n, "from", null);
        String to = checks.text(n, "to", null);
        long nth = (long) checks.number(n, "nth", 0, 1, Long.MAX_VALUE, true);
        int count = (int) checks.number(n, "count", nth > 0 ? 1 : -1, 1, Integer.MAX_VALUE, true);
        double after = checks.number(n, "after_ms", 0, 0, 86_400_000, false);
        if (flags < 0 && from == null && to == null && nth == 0 && !n.has("after_ms")) {
            problem(n, "scenario.dropMatchesAll");
        }
        return new DropRule(flags, from, to, nth, count, after, file + ":" + n.line());
    }

    private Scenario.Action action(YNode n, Set<String> hostNames) {
        if (!checks.expectMap(n, "actions")) {
            return null;
        }
        String verb = checks.text(n, "do", null);
        if (verb == null) {
            problem(n, "scenario.missing", "do", "do: " + String.join("|", ACTIONS));
            return null;
        }
        if (!ACTIONS.contains(verb)) {
            problemAt(n, "do", "scenario.unknownAction", verb, String.join(", ", ACTIONS));
            return null;
        }
        Set<String> allowed = new LinkedHashSet<>(COMMON_ACTION_KEYS);
        allowed.addAll(ACTION_KEYS.get(verb));
        checks.checkKeys(n, allowed, "do: " + verb);
        double at = checks.number(n, "at", 0, 0, 86_400_000, false);
        String host = checks.text(n, "host", null);
        if (host == null) {
            problem(n, "scenario.missing", "host", "host: " + (hostNames.isEmpty() ? "client" : hostNames.iterator().next()));
            return null;
        }
        if (!hostNames.contains(host)) {
            problemAt(n, "host", "scenario.unknownHost", host, String.join(", ", hostNames));
            return null;
        }
        int line = n.line();
        switch (verb) {
            case "listen": {
                int port = (int) checks.number(n, "port", -1, 1, 65535, true);
                if (!n.has("port")) {
                    problem(n, "scenario.missing", "port", "port: 80");
                }
                int backlog = (int) checks.number(n, "backlog", 0, 1, 65535, true);
                boolean accept = bool(n, "accept", true);
                int replyBytes = 0;
                String replyText = null;
                YNode reply = n.get("reply");
                if (reply != null && checks.expectMap(reply, "reply")) {
                    checks.checkKeys(reply, Set.of("bytes", "text"), "reply");
                    replyBytes = (int) checks.number(reply, "bytes", 0, 1, 10_000_000, true);
                    replyText = checks.text(reply, "text", null);
                    if (!reply.has("bytes")) {
                        problem(reply, "scenario.missing", "bytes", "bytes: 512");
                    }
                }
                AppBehavior app = new AppBehavior(0, null, replyBytes, replyText,
                        checks.number(n, "close_after_eof_ms", -1, 0, 86_400_000, false),
                        checks.number(n, "close_after_ms", -1, 0, 86_400_000, false), readAfter(n));
                return new Scenario.Listen(at, host, line, port, backlog, accept, checks.text(n, "program", null), app);
            }
            case "connect": {
                Scenario.Target to = target(n, "to", hostNames);
                int fromPort = (int) checks.number(n, "from_port", 0, 1, 65535, true);
                int reqBytes = 0;
                String reqText = null;
                YNode send = n.get("send");
                if (send != null && checks.expectMap(send, "send")) {
                    checks.checkKeys(send, Set.of("bytes", "text"), "send");
                    reqBytes = (int) checks.number(send, "bytes", 0, 1, 10_000_000, true);
                    reqText = checks.text(send, "text", null);
                    if (!send.has("bytes")) {
                        problem(send, "scenario.missing", "bytes", "bytes: 78");
                    }
                }
                AppBehavior app = new AppBehavior(reqBytes, reqText, 0, null,
                        checks.number(n, "close_after_eof_ms", -1, 0, 86_400_000, false),
                        checks.number(n, "close_after_ms", -1, 0, 86_400_000, false), readAfter(n));
                int count = (int) checks.number(n, "count", 1, 1, 1_000_000, true);
                double interval = checks.number(n, "interval_ms", 0, 0, 86_400_000, false);
                if (count > 1 && fromPort > 0) {
                    problemAt(n, "count", "scenario.countWithFixedPort");
                }
                if (!open(n, count)) {
                    return null;
                }
                return to == null ? null : new Scenario.Connect(at, host, line, to, fromPort, checks.text(n, "program", null), app, count, interval);
            }
            case "send": {
                int bytes = (int) checks.number(n, "bytes", -1, 1, 10_000_000, true);
                if (!n.has("bytes")) {
                    problem(n, "scenario.missing", "bytes", "bytes: 100");
                }
                return new Scenario.Send(at, host, line, bytes, checks.text(n, "text", null), (int) checks.number(n, "port", 0, 1, 65535, true));
            }
            case "close":
                return new Scenario.Close(at, host, line, (int) checks.number(n, "port", 0, 1, 65535, true),
                        (int) checks.number(n, "listener", 0, 1, 65535, true));
            case "abort":
                return new Scenario.Abort(at, host, line, (int) checks.number(n, "port", 0, 1, 65535, true));
            case "restart":
                return new Scenario.Restart(at, host, line);
            case "flood": {
                Scenario.Target to = target(n, "to", hostNames);
                int count = (int) checks.number(n, "count", -1, 1, 1_000_000, true);
                if (!n.has("count")) {
                    problem(n, "scenario.missing", "count", "count: 200");
                }
                if (!open(n, Math.max(0, count))) {
                    return null;
                }
                double interval = checks.number(n, "interval_ms", 10, 0, 86_400_000, false);
                String spoof = checks.text(n, "spoof", "198.51.100.0/24");
                int[] cidr = cidr(spoof);
                if (cidr == null) {
                    problemAt(n, "spoof", "scenario.badCidr", spoof);
                    return null;
                }
                return to == null ? null : new Scenario.Flood(at, host, line, to, count, interval, cidr[0], cidr[1]);
            }
            default: { // scan
                List<Integer> ports = new ArrayList<>();
                YNode p = n.get("ports");
                if (p == null) {
                    problem(n, "scenario.missing", "ports", "ports: [135, 445]");
                } else if (checks.expectList(p, "ports")) {
                    for (YNode item : p.items()) {
                        Long v = parseLong(item.isScalar() ? item.text() : null);
                        if (v == null || v < 1 || v > 65535) {
                            problem(item, "scenario.outOfRange", "ports", "1", "65535", String.valueOf(item.text()));
                        } else {
                            ports.add(v.intValue());
                        }
                    }
                }
                // Counted before anything is expanded: each target gets every port.
                long targetCount = countAddresses(n, "targets");
                if (!open(n, targetCount * Math.max(1, ports.size()))) {
                    return null;
                }
                List<Integer> targets = addressList(n, "targets");
                double interval = checks.number(n, "interval_ms", 20, 0, 86_400_000, false);
                return targets == null ? null : new Scenario.Scan(at, host, line, targets, ports, interval, checks.text(n, "program", null));
            }
        }
    }

    /**
     * Counts {@code more} connections opened by the action at {@code n} against
     * {@link #MAX_CONNECTIONS}; false (with the problem at its line) when they go past it.
     */
    private boolean open(YNode n, long more) {
        connections += more;
        if (connections > MAX_CONNECTIONS) {
            problem(n, "scenario.tooManyConnections", MAX_CONNECTIONS, connections);
            return false;
        }
        return true;
    }

    /** How many addresses {@link #addressList} would give, without making the list. */
    private long countAddresses(YNode map, String key) {
        YNode v = map.get(key);
        if (v == null) {
            return 0; // addressList says it is missing
        }
        long total = 0;
        for (YNode item : v.isList() ? v.items() : List.of(v)) {
            String t = item.isScalar() ? item.text().trim() : "";
            int dash = t.indexOf('-');
            if (dash < 0) {
                total++;
                continue;
            }
            try {
                long span = Integer.toUnsignedLong(Endpoint.parseAddress(t.substring(dash + 1)))
                        - Integer.toUnsignedLong(Endpoint.parseAddress(t.substring(0, dash)));
                total += span >= 0 && span <= 65_535 ? span + 1 : 0; // a bad range is reported by addressList
            } catch (IllegalArgumentException e) {
                // reported by addressList
            }
        }
        return total;
    }

    // ------------------------------------------------------------------ value helpers

    /** {@code read_after_ms}: milliseconds (0, the default: reads at once) or {@code never}. */
    private double readAfter(YNode map) {
        YNode v = map.get("read_after_ms");
        if (v != null && v.isScalar() && v.text().trim().equalsIgnoreCase("never")) {
            return AppBehavior.NEVER_READS;
        }
        if (v != null) {
            try {
                Double.parseDouble(v.isScalar() ? v.text().trim().replace("_", "") : "");
            } catch (NumberFormatException e) {
                problem(v, "scenario.notMsOrNever", "read_after_ms", String.valueOf(v.text()));
                return 0;
            }
        }
        return checks.number(map, "read_after_ms", 0, 0, 86_400_000, false);
    }

    private boolean bool(YNode map, String key, boolean def) {
        YNode v = map.get(key);
        if (v == null) {
            return def;
        }
        String t = v.isScalar() ? v.text().trim().toLowerCase(Locale.ROOT) : "";
        switch (t) {
            case "true":
            case "yes":
                return true;
            case "false":
            case "no":
            case "never":
                return false;
            default:
                problem(v, "scenario.notBool", key, String.valueOf(v.text()));
                return def;
        }
    }

    private Integer address(YNode map, String key, boolean required) {
        YNode v = map.get(key);
        if (v == null) {
            if (required) {
                problem(map, "scenario.missing", key, key + ": 10.0.0.1");
            }
            return null;
        }
        try {
            return Endpoint.parseAddress(v.isScalar() ? v.text() : "");
        } catch (IllegalArgumentException e) {
            problem(v, "scenario.badAddress", String.valueOf(v.text()));
            return null;
        }
    }

    private Scenario.Target target(YNode map, String key, Set<String> hostNames) {
        YNode v = map.get(key);
        if (v == null) {
            problem(map, "scenario.missing", key, key + ": server:80");
            return null;
        }
        String t = v.isScalar() ? v.text().trim() : "";
        int colon = t.lastIndexOf(':');
        Long port = colon > 0 ? parseLong(t.substring(colon + 1)) : null;
        if (port == null || port < 1 || port > 65535) {
            problem(v, "scenario.badTarget", t);
            return null;
        }
        String where = t.substring(0, colon);
        if (hostNames.contains(where)) {
            return new Scenario.Target(where, 0, port.intValue());
        }
        try {
            return new Scenario.Target(null, Endpoint.parseAddress(where), port.intValue());
        } catch (IllegalArgumentException e) {
            problem(v, "scenario.unknownHost", where, String.join(", ", hostNames));
            return null;
        }
    }

    /** {@code 10.0.1.1-10.0.1.40}, a single address, or a list of either. */
    private List<Integer> addressList(YNode map, String key) {
        YNode v = map.get(key);
        if (v == null) {
            problem(map, "scenario.missing", key, key + ": 10.0.1.1-10.0.1.40");
            return null;
        }
        List<YNode> items = v.isList() ? v.items() : List.of(v);
        List<Integer> out = new ArrayList<>();
        for (YNode item : items) {
            String t = item.isScalar() ? item.text().trim() : "";
            try {
                int dash = t.indexOf('-');
                if (dash < 0) {
                    out.add(Endpoint.parseAddress(t));
                    continue;
                }
                int lo = Endpoint.parseAddress(t.substring(0, dash));
                int hi = Endpoint.parseAddress(t.substring(dash + 1));
                long span = Integer.toUnsignedLong(hi) - Integer.toUnsignedLong(lo);
                if (span < 0 || span > 65_535) {
                    problem(item, "scenario.badRange", t);
                    continue;
                }
                for (long a = 0; a <= span; a++) {
                    out.add(lo + (int) a);
                }
            } catch (IllegalArgumentException e) {
                problem(item, "scenario.badRange", t);
            }
        }
        return out;
    }

    /** {@code 198.51.100.0/24} → {base, prefix}; null when malformed. */
    private static int[] cidr(String t) {
        int slash = t.indexOf('/');
        try {
            int base = Endpoint.parseAddress(slash < 0 ? t : t.substring(0, slash));
            int prefix = slash < 0 ? 32 : Integer.parseInt(t.substring(slash + 1));
            if (prefix < 8 || prefix > 32) {
                return null;
            }
            return new int[] {base, prefix};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void problem(YNode at, String key, Object... args) {
        checks.problem(at, key, args);
    }

    private void problemAt(YNode map, String field, String key, Object... args) {
        checks.problemAt(map, field, key, args);
    }
}
