package tcplab.i18n;

/**
 * Something wrong in a file the user wrote, located at {@code file:line}, with its message kept
 * as a bundle key and arguments so it can be shown in either language.
 *
 * @param file   the file's name as the user gave it
 * @param line   1-based line, 0 when the problem concerns the whole file
 * @param bundle the bundle holding {@code key}
 */
public record Problem(String file, int line, String bundle, String key, Object... args) {

    /** {@code file:line: message} in {@code lang}. */
    public String format(Lang lang) {
        String where = line > 0 ? file + ":" + line : file;
        return where + ": " + Texts.of(bundle, lang).get(key, args);
    }

    @Override
    public String toString() {
        return format(Lang.EN);
    }
}
