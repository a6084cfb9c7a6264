package tcplab.quiz;

import java.util.List;
import java.util.Map;
import java.util.Set;
import tcplab.netstat.Dialect;
import tcplab.tcp.TcpState;

/**
 * How hard a question is, computed from the question itself, whatever level its maker was asked
 * for: the generator keeps a question only when its rating is the level asked, so that easy,
 * medium and hard mean the same for every type.
 *
 * <p>A question earns points for what a learner has to do to answer it:
 * <ul>
 *   <li>{@link Features#steps}: events to follow one after the other (a chain of 3 is one point,
 *       every further event another);</li>
 *   <li>{@link Features#edge}: the hardest Figure 5 edge it needs. The client's and the server's
 *       usual paths (TCP/IP Illustrated's solid and dashed arrows) are free; the other edges of
 *       Figure 5 and data cost 2; RST, aborts, timeouts and edges no lesson draws cost 4;</li>
 *   <li>{@link Features#rfcOnly}: a transition only RFC 9293's model has, one more;</li>
 *   <li>{@link Features#numbers}: sequence arithmetic: one for a whole segment, one more when data
 *       has moved the numbers past ISN+1, two for an acknowledgment number on its own;</li>
 *   <li>{@link Features#rarity}: how seldom a learner meets the state on a screen (0 for LISTEN,
 *       ESTABLISHED, TIME_WAIT, CLOSED; 2 for SYN_SENT, CLOSE_WAIT, FIN_WAIT_2; 3 for the states
 *       that last a round trip: SYN_RECEIVED, FIN_WAIT_1, CLOSING, LAST_ACK);</li>
 *   <li>{@link Features#reading}: a table to read: one for an unfamiliar tool's format, one for a
 *       long table, one for a second question about the same line (its role, its service);</li>
 *   <li>{@link Features#judgement}: a diagnosis that needs more than counting states (a busy but
 *       healthy server, a browser opening connections, a leak: 2; a program known by its name: 3),
 *       or a port on a range's boundary (4) or known by its service (2).</li>
 * </ul>
 * 0–1 points is easy, 2–3 medium, 4 or more hard.
 */
final class DifficultyRating {
    /** The formats every netstat lesson shows; the others are a second thing to learn. */
    static final Set<String> FAMILIAR_FORMATS = Set.of(Dialect.WINDOWS.cliName(), Dialect.WINDOWS_ZH.cliName(),
            Dialect.WINDOWS_PID.cliName(), Dialect.LINUX.cliName(), Dialect.LINUX_P.cliName());
    /** Tables longer than this are a point harder to read. */
    static final int LONG_TABLE = 10;

    private DifficultyRating() {
    }

    /** What a question asks of a learner. */
    record Features(int steps, int edge, boolean rfcOnly, int numbers, int rarity, int reading, int judgement) {
        int points() {
            return Math.max(0, steps - 2) + edge + (rfcOnly ? 1 : 0) + numbers + rarity + reading + judgement;
        }
    }

    static Difficulty of(Question q) {
        return level(features(q).points());
    }

    static Difficulty level(int points) {
        return points <= 1 ? Difficulty.EASY : points <= 3 ? Difficulty.MEDIUM : Difficulty.HARD;
    }

