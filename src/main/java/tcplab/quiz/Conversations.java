package tcplab.quiz;

import java.util.List;
import java.util.Random;
import tcplab.sim.TraceEvent;
import tcplab.tcp.TcpState;

/** The generated scenarios the netstat, port and order questions run: one client talking to a known service. */
final class Conversations {
    private Conversations() {
    }

    /** A server program for a port, for generated scenarios. */
    record Service(int port, String program) {
    }

    static final List<Service> SERVERS = List.of(new Service(22, "sshd"), new Service(80, "nginx"),
            new Service(443, "nginx"), new Service(25, "master"), new Service(21, "vsftpd"),
            new Service(3306, "mysqld"), new Service(5432, "postgres"), new Service(110, "dovecot"),
            new Service(143, "dovecot"), new Service(8080, "java"), new Service(3389, "svchost.exe"),
            new Service(53, "named"));

    static final String[] PROFILES = {"linux", "windows-10", "windows-xp"};

    static String address(Random rnd, int net) {
        return "10." + net + "." + rnd.nextInt(200) + "." + (2 + rnd.nextInt(200));
    }

    /** One client talking to one server, with a random ending; the file's text. */
    /** How a conversation ends: who closes first, and when the other side closes. */
    static final int CLIENT_CLOSES_FIRST = 0;
    static final int SERVER_CLOSES_FIRST = 1;
    static final int NOBODY_CLOSES = 2;
    static final int BOTH_CLOSE_AT_ONCE = 3;
    /** The client's close() when it closes first, and both sides' when they close at once. */
    static final int CLOSE_AT_MS = 1000;
    /** The server's close() after it read the client's FIN. */
    static final int SERVER_CLOSE_AFTER_EOF_MS = 200;
    /** The server's close() after it accepted the connection, when it closes first. */
    static final int SERVER_CLOSE_AFTER_MS = 600;
    /** The client's close() after it read the server's FIN. */
    static final int CLIENT_CLOSE_AFTER_EOF_MS = 300;

    static String conversation(Random rnd, Service svc, int ending) {
        String client = address(rnd, 1);
        String server = address(rnd, 2);
        StringBuilder y = SimLab.head("quiz-conversation", 1 + rnd.nextInt(1_000_000), 0);
        y.append("hosts:\n");
        y.append("  client: {address: ").append(client).append(", profile: ").append(PROFILES[rnd.nextInt(3)]).append("}\n");
        y.append("  server: {address: ").append(server).append(", profile: ")
                .append(svc.program().endsWith(".exe") ? "windows-10" : "linux").append("}\n");
        SimLab.link(y, 20 + rnd.nextInt(120));
        y.append("actions:\n");
        y.append("  - {at: 0, host: server, do: listen, port: ").append(svc.port()).append(", program: ").append(svc.program());
        if (ending == SERVER_CLOSES_FIRST) {
            y.append(", close_after_ms: ").append(SERVER_CLOSE_AFTER_MS);
        } else if (ending == CLIENT_CLOSES_FIRST) {
            y.append(", close_after_eof_ms: ").append(SERVER_CLOSE_AFTER_EOF_MS);
        }
        y.append("}\n");
        y.append("  - {at: 0, host: client, do: connect, to: server:").append(svc.port())
                .append(", program: ").append(rnd.nextBoolean() ? "chrome.exe" : "curl")
                .append(", send: {bytes: ").append(50 + rnd.nextInt(400)).append(", text: request}");
        if (ending == SERVER_CLOSES_FIRST) {
            y.append(", close_after_eof_ms: ").append(CLIENT_CLOSE_AFTER_EOF_MS);
        }
        y.append("}\n");
        if (ending == CLIENT_CLOSES_FIRST || ending == BOTH_CLOSE_AT_ONCE) {
            y.append("  - {at: ").append(CLOSE_AT_MS).append(", host: client, do: close}\n");
        }
        if (ending == BOTH_CLOSE_AT_ONCE) {
            y.append("  - {at: ").append(CLOSE_AT_MS).append(", host: server, do: close}\n");
        }
        return y.toString();
    }

    static Show listenShow(Random rnd, Service s) {
        String yaml = conversation(rnd, s, 2);
        SimLab.Traced tr = SimLab.trace(yaml);
        for (TraceEvent.StateChange c : SimLab.changes(tr.events())) {
            if (c.to() == TcpState.ESTABLISHED) {
                return Show.generated(yaml, c.timeUs() / 1000.0);
            }
        }
        return Show.generated(yaml, 0);
    }
}
