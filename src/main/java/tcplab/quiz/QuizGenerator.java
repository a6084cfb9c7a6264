package tcplab.quiz;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tcplab.i18n.Lang;
import tcplab.tcp.TcpState;

/**
 * Makes quizzes: picks each question's type and level and hands it to the type's
 * {@link QuestionMaker} ({@link QuestionType#maker}). Every answer is computed: next states and
 * segments by running a real {@link tcplab.tcp.TcpEndpoint} ({@link Conn}), netstat lines and
 * tables by running the simulator and printing its socket tables, diagnoses by the netstat
 * explainer. The same seed gives the same questions: question {@code i} draws everything from its
 * own {@link Random} seeded from the quiz seed and {@code i}.
 */
public final class QuizGenerator {
    public static final String BUNDLE = "tcplab.quiz.Quiz";

    /**
     * Which questions to make.
     *
     * @param types      the types to draw from (empty: all)
     * @param difficulty one level, or null for a mix
     * @param weak       how often a learner got each state wrong: practice asks more about them
     * @param rfcModel   also ask about transitions only RFC 9293's model has (LISTEN + SEND, CLOSE
     *                   on a connection no program has accepted yet), labelled "RFC model"; off by
     *                   default, since no socket API or netstat shows them
     */
    public record Filter(Set<QuestionType> types, Difficulty difficulty, Map<TcpState, Integer> weak, boolean rfcModel) {
        public static final Filter ALL = new Filter(Set.of(), null, Map.of());

        public Filter {
            types = types.isEmpty() ? QuestionType.generatedTypes() : EnumSet.copyOf(types);
            weak = Map.copyOf(weak);
        }

        public Filter(Set<QuestionType> types, Difficulty difficulty, Map<TcpState, Integer> weak) {
            this(types, difficulty, weak, false);
        }

        public Filter withWeak(Map<TcpState, Integer> w) {
            return new Filter(types, difficulty, w, rfcModel);
        }

        public Filter withRfcModel(boolean on) {
            return new Filter(types, difficulty, weak, on);
        }
    }

    /** Topic names for --topic: a type ({@code next_state}) or a group ({@code states}). */
    public static Set<QuestionType> topic(String name) {
        Set<QuestionType> out = EnumSet.noneOf(QuestionType.class);
        for (String part : name.split(",")) {
            String p = part.trim();
            if (p.isEmpty() || p.equalsIgnoreCase("all")) {
                out.addAll(QuestionType.generatedTypes());
                continue;
            }
            QuestionType t = QuestionType.parse(p);
            if (t != null) {
                out.add(t);
                continue;
            }
            boolean any = false;
            for (QuestionType q : QuestionType.values()) {
                if (q.topic().equalsIgnoreCase(p)) {
                    out.add(q);
                    any = true;
                }
            }
            if (!any) {
                return null;
            }
        }
        return out;
    }

    /** The topics that group several question types, as the Quiz and Class tabs offer them. */
    public static final List<String> TOPIC_GROUPS = List.of("all", "states", "segments", "netstat", "ports");

    /** A topic word or question type as a teacher reads it ("next state", "状态"), or the word itself. */
    public static String topicLabel(Lang lang, String topic) {
        tcplab.i18n.Texts t = tcplab.i18n.Texts.of(BUNDLE, lang == null ? Lang.EN : lang);
        return t.has("topic." + topic) ? t.get("topic." + topic) : t.has("type." + topic) ? t.get("type." + topic) : topic;
    }

    /** The topic words --topic accepts. */
    public static List<String> topicNames() {
        List<String> out = new ArrayList<>(TOPIC_GROUPS);
        for (QuestionType q : QuestionType.generatedTypes()) {
            out.add(q.jsonName());
        }
        // with --capture only
        out.add("capture");
        for (QuestionType q : CaptureQuiz.TYPES) {
            out.add(q.jsonName());
        }
        return out;
    }

    private final Lang lang;
    private final List<Bank> banks;
    private final boolean bankOnly;
    /** The capture every question comes from, or null. */
    private final CaptureQuiz capture;

    public QuizGenerator(Lang lang) {
        this(lang, List.of(), false);
    }

    /**
     * A generator that mixes the questions of {@code banks} with generated ones (every second
     * question from the banks while they last), or asks only theirs ({@code bankOnly}).
     */
    public QuizGenerator(Lang lang, List<Bank> banks, boolean bankOnly) {
        this.lang = lang;
        this.banks = List.copyOf(banks);
        this.bankOnly = bankOnly;
        this.capture = null;
    }

    /** A generator whose every question comes from {@code capture} ({@link CaptureQuiz}). */
    public QuizGenerator(Lang lang, CaptureQuiz capture) {
        this.lang = lang;
        this.banks = List.of();
        this.bankOnly = false;
        this.capture = capture;
    }

    /** The same generator in another language: the same seed gives the same questions in its words. */
    public QuizGenerator withLang(Lang other) {
        return capture != null ? new QuizGenerator(other, capture) : new QuizGenerator(other, banks, bankOnly);
    }

