package tcplab.quiz;

import static tcplab.quiz.Conversations.PROFILES;
import static tcplab.quiz.Conversations.SERVERS;
import static tcplab.quiz.Conversations.address;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tcplab.netstat.Dialect;
import tcplab.netstat.Explainer;
import tcplab.netstat.HostTable;
import tcplab.netstat.NetstatEmitter;
import tcplab.netstat.NetstatParser;
import tcplab.netstat.ParsedLine;
import tcplab.netstat.Warning;
import tcplab.quiz.Conversations.Service;
import tcplab.sim.Host;
import tcplab.sim.Scenario;
import tcplab.sim.Simulation;
import tcplab.tcp.TcpState;

/** {@code diagnose_table}: a whole netstat table of a simulated host; normal, SYN flood, scan or CLOSE_WAIT leak? */
final class DiagnoseTableMaker extends Maker {
    DiagnoseTableMaker(Ask ask) {
        super(ask);
    }

    /** What a table shows; each but NORMAL is one warning of the explainer. */
    enum Diagnosis {
        NORMAL(null), SYN_FLOOD(Warning.Code.SYN_FLOOD), SCAN(Warning.Code.SCAN),
        CLOSE_WAIT_LEAK(Warning.Code.CLOSE_WAIT_LEAK), SUSPICIOUS_PROGRAM(Warning.Code.UNEXPECTED_PROGRAM);

        final Warning.Code warning;

        Diagnosis(Warning.Code warning) {
            this.warning = warning;
        }
    }

    /**
     * The stories behind a table. Several tell a normal day that a novice mistakes for an attack:
     * a busy web server's many TIME_WAIT beside its ESTABLISHED, a browser's handful of SYN_SENT
     * while a page loads (or while it waits on sites it cannot reach).
     */
    enum Story {
        QUIET(Diagnosis.NORMAL), BUSY_WEB_SERVER(Diagnosis.NORMAL), BROWSER_CONNECTING(Diagnosis.NORMAL),
        FLOOD(Diagnosis.SYN_FLOOD), WORM(Diagnosis.SCAN), LEAK(Diagnosis.CLOSE_WAIT_LEAK), TROJAN(Diagnosis.SUSPICIOUS_PROGRAM);

        final Diagnosis diagnosis;

        Story(Diagnosis diagnosis) {
            this.diagnosis = diagnosis;
        }
    }

    /**
     * Names for the host whose table is shown, drawn whatever the story: a name such as "worm" or
     * "client" would give the answer away.
     */
    private static final String[] NEUTRAL = {"pc-07", "lab-12", "host-a", "ws-21", "node-3", "box-9", "srv-4", "pc-31"};

    /** The worms the seed article names, each with the port it scans (Blaster 135, Sasser 445). */
    private static final String[][] WORMS = {{"135", "msblast.exe"}, {"445", "avserve.exe"}};

