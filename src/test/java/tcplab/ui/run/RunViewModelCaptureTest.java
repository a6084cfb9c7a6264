package tcplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tcplab.capture.CaptureAnalysis;
import tcplab.capture.CaptureRun;
import tcplab.capture.Connection;
import tcplab.i18n.Lang;
import tcplab.tcp.TcpState;

/** A capture opened in the window's run, without JavaFX: the real fixtures made with tcpdump. */
class RunViewModelCaptureTest {
    static final String DIR = "/tcplab/capture/fixtures/";

    static byte[] bytes(String file) throws Exception {
        try (InputStream in = RunViewModelCaptureTest.class.getResourceAsStream(DIR + file)) {
            assertNotNull(in, file);
            return in.readAllBytes();
        }
    }

    static CaptureAnalysis read(byte[] b) {
        return CaptureAnalysis.read(new ByteArrayInputStream(b));
    }

    /** Two pcap files of one link type made one: the second's records after the first's (its 24-byte header dropped). */
    static byte[] joined(String first, String second) throws Exception {
        byte[] a = bytes(first);
        byte[] b = bytes(second);
        assertTrue(Arrays.equals(Arrays.copyOf(a, 24), Arrays.copyOf(b, 24)), "same pcap header");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(a);
        out.write(b, 24, b.length - 24);
        return out.toByteArray();
    }

    static TcpState shown(TcpState s) {
        return s == null ? TcpState.CLOSED : s;
    }

    @Nested
    class SteppingThroughARealCapture {
        @ParameterizedTest
        @ValueSource(strings = {"simultaneous-close-b.pcapng", "data-a.pcap", "refused-a.pcap", "lost-synack-b.pcapng", "reset-a.pcap"})
        void lightsBothEndsInferredStatesAtEveryStepForwardAndBack(String file) throws Exception {
            RunViewModel vm = new RunViewModel();
            vm.langProperty().set(Lang.EN);
            assertTrue(vm.showCapture(read(bytes(file)), file), vm.errorProperty().get());
            CaptureRun run = vm.captureRunProperty().get();
            assertSame(run.timeline(), vm.timeline());
            int steps = vm.timeline().steps();
            for (int k = 1; k <= steps; k++) {
                vm.stepForward();
                assertEquals(k, vm.step());
                assertEquals(run.stateAfter(0, k), shown(vm.stateAProperty().get()), file + " client after step " + k);
                assertEquals(run.stateAfter(1, k), shown(vm.stateBProperty().get()), file + " server after step " + k);
            }
            for (int k = steps - 1; k >= 0; k--) {
                vm.stepBack();
                assertEquals(run.stateAfter(0, k), shown(vm.stateAProperty().get()), file + " client back at step " + k);
                assertEquals(run.stateAfter(1, k), shown(vm.stateBProperty().get()), file + " server back at step " + k);
            }
            assertNull(vm.simulationProperty().get(), "a capture has no simulation behind it");
        }

        @Test
        void aSimultaneousCloseEndsWithBothInTimeWaitBeforeTheTimersAndSaysWhyTheTimersAreInferred() throws Exception {
            RunViewModel vm = new RunViewModel();
            vm.langProperty().set(Lang.EN);
            vm.showCapture(read(bytes("simultaneous-close-b.pcapng")), "simultaneous-close-b.pcapng");
            vm.seekUs(vm.timeline().endUs() - 1_000_000);
            assertEquals(TcpState.TIME_WAIT, vm.stateAProperty().get());
            assertEquals(TcpState.TIME_WAIT, vm.stateBProperty().get());
            vm.seekStep(vm.timeline().steps());
            String why = vm.eventsOfCurrentStep().stream().map(vm::inferredReason).filter(r -> r != null).findFirst().orElse(null);
            assertNotNull(why);
            assertTrue(why.contains("2MSL"), why);
            vm.langProperty().set(Lang.ZH);
            assertTrue(vm.eventsOfCurrentStep().stream().map(vm::inferredReason).anyMatch(r -> r != null && r.contains("定时器")));
        }

