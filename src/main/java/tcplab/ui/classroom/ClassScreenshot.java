package tcplab.ui.classroom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tcplab.i18n.Lang;
import tcplab.quiz.Difficulty;
import tcplab.quiz.live.Room;

/**
 * A class session at a given moment, for the headless screenshots ({@code --tab class
 * --class-phase lobby|question|reveal|end}): a real session is started and a class of students
 * joins and answers through its {@link Room}, as their phones would through the server.
 */
public final class ClassScreenshot {
    /** The moments a screenshot can show. */
    public static final List<String> PHASES = List.of("lobby", "question", "reveal", "end");

    /** A class as a Chinese school has one, with two names to show that names are text, never markup. */
    static final List<String> NAMES = List.of("王小明", "李华", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄蕾", "周杰",
            "吴敏", "孙悦", "马超", "Alice", "Bob", "Chen Yu", "Dana", "Emma", "Farid", "Grace", "Hiro", "<script>",
            "<img src=x onerror=alert(1)>", "林晓东", "郭佳", "何静怡", "高翔", "罗琳", "郑浩", "梁雪", "谢天", "宋雨");

    private ClassScreenshot() {
    }

    /**
     * Starts {@code view}'s session and brings it to {@code phase}; returns null, or why it could
     * not (a session that does not start says so in its own words). On the FX thread.
     */
    public static String prepare(ClassView view, String phase) {
        ClassViewModel vm = view.viewModel();
        if (!PHASES.contains(phase)) {
            return "--class-phase: " + phase + " (" + String.join(", ", PHASES) + ")";
        }
        vm.start();
        if (vm.session() == null) {
            return vm.statusProperty().get();
        }
        Room room = vm.session().room();
        List<String> tokens = new ArrayList<>();
        try {
            for (int i = 0; i < NAMES.size(); i++) {
                tokens.add(room.join(NAMES.get(i), room.code(), null, i % 3 == 2 ? Lang.EN : Lang.ZH));
            }
            if (!phase.equals("lobby")) {
                vm.topicProperty().set("states");
                vm.difficultyProperty().set(Difficulty.MEDIUM);
                vm.timeLimitSProperty().set(30);
                vm.pushNow();
                int n = room.snapshot().asked();
                int options = Math.max(1, room.snapshot().question().optionCount());
                int right = Math.max(0, room.snapshot().question().answerIndex());
                // 23 of 31 answer, most of them right, the others spread over the wrong options.
                for (int i = 0; i < 23; i++) {
                    int choice = i % 4 == 3 ? (right + 1 + i % (options - 1 == 0 ? 1 : options - 1)) % options : right;
                    room.answer(tokens.get(i), n, Integer.toString(choice));
                }
            }
        } catch (Room.RefusedException e) {
            return e.getMessage().toLowerCase(Locale.ROOT);
        }
        if (phase.equals("reveal") || phase.equals("end")) {
            vm.reveal();
        }
        if (phase.equals("end")) {
            vm.endNow();
        }
        vm.refresh();
        return null;
    }
}