    /** The scenario of a story; {@code at} gets the moment to print the table, {@code host} its host. */
    private String tableScenario(Story story, long[] at, String[] host) {
        Service svc = SERVERS.get(rnd.nextInt(SERVERS.size()));
        StringBuilder y = SimLab.head("quiz-table", 1 + rnd.nextInt(1_000_000), 0);
        String server = address(rnd, 2);
        String me = NEUTRAL[rnd.nextInt(NEUTRAL.length)];
        host[0] = me;
        switch (story) {
            case FLOOD: {
                int n = 10 + rnd.nextInt(30);
                y.append("hosts:\n  peer: {address: 10.0.0.66, profile: linux}\n");
                y.append("  ").append(me).append(": {address: ").append(server).append(", profile: linux, set: {tcp_syncookies: 0}}\n");
                SimLab.link(y, 50);
                y.append("actions:\n  - {at: 0, host: ").append(me).append(", do: listen, port: ").append(svc.port())
                        .append(", backlog: 128, program: ").append(svc.program()).append("}\n");
                y.append("  - {at: 100, host: peer, do: flood, to: ").append(me).append(':').append(svc.port()).append(", count: ")
                        .append(n).append(", interval_ms: 10}\n");
                at[0] = (200 + n * 10L + rnd.nextInt(2000)) * 1000;
                break;
            }
            case WORM: {
                int n = 8 + rnd.nextInt(20);
                String[] worm = WORMS[rnd.nextInt(WORMS.length)];
                y.append("hosts:\n  ").append(me).append(": {address: 10.0.0.5, profile: windows-xp}\n");
                y.append("  peer: {address: 10.0.1.3, profile: windows-xp}\n");
                SimLab.link(y, 20);
                y.append("actions:\n  - {at: 0, host: peer, do: listen, port: ").append(worm[0]).append(", program: System}\n");
                y.append("  - {at: 100, host: ").append(me).append(", do: scan, targets: 10.0.1.1-10.0.1.").append(n).append(", ports: [")
                        .append(worm[0]).append("], interval_ms: 20, program: ").append(worm[1]).append("}\n");
                at[0] = (100 + 20L * n + rnd.nextInt(1500)) * 1000;
                break;
            }
            case LEAK: {
                int n = 12 + rnd.nextInt(15);
                y.append("hosts:\n  peer: {address: ").append(address(rnd, 1)).append(", profile: linux}\n");
                y.append("  ").append(me).append(": {address: ").append(server).append(", profile: linux}\n");
                SimLab.link(y, 20 + rnd.nextInt(50));
                // The leak: the program accepts every connection and never calls close(), so its
                // CLOSE_WAIT rows stay its own (a listener that never accepts would leave them
                // in the accept queue, owned by no process on Linux).
                y.append("actions:\n  - {at: 0, host: ").append(me).append(", do: listen, port: ").append(svc.port())
                        .append(", program: ").append(svc.program()).append("}\n");
                y.append("  - {at: 0, host: peer, do: connect, to: ").append(me).append(':').append(svc.port())
                        .append(", count: ").append(n).append(", interval_ms: 30, close_after_ms: 200, program: java}\n");
                at[0] = (400 + 30L * n + rnd.nextInt(3000)) * 1000;
                break;
            }
            case BUSY_WEB_SERVER: {
                // Many short requests; the server closes first (as HTTP/1.1 servers do when they
                // end a connection), so its TIME_WAITs are on its own port 80 or 443 and use no
                // client ports of it at all.
                int n = 20 + rnd.nextInt(20);
                int port = rnd.nextBoolean() ? 80 : 443;
                y.append("hosts:\n  peer: {address: ").append(address(rnd, 1)).append(", profile: linux}\n");
                y.append("  ").append(me).append(": {address: ").append(server).append(", profile: linux}\n");
                SimLab.link(y, 20 + rnd.nextInt(40));
                y.append("actions:\n  - {at: 0, host: ").append(me).append(", do: listen, port: ").append(port)
                        .append(", program: nginx, reply: {bytes: 900, text: page}, close_after_ms: 150}\n");
                y.append("  - {at: 0, host: peer, do: connect, to: ").append(me).append(':').append(port)
                        .append(", count: ").append(n).append(", interval_ms: 40, program: firefox, send: {bytes: 300, text: request}, close_after_eof_ms: 5}\n");
                y.append("  - {at: 0, host: peer, do: connect, to: ").append(me).append(':').append(port)
                        .append(", count: ").append(3 + rnd.nextInt(5)).append(", interval_ms: 40, program: chrome, send: {bytes: 300, text: request}}\n");
                // While requests still come in: the last few are ESTABLISHED, the earlier ones closed.
                at[0] = (40L * (n - 3) + rnd.nextInt(100)) * 1000;
                break;
            }
            case BROWSER_CONNECTING: {
                // A page pulls from a few sites at once; some do not answer (a site blocked on
                // the way): a handful of SYN_SENT, from one browser, to different hosts.
                int n = 2 + rnd.nextInt(3);
                String browser = rnd.nextBoolean() ? "chrome.exe" : "firefox.exe";
                y.append("hosts:\n  ").append(me).append(": {address: ").append(address(rnd, 1)).append(", profile: windows-10}\n");
                y.append("  web: {address: ").append(server).append(", profile: linux}\n");
                SimLab.link(y, 20 + rnd.nextInt(80));
                y.append("actions:\n  - {at: 0, host: web, do: listen, port: 443, program: nginx}\n");
                y.append("  - {at: 0, host: ").append(me).append(", do: connect, to: web:443, count: 2, interval_ms: 30, program: ")
                        .append(browser).append("}\n");
                for (int i = 0; i < n; i++) {
                    y.append("  - {at: ").append(60 + 10 * i).append(", host: ").append(me).append(", do: connect, to: ")
                            .append(104 + rnd.nextInt(100)).append('.').append(rnd.nextInt(256)).append('.')
                            .append(rnd.nextInt(256)).append('.').append(1 + rnd.nextInt(254)).append(":443, program: ")
                            .append(browser).append("}\n");
                }
                at[0] = (300 + rnd.nextInt(1500)) * 1000L;
                break;
            }
            case TROJAN: {
                // The seed article's case: EXPLORE.EXE, one letter short of IEXPLORE.EXE, talking to
                // a web server abroad beside the real browser.
                y.append("hosts:\n  ").append(me).append(": {address: ").append(address(rnd, 1)).append(", profile: windows-xp}\n");
                y.append("  web: {address: ").append(server).append(", profile: linux}\n");
                y.append("  far: {address: ").append(60 + rnd.nextInt(60)).append('.').append(rnd.nextInt(256)).append('.')
                        .append(rnd.nextInt(256)).append('.').append(1 + rnd.nextInt(254)).append(", profile: linux}\n");
                SimLab.link(y, 20 + rnd.nextInt(80));
                y.append("actions:\n  - {at: 0, host: web, do: listen, port: 80, program: nginx}\n");
                y.append("  - {at: 0, host: far, do: listen, port: ").append(rnd.nextBoolean() ? 80 : 8080).append(", program: nginx}\n");
                y.append("  - {at: 0, host: ").append(me).append(", do: connect, to: web:80, count: 2, interval_ms: 50, program: IEXPLORE.EXE}\n");
                y.append("  - {at: 30, host: ").append(me).append(", do: connect, to: far:")
                        .append(farPort(y)).append(", program: ").append(rnd.nextBoolean() ? "EXPLORE.EXE" : "svch0st.exe").append("}\n");
                at[0] = (400 + rnd.nextInt(1500)) * 1000L;
                break;
            }
            default: {
                int n = 2 + rnd.nextInt(4);
                String other = "peer";
                boolean mine = rnd.nextBoolean(); // the table of the server or of the client
                y.append("hosts:\n  ").append(mine ? other : me).append(": {address: ").append(address(rnd, 1)).append(", profile: ")
                        .append(PROFILES[rnd.nextInt(3)]).append("}\n");
                y.append("  ").append(mine ? me : other).append(": {address: ").append(server).append(", profile: linux}\n");
                String srv = mine ? me : other;
                String cli = mine ? other : me;
                SimLab.link(y, 20 + rnd.nextInt(80));
                y.append("actions:\n  - {at: 0, host: ").append(srv).append(", do: listen, port: ").append(svc.port())
                        .append(", program: ").append(svc.program()).append(", reply: {bytes: 800, text: reply}, close_after_eof_ms: 100}\n");
                y.append("  - {at: 0, host: ").append(cli).append(", do: connect, to: ").append(srv).append(':').append(svc.port())
                        .append(", count: ").append(n).append(", interval_ms: 200, program: chrome.exe, send: {bytes: 300, text: request}")
                        .append(rnd.nextBoolean() ? ", close_after_eof_ms: 50" : "").append("}\n");
                at[0] = (300 + rnd.nextInt(3000)) * 1000L;
                break;
            }
        }
        return y.toString();
    }

