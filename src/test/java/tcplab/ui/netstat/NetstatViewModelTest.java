package tcplab.ui.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;
import tcplab.netstat.Dialect;
import tcplab.netstat.HostTable;
import tcplab.netstat.SocketRow;
import tcplab.netstat.Warning;
import tcplab.sim.Simulation;
import tcplab.ui.common.Tables;

/** The netstat pane's view model, without starting JavaFX (javafx.beans only). */
class NetstatViewModelTest {

    private static NetstatViewModel synFloodServer(Simulation sim) {
        NetstatViewModel m = new NetstatViewModel();
        Tables.feed(m, sim);
        m.selectHost("server");
        return m;
    }

    @Test
    void theLinesAreExactlyTheEmittersLinesInTheHostsOwnDialect() throws Exception {
        Simulation sim = Tables.run("syn-flood", 3_000_000);
        NetstatViewModel m = synFloodServer(sim);
        assertEquals(List.of("attacker", "server"), m.hostsProperty());
        assertEquals(Dialect.LINUX, m.selectedDialectProperty().get(), "a Linux host shows netstat -tan until the user picks");
        assertEquals(Tables.displayLines(HostTable.emit(sim.host("server"), Dialect.LINUX)), m.linesProperty());
    }

    @Test
    void windowsLinesAreShownWithoutTheirCarriageReturns() throws Exception {
        Simulation sim = Tables.run("syn-flood", 3_000_000);
        NetstatViewModel m = synFloodServer(sim);
        m.selectDialect(Dialect.WINDOWS_ZH);
        String emitted = HostTable.emit(sim.host("server"), Dialect.WINDOWS_ZH);
        assertTrue(emitted.contains("\r\n"));
        assertEquals(Tables.displayLines(emitted), m.linesProperty());
        assertTrue(m.linesProperty().stream().noneMatch(l -> l.contains("\r") || l.contains("\n")));
        assertTrue(m.linesProperty().contains("活动连接"));
    }

    @Test
    void selectingASynReceivedLineExplainsThatLineInBothLanguages() throws Exception {
        NetstatViewModel m = synFloodServer(Tables.run("syn-flood", 3_000_000));
        m.selectDialect(Dialect.WINDOWS);
        int i = Tables.indexOf(m.linesProperty(), "SYN_RECEIVED");
        assertTrue(i > 0);
        m.selectLine(i);
        String en = m.explanationProperty().get();
        assertTrue(en.contains("SYN_RECEIVED"), en);
        assertTrue(en.contains("three-way handshake"), en);
        String foreign = m.linesProperty().get(i).trim().split("\\s+")[2];
        assertTrue(en.contains(foreign), "the explanation is about that very line's peer " + foreign + ": " + en);
        assertEquals("Line " + (i + 1) + " · socket", m.explanationTitleProperty().get());

        m.langProperty().set(Lang.ZH);
        assertEquals(i, m.selectedLineIndexProperty().get(), "switching language keeps the selection");
        String zh = m.explanationProperty().get();
        assertTrue(zh.contains("SYN_RECEIVED") && zh.contains("三次握手"), zh);
        assertEquals("第 " + (i + 1) + " 行 · 套接字", m.explanationTitleProperty().get());
    }

    @Test
    void theSynFloodTableWarnsOfASynFloodAndCountsItsStates() throws Exception {
        NetstatViewModel m = synFloodServer(Tables.run("syn-flood", 3_000_000));
        List<Warning.Code> codes = new ArrayList<>();
        m.warningsProperty().forEach(w -> codes.add(w.code()));
        assertTrue(codes.contains(Warning.Code.SYN_FLOOD), codes.toString());
        assertEquals(129L, m.countsByStateProperty().get("SYN_RECEIVED"));
        assertEquals(1L, m.countsByStateProperty().get("LISTEN"));
        assertEquals("130 sockets: LISTEN 1 · SYN_RECEIVED 129", m.countsTextProperty().get());
        m.langProperty().set(Lang.ZH);
        assertEquals("130 个套接字:LISTEN 1 · SYN_RECEIVED 129", m.countsTextProperty().get());
        assertTrue(m.warningsProperty().get(0).message().contains("SYN 洪水攻击"), "the warning is re-explained in Chinese");
    }

    @Test
    void theAttackerHasNoSocketsAndNoWarnings() throws Exception {
        NetstatViewModel m = new NetstatViewModel();
        Tables.feed(m, Tables.run("syn-flood", 3_000_000));
        assertEquals("attacker", m.selectedHostProperty().get(), "the first host is selected by default");
        assertTrue(m.warningsProperty().isEmpty());
        assertEquals("No sockets.", m.countsTextProperty().get());
        assertFalse(m.linesProperty().isEmpty(), "the tool still prints its headers");
    }

    @Test
    void switchingTheDialectChangesTheLinesAndTheChoiceIsKeptForEveryHost() throws Exception {
        Simulation sim = Tables.run("syn-flood", 3_000_000);
        NetstatViewModel m = synFloodServer(sim);
        List<String> linux = List.copyOf(m.linesProperty());
        m.selectDialect(Dialect.SS);
        assertNotEquals(linux, m.linesProperty());
        assertEquals(Tables.displayLines(HostTable.emit(sim.host("server"), Dialect.SS)), m.linesProperty());
        m.selectHost("attacker");
        assertEquals(Dialect.SS, m.selectedDialectProperty().get(), "the user's pick applies to every host");
        m.useNativeDialect();
        assertEquals(Dialect.LINUX, m.selectedDialectProperty().get());
    }

