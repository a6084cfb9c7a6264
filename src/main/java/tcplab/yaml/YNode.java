package tcplab.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import tcplab.i18n.Problem;
import tcplab.i18n.ProblemException;

/**
 * A YAML node with the line it starts on, read with snakeyaml-engine's composer so that every
 * value of a scenario or lesson file can be reported as {@code file:line}. Values stay text;
 * the readers of each format decide what a value must be.
 */
public final class YNode {
    public static final String BUNDLE = "tcplab.yaml.Yaml";

    public enum Kind { MAP, LIST, SCALAR }

    private final String file;
    private final int line;
    private final Kind kind;
    private final String scalar;
    private final List<YNode> items;
    private final Map<String, YNode> entries;
    private final Map<String, Integer> keyLines;

    private YNode(String file, int line, Kind kind, String scalar, List<YNode> items,
                  Map<String, YNode> entries, Map<String, Integer> keyLines) {
        this.file = file;
        this.line = line;
        this.kind = kind;
        this.scalar = scalar;
        this.items = items;
        this.entries = entries;
        this.keyLines = keyLines;
    }

    /** Parses one YAML document; a syntax error or a duplicate key becomes a {@code file:line} problem. */
    public static YNode parse(String text, String file) throws ProblemException {
        LoadSettings settings = LoadSettings.builder().setLabel(file).build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw new ProblemException(new Problem(file, line, BUNDLE, "yaml.syntax", problem));
        } catch (YamlEngineException e) {
            throw new ProblemException(new Problem(file, 0, BUNDLE, "yaml.syntax", e.getMessage()));
        }
        if (root.isEmpty()) {
            throw new ProblemException(new Problem(file, 0, BUNDLE, "yaml.empty"));
        }
        List<Problem> problems = new ArrayList<>();
        YNode n = convert(root.get(), file, problems);
        if (!problems.isEmpty()) {
            throw new ProblemException(problems);
        }
        return n;
    }

    private static int lineOf(Node n) {
        return n.getStartMark().map(Mark::getLine).orElse(-1) + 1;
    }

    private static YNode convert(Node n, String file, List<Problem> problems) {
        int line = lineOf(n);
        if (n instanceof ScalarNode s) {
            return new YNode(file, line, Kind.SCALAR, s.getValue(), List.of(), Map.of(), Map.of());
        }
        if (n instanceof SequenceNode seq) {
            List<YNode> items = new ArrayList<>();
            for (Node child : seq.getValue()) {
                items.add(convert(child, file, problems));
            }
            return new YNode(file, line, Kind.LIST, null, Collections.unmodifiableList(items), Map.of(), Map.of());
        }
        MappingNode map = (MappingNode) n;
        Map<String, YNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks)) {
                problems.add(new Problem(file, lineOf(k), BUNDLE, "yaml.keyNotText"));
                continue;
            }
            String key = ks.getValue();
            if (entries.containsKey(key)) {
                problems.add(new Problem(file, lineOf(k), BUNDLE, "yaml.duplicateKey", key, keyLines.get(key)));
                continue;
            }
            keyLines.put(key, lineOf(k));
            entries.put(key, convert(t.getValueNode(), file, problems));
        }
        return new YNode(file, line, Kind.MAP, null, List.of(),
                Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keyLines));
    }

    public String file() {
        return file;
    }

    /** 1-based line where this node starts. */
    public int line() {
        return line;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isMap() {
        return kind == Kind.MAP;
    }

    public boolean isList() {
        return kind == Kind.LIST;
    }

    public boolean isScalar() {
        return kind == Kind.SCALAR;
    }

    /** The text of a scalar (null for a map or a list). */
    public String text() {
        return scalar;
    }

    public List<YNode> items() {
        return items;
    }

    public Map<String, YNode> entries() {
        return entries;
    }

    /** The line of {@code key} in this map (the key's own line), or this node's line. */
    public int keyLine(String key) {
        Integer l = keyLines.get(key);
        return l == null ? line : l;
    }

    public YNode get(String key) {
        return entries.get(key);
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** A problem located at this node. */
    public Problem problem(String bundle, String key, Object... args) {
        return new Problem(file, line, bundle, key, args);
    }
}
