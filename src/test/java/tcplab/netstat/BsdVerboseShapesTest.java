package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;
import tcplab.tcp.TcpState;

/**
 * macOS {@code netstat -anv} (the owner as "pid epid" up to macOS 12, as one "process:pid" column
 * from macOS 13, names cut to 16 characters with their spaces) and FreeBSD {@code netstat -aT}
 * (retransmission counters instead of the queues, no state), each on public samples, row for row.
 */
class BsdVerboseShapesTest {

    static List<ParsedLine.Socket> rows(String file) throws IOException {
        List<ParsedLine> lines = DialectShapesTest.fixture(file);
        for (ParsedLine l : lines) {
            assertTrue(!(l instanceof ParsedLine.Unrecognised), file + ": " + l);
        }
        return DialectShapesTest.sockets(lines);
    }

    @Nested
    class MacOsVerbose {
        @Test
        void theOldPidColumnGivesEachListenerItsProcess() throws IOException {
            List<ParsedLine.Socket> rows = rows("public/macos-netstat-anvp-tcp-listen.txt");
            assertEquals(13, rows.size());
            int[] pids = {33784, 33784, 24811, 1125, 1125, 369, 384, 369, 384, 369, 469, 469, 469};
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(TcpState.LISTEN, rows.get(i).row().state());
                assertEquals(pids[i], rows.get(i).row().pid(), "row " + i);
                assertEquals(Dialect.MACOS, rows.get(i).dialect());
            }
            assertTrue(rows.get(0).row().dualStack(), "tcp46");
            assertEquals(35729, rows.get(0).row().local().port());
        }

        @Test
        void theProcessPidColumnOfMacOs26GivesNameAndPid() throws IOException {
            List<ParsedLine.Socket> rows = rows("public/macos-26-netstat-anv-process-pid.txt");
            String[] names = {"sshd-session", "node", "ARDAgent", "io.tailscale.ipn", "kdc"};
            int[] pids = {4976, 53082, 1039, 1232, 910};
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(names[i], rows.get(i).row().program());
                assertEquals(pids[i], rows.get(i).row().pid());
            }
            ParsedLine.Socket ssh = rows.get(0);
            assertEquals(TcpState.ESTABLISHED, ssh.row().state());
            assertEquals(168L, ssh.row().sendQ());
            assertEquals(22, ssh.row().local().port());
        }

        @Test
        void aNameWithSpacesIsOneOwnerAndIsSaidToBeCutAtSixteenCharacters() throws IOException {
            List<ParsedLine.Socket> rows = rows("public/macos-netstat-anv-names-with-spaces.txt");
            assertEquals("Brave Browser He", rows.get(1).row().program());
            assertEquals(7187, rows.get(1).row().pid());
            assertEquals("Google Chrome He", rows.get(3).row().program());
            assertEquals(TcpState.SYN_SENT, rows.get(3).row().state());
            assertTrue(rows.get(3).raw().localTruncated(), "a 16-character IPv6 address is cut");
            String en = new Explainer(Lang.EN).explain(rows.get(1));
            assertTrue(en.contains("Owner: Brave Browser He (macOS prints at most 16 characters of a name here, so it may be cut short), PID 7187."), en);
            String zh = new Explainer(Lang.ZH).explain(rows.get(1));
            assertTrue(zh.contains("Brave Browser He(macOS 在这里最多只显示名字的 16 个字符"), zh);
            String shortName = new Explainer(Lang.EN).explain(rows.get(0));
            assertTrue(shortName.contains("Owner: secure-agentd, PID 31607."), shortName);
        }

        @Test
        void aVerboseRowWhoseOwnerIsNotThereIsNotReadAsOne() {
            List<ParsedLine> lines = NetstatParser.parseAll("Active Internet connections (including servers)\n"
                    + "Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)     rhiwat shiwat    pid   epid  state    options\n"
                    + "tcp4       0      0  127.0.0.1.8000         *.*                    LISTEN      131072 131072  wrong  0 0x0000 0x00000006\n");
            assertTrue(lines.get(2) instanceof ParsedLine.Unrecognised, lines.get(2).toString());
        }
    }

    @Nested
    class FreeBsdT {
        @Test
        void tcpRowsCarryTheirCountersAndNoState() throws IOException {
            for (String f : List.of("jc-more/freebsd12_netstat-aT.out", "jc-more/freebsd12_netstat-AaT.out")) {
                List<ParsedLine.Socket> rows = rows(f);
                assertEquals(6, rows.size(), f);
                ParsedLine.Socket ssh = rows.get(0);
                assertEquals(Proto.TCP, ssh.row().proto());
                assertNull(ssh.row().state(), "-T prints no state");
                assertEquals(Dialect.BSD, ssh.dialect());
                assertEquals(22, ssh.row().local().port());
                assertEquals(64330, ssh.row().foreign().port());
                assertEquals(3L, ssh.raw().details().retransmits());
                assertEquals(0L, ssh.raw().details().zeroWindow());
                assertEquals(Proto.UDP, rows.get(4).row().proto());
                assertEquals(514, rows.get(4).row().local().port());
                assertNull(rows.get(4).raw().details());
            }
        }

        @Test
        void theCountersAndTheMissingStateAreExplainedInBothLanguages() throws IOException {
            ParsedLine.Socket ssh = rows("jc-more/freebsd12_netstat-aT.out").get(0);
            String en = new Explainer(Lang.EN).explain(ssh);
            assertTrue(en.contains("State not shown: this output has no state column"), en);
            assertTrue(en.contains("segments sent again (retransmitted): 3;"), en);
            String zh = new Explainer(Lang.ZH).explain(ssh);
            assertTrue(zh.contains("没有显示状态") && zh.contains("重传了 3 个报文段"), zh);
        }
    }
}
