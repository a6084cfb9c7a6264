package tcplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * A wrong command line gets one line saying what is wrong, in the run's language, and one line of
 * help (a suggestion or where the usage is), with exit code 2: never picocli's English.
 */
class CommandLineErrorsTest {
    /** stderr of a run that must fail with a usage error. */
    private static String usageError(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(2, code, err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace");
        return err.toString();
    }

    static List<Arguments> mistakes() {
        return List.of(
                Arguments.of(List.of("explian"), "tcplab:错误: 没有这个命令:'explian'", "你是不是想输入 tcplab explain?",
                        "tcplab: error: there is no command 'explian'", "Did you mean tcplab explain?"),
                Arguments.of(List.of("explain", "--formt", "jsonl"), "没有这个选项:'--formt'", "名字相近的选项:--format",
                        "unknown option '--formt'", "Options with a similar name: --format"),
                Arguments.of(List.of("explain", "--format", "nope"), "选项 --format:'nope' 不是可选值之一(text, jsonl)",
                        "运行 'tcplab explain --help' 查看用法。", "option --format: 'nope' is not one of text, jsonl",
                        "Run 'tcplab explain --help'"),
                Arguments.of(List.of("explain", "--format"), "选项 --format 需要一个值(text|jsonl)", "tcplab explain --help",
                        "option --format needs a value (text|jsonl)", "tcplab explain --help"),
                Arguments.of(List.of("simulate", "--scenario", "handshake", "--seed", "abc"), "选项 --seed:'abc' 不是整数",
                        "tcplab simulate --help", "option --seed: 'abc' is not a whole number", "tcplab simulate --help"),
                Arguments.of(List.of("netstat", "--host", "server"), "缺少选项 --scenario", "tcplab netstat --help",
                        "missing the option --scenario", "tcplab netstat --help"),
                Arguments.of(List.of("explain", "--format", "text", "--format", "jsonl"), "选项 --format 只能给一次",
                        "tcplab explain --help", "option --format was given more than once", "tcplab explain --help"),
                Arguments.of(List.of("explain", "a.txt", "b.txt"), "多余的参数:'b.txt'", "tcplab explain --help",
                        "unexpected argument 'b.txt'", "tcplab explain --help"),
                Arguments.of(List.of("lesson", "run"), "缺少参数 ID", "tcplab lesson run --help",
                        "missing the ID argument", "tcplab lesson run --help"),
                // NaN and infinity are refused where they are parsed (issue 15: --at and --until took NaN).
                Arguments.of(List.of("simulate", "--scenario", "handshake", "--until", "NaN"), "选项 --until:'NaN' 不是有限的数",
                        "tcplab simulate --help", "option --until: 'NaN' is not a finite number; give a number such as 250",
                        "tcplab simulate --help"),
                Arguments.of(List.of("netstat", "--scenario", "handshake", "--host", "client", "--at", "Infinity"),
                        "选项 --at:'Infinity' 不是有限的数", "tcplab netstat --help", "option --at: 'Infinity' is not a finite number",
                        "tcplab netstat --help"),
                Arguments.of(List.of("simulate", "--scenario", "handshake", "--delay-ms", "1e999"), "选项 --delay-ms:'1e999' 不是有限的数",
                        "tcplab simulate --help", "option --delay-ms: '1e999' is not a finite number", "tcplab simulate --help"),
                Arguments.of(List.of("--screenshot", "target/x.png", "--at", "-Infinity"), "选项 --at:'-Infinity' 不是有限的数",
                        "tcplab --help", "option --at: '-Infinity' is not a finite number", "tcplab --help"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void eachMistakeIsNamedInChineseAndInEnglish(List<String> args, String zh, String zhHelp, String en, String enHelp) {
        String z = usageError(withLang(args, "zh"));
        assertTrue(z.contains(zh), z);
        assertTrue(z.contains(zhHelp), z);
        String e = usageError(withLang(args, "en"));
        assertTrue(e.contains(en), e);
        assertTrue(e.contains(enHelp), e);
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void theChineseMessagesCarryNoneOfPicocliEnglish(List<String> args, String zh, String zhHelp, String en, String enHelp) {
        String z = usageError(withLang(args, "zh"));
        for (String english : List.of("Unknown option", "Unmatched argument", "Invalid value", "Missing required",
                "Did you mean", "Possible solutions", "should be specified only once", "expected one of")) {
            assertFalse(z.contains(english), z);
        }
    }

    @Test
    void onlyTheFirstUnknownWordIsNamedForAnUnknownCommand() {
        String z = usageError("lesson", "foo", "bar", "--lang", "zh");
        assertTrue(z.contains("没有这个命令:'foo'"), z);
        assertFalse(z.contains("'bar'"), z);
    }

    private static String[] withLang(List<String> args, String lang) {
        String[] a = args.toArray(new String[0]);
        String[] b = java.util.Arrays.copyOf(a, a.length + 2);
        b[a.length] = "--lang";
        b[a.length + 1] = lang;
        return b;
    }
}
