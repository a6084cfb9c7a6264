package tcplab.quiz;

import java.nio.file.Path;
import java.util.List;

/**
 * A process that saves answers one at a time as fast as it can: {@code FILE LEARNER COUNT}. Run
 * several at once by {@link ResultsProcessesTest}; prints "saved N" when every save returned.
 */
public final class ResultsHammer {
    private ResultsHammer() {
    }

    public static void main(String[] args) throws Exception {
        ResultsStore store = new ResultsStore(Path.of(args[0]));
        String learner = args[1];
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            store.append(List.of(new Attempt(learner, "t", "practice", learner + "-" + i, "next_state", "", "A", "B", i % 2 == 0)));
        }
        System.out.println("saved " + count);
    }
}
