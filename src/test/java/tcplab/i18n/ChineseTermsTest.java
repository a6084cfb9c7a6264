package tcplab.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tcplab.netstat.ExplainedTable;
import tcplab.yaml.YNode;

/**
 * One Chinese name for each term, in every Chinese text of the window, the explainer, the lessons,
 * the scenarios and the quiz: a class that reads "公认端口" in the lesson and "知名端口" in the quiz
 * wonders whether they are two things. The names chosen: 公认端口 (as the seed article says),
 * SYN 洪水攻击, 绝对序号 / 相对序号 (as Wireshark's Chinese interface says). And no space after a
 * Chinese full stop (Chinese sets no space between sentences).
 */
class ChineseTermsTest {
    /** A variant that must not come back, and the term to use instead. */
    private record Banned(Pattern variant, String use) {
    }

    private static final List<Banned> BANNED = List.of(
            new Banned(Pattern.compile("知名端口|知名\\(系统\\)端口|熟知端口|著名端口"), "公认端口"),
            // SYN_FLOOD (the warning's code) stays: it is a code, shown as such in both languages.
            new Banned(Pattern.compile("SYN[ -]?[Ff]lood|SYN ?(泛洪|洪泛)|SYN洪水|SYN 洪水(?!攻击)"), "SYN 洪水攻击"),
            new Banned(Pattern.compile("原始序号|原始值|相对值"), "绝对序号 / 相对序号"),
            new Banned(Pattern.compile("。 "), "。 without a space after it"));

    private static final Path RESOURCES = Path.of("src/main/resources");

    /** Every Chinese text, as "where: text". */
    static List<String[]> chineseTexts() throws IOException {
        List<String[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(RESOURCES)) {
            for (Path p : s.filter(p -> p.toString().endsWith("_zh_CN.properties")).sorted().toList()) {
                Properties props = new Properties();
                try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    props.load(r);
                }
                for (String key : props.stringPropertyNames()) {
                    // What a learner may type as an answer is not our wording: it accepts the variants on purpose.
                    if (!key.endsWith(".accept")) {
                        out.add(new String[] {p + ": " + key, props.getProperty(key)});
                    }
                }
            }
        }
        List<Path> yamls = new ArrayList<>();
        for (Path dir : List.of(Path.of("lessons"), RESOURCES.resolve("tcplab/scenarios"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(yamls::add);
            }
        }
        for (Path p : yamls) {
            try {
                zhValues(YNode.parse(Files.readString(p), p.toString(), YNode.Format.LESSON), p.toString(), out);
            } catch (ProblemException e) {
                throw new AssertionError(e.format(Lang.EN), e);
            }
        }
        return out;
    }

    /** The scalars under every {@code zh:} key of a YAML tree. */
    private static void zhValues(YNode n, String file, List<String[]> out) {
        if (n.isMap()) {
            for (Map.Entry<String, YNode> e : n.entries().entrySet()) {
                if (e.getKey().equals("zh") && e.getValue().isScalar()) {
                    out.add(new String[] {file + ":" + e.getValue().line(), e.getValue().text()});
                } else {
                    zhValues(e.getValue(), file, out);
                }
            }
        } else if (n.isList()) {
            for (YNode i : n.items()) {
                zhValues(i, file, out);
            }
        }
    }

    @Test
    void theScanFindsTheChineseOfEveryBundleLessonAndScenario() throws IOException {
        List<String[]> texts = chineseTexts();
        for (String where : new String[] {"Explain_zh_CN", "Quiz_zh_CN", "Ui_zh_CN", "Netstat_zh_CN", "lessons/syn-flood.yaml",
            "lessons/port-ranges.yaml", "scenarios/syn-flood.yaml"}) {
            assertFalse(texts.stream().noneMatch(t -> t[0].contains(where)), "no text scanned from " + where);
        }
    }

    @Test
    void noChineseTextUsesABannedVariantOfATerm() throws IOException {
        List<String> found = new ArrayList<>();
        for (String[] t : chineseTexts()) {
            for (Banned b : BANNED) {
                Matcher m = b.variant().matcher(t[1]);
                if (m.find()) {
                    found.add(t[0] + ": \"" + m.group() + "\" (use " + b.use() + ")");
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theBannedVariantsAreFoundWhereTheyOccur() {
        // The scan is only as good as its patterns: each catches what it is meant to catch, and no more.
        String[][] cases = {
            {"这是知名端口", "公认端口"}, {"知名(系统)端口", "公认端口"}, {"可能是 SYN flood 攻击", "SYN 洪水攻击"}, {"SYN 洪水与 SYN Cookie", "SYN 洪水攻击"},
            {"SYN泛洪", "SYN 洪水攻击"}, {"显示原始序号", "绝对序号 / 相对序号"}, {"第一句。 第二句", "。 without a space after it"},
        };
        for (String[] c : cases) {
            assertEquals(1, BANNED.stream().filter(b -> b.variant().matcher(c[0]).find() && b.use().equals(c[1])).count(), c[0]);
        }
        for (String ok : new String[] {"公认端口 0–1023", "SYN 洪水攻击", "警告 SYN_FLOOD", "绝对序号", "原始套接字", "第一句。第二句"}) {
            assertFalse(BANNED.stream().anyMatch(b -> b.variant().matcher(ok).find()), ok);
        }
    }

    @Test
    void explanationsAndWarningsMadeAtRunTimeSetNoSpaceAfterAChineseFullStop() throws IOException {
        for (String seed : new String[] {"article1-rows.txt", "article2-rows.txt"}) {
            ExplainedTable t = ExplainedTable.of(Files.readString(Path.of("src/test/resources/seeds", seed)), Lang.ZH);
            for (ExplainedTable.Row r : t.rows()) {
                for (String s : new String[] {r.explanation(), r.reason()}) {
                    assertFalse(s != null && s.contains("。 "), seed + " line " + r.line() + ": " + s);
                }
            }
            for (ExplainedTable.TitledWarning w : t.warnings()) {
                assertFalse((w.title() + w.warning().evidence() + w.warning().message()).contains("。 "), w.toString());
            }
        }
    }
}
