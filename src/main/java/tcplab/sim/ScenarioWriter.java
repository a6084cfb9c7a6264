package tcplab.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tcplab.i18n.Lang;
import tcplab.tcp.Endpoint;
import tcplab.tcp.Flags;
import tcplab.yaml.YamlChecks;

/**
 * Writes a {@link Scenario} as a scenario file that {@link ScenarioLoader} reads back to the same
 * scenario (the same hosts, link, drops and actions; only the lines and the file name differ), so
 * that a generated run can be saved, shown ("show me") or opened in the window like any other.
 * Values the loader would take by default are left out, as a teacher would write the file.
 */
public final class ScenarioWriter {
    private ScenarioWriter() {
    }

    /** The scenario file's text. */
    public static String write(Scenario s) {
        StringBuilder y = new StringBuilder();
        String title = s.title().getOrDefault(Lang.EN, s.name());
        y.append("# ").append(s.name()).append(": ").append(oneLine(title)).append('\n');
        y.append("scenario: ").append(s.name()).append('\n');
        langs(y, "title", s.title());
        langs(y, "about", s.about());
        y.append("seed: ").append(s.seed()).append('\n');
        y.append("hosts:\n");
        for (Scenario.HostSpec h : s.hosts()) {
            y.append("  ").append(h.name()).append(": {address: ").append(Endpoint.formatAddress(h.address()))
                    .append(", profile: ").append(h.profile());
            if (!h.settings().isEmpty()) {
                List<String> set = new ArrayList<>();
                for (Map.Entry<String, Long> e : new java.util.TreeMap<>(h.settings()).entrySet()) {
                    set.add(e.getKey() + ": " + e.getValue());
                }
                y.append(", set: {").append(String.join(", ", set)).append('}');
            }
            if (h.closedPorts() == Profile.ClosedPort.DROP) {
                y.append(", closed_ports: drop");
            }
            y.append("}\n");
        }
        y.append("link:\n  delay_ms: ").append(YamlChecks.fmt(s.delayMs())).append('\n');
        if (s.loss() > 0) {
            y.append("  loss: ").append(YamlChecks.fmt(s.loss())).append('\n');
        }
        if (!s.drops().isEmpty()) {
            y.append("  drop:\n");
            for (DropRule r : s.drops()) {
                y.append("    - ").append(drop(r)).append('\n');
            }
        }
        y.append("actions:\n");
        for (Scenario.Action a : s.actions()) {
            y.append("  - ").append(action(a)).append('\n');
        }
        if (s.untilMs() >= 0) {
            y.append("until_ms: ").append(YamlChecks.fmt(s.untilMs())).append('\n');
        }
        return y.toString();
    }

    private static void langs(StringBuilder y, String key, Map<Lang, String> text) {
        if (text.isEmpty()) {
            return;
        }
        y.append(key).append(":\n");
        for (Lang l : Lang.values()) {
            String t = text.get(l);
            if (t != null) {
                y.append("  ").append(l.name().toLowerCase(java.util.Locale.ROOT)).append(": ").append(quote(t)).append('\n');
            }
        }
    }

    private static String drop(DropRule r) {
        List<String> f = new ArrayList<>();
        if (r.flags() >= 0) {
            f.add("flags: " + quote(Flags.format(r.flags())));
        }
        if (r.from() != null) {
            f.add("from: " + r.from());
        }
        if (r.to() != null) {
            f.add("to: " + r.to());
        }
        if (r.nth() > 0) {
            f.add("nth: " + r.nth());
        }
        // The loader's count: 1 for a rule naming the n-th segment, no limit otherwise.
        int defaultCount = r.nth() > 0 ? 1 : -1;
        if (r.count() != defaultCount) {
            f.add("count: " + r.count());
        }
        if (r.afterMs() != 0) {
            f.add("after_ms: " + YamlChecks.fmt(r.afterMs()));
        }
        return "{" + String.join(", ", f) + "}";
    }

