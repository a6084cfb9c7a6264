package tcplab.sim;

import java.util.Arrays;

/**
 * The simulator's future-event list: a 4-ary min-heap ordered by (time, order) whose keys live
 * in primitive arrays beside the payloads. A busy run keeps tens of thousands of timers queued
 * (every TIME-WAIT connection has one); with the keys inline, a sift compares numbers in
 * neighbouring memory instead of chasing a pointer per comparison, which made
 * {@link java.util.PriorityQueue} the largest cost of a lifecycle.
 */
final class EventQueue<E> {
    private long[] at = new long[64];
    private long[] order = new long[64];
    private Object[] items = new Object[64];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void add(long time, long seq, E item) {
        if (size == items.length) {
            int n = size * 2;
            at = Arrays.copyOf(at, n);
            order = Arrays.copyOf(order, n);
            items = Arrays.copyOf(items, n);
        }
        int i = size++;
        // Sift up.
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!less(time, seq, at[parent], order[parent])) {
                break;
            }
            at[i] = at[parent];
            order[i] = order[parent];
            items[i] = items[parent];
            i = parent;
        }
        at[i] = time;
        order[i] = seq;
        items[i] = item;
    }

    /** Time of the first item; undefined when empty. */
    long peekTime() {
        return at[0];
    }

    @SuppressWarnings("unchecked")
    E peek() {
        return size == 0 ? null : (E) items[0];
    }

    @SuppressWarnings("unchecked")
    E poll() {
        if (size == 0) {
            return null;
        }
        E first = (E) items[0];
        int last = --size;
        long t = at[last];
        long s = order[last];
        Object item = items[last];
        items[last] = null;
        if (last > 0) {
            // Sift the last item down from the root.
            int i = 0;
            while (true) {
                int c = (i << 2) + 1;
                if (c >= last) {
                    break;
                }
                int best = c;
                int end = Math.min(c + 4, last);
                for (int k = c + 1; k < end; k++) {
                    if (less(at[k], order[k], at[best], order[best])) {
                        best = k;
                    }
                }
                if (!less(at[best], order[best], t, s)) {
                    break;
                }
                at[i] = at[best];
                order[i] = order[best];
                items[i] = items[best];
                i = best;
            }
            at[i] = t;
            order[i] = s;
            items[i] = item;
        }
        return first;
    }

    private static boolean less(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }
}
