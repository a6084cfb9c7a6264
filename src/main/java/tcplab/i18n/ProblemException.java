package tcplab.i18n;

import java.util.List;

/** One or more {@link Problem}s that stop a file from being used. */
public final class ProblemException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public ProblemException(List<Problem> problems) {
        super(problems.isEmpty() ? "problems" : problems.get(0).toString());
        this.problems = List.copyOf(problems);
    }

    public ProblemException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Every problem on its own line, in {@code lang}. */
    public String format(Lang lang) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(p.format(lang));
        }
        return sb.toString();
    }
}
