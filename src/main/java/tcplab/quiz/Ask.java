package tcplab.quiz;

import java.util.Random;
import tcplab.i18n.Lang;
import tcplab.tcp.TcpState;

/**
 * One question to make.
 *
 * @param id         {@code SEED-INDEX}
 * @param rnd        the question's own random draws, seeded from the quiz seed and the index
 * @param difficulty its level
 * @param weak       a state to ask about (practice asks more about a learner's weak states), or null
 * @param lang       the language of its texts
 * @param rfcModel   whether transitions that only RFC 9293's model has (no socket API or netstat
 *                   shows them) may be asked, labelled as such
 */
record Ask(String id, Random rnd, Difficulty difficulty, TcpState weak, Lang lang, boolean rfcModel) {
}
