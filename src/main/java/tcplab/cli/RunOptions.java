package tcplab.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import tcplab.i18n.Lang;
import tcplab.sim.ScenarioRunner;

/**
 * The options that change how a scenario runs ({@code --seed --profile --delay-ms --loss --set}),
 * shared by every command that runs one, with their usage errors.
 */
public final class RunOptions {
    @Option(names = "--seed", paramLabel = "N", descriptionKey = "tcplab.simulate.seed")
    Long seed;

    @Option(names = "--profile", paramLabel = "P", descriptionKey = "tcplab.simulate.profile")
    String profile;

    @Option(names = "--delay-ms", paramLabel = "D", descriptionKey = "tcplab.simulate.delay")
    Double delayMs;

    @Option(names = "--loss", paramLabel = "P", descriptionKey = "tcplab.simulate.loss")
    String loss;

    @Option(names = "--set", paramLabel = "NAME=VALUE", descriptionKey = "tcplab.simulate.set", mapFallbackValue = "")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The overrides these options give; a value that does not fit is a usage error in {@code lang}. */
    ScenarioRunner.Overrides overrides(Lang lang) {
        Double lossValue = null;
        if (loss != null) {
            String l = loss.trim();
            try {
                lossValue = l.endsWith("%") ? Double.parseDouble(l.substring(0, l.length() - 1)) / 100 : Double.parseDouble(l);
            } catch (NumberFormatException e) {
                lossValue = Double.NaN;
            }
            if (!(lossValue >= 0 && lossValue <= 1)) {
                throw UserException.usage(Cli.texts(lang).get("error.badLoss", loss));
            }
        }
        if (delayMs != null && !(delayMs >= 0 && delayMs <= 600_000)) {
            throw UserException.usage(Cli.texts(lang).get("error.badDelay", String.valueOf(delayMs)));
        }
        if (seed != null && seed < 0) {
            throw UserException.usage(Cli.texts(lang).get("error.negative", "--seed"));
        }
        Map<String, Long> set = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            try {
                set.put(e.getKey(), Long.parseLong(e.getValue().trim()));
            } catch (NumberFormatException ex) {
                throw UserException.usage(Cli.texts(lang).get("error.badSet", e.getKey() + "=" + e.getValue()));
            }
        }
        return new ScenarioRunner.Overrides(seed, profile, delayMs, lossValue, set, List.of());
    }
}
