package tcplab.netstat;

/**
 * A finding about a whole table: its code, how serious, the evidence (what in the table shows
 * it, with numbers) and a message saying what it may mean and what to check.
 */
public record Warning(Code code, Severity severity, String evidence, String message) {
    /** The kinds of findings (issue 3). */
    public enum Code { SYN_FLOOD, SCAN, CLOSE_WAIT_LEAK, TIME_WAIT_PILEUP, EXPOSED_SERVICE, UNEXPECTED_PROGRAM }

    /** How much attention it deserves, from "worth knowing" to "act now". */
    public enum Severity {
        INFO, LOW, MEDIUM, HIGH;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
