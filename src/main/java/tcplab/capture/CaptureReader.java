package tcplab.capture;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pcap (libpcap's format: micro- or nanosecond, either byte order) and pcapng (as
 * Wireshark and dumpcap write it, draft-ietf-opsawg-pcapng) one frame at a time from a stream.
 *
 * <p>It never throws on bad bytes: a file that is not a capture, a truncated record or a
 * corrupted length ends the reading, and {@link #problem()} says what and at which byte; every
 * frame before the damage has been returned. Memory is bounded whatever the file: one frame of
 * at most {@link #MAX_FRAME} bytes at a time; blocks the reader does not need are skipped
 * without being held, so a 2 GB file streams through.
 */
public final class CaptureReader implements Closeable {
    /** libpcap's MAXIMUM_SNAPLEN: no capture tool writes a larger frame. */
    public static final int MAX_FRAME = 262_144;
    /** Options of a pcapng block kept at most (interface options; comments beyond are skipped). */
    private static final int MAX_OPTIONS = 65_536;

    public enum Format { PCAP, PCAPNG }

    private static final int PCAPNG_SHB = 0x0A0D0D0A;
    private static final int PCAPNG_BOM = 0x1A2B3C4D;

    private final InputStream in;
    private final Format format;
    private long offset;
    private long frames;
    private CaptureProblem problem;
    private boolean done;
    private final byte[] scratch = new byte[32];

    // pcap
    private boolean bigEndian;
    private boolean nanos;
    private int pcapLinkType;

    // pcapng: the interfaces of the current section
    private record Iface(int linkType, long tsDivisor, long tsMultiplier, boolean binary, int binaryExp, long tsOffsetSec) {
    }

    private final List<Iface> ifaces = new ArrayList<>();
    private final List<Integer> linkTypesSeen = new ArrayList<>();

    private CaptureReader(InputStream in, Format format) {
        this.in = in;
        this.format = format;
    }

    /**
     * Opens a capture. When the stream does not start like pcap or pcapng, the reader has no
     * frames and {@link #problem()} says so ({@code notCapture}).
     */
    public static CaptureReader open(InputStream raw) {
        InputStream in = raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, 1 << 16);
        CaptureReader r;
        byte[] head = new byte[4];
        int n = readUpTo(in, head, 0, 4);
        if (n < 4) {
            r = new CaptureReader(in, Format.PCAP);
            r.fail(0, n == 0 ? "empty" : "notCapture");
            return r;
        }
        int le = le32(head, 0);
        if (le == PCAPNG_SHB) {
            r = new CaptureReader(in, Format.PCAPNG);
            r.offset = 4;
            r.readSectionHeaderRest(0);
            return r;
        }
        r = new CaptureReader(in, Format.PCAP);
        r.offset = 4;
        switch (le) {
            case 0xa1b2c3d4 -> r.startPcap(false, false);
            case 0xa1b23c4d -> r.startPcap(false, true);
            default -> {
                int be = be32(head, 0);
                if (be == 0xa1b2c3d4) {
                    r.startPcap(true, false);
                } else if (be == 0xa1b23c4d) {
                    r.startPcap(true, true);
                } else {
                    r.fail(0, "notCapture");
                }
            }
        }
        return r;
    }

    public Format format() {
        return format;
    }

    /** Why reading stopped early, or null when the file ended cleanly (or has not ended yet). */
    public CaptureProblem problem() {
        return problem;
    }

    /** Bytes consumed so far. */
    public long offset() {
        return offset;
    }

    /** The link types of the interfaces seen so far (pcap: the one of the file header). */
    public List<Integer> linkTypes() {
        return List.copyOf(linkTypesSeen);
    }

    /** The next frame, or null at the end of the file or when the reading stopped on a problem. */
    public Frame next() {
        while (!done) {
            Frame f = format == Format.PCAP ? nextPcap() : nextPcapng();
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---- pcap -------------------------------------------------------------------------------

    private void startPcap(boolean big, boolean nano) {
        bigEndian = big;
        nanos = nano;
        // version (2+2), thiszone, sigfigs, snaplen, linktype (the FCS bits live above bit 16)
        if (!readFully(scratch, 20, true, "truncatedHeader")) {
            return;
        }
        pcapLinkType = int32(scratch, 16) & 0xFFFF;
        linkTypesSeen.add(pcapLinkType);
    }

    private Frame nextPcap() {
        long at = offset;
        if (!readFully(scratch, 16, false, "truncatedRecord")) {
            return null;
        }
        long sec = int32(scratch, 0) & 0xFFFFFFFFL;
        long frac = int32(scratch, 4) & 0xFFFFFFFFL;
        long incl = int32(scratch, 8) & 0xFFFFFFFFL;
        long orig = int32(scratch, 12) & 0xFFFFFFFFL;
        if (incl > MAX_FRAME) {
            fail(at, "frameTooLarge", incl, MAX_FRAME);
            return null;
        }
        if (frac >= (nanos ? 1_000_000_000L : 1_000_000L)) {
            fail(at, "badTimestamp", frac);
            return null;
        }
        byte[] data = new byte[(int) incl];
        if (!readFully(data, data.length, true, "truncatedRecord")) {
            return null;
        }
        long t = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
        return new Frame(++frames, t, pcapLinkType, (int) Math.min(orig, Integer.MAX_VALUE), data, at);
    }

    // ---- pcapng -----------------------------------------------------------------------------

    /** After the 4-byte block type of a Section Header Block at {@code at}. */
    private void readSectionHeaderRest(long at) {
        if (!readFully(scratch, 4, true, "truncatedBlock")) {
            return;
        }
        readSectionHeaderFromBom(at, new byte[] {scratch[0], scratch[1], scratch[2], scratch[3]});
    }

    private Frame nextPcapng() {
        long at = offset;
        if (!readFully(scratch, 8, false, "truncatedBlock")) {
            return null;
        }
        int type = int32(scratch, 0);
        if (type == PCAPNG_SHB) {
            // a new section may change the byte order: the length is re-read after the magic
            readSectionHeaderRestAfterType(at);
            return null;
        }
        long len = int32(scratch, 4) & 0xFFFFFFFFL;
        if (len < 12 || len % 4 != 0) {
            fail(at, "badBlockLength", len);
            return null;
        }
        long body = len - 12;
        switch (type) {
            case 1 -> {
                readInterface(at, body);
                return null;
            }
            case 6 -> {
                return readEnhanced(at, body);
            }
            case 3 -> {
                return readSimple(at, body);
            }
            case 2 -> {
                return readObsolete(at, body);
            }
            default -> {
                // name resolution, statistics, custom, systemd journal...: not needed here
                if (skip(body, "truncatedBlock")) {
                    readTrailer(at, len);
                }
                return null;
            }
        }
    }

    private void readSectionHeaderRestAfterType(long at) {
        // scratch[4..8] holds the length as read with the old byte order; re-read it after the BOM
        readSectionHeaderFromBom(at, new byte[] {scratch[4], scratch[5], scratch[6], scratch[7]});
    }

    /**
     * The rest of a Section Header Block from its byte-order magic on; {@code lenBytes} is its
     * block length as it stood in the file, read in the byte order the magic sets.
     */
    private void readSectionHeaderFromBom(long at, byte[] lenBytes) {
        if (!readFully(scratch, 4, true, "truncatedBlock")) {
            return;
        }
        if (le32(scratch, 0) == PCAPNG_BOM) {
            bigEndian = false;
        } else if (be32(scratch, 0) == PCAPNG_BOM) {
            bigEndian = true;
        } else {
            fail(at, "badByteOrderMagic");
            return;
        }
        long len = int32(lenBytes, 0) & 0xFFFFFFFFL;
        if (len < 28 || len % 4 != 0) {
            fail(at, "badBlockLength", len);
            return;
        }
        // major, minor (4 bytes); then the section length, options and the trailing length
        if (!readFully(scratch, 4, true, "truncatedBlock")) {
            return;
        }
        int major = int16(scratch, 0);
        if (major != 1) {
            fail(at, "unsupportedVersion", major);
            return;
        }
        if (!skip(len - 16, "truncatedBlock")) {
            return;
        }
        ifaces.clear();
    }

    private void readInterface(long at, long body) {
        if (body < 8) {
            fail(at, "badBlockLength", body + 12);
            return;
        }
        if (!readFully(scratch, 8, true, "truncatedBlock")) {
            return;
        }
        int linkType = int16(scratch, 0);
        long optLen = body - 8;
        byte[] opts = new byte[(int) Math.min(optLen, MAX_OPTIONS)];
        if (!readFully(opts, opts.length, true, "truncatedBlock") || !skip(optLen - opts.length, "truncatedBlock")) {
            return;
        }
        int tsresol = 6;
        long tsOffset = 0;
        for (int p = 0; p + 4 <= opts.length; ) {
            int code = int16(opts, p);
            int olen = int16(opts, p + 2);
            if (code == 0 || p + 4 + olen > opts.length) {
                break;
            }
            if (code == 9 && olen >= 1) {
                tsresol = opts[p + 4] & 0xFF;
            } else if (code == 14 && olen >= 8) {
                tsOffset = int64(opts, p + 4);
            }
            p += 4 + ((olen + 3) & ~3);
        }
        Iface f;
        if ((tsresol & 0x80) != 0) {
            int e = tsresol & 0x7F;
            if (e > 62) {
                fail(at, "badTsresol", tsresol);
                return;
            }
            f = new Iface(linkType, 1, 1, true, e, tsOffset);
        } else {
            if (tsresol > 18) {
                fail(at, "badTsresol", tsresol);
                return;
            }
            // ticks of 10^-tsresol s to nanoseconds: multiply or divide by a power of ten
            long mul = 1;
            long div = 1;
            for (int i = tsresol; i < 9; i++) {
                mul *= 10;
            }
            for (int i = 9; i < tsresol; i++) {
                div *= 10;
            }
            f = new Iface(linkType, div, mul, false, 0, tsOffset);
        }
        ifaces.add(f);
        linkTypesSeen.add(linkType);
        readTrailer(at, body + 12);
    }

    private Frame readEnhanced(long at, long body) {
        if (body < 20) {
            fail(at, "badBlockLength", body + 12);
            return null;
        }
        if (!readFully(scratch, 20, true, "truncatedBlock")) {
            return null;
        }
        long ifId = int32(scratch, 0) & 0xFFFFFFFFL;
        long ts = ((int32(scratch, 4) & 0xFFFFFFFFL) << 32) | (int32(scratch, 8) & 0xFFFFFFFFL);
        long cap = int32(scratch, 12) & 0xFFFFFFFFL;
        long orig = int32(scratch, 16) & 0xFFFFFFFFL;
        return packetBody(at, body - 20, ifId, ts, cap, orig);
    }

    private Frame readObsolete(long at, long body) {
        if (body < 20) {
            fail(at, "badBlockLength", body + 12);
            return null;
        }
        if (!readFully(scratch, 20, true, "truncatedBlock")) {
            return null;
        }
        long ifId = int16(scratch, 0);
        long ts = ((int32(scratch, 4) & 0xFFFFFFFFL) << 32) | (int32(scratch, 8) & 0xFFFFFFFFL);
        long cap = int32(scratch, 12) & 0xFFFFFFFFL;
        long orig = int32(scratch, 16) & 0xFFFFFFFFL;
        return packetBody(at, body - 20, ifId, ts, cap, orig);
    }

    private Frame readSimple(long at, long body) {
        if (body < 4) {
            fail(at, "badBlockLength", body + 12);
            return null;
        }
        if (!readFully(scratch, 4, true, "truncatedBlock")) {
            return null;
        }
        long orig = int32(scratch, 0) & 0xFFFFFFFFL;
        long cap = Math.min(orig, body - 4);
        // a Simple Packet Block has no timestamp: the frame gets time 0 of interface 0
        return packetBody(at, body - 4, 0, -1, cap, orig);
    }

    private Frame packetBody(long at, long rest, long ifId, long ts, long cap, long orig) {
        if (ifId >= ifaces.size()) {
            fail(at, "noSuchInterface", ifId);
            return null;
        }
        if (cap > MAX_FRAME) {
            fail(at, "frameTooLarge", cap, MAX_FRAME);
            return null;
        }
        long padded = (cap + 3) & ~3L;
        if (padded > rest) {
            fail(at, "badBlockLength", rest + 12);
            return null;
        }
        byte[] data = new byte[(int) cap];
        if (!readFully(data, data.length, true, "truncatedBlock") || !skip(rest - cap, "truncatedBlock")) {
            return null;
        }
        Iface f = ifaces.get((int) ifId);
        if (!readTrailer(at, -1)) {
            return null;
        }
        long t = ts < 0 ? 0 : toNanos(f, ts);
        return new Frame(++frames, t, f.linkType(), (int) Math.min(orig, Integer.MAX_VALUE), data, at);
    }

    private static long toNanos(Iface f, long ticks) {
        long base;
        if (f.binary()) {
            // ticks of 2^-e seconds; split to keep the product in range
            long sec = f.binaryExp() == 0 ? ticks : ticks >>> f.binaryExp();
            long rem = f.binaryExp() == 0 ? 0 : ticks & ((1L << f.binaryExp()) - 1);
            base = sec * 1_000_000_000L + (long) (rem * (1e9 / Math.pow(2, f.binaryExp())));
        } else if (f.tsMultiplier() > 1) {
            // unsigned ticks; a time past year 2262 saturates
            base = ticks < 0 || ticks > Long.MAX_VALUE / f.tsMultiplier() ? Long.MAX_VALUE : ticks * f.tsMultiplier();
        } else {
            base = Long.divideUnsigned(ticks, f.tsDivisor());
        }
        return base + f.tsOffsetSec() * 1_000_000_000L;
    }

    /** Reads the trailing copy of the block length; {@code len} < 0 skips the check. */
    private boolean readTrailer(long at, long len) {
        if (!readFully(scratch, 4, true, "truncatedBlock")) {
            return false;
        }
        if (len >= 0 && (int32(scratch, 0) & 0xFFFFFFFFL) != len) {
            fail(at, "badTrailer");
            return false;
        }
        return true;
    }

    // ---- bytes ------------------------------------------------------------------------------

    private void fail(long at, String key, Object... args) {
        if (problem == null) {
            problem = new CaptureProblem(at, key, args);
        }
        done = true;
    }

    /**
     * Reads {@code n} bytes. At a clean end ({@code midRecord} false and no byte read) the reading
     * ends without a problem; a partial read is the problem {@code truncatedKey}.
     */
    private boolean readFully(byte[] buf, int n, boolean midRecord, String truncatedKey) {
        long at = offset;
        int got = readUpTo(in, buf, 0, n);
        offset += Math.max(got, 0);
        if (got == n) {
            return true;
        }
        if (got == -2) {
            fail(at, "ioError");
        } else if (got == 0 && !midRecord) {
            done = true;
        } else {
            fail(at, truncatedKey);
        }
        return false;
    }

    private boolean skip(long n, String truncatedKey) {
        long at = offset;
        long left = n;
        try {
            while (left > 0) {
                long s = in.skip(left);
                if (s <= 0) {
                    if (in.read() < 0) {
                        fail(at, truncatedKey);
                        return false;
                    }
                    s = 1;
                }
                left -= s;
                offset += s;
            }
        } catch (IOException e) {
            fail(at, "ioError");
            return false;
        }
        return true;
    }

    /** Reads up to n bytes; the count read, or -2 on an I/O error. */
    private static int readUpTo(InputStream in, byte[] buf, int off, int n) {
        int got = 0;
        try {
            while (got < n) {
                int r = in.read(buf, off + got, n - got);
                if (r < 0) {
                    break;
                }
                got += r;
            }
        } catch (IOException e) {
            return -2;
        }
        return got;
    }

    private int int32(byte[] b, int p) {
        return bigEndian ? be32(b, p) : le32(b, p);
    }

    private int int16(byte[] b, int p) {
        return bigEndian ? ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF) : ((b[p + 1] & 0xFF) << 8) | (b[p] & 0xFF);
    }

    private long int64(byte[] b, int p) {
        long hi = int32(b, bigEndian ? p : p + 4) & 0xFFFFFFFFL;
        long lo = int32(b, bigEndian ? p + 4 : p) & 0xFFFFFFFFL;
        return (hi << 32) | lo;
    }

    static int le32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    static int be32(byte[] b, int p) {
        return (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
    }
}
