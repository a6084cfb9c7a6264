package tcplab.capture;

import tcplab.i18n.Lang;
import tcplab.i18n.Texts;

/**
 * Why reading a capture stopped or skipped something, with the byte offset where it happened;
 * the message is a key of the {@code tcplab.capture.Capture} bundle so that it can be shown in
 * either language.
 */
public record CaptureProblem(long offset, String key, Object... args) {
    public static final String BUNDLE = "tcplab.capture.Capture";

    /** {@code file: byte N: message} in {@code lang}. */
    public String format(String file, Lang lang) {
        Texts t = Texts.of(BUNDLE, lang);
        return file + ": " + t.get("at.byte", offset) + ": " + t.get(key, args);
    }

    public String message(Lang lang) {
        return Texts.of(BUNDLE, lang).get(key, args);
    }

    @Override
    public String toString() {
        return "byte " + offset + ": " + message(Lang.EN);
    }
}
