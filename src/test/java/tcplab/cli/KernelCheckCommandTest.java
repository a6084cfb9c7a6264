package tcplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tcplab.kernel.KernelRunner;
import tcplab.sim.ScenarioLoader;

/** {@code tcplab kernel-check}: the scenario on this machine's kernel beside the model. */
class KernelCheckCommandTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aSegmentIsShownWithAnArrowToItsReceiverAndALossInTheReadersLanguage() {
        tcplab.i18n.Texts zh = tcplab.kernel.KernelCheck.texts(tcplab.i18n.Lang.ZH);
        tcplab.i18n.Texts en = tcplab.kernel.KernelCheck.texts(tcplab.i18n.Lang.EN);
        assertEquals("101.7 SYN,ACK 0/1 len=0 → client",
                KernelCheckCommand.shown(new tcplab.kernel.Observation.Step(101.7, "SYN,ACK 0/1 len=0 to client deliver"), zh));
        assertEquals("0.0 SYN 0/0 len=0 → server (丢失)",
                KernelCheckCommand.shown(new tcplab.kernel.Observation.Step(0, "SYN 0/0 len=0 to server drop"), zh));
        assertEquals("0.0 SYN 0/0 len=0 → server (lost)",
                KernelCheckCommand.shown(new tcplab.kernel.Observation.Step(0, "SYN 0/0 len=0 to server drop"), en));
        assertEquals("202.3 connect OK", KernelCheckCommand.shown(new tcplab.kernel.Observation.Step(202.3, "connect OK"), en));
    }

    @Test
    void hasHelpInBothLanguages() {
        Run en = run("kernel-check", "--help", "--lang", "en");
        assertEquals(0, en.exit());
        assertTrue(en.out().contains("this machine's Linux kernel"), en.out());
        Run zh = run("kernel-check", "--help", "--lang", "zh");
        assertTrue(zh.out().contains("在这台机器的 Linux 内核上"), zh.out());
    }

    @Test
    void aWindowsScenarioOrAMissingPrivilegeIsOneLineWithExitCodeTwo() {
        // As root the XP hosts are refused; without root, root is asked for first. Either way one line.
        Run r = run("kernel-check", "--scenario", "worm-scan", "--lang", "en");
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("windows-xp profile") || r.err().contains("The kernel check needs"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aBadUntilOrProfileIsAUsageErrorInTheChosenLanguage() {
        Run r = run("kernel-check", "--scenario", "handshake", "--until", "500000", "--lang", "zh");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--until 必须大于 0"), r.err());
        Run p = run("kernel-check", "--scenario", "handshake", "--profile", "bsd", "--lang", "en");
        assertEquals(2, p.exit());
        assertTrue(p.err().contains("Unknown profile bsd"), p.err());
    }

    @Test
    void withoutAnUntilTheRunLastsFiveSecondsAfterTheLastAction() throws Exception {
        assertEquals(5000, KernelCheckCommand.defaultUntil(ScenarioLoader.builtin("handshake")));
        // syn-flood: 300 SYNs 10 ms apart from 100 ms, then 5 s.
        assertEquals(8100, KernelCheckCommand.defaultUntil(ScenarioLoader.builtin("syn-flood")));
    }

    @Test
    void theHandshakeOnThisKernelMatchesTheModelSideBySideInBothLanguages() {
        String why = KernelRunner.unavailableReason();
        Assumptions.assumeTrue(why == null, "kernel check skipped: " + why);
        Run en = run("kernel-check", "--scenario", "handshake", "--until", "1000", "--lang", "en");
        assertEquals(0, en.exit(), en.out() + en.err());
        assertTrue(en.out().contains("the kernel") && en.out().contains("the model"), en.out());
        assertTrue(en.out().lines().anyMatch(l -> l.matches("  \\d+\\.\\d SYN 0/0 len=0 → server +0\\.0 SYN 0/0 len=0 → server")),
                en.out());
        assertTrue(en.out().contains("The model does what this kernel did: 6 aspects compared"), en.out());
        Run zh = run("kernel-check", "--scenario", "handshake", "--until", "1000", "--lang", "zh");
        assertEquals(0, zh.exit(), zh.out() + zh.err());
        assertTrue(zh.out().contains("模型与这台机器的内核行为一致"), zh.out());
    }
}
