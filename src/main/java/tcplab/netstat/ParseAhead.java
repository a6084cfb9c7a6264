package tcplab.netstat;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a {@link NetstatParser} on a thread of its own, a few batches ahead of the consumer: on a
 * machine with two cores, reading and parsing a big capture overlap with explaining and writing
 * it. Same contract as {@link NetstatParser#next}: every line once, in input order, null at the
 * end; a read error ({@link java.io.UncheckedIOException}) or any other failure of the parser
 * thread is rethrown by {@link #next} in the consumer.
 *
 * <p>Memory stays bounded: at most {@link #DEPTH} batches of {@link #BATCH} parsed lines wait in
 * the queue (well under 1 MB for netstat rows), whatever the input size.
 */
public final class ParseAhead implements AutoCloseable {
    /**
     * Lines per hand-over: large enough that the queue costs nothing per line, small enough that
     * the lines in flight (at most BATCH x (DEPTH + 2)) stay few: they are what a young
     * collection has to copy. 1024 x 8 kept about 25 MB alive and cost 225 ms of GC pauses for
     * 1M rows under -Xmx64m; 256 x 4 keeps 4 MB and costs 60 ms.
     */
    static final int BATCH = 256;
    /** Batches parsed ahead. */
    static final int DEPTH = 4;

    private static final ParsedLine[] END = new ParsedLine[0];

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
    private final Thread thread;
    private ParsedLine[] batch = new ParsedLine[0];
    private int at;
    private boolean done;

    public ParseAhead(NetstatParser parser) {
        thread = new Thread(() -> run(parser), "tcplab-parser");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(NetstatParser parser) {
        try {
            while (true) {
                ParsedLine[] b = new ParsedLine[BATCH];
                int n = 0;
                ParsedLine l = null;
                while (n < BATCH && (l = parser.next()) != null) {
                    b[n++] = l;
                }
                if (n > 0) {
                    queue.put(n == BATCH ? b : java.util.Arrays.copyOf(b, n));
                }
                if (l == null) {
                    queue.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close(): the consumer stopped early.
        } catch (RuntimeException | Error e) {
            try {
                queue.put(e);
            } catch (InterruptedException ie) {
                // closed meanwhile
            }
        }
    }

    /** The next line's record, or null at the end of the input. */
    public ParsedLine next() {
        if (at < batch.length) {
            return batch[at++];
        }
        if (done) {
            return null;
        }
        Object o;
        try {
            o = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the parser", e);
        }
        if (o instanceof RuntimeException e) {
            done = true;
            throw e;
        }
        if (o instanceof Error e) {
            done = true;
            throw e;
        }
        batch = (ParsedLine[]) o;
        at = 0;
        if (batch == END) {
            done = true;
            return null;
        }
        return batch[at++];
    }

    /** Stops the parser thread if it is still running. */
    @Override
    public void close() {
        thread.interrupt();
    }
}