        @Test
        void aCaptureIsNotRunAgainWithOtherSettingsNorWithASegmentDropped() throws Exception {
            RunViewModel vm = new RunViewModel();
            vm.showCapture(read(bytes("data-a.pcap")), "data-a.pcap");
            var tl = vm.timeline();
            vm.seekStep(1);
            assertFalse(vm.rerun());
            assertFalse(vm.dropInFlight(1));
            assertSame(tl, vm.timeline());
        }
    }

    @Nested
    class ThePicker {
        @Test
        void listsEveryConnectionOfTheCaptureAndShowsTheOnePicked() throws Exception {
            RunViewModel vm = new RunViewModel();
            vm.langProperty().set(Lang.EN);
            assertTrue(vm.showCapture(read(joined("data-a.pcap", "handshake-close-a.pcap")), "two.pcap"));
            assertEquals(2, vm.captureConnections().size());
            Connection first = vm.captureConnections().get(0);
            Connection second = vm.captureConnections().get(1);
            assertSame(first, vm.captureRunProperty().get().connection(), "opens on the first with a handshake");
            assertTrue(vm.pickConnection(second));
            assertSame(second, vm.captureRunProperty().get().connection());
            assertEquals(second.packets().size(), vm.timeline().flights().size());
            assertEquals(0, vm.step(), "a picked connection starts at its beginning");
            String label = vm.connectionLabel(second);
            assertTrue(label.startsWith("#2"), label);
            assertTrue(label.contains(second.endText(0)) && label.contains(second.endText(1)), label);
            assertTrue(label.contains(second.packets().size() + " packets"), label);
        }

        @Test
        void opensOnTheFirstConnectionWithAHandshakeRatherThanOneCaughtHalfWay() throws Exception {
            // a connection whose handshake the capture missed (its SYN-less tail), then a whole one
            Connection whole = read(bytes("handshake-close-a.pcap")).connections().get(0);
            Connection tail = read(bytes("data-a.pcap")).connections().get(0);
            assertTrue(whole.packets().stream().anyMatch(p -> p.tcp().has(tcplab.capture.TcpPacket.SYN)));
            assertSame(whole, RunViewModel.defaultConnection(java.util.List.of(whole)));
            assertSame(tail, RunViewModel.defaultConnection(java.util.List.of(tail, whole)), "both have handshakes: the first");
            assertNull(RunViewModel.defaultConnection(java.util.List.of()));
        }

        @Test
        void anIpv6CaptureIsShownWithItsRealAddressesInTheLegendAndTheEventList() throws Exception {
            RunViewModel vm = new RunViewModel();
            vm.langProperty().set(Lang.EN);
            assertTrue(vm.showCapture(read(bytes("curl-loopback-v6.pcap")), "v6.pcap"));
            vm.seekStep(vm.timeline().steps());
            vm.seekStep(3);
            assertEquals(TcpState.ESTABLISHED, vm.stateAProperty().get());
            assertTrue(vm.sideName(true).contains("[::1]:8080"), vm.sideName(true));
            var rows = EventRow.of(vm.timeline(), Lang.EN, false, vm::endpointText, vm::inferredReason);
            assertTrue(rows.stream().anyMatch(r -> r.text().contains("[::1]:8080")), "the SYN's destination");
            assertTrue(rows.stream().noneMatch(r -> r.text().contains("240.0.0")), "never the stand-in");
        }

