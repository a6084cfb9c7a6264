package tcplab.ui.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

import tcplab.i18n.Lang;
import tcplab.i18n.ProblemException;
import tcplab.i18n.Texts;
import tcplab.quiz.Bank;
import tcplab.quiz.BankLoader;
import tcplab.quiz.QuizGenerator;

/**
 * The teacher's question banks loaded in a tab (the Quiz tab and the Class tab each have theirs):
 * loading a file or folder off the window's thread, a bank loaded again replacing its old text,
 * and how they are named.
 */
public final class LoadedBanks {
    private final List<Bank> banks = new ArrayList<>();
    private final BackgroundLoad load = new BackgroundLoad();

    /**
     * Loads the banks of {@code fileOrDir} on {@code background}; on {@code ui} they join those
     * loaded before and {@code status} gets, in the language {@code lang} gives then, the problems of those that did not load
     * ({@code file:line: what is wrong}, empty when none) — or that the file was too big to load.
     * {@code loaded} then gets what loaded.
     */
    public void load(Path fileOrDir, Executor background, Executor ui, Supplier<Lang> lang, Consumer<String> status,
            Consumer<BankLoader.Many> loaded) {
        load.start(fileOrDir.toString(), () -> BankLoader.loadMany(List.of(fileOrDir)), background, ui, many -> {
            for (Bank b : many.banks()) {
                banks.removeIf(old -> old.id().equals(b.id())); // loaded again: the file's new text
                banks.add(b);
            }
            status.accept(many.problems().isEmpty() ? "" : new ProblemException(many.problems()).format(lang.get()).stripTrailing());
            loaded.accept(many);
        }, e -> status.accept(Texts.of(LoadingRow.BUNDLE, lang.get()).get("load.tooBig", fileOrDir.toString())));
    }

    /** The bank being loaded, and its Cancel. */
    public BackgroundLoad loading() {
        return load;
    }

    /** The banks loaded, in the order they came. */
    public List<Bank> list() {
        return List.copyOf(banks);
    }

    public boolean isEmpty() {
        return banks.isEmpty();
    }

    public void clear() {
        banks.clear();
    }

    /** "Title (12 questions)" for each bank, in {@code lang}; empty when none is loaded. */
    public List<String> names(Lang lang) {
        Texts qt = Texts.of(QuizGenerator.BUNDLE, lang);
        List<String> parts = new ArrayList<>();
        for (Bank b : banks) {
            parts.add(qt.get("ui.bankLoaded", b.title().getOrDefault(lang, b.id()), b.questions().size()));
        }
        return parts;
    }
}
