package tcplab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tcplab.i18n.Lang;
import tcplab.i18n.ProblemException;
import tcplab.i18n.Texts;
import tcplab.quiz.Attempt;
import tcplab.quiz.Difficulty;
import tcplab.quiz.Question;
import tcplab.quiz.QuestionType;
import tcplab.quiz.QuizGenerator;
import tcplab.quiz.QuizSession;
import tcplab.quiz.ResultsStore;
import tcplab.quiz.Show;
import tcplab.sim.Scenario;
import tcplab.sim.ScenarioLoader;
import tcplab.sim.ScenarioRunner;
import tcplab.sim.TextLadder;
import tcplab.sim.TraceEvent;
import tcplab.sim.TraceSink;

/**
 * {@code tcplab quiz}: practice (feedback after each answer), exam (score and review at the end,
 * optional time limit) or classroom (Enter reveals the answer) in the terminal, reading answers
 * from standard input, so a script can pipe them in.
 */
@Command(name = "quiz", mixinStandardHelpOptions = true,
        subcommands = {QuizCommand.Generate.class, QuizCommand.Results.class, QuizCommand.Check.class})
public final class QuizCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LangOption langOption;

    @Option(names = "--topic", paramLabel = "T", descriptionKey = "topic")
    String topic = "all";

    @Option(names = "--count", paramLabel = "N", defaultValue = "10", descriptionKey = "count")
    int count;

    @Option(names = "--difficulty", paramLabel = "easy|medium|hard", descriptionKey = "difficulty")
    String difficulty;

    @Option(names = "--name", paramLabel = "NAME", descriptionKey = "name")
    String name;

    @Option(names = "--exam", descriptionKey = "exam")
    boolean exam;

    @Option(names = "--classroom", descriptionKey = "classroom")
    boolean classroom;

    @Option(names = "--time-limit", paramLabel = "S", descriptionKey = "timeLimit")
    Long timeLimitS;

    @Option(names = "--seed", paramLabel = "S", descriptionKey = "seed")
    Long seed;

    @Option(names = "--results", paramLabel = "FILE", descriptionKey = "results")
    java.nio.file.Path results;

    @Mixin
    Sources sources;

    /**
     * Where a quiz's questions come from, for {@code quiz} and {@code quiz generate} alike: the
     * generated ones (with the RFC-model-only transitions or not) and a teacher's banks.
     */
    static final class Sources {
        @Option(names = "--rfc-model", descriptionKey = "rfcModel")
        boolean rfcModel;

        @Option(names = "--bank", paramLabel = "FILE|DIR", descriptionKey = "bank")
        List<java.nio.file.Path> bankPaths = new java.util.ArrayList<>();

        @Option(names = "--bank-only", descriptionKey = "bankOnly")
        boolean bankOnly;

        @Option(names = "--capture", paramLabel = "FILE", descriptionKey = "capture")
        String capture;

        /** The command's filter with the RFC-model choice. */
        QuizGenerator.Filter filter(Texts t, String topic, String difficulty) {
            return QuizCommand.filter(t, topic, difficulty).withRfcModel(rfcModel);
        }

        /**
         * The generator of a quiz: with the teacher's banks when some are given. A bank with a
         * mistake stops the quiz with every {@code file:line: problem} (a class should not find
         * half a bank).
         */
        QuizGenerator generator(Texts t, Lang lang, QuizGenerator.Filter filter) {
            return generator(t, lang, filter, null);
        }

        /**
         * {@link #generator(Texts, Lang, QuizGenerator.Filter)}, or with {@code --capture} a
         * generator of questions from that capture ({@link tcplab.quiz.CaptureQuiz}); a capture
         * damaged partway is said on {@code err} and asked about as far as it was readable.
         */
        QuizGenerator generator(Texts t, Lang lang, QuizGenerator.Filter filter, PrintWriter err) {
            boolean captureTypes = filter.types().stream().anyMatch(QuestionType::fromCapture);
            if (capture == null && captureTypes) {
                throw UserException.usage(t.get("quiz.captureTopicWithout"));
            }
            if (capture != null) {
                if (!bankPaths.isEmpty() || bankOnly) {
                    throw UserException.usage(t.get("quiz.captureAndBank"));
                }
                tcplab.capture.CaptureAnalysis a = CaptureCommand.load(capture, lang);
                if (a.problem() != null && err != null) {
                    err.println(a.problem().format(capture, lang));
                    err.flush();
                }
                tcplab.quiz.CaptureQuiz cq = new tcplab.quiz.CaptureQuiz(
                        java.nio.file.Path.of(capture).getFileName().toString(), a.connections());
                if (!cq.canAsk()) {
                    throw UserException.failure(t.get("quiz.captureNothing", capture));
                }
                return new QuizGenerator(lang, cq);
            }
            if (bankOnly && bankPaths.isEmpty()) {
                throw UserException.usage(t.get("quiz.bankOnlyWithout"));
            }
            tcplab.quiz.BankLoader.Many loaded = tcplab.quiz.BankLoader.loadMany(bankPaths);
            if (!loaded.problems().isEmpty()) {
                throw UserException.failure(new ProblemException(loaded.problems()).format(lang).stripTrailing());
            }
            QuizGenerator g = new QuizGenerator(lang, loaded.banks(), bankOnly);
            if (bankOnly && !g.hasBankQuestions(filter)) {
                throw UserException.usage(t.get("quiz.bankNoneFits"));
            }
            return g;
        }
    }

    static QuizGenerator.Filter filter(Texts t, String topic, String difficulty) {
        Set<QuestionType> types = QuizGenerator.topic(topic);
        if (types == null) {
            throw UserException.usage(t.get("quiz.badTopic", topic, String.join(", ", QuizGenerator.topicNames())));
        }
        Difficulty d = null;
        if (difficulty != null) {
            d = Difficulty.parse(difficulty);
            if (d == null) {
                throw UserException.usage(t.get("quiz.badDifficulty", difficulty));
            }
        }
        return new QuizGenerator.Filter(types, d, java.util.Map.of());
    }

    static void checkCount(Texts t, int count) {
        if (count < 1 || count > 100_000) {
            throw UserException.usage(t.get("quiz.badCount", Integer.toString(count)));
        }
    }

    @Override
    public Integer call() throws IOException {
        Lang lang = langOption.lang();
        Texts t = Cli.texts(lang);
        Texts q = Texts.of(QuizGenerator.BUNDLE, lang);
        QuizGenerator.Filter filter = sources.filter(t, topic, difficulty);
        checkCount(t, count);
        if (exam && classroom) {
            throw UserException.usage(t.get("quiz.examAndClassroom"));
        }
        if (timeLimitS != null && (timeLimitS < 1 || !exam)) {
            throw UserException.usage(t.get("quiz.badTimeLimit"));
        }
        PrintWriter out = spec.commandLine().getOut();
        QuizSession.Mode mode = exam ? QuizSession.Mode.EXAM : classroom ? QuizSession.Mode.CLASSROOM : QuizSession.Mode.PRACTICE;
        ResultsStore store = new ResultsStore(results != null ? results : ResultsStore.defaultFile());
        List<Attempt> history = List.of();
        if (name != null) {
            // Before the first question: a learner hears that the results cannot be saved, and
            // where, before answering, not after (it used to be "internal error" at the end).
            ResultsStore.Loaded l;
            try {
                l = store.open();
            } catch (IOException e) {
                throw UserException.failure(t.get("quiz.cannotSave", ResultsStore.message(e, lang)));
            }
            reportSetAside(out, q, l);
            history = l.of(name);
        }
        long s = seed != null ? seed : System.nanoTime() & 0xFFFFFFFL;
        QuizSession session = new QuizSession(sources.generator(t, lang, filter, spec.commandLine().getErr()), s, count, filter, mode,
                timeLimitS == null ? 0 : timeLimitS * 1000, System::currentTimeMillis, name == null ? "" : name, history);
        Saver saver = new Saver(store, name != null, session, out, spec.commandLine().getErr(), q, lang);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, Cli.stdinCharset()));
        out.println(q.get("term.start." + mode.word(), count, Long.toString(s)));
        while (!session.finished()) {
            Question qu = session.current();
            print(out, q, qu, session.index() + 1, count);
            if (mode == QuizSession.Mode.CLASSROOM) {
                out.print(q.get("term.reveal"));
                out.flush();
                if (Cli.readLine(in) == null) {
                    break;
                }
                out.println(q.get("term.answerIs", qu.answerLetter() + ") " + qu.answer()));
                out.println(qu.explanation());
                out.println();
                session.answer(qu.answer());
                saver.save();
                continue;
            }
            String line;
            while (true) {
                out.print(q.get(mode == QuizSession.Mode.PRACTICE ? "term.ask.practice" : "term.ask.exam"));
                out.flush();
                line = Cli.readLine(in);
                if (line != null && line.trim().equals("?") && mode == QuizSession.Mode.PRACTICE) {
                    showMe(out, lang, qu.show(), q);
                    continue;
                }
                break;
            }
            if (line == null || line.trim().equalsIgnoreCase("q")) {
                out.println();
                break;
            }
            if (session.timeUp()) {
                out.println(q.get("term.timeUp"));
                session.giveUpRest();
                saver.save();
                break;
            }
            QuizSession.Answered a = session.answer(line);
            // Saved after every answer: Ctrl-C or a closed terminal loses at most the question on screen.
            saver.save();
            if (mode == QuizSession.Mode.PRACTICE) {
                out.println(a.correct() ? q.get("term.right")
                        : q.get("term.wrong", qu.answerLetter() + ") " + qu.answer()));
                String why = a.correct() ? null : qu.whyWrong(line);
                if (why != null) {
                    out.println(why); // why the option chosen is wrong, before why the answer is right
                }
                out.println(qu.explanation());
                if (qu.show() != null) {
                    out.println(q.get("term.showHint"));
                }
                out.println();
            }
        }
        if (mode == QuizSession.Mode.EXAM) {
            if (session.answered().size() < count) {
                session.giveUpRest();
                saver.save();
            }
            out.println(q.get("term.review"));
            int i = 1;
            for (QuizSession.Answered a : session.answered()) {
                out.println(q.get(a.correct() ? "term.review.right" : "term.review.wrong", Integer.toString(i++),
                        a.given().isEmpty() ? "—" : a.given(), a.question().answerLetter() + ") " + a.question().answer()));
                if (!a.correct()) {
                    String why = a.question().whyWrong(a.given());
                    if (why != null) {
                        out.println("   " + why);
                    }
                    out.println("   " + a.question().explanation());
                }
            }
        }
        if (mode != QuizSession.Mode.CLASSROOM) {
            int answered = session.answeredInTime();
            out.println(q.get("term.score", Integer.toString(session.score()), Integer.toString(answered),
                    Integer.toString(count)));
        }
        if (name != null && !session.attempts().isEmpty()) {
            saver.save();
            if (saver.failure != null) {
                // Never "Saved" for answers that are not in the file.
                out.flush();
                throw UserException.failure(q.get("term.notSaved", saver.failure)
                        + (saver.saved > 0 ? " " + q.get("term.savedSoFar", store.file().toString()) : ""));
            }
            out.println(q.get("term.saved", name, store.file().toString()));
        } else if (name == null && mode != QuizSession.Mode.CLASSROOM) {
            out.println(q.get("term.noName"));
        }
        out.flush();
        return 0;
    }

    /**
     * Saves a session's answers as they come: the ones not in the file yet, after every answer. A
     * save that fails is said once on the error stream, and tried again with the next answer.
     */
    private static final class Saver {
        private final ResultsStore store;
        private final boolean on;
        private final QuizSession session;
        private final PrintWriter out;
        private final PrintWriter err;
        private final Texts q;
        private final Lang lang;
        int saved;
        String failure;

        Saver(ResultsStore store, boolean on, QuizSession session, PrintWriter out, PrintWriter err, Texts q, Lang lang) {
            this.store = store;
            this.on = on;
            this.session = session;
            this.out = out;
            this.err = err;
            this.q = q;
            this.lang = lang;
        }

        void save() {
            List<Attempt> all = session.attempts();
            if (!on || saved >= all.size()) {
                return;
            }
            try {
                ResultsStore.Loaded l = store.append(List.copyOf(all.subList(saved, all.size())));
                reportSetAside(out, q, l);
                saved = all.size();
                failure = null;
            } catch (IOException e) {
                String why = ResultsStore.message(e, lang);
                if (!why.equals(failure)) {
                    out.flush();
                    err.println(q.get("term.notSaved", why));
                    err.flush();
                }
                failure = why;
            }
        }
    }

    private static void reportSetAside(PrintWriter out, Texts q, ResultsStore.Loaded l) {
        if (l.setAside() != null) {
            out.println(q.get("term.damaged", l.setAside().toString(), l.problem() == null ? "" : l.problem()));
        }
    }

    static void print(PrintWriter out, Texts q, Question qu, int number, int count) {
        out.println(q.get("term.header", Integer.toString(number), Integer.toString(count), qu.type().jsonName(),
                q.get("difficulty." + qu.difficulty().jsonName())));
        out.println(qu.prompt());
        for (int i = 0; i < qu.options().size(); i++) {
            out.println("  " + (char) ('A' + i) + ") " + qu.options().get(i));
        }
        if (qu.options().isEmpty()) {
            out.println(q.get("term.typeAnswer"));
        }
    }

    /** "Show me" in a terminal: the ladder of the question's scenario up to its time. */
    private static void showMe(PrintWriter out, Lang lang, Show show, Texts q) {
        if (show == null) {
            out.println(q.get("term.noShow"));
            return;
        }
        try {
            Scenario sc = show.scenario() != null ? ScenarioLoader.builtin(show.scenario())
                    : ScenarioLoader.parse(show.yaml(), "quiz.yaml");
            TraceSink.Recorder rec = new TraceSink.Recorder();
            ScenarioRunner.Run run = ScenarioRunner.build(sc, ScenarioRunner.Overrides.NONE, rec);
            run.simulation().runUntil(Math.round(show.atMs() * 1000));
            List<TraceEvent> events = rec.events();
            TextLadder.write(out, sc, run, events, TextLadder.Options.of(lang));
        } catch (ProblemException e) {
            out.println(e.getMessage());
        }
    }

    /** {@code tcplab quiz generate}: questions with their answers, one JSON object per line. */
    @Command(name = "generate", mixinStandardHelpOptions = true)
    static final class Generate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        LangOption langOption;

        @Option(names = "--count", paramLabel = "N", defaultValue = "10", descriptionKey = "count")
        int count;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", descriptionKey = "seed")
        long seed;

        @Option(names = "--format", paramLabel = "jsonl|text", defaultValue = "jsonl", descriptionKey = "format")
        String format;

        @Option(names = "--topic", paramLabel = "T", defaultValue = "all", descriptionKey = "topic")
        String topic;

        @Option(names = "--difficulty", paramLabel = "easy|medium|hard", descriptionKey = "difficulty")
        String difficulty;

        @Mixin
        Sources sources;

        @Override
        public Integer call() {
            Lang lang = langOption.lang();
            Texts t = Cli.texts(lang);
            QuizGenerator.Filter f = sources.filter(t, topic, difficulty);
            checkCount(t, count);
            if (!format.equals("jsonl") && !format.equals("text")) {
                throw UserException.usage(t.get("quiz.badFormat", format));
            }
            PrintWriter out = spec.commandLine().getOut();
            QuizGenerator g = sources.generator(t, lang, f, spec.commandLine().getErr());
            Texts q = Texts.of(QuizGenerator.BUNDLE, lang);
            for (int i = 0; i < count; i++) {
                Question qu = g.question(seed, i, f);
                if (format.equals("jsonl")) {
                    out.println(tcplab.quiz.QuestionJson.line(qu));
                } else {
                    print(out, q, qu, i + 1, count);
                    out.println(q.get("term.answerIs", qu.answerLetter() + ") " + qu.answer()));
                    out.println(qu.explanation());
                    out.println();
                }
            }
            out.flush();
            return 0;
        }
    }

    /** {@code tcplab quiz results}: the saved results as CSV for a spreadsheet. */
    @Command(name = "results", mixinStandardHelpOptions = true)
    static final class Results implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        LangOption langOption;

        @Option(names = "--results", paramLabel = "FILE", descriptionKey = "results")
        java.nio.file.Path results;

        @Option(names = "--csv", paramLabel = "FILE", descriptionKey = "csv")
        java.nio.file.Path csv;

        @Option(names = "--name", paramLabel = "NAME", descriptionKey = "name")
        String name;

        @Override
        public Integer call() throws IOException {
            Lang lang = langOption.lang();
            Texts q = Texts.of(QuizGenerator.BUNDLE, lang);
            ResultsStore store = new ResultsStore(results != null ? results : ResultsStore.defaultFile());
            ResultsStore.Loaded l;
            try {
                l = store.load();
            } catch (IOException e) {
                throw UserException.failure(ResultsStore.message(e, lang));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (l.setAside() != null) {
                spec.commandLine().getErr().println(q.get("term.damaged", l.setAside().toString(),
                        l.problem() == null ? "" : l.problem()));
                spec.commandLine().getErr().flush();
            }
            java.util.Map<String, List<Attempt>> rows = l.byLearner();
            if (name != null) {
                rows = java.util.Map.of(name, l.of(name));
            }
            String text = ResultsStore.csv(rows);
            if (csv != null) {
                try {
                    ResultsStore.writeCsv(csv, text);
                } catch (IOException e) {
                    throw UserException.failure(ResultsStore.message(e, lang));
                }
                out.println(q.get("term.csvWritten", csv.toString()));
            } else {
                out.print(text);
            }
            out.flush();
            return l.setAside() != null ? 1 : 0;
        }
    }

    /** {@code tcplab quiz check FILE|DIR}: validate question banks; 1 if any file has a mistake. */
    @Command(name = "check", mixinStandardHelpOptions = true)
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        LangOption langOption;

        @CommandLine.Parameters(index = "0", arity = "1..*", paramLabel = "FILE|DIR", descriptionKey = "paths")
        List<java.nio.file.Path> paths;

        @Override
        public Integer call() {
            Lang lang = langOption.lang();
            Texts t = Cli.texts(lang);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int files = 0;
            int failed = 0;
            for (java.nio.file.Path p : paths) {
                for (tcplab.quiz.BankLoader.Loaded l : tcplab.quiz.BankLoader.loadAll(p)) {
                    files++;
                    if (l.ok()) {
                        out.println(t.get("quiz.check.ok", l.bank().id(), l.bank().questions().size(), l.path()));
                    } else {
                        failed++;
                        err.println(new ProblemException(l.problems()).format(lang).stripTrailing());
                    }
                }
            }
            err.flush();
            out.println(t.get("quiz.check.summary", files, files - failed, failed));
            out.flush();
            return failed == 0 ? 0 : 1;
        }
    }
}
