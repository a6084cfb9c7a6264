package tcplab.ui.classroom;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.lesson.Lesson;
import tcplab.lesson.LessonRun;
import tcplab.lesson.LessonViewModel;
import tcplab.netstat.NetstatParser;
import tcplab.netstat.ParsedLine;
import tcplab.quiz.AnswerKind;
import tcplab.quiz.Bank;
import tcplab.quiz.BankLoader;
import tcplab.quiz.Difficulty;
import tcplab.quiz.Question;
import tcplab.quiz.QuestionType;
import tcplab.quiz.QuizGenerator;
import tcplab.quiz.Show;
import tcplab.quiz.live.ClassSession;
import tcplab.quiz.live.LiveQuestion;
import tcplab.quiz.live.Qr;
import tcplab.quiz.live.Room;
import tcplab.tcp.TcpState;

/**
 * The Class tab's state and commands: a live quiz the whole class answers on their phones
 * ({@link ClassSession}). The teacher starts a session, the class joins with the address, its QR
 * code and the room code; the teacher sends questions one at a time (generated, from a question
 * bank, or the open lesson's checkpoint), sees how many answered while the answers stay hidden,
 * reveals the distribution and the right answer, and ends with a summary per question.
 *
 * <p>On javafx.beans only, tested without starting JavaFX. The room changes on the server's
 * threads: its listener only schedules one {@link #refresh} on {@code fx} (the FX thread in use, a
 * direct executor in tests), however many answers arrive at once; slow work (making a question,
 * ending, which waits for the phones to fetch their scores) runs on {@code background}.
 */
public final class ClassViewModel {
    public static final String BUNDLE = "tcplab.ui.Class";
    /** The port a class session asks for first (easy to type); any free one when it is taken. */
    public static final int DEFAULT_PORT = 8080;
    /** How many phones may join one session. */
    public static final int MAX_STUDENTS = 300;
    /** The time limits the teacher picks from, in seconds (0: none). */
    public static final List<Integer> TIME_LIMITS = List.of(0, 10, 20, 30, 60);
    /** Typed answers shown as bars after the reveal, most given first. */
    static final int MAX_TYPED_BARS = 8;

    /** Where the next question comes from. */
    public enum Source { GENERATED, BANK, LESSON }

    /** Starts the server of a session on {@code port} (0: any), students typing {@code host}. */
    public interface Starter {
        ClassSession start(int port, String host) throws IOException;
    }

    /** A student in the list: their name and, with the leaderboard, their rank and score. */
    public record Person(String name, int rank, int score) {
    }

    /** One bar of the distribution after the reveal: an option (or a typed answer) and how many gave it. */
    public record Bar(String label, int count, boolean right) {
    }

    /**
     * A question sent, with what "show me" does for it (null: nothing to show) and, for a
     * lesson's checkpoint, the lesson and step it comes from in each language (else null).
     */
    private record Sent(LiveQuestion question, Runnable show, Map<Lang, String> from) {
    }

    private final ObjectProperty<Lang> lang = new SimpleObjectProperty<>(Lang.EN);

    // Settings //
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(Source.GENERATED);
    private final StringProperty topic = new SimpleStringProperty("all");
    private final ObjectProperty<Difficulty> difficulty = new SimpleObjectProperty<>(null);
    private final IntegerProperty timeLimitS = new SimpleIntegerProperty(0);
    private final StringProperty host = new SimpleStringProperty();
    private final BooleanProperty showStandings = new SimpleBooleanProperty(false);
    private final BooleanProperty joinScreen = new SimpleBooleanProperty(false);

