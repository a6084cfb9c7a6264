package tcplab.quiz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tcplab.tcp.TcpState;

/** The options of a question: the answer among plausible wrong ones, shuffled. */
final class Choices {
    private Choices() {
    }

    /** States learners confuse with each one, most plausible first. */
    static final Map<TcpState, List<TcpState>> CONFUSED = new EnumMap<>(TcpState.class);

    static {
        CONFUSED.put(TcpState.CLOSED, List.of(TcpState.TIME_WAIT, TcpState.LISTEN, TcpState.LAST_ACK));
        CONFUSED.put(TcpState.LISTEN, List.of(TcpState.SYN_RECEIVED, TcpState.CLOSED, TcpState.SYN_SENT));
        CONFUSED.put(TcpState.SYN_SENT, List.of(TcpState.SYN_RECEIVED, TcpState.ESTABLISHED, TcpState.LISTEN));
        CONFUSED.put(TcpState.SYN_RECEIVED, List.of(TcpState.SYN_SENT, TcpState.ESTABLISHED, TcpState.LISTEN));
        CONFUSED.put(TcpState.ESTABLISHED, List.of(TcpState.SYN_RECEIVED, TcpState.CLOSE_WAIT, TcpState.SYN_SENT));
        CONFUSED.put(TcpState.FIN_WAIT_1, List.of(TcpState.FIN_WAIT_2, TcpState.CLOSE_WAIT, TcpState.LAST_ACK));
        CONFUSED.put(TcpState.FIN_WAIT_2, List.of(TcpState.CLOSE_WAIT, TcpState.FIN_WAIT_1, TcpState.TIME_WAIT));
        CONFUSED.put(TcpState.CLOSE_WAIT, List.of(TcpState.FIN_WAIT_2, TcpState.LAST_ACK, TcpState.TIME_WAIT));
        CONFUSED.put(TcpState.CLOSING, List.of(TcpState.TIME_WAIT, TcpState.LAST_ACK, TcpState.FIN_WAIT_2));
        CONFUSED.put(TcpState.LAST_ACK, List.of(TcpState.CLOSE_WAIT, TcpState.CLOSING, TcpState.TIME_WAIT));
        CONFUSED.put(TcpState.TIME_WAIT, List.of(TcpState.CLOSED, TcpState.CLOSING, TcpState.FIN_WAIT_2));
    }

    /** The answer and three other states, shuffled: first the ones named in {@code near}, then the confusable ones. */
    static List<String> stateOptions(Random rnd, TcpState answer, List<TcpState> near) {
        return stateOptions(rnd, answer, near, Set.of());
    }

    /**
     * {@link #stateOptions(Random, TcpState, List)} never offering a state of {@code never}: a
     * state that is a right answer too under the question as a class was taught it (LISTEN after
     * a SYN reached a listener: the listener is still in it).
     */
    static List<String> stateOptions(Random rnd, TcpState answer, List<TcpState> near, Set<TcpState> never) {
        LinkedHashSet<TcpState> pool = new LinkedHashSet<>();
        List<TcpState> nearShuffled = new ArrayList<>(near);
        Collections.shuffle(nearShuffled, rnd);
        pool.addAll(nearShuffled);
        pool.addAll(CONFUSED.get(answer));
        List<TcpState> rest = new ArrayList<>(List.of(TcpState.values()));
        Collections.shuffle(rest, rnd);
        pool.addAll(rest);
        pool.remove(answer);
        pool.removeAll(never);
        List<String> opts = new ArrayList<>();
        opts.add(answer.name());
        for (TcpState s : pool) {
            if (opts.size() == 4) {
                break;
            }
            opts.add(s.name());
        }
        Collections.shuffle(opts, rnd);
        return opts;
    }

    /** Picks distinct texts: the answer and up to {@code n - 1} of the candidates, shuffled. */
    static List<String> options(Random rnd, String answer, List<String> candidates, int n) {
        LinkedHashSet<String> set = new LinkedHashSet<>();
        set.add(answer);
        List<String> c = new ArrayList<>(candidates);
        Collections.shuffle(c, rnd);
        for (String s : c) {
            if (set.size() == n) {
                break;
            }
            if (!Answers.text(s).equals(Answers.text(answer))) {
                set.add(s);
            }
        }
        List<String> out = new ArrayList<>(set);
        Collections.shuffle(out, rnd);
        return out;
    }
}
