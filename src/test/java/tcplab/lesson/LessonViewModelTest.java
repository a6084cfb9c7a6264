package tcplab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcplab.i18n.Lang;
import tcplab.quiz.Attempt;
import tcplab.quiz.ResultsStore;

/** The lesson's state behind the Lessons tab, the presenter view and the terminal runner; no JavaFX. */
class LessonViewModelTest {
    private static LessonRun handshake;
    private static LessonRun netstatReading;

    @BeforeAll
    static void runLessons() throws Exception {
        handshake = LessonRun.of(LessonLoader.load(Path.of("lessons/handshake.yaml")));
        netstatReading = LessonRun.of(LessonLoader.load(Path.of("lessons/netstat-reading.yaml")));
    }

    private static LessonViewModel at(LessonRun run, int step, Lang lang) {
        LessonViewModel vm = new LessonViewModel(run, lang);
        vm.goTo(step);
        return vm;
    }

    @Nested
    class AStepWithoutACheckpoint {
        @Test
        void showsItsNarrationItsOwnFrameAndItsHighlights() {
            LessonViewModel vm = at(handshake, 0, Lang.EN);
            assertEquals(LessonViewModel.Phase.NARRATION, vm.phase());
            assertSame(handshake.frames().get(0), vm.frame());
            assertTrue(vm.narration().contains("nginx"));
            assertTrue(vm.highlighted());
            assertEquals(3, vm.markedLine(), "the LISTEN line the step points at");
            assertEquals("", vm.question());
            assertEquals("1 / 5", vm.position());
        }

        @Test
        void hasNothingToAnswer() {
            LessonViewModel vm = at(handshake, 0, Lang.EN);
            assertFalse(vm.answer(0));
            assertNull(vm.correct());
            assertEquals(-1, vm.rightIndex());
        }

        @Test
        void canGoOnButNotBackAtTheFirstStep() {
            LessonViewModel vm = at(handshake, 0, Lang.EN);
            assertFalse(vm.canBack());
            assertFalse(vm.back());
            assertTrue(vm.next());
            assertEquals(1, vm.index());
        }
    }

    @Nested
    class ACheckpointBeforeItsAnswer {
        @Test
        void showsTheFrameTheStepStartsFromWithoutNarrationOrHighlights() {
            LessonViewModel vm = at(handshake, 1, Lang.EN);
            assertEquals(LessonViewModel.Phase.QUESTION, vm.phase());
            assertSame(handshake.frames().get(0), vm.frame(), "the frame before the answer, never after");
            assertEquals("", vm.narration());
            assertFalse(vm.highlighted());
            assertEquals(0, vm.markedLine());
            assertTrue(vm.setup().startsWith("The server is listening on port 80"), vm.setup());
            assertEquals("Which state does the client enter when it sends its SYN?", vm.question());
            assertEquals(List.of("LISTEN", "SYN_SENT", "ESTABLISHED"), vm.choiceLabels());
            assertEquals("", vm.feedback());
        }

        @Test
        void aClickersNextRevealsTheAnswerFirst_recordingNothing_thenGoesOn() {
            LessonViewModel vm = at(handshake, 1, Lang.EN);
            List<LessonViewModel.Answered> recorded = new java.util.ArrayList<>();
            vm.setRecorder(recorded::add);
            assertTrue(vm.nextReveals());
            assertTrue(vm.next());
            assertEquals(1, vm.index(), "the same step, its answer shown");
            assertEquals(LessonViewModel.Phase.ANSWERED, vm.phase());
            assertEquals(null, vm.correct());
            assertEquals("The simulation shows “SYN_SENT”.", vm.feedback());
            assertFalse(vm.narration().isEmpty());
            assertTrue(recorded.isEmpty(), "nobody chose: nothing is recorded");
            assertFalse(vm.answer(0), "a revealed question takes no answer");
            assertTrue(vm.next());
            assertEquals(2, vm.index());
        }

        @Test
        void aClickerAloneGoesThroughAWholeLesson() {
            LessonViewModel vm = at(handshake, 0, Lang.ZH);
            int presses = 0;
            while (!vm.atEnd() && presses < 100) {
                assertTrue(vm.next());
                presses++;
            }
            assertTrue(vm.atEnd());
            assertEquals(vm.size() - 1, vm.index());
        }

        @Test
        void aLineQuestionMarksTheLineItAsksAboutInTheTableShown() {
            LessonViewModel vm = at(netstatReading, 1, Lang.EN);
            assertEquals(6, vm.markedLine());
            LessonViewModel.TableLine marked = vm.tableLines().get(5);
            assertTrue(marked.marked() && marked.text().contains(":135"), marked.toString());
            List<LessonViewModel.TableLine> refs = vm.referencedLines();
            assertTrue(refs.get(0).text().contains("Local Address"), "the column header comes with the line: " + refs);
            assertEquals(6, refs.get(refs.size() - 1).number());
        }

        @Test
        void ignoresAnAnswerOutsideTheChoices() {
            LessonViewModel vm = at(handshake, 1, Lang.EN);
            assertFalse(vm.answer(7));
            assertFalse(vm.answer(-1));
            assertEquals(LessonViewModel.Phase.QUESTION, vm.phase());
        }
    }

