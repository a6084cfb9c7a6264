package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link Template}: the explainer's sentences with {@code {0}}, {@code {1}} placeholders. Every
 * way of rendering gives the text a plain search-and-replace gives.
 */
class TemplateTest {
    /** The reference: each {N} with N < values.length replaced by String.valueOf(values[N]). */
    private static String reference(String pattern, Object... values) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            int close = pattern.indexOf('}', i);
            if (pattern.charAt(i) == '{' && close == i + 2 && Character.isDigit(pattern.charAt(i + 1))) {
                int a = pattern.charAt(i + 1) - '0';
                sb.append(a < values.length ? String.valueOf(values[a]) : "{" + a + "}");
                i = close + 1;
            } else {
                sb.append(pattern.charAt(i++));
            }
        }
        return sb.toString();
    }

    private static String rendered(Template t, Object... values) {
        StringBuilder sb = new StringBuilder();
        Text.Chars out = new Text.Chars(sb);
        switch (values.length) {
            case 0 -> t.render(out);
            case 1 -> t.render(out, values[0]);
            case 2 -> t.render(out, values[0], values[1]);
            default -> t.render(out, values);
        }
        return sb.toString();
    }

    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("{0}", "{1}", "{2}", "{3}"),
                Arbitraries.strings().withChars("ab 端口{}:.,").ofMaxLength(6));
        return piece.list().ofMaxSize(6).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("xy中:").ofMaxLength(4).map(s -> (Object) s),
                Arbitraries.integers().between(0, 70000).map(i -> (Object) i),
                Arbitraries.longs().between(-5, 5).map(l -> (Object) l));
    }

    @Property(tries = 3000)
    void renderingWithAnyNumberOfValuesIsSearchAndReplace(@ForAll("patterns") String pattern,
            @ForAll("values") Object v0, @ForAll("values") Object v1, @ForAll("values") Object v2) {
        Template t = Template.of(pattern);
        assertEquals(reference(pattern), rendered(t));
        assertEquals(reference(pattern, v0), rendered(t, v0));
        assertEquals(reference(pattern, v0, v1), rendered(t, v0, v1));
        assertEquals(reference(pattern, v0, v1, v2), rendered(t, v0, v1, v2));
        assertEquals(reference(pattern, v0, v1), t.format(v0, v1));
    }

    @Test
    void twoPlaceholdersInEitherOrderTakeTheirOwnValues() {
        assertEquals("port 80 of 10.0.0.1", rendered(Template.of("port {1} of {0}"), "10.0.0.1", 80));
        assertEquals("10.0.0.1:80", rendered(Template.of("{0}:{1}"), "10.0.0.1", 80));
        assertEquals("x x", rendered(Template.of("{1} {1}"), "unused", "x"));
        assertEquals("{2}", rendered(Template.of("{2}"), "a", "b"));
    }

    @Test
    void aValueThatRendersItselfIsWrittenPieceByPiece() {
        Text.Value v = out -> {
            out.str("[::1]");
            out.num(443);
        };
        assertEquals("to [::1]443.", rendered(Template.of("to {0}."), v));
    }
}
