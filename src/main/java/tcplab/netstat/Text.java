package tcplab.netstat;

/**
 * Where an explanation is rendered: a {@link StringBuilder} ({@link Chars}, for
 * {@link Explainer#explain}) or the inside of a JSON string in a UTF-8 byte buffer
 * ({@link JsonBytes}, for {@code explain --format jsonl}). The explainer's sentences are written
 * once, against this class, so both outputs say exactly the same thing.
 *
 * <p>{@link #lit} appends a fixed piece of a bundle text (pre-encoded, so the jsonl writer
 * copies its bytes); {@link #str} and {@link #num} append values from the row.
 */
abstract class Text {
    /** A fixed piece of text, kept both as a String and as the bytes of a JSON string's inside. */
    static final class Lit {
        final String s;
        final byte[] json;

        Lit(String s) {
            this.s = s;
            this.json = JsonBytes.escape(s);
        }

        @Override
        public String toString() {
            return s;
        }
    }

    /** A value that renders itself piece by piece (no String built per row). */
    interface Value {
        void to(Text out);
    }

    abstract void lit(Lit l);

    abstract void str(String s);

    /** {@link #str} for a value that is likely to come again in the same row (an address). */
    void strMemo(String s) {
        str(s);
    }

    abstract void num(long n);

    void num(int n) {
        num((long) n);
    }

    /** Appends a value as {@link String#valueOf} prints it. */
    final void value(Object o) {
        if (o instanceof String s) {
            str(s);
        } else if (o instanceof Integer i) {
            num(i.intValue());
        } else if (o instanceof Long l) {
            num(l);
        } else if (o instanceof Value v) {
            v.to(this);
        } else {
            str(String.valueOf(o));
        }
    }

    /** Renders into a StringBuilder. */
    static final class Chars extends Text {
        final StringBuilder sb;

        Chars(StringBuilder sb) {
            this.sb = sb;
        }

        @Override
        void lit(Lit l) {
            sb.append(l.s);
        }

        @Override
        void str(String s) {
            sb.append(s);
        }

        @Override
        void num(long n) {
            sb.append(n);
        }
    }
}
