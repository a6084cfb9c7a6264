package tcplab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tcplab.i18n.Lang;
import tcplab.i18n.Problem;
import tcplab.i18n.Texts;
import tcplab.lesson.Lesson;
import tcplab.lesson.LessonLoader;
import tcplab.lesson.LessonRun;
import tcplab.lesson.LessonViewModel;
import tcplab.netstat.Explainer;
import tcplab.netstat.NetstatParser;
import tcplab.netstat.ParsedLine;
import tcplab.netstat.Warning;
import tcplab.quiz.Attempt;
import tcplab.quiz.ResultsStore;
import tcplab.sim.TextLadder;
import tcplab.sim.Timeline;
import tcplab.sim.TraceEvent;

/** {@code tcplab lesson list|run|check}: the step-through lessons of {@code lessons/} in a terminal. */
@Command(name = "lesson", mixinStandardHelpOptions = true,
        subcommands = {LessonCommand.ListLessons.class, LessonCommand.RunLesson.class, LessonCommand.CheckLessons.class})
public final class LessonCommand implements Callable<Integer> {
    /** Where {@code lesson run} reads its keys; the tests replace it with a script. */
    static InputStream stdin = System.in;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    static Path dirOrFail(Path dir, Lang lang) {
        // The default folder falls back to the lessons packed into the jar.
        Path resolved = tcplab.lesson.LessonFolder.resolve(dir.toString());
        if (!Files.isDirectory(resolved)) {
            throw UserException.usage(Cli.texts(lang).get("lesson.noDir", dir));
        }
        return resolved;
    }

    static List<LessonLoader.Loaded> all(Path dir, Lang lang) {
        try {
            return LessonLoader.checkDir(dirOrFail(dir, lang));
        } catch (IOException e) {
            throw UserException.failure(Cli.texts(lang).get("lesson.cannotList", dir, e.getMessage()));
        }
    }

