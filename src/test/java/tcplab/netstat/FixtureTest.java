package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tcplab.i18n.Lang;
import tcplab.tcp.TcpState;

/**
 * Every real output in {@code src/test/resources/netstat-fixtures} (listed, so no file is
 * forgotten): parsed with no unrecognised line, and compared row by row with what jc parsed from
 * it ({@code X.json} next to {@code X.out}, {@code X.jc.json} next to {@code X.txt}).
 *
 * <p>Where jc is wrong the raw text wins, and the comparison says why (NETSTAT.md): jc keeps
 * IPv6 brackets on Windows and in ss, so {@code [::]} and {@code ::} are the same address here;
 * {@code :::*} and {@code [::]:*} both mean "IPv6 any, no port"; jc leaves /proc/net/tcp states
 * as hex ({@code 0A}), which we read as LISTEN; jc drops the number of port 0 (no
 * {@code foreign_port_num}) while we keep 0; and under {@code netstat -b} jc keeps only the last
 * line under a row, overwriting the service name (RpcSs) with the program or with the
 * "Can not obtain ownership information" notice, while we keep each line as its own record.
 */
class FixtureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path folder() {
        try {
            return Path.of(FixtureTest.class.getResource("/netstat-fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> dataFiles() throws IOException {
        try (Stream<Path> s = Files.walk(folder())) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".txt") || p.toString().endsWith(".out"))
                    .sorted().collect(Collectors.toList());
        }
    }

    static List<ParsedLine> parse(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p); Reader r = Encodings.reader(in, null)) {
            NetstatParser parser = new NetstatParser(r, null);
            List<ParsedLine> out = new ArrayList<>();
            ParsedLine l;
            while ((l = parser.next()) != null) {
                out.add(l);
            }
            return out;
        }
    }

    @Test
    void theFolderHoldsTheFixturesOfBothSources() throws IOException {
        List<Path> files = dataFiles();
        assertTrue(files.stream().anyMatch(p -> p.toString().contains("debian12")));
        assertTrue(files.stream().anyMatch(p -> p.toString().contains("jc")));
        assertTrue(files.size() >= 24, "data files: " + files.size());
        assertTrue(Files.exists(folder().resolve("README.md")));
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureIsParsedWithOneRecordPerLineAndNoUnrecognisedLine() throws IOException {
        return dataFiles().stream().map(p -> DynamicTest.dynamicTest(folder().relativize(p).toString(), () -> {
            List<ParsedLine> lines = parse(p);
            long expected;
            try (Stream<String> s = Files.lines(p, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                expected = s.count();
            }
            assertEquals(expected, lines.size(), "one record per input line");
            for (int i = 0; i < lines.size(); i++) {
                assertEquals(i + 1, lines.get(i).line());
                if (lines.get(i) instanceof ParsedLine.Unrecognised u) {
                    fail(p.getFileName() + ":" + u.line() + " unrecognised (" + u.why() + " " + u.detail() + "): " + u.excerpt());
                }
            }
            assertTrue(lines.stream().anyMatch(l -> l instanceof ParsedLine.Socket), "has socket rows");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureIsExplainedInBothLanguages() throws IOException {
        return dataFiles().stream().map(p -> DynamicTest.dynamicTest(folder().relativize(p).toString(), () -> {
            for (Lang lang : Lang.values()) {
                Explainer ex = new Explainer(lang);
                for (ParsedLine l : parse(p)) {
                    String text = ex.explain(l);
                    if (l instanceof ParsedLine.Socket) {
                        assertNotNull(text);
                        assertTrue(!text.contains("!"  + "state.") && !text.contains("{"), text);
                    }
                }
                assertEquals(0, ex.summary().unrecognised());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureAgreesWithJcRowByRow() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : dataFiles()) {
            String name = p.getFileName().toString();
            Path ref = p.toString().endsWith(".out") ? p.resolveSibling(name.replace(".out", ".json"))
                    : p.resolveSibling(name.replace(".txt", ".jc.json"));
            if (!Files.exists(ref)) {
                continue; // ss-tan, ss-tanp, ss-tuna and /proc of debian12 have no jc result: jc --ss crashes on them
            }
            tests.add(DynamicTest.dynamicTest(folder().relativize(p).toString(), () -> compare(p, ref)));
        }
        assertTrue(tests.size() >= 19, "fixtures with a jc reference: " + tests.size());
        return tests.stream();
    }

    private static void compare(Path data, Path ref) throws IOException {
        List<ParsedLine> lines = parse(data);
        JsonNode jc = JSON.readTree(ref.toFile());
        List<JsonNode> jcRows = new ArrayList<>();
        for (JsonNode r : jc) {
            if (isInternetRow(r)) {
                jcRows.add(r);
            }
        }
        List<ParsedLine.Socket> ours = new ArrayList<>();
        for (ParsedLine l : lines) {
            if (l instanceof ParsedLine.Socket s) {
                ours.add(s);
            }
        }
        assertEquals(jcRows.size(), ours.size(), "TCP/UDP rows: jc " + jcRows.size() + ", ours " + ours.size());
        for (int i = 0; i < ours.size(); i++) {
            ParsedLine.Socket s = ours.get(i);
            JsonNode j = jcRows.get(i);
            String where = data.getFileName() + ":" + s.line() + " vs jc row " + i + " " + j;
            if (j.has("netid")) {
                compareSs(s, j, where);
            } else if (j.has("entry")) {
                compareProc(s, j, where);
            } else {
                compareNetstat(s, j, where, attachedLines(lines, s.line()));
            }
        }
    }

    /** jc lists UNIX, kernel and ICMP sockets too; only TCP and UDP rows are ours to compare. */
    private static boolean isInternetRow(JsonNode r) {
        if (r.has("netid")) {
            String n = r.get("netid").asText();
            return n.equals("tcp") || n.equals("udp");
        }
        if (r.has("entry")) {
            return true;
        }
        if (r.has("kind") && !r.get("kind").asText().equals("network")) {
            return false;
        }
        String proto = r.path("proto").asText().toLowerCase(Locale.ROOT);
        return proto.startsWith("tcp") || proto.startsWith("udp");
    }

    private static void compareNetstat(ParsedLine.Socket s, JsonNode j, String where, List<ParsedLine> attached) {
        SocketRow r = s.row();
        String proto = j.get("proto").asText().toLowerCase(Locale.ROOT);
        assertEquals(proto.startsWith("tcp") ? Proto.TCP : Proto.UDP, r.proto(), where);
        address(j.get("local_address").asText(), r.local().address(), s.raw().localHost(), where);
        address(j.get("foreign_address").asText(), r.foreign().address(), s.raw().foreignHost(), where);
        port(j.get("local_port").asText(), r.local().port(), s.raw().localPort(), where);
        port(j.get("foreign_port").asText(), r.foreign().port(), s.raw().foreignPort(), where);
        String jcState = j.path("state").isNull() ? "" : j.path("state").asText("");
        if (r.proto() == Proto.UDP) {
            assertNull(r.state(), where);
            assertEquals(jcState, s.raw().state() == null ? "" : s.raw().state(), where);
        } else {
            assertEquals(jcState, stateRaw(s), where);
        }
        if (j.has("recv_q")) {
            assertEquals(j.get("recv_q").asLong(), r.recvQ(), where);
            assertEquals(j.get("send_q").asLong(), r.sendQ(), where);
        }
        if (j.has("pid")) {
            assertEquals(Integer.valueOf(j.get("pid").asInt()), r.pid(), where);
        }
        if (j.has("program_name") && !attached.isEmpty()) {
            // netstat -b: jc keeps only the last line under the row (it overwrites the service
            // name); we keep every line, so compare jc's value with our last attached line.
            ParsedLine last = attached.get(attached.size() - 1);
            String ourText = last instanceof ParsedLine.Program p
                    ? (p.program() != null ? "[" + p.program() + "]" : p.service())
                    : ((ParsedLine.Notice) last).text();
            assertEquals(j.get("program_name").asText(), ourText, where);
        } else if (j.has("program_name")) {
            JsonNode prog = j.get("program_name");
            assertEquals(prog.isNull() ? null : prog.asText(), r.program(), where);
        } else {
            assertNull(r.program(), where);
        }
    }

    private static void compareSs(ParsedLine.Socket s, JsonNode j, String where) {
        SocketRow r = s.row();
        assertEquals(j.get("netid").asText(), r.proto().jsonName(), where);
        assertEquals(j.get("state").asText(), stateRaw(s), where);
        String local = j.get("local_address").asText() + (j.has("interface") ? "%" + j.get("interface").asText() : "");
        address(local, r.local().address(), s.raw().localHost(), where);
        address(j.get("peer_address").asText(), r.foreign().address(), s.raw().foreignHost(), where);
        port(j.get("local_port").asText(), r.local().port(), s.raw().localPort(), where);
        port(j.get("peer_port").asText(), r.foreign().port(), s.raw().foreignPort(), where);
        assertEquals(j.get("recv_q").asLong(), r.recvQ(), where);
        if (r.state() == TcpState.LISTEN) {
            // ss's Send-Q of a listener is its backlog, read as such.
            assertEquals(j.get("send_q").asLong(), r.backlog(), where);
            assertNull(r.sendQ(), where);
        } else {
            assertEquals(j.get("send_q").asLong(), r.sendQ(), where);
        }
        JsonNode procs = j.path("opts").path("process_id");
        if (procs.isObject() && procs.size() > 0) {
            // jc keys the users by PID; we keep the first user as the row's program.
            String pid = procs.fieldNames().next();
            assertEquals(Integer.valueOf(pid), r.pid(), where);
            assertEquals(procs.get(pid).get("user").asText(), r.program(), where);
        } else {
            assertNull(r.pid(), where);
        }
    }

    private static void compareProc(ParsedLine.Socket s, JsonNode j, String where) {
        SocketRow r = s.row();
        assertEquals(j.get("local_address").asText(), r.local().address(), where);
        assertEquals(j.get("local_port").asInt(), r.local().port(), where);
        assertEquals(j.get("remote_address").asText(), r.foreign().address(), where);
        assertEquals(j.get("remote_port").asInt(), r.foreign().port(), where);
        // jc leaves the state as hex; we read it (0A = LISTEN) and keep the hex as the raw text.
        assertEquals(j.get("state").asText(), s.raw().state(), where);
        assertEquals(j.get("state").asText(), StateWords.procHex(r.state()), where);
    }

    private static String stateRaw(ParsedLine.Socket s) {
        if (s.raw().state() != null) {
            return s.raw().state();
        }
        TcpState st = s.row().state();
        return st == null ? "" : st.name();
    }

    /** jc keeps brackets ([::]) and prints * for the wildcard; both are "::"/"0.0.0.0" here. */
    private static void address(String jc, String ours, String oursRaw, String where) {
        if (oursRaw != null && oursRaw.equals(jc)) {
            return;
        }
        if (jc.equals("*")) {
            assertTrue(Addresses.isAny(ours), where + ": * is the any address, we have " + ours);
            return;
        }
        String stripped = jc.startsWith("[") && jc.endsWith("]") ? jc.substring(1, jc.length() - 1) : jc;
        assertEquals(stripped, ours, where);
    }

    private static void port(String jc, Integer ours, String oursRaw, String where) {
        if (jc.equals("*")) {
            assertNull(ours, where);
            return;
        }
        if (jc.chars().allMatch(Character::isDigit)) {
            assertEquals(Integer.valueOf(jc), ours, where);
            return;
        }
        // A service name: we keep the name and resolve it through the services table.
        assertEquals(jc, oursRaw, where);
    }

    private static List<ParsedLine> attachedLines(List<ParsedLine> lines, int socketLine) {
        List<ParsedLine> out = new ArrayList<>();
        for (int i = socketLine; i < lines.size(); i++) {
            ParsedLine l = lines.get(i);
            if (l instanceof ParsedLine.Program p && p.attachesTo() == socketLine) {
                out.add(l);
            } else if (l instanceof ParsedLine.Notice n && n.attachesTo() == socketLine) {
                out.add(l);
            } else {
                break;
            }
        }
        return out;
    }
}