        @Test
        void theEventListMarksEachInferredTransitionWithItsReasonInBothLanguages() throws Exception {
            for (Lang l : Lang.values()) {
                RunViewModel vm = new RunViewModel();
                vm.langProperty().set(l);
                assertTrue(vm.showCapture(read(bytes("curl-loopback-v4.pcap")), "curl.pcap"));
                var rows = EventRow.of(vm.timeline(), l, false, vm::endpointText, vm::inferredReason);
                String listen = rows.stream().filter(r -> r.kind() == EventRow.Kind.STATE && r.text().contains("LISTEN"))
                        .findFirst().orElseThrow().text();
                String why = tcplab.i18n.Texts.of(tcplab.capture.CaptureProblem.BUNDLE, l).get("why.listenerAnswered");
                assertTrue(listen.contains(why), listen);
                String established = rows.stream().filter(r -> r.kind() == EventRow.Kind.STATE && r.text().startsWith("SYN_SENT"))
                        .findFirst().orElseThrow().text();
                assertFalse(established.contains(why), "a packet shows it: " + established);
            }
        }

        @Test
        void aFileThatIsNoCaptureIsRefusedWithWhereAndWhy() {
            RunViewModel vm = new RunViewModel();
            vm.langProperty().set(Lang.EN);
            assertFalse(vm.showCapture(read("hello, not a capture\n".getBytes()), "notes.txt"));
            assertTrue(vm.errorProperty().get().startsWith("notes.txt: "), vm.errorProperty().get());
            assertNull(vm.timeline());
        }

        @Test
        void aScenarioLoadedAfterACaptureEmptiesThePicker() throws Exception {
            RunViewModel vm = new RunViewModel();
            vm.showCapture(read(joined("data-a.pcap", "handshake-close-a.pcap")), "two.pcap");
            assertTrue(vm.load("handshake"));
            assertTrue(vm.captureConnections().isEmpty());
            assertNull(vm.captureRunProperty().get());
            assertNotNull(vm.simulationProperty().get());
        }
    }

    @Nested
    class SavingAsACapture {
        @ParameterizedTest
        @ValueSource(strings = {"run.pcap", "run.pcapng"})
        void writesEverySegmentOfTheRunOnceWithItsHeaderAndTimeInTheFormatTheNameAsks(String name,
                @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
            RunViewModel vm = new RunViewModel();
            assertTrue(vm.load("handshake"));
            java.nio.file.Path f = dir.resolve(name);
            int written = vm.saveCapture(f);
            assertEquals(vm.timeline().flights().size(), written);
            CaptureAnalysis a = read(java.nio.file.Files.readAllBytes(f));
            assertNull(a.problem());
            assertEquals(name.endsWith("ng") ? tcplab.capture.CaptureReader.Format.PCAPNG : tcplab.capture.CaptureReader.Format.PCAP, a.format());
            java.util.List<tcplab.capture.Connection.Packet> packets = a.connections().get(0).packets();
            assertEquals(written, packets.size());
            for (int i = 0; i < written; i++) {
                var seg = vm.timeline().flights().get(i).send().segment();
                assertEquals(Integer.toUnsignedLong(seg.seq()), packets.get(i).tcp().seq());
                assertEquals(seg.flags(), packets.get(i).tcp().flags() & 0x1F);
                assertEquals(vm.timeline().flights().get(i).startUs(), packets.get(i).tcp().timeNanos() / 1000);
            }
        }

        @Test
        void aCaptureOpenedAndSavedAgainHasTheSamePackets(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
            RunViewModel vm = new RunViewModel();
            CaptureAnalysis original = read(bytes("data-a.pcap"));
            vm.showCapture(original, "data-a.pcap");
            java.nio.file.Path f = dir.resolve("again.pcap");
            vm.saveCapture(f);
            var again = read(java.nio.file.Files.readAllBytes(f)).connections().get(0);
            var first = original.connections().get(0);
            assertEquals(first.packets().size(), again.packets().size());
            for (int i = 0; i < again.packets().size(); i++) {
                assertEquals(first.packets().get(i).tcp().seq(), again.packets().get(i).tcp().seq());
                assertEquals(first.packets().get(i).tcp().flags(), again.packets().get(i).tcp().flags());
            }
            assertEquals(first.zeekState(), again.zeekState());
            assertEquals(first.history(), again.history());
        }
    }
}
