package tcplab.quiz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tcplab.i18n.Lang;
import tcplab.i18n.Problem;
import tcplab.i18n.ProblemException;
import tcplab.i18n.Similar;
import tcplab.sim.ScenarioLoader;
import tcplab.tcp.TcpState;
import tcplab.yaml.YNode;
import tcplab.yaml.YamlChecks;

/**
 * Reads question banks (YAML, the lessons' conventions; the format is in {@code banks/README.md}).
 * Every mistake is collected and reported as {@code file:line: what is wrong and how to fix it},
 * with "did you mean" for a misspelt key, topic or scenario; one broken file never stops the
 * others of a folder.
 */
public final class BankLoader {
    public static final String BUNDLE = "tcplab.quiz.Bank";

    private static final Set<String> TOP_KEYS = Set.of("bank", "title", "questions");
    private static final Set<String> QUESTION_KEYS = Set.of("id", "topic", "difficulty", "question", "choices", "answer",
            "shuffle", "explain", "show");
    private static final Set<String> CHOICE_KEYS = Set.of("text", "right", "feedback");
    private static final Set<String> ANSWER_KEYS = Set.of("accept", "kind");
    private static final Set<String> SHOW_KEYS = Set.of("scenario", "at_ms");
    private static final List<String> TOPICS = List.of("states", "segments", "netstat", "ports");
    private static final List<String> KINDS = List.of("text", "state", "number");
    /** A bank is a teacher's file, not a data set: past these it is a mistake (or an attack), not a bank. */
    static final int MAX_QUESTIONS = 2_000;
    static final int MAX_CHOICES = 10;

    private final YamlChecks checks;
    private final String file;

    private BankLoader(String file) {
        this.checks = new YamlChecks(file, BUNDLE, "bank");
        this.file = file;
    }

    /** A file of a folder: its bank, or the problems that stop it from loading. */
    public record Loaded(Path path, Bank bank, List<Problem> problems) {
        public boolean ok() {
            return bank != null && problems.isEmpty();
        }
    }

    /** Reads one bank file: at most {@link YNode.Format#BANK}'s size, UTF-8. */
    public static Bank load(Path path) throws ProblemException {
        return parse(YNode.read(path, YNode.Format.BANK), path.toString());
    }

