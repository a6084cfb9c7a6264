package tcplab.i18n;

import java.util.Collection;

/** "Did you mean …?": the edit distance between words, for suggestions in messages. */
public final class Similar {
    private Similar() {
    }

    /**
     * Edit distance where swapping two neighbouring letters is one edit, like inserting, deleting
     * or replacing one (optimal string alignment): "titel" is one edit from "title", and
     * "scvhost.exe", a known malware name, one from "svchost.exe". Gives up (returning
     * {@code max + 1}) once every alignment costs more than {@code max}: the best of a row never
     * decreases in the next, since a swap costs no less than the diagonal step it replaces.
     */
    public static int distance(String a, String b, int max) {
        int[] before = new int[b.length() + 1];
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int best = cur[0];
            char ai = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                char bj = b.charAt(j - 1);
                int cost = ai == bj ? 0 : 1;
                int d = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && ai == b.charAt(j - 2) && a.charAt(i - 2) == bj) {
                    d = Math.min(d, before[j - 2] + 1);
                }
                cur[j] = d;
                best = Math.min(best, d);
            }
            if (best > max) {
                return max + 1;
            }
            int[] t = before;
            before = prev;
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