    private static String action(Scenario.Action a) {
        List<String> f = new ArrayList<>();
        f.add("at: " + YamlChecks.fmt(a.atMs()));
        f.add("host: " + a.host());
        if (a instanceof Scenario.Listen l) {
            f.add("do: listen");
            f.add("port: " + l.port());
            if (l.backlog() > 0) {
                f.add("backlog: " + l.backlog());
            }
            if (!l.accept()) {
                f.add("accept: false");
            }
            program(f, l.program());
            if (l.app().replyBytes() > 0) {
                f.add("reply: " + data(l.app().replyBytes(), l.app().replyLabel()));
            }
            closes(f, l.app());
        } else if (a instanceof Scenario.Connect c) {
            f.add("do: connect");
            f.add("to: " + target(c.to()));
            if (c.fromPort() > 0) {
                f.add("from_port: " + c.fromPort());
            }
            program(f, c.program());
            if (c.app().requestBytes() > 0) {
                f.add("send: " + data(c.app().requestBytes(), c.app().requestLabel()));
            }
            closes(f, c.app());
            if (c.count() != 1) {
                f.add("count: " + c.count());
            }
            if (c.intervalMs() != 0) {
                f.add("interval_ms: " + YamlChecks.fmt(c.intervalMs()));
            }
        } else if (a instanceof Scenario.Send s) {
            f.add("do: send");
            f.add("bytes: " + s.bytes());
            if (s.text() != null) {
                f.add("text: " + quote(s.text()));
            }
            if (s.port() > 0) {
                f.add("port: " + s.port());
            }
        } else if (a instanceof Scenario.Close c) {
            f.add("do: close");
            if (c.port() > 0) {
                f.add("port: " + c.port());
            }
            if (c.listenerPort() > 0) {
                f.add("listener: " + c.listenerPort());
            }
        } else if (a instanceof Scenario.Abort ab) {
            f.add("do: abort");
            if (ab.port() > 0) {
                f.add("port: " + ab.port());
            }
        } else if (a instanceof Scenario.Restart) {
            f.add("do: restart");
        } else if (a instanceof Scenario.Flood fl) {
            f.add("do: flood");
            f.add("to: " + target(fl.to()));
            f.add("count: " + fl.count());
            f.add("interval_ms: " + YamlChecks.fmt(fl.intervalMs()));
            f.add("spoof: " + Endpoint.formatAddress(fl.spoofBase()) + "/" + fl.spoofPrefix());
        } else if (a instanceof Scenario.Scan sc) {
            f.add("do: scan");
            f.add("targets: " + ranges(sc.targets()));
            List<String> ports = new ArrayList<>();
            for (int p : sc.ports()) {
                ports.add(Integer.toString(p));
            }
            f.add("ports: [" + String.join(", ", ports) + "]");
            f.add("interval_ms: " + YamlChecks.fmt(sc.intervalMs()));
            program(f, sc.program());
        } else {
            throw new IllegalArgumentException("no writer for " + a);
        }
        return "{" + String.join(", ", f) + "}";
    }

    private static void program(List<String> f, String program) {
        if (program != null) {
            f.add("program: " + quote(program));
        }
    }

    private static void closes(List<String> f, AppBehavior app) {
        if (app.closeAfterEofMs() >= 0) {
            f.add("close_after_eof_ms: " + YamlChecks.fmt(app.closeAfterEofMs()));
        }
        if (app.closeAfterMs() >= 0) {
            f.add("close_after_ms: " + YamlChecks.fmt(app.closeAfterMs()));
        }
        if (app.readAfterMs() == AppBehavior.NEVER_READS) {
            f.add("read_after_ms: never");
        } else if (app.readAfterMs() > 0) {
            f.add("read_after_ms: " + YamlChecks.fmt(app.readAfterMs()));
        }
    }

    private static String data(int bytes, String label) {
        return "{bytes: " + bytes + (label != null ? ", text: " + quote(label) : "") + "}";
    }

    private static String target(Scenario.Target t) {
        return (t.hostName() != null ? t.hostName() : Endpoint.formatAddress(t.address())) + ":" + t.port();
    }

    /** Consecutive addresses as ranges ({@code [10.0.1.1-10.0.1.40, 10.0.2.7]}), in the scan's order. */
    static String ranges(List<Integer> addresses) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < addresses.size()) {
            int j = i;
            while (j + 1 < addresses.size() && addresses.get(j + 1) == addresses.get(j) + 1) {
                j++;
            }
            String lo = Endpoint.formatAddress(addresses.get(i));
            out.add(j == i ? lo : lo + "-" + Endpoint.formatAddress(addresses.get(j)));
            i = j + 1;
        }
        return "[" + String.join(", ", out) + "]";
    }


    /** A YAML double-quoted string: any text, read back exactly. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