    /** Reads a file, or every {@code .yaml}/{@code .yml} file of a folder (in name order), each on its own. */
    public static List<Loaded> loadAll(Path fileOrDir) {
        List<Loaded> out = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(fileOrDir)) {
            try (Stream<Path> s = Files.list(fileOrDir)) {
                s.filter(p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return (n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(p);
                }).sorted().forEach(files::add);
            } catch (IOException e) {
                out.add(new Loaded(fileOrDir, null, List.of(new Problem(fileOrDir.toString(), 0, BUNDLE, "bank.cannotRead",
                        String.valueOf(e.getMessage())))));
                return out;
            }
            if (files.isEmpty()) {
                out.add(new Loaded(fileOrDir, null, List.of(new Problem(fileOrDir.toString(), 0, BUNDLE, "bank.emptyDir"))));
            }
        } else {
            files.add(fileOrDir);
        }
        Map<String, Path> ids = new java.util.HashMap<>();
        for (Path p : files) {
            try {
                Bank b = load(p);
                Path other = ids.putIfAbsent(b.id(), p);
                if (other != null) {
                    out.add(new Loaded(p, null, List.of(new Problem(p.toString(), 0, BUNDLE, "bank.duplicateBank", b.id(),
                            other.toString()))));
                } else {
                    out.add(new Loaded(p, b, List.of()));
                }
            } catch (ProblemException e) {
                out.add(new Loaded(p, null, e.problems()));
            } catch (RuntimeException | StackOverflowError e) {
                // A bug, not the file's fault: still only this file is lost, the others load.
                out.add(new Loaded(p, null, List.of(new Problem(p.toString(), 0, BUNDLE, "bank.bug", e.toString()))));
            }
        }
        return out;
    }

    /** What files and folders give: the banks that load, and every problem of those that do not. */
    public record Many(List<Bank> banks, List<Problem> problems) {
    }

    /** {@link #loadAll} of each path, the banks and the problems gathered. */
    public static Many loadMany(List<Path> paths) {
        List<Bank> banks = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path p : paths) {
            for (Loaded l : loadAll(p)) {
                if (l.ok()) {
                    banks.add(l.bank());
                } else {
                    problems.addAll(l.problems());
                }
            }
        }
        return new Many(List.copyOf(banks), List.copyOf(problems));
    }

    /** Parses a bank's text; {@code file} names it in messages. */
    public static Bank parse(String text, String file) throws ProblemException {
        YNode root = YNode.parse(text, file, YNode.Format.BANK);
        BankLoader l = new BankLoader(file);
        Bank b = l.bank(root);
        if (!l.checks.problems().isEmpty()) {
            throw new ProblemException(l.checks.problems());
        }
        return b;
    }

    private Bank bank(YNode root) {
        if (!checks.expectMap(root, "the file")) {
            return null;
        }
        checks.checkKeys(root, TOP_KEYS, "the bank");
        String id = checks.text(root, "bank", null);
        if (id == null && !root.has("bank")) {
            checks.problem(root, "bank.missing", "bank", "bank: my-questions");
        } else if (id != null && !id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            checks.problemAt(root, "bank", "bank.badId", id);
        }
        Map<Lang, String> title = checks.langText(root, "title", true);
        List<Bank.Item> items = new ArrayList<>();
        YNode qs = root.get("questions");
        if (qs == null) {
            checks.problem(root, "bank.missing", "questions", "questions:");
        } else if (checks.expectList(qs, "questions")) {
            if (qs.items().isEmpty()) {
                checks.problem(qs, "bank.noQuestions");
            }
            if (qs.items().size() > MAX_QUESTIONS) {
                checks.problem(qs, "bank.tooMany", MAX_QUESTIONS);
                return null;
            }
            Set<String> seen = new HashSet<>();
            for (YNode q : qs.items()) {
                Bank.Item item = item(q, seen);
                if (item != null) {
                    items.add(item);
                }
            }
        }
        return new Bank(id, file, title, items);
    }

    private Bank.Item item(YNode q, Set<String> seen) {
        if (!checks.expectMap(q, "a question")) {
            return null;
        }
        int before = checks.problems().size();
        checks.checkKeys(q, QUESTION_KEYS, "a question");
        String id = checks.text(q, "id", null);
        if (id == null && !q.has("id")) {
            checks.problem(q, "bank.missing", "id", "id: port-445");
        } else if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
            checks.problemAt(q, "id", "bank.badQuestionId", id);
        } else if (id != null && !seen.add(id)) {
            checks.problemAt(q, "id", "bank.duplicateQuestion", id);
        }
        String topic = oneOf(q, "topic", TOPICS, null);
        String level = oneOf(q, "difficulty", List.of("easy", "medium", "hard"), "medium");
        Map<Lang, String> question = checks.langText(q, "question", true);
        Map<Lang, String> explain = checks.langText(q, "explain", true);
        boolean shuffle = bool(q, "shuffle", true);
        List<Bank.Choice> choices = new ArrayList<>();
        List<String> accept = new ArrayList<>();
        AnswerKind kind = AnswerKind.TEXT;
        if (q.has("choices") == q.has("answer")) {
            checks.problem(q, q.has("choices") ? "bank.choicesAndAnswer" : "bank.noChoices");
        } else if (q.has("choices")) {
            choices = choices(q.get("choices"));
        } else {
            YNode a = q.get("answer");
            if (checks.expectMap(a, "answer")) {
                checks.checkKeys(a, ANSWER_KEYS, "answer");
                String k = oneOf(a, "kind", KINDS, null);
                YNode acc = a.get("accept");
                if (acc == null) {
                    checks.problem(a, "bank.missing", "accept", "accept: [LISTEN, LISTENING, 监听]");
                } else if (acc.isScalar() && !acc.text().isBlank()) {
                    accept.add(acc.text().trim());
                } else if (checks.expectList(acc, "accept")) {
                    for (YNode x : acc.items()) {
                        if (!x.isScalar() || x.text().isBlank()) {
                            checks.problem(x, "bank.notText", "accept");
                        } else {
                            accept.add(x.text().trim());
                        }
                    }
                    if (acc.items().isEmpty()) {
                        checks.problem(acc, "bank.emptyAccept");
                    }
                }
                kind = k == null ? guessKind(accept) : AnswerKind.valueOf(k.toUpperCase(Locale.ROOT));
                if (kind == AnswerKind.STATE) {
                    for (String s : accept) {
                        if (Answers.state(s) == null) {
                            checks.problem(acc, "bank.notAState", s, String.join(" ", names()));
                        }
                    }
                } else if (kind == AnswerKind.NUMBER) {
                    for (String s : accept) {
                        if (!s.matches("-?[0-9]+")) {
                            checks.problem(acc, "bank.notANumber", s);
                        }
                    }
                }
            }
        }
        Show show = show(q.get("show"));
        if (checks.problems().size() > before) {
            return null;
        }
        return new Bank.Item(id, q.line(), topic, Difficulty.parse(level), question, choices, accept, kind, shuffle,
                explain, show);
    }

    /** The state names a typed state answer may use. */
    private static List<String> names() {
        List<String> out = new ArrayList<>();
        for (TcpState s : TcpState.values()) {
            out.add(s.name());
        }
        return out;
    }

    /** Typed answers that are all state names are compared as states (any tool's spelling counts). */
    private static AnswerKind guessKind(List<String> accept) {
        if (accept.isEmpty()) {
            return AnswerKind.TEXT;
        }
        for (String s : accept) {
            if (Answers.state(s) == null) {
                return AnswerKind.TEXT;
            }
        }
        return AnswerKind.STATE;
    }

    private List<Bank.Choice> choices(YNode list) {
        List<Bank.Choice> out = new ArrayList<>();
        if (!checks.expectList(list, "choices")) {
            return out;
        }
        if (list.items().size() < 2 || list.items().size() > MAX_CHOICES) {
            checks.problem(list, "bank.choiceCount", Integer.toString(list.items().size()), Integer.toString(MAX_CHOICES));
        }
        int right = 0;
        Map<Lang, Set<String>> texts = new EnumMap<>(Lang.class);
        for (YNode c : list.items()) {
            Map<Lang, String> text;
            boolean isRight = false;
            Map<Lang, String> feedback = Map.of();
            if (c.isScalar()) {
                text = both(c);
            } else if (checks.expectMap(c, "a choice")) {
                checks.checkKeys(c, CHOICE_KEYS, "a choice");
                YNode t = c.get("text");
                if (t == null) {
                    checks.problem(c, "bank.missing", "text", "text: {en: ..., zh: ...}");
                    text = Map.of();
                } else {
                    text = t.isScalar() ? both(t) : checks.langText(c, "text", true);
                }
                isRight = bool(c, "right", false);
                feedback = checks.langText(c, "feedback", false);
                if (isRight && !feedback.isEmpty()) {
                    checks.problemAt(c, "feedback", "bank.feedbackOnRight");
                }
            } else {
                continue;
            }
            if (isRight) {
                right++;
            }
            for (Map.Entry<Lang, String> e : text.entrySet()) {
                if (!texts.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(Answers.text(e.getValue()))) {
                    checks.problem(c, "bank.sameChoice", e.getValue());
                }
            }
            out.add(new Bank.Choice(c.line(), text, isRight, feedback));
        }
        if (right != 1) {
            checks.problem(list, right == 0 ? "bank.noRightChoice" : "bank.severalRight", Integer.toString(right));
        }
        return out;
    }

    /** A plain text given once stands for both languages (HTTP, 445, LISTEN). */
    private Map<Lang, String> both(YNode scalar) {
        if (scalar.text().isBlank()) {
            checks.problem(scalar, "bank.notText", "text");
            return Map.of();
        }
        Map<Lang, String> m = new EnumMap<>(Lang.class);
        for (Lang l : Lang.values()) {
            m.put(l, scalar.text().trim());
        }
        return m;
    }

    private Show show(YNode s) {
        if (s == null || !checks.expectMap(s, "show")) {
            return null;
        }
        checks.checkKeys(s, SHOW_KEYS, "show");
        String name = checks.text(s, "scenario", null);
        double at = checks.number(s, "at_ms", 0, 0, 86_400_000, false);
        if (name == null) {
            if (!s.has("scenario")) {
                checks.problem(s, "bank.missing", "scenario", "scenario: handshake");
            }
            return null;
        }
        if (!ScenarioLoader.isBuiltin(name)) {
            String near = Similar.nearest(name, ScenarioLoader.BUILTIN);
            checks.problemAt(s, "scenario", near == null ? "bank.unknownScenario" : "bank.unknownScenarioNear", name,
                    String.join(", ", ScenarioLoader.BUILTIN), near);
            return null;
        }
        return Show.builtin(name, at);
    }

    private String oneOf(YNode map, String key, List<String> allowed, String def) {
        String v = checks.text(map, key, null);
        if (v == null) {
            return def;
        }
        String low = v.toLowerCase(Locale.ROOT);
        if (allowed.contains(low)) {
            return low;
        }
        String near = Similar.nearest(low, allowed);
        checks.problemAt(map, key, near == null ? "bank.oneOf" : "bank.oneOfNear", key, String.join(", ", allowed), v, near);
        return def;
    }

    private boolean bool(YNode map, String key, boolean def) {
        YNode v = map.get(key);
        if (v == null) {
            return def;
        }
        if (v.isScalar() && (v.text().equals("true") || v.text().equals("false"))) {
            return v.text().equals("true");
        }
        checks.problem(v, "bank.notBool", key, String.valueOf(v.text()));
        return def;
    }
}
