package tcplab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tcplab.sim.AppBehavior;
import tcplab.sim.DropRule;
import tcplab.sim.Scenario;
import tcplab.tcp.Endpoint;

/**
 * A scenario turned into what {@code kernelcheck.py} (a resource beside this class) runs on the real kernel: the
 * hosts (one network namespace each, sysctls set inside it), the link's delay and drop rules,
 * and the applications' timed actions. Only what the kernel can be made to do exactly is
 * accepted; anything else is refused with the reason ({@link Unsupported}).
 */
public final class KernelPlan {

    /** The scenario asks for something the kernel run cannot reproduce exactly. */
    public static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final transient Object[] args;

        Unsupported(String key, Object... args) {
            super(KernelCheck.texts(tcplab.i18n.Lang.EN).get(key, args));
            this.key = key;
            this.args = args;
        }

        /** Why, in the user's language. */
        public String format(tcplab.i18n.Lang lang) {
            return KernelCheck.texts(lang).get(key, args);
        }
    }

    private KernelPlan() {
    }

    /**
     * The kernel's address for a scenario address: 10.R.c.d, R chosen per run, so that the
     * tracepoint (which is global) shows this run's sockets apart from anything else on the machine.
     */
    static int kernelAddress(int scenarioAddress, int r) {
        return (10 << 24) | (r << 16) | (scenarioAddress & 0xffff);
    }

    public static String json(Scenario sc, double untilMs, int r) throws Unsupported {
        if (sc.loss() > 0) {
            throw new Unsupported("unsupported.loss", String.valueOf(sc.loss()));
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        List<Object> hosts = new ArrayList<>();
        Map<String, Integer> addresses = new LinkedHashMap<>();
        for (Scenario.HostSpec h : sc.hosts()) {
            if (!"linux".equals(h.profile())) {
                throw new Unsupported("unsupported.profile", h.name(), h.profile());
            }
            Map<String, Object> sysctls = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : h.settings().entrySet()) {
                sysctls.put(sysctl(h.name(), e.getKey()), e.getValue());
            }
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("name", h.name());
            host.put("addr", Endpoint.formatAddress(kernelAddress(h.address(), r)));
            host.put("sysctls", sysctls);
            // closed_ports: drop, a firewall's DROP: the relay drops what comes to a port the
            // host does not listen on, where the simulator's host drops it on arrival.
            host.put("filtered", h.closedPorts() == tcplab.sim.Profile.ClosedPort.DROP);
            hosts.add(host);
            addresses.put(h.name(), h.address());
        }
        plan.put("hosts", hosts);
        plan.put("delay_ms", sc.delayMs());
        plan.put("until_ms", untilMs);
        List<Object> drops = new ArrayList<>();
        for (DropRule d : sc.drops()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("flags", d.flags());
            m.put("from", d.from());
            m.put("to", d.to());
            m.put("nth", d.nth());
            m.put("count", d.count());
            m.put("after_ms", d.afterMs());
            drops.add(m);
        }
        plan.put("drops", drops);
        List<Object> actions = new ArrayList<>();
        List<Object> dark = new ArrayList<>();
        for (Scenario.Action a : sc.actions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at_ms", a.atMs());
            m.put("host", a.host());
            if (a instanceof Scenario.Listen l) {
                m.put("do", "listen");
                m.put("port", l.port());
                // The simulator's default backlog for Linux is nginx's 511 (Profile.defaultBacklog).
                m.put("backlog", l.backlog() > 0 ? l.backlog() : 511);
                m.put("accept", l.accept());
                app(m, l.app());
            } else if (a instanceof Scenario.Connect c) {
                if (c.count() != 1) {
                    throw new Unsupported("unsupported.count", c.count(), c.line());
                }
                m.put("do", "connect");
                int to = c.to().hostName() != null ? addresses.get(c.to().hostName()) : c.to().address();
                m.put("to", Endpoint.formatAddress(kernelAddress(to, r)) + ":" + c.to().port());
                m.put("from_port", c.fromPort());
                app(m, c.app());
            } else if (a instanceof Scenario.Send s) {
                m.put("do", "send");
                m.put("bytes", s.bytes());
                m.put("port", s.port());
            } else if (a instanceof Scenario.Close c) {
                m.put("do", "close");
                m.put("port", c.port());
                m.put("listener", c.listenerPort());
            } else if (a instanceof Scenario.Abort ab) {
                m.put("do", "abort");
                m.put("port", ab.port());
            } else if (a instanceof Scenario.Restart) {
                m.put("do", "restart");
                // A crashed machine sends nothing: the relay drops what the host sends while
                // its sockets are torn down (the RST of the abortive close included).
                dark.add(Map.of("host", a.host(), "from_ms", a.atMs() - 1, "to_ms", a.atMs() + 50));
            } else if (a instanceof Scenario.Flood f) {
                // Raw SYNs from spoofed addresses: the relay writes them (kernelcheck.py, flood_packets).
                m.put("do", "flood");
                int to = f.to().hostName() != null ? addresses.get(f.to().hostName()) : f.to().address();
                m.put("to", Endpoint.formatAddress(kernelAddress(to, r)) + ":" + f.to().port());
                m.put("count", f.count());
                m.put("interval_ms", f.intervalMs());
                m.put("spoof", Endpoint.formatAddress(f.spoofBase()) + "/" + f.spoofPrefix());
            } else if (a instanceof Scenario.Scan s) {
                // A scan is one connect() per address and port, one every interval_ms
                // (ScenarioRunner schedules it the same way), each application passive.
                int i = 0;
                for (int target : s.targets()) {
                    for (int port : s.ports()) {
                        Map<String, Object> c = new LinkedHashMap<>();
                        c.put("at_ms", a.atMs() + i++ * s.intervalMs());
                        c.put("host", a.host());
                        c.put("do", "connect");
                        c.put("to", Endpoint.formatAddress(kernelAddress(target, r)) + ":" + port);
                        c.put("from_port", 0);
                        app(c, AppBehavior.PASSIVE);
                        actions.add(c);
                    }
                }
                continue;
            } else {
                throw new IllegalStateException("an action the kernel plan does not know: " + a);
            }
            actions.add(m);
        }
        plan.put("actions", actions);
        plan.put("dark", dark);
        java.io.StringWriter w = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            write(g, plan);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }

    /** The plan's maps, lists, texts, numbers and booleans as JSON (jackson-core, as the JSON Lines trace). */
    private static void write(com.fasterxml.jackson.core.JsonGenerator g, Object v) throws java.io.IOException {
        if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(e.getKey().toString());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object x : l) {
                write(g, x);
            }
            g.writeEndArray();
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v.toString());
        }
    }

    private static void app(Map<String, Object> m, AppBehavior app) {
        m.put("send", app.requestBytes());
        m.put("reply", app.replyBytes());
        m.put("close_after_eof_ms", app.closeAfterEofMs());
        m.put("close_after_ms", app.closeAfterMs());
        // read_after_ms: kernelcheck.py's "reads" is "always" (registers the socket for reading
        // at once), "never", or the milliseconds after connect()/accept() its first read waits.
        if (app.readAfterMs() == AppBehavior.NEVER_READS) {
            m.put("reads", "never");
        } else if (app.readAfterMs() > 0) {
            m.put("reads", app.readAfterMs());
        } else {
            m.put("reads", "always");
        }
    }

    /** The sysctl a profile setting is; settings of the model alone (rto_min_ms...) cannot be set on a kernel. */
    private static String sysctl(String host, String setting) throws Unsupported {
        if (setting.startsWith("tcp_")) {
            return "net.ipv4." + setting;
        }
        if (setting.equals("somaxconn")) {
            return "net.core.somaxconn";
        }
        throw new Unsupported("unsupported.setting", host, setting);
    }
}
