package tcplab.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The pcap/pcapng reader and writer: round trips, and damaged files that never throw. */
class CaptureFilesTest {

    record In(long timeUs, byte[] data) {
    }

    static byte[] write(List<In> frames, CaptureReader.Format f) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaptureWriter w = new CaptureWriter(out, f, LinkTypes.ETHERNET);
        for (In in : frames) {
            w.write(in.timeUs(), in.data());
        }
        w.flush();
        return out.toByteArray();
    }

    record ReadBack(List<Frame> frames, CaptureProblem problem) {
    }

    static ReadBack read(byte[] file) {
        CaptureReader r = CaptureReader.open(new ByteArrayInputStream(file));
        List<Frame> frames = new ArrayList<>();
        for (Frame f; (f = r.next()) != null; ) {
            frames.add(f);
        }
        return new ReadBack(frames, r.problem());
    }

    @Provide
    Arbitrary<List<In>> frames() {
        Arbitrary<Long> time = Arbitraries.longs().between(0, 4_000_000_000L * 1_000_000L);
        Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(1600);
        return Combinators.combine(time, data).as(In::new).list().ofMaxSize(20);
    }

    @Property(tries = 200)
    void whatTheWriterWritesTheReaderReadsBackInBothFormats(@ForAll("frames") List<In> frames) throws IOException {
        for (CaptureReader.Format f : CaptureReader.Format.values()) {
            ReadBack back = read(write(frames, f));
            assertNull(back.problem(), f + ": " + back.problem());
            assertEquals(frames.size(), back.frames().size());
            for (int i = 0; i < frames.size(); i++) {
                Frame got = back.frames().get(i);
                assertEquals(frames.get(i).timeUs() * 1000, got.timeNanos());
                assertArrayEquals(frames.get(i).data(), got.data());
                assertEquals(i + 1, got.index());
                assertEquals(LinkTypes.ETHERNET, got.linkType());
            }
        }
    }

    @Property(tries = 300)
    void aTruncatedFileGivesEveryWholeFrameBeforeTheCutAndSaysWhereItEnded(
            @ForAll("frames") List<In> frames, @ForAll @IntRange(min = 0, max = 100_000) int cutSeed) throws IOException {
        for (CaptureReader.Format f : CaptureReader.Format.values()) {
            byte[] whole = write(frames, f);
            int cut = cutSeed % (whole.length + 1);
            ReadBack back = read(Arrays.copyOf(whole, cut));
            // a prefix of the frames, each intact
            assertTrue(back.frames().size() <= frames.size());
            for (int i = 0; i < back.frames().size(); i++) {
                assertArrayEquals(frames.get(i).data(), back.frames().get(i).data());
            }
            // where records end: a cut there is a shorter but sound file
            List<Integer> ends = new ArrayList<>();
            int end = f == CaptureReader.Format.PCAP ? 24 : 44 + 20;
            if (f == CaptureReader.Format.PCAPNG) {
                ends.add(44);
            }
            ends.add(end);
            for (In in : frames) {
                end += f == CaptureReader.Format.PCAP ? 16 + in.data().length : 32 + ((in.data().length + 3) & ~3);
                ends.add(end);
            }
            assertEquals(whole.length, end);
            if (cut > 0 && ends.contains(cut)) {
                assertNull(back.problem(), "cut at " + cut + ": " + back.problem());
                assertEquals(Math.max(0, ends.indexOf(cut) - (f == CaptureReader.Format.PCAPNG ? 1 : 0)), back.frames().size());
            } else {
                assertNotNull(back.problem(), "a cut inside a record is reported");
                assertTrue(back.problem().offset() <= cut);
            }
        }
    }

    @Property(tries = 500)
    void corruptedBytesNeverThrowAndNeverGiveAFrameLargerThanAnyCaptureHolds(
            @ForAll("frames") List<In> frames, @ForAll List<@IntRange(min = 0, max = 1 << 20) Integer> positions,
            @ForAll byte value) throws IOException {
        for (CaptureReader.Format f : CaptureReader.Format.values()) {
            byte[] file = write(frames, f);
            for (int p : positions) {
                file[p % file.length] = (byte) (file[p % file.length] ^ value ^ p);
            }
            ReadBack back = read(file);
            for (Frame fr : back.frames()) {
                assertTrue(fr.data().length <= CaptureReader.MAX_FRAME);
                PacketDecoder.decode(fr); // never throws either
            }
        }
    }

    @Property(tries = 500)
    void randomBytesAreNotACaptureOrGiveWhateverFramesTheyHold(@ForAll byte[] junk) {
        ReadBack back = read(junk);
        if (junk.length < 4) {
            assertNotNull(back.problem());
        }
        back.frames().forEach(PacketDecoder::decode);
    }

    @Test
    void aTextFileIsNotACapture() {
        ReadBack back = read("Proto Recv-Q Send-Q Local Address\n".getBytes());
        assertEquals("notCapture", back.problem().key());
        assertEquals(0, back.frames().size());
    }

    @Test
    void anEmptyFileSaysItIsEmpty() {
        assertEquals("empty", read(new byte[0]).problem().key());
    }

    @Test
    void aRecordClaimingAGigabyteIsRefusedWithoutAllocatingIt() throws IOException {
        byte[] file = write(List.of(new In(1, new byte[60]), new In(2, new byte[60])), CaptureReader.Format.PCAP);
        // second record's incl_len (offset 24 + 16 + 60 + 8)
        int at = 24 + 16 + 60 + 8;
        file[at] = 0;
        file[at + 1] = 0;
        file[at + 2] = 0;
        file[at + 3] = 0x40;
        ReadBack back = read(file);
        assertEquals(1, back.frames().size());
        assertEquals("frameTooLarge", back.problem().key());
        assertEquals(24 + 16 + 60, back.problem().offset());
    }

    @Test
    void bigEndianAndNanosecondPcapFilesAreRead() {
        // a big-endian nanosecond pcap (magic a1b23c4d) with one 4-byte frame of raw IP
        byte[] file = {
            (byte) 0xa1, (byte) 0xb2, 0x3c, 0x4d, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 101,
            0, 0, 0, 5, 0, 0, 0, 7, 0, 0, 0, 4, 0, 0, 0, 4, 0x45, 0, 0, 4};
        ReadBack back = read(file);
        assertNull(back.problem());
        assertEquals(1, back.frames().size());
        assertEquals(5_000_000_007L, back.frames().get(0).timeNanos());
        assertEquals(LinkTypes.RAW, back.frames().get(0).linkType());
    }

    @Test
    void twoGigabytesStreamThroughAJvmOfSixtyFourMegabytes() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                TwoGigabytes.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), out);
        // 2 GiB of 262144-byte frames plus their headers
        assertEquals("frames=8192 problem=null", out);
    }
}
