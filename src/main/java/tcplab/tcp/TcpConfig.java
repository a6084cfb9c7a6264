package tcplab.tcp;

/**
 * The numbers an endpoint's behaviour depends on. The simulator's host profiles fill them in
 * from each operating system's documented defaults (see {@code tcplab.sim.Profile}); the endpoint
 * itself knows no operating system.
 *
 * @param rtoInitialMs       RTO before any RTT sample, also the SYN and SYN-ACK timer (RFC 6298 §2.1)
 * @param rtoMinMs           lower bound of a computed RTO (RFC 6298 §2.4 says 1 s; Linux uses 200 ms)
 * @param rtoMaxMs           upper bound of a backed-off RTO (RFC 6298 §2.5 allows ≥ 60 s)
 * @param synRetries         SYN retransmissions before connect() fails
 * @param synLinearTimeouts  the first SYN retransmissions that keep the initial RTO before doubling (Linux)
 * @param synAckRetries      SYN-ACK retransmissions before a half-open connection is dropped
 * @param dataRetries        how long data and FIN are retransmitted: see {@link #giveUp()}
 * @param orphanRetries      the same after the application has closed the socket (Linux tcp_orphan_retries)
 * @param giveUp             how {@code dataRetries}/{@code orphanRetries} are read; {@link GiveUp#LINUX_TIME_BUDGET}
 *                           also gives SYN-SENT its time limit ({@link #synBudgetMs()})
 * @param timeWaitMs         how long TIME-WAIT lasts: 2 MSL (RFC 9293 §3.10.7.4)
 * @param finWait2TimeoutMs  an orphaned FIN-WAIT-2 is dropped after this long; 0 = wait for ever (RFC)
 * @param userTimeoutMs      RFC 9293 §3.10.8 USER TIMEOUT; 0 = off
 * @param mss                maximum segment size announced and used
 * @param window             the receive window advertised (the application reads at once, so it never shrinks)
 * @param initialCwnd        initial congestion window in segments (RFC 6928)
 * @param finTimeRtoFloor    an orphaned FIN-WAIT-2 lasts at least 3.5 RTO (Linux's tcp_fin_time())
 * @param tailLossProbe      a tail loss probe before the RTO (RFC 8985 §7; Linux tcp_early_retrans)
 * @param rttEstimator       how RTT samples make the RTO
 * @param oowRateLimitMs     the least time between two answers to out-of-window segments on one
 *                           connection: the SYN-ACK to a retransmitted SYN in SYN-RECEIVED, a challenge
 *                           ACK (Linux's tcp_invalid_ratelimit, 500 ms, which every profile has had for
 *                           its duplicate ACKs; 0 = no limit)
 */
