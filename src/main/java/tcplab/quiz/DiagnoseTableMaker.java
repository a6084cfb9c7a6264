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
import tcplab.sim.AppBehavior;
import tcplab.sim.Host;
import tcplab.sim.Scenario;
import tcplab.sim.ScenarioBuilder;
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
     * The worms the seed article names, each with the port it scans and the program that listens
     * there on an unpatched Windows XP: Blaster (msblast.exe) scans DCOM RPC on 135, served by
     * svchost.exe; Sasser (avserve.exe) scans SMB/LSASS on 445, served by the kernel ("System").
     */
    private static final String[][] WORMS = {{"135", "msblast.exe", "svchost.exe"}, {"445", "avserve.exe", "System"}};

    /** The scenario of a story; {@code at} gets the moment to print the table, {@code host} its host. */
    private Scenario tableScenario(Story story, long[] at, String[] host) {
        Service svc = SERVERS.get(rnd.nextInt(SERVERS.size()));
        ScenarioBuilder b = SimLab.scenario("quiz-table", 1 + rnd.nextInt(1_000_000));
        String server = address(rnd, 2);
        String me = Conversations.NEUTRAL[rnd.nextInt(Conversations.NEUTRAL.length)];
        host[0] = me;
        switch (story) {
            case FLOOD: {
                int n = 10 + rnd.nextInt(30);
                b.host("peer", "10.0.0.66", "linux").host(me, server, "linux", Map.of("tcp_syncookies", 0L)).delayMs(50);
                b.listen(0, me, svc.port(), 128, svc.program(), AppBehavior.PASSIVE);
                b.flood(100, "peer", me, svc.port(), n, 10);
                at[0] = (200 + n * 10L + rnd.nextInt(2000)) * 1000;
                break;
            }
            case WORM: {
                int n = 8 + rnd.nextInt(20);
                String[] worm = WORMS[rnd.nextInt(WORMS.length)];
                int port = Integer.parseInt(worm[0]);
                b.host(me, "10.0.0.5", "windows-xp").host("peer", "10.0.1.3", "windows-xp").delayMs(20);
                b.listen(0, "peer", port, 0, worm[2], AppBehavior.PASSIVE);
                b.scan(100, me, "10.0.1.1", n, port, 20, worm[1]);
                at[0] = (100 + 20L * n + rnd.nextInt(1500)) * 1000;
                break;
            }
            case LEAK: {
                int n = 12 + rnd.nextInt(15);
                b.host("peer", address(rnd, 1), "linux").host(me, server, "linux").delayMs(20 + rnd.nextInt(50));
                // The leak: the program accepts every connection and never calls close(), so its
                // CLOSE_WAIT rows stay its own (a listener that never accepts would leave them
                // in the accept queue, owned by no process on Linux).
                b.listen(0, me, svc.port(), 0, svc.program(), AppBehavior.PASSIVE);
                b.connect(0, "peer", me, svc.port(), "java", AppBehavior.PASSIVE.withCloseAfterMs(200), n, 30);
                at[0] = (400 + 30L * n + rnd.nextInt(3000)) * 1000;
                break;
            }
            case BUSY_WEB_SERVER: {
                // Many short requests; the server closes first (as HTTP/1.1 servers do when they
                // end a connection), so its TIME_WAITs are on its own port 80 or 443 and use no
                // client ports of it at all.
                int n = 20 + rnd.nextInt(20);
                int port = rnd.nextBoolean() ? 80 : 443;
                b.host("peer", address(rnd, 1), "linux").host(me, server, "linux").delayMs(20 + rnd.nextInt(40));
                b.listen(0, me, port, 0, "nginx", ScenarioBuilder.reply(900, "page").withCloseAfterMs(150));
                b.connect(0, "peer", me, port, "firefox",
                        ScenarioBuilder.request(300, "request").withCloseAfterEofMs(5), n, 40);
                b.connect(0, "peer", me, port, "chrome", ScenarioBuilder.request(300, "request"), 3 + rnd.nextInt(5), 40);
                // While requests still come in: the last few are ESTABLISHED, the earlier ones closed.
                at[0] = (40L * (n - 3) + rnd.nextInt(100)) * 1000;
                break;
            }
            case BROWSER_CONNECTING: {
                // A page pulls from a few sites at once; some do not answer (a site blocked on
                // the way): a handful of SYN_SENT, from one browser, to different hosts.
                int n = 2 + rnd.nextInt(3);
                String browser = rnd.nextBoolean() ? "chrome.exe" : "firefox.exe";
                b.host(me, address(rnd, 1), "windows-10").host("web", server, "linux").delayMs(20 + rnd.nextInt(80));
                b.listen(0, "web", 443, 0, "nginx", AppBehavior.PASSIVE);
                b.connect(0, me, "web", 443, browser, AppBehavior.PASSIVE, 2, 30);
                for (int i = 0; i < n; i++) {
                    b.connectToAddress(60 + 10 * i, me, (104 + rnd.nextInt(100)) + "." + rnd.nextInt(256) + "."
                            + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)), 443, browser);
                }
                at[0] = (300 + rnd.nextInt(1500)) * 1000L;
                break;
            }
            case TROJAN: {
                // The seed article's case: EXPLORE.EXE, one letter short of IEXPLORE.EXE, talking to
                // a web server abroad beside the real browser.
                String far = (60 + rnd.nextInt(60)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
                b.host(me, address(rnd, 1), "windows-xp").host("web", server, "linux").host("far", far, "linux")
                        .delayMs(20 + rnd.nextInt(80));
                int farPort = rnd.nextBoolean() ? 80 : 8080;
                b.listen(0, "web", 80, 0, "nginx", AppBehavior.PASSIVE);
                b.listen(0, "far", farPort, 0, "nginx", AppBehavior.PASSIVE);
                b.connect(0, me, "web", 80, "IEXPLORE.EXE", AppBehavior.PASSIVE, 2, 50);
                b.connect(30, me, "far", farPort, rnd.nextBoolean() ? "EXPLORE.EXE" : "svch0st.exe", AppBehavior.PASSIVE, 1, 0);
                at[0] = (400 + rnd.nextInt(1500)) * 1000L;
                break;
            }
            default: {
                int n = 2 + rnd.nextInt(4);
                String other = "peer";
                boolean mine = rnd.nextBoolean(); // the table of the server or of the client
                String srv = mine ? me : other;
                String cli = mine ? other : me;
                b.host(cli, address(rnd, 1), PROFILES[rnd.nextInt(3)]).host(srv, server, "linux").delayMs(20 + rnd.nextInt(80));
                b.listen(0, srv, svc.port(), 0, svc.program(), ScenarioBuilder.reply(800, "reply").withCloseAfterEofMs(100));
                AppBehavior browser = ScenarioBuilder.request(300, "request");
                b.connect(0, cli, srv, svc.port(), "chrome.exe", rnd.nextBoolean() ? browser.withCloseAfterEofMs(50) : browser,
                        n, 200);
                at[0] = (300 + rnd.nextInt(3000)) * 1000L;
                break;
            }
        }
        return b.build();
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
            Scenario sc = tableScenario(story, at, hostName);
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
                if (w.severity() == Warning.Severity.INFO) {
                    continue; // a note (Windows' own ports, a browser's handful of SYN_SENT), not a diagnosis
                }
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
            String explanation = sentences(t.get("diagnose.explain." + (answer == Diagnosis.NORMAL && story != Story.QUIET
                    ? story.name() : answer.name()), String.join(", ", byState)), main != null ? main.evidence() : null);
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
                    SimLab.show(sc, at[0] / 1000.0)).withFeedback(diagnosisFeedback(opts, answer, counts, main));
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
