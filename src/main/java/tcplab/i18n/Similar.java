package tcplab.i18n;

import java.util.Collection;

/** "Did you mean …?": the edit distance between words, for suggestions in messages. */
public final class Similar {
    private Similar() {
    }

    /** Levenshtein distance, giving up (returning {@code max + 1}) once it exceeds {@code max}. */
    public static int distance(String a, String b, int max) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int best = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                best = Math.min(best, cur[j]);
            }
            if (best > max) {
                return max + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], max + 1);
    }

    /** The candidate closest to {@code word}, if it is a likely typo (about a third of it wrong); else null. */
    public static String nearest(String word, Collection<String> candidates) {
        int limit = Math.max(1, word.length() / 3);
        String best = null;
        int bestD = limit + 1;
        for (String c : candidates) {
            int d = distance(word, c, limit);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }
}
