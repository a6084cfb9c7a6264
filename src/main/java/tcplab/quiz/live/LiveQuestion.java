package tcplab.quiz.live;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import tcplab.i18n.Lang;
import tcplab.quiz.Question;

/**
 * A question pushed to the class, in both languages: each student reads it in the language of
 * their own browser, and an option is answered by its position, which is the same in both
 * (generated questions and banks draw their order from the same seed whatever the language).
 *
 * @param number the question's number in the session, from 1
 * @param byLang the question in each language
 * @param source where it came from, for the teacher's summary ("generated", "bank", "lesson")
 */
public record LiveQuestion(int number, Map<Lang, Question> byLang, String source) {
    public LiveQuestion {
        if (byLang.isEmpty()) {
            throw new IllegalArgumentException("a question needs at least one language");
        }
        byLang = java.util.Collections.unmodifiableMap(new EnumMap<>(byLang));
        Question first = byLang.values().iterator().next();
        int answer = first.options().indexOf(first.answer());
        for (Question q : byLang.values()) {
            if (q.options().size() != first.options().size() || q.options().indexOf(q.answer()) != answer) {
                throw new IllegalArgumentException("the languages of question " + first.id()
                        + " do not have their options in the same order");
            }
        }
    }

    /** The same question made in each language by {@code make} (deterministic makers give the same question). */
    public static LiveQuestion of(int number, String source, Function<Lang, Question> make) {
        Map<Lang, Question> m = new EnumMap<>(Lang.class);
        for (Lang l : Lang.values()) {
            m.put(l, make.apply(l));
        }
        return new LiveQuestion(number, m, source);
    }

    /** The question in {@code lang}, or in the language it has. */
    public Question in(Lang lang) {
        Question q = byLang.get(lang);
        return q != null ? q : byLang.values().iterator().next();
    }

    /** Whether it asks for a typed answer (it has no options). */
    public boolean typed() {
        return in(Lang.EN).options().isEmpty();
    }

    public int optionCount() {
        return in(Lang.EN).options().size();
    }

    /** The position of the right option, or -1 for a typed question. */
    public int answerIndex() {
        Question q = in(Lang.EN);
        return q.options().indexOf(q.answer());
    }

    /** Whether a typed answer is right in any of the question's languages. */
    public boolean typedIsRight(String given) {
        for (Question q : byLang.values()) {
            if (q.isCorrect(given)) {
                return true;
            }
        }
        return false;
    }
}
