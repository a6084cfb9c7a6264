package tcplab.quiz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tcplab.tcp.TcpState;

/**
 * The learners' results in one local JSON file. Writes are atomic (a temporary file in the same
 * folder, then a move over the old one), so a crash never leaves half a file. A file that cannot
 * be read is never overwritten: it is renamed with a timestamp ({@code quiz-results.json.damaged-
 * 20250301T101530Z}) and the caller is told where it went.
 */
public final class ResultsStore {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final String FORMAT = "tcplab-quiz-results";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** What was read; {@code setAside} is where a damaged file was moved, or null. */
    public record Loaded(Map<String, List<Attempt>> byLearner, Path setAside, String problem) {
        public List<Attempt> of(String learner) {
            return byLearner.getOrDefault(learner, List.of());
        }
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

    /** Reads the file; a damaged one is set aside (renamed) and reported in the result. */
    public synchronized Loaded load() throws IOException {
        if (!Files.exists(file)) {
            return new Loaded(new TreeMap<>(), null, null);
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Loaded(parse(r), null, null);
        } catch (JsonProcessingException | IllegalStateException | java.nio.charset.CharacterCodingException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + STAMP.format(clock.instant()));
            for (int i = 2; Files.exists(aside); i++) {
                aside = file.resolveSibling(file.getFileName() + ".damaged-" + STAMP.format(clock.instant()) + "-" + i);
            }
            Files.move(file, aside);
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            return new Loaded(new TreeMap<>(), aside, msg);
        }
    }

    /** Adds attempts (reading, and if need be setting aside, the file first) and writes atomically. */
    public synchronized Loaded append(List<Attempt> attempts) throws IOException {
        Loaded l = load();
        Map<String, List<Attempt>> all = new TreeMap<>();
        for (Map.Entry<String, List<Attempt>> e : l.byLearner().entrySet()) {
            all.put(e.getKey(), new ArrayList<>(e.getValue()));
        }
        for (Attempt a : attempts) {
            all.computeIfAbsent(a.learner(), k -> new ArrayList<>()).add(a);
        }
        write(all);
        return new Loaded(all, l.setAside(), l.problem());
    }

    private void write(Map<String, List<Attempt>> all) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
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
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
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
                            List<Attempt> list = new ArrayList<>();
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                list.add(attempt(p, learner));
                            }
                            out.put(learner, list);
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
