package tcplab.cli;

/**
 * A failure the user can fix (a bad file, an unknown scenario, a wrong value), already worded in
 * the user's language. Printed as one line, without a stack trace.
 */
public final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UserException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** A usage error: exit code 2, like picocli's own. */
    public static UserException usage(String message) {
        return new UserException(message, 2);
    }

    public static UserException failure(String message) {
        return new UserException(message, 1);
    }

    public int exitCode() {
        return exitCode;
    }
}