    /** The capture the questions come from, or null. */
    public CaptureQuiz capture() {
        return capture;
    }

    /** The banks this generator draws from. */
    public List<Bank> banks() {
        return banks;
    }

    /** Whether every question comes from the banks. */
    public boolean bankOnly() {
        return bankOnly;
    }

    public Lang lang() {
        return lang;
    }

    /** {@code count} questions for {@code seed}. */
    public List<Question> generate(long seed, int count, Filter filter) {
        List<Question> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(question(seed, i, filter));
        }
        return out;
    }

    /** Question number {@code index} (from 0) of the quiz with {@code seed}. */
    public Question question(long seed, int index, Filter filter) {
        if (capture != null) {
            return capture.question(seed, index, lang, filter.types(), filter.difficulty());
        }
        Question fromBank = bankQuestion(seed, index, filter);
        if (fromBank != null) {
            return fromBank;
        }
        Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 17);
        String id = seed + "-" + (index + 1);
        List<QuestionType> types = new ArrayList<>(filter.types());
        Difficulty d = filter.difficulty() != null ? filter.difficulty() : Difficulty.values()[rnd.nextInt(3)];
        TcpState weak = pickWeak(rnd, filter.weak());
        QuestionType type;
        if (weak != null && types.contains(QuestionType.NEXT_STATE) && weak != TcpState.CLOSED) {
            type = QuestionType.NEXT_STATE; // practice asks more about the states the learner gets wrong
        } else if (weak != null && types.contains(QuestionType.STATE_MEANING)) {
            type = QuestionType.STATE_MEANING;
        } else {
            weak = null;
            type = types.get(rnd.nextInt(types.size()));
        }
        // The maker aims at the level; the rating, computed from the question it made, decides.
        // Each attempt draws from its own Random, so the same seed still gives the same question.
        long base = rnd.nextLong();
        Question q = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            q = type.maker(new Ask(id, new Random(base + attempt * 0x632BE59BD9B4E019L), d, weak, lang,
                    filter.rfcModel())).make();
            Difficulty rated = DifficultyRating.of(q);
            if (rated == d) {
                return q.withDifficulty(rated);
            }
        }
        // No question of this type at this level (practice on a weak state that has none): say what it is.
        return q.withDifficulty(DifficultyRating.of(q));
    }

    /** How many questions a maker may make before one has the level asked for. */
    static final int MAX_ATTEMPTS = 64;

    /** A bank's question with what it is drawn from. */
    private record Drawn(Bank bank, Bank.Item item) {
    }

    /** Whether some question of the banks fits the filter (a bank-only quiz has something to ask). */
    public boolean hasBankQuestions(Filter filter) {
        return !bankPool(filter).isEmpty();
    }

    /** The banks' questions that fit the filter's topics and level, in file order. */
    private List<Drawn> bankPool(Filter filter) {
        Set<String> topics = new java.util.HashSet<>();
        for (QuestionType t : filter.types()) {
            topics.add(t.topic());
        }
        boolean allTopics = filter.types().containsAll(QuestionType.generatedTypes());
        List<Drawn> pool = new ArrayList<>();
        for (Bank b : banks) {
            for (Bank.Item it : b.questions()) {
                boolean topicFits = allTopics || it.topic() == null || topics.contains(it.topic());
                boolean levelFits = filter.difficulty() == null || filter.difficulty() == it.difficulty();
                if (topicFits && levelFits) {
                    pool.add(new Drawn(b, it));
                }
            }
        }
        return pool;
    }

    /**
     * Question {@code index} when it comes from a bank, or null. The banks' questions are taken in
     * an order shuffled by the seed: every second question of a mixed quiz while they last, every
     * question of a bank-only quiz (round after round, each in a new order, when it asks more).
     */
    private Question bankQuestion(long seed, int index, Filter filter) {
        if (banks.isEmpty()) {
            return null;
        }
        List<Drawn> pool = bankPool(filter);
        if (pool.isEmpty()) {
            return null;
        }
        int k;
        int round;
        if (bankOnly) {
            round = index / pool.size();
            k = index % pool.size();
        } else {
            if (index % 2 == 0 || index / 2 >= pool.size()) {
                return null;
            }
            round = 0;
            k = index / 2;
        }
        List<Drawn> order = new ArrayList<>(pool);
        java.util.Collections.shuffle(order, new Random(seed * 31 + round * 0x9E3779B97F4A7C15L + 7));
        Drawn d = order.get(k);
        Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 17);
        return d.bank().question(d.item(), lang, rnd, seed + "-" + (index + 1));
    }

    private static TcpState pickWeak(Random rnd, Map<TcpState, Integer> weak) {
        int total = 0;
        for (int w : weak.values()) {
            total += Math.max(0, w);
        }
        if (total == 0 || rnd.nextDouble() >= 0.6) {
            return null;
        }
        int r = rnd.nextInt(total);
        for (TcpState s : TcpState.values()) {
            int w = Math.max(0, weak.getOrDefault(s, 0));
            if (r < w) {
                return s;
            }
            r -= w;
        }
        return null;
    }
}
