package tcplab.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import tcplab.i18n.Lang;
import tcplab.tcp.TcpState;

/**
 * Properties over thousands of generated questions: every answer the quiz marks right is right.
 */
class QuizPropertiesTest {
    private static final QuizGenerator EN = new QuizGenerator(Lang.EN);
    private static final QuizGenerator ZH = new QuizGenerator(Lang.ZH);

    /**
     * RFC 9293 Figure 5, written out again here by hand, independent of the engine and the
     * generator, with the exits §3.10 adds (RST, ABORT, the first retransmission timeout, where
     * the state stays). Key: "FROM|event words". SYN-RECEIVED is always reached from LISTEN here,
     * so "rcv RST" returns it to LISTEN (§3.10.7.4).
     */
    static final Map<String, TcpState> FIGURE_5 = new HashMap<>();

    private static void edge(TcpState from, String event, TcpState to) {
        FIGURE_5.put(from.name() + "|" + event, to);
    }

    static {
        edge(TcpState.CLOSED, "passive OPEN", TcpState.LISTEN);
        edge(TcpState.CLOSED, "active OPEN", TcpState.SYN_SENT);
        edge(TcpState.LISTEN, "rcv SYN", TcpState.SYN_RECEIVED);
        edge(TcpState.LISTEN, "SEND", TcpState.SYN_SENT);
        edge(TcpState.LISTEN, "CLOSE", TcpState.CLOSED);
        edge(TcpState.LISTEN, "ABORT", TcpState.CLOSED);
        edge(TcpState.SYN_SENT, "rcv SYN,ACK", TcpState.ESTABLISHED);
        edge(TcpState.SYN_SENT, "rcv SYN", TcpState.SYN_RECEIVED);
        edge(TcpState.SYN_SENT, "CLOSE", TcpState.CLOSED);
        edge(TcpState.SYN_SENT, "ABORT", TcpState.CLOSED);
        edge(TcpState.SYN_SENT, "rcv RST", TcpState.CLOSED);
        edge(TcpState.SYN_SENT, "timeout retransmission", TcpState.SYN_SENT);
        edge(TcpState.SYN_RECEIVED, "rcv ACK of SYN", TcpState.ESTABLISHED);
        edge(TcpState.SYN_RECEIVED, "CLOSE", TcpState.FIN_WAIT_1);
        edge(TcpState.SYN_RECEIVED, "rcv RST", TcpState.LISTEN);
        edge(TcpState.SYN_RECEIVED, "ABORT", TcpState.CLOSED);
        edge(TcpState.SYN_RECEIVED, "timeout retransmission", TcpState.SYN_RECEIVED);
        edge(TcpState.ESTABLISHED, "CLOSE", TcpState.FIN_WAIT_1);
        edge(TcpState.ESTABLISHED, "rcv FIN", TcpState.CLOSE_WAIT);
        edge(TcpState.ESTABLISHED, "rcv RST", TcpState.CLOSED);
        edge(TcpState.ESTABLISHED, "ABORT", TcpState.CLOSED);
        edge(TcpState.FIN_WAIT_1, "rcv ACK of FIN", TcpState.FIN_WAIT_2);
        edge(TcpState.FIN_WAIT_1, "rcv FIN", TcpState.CLOSING);
        edge(TcpState.FIN_WAIT_1, "rcv FIN,ACK of FIN", TcpState.TIME_WAIT);
        edge(TcpState.FIN_WAIT_1, "rcv RST", TcpState.CLOSED);
        edge(TcpState.FIN_WAIT_1, "ABORT", TcpState.CLOSED);
        edge(TcpState.FIN_WAIT_1, "timeout retransmission", TcpState.FIN_WAIT_1);
        edge(TcpState.FIN_WAIT_2, "rcv FIN", TcpState.TIME_WAIT);
        edge(TcpState.FIN_WAIT_2, "rcv RST", TcpState.CLOSED);
        edge(TcpState.FIN_WAIT_2, "ABORT", TcpState.CLOSED);
        edge(TcpState.CLOSE_WAIT, "CLOSE", TcpState.LAST_ACK);
        edge(TcpState.CLOSE_WAIT, "rcv RST", TcpState.CLOSED);
        edge(TcpState.CLOSE_WAIT, "ABORT", TcpState.CLOSED);
        edge(TcpState.CLOSING, "rcv ACK of FIN", TcpState.TIME_WAIT);
        edge(TcpState.CLOSING, "rcv RST", TcpState.CLOSED);
        edge(TcpState.CLOSING, "timeout retransmission", TcpState.CLOSING);
        edge(TcpState.LAST_ACK, "rcv ACK of FIN", TcpState.CLOSED);
        edge(TcpState.LAST_ACK, "rcv RST", TcpState.CLOSED);
        edge(TcpState.LAST_ACK, "timeout retransmission", TcpState.LAST_ACK);
        edge(TcpState.TIME_WAIT, "timeout 2MSL", TcpState.CLOSED);
    }