    @Nested
    class ACheckpointAnswered {
        @Test
        void revealsTheStepAndRepeatsTheWordsChosen() {
            LessonViewModel vm = at(netstatReading, 1, Lang.ZH);
            assertTrue(vm.answer(1)); // "有人正通过 135 端口和本机通信": wrong, it is LISTEN
            assertEquals(LessonViewModel.Phase.ANSWERED, vm.phase());
            assertSame(netstatReading.frames().get(1), vm.frame());
            assertFalse(vm.correct());
            assertEquals("不对。你选的是“有人正通过 135 端口和本机通信”,模拟的结果是“本机的 135 端口敞开着,等待连接”。", vm.feedback());
            assertTrue(vm.narration().startsWith("文章说 0.0.0.0"), vm.narration());
            assertTrue(vm.highlighted());
        }

        @Test
        void aRightAnswerSaysSoInTheCurrentLanguage() {
            LessonViewModel vm = at(handshake, 1, Lang.EN);
            vm.answer(1);
            assertTrue(vm.correct());
            assertEquals("Right: you chose “SYN_SENT”.", vm.feedback());
            vm.setLang(Lang.ZH);
            assertEquals("答对了!你选的是“SYN_SENT”。", vm.feedback());
        }

        @Test
        void backThenNextShowsTheAnswerInsteadOfAskingAgain() {
            LessonViewModel vm = at(handshake, 1, Lang.EN);
            vm.answer(0);
            assertTrue(vm.back());
            assertTrue(vm.next());
            assertEquals(LessonViewModel.Phase.ANSWERED, vm.phase());
            assertEquals(0, vm.chosenIndex());
            assertEquals(1, vm.rightIndex());
            assertTrue(vm.feedback().contains("“LISTEN”"), vm.feedback());
        }

        @Test
        void aStepNeverAnsweredStillAsksWhenReachedByGoingBack() {
            LessonViewModel vm = at(handshake, 2, Lang.EN); // started later (lesson run --step 3)
            vm.answer(1);
            vm.next();
            vm.back();
            vm.back();
            assertEquals(1, vm.index());
            assertEquals(LessonViewModel.Phase.QUESTION, vm.phase(), "its answer would be on screen otherwise");
        }
    }

    @Nested
    class Observing {
        @Test
        void everyCommandThatChangesSomethingTellsTheListeners() {
            LessonViewModel vm = new LessonViewModel(handshake, Lang.EN);
            int[] calls = {0};
            vm.addListener(() -> calls[0]++);
            vm.next();
            vm.answer(1);
            vm.setLang(Lang.ZH);
            vm.back();
            assertEquals(4, calls[0]);
            vm.back(); // at the first step: nothing changes, nobody is told
            vm.setLang(Lang.ZH);
            assertEquals(4, calls[0]);
        }

        @Test
        void goToClampsToTheLesson() {
            LessonViewModel vm = new LessonViewModel(handshake, Lang.EN);
            vm.goTo(99);
            assertEquals(4, vm.index());
            assertTrue(vm.atEnd());
            vm.goTo(-3);
            assertEquals(0, vm.index());
        }
    }

    @Nested
    class Recording {
        @Test
        void eachAnswerIsRecordedOnceWithTheLessonStepAndState() {
            List<LessonViewModel.Answered> got = new ArrayList<>();
            LessonViewModel vm = at(handshake, 1, Lang.EN);
            vm.setRecorder(got::add);
            vm.answer(2);
            vm.answer(1); // already answered: ignored
            assertEquals(1, got.size());
            Attempt a = got.get(0).toAttempt("小明", "2026-12-07T10:00:00Z");
            assertEquals(new Attempt("小明", "2026-12-07T10:00:00Z", "lesson", "lesson:handshake:2", "next_state", "SYN_SENT",
                    "ESTABLISHED", "SYN_SENT", false), a);
        }

        @Test
        void aSegmentQuestionIsAboutNoState() {
            List<LessonViewModel.Answered> got = new ArrayList<>();
            LessonViewModel vm = at(handshake, 2, Lang.EN);
            vm.setRecorder(got::add);
            vm.answer(1);
            Attempt a = got.get(0).toAttempt("ana", "t");
            assertEquals("next_segment", a.type());
            assertEquals("", a.focus());
            assertEquals("SYN,ACK", a.given());
            assertTrue(a.correct());
        }

        @Test
        void lessonAnswersGoIntoTheResultsFileAndTheTeachersCsvBesideQuizAnswers(@TempDir Path dir) throws Exception {
            ResultsStore store = new ResultsStore(dir.resolve("quiz-results.json"));
            store.append(List.of(new Attempt("ana", "2026-12-07T09:00:00Z", "practice", "q1", "next_state", "LISTEN",
                    "LISTEN", "LISTEN", true)));
            LessonViewModel vm = at(handshake, 1, Lang.EN);
            vm.setRecorder(a -> {
                try {
                    store.append(List.of(a.toAttempt("ana", "2026-12-07T10:00:00Z")));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            vm.answer(1);
            Map<String, List<Attempt>> all = new ResultsStore(dir.resolve("quiz-results.json")).load().byLearner();
            assertEquals(2, all.get("ana").size(), "the quiz answer is kept, the lesson answer added");
            String csv = ResultsStore.csv(all);
            assertTrue(csv.contains("\r\nana,2026-12-07T10:00:00Z,lesson,lesson:handshake:2,next_state,SYN_SENT,SYN_SENT,SYN_SENT,1\r\n"), csv);
            assertTrue(Files.readString(dir.resolve("quiz-results.json")).contains("\"format\" : \"tcplab-quiz-results\""));
        }
    }
}