public record TcpConfig(
        long rtoInitialMs,
        long rtoMinMs,
        long rtoMaxMs,
        int synRetries,
        int synLinearTimeouts,
        int synAckRetries,
        int dataRetries,
        int orphanRetries,
        GiveUp giveUp,
        long timeWaitMs,
        long finWait2TimeoutMs,
        long userTimeoutMs,
        int mss,
        int window,
        int initialCwnd,
        boolean finTimeRtoFloor,
        boolean tailLossProbe,
        RttEstimator rttEstimator,
        long oowRateLimitMs) {

    /** How RTT samples give the RTO. */
    public enum RttEstimator {
        /**
         * RFC 6298 §2: RTTVAR and SRTT with gains 1/4 and 1/8, RTO = SRTT + max(G, 4·RTTVAR), no
         * less than the minimum RTO (§2.4).
         */
        RFC_6298,
        /**
         * Linux's tcp_rtt_estimator() and __tcp_set_rto(): RTO = SRTT + rttvar, where rttvar
         * (4·RTTVAR in RFC terms) never falls below tcp_rto_min and decreases at most once per
         * window of data, towards the largest deviation seen in that window (mdev_max).
         */
        LINUX
    }

    /** How a retry limit for data and FIN is applied. */
    public enum GiveUp {
        /**
         * Linux's retransmits_timed_out(): the limit N is turned into a time budget, the sum of
         * an RTO starting at 200 ms and doubling up to 120 s over N retransmissions (924.6 s for
         * tcp_retries2 = 15), and the connection gives up at the first RTO expiry after that
         * budget (ip-sysctl.rst, tcp_retries2).
         */
        LINUX_TIME_BUDGET,
        /** Windows: give up after N retransmissions (TcpMaxDataRetransmissions). */
        COUNT
    }

    public TcpConfig {
        if (rtoInitialMs <= 0 || rtoMinMs <= 0 || rtoMaxMs < rtoMinMs) {
            throw new IllegalArgumentException("RTO bounds must be positive and ordered");
        }
        if (synRetries < 0 || synLinearTimeouts < 0 || synAckRetries < 0 || dataRetries < 0 || orphanRetries < 0) {
            throw new IllegalArgumentException("retry counts must not be negative");
        }
        if (timeWaitMs < 0 || finWait2TimeoutMs < 0 || userTimeoutMs < 0 || oowRateLimitMs < 0) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
        if (mss <= 0 || window <= 0 || initialCwnd <= 0) {
            throw new IllegalArgumentException("mss, window and initial cwnd must be positive");
        }
        if (giveUp == null || rttEstimator == null) {
            throw new IllegalArgumentException("give-up rule and RTT estimator must be set");
        }
    }

    /** RFC defaults with Linux's timer constants: a neutral configuration for unit tests. */
    public static TcpConfig rfcDefaults() {
        return builder().build();
    }

    /**
     * A builder starting from {@link #rfcDefaults()}: set what differs, by name. A new option gets
     * a default here, and only the places that care about it set it.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to change some of it. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.rtoInitialMs = rtoInitialMs;
        b.rtoMinMs = rtoMinMs;
        b.rtoMaxMs = rtoMaxMs;
        b.synRetries = synRetries;
        b.synLinearTimeouts = synLinearTimeouts;
        b.synAckRetries = synAckRetries;
        b.dataRetries = dataRetries;
        b.orphanRetries = orphanRetries;
        b.giveUp = giveUp;
        b.timeWaitMs = timeWaitMs;
        b.finWait2TimeoutMs = finWait2TimeoutMs;
        b.userTimeoutMs = userTimeoutMs;
        b.mss = mss;
        b.window = window;
        b.initialCwnd = initialCwnd;
        b.finTimeRtoFloor = finTimeRtoFloor;
        b.tailLossProbe = tailLossProbe;
        b.rttEstimator = rttEstimator;
        b.oowRateLimitMs = oowRateLimitMs;
        return b;
    }

    /** Builds a {@link TcpConfig} by field name; {@link #build()} checks the values as the constructor does. */
    public static final class Builder {
        private long rtoInitialMs = 1000;
        private long rtoMinMs = 200;
        private long rtoMaxMs = 120_000;
        private int synRetries = 6;
        private int synLinearTimeouts = 0;
        private int synAckRetries = 5;
        private int dataRetries = 15;
        private int orphanRetries = 8;
        private GiveUp giveUp = GiveUp.COUNT;
        private long timeWaitMs = 60_000;
        private long finWait2TimeoutMs = 0;
        private long userTimeoutMs = 0;
        private int mss = 1460;
        private long oowRateLimitMs = 500;
        private int window = 64240;
        private int initialCwnd = 10;
        private boolean finTimeRtoFloor = false;
        private boolean tailLossProbe = false;
        private RttEstimator rttEstimator = RttEstimator.RFC_6298;

        private Builder() {
        }

        public Builder rtoInitialMs(long ms) {
            rtoInitialMs = ms;
            return this;
        }

        public Builder rtoMinMs(long ms) {
            rtoMinMs = ms;
            return this;
        }

        public Builder rtoMaxMs(long ms) {
            rtoMaxMs = ms;
            return this;
        }

        /** SYN retransmissions before connect() fails, and how many of the first keep the initial RTO. */
        public Builder synRetries(int retries, int linearTimeouts) {
            synRetries = retries;
            synLinearTimeouts = linearTimeouts;
            return this;
        }

        public Builder synAckRetries(int retries) {
            synAckRetries = retries;
            return this;
        }

        /** The retry limits for data and FIN, before and after close(), and how they are read. */
        public Builder dataRetries(int retries, int orphan, GiveUp rule) {
            dataRetries = retries;
            orphanRetries = orphan;
            giveUp = rule;
            return this;
        }

        public Builder timeWaitMs(long ms) {
            timeWaitMs = ms;
            return this;
        }

        public Builder finWait2TimeoutMs(long ms) {
            finWait2TimeoutMs = ms;
            return this;
        }

        public Builder userTimeoutMs(long ms) {
            userTimeoutMs = ms;
            return this;
        }

        public Builder mss(int octets) {
            mss = octets;
            return this;
        }

        public Builder window(int octets) {
            window = octets;
            return this;
        }

        public Builder initialCwnd(int segments) {
            initialCwnd = segments;
            return this;
        }

        /** Whether an orphaned FIN-WAIT-2 lasts at least 3.5 RTO, as Linux's tcp_fin_time() makes it. */
        public Builder finTimeRtoFloor(boolean on) {
            finTimeRtoFloor = on;
            return this;
        }

        /** Whether a tail loss probe (RFC 8985 §7) goes out before the RTO. */
        public Builder tailLossProbe(boolean on) {
            tailLossProbe = on;
            return this;
        }

        public Builder rttEstimator(RttEstimator estimator) {
            rttEstimator = estimator;
            return this;
        }

        /** The least time between two answers to out-of-window segments (Linux tcp_invalid_ratelimit). */
        public Builder oowRateLimitMs(long ms) {
            oowRateLimitMs = ms;
            return this;
        }

        public TcpConfig build() {
            return new TcpConfig(rtoInitialMs, rtoMinMs, rtoMaxMs, synRetries, synLinearTimeouts, synAckRetries,
                    dataRetries, orphanRetries, giveUp, timeWaitMs, finWait2TimeoutMs, userTimeoutMs, mss, window,
                    initialCwnd, finTimeRtoFloor, tailLossProbe, rttEstimator, oowRateLimitMs);
        }
    }

    /**
     * The time budget Linux derives from a retry limit (tcp_timer.c, retransmits_timed_out with
     * rto_base = TCP_RTO_MIN): doubling from 200 ms until 120 s, then 120 s per further retry.
     */
    public long linuxBudgetMs(int boundary) {
        return modelTimeoutMs(boundary, rtoMinMs);
    }

    /**
     * How long SYN-SENT may last under {@link GiveUp#LINUX_TIME_BUDGET}: tcp_model_timeout() with
     * boundary tcp_syn_retries and rto_base the initial RTO (tcp_timer.c, retransmits_timed_out for
     * TCPF_SYN_SENT): 127 s for the default 6, 7 s for 2. The linear timeouts do not enter it.
     */
    public long synBudgetMs() {
        return modelTimeoutMs(synRetries, rtoInitialMs);
    }

    /** tcp_model_timeout(): an RTO doubling from {@code base} up to the maximum over {@code boundary} retries. */
    private long modelTimeoutMs(int boundary, long base) {
        if (base > rtoMaxMs) {
            return (long) (boundary + 1) * rtoMaxMs;
        }
        int thresh = 63 - Long.numberOfLeadingZeros(rtoMaxMs / base); // ilog2(TCP_RTO_MAX / rto_base)
        if (boundary <= thresh) {
            return ((2L << boundary) - 1) * base;
        }
        return ((2L << thresh) - 1) * base + (long) (boundary - thresh) * rtoMaxMs;
    }
}
