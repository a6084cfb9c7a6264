package tcplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tcplab capture} and {@code tcplab simulate --pcap} as a user runs them, good input and bad. */
class CaptureCommandTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    static Path fixture(Path dir, String name) throws Exception {
        Path p = dir.resolve(name);
        try (InputStream in = CaptureCommandTest.class.getResourceAsStream("/tcplab/capture/fixtures/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void aStudentsCaptureShowsBothEndsFromSynSentToTimeWaitInBothLanguages(@TempDir Path dir) throws Exception {
        Path f = fixture(dir, "data-a.pcap");
        Run en = run("capture", f.toString(), "--lang", "en");
        assertEquals(0, en.exit(), en.err());
        assertTrue(en.out().contains("client: CLOSED → SYN_SENT"), en.out());
        assertTrue(en.out().contains("server: FIN_WAIT_2 → TIME_WAIT"), en.out());
        assertTrue(en.out().contains("conn_state SF"), en.out());
        Run zh = run("capture", f.toString(), "--lang", "zh");
        assertEquals(0, zh.exit(), zh.err());
        assertTrue(zh.out().contains("客户端:CLOSED → SYN_SENT"), zh.out());
        assertTrue(zh.out().contains("已建立并正常关闭"), zh.out());
    }

    @Test
    void jsonLinesHaveTheDocumentedShapes(@TempDir Path dir) throws Exception {
        Run r = run("capture", fixture(dir, "simultaneous-close-b.pcapng").toString(), "--format", "jsonl", "--lang", "en");
        assertEquals(0, r.exit(), r.err());
        ObjectMapper json = new ObjectMapper();
        List<String> lines = r.out().lines().toList();
        JsonNode head = json.readTree(lines.get(0));
        assertEquals("capture", head.get("type").asText());
        assertEquals("pcapng", head.get("format").asText());
        JsonNode conn = json.readTree(lines.get(1));
        assertEquals(Set.of("type", "id", "client", "server", "ip_version", "first_ms", "last_ms", "packets", "retransmissions",
                "duplicates", "zeek_conn_state", "zeek_history", "client_initial", "client_final", "server_initial",
                "server_initial_reason", "server_initial_why", "server_final"), fieldNames(conn));
        int inferred = 0;
        for (String l : lines.subList(2, lines.size())) {
            JsonNode t = json.readTree(l);
            assertEquals("transition", t.get("type").asText());
            if (t.get("inferred").asBoolean()) {
                inferred++;
                assertFalse(t.get("why").asText().isBlank());
            }
        }
        assertTrue(inferred >= 3, "the unseen FIN, the unconfirmed ACK and two timers are inferred");
    }

    static Set<String> fieldNames(JsonNode n) {
        java.util.Set<String> s = new java.util.HashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    @Test
    void aFileThatIsNotACaptureSaysSoInTheUsersLanguage(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("netstat.txt");
        Files.writeString(f, "Proto Recv-Q Send-Q Local Address           Foreign Address         State\n");
        Run en = run("capture", f.toString(), "--lang", "en");
        assertEquals(1, en.exit());
        assertTrue(en.err().contains(f + ": byte 0: this is not a capture file"), en.err());
        Run zh = run("capture", f.toString(), "--lang", "zh");
        assertTrue(zh.err().contains("这不是抓包文件"), zh.err());
        assertFalse(zh.err().contains("Exception"));
    }

    @Test
    void aTruncatedCaptureShowsWhatWasReadableAndWhereItWasCut(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(fixture(dir, "data-a.pcap"));
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 30));
        Run r = run("capture", cut.toString(), "--lang", "en");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("10 TCP packets"), r.out());
        assertTrue(r.out().contains("client: CLOSED → SYN_SENT"), r.out());
        assertTrue(r.err().contains("the file ends in the middle of a packet"), r.err());
    }

    @Test
    void anUnsupportedLinkTypeIsNamed(@TempDir Path dir) throws Exception {
        byte[] f = Files.readAllBytes(fixture(dir, "reset-a.pcap"));
        f[20] = (byte) 147; // the pcap header's link type: LINKTYPE_USER0
        Path p = dir.resolve("user0.pcap");
        Files.write(p, f);
        Run r = run("capture", p.toString(), "--lang", "en");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("link type 147 is not supported"), r.err());
    }

    @Test
    void aMissingFileOrAFolderIsAUsageError(@TempDir Path dir) {
        Run missing = run("capture", dir.resolve("nope.pcap").toString(), "--lang", "en");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("No such file"), missing.err());
        Run folder = run("capture", dir.toString(), "--lang", "zh");
        assertEquals(2, folder.exit());
        assertTrue(folder.err().contains("是文件夹"), folder.err());
    }

    @Test
    void simulateWritesACaptureThatCaptureReadsBackWithTheSameStates(@TempDir Path dir) {
        Path f = dir.resolve("close.pcapng");
        Run sim = run("simulate", "--scenario", "active-close", "--pcap", f.toString(), "--lang", "en");
        assertEquals(0, sim.exit(), sim.err());
        assertTrue(sim.out().contains("packets to " + f + " (pcapng)"), sim.out());
        Run cap = run("capture", f.toString(), "--lang", "en");
        assertEquals(0, cap.exit(), cap.err());
        assertTrue(cap.out().contains("client: ESTABLISHED → FIN_WAIT_1"), cap.out());
        assertTrue(cap.out().contains("client: FIN_WAIT_2 → TIME_WAIT"), cap.out());
        assertTrue(cap.out().contains("server: LAST_ACK → CLOSED"), cap.out());
    }

    @Test
    void captureAtAnUnknownHostOrWithoutPcapIsAUsageError(@TempDir Path dir) {
        Run r = run("simulate", "--scenario", "handshake", "--pcap", dir.resolve("x.pcap").toString(), "--capture-at", "mars", "--lang", "en");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--capture-at mars"), r.err());
        Run r2 = run("simulate", "--scenario", "handshake", "--capture-at", "client", "--lang", "en");
        assertEquals(2, r2.exit());
        assertTrue(r2.err().contains("only makes sense with --pcap"), r2.err());
    }
}
