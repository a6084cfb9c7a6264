package tcplab.quiz;

import java.util.List;
import java.util.Random;
import tcplab.sim.AppBehavior;
import tcplab.sim.Scenario;
import tcplab.sim.ScenarioBuilder;
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

    static Scenario conversation(Random rnd, Service svc, int ending) {
        return conversation(rnd, svc, ending, "client", "server");
    }

    /**
     * Names for hosts whose own netstat a question shows: a host called "server" or "client"
     * would answer "which side is this?" by itself (netstat -a even prints the name).
     */
    static final String[] NEUTRAL = {"pc-07", "lab-12", "host-a", "ws-21", "node-3", "box-9", "srv-4", "pc-31"};

    /** One client talking to one server, the hosts named {@code clientName} and {@code serverName}. */
    static Scenario conversation(Random rnd, Service svc, int ending, String clientName, String serverName) {
        String client = address(rnd, 1);
        String server = address(rnd, 2);
        ScenarioBuilder b = SimLab.scenario("quiz-conversation", 1 + rnd.nextInt(1_000_000));
        b.host(clientName, client, PROFILES[rnd.nextInt(3)])
                .host(serverName, server, svc.program().endsWith(".exe") ? "windows-10" : "linux")
                .delayMs(20 + rnd.nextInt(120));
        AppBehavior listener = ending == SERVER_CLOSES_FIRST ? AppBehavior.PASSIVE.withCloseAfterMs(SERVER_CLOSE_AFTER_MS)
                : ending == CLIENT_CLOSES_FIRST ? AppBehavior.PASSIVE.withCloseAfterEofMs(SERVER_CLOSE_AFTER_EOF_MS)
                : AppBehavior.PASSIVE;
        b.listen(0, serverName, svc.port(), 0, svc.program(), listener);
        String program = rnd.nextBoolean() ? "chrome.exe" : "curl";
        AppBehavior request = ScenarioBuilder.request(50 + rnd.nextInt(400), "request");
        if (ending == SERVER_CLOSES_FIRST) {
            request = request.withCloseAfterEofMs(CLIENT_CLOSE_AFTER_EOF_MS);
        }
        b.connect(0, clientName, serverName, svc.port(), program, request, 1, 0);
        if (ending == CLIENT_CLOSES_FIRST || ending == BOTH_CLOSE_AT_ONCE) {
            b.close(CLOSE_AT_MS, clientName);
        }
        if (ending == BOTH_CLOSE_AT_ONCE) {
            b.close(CLOSE_AT_MS, serverName);
        }
        return b.build();
    }

    static Show listenShow(Random rnd, Service s) {
        Scenario sc = conversation(rnd, s, 2);
        SimLab.Traced tr = SimLab.trace(sc);
        for (TraceEvent.StateChange c : SimLab.changes(tr.events())) {
            if (c.to() == TcpState.ESTABLISHED) {
                return SimLab.show(sc, c.timeUs() / 1000.0);
            }
        }
        return SimLab.show(sc, 0);
    }
}
