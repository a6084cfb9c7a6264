package tcplab.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import tcplab.tcp.Endpoint;

/**
 * Full TCP lifecycles through the simulator as fast as it goes: handshake, a 100-octet request
 * and a 100-octet response, the client's active close, the server's close, and the client's
 * TIME-WAIT running out after Linux's 60 s. Connections start every 5 virtual ms, so about 12,000
 * are in TIME-WAIT at any moment — a steady state, whatever the number of lifecycles.
 */
public final class LifecycleBench {

    /** What one run measured. */
    public record Result(long lifecycles, long completed, long segments, long events, double seconds,
                         long peakHeapBytes, List<Long> liveHeapSamples, double virtualSeconds) {
        public double lifecyclesPerSecond() {
            return completed / seconds;
        }

        public double segmentsPerSecond() {
            return segments / seconds;
        }
    }

    private static final double DELAY_MS = 0.05;
    private static final long START_EVERY_US = 5_000;

    private LifecycleBench() {
    }

    /** Counts sent segments and completed lifecycles without building trace events. */
    private static final class Counter implements TraceSink {
        @Override
        public void accept(TraceEvent event) {
        }

        @Override
        public boolean enabled() {
            return false;
        }
    }

    public static Result run(long lifecycles, boolean sampleLiveHeap) {
        Simulation sim = new Simulation(42, DELAY_MS, 0, List.of(), new Counter());
        Host client = sim.addHost("client", Endpoint.parseAddress("10.0.0.1"), Profile.linux(), Profile.ClosedPort.RESET);
        Host server = sim.addHost("server", Endpoint.parseAddress("10.0.0.2"), Profile.linux(), Profile.ClosedPort.RESET);
        sim.listen(server, 80, 4096, false, "server", new AppBehavior(0, null, 100, "response", 0, -1));
        Endpoint to = new Endpoint(server.address(), 80);
        // The client closes 5 delays after connecting: after the response has arrived.
        AppBehavior clientApp = new AppBehavior(100, "request", 0, null, -1, DELAY_MS * 5);
        long[] started = {0};
        Runnable[] starter = new Runnable[1];
        starter[0] = () -> {
            sim.connect(client, to, 0, "client", clientApp);
            if (++started[0] < lifecycles) {
                sim.schedule(sim.now() + START_EVERY_US, starter[0]);
            }
        };
        sim.schedule(0, starter[0]);

        List<Long> live = new ArrayList<>();
        long sampleEvery = Math.max(1, lifecycles / 10);
        long nextSample = sampleEvery;
        resetPeaks();
        long t0 = System.nanoTime();
        long sampling = 0;
        while (sim.step()) {
            if (sampleLiveHeap && started[0] >= nextSample) {
                nextSample += sampleEvery;
                long s0 = System.nanoTime();
                live.add(liveHeap());
                sampling += System.nanoTime() - s0; // the forced GCs are not the simulator's time
            }
        }
        double seconds = (System.nanoTime() - t0 - sampling) / 1e9;
        long completed = sim.completedTimeWaits();
        return new Result(lifecycles, completed, sim.segmentsSent(), sim.eventsProcessed(), seconds, peakHeap(), live,
                sim.now() / 1e6);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the start of the run (garbage included). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Heap in use after a full collection: what the simulation really holds. */
    private static long liveHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
