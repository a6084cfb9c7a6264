package tcplab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tcplab.i18n.Lang;
import tcplab.sim.Scenario;
import tcplab.sim.ScenarioLoader;
import tcplab.sim.TextLadder;

/** {@code tcplab scenarios}: the built-in scenarios with their titles. */
@Command(name = "scenarios", mixinStandardHelpOptions = true)
public final class ScenariosCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LangOption langOption;

    @Override
    public Integer call() {
        Lang lang = langOption.lang();
        PrintWriter out = spec.commandLine().getOut();
        int width = 0;
        for (String name : ScenarioLoader.BUILTIN) {
            width = Math.max(width, name.length());
        }
        for (String name : ScenarioLoader.BUILTIN) {
            Scenario sc = Scenarios.load(name, lang);
            StringBuilder sb = new StringBuilder("  ").append(name);
            while (TextLadder.width(sb) < width + 4) {
                sb.append(' ');
            }
            out.println(sb.append(sc.title(lang)));
        }
        out.println();
        out.println(Cli.texts(lang).get("scenarios.hint"));
        out.flush();
        return 0;
    }
}
