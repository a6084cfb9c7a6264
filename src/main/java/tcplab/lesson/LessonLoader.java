package tcplab.lesson;

import static tcplab.i18n.Similar.nearest;
import static tcplab.yaml.YamlChecks.parseLong;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tcplab.i18n.Lang;
import tcplab.i18n.Problem;
import tcplab.i18n.ProblemException;
import tcplab.netstat.Dialect;
import tcplab.sim.Scenario;
import tcplab.sim.ScenarioLoader;
import tcplab.tcp.Flags;
import tcplab.tcp.TcpState;
import tcplab.yaml.YNode;

/**
 * Reads lesson files (YAML; the format is in {@code lessons/README.md}). Like the scenario loader
 * it collects every mistake and reports each as {@code file:line: what is wrong and how to fix
 * it}. What only a run can tell (an expectation that does not hold, a checkpoint answer the
 * simulation contradicts) is checked by {@link LessonRun}; {@link #check} does both.
 */
public final class LessonLoader {
    public static final String BUNDLE = "tcplab.lesson.Lessons";

    private static final Set<String> TOP_KEYS = Set.of("lesson", "order", "title", "summary", "scenario", "steps");
    private static final Set<String> STEP_KEYS = Set.of("narration", "setup", "actions", "highlight", "expect", "checkpoint", "notes");
    private static final List<String> ACTIONS = List.of("next", "to_ms", "until", "to_end", "drop", "dialect", "netstat", "paste");
    private static final Set<String> UNTIL_KEYS = Set.of("host", "state", "port");
    private static final Set<String> DROP_KEYS = Set.of("flags", "to", "from");
    private static final Set<String> HIGHLIGHT_KEYS = Set.of("segment", "state", "edge", "netstat");
    private static final Set<String> EXPECT_KEYS = Set.of("host", "state", "port", "remote_port", "count", "min");
    private static final Set<String> CHECKPOINT_KEYS = Set.of("ask", "host", "port", "line", "question", "choices", "answer");
    private static final List<String> ASKS = List.of("next_state", "next_segment", "line");
    private static final Set<String> LANGS = Set.of("en", "zh");

    private final tcplab.yaml.YamlChecks checks;
    /** The problems found, in the checks' own list: one list for everything this file gets wrong. */
    private final List<Problem> problems;
    private final String file;
    private Set<String> hostNames = Set.of();

    private LessonLoader(String file) {
        this.checks = new tcplab.yaml.YamlChecks(file, BUNDLE, "lesson");
        this.problems = checks.problems();
        this.file = file;
    }

    /** A file of a folder: its lesson, or the problems that stop it from loading (or running). */
    public record Loaded(Path path, Lesson lesson, List<Problem> problems) {
        public boolean ok() {
            return lesson != null && problems.isEmpty();
        }
    }

    /** Reads one lesson file: at most {@link YNode.Format#LESSON}'s size, UTF-8. */
    public static Lesson load(Path path) throws ProblemException {
        return parse(YNode.read(path, YNode.Format.LESSON), path.toString());
    }

    /** Parses lesson text; {@code file} names it in messages. */
    public static Lesson parse(String text, String file) throws ProblemException {
        LessonLoader l = new LessonLoader(file);
        Lesson lesson = l.read(YNode.parse(text, file, YNode.Format.LESSON));
        if (!l.problems.isEmpty()) {
            l.problems.sort(Comparator.comparingInt(Problem::line));
            throw new ProblemException(l.problems);
        }
        return lesson;
    }

    /** Loads and runs one file headlessly to its end: every problem the loader or the run finds. */
    public static Loaded check(Path path) {
        return check(path, true);
    }

    /** {@link #check(Path)}; {@code run} false: loaded only (its run's problems appear when it is run). */
    private static Loaded check(Path path, boolean run) {
        try {
            Lesson lesson = load(path);
            String stem = path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            List<Problem> out = new ArrayList<>();
            if (!stem.equals(lesson.id())) {
                out.add(new Problem(path.toString(), 1, BUNDLE, "lesson.idNotFileName", lesson.id(), stem));
            }
            try {
                if (run) {
                    LessonRun.of(lesson);
                }
            } catch (ProblemException e) {
                out.addAll(e.problems());
            }
            out.sort(Comparator.comparingInt(Problem::line));
            return new Loaded(path, lesson, out);
        } catch (ProblemException e) {
            return new Loaded(path, null, e.problems());
        }
    }

