package tcplab.quiz;

import static tcplab.quiz.Choices.CONFUSED;
import static tcplab.quiz.Choices.options;
import static tcplab.quiz.Conversations.SERVERS;
import static tcplab.quiz.Conversations.conversation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tcplab.netstat.Dialect;
import tcplab.netstat.HostTable;
import tcplab.netstat.NetstatEmitter;
import tcplab.netstat.NetstatParser;
import tcplab.netstat.ParsedLine;
import tcplab.netstat.Proto;
import tcplab.netstat.Services;
import tcplab.netstat.SocketRow;
import tcplab.quiz.Conversations.Service;
import tcplab.sim.Host;
import tcplab.sim.Scenario;
import tcplab.sim.Simulation;
import tcplab.sim.Sock;
import tcplab.sim.TraceEvent;
import tcplab.tcp.TcpState;

/** {@code read_line}: one netstat line of a simulated host; its state, its side (server or client) or its service. */
final class ReadLineMaker extends Maker {
    ReadLineMaker(Ask ask) {
        super(ask);
    }

    private record Line(String text, String hostName, SocketRow row, Dialect dialect, Host host, Scenario scenario, long atUs) {
    }

    private Line someLine(Random rnd, Difficulty d) {
        Service svc = SERVERS.get(rnd.nextInt(SERVERS.size()));
        String[] names = Conversations.NEUTRAL;
        int a = rnd.nextInt(names.length);
        int b = (a + 1 + rnd.nextInt(names.length - 1)) % names.length;
        Scenario sc = conversation(rnd, svc, rnd.nextInt(3), names[a], names[b]);
        SimLab.Traced tr = SimLab.trace(sc);
        List<TraceEvent.StateChange> changes = new ArrayList<>();
        for (TraceEvent.StateChange c : SimLab.changes(tr.events())) {
            if (c.to() != TcpState.CLOSED) {
                changes.add(c);
            }
        }
        TraceEvent.StateChange pick = changes.get(rnd.nextInt(changes.size()));
        // Half-way to the next event, so the table is settled.
        long at = pick.timeUs() + 1;
        Simulation sim = SimLab.runTo(tr.scenario(), at);
        Host host = sim.host(pick.host());
        List<SocketRow> rows = HostTable.rows(host);
        SocketRow row = null;
        for (SocketRow r : rows) {
            if (r.local().port() == pick.local().port() && r.state() == pick.to()
                    && (pick.remote() == null || r.foreign().port() != null && r.foreign().port() == pick.remote().port())) {
                row = r;
            }
        }
        if (row == null) {
            row = rows.get(rnd.nextInt(rows.size()));
        }
        List<Dialect> ds = d == Difficulty.EASY ? List.of(Dialect.WINDOWS, Dialect.LINUX, Dialect.WINDOWS_ZH)
                : Dialect.emittableValues();
        Dialect dialect = ds.get(rnd.nextInt(ds.size()));
        String text = NetstatEmitter.emit(dialect, List.of(row), host.name());
        return new Line(text.replace("\r\n", "\n").strip(), host.name(), row, dialect, host, sc, at);
    }

    private static ParsedLine.Socket parsed(String text) {
        for (ParsedLine p : NetstatParser.parseAll(text)) {
            if (p instanceof ParsedLine.Socket s) {
                return s;
            }
        }
        throw new IllegalStateException("no socket line in\n" + text);
    }
    @Override
    public Question make() {
        Line line = someLine(rnd, d);
        ParsedLine.Socket p = parsed(line.text());
        TcpState state = p.row().state();
        if (state != line.row().state()) {
            throw new IllegalStateException("parser read " + state + " for " + line.row() + " in\n" + line.text());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("dialect", line.dialect().cliName());
        fields.put("host", line.hostName());
        fields.put("state", state.name());
        Show show = SimLab.show(line.scenario(), line.atUs() / 1000.0);
        int local = line.row().local().port();
        boolean localIsServer = false;
        for (Sock s : line.host().sockets()) {
            if (s.state() == TcpState.LISTEN && s.local().port() == local) {
                localIsServer = true;
            }
        }
        int kind = d == Difficulty.EASY || state == TcpState.LISTEN ? 0 : rnd.nextInt(3);
        if (kind == 1 && state == TcpState.SYN_SENT) {
            kind = 2; // "server or client port?" on a SYN_SENT row answers itself: only a client sends SYNs
        }
        String head = t.get("read_line.head", line.hostName(), line.dialect().cliName(), line.text());
        if (kind == 1) {
            String server = t.get("role.server");
            String client = t.get("role.client");
            String answer = localIsServer ? server : client;
            fields.put("local_port", Integer.toString(local));
            fields.put("role", localIsServer ? "server" : "client");
            String explanation = t.get(localIsServer ? "read_line.role.server" : "read_line.role.client",
                    Integer.toString(local));
            List<String> opts = new ArrayList<>(List.of(server, client));
            Collections.shuffle(opts, rnd);
            return new Question(id, QuestionType.READ_LINE, d, head + "\n" + t.get("read_line.askRole", Integer.toString(local)),
                    opts, answer, AnswerKind.TEXT, List.of(localIsServer ? "server" : "client",
                    localIsServer ? "服务器" : "客户端"), explanation, state, fields, show)
                    .withFeedback(Map.of(localIsServer ? client : server, t.get(localIsServer ? "fb.role.notClient" : "fb.role.notServer",
                            Integer.toString(local))));
        }
        if (kind == 2) {
            int serverPort = localIsServer ? local : line.row().foreign().port();
            Services.Service svc = Services.get().byPort(Proto.TCP, serverPort);
            if (svc != null) {
                fields.put("service_port", Integer.toString(serverPort));
                List<String> cands = new ArrayList<>();
                for (Service s : SERVERS) {
                    Services.Service o = Services.get().byPort(Proto.TCP, s.port());
                    if (o != null) {
                        cands.add(o.name());
                    }
                }
                String explanation = t.get("read_line.service.explain", Integer.toString(serverPort), svc.name(),
                        svc.description(lang));
                List<String> opts = options(rnd, svc.name(), cands, 4);
                return new Question(id, QuestionType.READ_LINE, d, head + "\n" + t.get("read_line.askService"),
                        opts, svc.name(), AnswerKind.TEXT, svc.aliases(), explanation,
                        state, fields, show).withFeedback(serviceFeedback(opts, svc.name(), serverPort));
            }
        }
        List<String> cands = new ArrayList<>();
        for (TcpState o : CONFUSED.get(state)) {
            cands.add(meaning(o));
        }
        String explanation = t.get("read_line.state.explain", p.raw().state() != null ? p.raw().state() : state.name(),
                state.name(), meaning(state));
        List<String> opts = options(rnd, meaning(state), cands, 4);
        return new Question(id, QuestionType.READ_LINE, d, head + "\n" + t.get("read_line.askState"),
                opts, meaning(state), AnswerKind.TEXT, List.of(state.name()),
                explanation, state, fields, show).withFeedback(meaningFeedback(opts, meaning(state)));
    }
}
