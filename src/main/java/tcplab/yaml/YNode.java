package tcplab.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingEndEvent;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceEndEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tcplab.i18n.Lang;
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

    /**
     * The three YAML formats of the project, with what a file of each may hold. A teacher's file
     * is text a person writes: past these limits it is a mistake (or an attack), not a lesson.
     * The limits are checked before parsing (the size) and while parsing (depth and values), so
     * no file can take more than a bounded time and memory to be read or refused.
     */
    public enum Format {
        SCENARIO("scenario", 1L << 20, 100_000),
        LESSON("lesson", 1L << 20, 100_000),
        BANK("bank", 4L << 20, 200_000);

        private final String word;
        /** Largest file, in bytes (UTF-8). */
        public final long maxBytes;
        /** Most values (maps, lists and texts) in one file. */
        public final int maxValues;

        Format(String word, long maxBytes, int maxValues) {
            this.word = word;
            this.maxBytes = maxBytes;
            this.maxValues = maxValues;
        }

        /** Its name in messages ("scenario", "场景"). */
        public String word(tcplab.i18n.Lang lang) {
            return tcplab.i18n.Texts.of(BUNDLE, lang).get("yaml.format." + word);
        }
    }

    /**
     * Deepest nesting of maps and lists: a lesson with an inline scenario needs about eight
     * levels. snakeyaml-engine has no limit of its own and its composer recurses once per level,
     * so 10,000 brackets overflowed the stack; this reader builds the tree from the parser's
     * events without recursion and stops at this depth.
     */
    public static final int MAX_DEPTH = 32;

    /** Parses one YAML document of {@code format}; every problem becomes a {@code file:line} problem. */
    public static YNode parse(String text, String file, Format format) throws ProblemException {
        return parse(text, file, format, () -> false);
    }

    /**
     * {@link #parse(String, String, Format)}, stopping with {@link java.util.concurrent.CancellationException}
     * as soon as {@code cancelled} says so (the window's Cancel while a large file loads).
     */
    public static YNode parse(String text, String file, Format format, java.util.function.BooleanSupplier cancelled)
            throws ProblemException {
        if (text.length() > format.maxBytes) { // a char is at least one byte of UTF-8
            throw new ProblemException(tooBig(file, format, text.length()));
        }
        // The library's own limits too: no more code points than the format allows; aliases and
        // recursive keys are refused below, before its composer could expand them. The buffer
        // holds the whole text: with the default 1 KiB one, the scanner copies its window for
        // every KiB of a long token, so a 4 MB quoted text took 45 s; with one read it is linear.
        LoadSettings settings = LoadSettings.builder().setLabel(file)
                .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, format.maxBytes))
                .setBufferSize(Math.max(1024, text.length() + 1))
                .setMaxAliasesForCollections(0)
                .setAllowRecursiveKeys(false)
                .setAllowDuplicateKeys(false)
                .build();
        Builder b = new Builder(file, format);
        try {
            int n = 0;
            for (Event e : new Parse(settings).parseString(text)) {
                if ((++n & 1023) == 0 && cancelled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException();
                }
                b.accept(e);
            }
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw new ProblemException(new Problem(file, line, BUNDLE, "yaml.syntax", firstLine(problem)));
        } catch (YamlEngineException e) {
            throw new ProblemException(new Problem(file, 0, BUNDLE, "yaml.syntax", firstLine(e.getMessage())));
        }
        if (b.root == null) {
            throw new ProblemException(new Problem(file, 0, BUNDLE, "yaml.empty"));
        }
        if (!b.problems.isEmpty()) {
            throw new ProblemException(b.problems);
        }
        return b.root;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Problem tooBig(String file, Format format, long size) {
        return new Problem(file, 0, BUNDLE, "yaml.tooBig", sizeText(size), sizeText(format.maxBytes),
                new tcplab.i18n.Texts.Word(BUNDLE, "yaml.format." + format.word));
    }

    /** A size as people read it: 644 bytes, 20 KB, 3.2 MB. */
    static String sizeText(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 512) / 1024 + " KB";
        }
        double mb = bytes / (1024.0 * 1024.0);
        return (mb == Math.rint(mb) ? Long.toString((long) mb) : String.format(java.util.Locale.ROOT, "%.1f", mb)) + " MB";
    }

    /**
     * Reads a file of {@code format} as UTF-8 text, refusing before reading what is not a regular
     * file or is larger than the format allows (and reading no more than that, should it grow).
     */
    public static String read(Path path, Format format) throws ProblemException {
        String file = path.toString();
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
            if (a.isDirectory()) {
                throw new ProblemException(new Problem(file, 0, BUNDLE, "yaml.isFolder"));
            }
            if (!a.isRegularFile()) {
                // A pipe would block until someone writes to it, a device may never end.
                throw new ProblemException(new Problem(file, 0, BUNDLE, "yaml.notRegular"));
            }
            if (a.size() > format.maxBytes) {
                throw new ProblemException(tooBig(file, format, a.size()));
            }
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes((int) format.maxBytes + 1);
            }
            if (bytes.length > format.maxBytes) {
                throw new ProblemException(tooBig(file, format, bytes.length));
            }
            try {
                return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new ProblemException(new Problem(file, 0, BUNDLE, "yaml.notUtf8"));
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ProblemException(new Problem(file, 0, BUNDLE, "yaml.noSuchFile"));
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ProblemException(new Problem(file, 0, BUNDLE, "yaml.accessDenied"));
        } catch (IOException e) {
            throw new ProblemException(new Problem(file, 0, BUNDLE, "yaml.cannotRead", String.valueOf(e.getMessage())));
        }
    }

    /** Builds the tree from the parser's events, without recursion, within the format's limits. */
    private static final class Builder {
        private final String file;
        private final Format format;
        private final List<Problem> problems = new ArrayList<>();
        private final ArrayList<Open> open = new ArrayList<>();
        private YNode root;
        private int values;

        Builder(String file, Format format) {
            this.file = file;
            this.format = format;
        }

        /** A map or list whose end has not come yet. */
        private static final class Open {
            final boolean map;
            final int line;
            final List<YNode> items = new ArrayList<>();
            final Map<String, YNode> entries = new LinkedHashMap<>();
            final Map<String, Integer> keyLines = new LinkedHashMap<>();
            boolean wantKey = true;
            String key;
            int keyLine;

            Open(boolean map, int line) {
                this.map = map;
                this.line = line;
            }
        }

        void accept(Event e) throws ProblemException {
            int line = e.getStartMark().map(Mark::getLine).orElse(-1) + 1;
            if (e instanceof AliasEvent || e instanceof NodeEvent ne && ne.getAnchor().isPresent()) {
                // Refused, not expanded: 48 aliases of aliases made 2^24 values of a 644-byte file.
                throw new ProblemException(new Problem(file, line, BUNDLE, "yaml.anchors",
                        new tcplab.i18n.Texts.Word(BUNDLE, "yaml.format." + format.word)));
            }
            if (e instanceof ScalarEvent s) {
                count(line);
                add(new YNode(file, line, Kind.SCALAR, s.getValue(), List.of(), Map.of(), Map.of()));
            } else if (e instanceof SequenceStartEvent || e instanceof MappingStartEvent) {
                count(line);
                if (open.size() >= MAX_DEPTH) {
                    throw new ProblemException(new Problem(file, line, BUNDLE, "yaml.tooDeep", MAX_DEPTH));
                }
                open.add(new Open(e instanceof MappingStartEvent, line));
            } else if (e instanceof SequenceEndEvent || e instanceof MappingEndEvent) {
                Open o = open.remove(open.size() - 1);
                add(o.map
                        ? new YNode(file, o.line, Kind.MAP, null, List.of(), Collections.unmodifiableMap(o.entries),
                                Collections.unmodifiableMap(o.keyLines))
                        : new YNode(file, o.line, Kind.LIST, null, Collections.unmodifiableList(o.items), Map.of(), Map.of()));
            } else if (e instanceof DocumentStartEvent && root != null) {
                throw new ProblemException(new Problem(file, line, BUNDLE, "yaml.manyDocuments"));
            }
        }

        private void count(int line) throws ProblemException {
            if (++values > format.maxValues) {
                throw new ProblemException(new Problem(file, line, BUNDLE, "yaml.tooManyValues", format.maxValues,
                        new tcplab.i18n.Texts.Word(BUNDLE, "yaml.format." + format.word)));
            }
        }

        private void add(YNode n) {
            if (open.isEmpty()) {
                root = n;
                return;
            }
            Open o = open.get(open.size() - 1);
            if (!o.map) {
                o.items.add(n);
                return;
            }
            if (o.wantKey) {
                o.wantKey = false;
                o.key = n.isScalar() ? n.text() : null;
                o.keyLine = n.line();
                if (o.key == null) {
                    problems.add(new Problem(file, n.line(), BUNDLE, "yaml.keyNotText"));
                }
                return;
            }
            o.wantKey = true;
            if (o.key == null) {
                return;
            }
            if (o.entries.containsKey(o.key)) {
                problems.add(new Problem(file, o.keyLine, BUNDLE, "yaml.duplicateKey", o.key, o.keyLines.get(o.key)));
                return;
            }
            o.keyLines.put(o.key, o.keyLine);
            o.entries.put(o.key, n);
        }
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
