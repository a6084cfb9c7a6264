package tcplab.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tcplab.i18n.Problem;
import tcplab.i18n.ProblemException;
import tcplab.tcp.Endpoint;
import tcplab.tcp.Flags;
import tcplab.tcp.Segment;

/** Builds a {@link Simulation} from a {@link Scenario}, with the command line's overrides. */
public final class ScenarioRunner {

    /**
     * What the user changed on the command line (null: keep the scenario's).
     *
     * @param settings {@code NAME=VALUE} for every host whose profile has NAME, or
     *                 {@code HOST.NAME=VALUE} for one host
     * @param extraDrops drops added by the user (e.g. segments clicked in the window), after the scenario's
     */
    public record Overrides(Long seed, String profile, Double delayMs, Double loss, Map<String, Long> settings,
                            List<DropRule> extraDrops) {
        public static final Overrides NONE = new Overrides(null, null, null, null, Map.of(), List.of());

        public Overrides withExtraDrops(List<DropRule> drops) {
            return new Overrides(seed, profile, delayMs, loss, settings, drops);
        }
    }

    /** A simulation ready to run, and when it should stop. */
    public record Run(Simulation simulation, Scenario scenario, long seed, long untilUs, Map<String, Profile> profiles) {
    }

    private ScenarioRunner() {
    }

    /** Builds the simulation and schedules every action; throws for settings that do not fit. */
    public static Run build(Scenario sc, Overrides o, TraceSink trace) throws ProblemException {
        long seed = o.seed() != null ? o.seed() : sc.seed();
        double delay = o.delayMs() != null ? o.delayMs() : sc.delayMs();
        double loss = o.loss() != null ? o.loss() : sc.loss();
        List<DropRule> drops = new ArrayList<>(sc.drops());
        drops.addAll(o.extraDrops());
        Simulation sim = new Simulation(seed, delay, loss, drops, trace);

        Map<String, Profile> profiles = profiles(sc, o);
        for (Scenario.HostSpec hs : sc.hosts()) {
            sim.addHost(hs.name(), hs.address(), profiles.get(hs.name()), hs.closedPorts());
        }
        for (Scenario.Action a : sc.actions()) {
            schedule(sim, a);
        }
        long until = sc.untilMs() >= 0 ? Math.round(sc.untilMs() * 1000) : -1;
        return new Run(sim, sc, seed, until, profiles);
    }

