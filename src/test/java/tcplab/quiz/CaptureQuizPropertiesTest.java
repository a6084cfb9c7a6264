package tcplab.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import tcplab.capture.CaptureAnalysis;
import tcplab.capture.Connection;
import tcplab.capture.TcpPacket;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;

/**
 * Properties of the questions made from the real captures in {@code tcplab/capture/fixtures}
 * (tcpdump in network namespaces, both capture points): every answer is recomputed here from the
 * capture's packets and the inference, independently of {@link CaptureQuiz}.
 */
class CaptureQuizPropertiesTest {
    static final List<String> FIXTURES = List.of("data-a.pcap", "data-b.pcapng", "handshake-close-a.pcap",
            "handshake-close-b.pcapng", "loopback-any-v4.pcap", "loopback-lo-v6.pcap", "lost-synack-a.pcap",
            "lost-synack-b.pcapng", "refused-a.pcap", "refused-b.pcapng", "reset-a.pcap", "reset-b.pcapng",
            "simultaneous-close-a.pcap", "simultaneous-close-b.pcapng");
    private static final Map<String, CaptureAnalysis> LOADED = new HashMap<>();

    static synchronized CaptureAnalysis analysis(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            try (InputStream in = CaptureQuizPropertiesTest.class.getResourceAsStream("/tcplab/capture/fixtures/" + n)) {
                return CaptureAnalysis.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static QuizGenerator generator(String fixture, Lang lang) {
        return new QuizGenerator(lang, new CaptureQuiz(fixture, analysis(fixture).connections()));
    }

    static final QuizGenerator.Filter CAPTURE = new QuizGenerator.Filter(CaptureQuiz.TYPES, null, Map.of());

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Provide
    Arbitrary<Lang> langs() {
        return Arbitraries.of(Lang.EN, Lang.ZH);
    }

    private static Connection connection(Question q) {
        int id = Integer.parseInt(q.fields().get("connection"));
        for (Connection c : analysis(q.fields().get("capture")).connections()) {
            if (c.id() == id) {
                return c;
            }
        }
        throw new AssertionError("no connection " + id);
    }

    private static Connection.Packet packet(Connection c, long frame) {
        for (Connection.Packet p : c.packets()) {
            if (p.tcp().frame() == frame) {
                return p;
            }
        }
        throw new AssertionError("no frame " + frame);
    }

    /** Wireshark's relative numbers, written again here: from each end's first SYN, else its first packet. */
    private static long relative(Connection c, int end, long value) {
        Long base = null;
        for (Connection.Packet p : c.packets()) {
            if (p.from() == end && p.tcp().has(TcpPacket.SYN)) {
                base = p.tcp().seq();
                break;
            }
        }
        for (Connection.Packet p : c.packets()) {
            if (base == null && p.from() == end) {
                base = p.tcp().seq();
            }
        }
        return (value - base) & 0xFFFFFFFFL;
    }

    @Property(tries = 300)
    void theAnswerIsAmongTheOptionsExactlyOnceAndNoWrongOptionEqualsIt(@ForAll("fixtures") String fixture,
            @ForAll @IntRange(min = 0, max = 1000) int seed, @ForAll @IntRange(min = 0, max = 20) int index,
            @ForAll("langs") Lang lang) {
        Question q = generator(fixture, lang).question(seed, index, CAPTURE);
        assertTrue(CaptureQuiz.TYPES.contains(q.type()), q.type().toString());
        assertEquals(4, q.options().size(), q.prompt() + q.options());
        assertEquals(1, q.options().stream().filter(o -> Answers.text(o).equals(Answers.text(q.answer()))).count(),
                q.options() + " " + q.answer());
        assertEquals(q.options().size(), q.options().stream().map(Answers::text).distinct().count(), q.options().toString());
        assertTrue(q.isCorrect(q.answer()));
        assertTrue(q.isCorrect(String.valueOf(q.answerLetter())));
        for (String o : q.options()) {
            if (!o.equals(q.answer())) {
                assertFalse(q.isCorrect(o), o + " counts as right for " + q.answer());
            }
        }
        assertEquals(DifficultyRating.of(q), q.difficulty());
        assertFalse(q.prompt().contains("!capq") || q.explanation().contains("!capq"), "a missing text: " + q.prompt());
    }

    @Property(tries = 300)
    void aRestoredFieldIsThePacketsOwnFieldAndEarlierPacketsShownGiveIt(@ForAll("fixtures") String fixture,
            @ForAll @IntRange(min = 0, max = 1000) int seed, @ForAll @IntRange(min = 0, max = 20) int index) {
        QuizGenerator.Filter f = new QuizGenerator.Filter(Set.of(QuestionType.CAPTURE_FIELD), null, Map.of());
        Question q = generator(fixture, Lang.EN).question(seed, index, f);
        if (q.type() != QuestionType.CAPTURE_FIELD) {
            return; // a capture with no such question asks another kind
        }
        Connection c = connection(q);
        long frame = Long.parseLong(q.fields().get("frame"));
        Connection.Packet p = packet(c, frame);
        String field = q.fields().get("field");
        switch (field) {
            case "flags" -> assertEquals(p.tcp().flagText(), q.answer());
            case "seq" -> assertEquals(Long.toString(relative(c, p.from(), p.tcp().seq())), q.answer());
            case "ack" -> {
                assertTrue(p.tcp().has(TcpPacket.ACK));
                assertEquals(Long.toString(relative(c, 1 - p.from(), p.tcp().ack())), q.answer());
            }
            default -> throw new AssertionError(field);
        }
        assertEquals(null, p.note(), "never a retransmission or duplicate");
        // the blanked packet is in the prompt, with a ? where the field was, and only there
        for (String line : q.prompt().split("\n")) {
            if (line.startsWith("No. ")) {
                assertEquals(line.startsWith("No. " + frame + " "), line.contains("?"), q.prompt());
            }
        }
        if (!field.equals("flags")) {
            // the value is the sequence space that an earlier packet shown ends at, or a SYN's ISN (relative 0)
            int src = field.equals("seq") ? p.from() : 1 - p.from();
            boolean given = field.equals("seq") && p.tcp().has(TcpPacket.SYN) && q.answer().equals("0");
            for (Connection.Packet r : c.packets()) {
                if (r.tcp().frame() < frame && r.from() == src && q.prompt().contains("No. " + r.tcp().frame() + " ")) {
                    given |= Long.toString(relative(c, src, r.tcp().seq() + r.tcp().seqLen())).equals(q.answer());
                }
            }
            assertTrue(given, q.prompt() + "\n" + q.answer());
        }
    }

    @Property(tries = 300)
    void theOrderAnswerIsTheCaptureOrderAndTheOnlyPossibleOne(@ForAll("fixtures") String fixture,
            @ForAll @IntRange(min = 0, max = 1000) int seed, @ForAll @IntRange(min = 0, max = 20) int index,
            @ForAll("langs") Lang lang) {
        QuizGenerator.Filter f = new QuizGenerator.Filter(Set.of(QuestionType.CAPTURE_ORDER), null, Map.of());
        Question q = generator(fixture, lang).question(seed, index, f);
        if (q.type() != QuestionType.CAPTURE_ORDER) {
            return;
        }
        Connection c = connection(q);
        String[] frames = q.fields().get("frames").split(" ");
        List<Long> inAnswer = new ArrayList<>();
        for (String label : q.answer().split(" ")) {
            inAnswer.add(Long.parseLong(frames[Integer.parseInt(label) - 1]));
        }
        // the answer's frames are consecutive packets of the connection, in capture order
        int first = c.packets().indexOf(packet(c, inAnswer.get(0)));
        for (int k = 0; k < inAnswer.size(); k++) {
            assertEquals(c.packets().get(first + k).tcp().frame(), inAnswer.get(k), q.answer() + " " + q.fields());
        }
        // each packet must follow the one before it (it acknowledges it, or its sender's numbers go further),
        // checked here on the raw numbers: so every other order, the wrong options among them, is impossible
        for (int k = 1; k < inAnswer.size(); k++) {
            TcpPacket a = c.packets().get(first + k - 1).tcp();
            TcpPacket b = c.packets().get(first + k).tcp();
            boolean sameEnd = c.packets().get(first + k - 1).from() == c.packets().get(first + k).from();
            boolean acks = !sameEnd && a.seqLen() > 0 && b.has(TcpPacket.ACK) && (int) (b.ack() - a.seq()) > 0;
            boolean further = sameEnd && ((int) (b.seq() - a.seq()) > 0 || (b.seq() == a.seq() && a.seqLen() == 0 && b.seqLen() > 0)
                    || (a.has(TcpPacket.ACK) && (int) (b.ack() - a.ack()) > 0));
            assertTrue(acks || further, "packets " + a.frame() + " and " + b.frame() + " could come in either order");
        }
        for (String o : q.options()) {
            if (!o.equals(q.answer())) {
                assertTrue(q.whyWrong(o) != null, "no reason for " + o);
            }
        }
    }

    @Property(tries = 300)
    void theStateAskedIsTheInferredStateOfTheSenderAndSaysWhenItIsInferred(@ForAll("fixtures") String fixture,
            @ForAll @IntRange(min = 0, max = 1000) int seed, @ForAll @IntRange(min = 0, max = 20) int index,
            @ForAll("langs") Lang lang) {
        QuizGenerator.Filter f = new QuizGenerator.Filter(Set.of(QuestionType.CAPTURE_STATE), null, Map.of());
        Question q = generator(fixture, lang).question(seed, index, f);
        if (q.type() != QuestionType.CAPTURE_STATE) {
            return;
        }
        Connection c = connection(q);
        long frame = Long.parseLong(q.fields().get("frame"));
        int end = q.fields().get("end").equals("client") ? 0 : 1;
        boolean last = c.packets().get(c.packets().size() - 1).tcp().frame() == frame;
        if (q.fields().get("role").equals("sender")) {
            assertEquals(end, packet(c, frame).from(), "asked of the packet's sender");
        } else {
            assertTrue(last && end != packet(c, frame).from(), "a receiver only after the last packet: " + q.fields());
        }
        assertEquals(c.stateAfter(end, frame).name(), q.answer());
        Connection.Transition change = null;
        for (Connection.Transition t : c.transitions()) {
            if (t.end() == end && t.frame() > 0 && t.frame() <= frame) {
                change = t;
            }
        }
        boolean inferred = change != null ? change.inferred() : c.initialReason(end) != null;
        String note = Texts.of(QuizGenerator.BUNDLE, lang).get("capq.state.inferred", "").replace("。", "").replace(".", "").strip();
        assertEquals(inferred, q.prompt().contains(note), "an inferred state is said to be inferred: " + q.prompt());
        assertEquals(inferred ? "yes" : "no", q.fields().get("inferred"));
    }

    @Property(tries = 100)
    void theSameSeedGivesTheSameQuizInBothLanguages(@ForAll("fixtures") String fixture,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        List<Question> en = generator(fixture, Lang.EN).generate(seed, 8, CAPTURE);
        assertEquals(en, generator(fixture, Lang.EN).generate(seed, 8, CAPTURE));
        List<Question> zh = generator(fixture, Lang.ZH).generate(seed, 8, CAPTURE);
        for (int i = 0; i < en.size(); i++) {
            assertEquals(en.get(i).type(), zh.get(i).type());
            assertEquals(en.get(i).answer(), zh.get(i).answer());
            assertEquals(en.get(i).options(), zh.get(i).options());
            assertEquals(en.get(i).fields(), zh.get(i).fields());
            assertNotEquals(en.get(i).prompt(), zh.get(i).prompt());
            assertTrue(zh.get(i).prompt().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN),
                    zh.get(i).prompt());
        }
    }

    @Test
    void everyFixtureGivesEveryKindOfQuestionItHasPacketsFor() {
        Map<QuestionType, Integer> seen = new EnumMap<>(QuestionType.class);
        for (String fixture : FIXTURES) {
            CaptureQuiz cq = new CaptureQuiz(fixture, analysis(fixture).connections());
            assertTrue(cq.canAsk(), fixture);
            for (Question q : new QuizGenerator(Lang.EN, cq).generate(7, 30, CAPTURE)) {
                seen.merge(q.type(), 1, Integer::sum);
            }
        }
        assertEquals(CaptureQuiz.TYPES, seen.keySet(), seen.toString());
    }

    @Test
    void aCaptureWithoutAConnectionOfTwoPacketsHasNothingToAsk() {
        assertFalse(new CaptureQuiz("empty.pcap", List.of()).canAsk());
    }
}
