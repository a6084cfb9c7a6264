package tcplab.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes frames of one link type as a pcap file (microsecond timestamps, little-endian, as
 * tcpdump writes on x86) or a pcapng file (one section, one interface, microsecond timestamps).
 */
public final class CaptureWriter implements Closeable {
    private final OutputStream out;
    private final CaptureReader.Format format;

    public CaptureWriter(OutputStream out, CaptureReader.Format format, int linkType) throws IOException {
        this.out = out;
        this.format = format;
        if (format == CaptureReader.Format.PCAP) {
            ByteBuffer b = le(24);
            b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(CaptureReader.MAX_FRAME).putInt(linkType);
            out.write(b.array());
        } else {
            byte[] app = "tcplab".getBytes(StandardCharsets.US_ASCII);
            int optLen = 4 + pad(app.length) + 4; // shb_userappl, opt_endofopt
            int len = 28 + optLen;
            ByteBuffer b = le(len);
            b.putInt(0x0A0D0D0A).putInt(len).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
            b.putShort((short) 4).putShort((short) app.length).put(app);
            b.position(b.position() + pad(app.length) - app.length);
            b.putInt(0).putInt(len);
            out.write(b.array());
            // Interface Description Block: no options, so if_tsresol is the default 10^-6
            ByteBuffer i = le(20);
            i.putInt(1).putInt(20).putShort((short) linkType).putShort((short) 0).putInt(CaptureReader.MAX_FRAME).putInt(20);
            out.write(i.array());
        }
    }

    /** Writes one frame captured at {@code timeUs} microseconds since the epoch. */
    public void write(long timeUs, byte[] frame) throws IOException {
        if (format == CaptureReader.Format.PCAP) {
            ByteBuffer b = le(16);
            b.putInt((int) (timeUs / 1_000_000)).putInt((int) (timeUs % 1_000_000)).putInt(frame.length).putInt(frame.length);
            out.write(b.array());
            out.write(frame);
        } else {
            int len = 32 + pad(frame.length);
            ByteBuffer b = le(28);
            b.putInt(6).putInt(len).putInt(0).putInt((int) (timeUs >>> 32)).putInt((int) timeUs)
                    .putInt(frame.length).putInt(frame.length);
            out.write(b.array());
            out.write(frame);
            out.write(new byte[pad(frame.length) - frame.length]);
            out.write(le(4).putInt(len).array());
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    public void flush() throws IOException {
        out.flush();
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