    private static Map<String, Profile> profiles(Scenario sc, Overrides o) throws ProblemException {
        Map<String, Profile> out = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        java.util.Set<String> reported = new java.util.HashSet<>();
        if (o.profile() != null && Profile.byName(o.profile()) == null) {
            throw new ProblemException(new Problem("--profile", 0, ScenarioLoader.BUNDLE, "scenario.unknownProfile",
                    o.profile(), String.join(", ", Profile.NAMES)));
        }
        for (Scenario.HostSpec hs : sc.hosts()) {
            Profile p = Profile.byName(o.profile() != null ? o.profile() : hs.profile());
            // The scenario's own settings apply to its own profile; with --profile they are kept
            // where the new profile has the same setting.
            for (Map.Entry<String, Long> e : hs.settings().entrySet()) {
                if (p.settings().containsKey(e.getKey())) {
                    p = p.with(e.getKey(), e.getValue());
                }
            }
            out.put(hs.name(), p);
        }
        for (Map.Entry<String, Long> e : o.settings().entrySet()) {
            String name = e.getKey();
            String onlyHost = null;
            int dot = name.indexOf('.');
            if (dot > 0 && out.containsKey(name.substring(0, dot))) {
                onlyHost = name.substring(0, dot);
                name = name.substring(dot + 1);
            }
            boolean applied = false;
            for (Map.Entry<String, Profile> h : out.entrySet()) {
                if (onlyHost != null && !onlyHost.equals(h.getKey())) {
                    continue;
                }
                Profile p = h.getValue();
                if (!p.settings().containsKey(name)) {
                    continue;
                }
                try {
                    h.setValue(p.with(name, e.getValue()));
                    applied = true;
                } catch (Profile.BadSettingValue b) {
                    // Once, not once per host that has the setting.
                    if (reported.add(e.getKey())) {
                        problems.add(new Problem("--set " + e.getKey(), 0, ScenarioLoader.BUNDLE, "scenario.outOfRange",
                                b.setting, String.valueOf(b.min), String.valueOf(b.max), String.valueOf(b.value)));
                    }
                    applied = true;
                }
            }
            if (!applied) {
                List<String> known = new ArrayList<>();
                for (Profile p : out.values()) {
                    for (String k : p.settings().keySet()) {
                        if (!known.contains(k)) {
                            known.add(k);
                        }
                    }
                }
                problems.add(new Problem("--set " + e.getKey(), 0, ScenarioLoader.BUNDLE, "scenario.unknownSetting",
                        String.join("/", new java.util.LinkedHashSet<>(profileNames(out))), name, String.join(", ", known)));
            }
        }
        for (Profile p : out.values()) {
            String[] r = p.reversedRange();
            if (r != null && problems.isEmpty()) {
                String given = o.settings().containsKey(r[0]) ? r[0] : r[1];
                if (reported.add(r[0])) {
                    problems.add(new Problem("--set " + given, 0, ScenarioLoader.BUNDLE, "scenario.reversedRange",
                            r[0], String.valueOf(p.get(r[0])), r[1], String.valueOf(p.get(r[1]))));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(problems);
        }
        return out;
    }

    private static List<String> profileNames(Map<String, Profile> profiles) {
        List<String> names = new ArrayList<>();
        for (Profile p : profiles.values()) {
            names.add(p.name());
        }
        return names;
    }

    private static long us(double ms) {
        return Math.round(ms * 1000);
    }

    private static String defaultProgram(Host h, String program) {
        if (program != null) {
            return program;
        }
        return h.profile().isWindows() ? "app.exe" : "app";
    }

    private static Endpoint resolve(Simulation sim, Scenario.Target t) {
        if (t.hostName() != null) {
            return new Endpoint(sim.host(t.hostName()).address(), t.port());
        }
        return new Endpoint(t.address(), t.port());
    }

    private static void schedule(Simulation sim, Scenario.Action a) {
        Host h = sim.host(a.host());
        long at = us(a.atMs());
        if (a instanceof Scenario.Listen l) {
            sim.schedule(at, () -> sim.listen(h, l.port(), l.backlog(), !l.accept(), defaultProgram(h, l.program()), l.app()));
        } else if (a instanceof Scenario.Connect c) {
            for (int i = 0; i < c.count(); i++) {
                sim.schedule(at + us(i * c.intervalMs()), () ->
                        sim.connect(h, resolve(sim, c.to()), c.fromPort(), defaultProgram(h, c.program()), c.app()));
            }
        } else if (a instanceof Scenario.Send s) {
            sim.schedule(at, () -> {
                for (Sock sock : sim.appConnections(h, x -> matchesPort(x, s.port()))) {
                    sim.send(sock, s.bytes(), s.text());
                }
            });
        } else if (a instanceof Scenario.Close c) {
            sim.schedule(at, () -> {
                if (c.listenerPort() > 0) {
                    for (Sock sock : new ArrayList<>(h.sockets())) {
                        if (sock.kind() == Sock.Kind.LISTENER && sock.local().port() == c.listenerPort()) {
                            sim.close(sock);
                        }
                    }
                    return;
                }
                for (Sock sock : sim.appConnections(h, x -> matchesPort(x, c.port()) && !x.endpoint().isOrphaned())) {
                    sim.close(sock);
                }
            });
        } else if (a instanceof Scenario.Abort ab) {
            sim.schedule(at, () -> {
                for (Sock sock : sim.appConnections(h, x -> matchesPort(x, ab.port()) && !x.endpoint().isOrphaned())) {
                    sim.abort(sock);
                }
            });
        } else if (a instanceof Scenario.Restart) {
            sim.schedule(at, () -> sim.restart(h));
        } else if (a instanceof Scenario.Flood f) {
            int hostBits = 32 - f.spoofPrefix();
            int mask = hostBits == 32 ? -1 : (hostBits == 0 ? 0 : (1 << hostBits) - 1);
            for (int i = 0; i < f.count(); i++) {
                sim.schedule(at + us(i * f.intervalMs()), () -> {
                    Endpoint dst = resolve(sim, f.to());
                    int offset = mask == 0 ? 0 : 1 + sim.randomInt(Math.max(1, mask - 1));
                    Endpoint src = new Endpoint((f.spoofBase() & ~mask) | (offset & mask), 1024 + sim.randomInt(64_512));
                    // A raw SYN as flooding tools send it: random ISN, no TCB on the sender.
                    sim.sendRaw(h, Segment.syn(src, dst, sim.randomInt(Integer.MAX_VALUE), 64_240, 1460));
                });
            }
        } else if (a instanceof Scenario.Scan s) {
            int i = 0;
            for (int target : s.targets()) {
                for (int port : s.ports()) {
                    long when = at + us(i++ * s.intervalMs());
                    sim.schedule(when, () -> sim.connect(h, new Endpoint(target, port), 0, defaultProgram(h, s.program()), AppBehavior.PASSIVE));
                }
            }
        }
    }

    private static boolean matchesPort(Sock s, int port) {
        if (port == 0) {
            return true;
        }
        return s.local().port() == port || (s.remote() != null && s.remote().port() == port);
    }
}
