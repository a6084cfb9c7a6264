package tcplab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.quiz.Question;
import tcplab.quiz.QuizGenerator;
import tcplab.quiz.ResultsStore;
import tcplab.quiz.live.ClassServer;
import tcplab.quiz.live.ClassSession;
import tcplab.quiz.live.LiveQuestion;
import tcplab.quiz.live.Qr;
import tcplab.quiz.live.Room;

/**
 * {@code tcplab class}: a live class quiz that students answer in their browsers. With
 * {@code --headless} the teacher drives it from standard input ({@code next}, {@code reveal},
 * {@code status}, {@code end}, ...); without, the window opens on its Class tab.
 */
@Command(name = "class", resourceBundle = "tcplab.cli.Messages", mixinStandardHelpOptions = true)
final class ClassCommand implements Callable<Integer> {
    /** The port a class session asks for first; taken, any free one (unless --port was given). */
    static final int DEFAULT_PORT = 8080;

    @Spec
    CommandSpec spec;

    @Mixin
    LangOption langOption;

    @Mixin
    QuizCommand.Sources sources;

    @Option(names = "--port", paramLabel = "P", descriptionKey = "port")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR", descriptionKey = "bind")
    String bind;

    @Option(names = "--questions", paramLabel = "N", descriptionKey = "questions")
    int questions = 10;

    @Option(names = "--seed", paramLabel = "S", descriptionKey = "seed")
    Long seed;

    @Option(names = "--topic", paramLabel = "T", descriptionKey = "topic")
    String topic = "all";

    @Option(names = "--difficulty", paramLabel = "easy|medium|hard", descriptionKey = "difficulty")
    String difficulty;

    @Option(names = "--time-limit", paramLabel = "S", descriptionKey = "timeLimit")
    int timeLimit;

    @Option(names = "--results", paramLabel = "FILE", descriptionKey = "results")
    Path results;

    @Option(names = "--csv", paramLabel = "FILE", descriptionKey = "csv")
    Path csv;

    @Option(names = "--max-students", paramLabel = "N", descriptionKey = "maxStudents")
    int maxStudents = 500;

    @Option(names = "--headless", descriptionKey = "headless")
    boolean headless;

