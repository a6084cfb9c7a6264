package tcplab.quiz.live;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import tcplab.i18n.Lang;

/**
 * A live class quiz without its network: who joined, the question that is open, who answered
 * what and when, the reveal and the scores. The server and the teacher's window both work on it;
 * every method is synchronized, and every change raises {@link #version()} and tells the
 * listeners, so a browser or a window only has to ask again.
 *
 * <p>What a student may see is decided here ({@link #studentView}): an open question's answer is
 * kept out of it until the teacher reveals.
 */
public final class Room {
    /** Names are shown on the projector: short, printable, and unique in the room. */
    public static final int MAX_NAME = 24;
    /** A typed answer longer than this is cut (nobody types an essay on a phone). */
    public static final int MAX_ANSWER = tcplab.quiz.Attempt.MAX_GIVEN;

    public enum Phase { LOBBY, OPEN, REVEALED, ENDED }

    /** Why a join or an answer was refused; each has its message in the student page's two languages. */
    public enum Refusal {
        BAD_CODE, BAD_NAME, NAME_TAKEN, ROOM_FULL, ENDED, NOT_JOINED, NO_QUESTION, WRONG_QUESTION, TIME_UP,
        ALREADY_ANSWERED, BAD_ANSWER
    }

    /** A refused request. */
    public static final class RefusedException extends Exception {
        private final Refusal refusal;

        RefusedException(Refusal r) {
            super(r.name().toLowerCase(Locale.ROOT), null, false, false);
            this.refusal = r;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** One student. {@code token} is the secret their browser holds (an HttpOnly cookie). */
    public static final class Student {
        final String token;
        final String name;
        Lang lang;
        int score;
        long answerMs;

        Student(String token, String name, Lang lang) {
            this.token = token;
            this.name = name;
            this.lang = lang;
        }

        public String name() {
            return name;
        }

        public int score() {
            return score;
        }
    }

    /** One student's answer to one question: an option's position, or the typed text (option -1). */
    public record Answer(String name, int option, String text, boolean right, long ms) {
        /** What the student chose, as the teacher reads it: "B" or the typed text. */
        public String chosen() {
            return option >= 0 ? String.valueOf((char) ('A' + option)) : text;
        }
    }

    /** What the projector shows after the reveal. */
    public record Reveal(LiveQuestion question, int[] counts, Map<String, Integer> typedCounts, int answered,
                         int right, List<Answer> answers) {
    }

    /** A leaderboard line. */
    public record Standing(int rank, String name, int score, long answerMs) {
    }

    /** Everything the teacher's screen shows. */
    public record Snapshot(long version, Phase phase, List<String> names, LiveQuestion question, int answered,
                           long remainingMs, Reveal reveal, List<Standing> standings, int asked) {
        public int joined() {
            return names.size();
        }
    }

    /** What one student's browser may see, in their language: never an open question's answer. */
    public record StudentView(long version, String name, int score, Phase phase, LiveQuestion question,
                              Answer mine, long remainingMs, Reveal reveal, List<Standing> standings) {
    }

    private final String code;
    private final int maxStudents;
    private final LongSupplier nanos;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Student> byToken = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long version = 1;
    private long studentVersion = 1;
    private Phase phase = Phase.LOBBY;
    private LiveQuestion question;
    private long openedNanos;
    private long deadlineNanos = Long.MAX_VALUE;
    private boolean timeUpTold;
    private final Map<String, Answer> answers = new LinkedHashMap<>(); // by token
    private Reveal reveal;
    private boolean showStandings;
    private int asked;

    /**
     * @param code        the room code students type to join
     * @param maxStudents how many may join (a hostile client cannot fill the teacher's memory)
     * @param nanos       the clock ({@link System#nanoTime} in use, a fake one in tests)
     */
    public Room(String code, int maxStudents, LongSupplier nanos) {
        this.code = code;
        this.maxStudents = maxStudents;
        this.nanos = nanos;
    }

    /** A room code of {@code digits} digits, from a secure random source. */
    public static String newCode(int digits) {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    public String code() {
        return code;
    }

    /**
     * Adds a listener, called on every change, under the room's lock: it must only note the change
     * (unpark a thread, {@code Platform.runLater}) and never block or wait for a lock of its own
     * that another thread holds while it calls the room.
     */
    public void addListener(Runnable r) {
        listeners.add(r);
    }

    public void removeListener(Runnable r) {
        listeners.remove(r);
    }

    /** Raised by every change: the teacher's screen redraws. */
    public synchronized long version() {
        return version;
    }

    /**
     * Raised by the changes every student sees (a question pushed, time up, the reveal, the
     * leaderboard, the end), not by a classmate joining or answering: 200 phones do not all ask
     * again each time one of them acts.
     */
    public synchronized long studentVersion() {
        return studentVersion;
    }

    private void changed() {
        changed(false);
    }

    private void changedForAll() {
        changed(true);
    }

    private void changed(boolean everyone) {
        version++;
        if (everyone) {
            studentVersion++;
        }
        // Listeners only note the change (see addListener): they never block under the lock.
        for (Runnable r : listeners) {
            r.run();
        }
    }

    /**
     * A name as it will be shown: NFC, spaces collapsed, at most {@link #MAX_NAME} characters,
     * no control or format characters (they could reorder the projector's text), or null when
     * nothing printable is left.
     */
    public static String cleanName(String raw) {
        if (raw == null) {
            return null;
        }
        String n = Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder();
        n.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean invisible = type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                sb.append(' ');
            } else if (!invisible) {
                sb.appendCodePoint(cp);
            }
        });
        String s = sb.toString().trim().replaceAll(" {2,}", " ");
        if (s.isEmpty()) {
            return null;
        }
        if (s.codePointCount(0, s.length()) > MAX_NAME) {
            s = s.substring(0, s.offsetByCodePoints(0, MAX_NAME)).trim();
        }
        return s;
    }

