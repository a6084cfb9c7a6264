package tcplab.quiz;

/**
 * What to animate to show a question's answer: a scenario, by built-in name or as the text of a
 * scenario file the generator wrote, and the virtual time to seek to.
 *
 * @param scenario built-in scenario name, or null when {@code yaml} is given
 * @param yaml     the scenario file's text (generated with the question's random ports), or null
 * @param atMs     where to seek, in virtual milliseconds
 */
public record Show(String scenario, String yaml, double atMs) {
    public static Show builtin(String name, double atMs) {
        return new Show(name, null, atMs);
    }

    public static Show generated(String yaml, double atMs) {
        return new Show(null, yaml, atMs);
    }
}