    /**
     * Every {@code *.yaml} file of {@code dir}, each loaded and run on its own: a broken file never
     * stops the others. Sorted by the lessons' order, then id; broken files last, by name.
     */
    public static List<Loaded> checkDir(Path dir) throws IOException {
        return checkDir(dir, true);
    }

    /**
     * {@link #checkDir} without running the lessons: what a list of lessons needs (the window
     * opens with it; running thirteen lessons to their end took a tenth of its start-up). A
     * lesson's run problems are reported when it is opened, which runs it.
     */
    public static List<Loaded> loadDir(Path dir) throws IOException {
        return checkDir(dir, false);
    }

    private static List<Loaded> checkDir(Path dir, boolean run) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        }
        List<Loaded> out = new ArrayList<>();
        Map<String, Path> ids = new LinkedHashMap<>();
        for (Path p : files) {
            Loaded l;
            try {
                l = check(p, run);
            } catch (RuntimeException | StackOverflowError e) {
                // A bug, not the file's fault: still only this file is lost, the others load.
                l = new Loaded(p, null, List.of(new Problem(p.toString(), 0, BUNDLE, "lesson.bug", e.toString())));
            }
            if (l.lesson() != null) {
                Path other = ids.putIfAbsent(l.lesson().id(), p);
                if (other != null) {
                    List<Problem> ps = new ArrayList<>(l.problems());
                    ps.add(0, new Problem(p.toString(), 1, BUNDLE, "lesson.duplicateId", l.lesson().id(), other.toString()));
                    l = new Loaded(p, l.lesson(), ps);
                }
            }
            out.add(l);
        }
        out.sort(Comparator.comparing((Loaded l) -> l.lesson() == null)
                .thenComparingInt(l -> l.lesson() == null ? 0 : l.lesson().order())
                .thenComparing(l -> l.lesson() == null ? l.path().toString() : l.lesson().id()));
        return out;
    }

    // ------------------------------------------------------------------ reading

    private Lesson read(YNode root) {
        if (!root.isMap()) {
            problem(root, "lesson.notMap", "lesson");
            return null;
        }
        checks.checkKeys(root, TOP_KEYS, "lesson");
        String id = checks.text(root, "lesson", null);
        if (id == null) {
            problem(root, "lesson.missing", "lesson", "lesson: my-lesson");
            id = "?";
        } else if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            problemAt(root, "lesson", "lesson.badId", id);
        }
        int order = (int) checks.number(root, "order", 1000, 0, 1_000_000, true);
        Map<Lang, String> title = checks.langText(root, "title", true);
        Map<Lang, String> summary = checks.langText(root, "summary", true);

        Scenario scenario = null;
        String scenarioName = null;
        YNode sc = root.get("scenario");
        if (sc == null) {
            problem(root, "lesson.missing", "scenario", "scenario: handshake");
        } else if (sc.isScalar()) {
            scenarioName = sc.text().trim();
            if (!ScenarioLoader.isBuiltin(scenarioName)) {
                problem(sc, "lesson.unknownScenario", scenarioName, String.join(", ", ScenarioLoader.BUILTIN));
            } else {
                try {
                    scenario = ScenarioLoader.builtin(scenarioName);
                } catch (ProblemException e) {
                    problems.addAll(e.problems());
                }
            }
        } else if (sc.isMap()) {
            try {
                scenario = ScenarioLoader.fromNode(sc, file);
            } catch (ProblemException e) {
                problems.addAll(e.problems());
            }
        } else {
            problem(sc, "lesson.badScenario");
        }
        if (scenario != null) {
            hostNames = new LinkedHashSet<>();
            for (Scenario.HostSpec h : scenario.hosts()) {
                hostNames.add(h.name());
            }
        } else {
            hostNames = null; // unknown: do not report hosts as unknown
        }

        List<Lesson.Step> steps = new ArrayList<>();
        YNode st = root.get("steps");
        if (st == null) {
            problem(root, "lesson.missing", "steps", "steps: [{narration: {en: ..., zh: ...}, actions: [{next: event}]}]");
        } else if (checks.expectList(st, "steps")) {
            if (st.items().isEmpty()) {
                problem(st, "lesson.noSteps");
            }
            for (YNode s : st.items()) {
                Lesson.Step step = step(s);
                if (step != null) {
                    steps.add(step);
                }
            }
        }
        return new Lesson(id, file, order, title, summary, scenarioName, scenario, List.copyOf(steps));
    }

    private Lesson.Step step(YNode n) {
        if (!checks.expectMap(n, "steps")) {
            return null;
        }
        checks.checkKeys(n, STEP_KEYS, "steps");
        Map<Lang, String> narration = checks.langText(n, "narration", true);
        Map<Lang, String> notes = checks.langText(n, "notes", false);
        // The setup is read with the question, so a checkpoint needs one and a step without a
        // question has nothing to set up (its narration says it all).
        Map<Lang, String> setup = checks.langText(n, "setup", n.has("checkpoint"));
        if (n.has("setup") && !n.has("checkpoint")) {
            problemAt(n, "setup", "lesson.setupWithoutCheckpoint", "setup");
        }
        List<Lesson.Action> actions = new ArrayList<>();
        YNode a = n.get("actions");
        if (a != null) {
            for (YNode item : a.isList() ? a.items() : List.of(a)) {
                Lesson.Action act = action(item);
                if (act != null) {
                    actions.add(act);
                }
            }
        }
        List<Lesson.Highlight> highlights = new ArrayList<>();
        YNode h = n.get("highlight");
        if (h != null) {
            for (YNode item : h.isList() ? h.items() : List.of(h)) {
                highlights(item, highlights);
            }
        }
        List<Lesson.Expect> expects = new ArrayList<>();
        YNode e = n.get("expect");
        if (e != null) {
            for (YNode item : e.isList() ? e.items() : List.of(e)) {
                Lesson.Expect ex = expect(item);
                if (ex != null) {
                    expects.add(ex);
                }
            }
        }
        Lesson.Checkpoint cp = null;
        YNode c = n.get("checkpoint");
        if (c != null) {
            cp = checkpoint(c);
        }
        return new Lesson.Step(n.line(), narration, List.copyOf(actions), List.copyOf(highlights), List.copyOf(expects), cp, notes, setup);
    }

    private Lesson.Action action(YNode n) {
        if (!n.isMap() || n.entries().size() != 1) {
            problem(n, "lesson.oneAction", String.join(", ", ACTIONS));
            return null;
        }
        String verb = n.entries().keySet().iterator().next();
        YNode v = n.get(verb);
        int line = n.keyLine(verb);
        switch (verb) {
            case "next": {
                String t = v.isScalar() ? v.text().trim().toLowerCase(Locale.ROOT) : "";
                Long count = parseLong(t);
                if (count != null && count >= 1 && count <= 100_000) {
                    return new Lesson.Next(line, Lesson.NextKind.EVENT, count.intValue());
                }
                switch (t) {
                    case "event":
                        return new Lesson.Next(line, Lesson.NextKind.EVENT, 1);
                    case "segment":
                        return new Lesson.Next(line, Lesson.NextKind.SEGMENT, 1);
                    case "state":
                        return new Lesson.Next(line, Lesson.NextKind.STATE, 1);
                    default:
                        problem(v, "lesson.badNext", String.valueOf(v.text()));
                        return null;
                }
            }
            case "to_ms": {
                Double ms = parseDouble(v.isScalar() ? v.text() : null);
                if (ms == null || ms < 0 || ms > 86_400_000) {
                    problem(v, "lesson.outOfRange", "to_ms", "0", "86400000", String.valueOf(v.text()));
                    return null;
                }
                return new Lesson.ToTime(line, ms);
            }
            case "until": {
                if (!checks.expectMap(v, "until")) {
                    return null;
                }
                checks.checkKeys(v, UNTIL_KEYS, "until");
                String host = host(v, "host", true);
                TcpState state = state(v, "state", true);
                int port = (int) checks.number(v, "port", 0, 1, 65535, true);
                return host == null || state == null ? null : new Lesson.Until(line, host, state, port);
            }
            case "to_end":
                if (!v.isScalar() || !v.text().trim().equalsIgnoreCase("true")) {
                    problem(v, "lesson.toEndTrue");
                    return null;
                }
                return new Lesson.ToEnd(line);
            case "drop": {
                if (v.isScalar()) {
                    Long num = parseLong(v.text());
                    if (num == null || num < 1) {
                        problem(v, "lesson.badDrop", String.valueOf(v.text()));
                        return null;
                    }
                    return new Lesson.Drop(line, num, -1, null, null);
                }
                if (!checks.expectMap(v, "drop")) {
                    return null;
                }
                checks.checkKeys(v, DROP_KEYS, "drop");
                int flags = -1;
                String f = checks.text(v, "flags", null);
                if (f != null) {
                    flags = Flags.parse(f);
                    if (flags <= 0) {
                        problemAt(v, "flags", "lesson.badFlags", f);
                        return null;
                    }
                }
                String to = host(v, "to", false);
                String from = host(v, "from", false);
                if (flags < 0 && to == null && from == null) {
                    problem(v, "lesson.badDrop", "{}");
                    return null;
                }
                return new Lesson.Drop(line, 0, flags, to, from);
            }
            case "dialect": {
                String t = v.isScalar() ? v.text().trim() : "";
                if (t.equalsIgnoreCase("native")) {
                    return new Lesson.SetDialect(line, null);
                }
                Dialect d = Dialect.parse(t);
                if (d == null || !d.emittable()) {
                    List<String> names = new ArrayList<>();
                    for (Dialect x : Dialect.emittableValues()) {
                        names.add(x.cliName());
                    }
                    problem(v, "lesson.unknownDialect", t, String.join(", ", names));
                    return null;
                }
                return new Lesson.SetDialect(line, d);
            }
            case "netstat": {
                String h = v.isScalar() ? v.text().trim() : "";
                if (hostNames != null && !hostNames.contains(h)) {
                    problem(v, "lesson.unknownHost", h, String.join(", ", hostNames));
                    return null;
                }
                return new Lesson.ShowHost(line, h);
            }
            case "paste": {
                if (!v.isScalar() || v.text().isBlank()) {
                    problem(v, "lesson.notText", "paste");
                    return null;
                }
                return new Lesson.Paste(line, v.text());
            }
            default: {
                String near = nearest(verb, new LinkedHashSet<>(ACTIONS));
                problems.add(new Problem(file, line, BUNDLE, near == null ? "lesson.unknownAction" : "lesson.unknownActionNear",
                        verb, String.join(", ", ACTIONS), near));
                return null;
            }
        }
    }

    private void highlights(YNode n, List<Lesson.Highlight> out) {
        if (!checks.expectMap(n, "highlight")) {
            return;
        }
        checks.checkKeys(n, HIGHLIGHT_KEYS, "highlight");
        YNode seg = n.get("segment");
        if (seg != null) {
            Long num = seg.isScalar() ? parseLong(seg.text()) : null;
            if (num != null && num >= 1) {
                out.add(new Lesson.SegmentMark(seg.line(), num, -1));
            } else {
                int flags = seg.isScalar() ? Flags.parse(seg.text().trim()) : -1;
                if (flags <= 0) {
                    problem(seg, "lesson.badSegment", String.valueOf(seg.text()));
                } else {
                    out.add(new Lesson.SegmentMark(seg.line(), 0, flags));
                }
            }
        }
        YNode st = n.get("state");
        if (st != null) {
            if (st.isMap()) {
                checks.checkKeys(st, Set.of("host", "state"), "highlight.state");
                String host = host(st, "host", false);
                TcpState s = state(st, "state", true);
                if (s != null) {
                    out.add(new Lesson.StateMark(st.line(), host, s));
                }
            } else {
                TcpState s = stateValue(st);
                if (s != null) {
                    out.add(new Lesson.StateMark(st.line(), null, s));
                }
            }
        }
        YNode edge = n.get("edge");
        if (edge != null) {
            TcpState from = null;
            TcpState to = null;
            if (edge.isMap()) {
                checks.checkKeys(edge, Set.of("from", "to"), "highlight.edge");
                from = state(edge, "from", true);
                to = state(edge, "to", true);
            } else if (edge.isScalar() && edge.text().contains("->")) {
                String[] parts = edge.text().split("->");
                from = stateName(edge, parts[0]);
                to = stateName(edge, parts[1]);
            } else {
                problem(edge, "lesson.badEdge", String.valueOf(edge.text()));
            }
            if (from != null && to != null) {
                out.add(new Lesson.EdgeMark(edge.line(), from, to));
            }
        }
        YNode line = n.get("netstat");
        if (line != null) {
            Long l = line.isScalar() ? parseLong(line.text()) : null;
            if (l == null || l < 1 || l > 100_000) {
                problem(line, "lesson.outOfRange", "netstat", "1", "100000", String.valueOf(line.text()));
            } else {
                out.add(new Lesson.LineMark(line.line(), l.intValue()));
            }
        }
    }

    private Lesson.Expect expect(YNode n) {
        if (!checks.expectMap(n, "expect")) {
            return null;
        }
        checks.checkKeys(n, EXPECT_KEYS, "expect");
        String host = host(n, "host", true);
        TcpState state = state(n, "state", true);
        int port = (int) checks.number(n, "port", 0, 1, 65535, true);
        int remote = (int) checks.number(n, "remote_port", 0, 1, 65535, true);
        int count = (int) checks.number(n, "count", -1, 0, 1_000_000, true);
        int min = (int) checks.number(n, "min", 1, 1, 1_000_000, true);
        if (n.has("count") && n.has("min")) {
            problemAt(n, "min", "lesson.countAndMin");
        }
        return host == null || state == null ? null : new Lesson.Expect(n.line(), host, state, port, remote, count, min);
    }

    private Lesson.Checkpoint checkpoint(YNode n) {
        if (!checks.expectMap(n, "checkpoint")) {
            return null;
        }
        checks.checkKeys(n, CHECKPOINT_KEYS, "checkpoint");
        String ask = checks.text(n, "ask", null);
        Lesson.CheckKind kind = null;
        if (ask == null) {
            problem(n, "lesson.missing", "ask", "ask: " + String.join("|", ASKS));
        } else if (!ASKS.contains(ask)) {
            problemAt(n, "ask", "lesson.oneOf", "ask", String.join(", ", ASKS), ask);
        } else {
            kind = Lesson.CheckKind.valueOf(ask.toUpperCase(Locale.ROOT));
        }
        String host = host(n, "host", kind == Lesson.CheckKind.NEXT_STATE);
        int port = (int) checks.number(n, "port", 0, 1, 65535, true);
        int line = (int) checks.number(n, "line", 0, 1, 100_000, true);
        if (kind == Lesson.CheckKind.LINE && !n.has("line")) {
            problem(n, "lesson.missing", "line", "line: 3");
        }
        Map<Lang, String> question = checks.langText(n, "question", true);
        List<Lesson.Choice> choices = new ArrayList<>();
        YNode cs = n.get("choices");
        if (cs == null) {
            problem(n, "lesson.missing", "choices", "choices: [SYN_SENT, ESTABLISHED]");
        } else if (checks.expectList(cs, "choices")) {
            for (YNode c : cs.items()) {
                Lesson.Choice choice = choice(c, kind);
                if (choice != null) {
                    choices.add(choice);
                }
            }
            if (cs.items().size() < 2) {
                problem(cs, "lesson.fewChoices");
            }
        }
        String answer = null;
        YNode an = n.get("answer");
        if (an != null) {
            answer = choiceValue(an, an.isScalar() ? an.text() : null, kind);
        }
        if (kind == null) {
            return null;
        }
        return new Lesson.Checkpoint(n.line(), kind, host, port, line, question, List.copyOf(choices), answer,
                an == null ? n.line() : an.line());
    }

    private Lesson.Choice choice(YNode c, Lesson.CheckKind kind) {
        if (c.isScalar()) {
            String v = choiceValue(c, c.text(), kind);
            return v == null ? null : new Lesson.Choice(c.line(), v, Map.of());
        }
        if (!checks.expectMap(c, "choices")) {
            return null;
        }
        String valueKey = kind == Lesson.CheckKind.NEXT_SEGMENT ? "flags" : "state";
        checks.checkKeys(c, Set.of(valueKey, "en", "zh"), "choices");
        YNode v = c.get(valueKey);
        if (v == null) {
            problem(c, "lesson.missing", valueKey, valueKey + (kind == Lesson.CheckKind.NEXT_SEGMENT ? ": SYN,ACK" : ": LISTEN"));
            return null;
        }
        String value = choiceValue(v, v.isScalar() ? v.text() : null, kind);
        Map<Lang, String> text = new EnumMap<>(Lang.class);
        for (Lang l : Lang.values()) {
            String code = l.name().toLowerCase(Locale.ROOT);
            String t = checks.text(c, code, null);
            if (t == null) {
                problem(c, "lesson.missingLang", "choices", code);
            } else {
                text.put(l, t);
            }
        }
        return value == null ? null : new Lesson.Choice(c.line(), value, text);
    }

    /** A state name, or a flag set for NEXT_SEGMENT, in its canonical spelling; null (reported) when wrong. */
    private String choiceValue(YNode at, String raw, Lesson.CheckKind kind) {
        if (raw == null) {
            problem(at, "lesson.notText", "choices");
            return null;
        }
        if (kind == Lesson.CheckKind.NEXT_SEGMENT) {
            int f = Flags.parse(raw.trim());
            if (f <= 0) {
                problem(at, "lesson.badFlags", raw);
                return null;
            }
            return Flags.format(f);
        }
        TcpState s = stateName(at, raw);
        return s == null ? null : s.name();
    }

    // ------------------------------------------------------------------ value helpers

    /** {@code SYN_SENT}, {@code SYN-SENT}, {@code syn_sent}; {@code LISTENING} as Windows writes it. */
    static TcpState parseState(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (t.equals("LISTENING")) {
            return TcpState.LISTEN;
        }
        for (TcpState s : TcpState.values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        return null;
    }

    private TcpState stateName(YNode at, String raw) {
        TcpState s = parseState(raw);
        if (s == null) {
            List<String> names = new ArrayList<>();
            for (TcpState x : TcpState.values()) {
                names.add(x.name());
            }
            String near = nearest(raw.trim().toUpperCase(Locale.ROOT).replace('-', '_'), new LinkedHashSet<>(names));
            problems.add(new Problem(file, at.line(), BUNDLE, near == null ? "lesson.unknownState" : "lesson.unknownStateNear",
                    raw.trim(), String.join(", ", names), near));
        }
        return s;
    }

    private TcpState stateValue(YNode v) {
        if (!v.isScalar()) {
            problem(v, "lesson.notText", "state");
            return null;
        }
        return stateName(v, v.text());
    }

    private TcpState state(YNode map, String key, boolean required) {
        YNode v = map.get(key);
        if (v == null) {
            if (required) {
                problem(map, "lesson.missing", key, key + ": ESTABLISHED");
            }
            return null;
        }
        return stateValue(v);
    }

    private String host(YNode map, String key, boolean required) {
        YNode v = map.get(key);
        if (v == null) {
            if (required) {
                problem(map, "lesson.missing", key, key + ": " + (hostNames == null || hostNames.isEmpty() ? "client" : hostNames.iterator().next()));
            }
            return null;
        }
        String h = v.isScalar() ? v.text().trim() : "";
        if (hostNames != null && !hostNames.contains(h)) {
            problem(v, "lesson.unknownHost", h, String.join(", ", hostNames));
            return null;
        }
        return h;
    }

    private static Double parseDouble(String t) {
        if (t == null) {
            return null;
        }
        try {
            return Double.parseDouble(t.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void problem(YNode at, String key, Object... args) {
        checks.problem(at, key, args);
    }

    private void problemAt(YNode map, String field, String key, Object... args) {
        checks.problemAt(map, field, key, args);
    }
}