    /** The port the far host of the trojan story listens on (written just before). */
    private static String farPort(StringBuilder y) {
        int i = y.indexOf("host: far, do: listen, port: ");
        int from = i + "host: far, do: listen, port: ".length();
        return y.substring(from, y.indexOf(",", from));
    }

    @Override
    public Question make() {
        Diagnosis want = Diagnosis.values()[rnd.nextInt(Diagnosis.values().length)];
        List<Story> stories = new ArrayList<>();
        for (Story st : Story.values()) {
            if (st.diagnosis == want) {
                stories.add(st);
            }
        }
        for (int attempt = 0; ; attempt++) {
            Story story = stories.get(rnd.nextInt(stories.size()));
            long[] at = new long[1];
            String[] hostName = new String[1];
            String yaml = tableScenario(story, at, hostName);
            Scenario sc = SimLab.parse(yaml);
            Simulation sim = SimLab.runTo(sc, at[0]);
            Host host = sim.host(hostName[0]);
            // A program is judged by its name: the table must show names (netstat -b, TCPView).
            // A host's own tools print its table: Windows formats for a Windows host, Linux ones
            // for a Linux host (a hard question may use any of them).
            List<Dialect> ds = new ArrayList<>();
            Dialect.Os os = HostTable.nativeDialect(host).os();
            for (Dialect x : story == Story.TROJAN ? List.of(Dialect.WINDOWS_B, Dialect.TCPVIEW)
                    : d == Difficulty.HARD ? Dialect.emittableValues()
                    : List.of(Dialect.WINDOWS_PID, Dialect.LINUX_P, Dialect.SS_P, Dialect.WINDOWS_ZH, Dialect.TCPVIEW)) {
                if (x.os() == os || d == Difficulty.HARD && story != Story.TROJAN) {
                    ds.add(x);
                }
            }
            Dialect dialect = ds.get(rnd.nextInt(ds.size()));
            String table = NetstatEmitter.emit(dialect, HostTable.rows(host), host.name()).replace("\r\n", "\n").strip();
            Explainer ex = new Explainer(lang);
            for (ParsedLine p : NetstatParser.parseAll(table)) {
                ex.explain(p);
            }
            List<Warning> ws = ex.summary().warnings();
            Set<Diagnosis> found = EnumSet.noneOf(Diagnosis.class);
            List<String> codes = new ArrayList<>();
            Warning main = null;
            for (Warning w : ws) {
                codes.add(w.code().name());
                for (Diagnosis g : Diagnosis.values()) {
                    if (g.warning == w.code()) {
                        found.add(g);
                        main = w;
                    }
                }
            }
            Diagnosis answer = found.isEmpty() ? Diagnosis.NORMAL : found.size() == 1 ? found.iterator().next() : null;
            if (answer != want) {
                // The story and the explainer must agree, or the question is not asked: a table
                // that is ambiguous, or whose story the explainer reads otherwise, is redrawn.
                if (attempt < 30) {
                    continue;
                }
                throw new IllegalStateException("no " + want + " table after 30 tries; the explainer found " + found);
            }
            List<Diagnosis> others = new ArrayList<>(List.of(Diagnosis.values()));
            others.remove(answer);
            Collections.shuffle(others, rnd);
            List<String> opts = new ArrayList<>();
            opts.add(t.get("diagnose." + answer.name()));
            for (Diagnosis g : others.subList(0, 3)) {
                opts.add(t.get("diagnose." + g.name()));
            }
            Collections.shuffle(opts, rnd);
            Map<TcpState, Long> counts = ex.stateCounts();
            List<String> byState = new ArrayList<>();
            for (Map.Entry<TcpState, Long> e : counts.entrySet()) {
                if (e.getValue() > 0) {
                    byState.add(e.getKey().name() + " " + e.getValue());
                }
            }
            String explanation = t.get("diagnose.explain." + (answer == Diagnosis.NORMAL && story != Story.QUIET
                    ? story.name() : answer.name()), String.join(", ", byState))
                    + (main != null ? " " + main.evidence() : "");
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("dialect", dialect.cliName());
            fields.put("host", host.name());
            fields.put("warnings", String.join(",", codes));
            fields.put("diagnosis", answer.name());
            fields.put("story", story.name().toLowerCase(java.util.Locale.ROOT));
            TcpState focus = answer == Diagnosis.SYN_FLOOD ? TcpState.SYN_RECEIVED : answer == Diagnosis.SCAN
                    ? TcpState.SYN_SENT : answer == Diagnosis.CLOSE_WAIT_LEAK ? TcpState.CLOSE_WAIT : null;
            List<String> accepted = new ArrayList<>(List.of(answer.name(), answer.name().replace('_', ' ')));
            return new Question(id, QuestionType.DIAGNOSE_TABLE, d,
                    t.get("diagnose.prompt", host.name(), dialect.cliName(), table), opts,
                    t.get("diagnose." + answer.name()), AnswerKind.TEXT, accepted, explanation, focus, fields,
                    Show.generated(yaml, at[0] / 1000.0)).withFeedback(diagnosisFeedback(opts, answer, counts, main));
        }
    }

    /** Why each wrong diagnosis does not fit this table: what it would show, and what the table has. */
    private Map<String, String> diagnosisFeedback(List<String> opts, Diagnosis answer, Map<TcpState, Long> counts, Warning main) {
        Map<String, String> why = new LinkedHashMap<>();
        for (Diagnosis g : Diagnosis.values()) {
            String o = t.get("diagnose." + g.name());
            if (g == answer || !opts.contains(o)) {
                continue;
            }
            long n = switch (g) {
                case SYN_FLOOD -> counts.getOrDefault(TcpState.SYN_RECEIVED, 0L);
                case SCAN -> counts.getOrDefault(TcpState.SYN_SENT, 0L);
                case CLOSE_WAIT_LEAK -> counts.getOrDefault(TcpState.CLOSE_WAIT, 0L);
                default -> 0L;
            };
            why.put(o, g == Diagnosis.NORMAL ? t.get("fb.diag.NORMAL", main == null ? "" : main.evidence())
                    : t.get("fb.diag." + g.name(), Long.toString(n)));
        }
        return why;
    }
}
