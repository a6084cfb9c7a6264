package tcplab.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;
import tcplab.tcp.TcpState;

/** Easy, medium and hard are computed from each question, and mean the same for every type. */
class DifficultyRatingTest {
    private static final QuizGenerator EN = new QuizGenerator(Lang.EN);
    private static final QuizGenerator ZH = new QuizGenerator(Lang.ZH);

    private static QuizGenerator.Filter only(QuestionType t, Difficulty d) {
        return new QuizGenerator.Filter(EnumSet.of(t), d, Map.of());
    }

    @Property(tries = 400)
    void aGeneratedQuestionsLevel_isItsRating_andTheLevelAskedFor(@ForAll @LongRange(min = 0, max = 10_000_000) long seed,
                                                                  @ForAll @IntRange(min = 0, max = 20) int index,
                                                                  @ForAll Difficulty level, @ForAll boolean chinese) {
        for (QuestionType t : QuestionType.generatedTypes()) {
            Question q = (chinese ? ZH : EN).question(seed, index, only(t, level));
            assertEquals(DifficultyRating.of(q), q.difficulty(), () -> "labelled with another level than its rating: " + q);
            assertEquals(level, q.difficulty(), () -> t + " asked " + level + ", got " + DifficultyRating.features(q) + ": " + q.prompt());
        }
    }

    @Property(tries = 200)
    void theRating_isTheSameInBothLanguages(@ForAll @LongRange(min = 0, max = 10_000_000) long seed,
                                            @ForAll @IntRange(min = 0, max = 20) int index) {
        Question en = EN.question(seed, index, QuizGenerator.Filter.ALL);
        Question zh = ZH.question(seed, index, QuizGenerator.Filter.ALL);
        assertEquals(en.difficulty(), zh.difficulty(), en::prompt);
    }

    @Test
    void harderLevels_needLongerChainsAndRarerEdges() {
        double[] meanSteps = new double[3];
        double[] offPath = new double[3];
        for (Difficulty d : Difficulty.values()) {
            List<Question> qs = EN.generate(42, 150, only(QuestionType.STATE_AFTER, d));
            for (Question q : qs) {
                DifficultyRating.Features f = DifficultyRating.features(q);
                meanSteps[d.ordinal()] += f.steps() / 150.0;
                offPath[d.ordinal()] += f.edge() > 0 ? 1 / 150.0 : 0;
            }
        }
        assertTrue(meanSteps[0] < meanSteps[1] && meanSteps[1] <= meanSteps[2] + 0.5,
                () -> "mean chain length by level: " + java.util.Arrays.toString(meanSteps));
        assertEquals(0.0, offPath[0], 1e-9, "an easy chain stays on the usual paths");
        assertTrue(offPath[2] > 0.5, () -> "most hard chains leave the usual paths: " + offPath[2]);
    }

    @Test
    void theUsualPaths_costNothing_rstAndTimeouts_theMost() {
        assertEquals(0, DifficultyRating.edge(TcpState.LISTEN, Step.RCV_SYN));
        assertEquals(0, DifficultyRating.edge(TcpState.FIN_WAIT_2, Step.RCV_FIN));
        assertEquals(2, DifficultyRating.edge(TcpState.FIN_WAIT_1, Step.RCV_FIN), "simultaneous close");
        assertEquals(2, DifficultyRating.edge(TcpState.ESTABLISHED, Step.RCV_DATA), "data moves the numbers");
        assertEquals(4, DifficultyRating.edge(TcpState.ESTABLISHED, Step.RCV_RST));
        assertEquals(4, DifficultyRating.edge(TcpState.SYN_SENT, Step.TIMEOUT_RETRANSMISSION));
    }

    @Test
    void pointsMakeLevels_zeroToOneEasy_twoToThreeMedium_fourOnHard() {
        assertEquals(Difficulty.EASY, DifficultyRating.level(0));
        assertEquals(Difficulty.EASY, DifficultyRating.level(1));
        assertEquals(Difficulty.MEDIUM, DifficultyRating.level(2));
        assertEquals(Difficulty.MEDIUM, DifficultyRating.level(3));
        assertEquals(Difficulty.HARD, DifficultyRating.level(4));
        assertEquals(Difficulty.HARD, DifficultyRating.level(9));
    }

    @Test
    void aTeardownWhereBothClose_isHarderThanOneWhereOneSideClosesFirst() {
        for (Question q : EN.generate(7, 60, only(QuestionType.ORDER_STEPS, null))) {
            boolean both = "both".equals(q.fields().get("closer"));
            boolean handshake = "handshake".equals(q.fields().get("sequence"));
            Difficulty expected = both ? Difficulty.HARD : handshake ? Difficulty.EASY : Difficulty.MEDIUM;
            assertEquals(expected, q.difficulty(), q::prompt);
        }
    }
}
