package tcplab.quiz.live;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tcplab.i18n.Lang;
import tcplab.quiz.Attempt;
import tcplab.quiz.Question;
import tcplab.quiz.ResultsStore;
import static tcplab.quiz.ResultsStore.cell;

/**
 * A live class quiz: the {@link Room}, the {@link ClassServer} students reach it by, and what is
 * kept of it. The teacher's window and {@code tcplab class --headless} drive it with the same calls:
 * {@link #push}, {@link #reveal}, {@link #remove}, {@link #end}.
 *
 * <p>After every reveal the question's answers are added to the results store (under its lock,
 * written atomically) and the CSV, if one is asked for, is rewritten: a crash or a closed laptop
 * loses at most the open question.
 */
public final class ClassSession implements AutoCloseable {
    /** What the teacher's summary shows for one question. */
    public record QuestionSummary(int number, String id, String prompt, int answered, int right, int joined) {
    }

    /** One row of the CSV: one student and one question. */
    public record Row(String name, int number, String questionId, String prompt, String chosen, String answer,
                      boolean right, long answerMs) {
    }

    private final Room room;
    private final ClassServer server;
    private final String host;
    private final ResultsStore store;
    private final Path csv;
    private final Clock clock;
    private final List<Row> rows = new ArrayList<>();
    private final List<QuestionSummary> summaries = new ArrayList<>();
    private String saveProblem;
    private boolean ended;
    /** The teacher's language: the CSV's question texts are in it. */
    private volatile Lang teacherLang = Lang.EN;

    /**
     * Starts a session.
     *
     * @param bind  the address to listen on (a LAN address, or 0.0.0.0 for all)
     * @param port  the port, or 0 for any free one
     * @param host  the address students type, shown in the join URL and the QR code
     * @param store where results are kept (null: nowhere)
     * @param csv   a CSV file rewritten after every question (null: none)
     */
    public static ClassSession start(InetAddress bind, int port, String host, ResultsStore store, Path csv,
                                     ClassServer.Limits limits, int maxStudents) throws IOException {
        Room room = new Room(Room.newCode(4), maxStudents, System::nanoTime);
        ClassServer server = new ClassServer(room, new InetSocketAddress(bind, port), limits);
        server.start();
        return new ClassSession(room, server, host, store, csv, Clock.systemUTC());
    }

    ClassSession(Room room, ClassServer server, String host, ResultsStore store, Path csv, Clock clock) {
        this.room = room;
        this.server = server;
        this.host = host;
        this.store = store;
        this.csv = csv;
        this.clock = clock;
    }

    public Room room() {
        return room;
    }

    /** The teacher's language, for the question texts of the CSV (the students each read their own). */
    public void teacherLang(Lang lang) {
        teacherLang = lang == null ? Lang.EN : lang;
    }

    public String code() {
        return room.code();
    }

    public int port() {
        return server.port();
    }

    /** The address students open: {@code http://192.168.1.20:8080/}. */
    public String joinUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + server.port() + "/";
    }

    /**
     * The address students open at another of this machine's addresses (the server listens on
     * all of them): the teacher's window lets them pick the one the classroom's network reaches.
     */
    public String joinUrl(String otherHost) {
        String h = otherHost.contains(":") ? "[" + otherHost + "]" : otherHost;
        return "http://" + h + ":" + server.port() + "/";
    }

    /**
     * The addresses students can reach this machine at: up, non-loopback IPv4 interfaces first
     * (what a classroom's Wi-Fi uses), site-local ones before others.
     */
    public static List<InetAddress> lanAddresses() {
        List<InetAddress> siteLocal = new ArrayList<>();
        List<InetAddress> other = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        (a.isSiteLocalAddress() ? siteLocal : other).add(a);
                    }
                }
            }
        } catch (SocketException e) {
            // No interfaces to list: the caller falls back to loopback.
        }
        siteLocal.addAll(other);
        return siteLocal;
    }

    /** Pushes a question; {@code limitSeconds} 0 for no time limit. */
    public void push(LiveQuestion q, int limitSeconds) {
        room.push(q, limitSeconds * 1000L);
    }

    /** Reveals the open question, and saves its answers. */
    public Room.Reveal reveal() {
        Room.Snapshot before = room.snapshot();
        Room.Reveal r = room.reveal();
        record(r, before.names());
        return r;
    }

    public boolean remove(String name) {
        return room.remove(name);
    }

    public void showStandings(boolean on) {
        room.showStandings(on);
    }

    /** Ends the session: reveals an open question, saves, stops the server. */
    public List<QuestionSummary> end() {
        if (ended) {
            return summaries();
        }
        Room.Snapshot s = room.snapshot();
        if (s.phase() == Room.Phase.OPEN) {
            reveal();
        }
        room.end();
        ended = true;
        // Give the browsers a moment to fetch the final scores before the server stops.
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        return summaries();
    }

    @Override
    public void close() {
        if (!ended) {
            end();
        }
    }

    public synchronized List<QuestionSummary> summaries() {
        return List.copyOf(summaries);
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Why the last save failed, or null. */
    public synchronized String saveProblem() {
        return saveProblem;
    }

    private synchronized void record(Room.Reveal r, List<String> names) {
        LiveQuestion lq = r.question();
        Question q = lq.in(teacherLang);
        String prompt = firstLine(q.prompt());
        java.util.Map<String, Room.Answer> byName = new java.util.HashMap<>();
        for (Room.Answer a : r.answers()) {
            byName.put(a.name(), a);
        }
        String time = Instant.now(clock).toString();
        List<Attempt> attempts = new ArrayList<>();
        String answer = lq.typed() ? q.answer() : String.valueOf((char) ('A' + lq.answerIndex()));
        for (String name : names) {
            Room.Answer a = byName.get(name);
            rows.add(new Row(name, lq.number(), q.id(), prompt, a == null ? "" : a.chosen(), answer,
                    a != null && a.right(), a == null ? -1 : a.ms()));
            attempts.add(new Attempt(name, time, "class", q.id(), q.type().jsonName(),
                    q.focus() == null ? "" : q.focus().name(), a == null ? "" : a.chosen(), answer,
                    a != null && a.right()));
        }
        summaries.add(new QuestionSummary(lq.number(), q.id(), prompt, r.answered(), r.right(), names.size()));
        saveProblem = null;
        try {
            if (store != null && !attempts.isEmpty()) {
                store.append(attempts);
            }
            if (csv != null) {
                writeAtomically(csv, csv(rows));
            }
        } catch (IOException e) {
            saveProblem = ResultsStore.message(e, teacherLang);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The session's answers as CSV (RFC 4180): name, question, chosen, right, time to answer. */
    public static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("name,question,question_id,prompt,chosen,answer,right,answer_ms\r\n");
        for (Row r : rows) {
            sb.append(cell(r.name())).append(',').append(r.number()).append(',').append(cell(r.questionId())).append(',')
                    .append(cell(r.prompt())).append(',').append(cell(r.chosen())).append(',').append(cell(r.answer()))
                    .append(',').append(r.right() ? "1" : "0").append(',').append(r.answerMs() < 0 ? "" : Long.toString(r.answerMs()))
                    .append("\r\n");
        }
        return sb.toString();
    }

    /** Writes the CSV now (the teacher's "Export CSV"). */
    public void exportCsv(Path file) throws IOException {
        writeAtomically(file, csv(rows()));
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        ResultsStore.writeCsv(file, text);
    }
}