    @Test
    void aWindowsHostIsShownInWindowsFormatUntilTheUserPicks() {
        LinkedHashMap<String, List<SocketRow>> t = new LinkedHashMap<>();
        t.put("pc", List.of(SocketRow.tcp("0.0.0.0", 135, "0.0.0.0", 0, tcplab.tcp.TcpState.LISTEN)));
        t.put("box", List.of());
        NetstatViewModel m = new NetstatViewModel();
        m.setTables(t, Map.of("pc", Dialect.WINDOWS, "box", Dialect.LINUX));
        assertEquals(Dialect.WINDOWS, m.selectedDialectProperty().get());
        assertTrue(m.linesProperty().contains("Active Connections"));
        m.selectHost("box");
        assertEquals(Dialect.LINUX, m.selectedDialectProperty().get(), "each host in its own format");
    }

    @Test
    void hostDialectAndLineAreKeptAcrossSimulationSteps() throws Exception {
        Simulation sim = Tables.run("syn-flood", 2_000_000);
        NetstatViewModel m = synFloodServer(sim);
        m.selectDialect(Dialect.WINDOWS_PID);
        int listen = Tables.indexOf(m.linesProperty(), "LISTENING");
        m.selectLine(listen);
        String text = m.linesProperty().get(listen);
        sim.runUntil(3_000_000);
        Tables.feed(m, sim);
        assertEquals("server", m.selectedHostProperty().get());
        assertEquals(Dialect.WINDOWS_PID, m.selectedDialectProperty().get());
        assertEquals(text, m.linesProperty().get(m.selectedLineIndexProperty().get()));
        assertTrue(m.explanationProperty().get().contains("LISTEN"), m.explanationProperty().get());
    }

    @Test
    void aSelectedConnectionIsFollowedWhenItsStateChanges() throws Exception {
        Simulation sim = Tables.run("handshake", 60_000);
        NetstatViewModel m = new NetstatViewModel();
        Tables.feed(m, sim);
        m.selectHost("client");
        int synSent = Tables.indexOf(m.linesProperty(), "SYN_SENT");
        assertTrue(synSent > 0, m.linesProperty().toString());
        m.selectLine(synSent);
        assertTrue(m.explanationProperty().get().contains("SYN_SENT"));
        sim.runUntil(400_000);
        Tables.feed(m, sim);
        int now = m.selectedLineIndexProperty().get();
        assertTrue(now >= 0, "still selected");
        assertTrue(m.linesProperty().get(now).contains("ESTABLISHED"), m.linesProperty().get(now));
        assertTrue(m.explanationProperty().get().contains("ESTABLISHED"), m.explanationProperty().get());
    }

    @Test
    void aLineThatIsGoneLeavesNothingSelected() throws Exception {
        NetstatViewModel m = new NetstatViewModel();
        m.setTables(table(SocketRow.tcp("10.0.0.1", 40000, "10.0.0.2", 80, tcplab.tcp.TcpState.TIME_WAIT)), Map.of());
        m.selectDialect(Dialect.LINUX);
        int i = Tables.indexOf(m.linesProperty(), "TIME_WAIT");
        m.selectLine(i);
        m.setTables(table(), Map.of());
        assertEquals(-1, m.selectedLineIndexProperty().get());
        assertEquals("Click a line to see what it means.", m.explanationProperty().get());
    }

    @Test
    void aHeaderLineExplainsItsColumns() throws Exception {
        NetstatViewModel m = synFloodServer(Tables.run("syn-flood", 3_000_000));
        m.selectDialect(Dialect.WINDOWS_ZH);
        int header = Tables.indexOf(m.linesProperty(), "本地地址");
        m.selectLine(header);
        String en = m.explanationProperty().get();
        assertTrue(en.startsWith("The column headings"), en);
        assertTrue(en.contains("Local Address") && en.contains("PID"), en);
        m.selectLine(Tables.indexOf(m.linesProperty(), "活动连接"));
        assertTrue(m.explanationProperty().get().startsWith("The title"), m.explanationProperty().get());
        m.selectLine(0);
        assertTrue(m.explanationProperty().get().startsWith("An empty line"), m.explanationProperty().get());
        m.langProperty().set(Lang.ZH);
        assertTrue(m.explanationProperty().get().startsWith("空行"), m.explanationProperty().get());
    }

    @Test
    void dialectChoicesHaveHumanLabelsInBothLanguages() {
        NetstatViewModel m = new NetstatViewModel();
        assertEquals(Dialect.emittableValues(), m.dialectsProperty());
        assertEquals("Windows (netstat -an)", m.dialectLabel(Dialect.WINDOWS).get());
        assertEquals("Windows in Chinese (netstat -ano)", m.dialectLabel(Dialect.WINDOWS_ZH).get());
        var label = m.dialectLabel(Dialect.WINDOWS_PID);
        m.langProperty().set(Lang.ZH);
        assertEquals("Windows 含 PID (netstat -ano)", label.get(), "the same label property, relabelled");
        assertEquals(Dialect.emittableValues(), m.dialectsProperty(), "the list itself is kept");
        assertEquals("主机", m.text("netstat.host").get());
        m.langProperty().set(Lang.EN);
        assertEquals("Host", m.text("netstat.host").get());
    }

    @Test
    void beforeAnyTableTheModelSaysSo() {
        NetstatViewModel m = new NetstatViewModel();
        assertTrue(m.linesProperty().isEmpty());
        assertEquals("No simulation yet: pick a scenario and press play.", m.explanationProperty().get());
        m.setTables(null, null);
        assertTrue(m.linesProperty().isEmpty());
    }

    private static LinkedHashMap<String, List<SocketRow>> table(SocketRow... rows) {
        LinkedHashMap<String, List<SocketRow>> t = new LinkedHashMap<>();
        t.put("h", List.of(rows));
        return t;
    }
}
