package tcplab.quiz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.tcp.TcpState;

/**
 * The learners' results in one local JSON file, shared by every process that saves to it (two
 * {@code tcplab quiz} in two terminals, the window's quiz, lessons and class session).
 *
 * <p>Every read-modify-write holds a cross-process lock ({@link FileChannel#lock} on the sibling
 * {@code quiz-results.json.lock}, after an in-process lock, since one JVM cannot lock one file
 * twice), so two processes saving at the same moment both keep their answers: {@code synchronized}
 * alone did not reach another process, and 15 of 15 trials lost a learner's result. Writes are
 * atomic (a temporary file in the same folder, then a move over the old one), so a crash never
 * leaves half a file, and a reader without the lock sees the old file or the new one.
 *
 * <p>It never renames or replaces what it does not recognise as its own: a path that is a folder,
 * a device, a pipe, a file larger than {@link #MAX_BYTES} or a file that does not start as a results
 * file ({@code {"format": "tcplab-quiz-results"...}) gets a {@link StoreException} and is left as it
 * is. Only a results file of its own that cannot be read (cut short, say) is renamed with a timestamp
 * ({@code quiz-results.json.damaged-20250301T101530Z}) and the caller told where it went.
 */
public final class ResultsStore {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final String FORMAT = "tcplab-quiz-results";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /**
     * The largest results file read: about 100,000 answers. A class of 40 answering 20 questions
     * a week writes about 40,000 a year; past this the teacher moves the file away (the message
     * says so) rather than every save reading and writing tens of megabytes.
     */
    public static final long MAX_BYTES = 32L << 20;
    /** How much of the start of a file is looked at to recognise a results file. */
    private static final int SNIFF_BYTES = 4096;
    /** How long a save waits for another process to finish its own. */
    static final long LOCK_WAIT_MS = 10_000;
    /** The in-process half of the lock, one per lock file. */
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    /** What was read; {@code setAside} is where a damaged file was moved, or null. */
    public record Loaded(Map<String, List<Attempt>> byLearner, Path setAside, String problem) {
        public List<Attempt> of(String learner) {
            return byLearner.getOrDefault(learner, List.of());
        }
    }

    /**
     * Why the results cannot be read or saved, worded for the user in either language, with the
     * path; {@link #getMessage()} is the English text.
     */
    public static final class StoreException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final transient Object[] args;

        StoreException(String key, Object... args) {
            super(Texts.of(QuizGenerator.BUNDLE, Lang.EN).get(key, args));
            this.key = key;
            this.args = args;
        }

        /** The message in {@code lang}. */
        public String message(Lang lang) {
            return Texts.of(QuizGenerator.BUNDLE, lang).get(key, args);
        }

