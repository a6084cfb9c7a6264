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
        if (ending == 1) {
            y.append(", close_after_ms: 600");
        } else if (ending == 0) {
            y.append(", close_after_eof_ms: 200");
        }
        y.append("}\n");
        y.append("  - {at: 0, host: client, do: connect, to: server:").append(svc.port())
                .append(", program: ").append(rnd.nextBoolean() ? "chrome.exe" : "curl")
                .append(", send: {bytes: ").append(50 + rnd.nextInt(400)).append(", text: request}");
        if (ending == 1) {
            y.append(", close_after_eof_ms: 300");
        }
        y.append("}\n");
        if (ending == 0) {
            y.append("  - {at: 1000, host: client, do: close}\n");
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

    // ------------------------------------------------------------------ order_steps
}