    /**
     * Where what a program or netstat shows differs from the RFC's model, the quiz asks about what
     * real systems show: a half-open connection that gets a RST is freed (Linux drops the request
     * sock; the listener, a socket of its own, never left LISTEN), where RFC 9293 §3.10.7.4 has
     * the listening TCB itself go back to LISTEN.
     */
    static final Map<String, TcpState> REAL_STACK = Map.of("SYN_RECEIVED|rcv RST", TcpState.CLOSED);

    /** Figure 5's event words, exactly as the issue lists them. */
    static final Set<String> EVENT_WORDS = Set.of("passive OPEN", "active OPEN", "SEND", "CLOSE", "ABORT", "rcv SYN",
            "rcv SYN,ACK", "rcv ACK of SYN", "rcv ACK of FIN", "rcv FIN", "rcv FIN,ACK of FIN", "rcv RST", "timeout 2MSL",
            "timeout retransmission");

    private static void assertWellFormed(Question q) {
        List<String> opts = q.options();
        assertTrue(opts.size() >= 2, () -> "too few options: " + q);
        assertEquals(opts.size(), new HashSet<>(opts).size(), () -> "duplicate options: " + opts);
        Set<String> normalised = new HashSet<>();
        for (String o : opts) {
            normalised.add(Answers.text(o));
        }
        assertEquals(opts.size(), normalised.size(), () -> "options equal once normalised: " + opts);
        long right = opts.stream().filter(q::isCorrect).count();
        assertEquals(1, right, () -> "exactly one option must be right: " + q);
        assertTrue(q.isCorrect(q.answer()));
        assertTrue(q.isCorrect(String.valueOf(q.answerLetter())));
        assertTrue(q.isCorrect(String.valueOf(q.answerLetter()).toLowerCase()));
        for (int i = 0; i < opts.size(); i++) {
            boolean isAnswer = opts.get(i).equals(q.answer());
            assertEquals(isAnswer, q.isCorrect(String.valueOf((char) ('A' + i))), () -> "letters: " + q);
        }
        assertFalse(q.prompt().isBlank());
        assertFalse(q.explanation().isBlank());
        assertFalse(q.explanation().contains("!"), () -> "missing text in " + q.explanation());
        assertFalse(q.prompt().contains("!meaning") || q.prompt().contains("!event") || q.prompt().contains("!step"), q::prompt);
        // Chinese sentences are not followed by a space ("。 " is a typo in Chinese).
        assertFalse(q.prompt().contains("。 ") || q.explanation().contains("。 "), () -> q.prompt() + "\n" + q.explanation());
    }

    @Property(tries = 1500)
    void everyQuestion_hasExactlyOneRightOption_andNoDuplicates(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                                                @ForAll @IntRange(min = 0, max = 50) int index,
                                                                @ForAll boolean chinese) {
        Question q = (chinese ? ZH : EN).question(seed, index, QuizGenerator.Filter.ALL);
        assertWellFormed(q);
    }