    /**
     * A student joins, or a browser that already holds a token comes back (a phone that slept or
     * lost the Wi-Fi): then it is the same student, with the same name and score.
     *
     * @return the student's token
     */
    public synchronized String join(String rawName, String roomCode, String token, Lang lang) throws RefusedException {
        Student back = token != null ? byToken.get(token) : null;
        if (back != null) {
            back.lang = lang;
            return back.token;
        }
        if (phase == Phase.ENDED) {
            throw new RefusedException(Refusal.ENDED);
        }
        if (roomCode == null || !java.security.MessageDigest.isEqual(code.getBytes(), roomCode.trim().getBytes())) {
            throw new RefusedException(Refusal.BAD_CODE);
        }
        String name = cleanName(rawName);
        if (name == null) {
            throw new RefusedException(Refusal.BAD_NAME);
        }
        for (Student s : byToken.values()) {
            if (s.name.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                throw new RefusedException(Refusal.NAME_TAKEN);
            }
        }
        if (byToken.size() >= maxStudents) {
            throw new RefusedException(Refusal.ROOM_FULL);
        }
        byte[] b = new byte[18];
        random.nextBytes(b);
        String t = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        Student s = new Student(t, name, lang);
        byToken.put(t, s);
        changed();
        return t;
    }

    /** Whether the token belongs to a student in the room. */
    public synchronized boolean knows(String token) {
        return token != null && byToken.containsKey(token);
    }

    /** The teacher removes a name: its browser is told, and the name is free again. */
    public synchronized boolean remove(String name) {
        String key = null;
        for (Student s : byToken.values()) {
            if (s.name.equals(name)) {
                key = s.token;
            }
        }
        if (key == null) {
            return false;
        }
        byToken.remove(key);
        answers.remove(key);
        changedForAll(); // the removed browser is told (its stream is closed), the others ask once
        return true;
    }

    /** The teacher pushes a question; {@code limitMs} 0 means no time limit. */
    public synchronized void push(LiveQuestion q, long limitMs) {
        if (phase == Phase.ENDED) {
            throw new IllegalStateException("the session has ended");
        }
        question = q;
        answers.clear();
        reveal = null;
        phase = Phase.OPEN;
        asked++;
        openedNanos = nanos.getAsLong();
        deadlineNanos = limitMs > 0 ? openedNanos + limitMs * 1_000_000L : Long.MAX_VALUE;
        timeUpTold = false;
        changedForAll();
    }

    /**
     * A student answers the open question, once: an option by its position (the page sends
     * "0".."n-1") or, for a typed question, the text.
     */
    public synchronized Answer answer(String token, int number, String given) throws RefusedException {
        Student s = token != null ? byToken.get(token) : null;
        if (s == null) {
            throw new RefusedException(Refusal.NOT_JOINED);
        }
        if (phase != Phase.OPEN || question == null) {
            throw new RefusedException(Refusal.NO_QUESTION);
        }
        if (number != question.number()) {
            throw new RefusedException(Refusal.WRONG_QUESTION);
        }
        long now = nanos.getAsLong();
        if (now > deadlineNanos) {
            throw new RefusedException(Refusal.TIME_UP);
        }
        if (answers.containsKey(token)) {
            throw new RefusedException(Refusal.ALREADY_ANSWERED);
        }
        if (given == null || given.isBlank()) {
            throw new RefusedException(Refusal.BAD_ANSWER);
        }
        Answer a;
        long ms = (now - openedNanos) / 1_000_000L;
        if (question.typed()) {
            String text = given.strip();
            if (text.codePointCount(0, text.length()) > MAX_ANSWER) {
                text = text.substring(0, text.offsetByCodePoints(0, MAX_ANSWER));
            }
            a = new Answer(s.name, -1, text, question.typedIsRight(text), ms);
        } else {
            int i;
            try {
                i = Integer.parseInt(given.trim());
            } catch (NumberFormatException e) {
                throw new RefusedException(Refusal.BAD_ANSWER);
            }
            if (i < 0 || i >= question.optionCount()) {
                throw new RefusedException(Refusal.BAD_ANSWER);
            }
            a = new Answer(s.name, i, question.in(s.lang).options().get(i), i == question.answerIndex(), ms);
        }
        answers.put(token, a);
        changed();
        return a;
    }

