package tcplab.quiz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tcplab.i18n.Lang;

/**
 * A teacher's question bank: questions written in a file (the format is in
 * {@code banks/README.md}), each in both languages, with per-choice feedback. {@link BankLoader}
 * reads it; {@link #question} turns one of its questions into a {@link Question} like the
 * generated ones, so the quiz, its results and its jsonl treat both alike.
 *
 * @param id        the bank's id
 * @param file      where it was read from, for messages
 * @param title     its title per language
 * @param questions its questions, in file order
 */
public record Bank(String id, String file, Map<Lang, String> title, List<Item> questions) {
    public Bank {
        questions = List.copyOf(questions);
    }

    /** One choice: its text, whether it is the right one, and why it is wrong when it is not. */
    public record Choice(int line, Map<Lang, String> text, boolean right, Map<Lang, String> feedback) {
    }

    /**
     * One question of the bank.
     *
     * @param choices   multiple choice (exactly one right), or empty for a typed answer
     * @param accept    the typed answers that count as right (empty for multiple choice)
     * @param kind      how typed answers are compared (a state in any spelling, a number, text)
     * @param shuffle   whether the choices are shown in a random order (false keeps the file's order)
     * @param topic     states, segments, netstat or ports; null when the file names none
     */
    public record Item(String id, int line, String topic, Difficulty difficulty, Map<Lang, String> question,
                       List<Choice> choices, List<String> accept, AnswerKind kind, boolean shuffle,
                       Map<Lang, String> explain, Show show) {
        public Item {
            choices = List.copyOf(choices);
            accept = List.copyOf(accept);
        }
    }

    /** Question {@code item} in {@code lang}, its choices shuffled by {@code rnd} unless the file says not to. */
    public Question question(Item item, Lang lang, Random rnd, String id) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("bank", this.id);
        fields.put("bank_question", item.id());
        if (item.topic() != null) {
            fields.put("topic", item.topic());
        }
        if (item.choices().isEmpty()) {
            return new Question(id, QuestionType.BANK, item.difficulty(), item.question().get(lang), List.of(),
                    item.accept().get(0), item.kind(), item.accept().subList(1, item.accept().size()),
                    item.explain().get(lang), null, fields, item.show());
        }
        List<Choice> order = new ArrayList<>(item.choices());
        if (item.shuffle()) {
            Collections.shuffle(order, rnd);
        }
        List<String> options = new ArrayList<>();
        String answer = null;
        Map<String, String> why = new LinkedHashMap<>();
        for (Choice c : order) {
            String text = c.text().get(lang);
            options.add(text);
            if (c.right()) {
                answer = text;
            } else if (!c.feedback().isEmpty()) {
                why.put(text, c.feedback().get(lang));
            }
        }
        return new Question(id, QuestionType.BANK, item.difficulty(), item.question().get(lang), options, answer,
                AnswerKind.TEXT, List.of(), item.explain().get(lang), null, fields, item.show()).withFeedback(why);
    }
}