    @Property(tries = 2500)
    void nextState_answerIsWhatFigure5Says(@ForAll @LongRange(min = 0, max = 10_000_000) long seed,
                                           @ForAll @IntRange(min = 0, max = 20) int index) {
        Question q = EN.question(seed, index, new QuizGenerator.Filter(EnumSet.of(QuestionType.NEXT_STATE), null, Map.of()));
        assertWellFormed(q);
        String from = q.fields().get("from_state");
        String event = q.fields().get("event");
        assertNotNull(TcpState.valueOf(from));
        assertTrue(EVENT_WORDS.contains(event), () -> "not Figure 5's words: " + event);
        TcpState expected = REAL_STACK.getOrDefault(from + "|" + event, FIGURE_5.get(from + "|" + event));
        assertNotNull(expected, () -> "the table has no edge " + from + " + " + event);
        assertEquals(expected.name(), q.answer(), () -> q.prompt());
        assertTrue(List.copyOf(q.fields().keySet()).subList(0, 2).equals(List.of("from_state", "event")));
    }

    // ------------------------------------------------------------------ no wrong option is also right

    @Property(tries = 2000)
    void nextState_afterASynReachedAListener_neverOffersListenAsWrong(@ForAll @LongRange(min = 0, max = 10_000_000) long seed,
                                                                      @ForAll @IntRange(min = 0, max = 20) int index,
                                                                      @ForAll boolean chinese) {
        Question q = (chinese ? ZH : EN).question(seed, index,
                new QuizGenerator.Filter(EnumSet.of(QuestionType.NEXT_STATE), null, Map.of()));
        String edge = q.fields().get("from_state") + "|" + q.fields().get("event");
        if (edge.equals("LISTEN|rcv SYN") || edge.equals("SYN_RECEIVED|rcv RST")) {
            // The lessons teach that the listening socket stays in LISTEN: a class would answer it.
            assertFalse(q.options().contains("LISTEN"), () -> q.prompt() + " " + q.options());
            assertEquals("connection", q.fields().get("subject"));
        }
    }

    @Property(tries = 1500)
    void stateAfter_answerIsAnIndependentReplay_andListenIsNeverWrongAfterASynReachedAListener(
            @ForAll @LongRange(min = 0, max = 10_000_000) long seed, @ForAll @IntRange(min = 0, max = 20) int index) {
        Question q = EN.question(seed, index, new QuizGenerator.Filter(EnumSet.of(QuestionType.STATE_AFTER), null, Map.of()));
        assertWellFormed(q);
        TcpState s = TcpState.CLOSED;
        boolean synAtListener = false;
        for (String part : q.fields().get("events").split(" \\| ")) {
            String event = part.replaceAll(" \\[.*$", "");
            if (event.equals("SEND data") || event.equals("rcv data")) {
                continue; // data does not change the state
            }
            synAtListener |= s == TcpState.LISTEN && event.equals("rcv SYN");
            String key = s.name() + "|" + event;
            TcpState next = REAL_STACK.getOrDefault(key, FIGURE_5.get(key));
            assertNotNull(next, () -> "no Figure 5 edge " + key + " in " + q.prompt());
            s = next;
        }
        assertEquals(s.name(), q.answer(), q::prompt);
        if (synAtListener) {
            assertFalse(q.options().contains("LISTEN"), () -> q.prompt() + " " + q.options());
        }
        // The default mix asks only what a program can make happen and netstat can show.
        assertFalse(q.fields().get("events").startsWith("passive OPEN | SEND"), q::prompt);
        assertFalse(q.fields().containsKey("model"), q::prompt);
    }

    @Property(tries = 1500)
    void nextSegment_noWrongOptionDiffersFromTheAnswerInPshAlone(@ForAll @LongRange(min = 0, max = 10_000_000) long seed,
                                                                @ForAll @IntRange(min = 0, max = 20) int index) {
        Question q = EN.question(seed, index, new QuizGenerator.Filter(EnumSet.of(QuestionType.NEXT_SEGMENT), null, Map.of()));
        assertWellFormed(q);
        String plain = q.answer().replace("PSH,", "").replace(",PSH", "");
        for (String o : q.options()) {
            if (!o.equals(q.answer())) {
                // PSH or not, a data segment is valid TCP (the simulator sends both).
                assertFalse(o.replace("PSH,", "").replace(",PSH", "").equals(plain), () -> q.prompt() + " " + q.options());
            }
        }
        assertFalse(q.prompt().startsWith("[RFC"), q::prompt);
    }

