package tcplab.netstat;

import java.util.ArrayList;
import java.util.List;

/**
 * A text with {@code {0}}, {@code {1}}... placeholders, split once and rendered by appending.
 * The explainer renders a million rows: {@link java.text.MessageFormat} per row would dominate
 * the run time. No quoting rules: an apostrophe is an apostrophe.
 */
final class Template {
    private final String[] literals;
    /** The same literals, pre-encoded for the jsonl writer. */
    private final Text.Lit[] lits;
    private final int[] args;

    private Template(String[] literals, int[] args) {
        this.literals = literals;
        this.args = args;
        this.lits = new Text.Lit[literals.length];
        for (int i = 0; i < literals.length; i++) {
            lits[i] = new Text.Lit(literals[i]);
        }
    }

    /** The whole text when it has no placeholders, else null. */
    Text.Lit constant() {
        return args.length == 0 ? lits[0] : null;
    }

    static Template of(String pattern) {
        List<String> lits = new ArrayList<>();
        List<Integer> as = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '{') {
                int close = pattern.indexOf('}', i);
                if (close > i + 1 && close - i <= 3 && isDigits(pattern, i + 1, close)) {
                    lits.add(sb.toString());
                    sb.setLength(0);
                    as.add(Integer.parseInt(pattern.substring(i + 1, close)));
                    i = close + 1;
                    continue;
                }
            }
            sb.append(c);
            i++;
        }
        lits.add(sb.toString());
        int[] a = new int[as.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = as.get(k);
        }
        return new Template(lits.toArray(new String[0]), a);
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    void render(StringBuilder out, Object... values) {
        for (int i = 0; i < args.length; i++) {
            out.append(literals[i]);
            int a = args[i];
            out.append(a < values.length ? String.valueOf(values[a]) : "{" + a + "}");
        }
        out.append(literals[literals.length - 1]);
    }

    /** Renders a text without placeholders (or with them left as they are). */
    void render(Text out) {
        if (args.length == 0) {
            out.lit(lits[0]);
        } else {
            render(out, new Object[0]);
        }
    }

    /*
     * The renderers with one and two values take the common shapes (one placeholder, or two in
     * either order) without a loop: the explainer calls them several times a row, and a loop whose
     * trip count changes from template to template made the JIT compile them over and over
     * (loop-predicate traps).
     */

    /** Renders with one value: no varargs array per call on the hot path. */
    void render(Text out, Object v0) {
        if (args.length == 1 && args[0] == 0) {
            out.lit(lits[0]);
            out.value(v0);
            out.lit(lits[1]);
            return;
        }
        for (int i = 0; i < args.length; i++) {
            out.lit(lits[i]);
            int a = args[i];
            if (a == 0) {
                out.value(v0);
            } else {
                out.str("{" + a + "}");
            }
        }
        out.lit(lits[lits.length - 1]);
    }

    /** Renders with two values. */
    void render(Text out, Object v0, Object v1) {
        if (args.length == 2 && args[0] + args[1] == 1) { // {0}...{1} or {1}...{0}
            boolean inOrder = args[0] == 0;
            out.lit(lits[0]);
            out.value(inOrder ? v0 : v1);
            out.lit(lits[1]);
            out.value(inOrder ? v1 : v0);
            out.lit(lits[2]);
            return;
        }
        for (int i = 0; i < args.length; i++) {
            out.lit(lits[i]);
            int a = args[i];
            if (a == 0) {
                out.value(v0);
            } else if (a == 1) {
                out.value(v1);
            } else {
                out.str("{" + a + "}");
            }
        }
        out.lit(lits[lits.length - 1]);
    }

    void render(Text out, Object[] values) {
        for (int i = 0; i < args.length; i++) {
            out.lit(lits[i]);
            int a = args[i];
            if (a < values.length) {
                out.value(values[a]);
            } else {
                out.str("{" + a + "}");
            }
        }
        out.lit(lits[lits.length - 1]);
    }

    String format(Object... values) {
        StringBuilder sb = new StringBuilder();
        render(sb, values);
        return sb.toString();
    }
}