        /** The bundle key (tests). */
        public String key() {
            return key;
        }
    }

    /** An {@link IOException}'s message in {@code lang}: a {@link StoreException}'s own, else the system's text. */
    public static String message(IOException e, Lang lang) {
        if (e instanceof StoreException s) {
            return s.message(lang);
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private final Path file;
    private final Clock clock;

    public ResultsStore(Path file) {
        this(file, Clock.systemUTC());
    }

    public ResultsStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** {@code $TCPLAB_HOME/quiz-results.json}, else {@code ~/.tcplab/quiz-results.json}. */
    public static Path defaultFile() {
        String home = System.getenv("TCPLAB_HOME");
        Path dir = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".tcplab");
        return dir.resolve("quiz-results.json");
    }

    /**
     * Reads the file; a damaged results file of its own is set aside (renamed) and reported in the
     * result. Without a file, nothing is created. Where the lock file cannot be made (a folder the
     * user may read but not write) the file is read without it, and a damaged one is an error.
     */
    public synchronized Loaded load() throws IOException {
        Path target = target();
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return new Loaded(new TreeMap<>(), null, null);
        }
        precheck(target);
        try {
            return locked(target, () -> read(target, true));
        } catch (StoreException e) {
            if (!e.key().equals("store.cannotWrite")) {
                throw e;
            }
            return read(target, false);
        }
    }

    /**
     * What a quiz does before its first question: the file is read (and a damaged one set aside)
     * and the folder is shown to take a new file, so that a learner hears that the results cannot
     * be saved before answering, not after.
     */
    public synchronized Loaded open() throws IOException {
        Path target = target();
        precheck(target);
        return locked(target, () -> {
            Loaded l = read(target, true);
            Path dir = target.getParent();
            try {
                Files.delete(Files.createTempFile(dir, target.getFileName().toString(), ".probe"));
            } catch (IOException e) {
                throw cannotWrite(dir, e);
            }
            if (Files.exists(target) && !Files.isWritable(target)) {
                throw new StoreException("store.cannotWrite", target.toString(), new Texts.Word(QuizGenerator.BUNDLE, "store.reason.readOnly"));
            }
            return l;
        });
    }

    /** Adds attempts (reading, and if need be setting aside, the file first) and writes atomically, all under the lock. */
    public synchronized Loaded append(List<Attempt> attempts) throws IOException {
        Path target = target();
        precheck(target);
        return locked(target, () -> {
            Loaded l = read(target, true);
            Map<String, List<Attempt>> all = new TreeMap<>();
            for (Map.Entry<String, List<Attempt>> e : l.byLearner().entrySet()) {
                all.put(e.getKey(), new ArrayList<>(e.getValue()));
            }
            for (Attempt a : attempts) {
                all.computeIfAbsent(a.learner(), k -> new ArrayList<>()).add(a);
            }
            write(target, all);
            return new Loaded(all, l.setAside(), l.problem());
        });
    }

    /**
     * The file itself, or for a symbolic link the file it points to, even one not made yet (the
     * link stays: a teacher may keep the results in a synchronised folder).
     */
    private Path target() throws IOException {
        Path p = file.toAbsolutePath().normalize();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == 40) {
                throw new StoreException("store.notRegular", file.toString()); // a loop of links
            }
            p = p.resolveSibling(Files.readSymbolicLink(p)).toAbsolutePath().normalize();
        }
        return p;
    }

    @FunctionalInterface
    private interface Body<T> {
        T run() throws IOException;
    }

    /** Runs {@code body} holding this process's lock and the lock file's, waiting at most {@link #LOCK_WAIT_MS}. */
    private static <T> T locked(Path target, Body<T> body) throws IOException {
        Path dir = target.getParent();
        Path lockFile = dir.resolve(target.getFileName() + ".lock");
        ReentrantLock local = LOCAL.computeIfAbsent(lockFile, k -> new ReentrantLock());
        long deadline = System.nanoTime() + LOCK_WAIT_MS * 1_000_000L;
        try {
            if (!local.tryLock(LOCK_WAIT_MS, TimeUnit.MILLISECONDS)) {
                throw new StoreException("store.busy", target.toString(), LOCK_WAIT_MS / 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
        try {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw cannotWrite(dir, e);
            }
            if (Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                // Opening a pipe would wait for ever; a device is nobody's lock.
                throw new StoreException("store.notRegular", lockFile.toString());
            }
            FileChannel ch;
            try {
                ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw cannotWrite(dir, e);
            }
            try (ch) {
                FileLock lock;
                while ((lock = ch.tryLock()) == null) {
                    if (System.nanoTime() > deadline) {
                        throw new StoreException("store.busy", target.toString(), LOCK_WAIT_MS / 1000);
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException();
                    }
                }
                try {
                    return body.run();
                } finally {
                    lock.release();
                }
            }
        } finally {
            local.unlock();
        }
    }

    /** Why {@code where} cannot be written, in the user's words. */
    private static StoreException cannotWrite(Path where, IOException e) {
        Object reason;
        if (e instanceof StoreException s) {
            return s;
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            reason = new Texts.Word(QuizGenerator.BUNDLE, "store.reason.denied");
        } else if (e instanceof java.nio.file.FileAlreadyExistsException || e instanceof java.nio.file.NotDirectoryException
                || String.valueOf(e.getMessage()).contains("Not a directory")) {
            reason = new Texts.Word(QuizGenerator.BUNDLE, "store.reason.notFolder");
        } else if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            String r = f.getReason();
            reason = r.contains("Read-only file system") ? new Texts.Word(QuizGenerator.BUNDLE, "store.reason.readOnlyDisk")
                    : r.contains("No space left") ? new Texts.Word(QuizGenerator.BUNDLE, "store.reason.full") : r;
        } else {
            reason = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        return new StoreException("store.cannotWrite", where.toString(), reason);
    }

    /**
     * Refuses what is not a results file of this store before anything is created beside it (the
     * lock file): a folder, a device, a pipe, a file too large, a file of something else. Checked
     * again under the lock by {@link #read}.
     */
    private static void precheck(Path target) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(target, BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        } catch (java.nio.file.FileSystemException e) {
            return; // "not a directory" and the like: said by locked(), where the folder is made
        }
        if (!a.isRegularFile()) {
            throw new StoreException("store.notRegular", target.toString());
        }
        if (a.size() > MAX_BYTES) {
            throw new StoreException("store.tooBig", target.toString(), sizeText(a.size()), sizeText(MAX_BYTES));
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(target)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new StoreException("store.cannotRead", target.toString(), new Texts.Word(QuizGenerator.BUNDLE, "store.reason.denied"));
        }
        int start = firstNonBlank(head);
        if (start < head.length && !looksLikeResults(head, start)) {
            throw new StoreException("store.foreign", target.toString());
        }
    }

    /**
     * The results in {@code target}, or none when there is no file (or an empty one: nothing to
     * lose). What is not a results file of its own is refused and left as it is; a damaged one of
     * its own is set aside when {@code mayMove}, else refused.
     */
    private Loaded read(Path target, boolean mayMove) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(target, BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException e) {
            return new Loaded(new TreeMap<>(), null, null);
        }
        if (!a.isRegularFile()) {
            throw new StoreException("store.notRegular", target.toString());
        }
        if (a.size() > MAX_BYTES) {
            throw new StoreException("store.tooBig", target.toString(), sizeText(a.size()), sizeText(MAX_BYTES));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(target)) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new StoreException("store.cannotRead", target.toString(), new Texts.Word(QuizGenerator.BUNDLE, "store.reason.denied"));
        }
        if (bytes.length > MAX_BYTES) {
            throw new StoreException("store.tooBig", target.toString(), sizeText(bytes.length), sizeText(MAX_BYTES));
        }
        int start = firstNonBlank(bytes);
        if (start == bytes.length) {
            return new Loaded(new TreeMap<>(), null, null);
        }
        if (!looksLikeResults(bytes, start)) {
            throw new StoreException("store.foreign", target.toString());
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
            return new Loaded(parse(new java.io.StringReader(text)), null, null);
        } catch (JsonProcessingException | IllegalStateException | java.nio.charset.CharacterCodingException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            if (!mayMove) {
                throw new StoreException("store.damaged", target.toString(), msg);
            }
            Path aside = target.resolveSibling(target.getFileName() + ".damaged-" + STAMP.format(clock.instant()));
            for (int i = 2; Files.exists(aside); i++) {
                aside = target.resolveSibling(target.getFileName() + ".damaged-" + STAMP.format(clock.instant()) + "-" + i);
            }
            Files.move(target, aside);
            Path shown = file.toAbsolutePath().normalize().equals(target) ? file.resolveSibling(aside.getFileName()) : aside;
            return new Loaded(new TreeMap<>(), shown, msg);
        }
    }

    /** The first byte that is not a byte-order mark or white space. */
    private static int firstNonBlank(byte[] b) {
        int i = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** An object that names this format near its start, as every file this store writes does. */
    private static boolean looksLikeResults(byte[] b, int start) {
        if (b[start] != '{') {
            return false;
        }
        String head = new String(b, start, Math.min(SNIFF_BYTES, b.length - start), StandardCharsets.ISO_8859_1);
        return head.contains("\"" + FORMAT + "\"") && head.contains("\"format\"");
    }

    /** A size as people read it: 20 KB, 3.2 MB. */
    static String sizeText(long bytes) {
        if (bytes < 1024 * 1024) {
            return (bytes + 1023) / 1024 + " KB";
        }
        double mb = bytes / (1024.0 * 1024.0);
        return (mb == Math.rint(mb) ? Long.toString((long) mb) : String.format(java.util.Locale.ROOT, "%.1f", mb)) + " MB";
    }

    private void write(Path target, Map<String, List<Attempt>> all) throws IOException {
        Path dir = target.getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
        try {
            try (java.io.OutputStream os = Files.newOutputStream(tmp);
                 Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8));
                 JsonGenerator g = FACTORY.createGenerator(w)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeStringField("format", FORMAT);
                g.writeNumberField("version", 1);
                g.writeObjectFieldStart("learners");
                for (Map.Entry<String, List<Attempt>> e : all.entrySet()) {
                    g.writeArrayFieldStart(e.getKey());
                    for (Attempt a : e.getValue()) {
                        g.writeStartObject();
                        g.writeStringField("time", a.time());
                        g.writeStringField("mode", a.mode());
                        g.writeStringField("id", a.questionId());
                        g.writeStringField("type", a.type());
                        g.writeStringField("focus", a.focus());
                        g.writeStringField("given", a.given());
                        g.writeStringField("answer", a.answer());
                        g.writeBooleanField("correct", a.correct());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
                g.writeEndObject();
            } catch (IOException e) {
                throw cannotWrite(dir, e);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Map<String, List<Attempt>> parse(Reader r) throws IOException {
        Map<String, List<Attempt>> out = new TreeMap<>();
        try (JsonParser p = FACTORY.createParser(r)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            boolean sawFormat = false;
            boolean sawLearners = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "format":
                        if (v != JsonToken.VALUE_STRING || !FORMAT.equals(p.getText())) {
                            throw new IllegalStateException("not a tcplab results file");
                        }
                        sawFormat = true;
                        break;
                    case "learners":
                        expect(v, JsonToken.START_OBJECT);
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String learner = p.currentName();
                            expect(p.nextToken(), JsonToken.START_ARRAY);
                            List<Attempt> list = out.computeIfAbsent(learner, k -> new ArrayList<>());
                            // A learner twice (files merged by hand): both lists kept, in file order.
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                list.add(attempt(p, learner));
                            }
                        }
                        sawLearners = true;
                        break;
                    default:
                        p.skipChildren();
                        break;
                }
            }
            if (!sawFormat || !sawLearners) {
                throw new IllegalStateException("format or learners missing");
            }
            if (p.nextToken() != null) {
                throw new IllegalStateException("text after the end of the results");
            }
        }
        return out;
    }

    private static Attempt attempt(JsonParser p, String learner) throws IOException {
        Map<String, String> f = new TreeMap<>();
        Boolean correct = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            if (k.equals("correct")) {
                if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                    throw new IllegalStateException("correct must be true or false");
                }
                correct = v == JsonToken.VALUE_TRUE;
            } else if (v == JsonToken.VALUE_STRING) {
                f.put(k, p.getText());
            } else {
                p.skipChildren();
            }
        }
        if (correct == null || !f.containsKey("id")) {
            throw new IllegalStateException("an attempt without id or correct");
        }
        return new Attempt(learner, f.getOrDefault("time", ""), f.getOrDefault("mode", ""), f.get("id"),
                f.getOrDefault("type", ""), f.getOrDefault("focus", ""), f.getOrDefault("given", ""),
                f.getOrDefault("answer", ""), correct);
    }

    private static void expect(JsonToken got, JsonToken want) {
        if (got != want) {
            throw new IllegalStateException("expected " + want + ", found " + got);
        }
    }

    /**
     * Writes a CSV file for a spreadsheet atomically, with a byte-order mark (so that Excel opens
     * Chinese names as UTF-8). A regular file is replaced, as an output file is; a folder, a device
     * or a pipe is refused and left as it is (run as root, moving a file over /dev/null replaced
     * the device).
     */
    public static void writeCsv(Path csv, String text) throws IOException {
        Path target = new ResultsStore(csv).target();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new StoreException("store.csvNotRegular", csv.toString());
        }
        Path dir = target.getParent();
        Path tmp;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        } catch (IOException e) {
            throw csvFailed(csv, e);
        }
        try {
            Files.writeString(tmp, "\uFEFF" + text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw csvFailed(csv, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Refuses, before a session starts, a CSV path that {@link #writeCsv} would refuse. */
    public static void checkCsv(Path csv) throws StoreException {
        if (Files.exists(csv) && !Files.isRegularFile(csv)) {
            throw new StoreException("store.csvNotRegular", csv.toString());
        }
    }

    private static StoreException csvFailed(Path csv, IOException e) {
        StoreException w = cannotWrite(csv, e);
        return new StoreException("store.cannotWriteCsv", csv.toString(), w.args[1]);
    }

    /** The results as CSV (RFC 4180) for a spreadsheet: one row per answer. */
    public static String csv(Map<String, List<Attempt>> byLearner) {
        StringBuilder sb = new StringBuilder("learner,time,mode,question_id,type,state,given,answer,correct\r\n");
        for (List<Attempt> list : byLearner.values()) {
            for (Attempt a : list) {
                sb.append(cell(a.learner())).append(',').append(cell(a.time())).append(',').append(cell(a.mode()))
                        .append(',').append(cell(a.questionId())).append(',').append(cell(a.type())).append(',')
                        .append(cell(a.focus())).append(',').append(cell(a.given())).append(',')
                        .append(cell(a.answer())).append(',').append(a.correct() ? "1" : "0").append("\r\n");
            }
        }
        return sb.toString();
    }

    /**
     * One CSV cell (RFC 4180), safe to open in a spreadsheet: a value starting with = + - @, a tab
     * or a carriage return would be read as a formula (OWASP "CSV injection"; a learner may be
     * named "=1+1"), so it gets a leading apostrophe. The class quiz's CSV uses it too.
     */
    public static String cell(String s) {
        String v = s == null ? "" : s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    /**
     * How much to ask about each state: wrong answers about it count 2, right ones take 1 away,
     * over the learner's last 50 answers.
     */
    public static Map<TcpState, Integer> weakStates(List<Attempt> attempts) {
        Map<TcpState, Integer> w = new EnumMap<>(TcpState.class);
        int from = Math.max(0, attempts.size() - 50);
        for (Attempt a : attempts.subList(from, attempts.size())) {
            TcpState s;
            try {
                s = a.focus().isEmpty() ? null : TcpState.valueOf(a.focus());
            } catch (IllegalArgumentException e) {
                s = null;
            }
            if (s != null) {
                w.merge(s, a.correct() ? -1 : 2, Integer::sum);
            }
        }
        w.replaceAll((k, v) -> Math.max(0, v));
        w.values().removeIf(v -> v == 0);
        return w;
    }
}