    @Override
    public Integer call() throws IOException {
        Lang lang = langOption.lang();
        Texts t = Cli.texts(lang);
        if (questions < 1 || questions > 1000) {
            throw UserException.usage(t.get("class.badQuestions", questions));
        }
        if (timeLimit < 0 || timeLimit > 3600) {
            throw UserException.usage(t.get("class.badTimeLimit", timeLimit));
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw UserException.usage(t.get("class.badPort", port));
        }
        if (maxStudents < 1 || maxStudents > 5000) {
            throw UserException.usage(t.get("class.badMaxStudents", maxStudents));
        }
        QuizGenerator.Filter filter = sources.filter(t, topic, difficulty);
        QuizGenerator en = sources.generator(t, Lang.EN, filter);
        QuizGenerator zh = new QuizGenerator(Lang.ZH, en.banks(), en.bankOnly());
        if (!headless) {
            boolean unixLike = !Cli.onWindows() && !Cli.onMac();
            if (unixLike && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
                throw UserException.failure(t.get("class.noDisplay"));
            }
            tcplab.ui.TcplabApp.open(new String[] {"--tab=class"});
            return 0;
        }
        PrintWriter out = spec.commandLine().getOut();
        Texts q = Texts.of(QuizGenerator.BUNDLE, lang);
        long s = seed != null ? seed : System.nanoTime() & 0xFFFFFFFL;

        InetAddress bindAddress = bindAddress(t);
        List<InetAddress> lan = ClassSession.lanAddresses();
        String host;
        if (!bindAddress.isAnyLocalAddress()) {
            host = bindAddress.getHostAddress();
        } else if (!lan.isEmpty()) {
            host = lan.get(0).getHostAddress();
        } else {
            host = "127.0.0.1";
            out.println(t.get("class.noLan"));
        }
        ClassSession session = start(t, bindAddress, host);
        session.teacherLang(lang);
        out.println("join: " + session.joinUrl());
        out.println("code: " + session.code());
        if (lan.size() > 1 && bindAddress.isAnyLocalAddress()) {
            List<String> others = new ArrayList<>();
            for (InetAddress a : lan.subList(1, lan.size())) {
                others.add("http://" + a.getHostAddress() + ":" + session.port() + "/");
            }
            out.println(t.get("class.otherAddresses", String.join("  ", others)));
        }
        if (System.console() != null) {
            out.print(Qr.of(session.joinUrl() + "?code=" + session.code()).toTerminal());
        }
        out.println(t.get("class.started", questions, Long.toString(s)));
        out.println(t.get("class.help"));
        out.flush();

        Watcher watcher = new Watcher(session.room(), out, t);
        session.room().addListener(watcher::changed);
        watcher.start();
        int next = 0;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, Cli.stdinCharset()));
        try {
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.strip();
                if (cmd.isEmpty()) {
                    continue;
                }
                String word = cmd.split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
                String arg = cmd.contains(" ") ? cmd.substring(cmd.indexOf(' ') + 1).strip() : "";
                switch (word) {
                    case "next": {
                        if (next >= questions) {
                            out.println(t.get("class.noMore", questions));
                            break;
                        }
                        if (session.room().snapshot().phase() == Room.Phase.OPEN) {
                            out.println(t.get("class.stillOpen"));
                            break;
                        }
                        final int index = next;
                        LiveQuestion lq = LiveQuestion.of(index + 1, "generated",
                                l -> (l == Lang.ZH ? zh : en).question(s, index, filter));
                        next++;
                        session.push(lq, timeLimit);
                        QuizCommand.print(out, q, lq.in(lang), index + 1, questions);
                        out.println(t.get(timeLimit > 0 ? "class.pushedTimed" : "class.pushed", timeLimit));
                        break;
                    }
                    case "reveal": {
                        if (session.room().snapshot().phase() != Room.Phase.OPEN) {
                            out.println(t.get("class.noOpen"));
                            break;
                        }
                        printReveal(out, t, session.reveal(), lang, session.room().snapshot().joined());
                        if (session.saveProblem() != null) {
                            out.println(t.get("class.saveFailed", session.saveProblem()));
                        }
                        break;
                    }
                    case "status": {
                        Room.Snapshot sn = session.room().snapshot();
                        out.println(t.get("class.status", sn.answered(), sn.joined(), sn.phase().name().toLowerCase(java.util.Locale.ROOT)));
                        break;
                    }
                    case "who":
                        out.println(t.get("class.who", session.room().snapshot().joined(),
                                String.join(", ", session.room().snapshot().names())));
                        break;
                    case "standings": {
                        boolean on = !session.room().standingsShown();
                        session.showStandings(on);
                        out.println(t.get(on ? "class.standingsOn" : "class.standingsOff"));
                        for (Room.Standing st : session.room().standings()) {
                            out.println("  " + st.rank() + ". " + st.name() + "  " + st.score());
                        }
                        break;
                    }
                    case "remove":
                        out.println(session.remove(arg) ? t.get("class.removed", arg) : t.get("class.noSuchName", arg));
                        break;
                    case "end":
                        end(out, t, session);
                        return 0;
                    case "help":
                        out.println(t.get("class.help"));
                        break;
                    default:
                        out.println(t.get("class.unknownCommand", word));
                }
                out.flush();
            }
            end(out, t, session); // end of input: end the session as "end" would
            return 0;
        } finally {
            session.close();
        }
    }

    private InetAddress bindAddress(Texts t) {
        if (bind == null) {
            try {
                return InetAddress.getByAddress(new byte[4]);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            InetAddress a = InetAddress.getByName(bind);
            if (!a.isAnyLocalAddress() && !a.isLoopbackAddress() && java.net.NetworkInterface.getByInetAddress(a) == null) {
                throw UserException.usage(t.get("class.badBind", bind));
            }
            return a;
        } catch (UnknownHostException | java.net.SocketException e) {
            throw UserException.usage(t.get("class.badBind", bind));
        }
    }

    private ClassSession start(Texts t, InetAddress bindAddress, String host) throws IOException {
        ResultsStore store = new ResultsStore(results != null ? results : ResultsStore.defaultFile());
        int p = port != null ? port : DEFAULT_PORT;
        ClassServer.Limits c = ClassServer.Limits.CLASSROOM;
        // The benchmark joins hundreds of students from one address: it raises the joins one address may make at once.
        ClassServer.Limits limits = new ClassServer.Limits(c.maxBody(), c.ratePerSec(), c.burst(),
                Integer.getInteger("tcplab.class.joinBurst", c.joinBurst()), c.maxStreams(), c.keepAliveMs());
        try {
            return ClassSession.start(bindAddress, p, host, store, csv, limits, maxStudents);
        } catch (BindException e) {
            if (port == null) {
                // 8080 is taken (another server, another session): any free port will do.
                return ClassSession.start(bindAddress, 0, host, store, csv, limits, maxStudents);
            }
            throw UserException.failure(t.get("class.portBusy", p));
        }
    }

    private static void printReveal(PrintWriter out, Texts t, Room.Reveal r, Lang lang, int joined) {
        LiveQuestion lq = r.question();
        Question q = lq.in(lang);
        int max = 1;
        for (int c : r.counts()) {
            max = Math.max(max, c);
        }
        for (int i = 0; i < q.options().size(); i++) {
            int c = r.counts()[i];
            String bar = "█".repeat((int) Math.round(20.0 * c / max));
            out.printf("  %c %-20s %3d  %s%s%n", (char) ('A' + i), bar, c, q.options().get(i),
                    i == lq.answerIndex() ? "  ✓" : "");
        }
        for (java.util.Map.Entry<String, Integer> e : r.typedCounts().entrySet()) {
            out.printf("  %3d  %s%n", e.getValue(), e.getKey());
        }
        out.println(t.get("class.answer", lq.typed() ? q.answer() : (char) ('A' + lq.answerIndex()) + ") " + q.answer()));
        out.println(q.explanation());
        out.println(t.get("class.rightCount", r.right(), r.answered(), joined));
    }

    private void end(PrintWriter out, Texts t, ClassSession session) {
        List<ClassSession.QuestionSummary> sums = session.end();
        out.println(t.get("class.ended", sums.size()));
        for (ClassSession.QuestionSummary s : sums) {
            out.println(t.get("class.summaryLine", s.number(), s.right(), s.joined(), s.prompt()));
        }
        for (Room.Standing st : session.room().standings()) {
            out.println("  " + st.rank() + ". " + st.name() + "  " + st.score());
        }
        out.println(t.get("class.saved", results != null ? results : ResultsStore.defaultFile()));
        if (csv != null) {
            out.println(t.get("class.csvSaved", csv));
        }
        if (session.saveProblem() != null) {
            out.println(t.get("class.saveFailed", session.saveProblem()));
        }
        if (Boolean.getBoolean(BenchClassCommand.USAGE_PROPERTY)) {
            long peak = 0;
            for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
            out.println("usage: cpu " + cpu + " ms, peak heap " + (peak >> 20) + " MiB");
        }
        out.flush();
    }

    /** Prints who joins (and when time runs out) as it happens, between the teacher's commands. */
    private static final class Watcher {
        private final Room room;
        private final PrintWriter out;
        private final Texts t;
        private final java.util.Set<String> known = new java.util.HashSet<>();
        private long lastRemaining = -1;

        Watcher(Room room, PrintWriter out, Texts t) {
            this.room = room;
            this.out = out;
            this.t = t;
        }

        private boolean dirty;

        /** Called under the room's lock from a server thread: only note it; the printer thread reads. */
        void changed() {
            synchronized (this) {
                if (!dirty) {
                    dirty = true;
                    notifyAll();
                }
            }
        }

        void start() {
            Thread th = new Thread(() -> {
                while (true) {
                    synchronized (this) {
                        while (!dirty) {
                            try {
                                wait();
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        dirty = false;
                    }
                    print();
                }
            }, "tcplab-class-watch");
            th.setDaemon(true);
            th.start();
        }

        private void print() {
            Room.Snapshot s = room.snapshot();
            for (String n : s.names()) {
                if (known.add(n)) {
                    out.println(t.get("class.joined", n, s.joined()));
                }
            }
            known.retainAll(s.names());
            if (s.phase() == Room.Phase.OPEN && s.remainingMs() == 0 && lastRemaining != 0) {
                out.println(t.get("class.timeUp", s.question().number()));
            }
            lastRemaining = s.remainingMs();
            out.flush();
        }
    }
}
