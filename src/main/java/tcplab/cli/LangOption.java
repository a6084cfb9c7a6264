package tcplab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import tcplab.i18n.Lang;

/** {@code --lang zh|en}, shared by every command. */
public final class LangOption {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--lang", paramLabel = "zh|en", descriptionKey = "lang")
    String lang;

    /** The chosen language; without --lang, TCPLAB_LANG or the system locale. */
    public Lang lang() {
        if (lang == null) {
            Lang env = Lang.parse(System.getenv("TCPLAB_LANG"));
            return env != null ? env : Lang.system();
        }
        Lang l = Lang.parse(lang);
        if (l == null) {
            throw new CommandLine.ParameterException(mixee.commandLine(),
                    Cli.texts(Lang.system()).get("error.badLang", lang));
        }
        return l;
    }
}
