package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;

/**
 * {@code ss -e} prints on the row itself the owner's uid (only for a user other than root), the
 * inode, the socket's cookie ({@code sk:}) and which directions are shut down ({@code <->}):
 * read into the row's detail record, written to jsonl and explained in both languages (the
 * capture {@code debian12-netns/ss-tane.txt}).
 */
class SsRowDetailsTest {

    static ParsedLine.Socket rowOnLine(List<ParsedLine> lines, int n) {
        return (ParsedLine.Socket) lines.get(n - 1);
    }

    @Test
    void everyRowOfTheCaptureCarriesItsInodeCookieAndShutdownState() throws IOException {
        List<ParsedLine> lines = DialectShapesTest.fixture("debian12-netns/ss-tane.txt");
        for (ParsedLine.Socket s : DialectShapesTest.sockets(lines)) {
            SocketDetails d = s.raw().details();
            assertTrue(d != null && d.inode() != null && d.cookie() != null, s.toString());
            assertNull(d.uid(), "ss -e leaves out uid 0 (the capture ran as root)");
        }
        SocketDetails finWait2 = rowOnLine(lines, 8).raw().details();
        assertEquals(603604L, finWait2.inode());
        assertEquals("10", finWait2.cookie());
        assertEquals("<--", finWait2.shutdown());
        assertEquals("-->", rowOnLine(lines, 18).raw().details().shutdown());
        assertEquals("---", rowOnLine(lines, 9).raw().details().shutdown());
    }

    @Test
    void aUidIsReadWhenSsPrintsOne() {
        ParsedLine.Socket s = (ParsedLine.Socket) NetstatParser.parseAll(
                "ESTAB 0 0 10.0.0.5:22 10.0.0.9:51000 uid:1000 ino:4242 sk:1f <->").get(0);
        SocketDetails d = s.raw().details();
        assertEquals(1000L, d.uid());
        assertEquals(4242L, d.inode());
        assertEquals("<->", d.shutdown());
    }

    @Test
    void theDetailsAreExplainedInBothLanguages() {
        String row = "CLOSE-WAIT 1 0 127.0.0.1:52268 127.0.0.1:8080 uid:1000 ino:603592 sk:1a <-- \n";
        String en = new Explainer(Lang.EN).explain(NetstatParser.parseAll(row).get(0));
        assertTrue(en.contains("Owner: user id 1000; the socket's inode is 603592"), en);
        assertTrue(en.contains("sk:1a is the kernel's cookie for this socket"), en);
        assertTrue(en.contains("<--: sending is shut down"), en);
        String zh = new Explainer(Lang.ZH).explain(NetstatParser.parseAll(row).get(0));
        assertTrue(zh.contains("所有者:用户 ID 1000;套接字的 inode 是 603592"), zh);
        assertTrue(zh.contains("sk:1a 是内核给这个套接字的 cookie"), zh);
        assertTrue(zh.contains("<--:发送方向已关闭"), zh);
    }

    @Test
    void aRootOwnerAndAnInodeOfZeroAreSaidAsSuch() {
        String en = new Explainer(Lang.EN).explain(NetstatParser.parseAll(
                "ESTAB 0 0 127.0.0.1:9000 127.0.0.1:57220 ino:603602 sk:13 <->").get(0));
        assertTrue(en.contains("user id 0, root (ss -e prints uid: only for other users)"), en);
        String tw = new Explainer(Lang.EN).explain(NetstatParser.parseAll(
                "TIME-WAIT 0 0 127.0.0.1:52274 127.0.0.1:8080 timer:(timewait,57sec,0) ino:0 sk:1b").get(0));
        assertTrue(tw.contains("Inode 0: no open file holds this socket"), tw);
        assertTrue(!tw.contains("user id"), tw);
    }

    @Test
    void jsonlCarriesTheDetailsAsFieldsOfTheRow() throws IOException {
        StringWriter sw = new StringWriter();
        Explainer ex = new Explainer(Lang.EN);
        try (JsonlWriter w = new JsonlWriter(sw)) {
            for (ParsedLine l : NetstatParser.parseAll("ESTAB 0 0 10.0.0.5:22 10.0.0.9:51000 uid:1000 ino:4242 sk:1f <->\n")) {
                w.write(l, ex);
            }
        }
        String json = sw.toString();
        assertTrue(json.contains("\"uid\":1000") && json.contains("\"inode\":4242") && json.contains("\"sk_cookie\":\"1f\"")
                && json.contains("\"shutdown\":\"<->\""), json);
    }
}
