package tcplab.netstat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.CharsetDecoder;

/**
 * A UTF-8 {@link Reader} that also lets {@link LineReader} take the raw bytes while they are
 * ASCII: an ASCII byte is the same char in UTF-8, so a line of them can become a String without
 * a decoder and without a char[] in between (a million-row capture is 80 MB of ASCII). At the
 * first byte of 0x80 or more, {@link #charsFrom} hands the bytes from there and the rest of the
 * stream to an ordinary decoding reader; the bytes before it were ASCII, so no UTF-8 sequence is
 * cut.
 */
final class Utf8Input extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder;
    /** The decoding reader, once chars were asked for. */
    private Reader chars;

    Utf8Input(InputStream in, CharsetDecoder decoder) {
        this.in = in;
        this.decoder = decoder;
    }

    /** Raw bytes; only while no chars were read. */
    int readBytes(byte[] b, int off, int len) throws IOException {
        if (chars != null) {
            throw new IllegalStateException("chars were read already");
        }
        return in.read(b, off, len);
    }

    /** From now on chars: the decoded {@code pending[from..to)} (bytes read but not used), then the rest of the stream. */
    Reader charsFrom(byte[] pending, int from, int to) {
        byte[] copy = java.util.Arrays.copyOfRange(pending, from, to);
        chars = new InputStreamReader(new SequenceInputStream(new ByteArrayInputStream(copy), in), decoder);
        return chars;
    }

    /** True once the bytes go through the decoder (for tests: what stays ASCII should stay on bytes). */
    boolean decoding() {
        return chars != null;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (chars == null) {
            chars = new InputStreamReader(in, decoder);
        }
        return chars.read(cbuf, off, len);
    }

    @Override
    public void close() throws IOException {
        if (chars != null) {
            chars.close();
        } else {
            in.close();
        }
    }
}
