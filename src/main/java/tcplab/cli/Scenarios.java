package tcplab.cli;

import tcplab.i18n.Lang;
import tcplab.i18n.ProblemException;
import tcplab.sim.Scenario;
import tcplab.sim.ScenarioLoader;

/** Loading a scenario for a command, with the command line's error conventions. */
final class Scenarios {
    private Scenarios() {
    }

    /**
     * A built-in name or a file. An unknown name is a usage error (exit 2); a file with mistakes
     * exits 1 with every {@code file:line: problem}.
     */
    static Scenario load(String nameOrPath, Lang lang) {
        try {
            return ScenarioLoader.byNameOrPath(nameOrPath);
        } catch (ProblemException e) {
            boolean usage = e.problems().size() == 1 && e.problems().get(0).line() == 0
                    && e.problems().get(0).key().equals("scenario.unknownBuiltin");
            String msg = e.format(lang);
            throw usage ? UserException.usage(msg) : UserException.failure(msg);
        }
    }
}
