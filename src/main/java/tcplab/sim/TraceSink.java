package tcplab.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Receives a simulation's trace events in order. */
public interface TraceSink {

    void accept(TraceEvent event);

    /** Whether events should be built at all (false for benchmarks). */
    default boolean enabled() {
        return true;
    }

    /** Drops everything: for benchmarks. */
    TraceSink NONE = new TraceSink() {
        @Override
        public void accept(TraceEvent event) {
        }

        @Override
        public boolean enabled() {
            return false;
        }
    };

    /** Keeps every event in a list. */
    final class Recorder implements TraceSink {
        private final List<TraceEvent> events = new ArrayList<>();

        @Override
        public void accept(TraceEvent event) {
            events.add(event);
        }

        public List<TraceEvent> events() {
            return Collections.unmodifiableList(events);
        }
    }
}
