package tcplab.netstat;

/**
 * One tool's row layout (a dialect family): reads the line that {@link LineTokens} holds as a
 * socket row of that tool, or says why not. As jc has one parser per command and platform, the
 * parser has one shape per family and a dispatcher ({@link NetstatParser}) that picks the shape
 * from the last header seen, else from the line's first words.
 *
 * <p>Adding a dialect: one class implementing this, its words in {@link ToolWords}, a
 * {@link NetstatParser.Section} and its fixtures under {@code src/test/resources/netstat-fixtures}.
 */
interface RowShape {
    /**
     * The row on line {@code n}, or null when the line is not one of this shape; the reason is
     * then recorded with {@link LineTokens#fail}, at the depth the shape got to.
     */
    ParsedLine.Socket read(int n);
}