    // State //
    private final ReadOnlyListWrapper<String> addresses = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyBooleanWrapper noLan = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper ended = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Room.Phase> phase = new ReadOnlyObjectWrapper<>(null);
    private final ReadOnlyStringWrapper joinUrl = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Qr> qr = new ReadOnlyObjectWrapper<>(null);
    private final ReadOnlyStringWrapper code = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper joined = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper joinedText = new ReadOnlyStringWrapper("");
    private final ReadOnlyListWrapper<Person> people = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper prompt = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper promptIsTable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyListWrapper<String> options = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyIntegerWrapper answered = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper answeredText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper clock = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper timeUp = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyListWrapper<Bar> bars = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rightText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canShow = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyListWrapper<String> summary = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyStringWrapper banksText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lessonText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    private final Starter starter;
    private final Supplier<List<String>> lanAddresses;
    private final Supplier<LessonViewModel> lesson;
    private final Consumer<Show> showTarget;
    private final Executor background;
    private final Executor fx;
    private final LongSupplier seeds;
    private final int preferredPort;
    private final tcplab.ui.common.LoadedBanks banks = new tcplab.ui.common.LoadedBanks();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final Runnable roomListener = this::roomChanged;
    /** The questions sent in this session, by number (the summary words them in the current language). */
    private final Map<Integer, Sent> sent = new HashMap<>();
    private ClassSession session;
    private List<ClassSession.QuestionSummary> summaries = List.of();
    private long seed;
    /** How many questions each source has given in this session (the generator's index). */
    private final Map<Source, Integer> drawn = new HashMap<>();
    private Room.Snapshot last;
    private String startNotice = "";

    /**
     * @param starter       starts a session's server
     * @param lanAddresses  this machine's addresses students can reach, best first (empty: none)
     * @param lesson        the lesson open in the Lessons tab, or null
     * @param showTarget    where "show me" goes: the window's simulation
     * @param preferredPort the port asked for first ({@link #DEFAULT_PORT})
     */
    public ClassViewModel(Starter starter, Supplier<List<String>> lanAddresses, Supplier<LessonViewModel> lesson,
                          Consumer<Show> showTarget, Executor background, Executor fx, LongSupplier seeds, int preferredPort) {
        this.starter = starter;
        this.lanAddresses = lanAddresses;
        this.lesson = lesson == null ? () -> null : lesson;
        this.showTarget = showTarget;
        this.background = background;
        this.fx = fx;
        this.seeds = seeds;
        this.preferredPort = preferredPort;
        lang.addListener((o, a, l) -> {
            relabel();
            if (session != null) {
                session.teacherLang(l);
            }
        });
        host.addListener((o, a, h) -> {
            if (session != null && h != null) {
                showJoinUrl();
            }
        });
        showStandings.addListener((o, a, on) -> {
            if (session != null && !ended.get()) {
                session.showStandings(on);
            }
            people();
        });
        refreshAddresses();
        relabel();
    }

    /** The addresses of every network interface the JDK lists, as {@link ClassSession#lanAddresses} orders them. */
    public static List<String> machineAddresses() {
        List<String> out = new ArrayList<>();
        for (java.net.InetAddress a : ClassSession.lanAddresses()) {
            out.add(a.getHostAddress());
        }
        return out;
    }

    private Texts t() {
        return Texts.of(BUNDLE, lang.get() == null ? Lang.EN : lang.get());
    }

    private Texts quizTexts() {
        return Texts.of(QuizGenerator.BUNDLE, lang.get() == null ? Lang.EN : lang.get());
    }

    // Settings //

    public ObjectProperty<Lang> langProperty() {
        return lang;
    }

    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    /** A topic of {@link QuizGenerator#topic} ("all", "states", ...). */
    public StringProperty topicProperty() {
        return topic;
    }

    /** One level, or null for a mix. */
    public ObjectProperty<Difficulty> difficultyProperty() {
        return difficulty;
    }

    /** Seconds to answer, 0 for no limit. */
    public IntegerProperty timeLimitSProperty() {
        return timeLimitS;
    }

    /** The address students type (one of {@link #addressesProperty}); the join address and QR code follow it. */
    public StringProperty hostProperty() {
        return host;
    }

    /** Shows the leaderboard here and in the students' browsers. Hidden by default. */
    public BooleanProperty showStandingsProperty() {
        return showStandings;
    }

    /** Shows how to join (QR code, address) in place of the question, for latecomers. */
    public BooleanProperty joinScreenProperty() {
        return joinScreen;
    }

    // State //

    public ReadOnlyListProperty<String> addressesProperty() {
        return addresses.getReadOnlyProperty();
    }

    /** True when no network was found and only 127.0.0.1 is offered. */
    public ReadOnlyBooleanProperty noLanProperty() {
        return noLan.getReadOnlyProperty();
    }

    /** True from the start of a session to its end. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True once a session has ended (its summary is shown, its CSV can still be exported). */
    public ReadOnlyBooleanProperty endedProperty() {
        return ended.getReadOnlyProperty();
    }