    @Property(tries = 600)
    void orderSteps_exactlyOneOptionFitsTheStoryThePromptTells(@ForAll @LongRange(min = 0, max = 10_000_000) long seed,
                                                               @ForAll @IntRange(min = 0, max = 20) int index,
                                                               @ForAll boolean chinese) {
        Question q = (chinese ? ZH : EN).question(seed, index,
                new QuizGenerator.Filter(EnumSet.of(QuestionType.ORDER_STEPS), null, Map.of()));
        assertWellFormed(q);
        String closer = q.fields().get("closer");
        if (q.fields().get("sequence").equals("teardown")) {
            assertTrue(Set.of("client", "server", "both").contains(closer), () -> "closer: " + closer);
        } else {
            assertEquals(null, closer);
        }
        // The numbered steps as printed in the prompt.
        Map<Integer, String> printed = new HashMap<>();
        for (String line : q.prompt().split("\n")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d)\\. (\\S+) → (\\S+): (\\S+)$").matcher(line);
            if (m.matches()) {
                printed.put(Integer.parseInt(m.group(1)), m.group(2) + ">" + m.group(4));
            }
        }
        int fitting = 0;
        for (String o : q.options()) {
            List<String> sent = new java.util.ArrayList<>();
            for (String k : o.split(" ")) {
                sent.add(printed.get(Integer.parseInt(k)));
            }
            if (allowedByTheStory(sent, closer)) {
                fitting++;
                assertEquals(q.answer(), o, () -> "a wrong option fits the story: " + q.prompt() + " " + q.options());
            }
        }
        assertEquals(1, fitting, () -> q.prompt() + " " + q.options());
    }

    /**
     * Every order of sending the steps that the story allows, decided from what each side can
     * know: a side answers a FIN it receives with an ACK at once, and sends its own FIN when its
     * program closes. Written from the causes, not from the generator's rules: a FIN's ACK
     * after that FIN; with one closer, the other side's FIN only after it acknowledged the first
     * (its program closes later, on reading it), and the last ACK after that FIN; with both
     * closing at once, both FINs leave before either arrives, so before any ACK.
     */
    private static boolean allowedByTheStory(List<String> sent, String closer) {
        if (closer == null) {
            return sent.equals(List.of("client>SYN", "server>SYN,ACK", "client>ACK"));
        }
        int cFin = sent.indexOf("client>FIN,ACK");
        int sFin = sent.indexOf("server>FIN,ACK");
        int cAck = sent.indexOf("client>ACK");
        int sAck = sent.indexOf("server>ACK");
        if (cFin < 0 || sFin < 0 || cAck < 0 || sAck < 0) {
            return false;
        }
        boolean acksAfterTheirFins = sAck > cFin && cAck > sFin;
        switch (closer) {
            case "client":
                return acksAfterTheirFins && cFin < sAck && sAck < sFin;
            case "server":
                return acksAfterTheirFins && sFin < cAck && cAck < cFin;
            default:
                return acksAfterTheirFins && Math.max(cFin, sFin) < Math.min(cAck, sAck);
        }
    }

    @Property(tries = 100)
    void weakStates_areAskedAboutMore(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        QuizGenerator.Filter f = new QuizGenerator.Filter(EnumSet.of(QuestionType.NEXT_STATE, QuestionType.STATE_MEANING),
                null, Map.of(TcpState.CLOSING, 5));
        int about = 0;
        for (Question q : EN.generate(seed, 200, f)) {
            if (q.focus() == TcpState.CLOSING) {
                about++;
            }
        }
        // Without the weak state about 1 in 11 (18 of 200); with it about 64% (128 of 200, standard
        // deviation 7). 80 is 7 deviations below: a quiz of 20 was too small a sample, and a
        // random seed found 5 of 20 once.
        assertTrue(about >= 80, "only " + about + " of 200 about CLOSING");
    }

    @Property(tries = 40)
    void sameSeed_sameQuiz(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long seed, @ForAll boolean chinese) {
        QuizGenerator g = chinese ? ZH : EN;
        List<Question> a = g.generate(seed, 8, QuizGenerator.Filter.ALL);
        List<Question> b = new QuizGenerator(chinese ? Lang.ZH : Lang.EN).generate(seed, 8, QuizGenerator.Filter.ALL);
        assertEquals(a, b);
        List<String> ja = a.stream().map(QuestionJson::line).toList();
        List<String> jb = b.stream().map(QuestionJson::line).toList();
        assertEquals(ja, jb);
    }

    @Property(tries = 200)
    void stateQuestions_acceptEveryToolsSpelling(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        Question q = EN.question(seed, 0, new QuizGenerator.Filter(EnumSet.of(QuestionType.NEXT_STATE,
                QuestionType.STATE_AFTER), null, Map.of()));
        TcpState s = TcpState.valueOf(q.answer());
        assertTrue(q.isCorrect(s.rfcName()));
        assertTrue(q.isCorrect(s.name().toLowerCase()));
        assertTrue(q.isCorrect(s.rfcName().toLowerCase().replace('-', ' ')));
        if (s == TcpState.SYN_RECEIVED) {
            for (String w : List.of("SYN_RECV", "SYN-RECEIVED", "SYN_RCVD", "syn received")) {
                assertTrue(q.isCorrect(w), w);
            }
        }
    }

    @Property(tries = 300)
    void aQuestionRemadeInTheOtherLanguageIsTheSameQuestion(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                                          @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 20) int index) {
        // Switching language mid-quiz remakes the current question: same type, same state, same
        // position of the right option; only the words change.
        Question en = new QuizGenerator(tcplab.i18n.Lang.EN).question(seed, index, QuizGenerator.Filter.ALL);
        Question zh = new QuizGenerator(tcplab.i18n.Lang.ZH).question(seed, index, QuizGenerator.Filter.ALL);
        org.junit.jupiter.api.Assertions.assertEquals(en.type(), zh.type());
        org.junit.jupiter.api.Assertions.assertEquals(en.focus(), zh.focus());
        org.junit.jupiter.api.Assertions.assertEquals(en.options().size(), zh.options().size());
        org.junit.jupiter.api.Assertions.assertEquals(en.options().indexOf(en.answer()), zh.options().indexOf(zh.answer()),
                "the right option is in the same place");
    }

    // ------------------------------------------------------------------ nothing guessable from the wording

    @Property(tries = 150)
    void diagnoseTable_theHostsNameNeverGivesTheAnswerAway(@ForAll @LongRange(min = 0, max = 10_000_000) long seed,
                                                          @ForAll @IntRange(min = 0, max = 20) int index) {
        Question q = EN.question(seed, index, new QuizGenerator.Filter(EnumSet.of(QuestionType.DIAGNOSE_TABLE), null, Map.of()));
        assertWellFormed(q);
        String host = q.fields().get("host");
        assertTrue(host.matches("[a-z]+-[0-9a-z]+"), () -> "not a neutral name: " + host);
        for (String telling : List.of("worm", "client", "server", "attacker", "victim", "web")) {
            assertFalse(host.contains(telling), host);
        }
    }

    @Property(tries = 300)
    void portClass_optionsDoNotPrintTheRanges(@ForAll @LongRange(min = 0, max = 10_000_000) long seed,
                                              @ForAll @IntRange(min = 0, max = 20) int index, @ForAll boolean chinese) {
        Question q = (chinese ? ZH : EN).question(seed, index,
                new QuizGenerator.Filter(EnumSet.of(QuestionType.PORT_CLASS), null, Map.of()));
        if (q.fields().containsKey("class") && !q.fields().containsKey("service")) {
            for (String o : q.options()) {
                assertFalse(o.matches(".*\\d.*"), () -> "a range in an option: " + q.options());
            }
        }
    }

    @Property(tries = 300)
    void readLine_theHostsNameNeverSaysWhichSideItIs(@ForAll @LongRange(min = 0, max = 10_000_000) long seed,
                                                     @ForAll @IntRange(min = 0, max = 20) int index) {
        Question q = EN.question(seed, index, new QuizGenerator.Filter(EnumSet.of(QuestionType.READ_LINE), null, Map.of()));
        String host = q.fields().get("host");
        assertFalse(host.contains("server") || host.contains("client"), q::prompt);
        assertFalse(q.prompt().contains("server:") || q.prompt().contains("client:"), q::prompt);
    }

    @Property(tries = 400)
    void readLine_neverAsksWhetherASynSentRowIsTheServerOrTheClient(@ForAll @LongRange(min = 0, max = 10_000_000) long seed,
                                                                   @ForAll @IntRange(min = 0, max = 20) int index) {
        Question q = EN.question(seed, index, new QuizGenerator.Filter(EnumSet.of(QuestionType.READ_LINE), null, Map.of()));
        if (q.fields().containsKey("role")) {
            assertFalse(q.fields().get("state").equals("SYN_SENT") || q.fields().get("state").equals("LISTEN"), q::prompt);
        }
    }

    @Property(tries = 600)
    void serviceAndClientPortsAreOnTheirSides(@ForAll @LongRange(min = 0, max = 10_000_000) long seed,
                                              @ForAll @IntRange(min = 0, max = 20) int index) {
        // Who listens has the service port; who connects has a client port: never an active OPEN
        // from port 80, never a passive OPEN on port 59108.
        Question q = EN.question(seed, index, new QuizGenerator.Filter(
                EnumSet.of(QuestionType.NEXT_STATE, QuestionType.STATE_AFTER, QuestionType.NEXT_SEGMENT), null, Map.of()));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:socket|connection) \\S+:(\\d+)").matcher(q.prompt());
        if (!m.find()) {
            return;
        }
        int port = Integer.parseInt(m.group(1));
        String events = q.fields().getOrDefault("events", "") + " " + q.fields().getOrDefault("event", "");
        String from = q.fields().getOrDefault("from_state", "CLOSED");
        boolean passive = events.contains("passive OPEN") || from.equals("LISTEN") || from.equals("SYN_RECEIVED");
        boolean active = events.contains("active OPEN") || from.equals("SYN_SENT");
        if (active) {
            assertTrue(port >= 1024, q::prompt);
        }
        if (passive) {
            assertTrue(port < 32768, q::prompt);
        }
    }

    @Property(tries = 10)
    void stateAfter_chainsRarelyJustOpenAndClose(@ForAll @LongRange(min = 0, max = 10_000_000) long seed) {
        List<Question> qs = EN.generate(seed, 200, new QuizGenerator.Filter(EnumSet.of(QuestionType.STATE_AFTER), null, Map.of()));
        long closed = qs.stream().filter(q -> q.answer().equals("CLOSED")).count();
        // Only a chain's last event may end the connection, one time in four: about 4 %.
        assertTrue(closed <= 20, () -> closed + " of 200 end in CLOSED");
    }

    // ------------------------------------------------------------------ feedback per choice

    @Property(tries = 800)
    void everyWrongOptionSaysWhyItIsWrong(@ForAll @LongRange(min = 0, max = 10_000_000) long seed,
                                          @ForAll @IntRange(min = 0, max = 50) int index, @ForAll boolean chinese) {
        Question q = (chinese ? ZH : EN).question(seed, index, QuizGenerator.Filter.ALL);
        for (int i = 0; i < q.options().size(); i++) {
            String o = q.options().get(i);
            String letter = String.valueOf((char) ('A' + i));
            if (o.equals(q.answer())) {
                assertEquals(null, q.whyWrong(letter));
                continue;
            }
            String why = q.whyWrong(letter);
            assertNotNull(why, () -> "no feedback for " + o + " in " + q);
            assertEquals(why, q.whyWrong(o), "typed or by letter, the same feedback");
            assertFalse(why.isBlank() || why.contains("{") || why.contains("''") || why.contains("!fb"), why);
            assertFalse(why.contains("。 "), why);
        }
    }

    @Property(tries = 200)
    void showMe_ofAGeneratedQuestion_isAScenarioFileThatReadsBackAsTheSameScenario(
            @ForAll @LongRange(min = 0, max = 10_000_000) long seed, @ForAll @IntRange(min = 0, max = 30) int index)
            throws Exception {
        Question q = EN.question(seed, index, new QuizGenerator.Filter(EnumSet.of(QuestionType.READ_LINE,
                QuestionType.DIAGNOSE_TABLE, QuestionType.ORDER_STEPS, QuestionType.PORT_CLASS), null, Map.of()));
        if (q.show() == null || q.show().yaml() == null) {
            return;
        }
        tcplab.sim.Scenario sc = tcplab.sim.ScenarioLoader.parse(q.show().yaml(), "show.yaml");
        assertEquals(q.show().yaml(), tcplab.sim.ScenarioWriter.write(sc));
    }
}
