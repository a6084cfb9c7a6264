package tcplab.ui.common;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tcplab.netstat.Dialect;
import tcplab.netstat.HostTable;
import tcplab.netstat.SocketRow;
import tcplab.sim.Host;
import tcplab.sim.ScenarioLoader;
import tcplab.sim.ScenarioRunner;
import tcplab.sim.Simulation;
import tcplab.sim.TraceSink;
import tcplab.ui.netstat.NetstatViewModel;

/** Simulated hosts' tables as the window hands them to the netstat pane. */
public final class Tables {
    /** Rows copied from the seed article (000_c6de7a93782d8f31.txt): a Windows netstat -a with names. */
    public static final String SEED_ROWS = String.join("\n",
            "TCP fdlpw:ftp fdlpw:0 LISTENING",
            "TCP fdlpw:epmap fdlpw:0 LISTENING",
            "TCP fdlpw:epmap MYCHENG:2782 SYN_RECEIVED",
            "TCP fdlpw:netbios-ssn fdlpw:0 LISTENING",
            "TCP fdlpw:2213 202.120.225.9:telnet ESTABLISHED",
            "TCP fdlpw:3527 :http SYN_SENT",
            "TCP fdlpw:8000 :53622 TIME_WAIT",
            "UDP fdlpw:microsoft-ds *:*",
            "");

    private Tables() {
    }

    public static Simulation run(String scenario, long untilMicros) throws Exception {
        ScenarioRunner.Run run = ScenarioRunner.build(ScenarioLoader.builtin(scenario), ScenarioRunner.Overrides.NONE, TraceSink.NONE);
        run.simulation().runUntil(untilMicros);
        return run.simulation();
    }

    public static LinkedHashMap<String, List<SocketRow>> rows(Simulation sim) {
        LinkedHashMap<String, List<SocketRow>> m = new LinkedHashMap<>();
        for (Host h : sim.hosts()) {
            m.put(h.name(), HostTable.rows(h));
        }
        return m;
    }

    public static Map<String, Dialect> natives(Simulation sim) {
        Map<String, Dialect> m = new HashMap<>();
        for (Host h : sim.hosts()) {
            m.put(h.name(), HostTable.nativeDialect(h));
        }
        return m;
    }

    public static void feed(NetstatViewModel model, Simulation sim) {
        model.setTables(rows(sim), natives(sim));
    }

    /** The emitter's lines as the pane shows them: split at line ends, CR removed, no trailing empty line. */
    public static List<String> displayLines(String emitted) {
        List<String> l = new java.util.ArrayList<>(Arrays.asList(emitted.split("\r?\n", -1)));
        if (!l.isEmpty() && l.get(l.size() - 1).isEmpty()) {
            l.remove(l.size() - 1);
        }
        return l;
    }

    public static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
