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

    enum Diagnosis { NORMAL, SYN_FLOOD, SCAN, CLOSE_WAIT_LEAK }

    private String tableScenario(Random rnd, Diagnosis want, long[] at, String[] host) {
        Service svc = SERVERS.get(rnd.nextInt(SERVERS.size()));
        StringBuilder y = SimLab.head("quiz-table", 1 + rnd.nextInt(1_000_000), 0);
        String server = address(rnd, 2);
        switch (want) {
            case SYN_FLOOD: {
                int n = 10 + rnd.nextInt(30);
                y.append("hosts:\n  attacker: {address: 10.0.0.66, profile: linux}\n");
                y.append("  server: {address: ").append(server).append(", profile: linux, set: {tcp_syncookies: 0}}\n");
                SimLab.link(y, 50);
                y.append("actions:\n  - {at: 0, host: server, do: listen, port: ").append(svc.port())
                        .append(", backlog: 128, program: ").append(svc.program()).append("}\n");
                y.append("  - {at: 100, host: attacker, do: flood, to: server:").append(svc.port()).append(", count: ")
                        .append(n).append(", interval_ms: 10}\n");
                at[0] = (200 + n * 10L + rnd.nextInt(2000)) * 1000;
                host[0] = "server";
                break;
            }
            case SCAN: {
                int n = 8 + rnd.nextInt(20);
                int port = new int[] {135, 445, 139, 3389}[rnd.nextInt(4)];
                y.append("hosts:\n  worm: {address: 10.0.0.5, profile: windows-xp}\n");
                y.append("  victim: {address: 10.0.1.3, profile: windows-xp}\n");
                SimLab.link(y, 20);
                y.append("actions:\n  - {at: 0, host: victim, do: listen, port: ").append(port).append(", program: System}\n");
                y.append("  - {at: 100, host: worm, do: scan, targets: 10.0.1.1-10.0.1.").append(n).append(", ports: [")
                        .append(port).append("], interval_ms: 20, program: ")
                        .append(rnd.nextBoolean() ? "msblast.exe" : "svch0st.exe").append("}\n");
                at[0] = (100 + 20L * n + rnd.nextInt(1500)) * 1000;
                host[0] = "worm";
                break;
            }
            case CLOSE_WAIT_LEAK: {
                int n = 12 + rnd.nextInt(15);
                y.append("hosts:\n  client: {address: ").append(address(rnd, 1)).append(", profile: linux}\n");
                y.append("  server: {address: ").append(server).append(", profile: linux}\n");
                SimLab.link(y, 20 + rnd.nextInt(50));
                // The leak: the program accepts every connection and never calls close(), so its
                // CLOSE_WAIT rows stay its own (a listener that never accepts would leave them
                // in the accept queue, owned by no process on Linux).
                y.append("actions:\n  - {at: 0, host: server, do: listen, port: ").append(svc.port())
                        .append(", program: ").append(svc.program()).append("}\n");
                y.append("  - {at: 0, host: client, do: connect, to: server:").append(svc.port())
                        .append(", count: ").append(n).append(", interval_ms: 30, close_after_ms: 200, program: java}\n");
                at[0] = (400 + 30L * n + rnd.nextInt(3000)) * 1000;
                host[0] = "server";
                break;
            }
            default: {
                int n = 2 + rnd.nextInt(4);
                y.append("hosts:\n  client: {address: ").append(address(rnd, 1)).append(", profile: ")
                        .append(PROFILES[rnd.nextInt(3)]).append("}\n");
                y.append("  server: {address: ").append(server).append(", profile: linux}\n");
                SimLab.link(y, 20 + rnd.nextInt(80));
                y.append("actions:\n  - {at: 0, host: server, do: listen, port: ").append(svc.port())
                        .append(", program: ").append(svc.program()).append(", reply: {bytes: 800, text: reply}, close_after_eof_ms: 100}\n");
                y.append("  - {at: 0, host: client, do: connect, to: server:").append(svc.port())
                        .append(", count: ").append(n).append(", interval_ms: 200, program: chrome.exe, send: {bytes: 300, text: request}")
                        .append(rnd.nextBoolean() ? ", close_after_eof_ms: 50" : "").append("}\n");
                at[0] = (300 + rnd.nextInt(3000)) * 1000L;
                host[0] = rnd.nextBoolean() ? "server" : "client";
                break;
            }
        }
        return y.toString();
    }

    @Override
    public Question make() {
        Diagnosis want = Diagnosis.values()[rnd.nextInt(4)];
        for (int attempt = 0; ; attempt++) {
            long[] at = new long[1];
            String[] hostName = new String[1];
            String yaml = tableScenario(rnd, want, at, hostName);
            Scenario sc = SimLab.parse(yaml);
            Simulation sim = SimLab.runTo(sc, at[0]);
            Host host = sim.host(hostName[0]);
            List<Dialect> ds = d == Difficulty.HARD ? Dialect.emittableValues()
                    : List.of(Dialect.WINDOWS_PID, Dialect.LINUX_P, Dialect.SS_P, Dialect.WINDOWS_ZH, Dialect.TCPVIEW);
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
                    if (w.code().name().equals(g.name())) {
                        found.add(g);
                        main = w;
                    }
                }
            }
            Diagnosis answer = found.isEmpty() ? Diagnosis.NORMAL : found.size() == 1 ? found.iterator().next() : null;
            if ((answer == null || answer != want) && attempt < 8) {
                continue; // ambiguous, or not what this question wanted to show: another run
            }
            if (answer == null) {
                throw new IllegalStateException("a table with several diagnoses: " + found);
            }
            List<String> opts = new ArrayList<>();
            for (Diagnosis g : Diagnosis.values()) {
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
            String explanation = t.get("diagnose.explain." + answer.name(), String.join(", ", byState))
                    + (main != null ? " " + main.evidence() : "");
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("dialect", dialect.cliName());
            fields.put("host", host.name());
            fields.put("warnings", String.join(",", codes));
            fields.put("diagnosis", answer.name());
            TcpState focus = answer == Diagnosis.SYN_FLOOD ? TcpState.SYN_RECEIVED : answer == Diagnosis.SCAN
                    ? TcpState.SYN_SENT : answer == Diagnosis.CLOSE_WAIT_LEAK ? TcpState.CLOSE_WAIT : null;
            List<String> accepted = new ArrayList<>(List.of(answer.name(), answer.name().replace('_', ' ')));
            return new Question(id, QuestionType.DIAGNOSE_TABLE, d,
                    t.get("diagnose.prompt", host.name(), dialect.cliName(), table), opts,
                    t.get("diagnose." + answer.name()), AnswerKind.TEXT, accepted, explanation, focus, fields,
                    Show.generated(yaml, at[0] / 1000.0));
        }
    }
}
