package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;
import tcplab.tcp.TcpState;

/**
 * PowerShell's {@code Get-NetTCPConnection | Format-List}: one object per block of
 * {@code Name : Value} lines (a public sample, {@code public/powershell-get-nettcpconnection-format-list.txt}).
 * The LocalAddress line is the row, made of the object's properties; every other line is a
 * detail record attached to it; an object that lacks a property the row needs says which.
 */
class PowerShellListTest {

    @Test
    void theSampleObjectIsOneListeningRowWithItsPid() throws IOException {
        List<ParsedLine> lines = DialectShapesTest.fixture("public/powershell-get-nettcpconnection-format-list.txt");
        assertEquals(33, lines.size());
        List<ParsedLine.Socket> rows = DialectShapesTest.sockets(lines);
        assertEquals(1, rows.size());
        ParsedLine.Socket row = rows.get(0);
        assertEquals(25, row.line(), "the LocalAddress line");
        assertEquals(Dialect.POWERSHELL_LIST, row.dialect());
        assertEquals(TcpState.LISTEN, row.row().state());
        assertEquals("127.0.0.1", row.row().local().address());
        assertEquals(8080, row.row().local().port());
        assertEquals(0, row.row().foreign().port());
        assertEquals(4816, row.row().pid());
        for (ParsedLine l : lines) {
            if (l.line() != 25) {
                ParsedLine.Detail d = assertInstanceOf(ParsedLine.Detail.class, l);
                assertEquals(25, d.attachesTo());
            }
        }
    }

    @Test
    void twoObjectsSeparatedByABlankLineAreTwoRows() {
        String text = "LocalAddress   : 192.168.1.18\nLocalPort      : 60112\nRemoteAddress  : 20.189.173.26\n"
                + "RemotePort     : 443\nState          : Established\nAppliedSetting : Internet\nOwningProcess  : 21616\n\n"
                + "LocalAddress   : 0.0.0.0\nLocalPort      : 5847\nRemoteAddress  : 0.0.0.0\nRemotePort     : 0\n"
                + "State          : Bound\nAppliedSetting : \nOwningProcess  : 21616\n";
        List<ParsedLine> lines = NetstatParser.parseAll(text);
        assertEquals(15, lines.size());
        List<ParsedLine.Socket> rows = DialectShapesTest.sockets(lines);
        assertEquals(2, rows.size());
        assertEquals(TcpState.ESTABLISHED, rows.get(0).row().state());
        assertEquals(443, rows.get(0).row().foreign().port());
        assertEquals(TcpState.CLOSED, rows.get(1).row().state(), "Bound");
        assertEquals(9, rows.get(1).line());
        assertInstanceOf(ParsedLine.Blank.class, lines.get(7));
    }

    @Test
    void anObjectWithoutItsStateIsUnrecognisedAndSaysWhatIsMissing() {
        List<ParsedLine> lines = NetstatParser.parseAll("LocalAddress : 127.0.0.1\nLocalPort : 8080\n"
                + "RemoteAddress : 0.0.0.0\nRemotePort : 0\n");
        assertEquals(4, lines.size());
        for (ParsedLine l : lines) {
            ParsedLine.Unrecognised u = assertInstanceOf(ParsedLine.Unrecognised.class, l);
            assertEquals(ParsedLine.Why.LIST_FIELD, u.why());
            assertEquals("State", u.detail());
        }
        Explainer en = new Explainer(Lang.EN);
        assertTrue(en.reason((ParsedLine.Unrecognised) lines.get(0)).contains("does not give LocalAddress, LocalPort"));
    }

    @Test
    void everyPropertyLineIsExplainedInBothLanguages() throws IOException {
        List<ParsedLine> lines = DialectShapesTest.fixture("public/powershell-get-nettcpconnection-format-list.txt");
        Explainer en = new Explainer(Lang.EN);
        Explainer zh = new Explainer(Lang.ZH);
        String ownerEn = en.explain(lines.get(26));
        assertTrue(ownerEn.contains("Property OwningProcess of the connection on line 25")
                && ownerEn.contains("PID of the process that owns the connection"), ownerEn);
        String ownerZh = zh.explain(lines.get(26));
        assertTrue(ownerZh.contains("这是第 25 行那个连接的属性 OwningProcess") && ownerZh.contains("进程的 PID"), ownerZh);
        String offload = en.explain(lines.get(28));
        assertTrue(offload.contains("InHost: Windows' own TCP stack handles this connection"), offload);
        String caption = zh.explain(lines.get(0));
        assertTrue(caption.contains("为空"), caption);
    }

    @Test
    void aLongObjectIsReadInBoundedPieces() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            sb.append("Caption : \n");
        }
        List<ParsedLine> lines = NetstatParser.parseAll(sb.toString());
        assertEquals(10_000, lines.size(), "one record per line, none lost");
        assertTrue(lines.stream().allMatch(l -> l instanceof ParsedLine.Unrecognised));
    }
}
