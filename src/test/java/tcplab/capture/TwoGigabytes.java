package tcplab.capture;

import java.io.InputStream;

/**
 * Generates a 2 GiB pcap on the fly (never stored) and reads it; run in a JVM with a small heap
 * by {@link CaptureFilesTest} so that the reader's streaming is proven, not assumed.
 */
public final class TwoGigabytes {
    public static void main(String[] args) {
        final int frame = CaptureReader.MAX_FRAME;
        final int frames = (int) ((2L << 30) / frame);
        InputStream in = new InputStream() {
            final byte[] header = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 4, 0, 1, 0, 0, 0};
            long pos;
            final long recLen = 16L + frame;
            final long total = 24 + recLen * frames;

            @Override
            public int read() {
                if (pos >= total) {
                    return -1;
                }
                return at(pos++) & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - pos);
                for (int i = 0; i < n; i++) {
                    b[off + i] = at(pos + i);
                }
                pos += n;
                return n;
            }

            private byte at(long p) {
                if (p < 24) {
                    return header[(int) p];
                }
                long r = (p - 24) % recLen;
                if (r >= 16) {
                    return (byte) r;
                }
                // ts_sec = record number, ts_usec 0, incl_len = orig_len = frame (little-endian)
                long rec = (p - 24) / recLen;
                int field = (int) (r / 4);
                long v = field == 0 ? rec : field == 1 ? 0 : frame;
                return (byte) (v >>> (8 * (r % 4)));
            }
        };
        CaptureReader r = CaptureReader.open(in);
        long n = 0;
        while (r.next() != null) {
            n++;
        }
        System.out.println("frames=" + n + " problem=" + r.problem());
    }
}