    static Features features(Question q) {
        Map<String, String> f = q.fields();
        boolean rfc = "rfc".equals(f.get("model"));
        switch (q.type()) {
            case NEXT_STATE:
                return new Features(1, edge(state(f.get("from_state")), Step.byLabel(f.get("event"))), rfc, 0, 0, 0, 0);
            case NEXT_SEGMENT: {
                int numbers = q.kind() == AnswerKind.NUMBER ? 2 : 1;
                if (f.containsKey("data_before")) {
                    numbers++;
                }
                return new Features(1, edge(state(f.get("from_state")), Step.byLabel(f.get("event"))), rfc,
                        numbers, 0, 0, 0);
            }
            case STATE_AFTER: {
                List<String> events = List.of(f.get("events").split(" \\| "));
                String[] path = f.get("path").split(" → ");
                int hardest = 0;
                for (int i = 0; i < events.size(); i++) {
                    String e = events.get(i);
                    int bracket = e.indexOf(" [");
                    hardest = Math.max(hardest, edge(state(path[i]), Step.byLabel(bracket < 0 ? e : e.substring(0, bracket))));
                }
                return new Features(events.size(), hardest, rfc, 0, 0, 0, 0);
            }
            case STATE_MEANING:
                return new Features(1, 0, false, 0, rarity(state(f.get("state"))),
                        q.kind() == AnswerKind.STATE ? 1 : 0, 0);
            case READ_LINE: {
                int reading = FAMILIAR_FORMATS.contains(f.get("dialect")) ? 0 : 1;
                if (f.containsKey("role") || f.containsKey("service_port")) {
                    reading++;
                }
                return new Features(1, 0, false, 0, rarity(state(f.get("state"))), reading, 0);
            }
            case DIAGNOSE_TABLE: {
                int reading = FAMILIAR_FORMATS.contains(f.get("dialect")) ? 0 : 1;
                if (tableRows(q.prompt()) > LONG_TABLE) {
                    reading++;
                }
                return new Features(1, 0, false, 0, 0, reading, story(f.get("story")));
            }
            case PORT_CLASS: {
                if (f.containsKey("service")) {
                    return new Features(1, 0, false, 0, 0, 0, 2);
                }
                int port = Integer.parseInt(f.get("port"));
                boolean boundary = port == 1023 || port == 1024 || port == 49151 || port == 49152 || port == 65535;
                return new Features(1, 0, false, 0, 0, 0, boundary ? 4 : 0);
            }
            case ORDER_STEPS: {
                int steps = f.get("steps").split(" \\| ").length;
                // Both sides closing at once goes through CLOSING, an edge off both usual paths.
                return new Features(steps, "both".equals(f.get("closer")) ? 2 : 0, false, 0, 0, 0, 0);
            }
            case CAPTURE_FIELD: {
                // flags are read from what the packet does; seq and ack need RFC 9293 §3.4's arithmetic
                String field = f.get("field");
                int numbers = "flags".equals(field) ? 0 : "seq".equals(field) ? 1 : 2;
                if (numbers > 0 && "yes".equals(f.get("data"))) {
                    numbers++;
                }
                return new Features(1, 0, false, numbers, 0, 1, 0);
            }
            case CAPTURE_ORDER:
                return new Features(Integer.parseInt(f.get("packets")), 0, false, 0, 0, 0, 0);
            case CAPTURE_STATE:
                // an inferred state needs the reasoning the capture point cannot show: one more
                return new Features(1, 0, false, 0, rarity(state(f.get("state"))), 1, "yes".equals(f.get("inferred")) ? 1 : 0);
            default:
                throw new IllegalArgumentException("no rating for " + q.type() + " (a bank question has its teacher's level)");
        }
    }

    private static TcpState state(String name) {
        return TcpState.valueOf(name);
    }

    /** The points of one edge: 0 on the usual paths, 2 elsewhere in Figure 5 or for data, 4 for RST, aborts and timeouts. */
    static int edge(TcpState from, Step step) {
        if (step == null) {
            throw new IllegalArgumentException("unknown event in " + from);
        }
        if (!step.isFigure5()) {
            return 2;
        }
        for (Figure5.Edge e : Figure5.EDGES) {
            if (e.from() == from && e.step() == step) {
                return e.level() == Difficulty.EASY ? 0 : e.level() == Difficulty.MEDIUM ? 2 : 4;
            }
        }
        return 4;
    }

    static int rarity(TcpState s) {
        switch (s) {
            case SYN_SENT: case CLOSE_WAIT: case FIN_WAIT_2:
                return 2;
            case SYN_RECEIVED: case FIN_WAIT_1: case CLOSING: case LAST_ACK:
                return 3;
            default:
                return 0;
        }
    }

    /** A table's story: counting states tells a quiet host, a flood and a scan; the others need judgement. */
    static int story(String story) {
        switch (story) {
            case "busy_web_server": case "browser_connecting": case "leak":
                return 2;
            case "trojan":
                return 3;
            default:
                return 0;
        }
    }

    /** The lines of the table in a diagnose_table prompt (its first line says whose table it is, its last asks). */
    static int tableRows(String prompt) {
        String[] lines = prompt.split("\n");
        return Math.max(0, lines.length - 2);
    }
}
