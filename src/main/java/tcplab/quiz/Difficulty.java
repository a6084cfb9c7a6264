package tcplab.quiz;

import java.util.Locale;

/**
 * How hard the questions are. Easy: the handshake, the ordinary close, port classes. Medium adds
 * the other edges of Figure 5, segment numbers and netstat lines. Hard adds RST, timeouts,
 * simultaneous open and close, longer sequences and whole tables.
 */
public enum Difficulty {
    EASY, MEDIUM, HARD;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Difficulty parse(String text) {
        if (text == null) {
            return null;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "easy": case "1": case "简单":
                return EASY;
            case "medium": case "2": case "中等":
                return MEDIUM;
            case "hard": case "3": case "困难":
                return HARD;
            default:
                return null;
        }
    }
}