    private static String format(List<Problem> problems, Lang lang) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            sb.append(p.format(lang)).append('\n');
        }
        return sb.toString();
    }

    /** {@code tcplab lesson list [--dir DIR]}. */
    @Command(name = "list", mixinStandardHelpOptions = true)
    static final class ListLessons implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        LangOption langOption;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "lessons", descriptionKey = "dir")
        Path dir;

        @Override
        public Integer call() {
            Lang lang = langOption.lang();
            Texts t = Cli.texts(lang);
            PrintWriter out = spec.commandLine().getOut();
            List<LessonLoader.Loaded> all = all(dir, lang);
            int width = 0;
            for (LessonLoader.Loaded l : all) {
                if (l.lesson() != null) {
                    width = Math.max(width, l.lesson().id().length());
                }
            }
            for (LessonLoader.Loaded l : all) {
                if (l.lesson() == null) {
                    out.println("  " + t.get("lesson.list.broken", l.path()));
                    continue;
                }
                StringBuilder sb = new StringBuilder("  ").append(l.lesson().id());
                while (TextLadder.width(sb) < width + 4) {
                    sb.append(' ');
                }
                sb.append(l.lesson().title(lang)).append("  ").append(t.get("lesson.list.steps", l.lesson().steps().size()));
                if (!l.problems().isEmpty()) {
                    sb.append("  ").append(t.get("lesson.list.fails"));
                }
                out.println(sb);
            }
            out.println();
            out.println(t.get("lesson.list.hint"));
            out.flush();
            return 0;
        }
    }

    /** {@code tcplab lesson check [--dir DIR | DIR]}: load and run every lesson; 1 if any fails. */
    @Command(name = "check", mixinStandardHelpOptions = true)
    static final class CheckLessons implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        LangOption langOption;

        /** The folder, as lesson list and lesson run take it; the positional DIR is the older form, kept. */
        @Option(names = "--dir", paramLabel = "DIR", descriptionKey = "dir")
        Path dirOption;

        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", descriptionKey = "checkDir")
        Path dirArgument;

        @Override
        public Integer call() {
            Lang lang = langOption.lang();
            Texts t = Cli.texts(lang);
            if (dirOption != null && dirArgument != null && !dirOption.equals(dirArgument)) {
                throw UserException.usage(t.get("lesson.check.twoDirs", dirOption, dirArgument));
            }
            Path dir = dirOption != null ? dirOption : dirArgument != null ? dirArgument : Path.of("lessons");
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<LessonLoader.Loaded> all = all(dir, lang);
            if (all.isEmpty()) {
                // Nothing checked is not "all ok".
                throw UserException.failure(t.get("lesson.noLessons", dir));
            }
            int failed = 0;
            for (LessonLoader.Loaded l : all) {
                if (l.ok()) {
                    out.println(t.get("lesson.check.ok", l.lesson().id(), l.lesson().steps().size(), l.path()));
                } else {
                    failed++;
                    err.print(format(l.problems(), lang));
                }
            }
            err.flush();
            out.println(t.get("lesson.check.summary", all.size(), all.size() - failed, failed));
            out.flush();
            err.flush();
            return failed == 0 ? 0 : 1;
        }
    }

    /**
     * {@code tcplab lesson run ID [--step N] [--name NAME]}: Enter = next, b = back, q = quit;
     * answers typed at checkpoints. Driven by the same {@link LessonViewModel} as the window, so a
     * question shows what the class may see (the frame the step starts from, the setup text, the
     * table lines it asks about) and nothing of its answer.
     */
    @Command(name = "run", mixinStandardHelpOptions = true)
    static final class RunLesson implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        LangOption langOption;

        @Parameters(index = "0", paramLabel = "ID", descriptionKey = "lessonId")
        String id;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "lessons", descriptionKey = "dir")
        Path dir;

        @Option(names = "--step", paramLabel = "N", descriptionKey = "step")
        Integer step;

        @Option(names = "--name", paramLabel = "NAME", descriptionKey = "name")
        String name;

        @Option(names = "--results", paramLabel = "FILE", descriptionKey = "results")
        Path results;

        private Lang lang;
        private Texts t;
        private PrintWriter out;

        @Override
        public Integer call() throws IOException {
            lang = langOption.lang();
            t = Cli.texts(lang);
            out = spec.commandLine().getOut();
            Path file = id.endsWith(".yaml") || id.contains("/") ? Path.of(id) : dirOrFail(dir, lang).resolve(id + ".yaml");
            if (!Files.exists(file)) {
                List<String> ids = new ArrayList<>();
                for (LessonLoader.Loaded l : all(dir, lang)) {
                    if (l.lesson() != null) {
                        ids.add(l.lesson().id());
                    }
                }
                throw UserException.usage(t.get("lesson.unknown", id, String.join(", ", ids)));
            }
            LessonRun run;
            try {
                run = LessonRun.of(LessonLoader.load(file));
            } catch (tcplab.i18n.ProblemException e) {
                throw UserException.failure(e.format(lang));
            }
            Lesson lesson = run.lesson();
            int n = lesson.steps().size();
            if (step != null && (step < 1 || step > n)) {
                throw UserException.usage(t.get("lesson.badStep", step, lesson.id(), n));
            }
            LessonViewModel vm = new LessonViewModel(run, lang);
            List<Attempt> answers = new ArrayList<>();
            ResultsStore store = new ResultsStore(results != null ? results : ResultsStore.defaultFile());
            String[] failure = new String[1];
            if (name != null && !name.isBlank()) {
                // Before the first step, as for a quiz: where the answers cannot go is said first.
                try {
                    ResultsStore.Loaded l = store.open();
                    if (l.setAside() != null) {
                        out.println(t.get("lesson.run.setAside", l.setAside()));
                    }
                } catch (IOException e) {
                    throw UserException.failure(t.get("quiz.cannotSave", ResultsStore.message(e, lang)));
                }
                // Each answer saved as it is given: q, Ctrl-C or a closed terminal lose none.
                vm.setRecorder(a -> {
                    answers.add(a.toAttempt(name.trim(), java.time.Instant.now().toString()));
                    failure[0] = save(store, answers, failure[0]);
                });
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            out.println("== " + lesson.title(lang) + " ==");
            out.println(lesson.summary(lang));
            out.println(t.get("lesson.run.keys"));
            vm.goTo(step == null ? 0 : step - 1);
            int shownBefore = -1; // the step whose events were printed last (a step back prints its whole run so far)
            loop:
            while (true) {
                LessonRun.Frame f = vm.frame();
                out.println();
                out.println(t.get("lesson.run.step", vm.index() + 1, n, TextLadder.fmtMs(f.timeUs() / 1000.0)));
                if (vm.phase() == LessonViewModel.Phase.QUESTION) {
                    // Predict first: what the class sees is the frame the step starts from.
                    if (shownBefore != vm.index() - 1) {
                        ladder(vm, false); // the ladder so far is not on screen yet (a start at --step N, a step back)
                    }
                    printTable(vm, false);
                    out.println();
                    out.println(vm.setup());
                    Integer k = ask(in, vm);
                    if (k == null) {
                        break;
                    }
                    vm.answer(k);
                    out.println(vm.feedback());
                }
                out.println();
                out.println(vm.narration());
                out.println();
                ladder(vm, shownBefore == vm.index() - 1 || vm.checkpoint() != null);
                highlights(f = vm.frame());
                printTable(vm, true);
                shownBefore = vm.index();
                while (true) {
                    out.print(vm.canNext() ? t.get("lesson.run.prompt") : t.get("lesson.run.promptLast"));
                    out.flush();
                    String cmd = Cli.readLine(in);
                    if (cmd == null) {
                        out.println();
                        break loop;
                    }
                    cmd = cmd.trim().toLowerCase(java.util.Locale.ROOT);
                    if (cmd.equals("q")) {
                        break loop;
                    }
                    if (cmd.equals("b")) {
                        if (!vm.back()) {
                            out.println(t.get("lesson.run.atStart"));
                        }
                        shownBefore = -1;
                        continue loop;
                    }
                    if (!vm.next()) {
                        out.println(t.get("lesson.run.end"));
                        break loop;
                    }
                    continue loop;
                }
            }
            if (savedCount > 0 || !answers.isEmpty()) {
                failure[0] = save(store, answers, failure[0]);
                if (failure[0] != null) {
                    out.flush();
                    throw UserException.failure(t.get("lesson.run.notSaved", answers.size(), failure[0]));
                }
                out.println(t.get("lesson.run.saved", savedCount, name.trim(), store.file()));
            }
            out.flush();
            return 0;
        }

        /** Answers saved so far (the others wait in the list). */
        private int savedCount;

        /** Saves the answers not saved yet; the failure's message (said once), or null when all are saved. */
        private String save(ResultsStore store, List<Attempt> answers, String failedBefore) {
            if (answers.isEmpty()) {
                return null;
            }
            try {
                ResultsStore.Loaded l = store.append(List.copyOf(answers));
                if (l.setAside() != null) {
                    out.println(t.get("lesson.run.setAside", l.setAside()));
                }
                savedCount += answers.size();
                answers.clear();
                return null;
            } catch (IOException e) {
                String why = ResultsStore.message(e, lang);
                if (!why.equals(failedBefore)) {
                    out.flush();
                    spec.commandLine().getErr().println(t.get("error.prefix") + why);
                    spec.commandLine().getErr().flush();
                }
                return why;
            }
        }

        /** Asks the open question: the index of the choice, or null when the input ended or the user quit. */
        private Integer ask(BufferedReader in, LessonViewModel vm) throws IOException {
            out.println(t.get("lesson.run.predict") + " " + vm.question());
            List<String> labels = vm.choiceLabels();
            for (int c = 0; c < labels.size(); c++) {
                // The label only: a state name in brackets after a sentence would give the answer away.
                out.println("  " + (c + 1) + ") " + labels.get(c));
            }
            while (true) {
                out.print(t.get("lesson.run.answer"));
                out.flush();
                String a = Cli.readLine(in);
                if (a == null || a.trim().equalsIgnoreCase("q")) {
                    out.println();
                    return null;
                }
                Integer k = choose(vm.checkpoint(), labels, a.trim());
                if (k != null) {
                    return k;
                }
                out.println(t.get("lesson.run.pick", labels.size()));
            }
        }

        /** A typed answer: the choice's number, its label, or (for short labels) the state or flags. */
        private static Integer choose(Lesson.Checkpoint cp, List<String> labels, String a) {
            try {
                int k = Integer.parseInt(a);
                return k >= 1 && k <= labels.size() ? k - 1 : null;
            } catch (NumberFormatException e) {
                String norm = a.toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_').replace(',', '_');
                for (int k = 0; k < labels.size(); k++) {
                    Lesson.Choice c = cp.choices().get(k);
                    if (labels.get(k).equalsIgnoreCase(a) || labels.get(k).equals(c.value()) && c.value().replace(',', '_').equals(norm)) {
                        return k;
                    }
                }
                return null;
            }
        }

        /**
         * The ladder lines of the frame shown: only the events this step revealed when
         * {@code onlyNew}, else everything up to the frame (after a step back, or at the start).
         */
        private void ladder(LessonViewModel vm, boolean onlyNew) {
            LessonRun.Frame f = vm.frame();
            Timeline tl = f.timeline();
            List<Timeline.Entry> upTo = tl.entriesUpTo(f.simStep());
            List<TraceEvent> events = new ArrayList<>();
            for (Timeline.Entry e : upTo) {
                events.add(e.event());
            }
            int from = 0;
            if (onlyNew) {
                int before = vm.run().before(vm.index()).simStep();
                while (from < upTo.size() && upTo.get(from).step() <= before) {
                    from++;
                }
            }
            List<String> lines = TextLadder.eventLines(tl.replayTo(0).hosts(), events, new TextLadder.Options(lang, false, 44));
            boolean any = false;
            for (int k = from; k < events.size(); k++) {
                String l = lines.get(k + 2);
                if (l != null) {
                    if (!any) {
                        out.println(lines.get(0));
                        out.println(lines.get(1));
                        any = true;
                    }
                    out.println(l);
                }
            }
            if (!any) {
                out.println(t.get("lesson.run.noEvents"));
            }
        }

        private void highlights(LessonRun.Frame f) {
            List<String> parts = new ArrayList<>();
            if (f.segment() != null) {
                Timeline.Flight fl = f.timeline().flight(f.segment());
                parts.add(t.get("lesson.run.hlSegment", f.segment(), fl == null ? "" : fl.send().segment().flagText()));
            }
            if (f.state() != null) {
                parts.add(t.get("lesson.run.hlState", f.state().name()) + (f.stateHost() == null ? "" : " (" + f.stateHost() + ")"));
            }
            if (f.edgeFrom() != null) {
                parts.add(t.get("lesson.run.hlEdge", f.edgeFrom().name(), f.edgeTo().name()));
            }
            if (!parts.isEmpty()) {
                out.println("** " + String.join(" · ", parts));
            }
        }

        /**
         * The table of the frame shown, the line the step points at marked; with {@code explain},
         * that line's meaning and the table's warnings (after the answer only: they may name it).
         */
        private void printTable(LessonViewModel vm, boolean explain) {
            LessonRun.Frame f = vm.frame();
            out.println();
            out.println(f.paste() != null ? t.get("lesson.run.pasted")
                    : t.get("lesson.run.netstat", f.host(), f.dialect() == null ? t.get("lesson.run.native") : f.dialect().cliName()));
            int mark = vm.markedLine();
            for (LessonViewModel.TableLine l : vm.tableLines()) {
                out.println(String.format(java.util.Locale.ROOT, "%s%3d | %s", l.marked() ? ">" : " ", l.number(), l.text()));
            }
            if (!explain) {
                return;
            }
            Explainer ex = new Explainer(lang);
            String meaning = null;
            for (ParsedLine pl : NetstatParser.parseAll(f.table())) {
                String e = ex.explain(pl);
                if (pl.line() == mark) {
                    meaning = e;
                }
            }
            if (meaning != null) {
                out.println(t.get("lesson.run.lineMeans", mark) + " " + meaning);
            }
            for (Warning w : ex.summary().warnings()) {
                out.println("!! " + w.code() + ": " + w.message() + " (" + w.evidence() + ")");
            }
        }
    }
}