    /** True while a question is being made or the session is ending. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The room's phase, or null without a session. */
    public ReadOnlyObjectProperty<Room.Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty joinUrlProperty() {
        return joinUrl.getReadOnlyProperty();
    }

    /** The join address as a QR code, or null. */
    public ReadOnlyObjectProperty<Qr> qrProperty() {
        return qr.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty codeProperty() {
        return code.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty joinedProperty() {
        return joined.getReadOnlyProperty();
    }

    /** "31 students joined". */
    public ReadOnlyStringProperty joinedTextProperty() {
        return joinedText.getReadOnlyProperty();
    }

    /** Who joined, in the order they joined; with the leaderboard shown, by rank. */
    public ReadOnlyListProperty<Person> peopleProperty() {
        return people.getReadOnlyProperty();
    }

    /** "Question 3 · next state · medium". */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty promptProperty() {
        return prompt.getReadOnlyProperty();
    }

    /** The prompt holds netstat output: shown in the fixed-width font. */
    public ReadOnlyBooleanProperty promptIsTableProperty() {
        return promptIsTable.getReadOnlyProperty();
    }

    /** The open question's options, "A)  text", in the teacher's language. */
    public ReadOnlyListProperty<String> optionsProperty() {
        return options.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty answeredProperty() {
        return answered.getReadOnlyProperty();
    }

    /** "answered 23 / 31". */
    public ReadOnlyStringProperty answeredTextProperty() {
        return answeredText.getReadOnlyProperty();
    }

    /** "0:17 left", "Time is up", or empty without a limit. */
    public ReadOnlyStringProperty clockProperty() {
        return clock.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty timeUpProperty() {
        return timeUp.getReadOnlyProperty();
    }

    /** After the reveal: one bar per option (or typed answer), in the options' order. */
    public ReadOnlyListProperty<Bar> barsProperty() {
        return bars.getReadOnlyProperty();
    }

    /** After the reveal: "Answer: B) ESTABLISHED". */
    public ReadOnlyStringProperty answerProperty() {
        return answer.getReadOnlyProperty();
    }

    /** After the reveal: "18 of 29 right". */
    public ReadOnlyStringProperty rightTextProperty() {
        return rightText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    /** After the reveal, when the question has something to animate. */
    public ReadOnlyBooleanProperty canShowProperty() {
        return canShow.getReadOnlyProperty();
    }

    /** After the end: one line per question, how many got it right. */
    public ReadOnlyListProperty<String> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The loaded question banks, or empty. */
    public ReadOnlyStringProperty banksTextProperty() {
        return banksText.getReadOnlyProperty();
    }

    /** The lesson checkpoint that would be sent ("Lesson: The handshake, step 3"), or why there is none. */
    public ReadOnlyStringProperty lessonTextProperty() {
        return lessonText.getReadOnlyProperty();
    }

    /** What went wrong or was saved, in a line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The session, or null before the first start. */
    public ClassSession session() {
        return session;
    }

    /** Whether a question can be sent now (a session runs and no question is open). */
    public boolean canPush() {
        return running.get() && !busy.get() && phase.get() != Room.Phase.OPEN;
    }

    // Commands //

    /** Lists this machine's addresses again (a teacher who just joined the Wi-Fi). */
    public void refreshAddresses() {
        List<String> found = lanAddresses.get();
        noLan.set(found.isEmpty());
        addresses.setAll(found.isEmpty() ? List.of("127.0.0.1") : found);
        if (host.get() == null || !addresses.contains(host.get())) {
            host.set(addresses.get(0));
        }
    }

    /**
     * Starts a session: the server on {@link #DEFAULT_PORT} on every address, or any free port
     * when that one is taken. A session that ended is replaced (its summary goes).
     */
    public void start() {
        if (running.get()) {
            return;
        }
        stopListening();
        Texts t = t();
        status.set("");
        startNotice = "";
        ClassSession s;
        try {
            try {
                s = starter.start(preferredPort, host.get());
            } catch (BindException taken) {
                s = starter.start(0, host.get());
                startNotice = t.get("class.portTaken", Integer.toString(preferredPort), Integer.toString(s.port()));
            }
        } catch (IOException | RuntimeException e) {
            status.set(t.get("class.startFailed", e instanceof IOException io ? tcplab.quiz.ResultsStore.message(io, t.lang())
                    : e.getMessage() == null ? e.toString() : e.getMessage()));
            return;
        }
        session = s;
        s.teacherLang(lang.get());
        seed = seeds.getAsLong();
        drawn.clear();
        sent.clear();
        summaries = List.of();
        summary.clear();
        last = null;
        ended.set(false);
        running.set(true);
        joinScreen.set(false);
        code.set(s.code());
        showJoinUrl();
        status.set(startNotice);
        if (showStandings.get()) {
            s.showStandings(true);
        }
        s.room().addListener(roomListener);
        refresh();
    }

    private void showJoinUrl() {
        String url = session.joinUrl(host.get());
        joinUrl.set(url);
        qr.set(Qr.of(url));
    }

    /** Sends the next question from the chosen source; nothing while one is open (reveal it first). */
    public void push() {
        push(false);
    }

    /** {@link #push()}, the question made on this thread (screenshots; tests that want no waiting). */
    public void pushNow() {
        push(true);
    }

    private void push(boolean now) {
        if (!canPush()) {
            return;
        }
        Texts t = t();
        int number = session.room().snapshot().asked() + 1;
        int limit = Math.max(0, timeLimitS.get());
        Source from = source.get() == null ? Source.GENERATED : source.get();
        if (from == Source.LESSON) {
            LessonViewModel l = lesson.get();
            Sent q = l == null ? null : lessonQuestion(number, l);
            if (q == null) {
                status.set(t.get("class.noCheckpoint"));
                return;
            }
            send(q, limit);
            return;
        }
        java.util.Set<QuestionType> types = QuizGenerator.topic(topic.get() == null ? "all" : topic.get());
        QuizGenerator.Filter filter = new QuizGenerator.Filter(types == null ? QuestionType.generatedTypes() : types,
                difficulty.get(), Map.of());
        List<Bank> use = from == Source.BANK ? banks.list() : List.of();
        if (from == Source.BANK) {
            if (use.isEmpty()) {
                status.set(t.get("class.noBank"));
                return;
            }
            if (!new QuizGenerator(Lang.EN, use, true).hasBankQuestions(filter)) {
                status.set(t.get("class.bankNoneFits"));
                return;
            }
        }
        int index = drawn.merge(from, 1, Integer::sum) - 1;
        long s = seed;
        busy.set(true);
        status.set(t.get("class.making"));
        Runnable make = () -> {
            Sent made;
            try {
                LiveQuestion q = LiveQuestion.of(number, from == Source.BANK ? "bank" : "generated",
                        l -> new QuizGenerator(l, use, from == Source.BANK).question(s, index, filter));
                Show show = q.in(Lang.EN).show();
                made = new Sent(q, show == null || showTarget == null ? null : () -> showTarget.accept(show), null);
            } catch (RuntimeException e) {
                Runnable failed = () -> {
                    busy.set(false);
                    status.set(t().get("class.makeFailed", e.getMessage() == null ? e.toString() : e.getMessage()));
                };
                (now ? (Executor) Runnable::run : fx).execute(failed);
                return;
            }
            Runnable done = () -> {
                busy.set(false);
                status.set("");
                if (running.get() && phase.get() != Room.Phase.OPEN) {
                    send(made, limit);
                }
            };
            (now ? (Executor) Runnable::run : fx).execute(done);
        };
        if (now) {
            make.run();
        } else {
            background.execute(make);
        }
    }

    private void send(Sent q, int limitSeconds) {
        sent.put(q.question().number(), q);
        joinScreen.set(false);
        status.set("");
        session.push(q.question(), limitSeconds);
        refresh();
    }

    /** Reveals the open question: the distribution, the right answer, its explanation; the answers are saved. */
    public void reveal() {
        if (session == null || phase.get() != Room.Phase.OPEN) {
            return;
        }
        session.reveal();
        String problem = session.saveProblem();
        status.set(problem == null ? "" : t().get("class.saveFailed", problem));
        refresh();
    }

    /** "Show me": animates the revealed question's answer in the window's simulation. */
    public void showMe() {
        Sent s = last == null || last.question() == null ? null : sent.get(last.question().number());
        if (canShow.get() && s != null && s.show() != null) {
            s.show().run();
        }
    }

    /** Removes a student (the view asks the teacher first). */
    public boolean remove(String name) {
        if (session == null || ended.get() || name == null) {
            return false;
        }
        boolean removed = session.remove(name);
        refresh();
        return removed;
    }

    /**
     * Ends the session: an open question is revealed, the answers saved, the server stopped (after
     * giving the phones a moment to fetch their final scores); then the summary per question.
     */
    public void end() {
        end(false);
    }

    /** {@link #end()} on this thread (screenshots). */
    public void endNow() {
        end(true);
    }

    private void end(boolean now) {
        if (session == null || !running.get() || busy.get()) {
            return;
        }
        ClassSession s = session;
        busy.set(true);
        Runnable work = () -> {
            List<ClassSession.QuestionSummary> done = s.end();
            String problem = s.saveProblem();
            Runnable show = () -> {
                busy.set(false);
                summaries = done;
                ended.set(true);
                running.set(false);
                refresh();
                stopListening();
                status.set(problem != null ? t().get("class.saveFailed", problem) : "");
            };
            if (now) {
                show.run();
            } else {
                fx.execute(show);
            }
        };
        if (now) {
            work.run();
        } else {
            background.execute(work);
        }
    }

    /** Writes the session's answers as CSV (one row per student and question). */
    public boolean exportCsv(Path file) {
        if (session == null) {
            return false;
        }
        try {
            session.exportCsv(file);
            status.set(t().get("class.exported", file.toString()));
            return true;
        } catch (IOException e) {
            status.set(t().get("class.exportFailed", file.toString(), tcplab.quiz.ResultsStore.message(e, t().lang())));
            return false;
        }
    }

    /**
     * Loads the question banks of a file or a folder, beside those loaded before. A bank with a
     * mistake is not loaded: its problems go to the status line; the banks that load are kept.
     */
    public void loadBanks(Path fileOrDir) {
        loadBanksInBackground(fileOrDir, Runnable::run, Runnable::run);
    }

    /**
     * {@link #loadBanks} without holding up the window (and the class waiting on it): a bank may
     * be 4 MB, seconds of reading. While it loads, {@link #bankLoad()} names the file and can cancel it.
     */
    public void loadBanksInBackground(Path fileOrDir, java.util.concurrent.Executor background,
            java.util.concurrent.Executor ui) {
        banks.load(fileOrDir, background, ui, lang::get, status::set, loaded -> {
            if (!loaded.banks().isEmpty()) {
                source.set(Source.BANK); // a bank just loaded is what comes next
            }
            describeBanks();
        });
    }

    /** The bank being loaded, and its Cancel. */
    public tcplab.ui.common.BackgroundLoad bankLoad() {
        return banks.loading();
    }

    /** Says which lesson checkpoint "send" would ask (the view calls it when the tab is shown). */
    public void refreshLesson() {
        LessonViewModel l = lesson.get();
        if (l == null || l.checkpoint() == null) {
            lessonText.set(t().get("class.noCheckpoint"));
        } else {
            lessonText.set(t().get("class.lessonAt", l.lesson().title(lang.get()), l.index() + 1));
        }
    }

    /** Stops the session, if one runs (the window closes). */
    public void close() {
        stopListening();
        if (session != null && running.get()) {
            session.close();
            running.set(false);
        }
    }

    /** Called every quarter second by the view: the countdown. */
    public void tick() {
        if (session != null && running.get() && phase.get() == Room.Phase.OPEN) {
            session.room().tick();
            clock(session.room().snapshot());
        }
    }

    private void stopListening() {
        if (session != null) {
            session.room().removeListener(roomListener);
        }
    }

    // ------------------------------------------------------------------ the room, on screen

    /** On a server thread: one refresh at a time is queued, however many answers arrive. */
    private void roomChanged() {
        if (refreshQueued.compareAndSet(false, true)) {
            fx.execute(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    /** Shows the room as it is now (the room's listener calls it on the FX thread after every change). */
    public void refresh() {
        if (session == null) {
            return;
        }
        Room.Snapshot s = session.room().snapshot();
        Room.Snapshot before = last;
        last = s;
        phase.set(s.phase());
        joined.set(s.joined());
        answered.set(s.answered());
        people();
        boolean newQuestion = before == null || before.question() != s.question() || before.phase() != s.phase();
        if (newQuestion) {
            question(s);
        }
        words(s);
        clock(s);
    }

    private void people() {
        Room.Snapshot s = last;
        if (s == null) {
            people.clear();
            return;
        }
        List<Person> out = new ArrayList<>();
        Map<String, Room.Standing> byName = new LinkedHashMap<>();
        for (Room.Standing st : s.standings()) {
            byName.put(st.name(), st);
        }
        if (showStandings.get()) {
            for (Room.Standing st : s.standings()) {
                out.add(new Person(st.name(), st.rank(), st.score()));
            }
        } else {
            for (String n : s.names()) {
                Room.Standing st = byName.get(n);
                out.add(new Person(n, st == null ? 0 : st.rank(), st == null ? 0 : st.score()));
            }
        }
        if (!out.equals(people)) {
            people.setAll(out);
        }
    }

    /** The question's words, options and, after the reveal, its bars: in the teacher's language. */
    private void question(Room.Snapshot s) {
        LiveQuestion lq = s.question();
        Lang l = lang.get();
        if (lq == null || s.phase() == Room.Phase.LOBBY) {
            heading.set("");
            prompt.set("");
            promptIsTable.set(false);
            options.clear();
            bars.clear();
            answer.set("");
            rightText.set("");
            explanation.set("");
            canShow.set(false);
            return;
        }
        Question q = lq.in(l);
        heading.set(t().get("class.question", lq.number(), about(lq, q)));
        prompt.set(q.prompt());
        promptIsTable.set(q.type() == QuestionType.READ_LINE && !"lesson".equals(lq.source())
                || q.type() == QuestionType.DIAGNOSE_TABLE);
        List<String> opts = new ArrayList<>();
        for (int i = 0; i < q.options().size(); i++) {
            opts.add((char) ('A' + i) + ")  " + q.options().get(i));
        }
        options.setAll(opts);
        Room.Reveal r = s.reveal();
        if (r == null || r.question() != lq) {
            bars.clear();
            answer.set("");
            rightText.set("");
            explanation.set("");
            canShow.set(false);
            return;
        }
        List<Bar> out = new ArrayList<>();
        if (lq.typed()) {
            List<Map.Entry<String, Integer>> typed = new ArrayList<>(r.typedCounts().entrySet());
            typed.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
            for (Map.Entry<String, Integer> e : typed.subList(0, Math.min(MAX_TYPED_BARS, typed.size()))) {
                out.add(new Bar(e.getKey(), e.getValue(), lq.typedIsRight(e.getKey())));
            }
            answer.set(t().get("class.answerIs", q.answer()));
        } else {
            for (int i = 0; i < r.counts().length; i++) {
                out.add(new Bar(opts.get(i), r.counts()[i], i == lq.answerIndex()));
            }
            answer.set(t().get("class.answerIs", q.answerLetter() + ") " + q.answer()));
        }
        bars.setAll(out);
        rightText.set(r.answered() == 0 ? t().get("class.nobodyAnswered")
                : t().get("class.rightCount", r.right(), r.answered()));
        explanation.set(q.explanation() == null ? "" : q.explanation());
        Sent sentQ = sent.get(lq.number());
        canShow.set(sentQ != null && sentQ.show() != null);
    }

    /** What a question is about, for its heading: its type and level, or the lesson and step it comes from. */
    private String about(LiveQuestion lq, Question q) {
        Texts qt = quizTexts();
        Sent s = sent.get(lq.number());
        if (s != null && s.from() != null) {
            return s.from().getOrDefault(lang.get(), "");
        }
        List<String> parts = new ArrayList<>();
        if (q.type() == QuestionType.BANK) {
            parts.add(t().get("class.source.bank"));
        } else if (qt.has("type." + q.type().jsonName())) {
            parts.add(qt.get("type." + q.type().jsonName()));
        }
        if (q.difficulty() != null) {
            parts.add(qt.get("difficulty." + q.difficulty().jsonName()));
        }
        return String.join(" · ", parts);
    }

    /** The counts and the summary, in the current language. */
    private void words(Room.Snapshot s) {
        Texts t = t();
        joinedText.set(t.get("class.joined", s.joined()));
        answeredText.set(s.phase() == Room.Phase.OPEN || s.phase() == Room.Phase.REVEALED
                ? t.get("class.answered", s.answered(), s.joined()) : "");
        if (ended.get()) {
            List<String> rows = new ArrayList<>();
            rows.add(t.get("class.ended", summaries.size()));
            for (ClassSession.QuestionSummary q : summaries) {
                Sent sq = sent.get(q.number());
                String prompt = sq == null ? q.prompt() : firstLine(sq.question().in(lang.get()).prompt());
                rows.add(t.get("class.summaryRow", q.number(), q.right(), q.joined(), q.answered(), prompt));
            }
            summary.setAll(rows);
        }
    }

    private void clock(Room.Snapshot s) {
        long left = s.phase() == Room.Phase.OPEN ? s.remainingMs() : -1;
        timeUp.set(left == 0);
        if (left < 0) {
            clock.set("");
        } else if (left == 0) {
            clock.set(t().get("class.timeUp"));
        } else {
            long secs = (left + 999) / 1000;
            clock.set(t().get("class.timeLeft", String.format("%d:%02d", secs / 60, secs % 60)));
        }
    }

    private void relabel() {
        describeBanks();
        refreshLesson();
        if (last != null) {
            question(last);
            words(last);
            clock(last);
        }
    }

    private void describeBanks() {
        List<String> parts = banks.names(lang.get() == null ? Lang.EN : lang.get());
        banksText.set(parts.isEmpty() ? "" : t().get("class.banks", String.join(", ", parts)));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    // ------------------------------------------------------------------ a lesson's checkpoint

    /**
     * The open lesson's checkpoint as a question in both languages: the step's setup, the lines
     * of the table it asks about, the question and its choices; the answer the lesson's run
     * computed; its narration as the explanation. "Show me" reveals it in the Lessons tab, which
     * shows the step's own frame in the simulation. Null when the lesson stands at no checkpoint.
     */
    private Sent lessonQuestion(int number, LessonViewModel l) {
        Lesson.Checkpoint cp = l.checkpoint();
        int right = l.rightIndex();
        if (cp == null || right < 0) {
            return null;
        }
        int step = l.index();
        String id = "lesson:" + l.lesson().id() + ":" + (step + 1);
        QuestionType type = switch (cp.kind()) {
            case NEXT_STATE -> QuestionType.NEXT_STATE;
            case NEXT_SEGMENT -> QuestionType.NEXT_SEGMENT;
            case LINE -> QuestionType.READ_LINE;
        };
        String value = cp.choices().get(right).value();
        TcpState focus = null;
        if (cp.kind() != Lesson.CheckKind.NEXT_SEGMENT) {
            try {
                focus = TcpState.valueOf(value);
            } catch (IllegalArgumentException e) {
                focus = null;
            }
        }
        TcpState f = focus;
        List<String> lines = cp.kind() == Lesson.CheckKind.LINE ? askedLines(l.run().before(step), cp.netstatLine()) : List.of();
        LiveQuestion q = LiveQuestion.of(number, "lesson", lang -> {
            List<String> opts = new ArrayList<>();
            for (Lesson.Choice c : cp.choices()) {
                opts.add(c.label(lang));
            }
            StringBuilder p = new StringBuilder();
            String setup = l.lesson().steps().get(step).setup(lang);
            if (!setup.isBlank()) {
                p.append(setup.strip()).append('\n');
            }
            for (String line : lines) {
                p.append(line).append('\n');
            }
            p.append(cp.question(lang));
            return new Question(id, type, null, p.toString(), opts, opts.get(right), AnswerKind.TEXT, List.of(),
                    l.lesson().steps().get(step).narration(lang), f, Map.of("lesson", l.lesson().id()), null);
        });
        Map<Lang, String> from = new java.util.EnumMap<>(Lang.class);
        for (Lang other : Lang.values()) {
            from.put(other, Texts.of(BUNDLE, other).get("class.lessonQuestion", l.lesson().title(other), step + 1));
        }
        return new Sent(q, () -> {
            // The answer as the lesson shows it: its step, revealed, with the narration and highlights.
            if (l.index() != step) {
                l.goTo(step);
            }
            if (l.nextReveals()) {
                l.next();
            }
        }, from);
    }

    /** The line a LINE checkpoint asks about, under its table's column header. */
    private static List<String> askedLines(LessonRun.Frame frame, int line) {
        List<String> all = frame.tableLines();
        if (line <= 0 || line > all.size()) {
            return List.of();
        }
        int header = 0;
        for (ParsedLine p : NetstatParser.parseAll(frame.table())) {
            if (p instanceof ParsedLine.Header && p.line() < line) {
                header = p.line();
            }
        }
        List<String> out = new ArrayList<>();
        if (header > 0) {
            out.add(all.get(header - 1));
        }
        out.add(all.get(line - 1));
        return out;
    }
}