    /** The teacher reveals: the distribution, the right answer, the scores. Idempotent. */
    public synchronized Reveal reveal() {
        if (phase == Phase.REVEALED) {
            return reveal;
        }
        if (phase != Phase.OPEN) {
            throw new IllegalStateException("no open question to reveal");
        }
        int[] counts = new int[Math.max(0, question.optionCount())];
        Map<String, Integer> typed = new LinkedHashMap<>();
        int right = 0;
        for (Map.Entry<String, Answer> e : answers.entrySet()) {
            Answer a = e.getValue();
            if (a.option() >= 0) {
                counts[a.option()]++;
            } else {
                typed.merge(a.text(), 1, Integer::sum); // as typed (stripped when taken), each spelling apart
            }
            if (a.right()) {
                right++;
                Student s = byToken.get(e.getKey());
                if (s != null) {
                    s.score++;
                    s.answerMs += a.ms();
                }
            }
        }
        reveal = new Reveal(question, counts, typed, answers.size(), right, List.copyOf(answers.values()));
        phase = Phase.REVEALED;
        changedForAll();
        return reveal;
    }

    /** Show or hide the leaderboard in the students' browsers (the projector shows it when the teacher asks). */
    public synchronized void showStandings(boolean on) {
        if (showStandings != on) {
            showStandings = on;
            changedForAll();
        }
    }

    public synchronized boolean standingsShown() {
        return showStandings;
    }

    public synchronized void end() {
        if (phase == Phase.OPEN) {
            reveal();
        }
        phase = Phase.ENDED;
        changedForAll();
    }

    /** Wakes the listeners when an open question's time runs out (its page must stop taking answers). */
    public synchronized void tick() {
        if (phase == Phase.OPEN && !timeUpTold && nanos.getAsLong() > deadlineNanos) {
            timeUpTold = true; // told once
            changedForAll();
        }
    }

    private long remainingMs() {
        if (phase != Phase.OPEN || deadlineNanos == Long.MAX_VALUE) {
            return -1;
        }
        return Math.max(0, (deadlineNanos - nanos.getAsLong()) / 1_000_000L);
    }

    public synchronized List<Standing> standings() {
        List<Student> all = new ArrayList<>(byToken.values());
        all.sort(Comparator.comparingInt((Student s) -> -s.score).thenComparingLong(s -> s.answerMs)
                .thenComparing(s -> s.name));
        List<Standing> out = new ArrayList<>();
        int rank = 0;
        Student prev = null;
        for (int i = 0; i < all.size(); i++) {
            Student s = all.get(i);
            if (prev == null || prev.score != s.score || prev.answerMs != s.answerMs) {
                rank = i + 1;
            }
            out.add(new Standing(rank, s.name, s.score, s.answerMs));
            prev = s;
        }
        return out;
    }

    public synchronized Snapshot snapshot() {
        List<String> names = new ArrayList<>();
        for (Student s : byToken.values()) {
            names.add(s.name);
        }
        return new Snapshot(version, phase, Collections.unmodifiableList(names), question, answers.size(), remainingMs(),
                reveal, standings(), asked);
    }

    /** What the holder of {@code token} may see; null when the token is nobody's. */
    public synchronized StudentView studentView(String token) {
        Student s = token != null ? byToken.get(token) : null;
        if (s == null) {
            return null;
        }
        LiveQuestion q = phase == Phase.LOBBY ? null : question;
        return new StudentView(studentVersion, s.name, s.score, phase, q, answers.get(token), remainingMs(),
                phase == Phase.REVEALED || phase == Phase.ENDED ? reveal : null,
                showStandings || phase == Phase.ENDED ? standings() : null);
    }

    /** The language a student reads in. */
    public synchronized Lang langOf(String token) {
        Student s = byToken.get(token);
        return s != null ? s.lang : Lang.EN;
    }

    public synchronized void setLang(String token, Lang lang) {
        Student s = byToken.get(token);
        if (s != null && s.lang != lang) {
            s.lang = lang;
        }
    }
}
