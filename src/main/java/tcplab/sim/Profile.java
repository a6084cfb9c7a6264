package tcplab.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tcplab.tcp.TcpConfig;

/**
 * An operating system's TCP defaults: the numbers behind its timers, retries, queues and client
 * ports, under the names its administrators know (Linux sysctl names, Windows registry and netsh
 * names). {@link #with} changes one of them, as {@code --set NAME=VALUE} does.
 */
public final class Profile {

    /** One named setting: its value, and where that default comes from. */
    public record Setting(String name, long value, long min, long max, String source) {
    }

    /** How closed ports answer a SYN. */
    public enum ClosedPort { RESET, DROP }

    private final String name;
    private final Family family;
    private final Map<String, Setting> settings;

    private enum Family { LINUX, WINDOWS_XP, WINDOWS_10 }

    private Profile(String name, Family family, Map<String, Setting> settings) {
        this.name = name;
        this.family = family;
        this.settings = Collections.unmodifiableMap(settings);
    }

    public static final List<String> NAMES = List.of("linux", "windows-xp", "windows-10");

    /** The profile called {@code name} ({@link #NAMES}); null when there is none. */
    public static Profile byName(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "linux":
                return linux();
            case "windows-xp":
                return windowsXp();
            case "windows-10":
                return windows10();
            default:
                return null;
        }
    }

    private static final String IP_SYSCTL = "Linux Documentation/networking/ip-sysctl.rst";

    /** Linux as of kernel 6.x with its shipped defaults (checked against kernel 6.18's /proc/sys here). */
    public static Profile linux() {
        Map<String, Setting> s = new LinkedHashMap<>();
        put(s, "tcp_syn_retries", 6, 1, 127, IP_SYSCTL + ": tcp_syn_retries, default 6");
        put(s, "tcp_syn_linear_timeouts", 4, 0, 127,
                IP_SYSCTL + ": tcp_syn_linear_timeouts, default 4 (SYN RTOs 1,1,1,1,1,2,4,...; final timeout after 131 s)");
        put(s, "tcp_synack_retries", 5, 1, 255, IP_SYSCTL + ": tcp_synack_retries, default 5 (last at 31 s, dropped at 63 s)");
        put(s, "tcp_fin_timeout", 60, 1, 3600, IP_SYSCTL + ": tcp_fin_timeout, default 60 s (orphaned FIN-WAIT-2)");
        put(s, "tcp_max_syn_backlog", 2048, 128, 1 << 20,
                IP_SYSCTL + ": tcp_max_syn_backlog, at least 128 and scaled with memory; 2048 on a 24 GiB machine");
        put(s, "tcp_syncookies", 1, 0, 2, IP_SYSCTL + ": tcp_syncookies, default 1 (cookies when the SYN queue overflows)");
        put(s, "tcp_retries2", 15, 1, 255, IP_SYSCTL + ": tcp_retries2, default 15 (≈924.6 s of data retransmission)");
        put(s, "tcp_orphan_retries", 0, 0, 255, IP_SYSCTL + ": tcp_orphan_retries, default 0, which the kernel reads as 8");
        put(s, "tcp_early_retrans", 3, 0, 4,
                IP_SYSCTL + ": tcp_early_retrans, default 3 (tail loss probes on; 0, 1 and 2 turn them off)");
        put(s, "tcp_invalid_ratelimit", 500, 0, 3_600_000, IP_SYSCTL
                + ": tcp_invalid_ratelimit, default 500 ms (at most one SYN-ACK to a repeated SYN, or challenge ACK, per connection in that time)");
        put(s, "somaxconn", 4096, 1, 1 << 20, "Linux Documentation/networking/ip-sysctl.rst: net.core.somaxconn, 4096 since 5.4");
        put(s, "ip_local_port_range_min", 32768, 1, 65535, IP_SYSCTL + ": ip_local_port_range, default 32768 60999");
        put(s, "ip_local_port_range_max", 60999, 1, 65535, IP_SYSCTL + ": ip_local_port_range, default 32768 60999");
        put(s, "time_wait_ms", 60_000, 0, 3_600_000, "include/net/tcp.h: TCP_TIMEWAIT_LEN (60*HZ), not tunable");
        put(s, "rto_initial_ms", 1000, 1, 60_000, "include/net/tcp.h: TCP_TIMEOUT_INIT (1*HZ), RFC 6298 §2.1");
        put(s, "rto_min_ms", 200, 1, 60_000, "include/net/tcp.h: TCP_RTO_MIN (HZ/5)");
        put(s, "rto_max_ms", 120_000, 1, 3_600_000, "include/net/tcp.h: TCP_RTO_MAX (120*HZ)");
        put(s, "mss", 1460, 88, 65_495, "Ethernet MTU 1500 minus 40 octets of IPv4 and TCP headers");
        put(s, "window", 64_240, 1, 65_535, "Linux's first advertised window: 44 × 1460 (tcp_select_initial_window)");
        put(s, "initial_cwnd", 10, 1, 100, "RFC 6928; include/net/tcp.h: TCP_INIT_CWND 10");
        put(s, "user_timeout_ms", 0, 0, 3_600_000, "TCP_USER_TIMEOUT socket option, 0 (off) unless an application sets it");
        return new Profile("linux", Family.LINUX, s);
    }

    private static final String TCPIP_2003 =
            "Microsoft, \"TCP/IP Registry Values for Microsoft Windows Vista and Windows Server 2008\" / Windows Server 2003 TCP/IP Implementation Details";

    /** Windows XP SP2 defaults, the machines of the source articles. */
    public static Profile windowsXp() {
        Map<String, Setting> s = new LinkedHashMap<>();
        put(s, "TcpMaxConnectRetransmissions", 2, 0, 255, TCPIP_2003 + ": TcpMaxConnectRetransmissions, default 2");
        put(s, "TcpMaxConnectResponseRetransmissions", 2, 0, 255, TCPIP_2003 + ": TcpMaxConnectResponseRetransmissions, default 2");
        put(s, "TcpMaxDataRetransmissions", 5, 0, 255, TCPIP_2003 + ": TcpMaxDataRetransmissions, default 5");
        put(s, "TcpTimedWaitDelay", 240, 30, 300, "Microsoft TechNet cc938217 (Windows 2000, and XP): TcpTimedWaitDelay, default 0xF0 = 240 s");
        put(s, "SynAttackProtect", 0, 0, 2, TCPIP_2003 + ": SynAttackProtect, 0 on XP (no SYN cookies)");
        put(s, "TcpMaxHalfOpen", 100, 1, 65535, TCPIP_2003 + ": TcpMaxHalfOpen, default 100 (professional editions)");
        put(s, "MaxUserPort", 5000, 5000, 65534, TCPIP_2003 + ": MaxUserPort, default 5000; client ports 1025-5000");
        put(s, "rto_initial_ms", 3000, 1, 60_000, TCPIP_2003 + ": TcpInitialRTT, default 3 s (21 s connect timeout)");
        put(s, "rto_min_ms", 300, 1, 60_000, "Windows XP minimum RTO, 300 ms");
        put(s, "rto_max_ms", 240_000, 1, 3_600_000, "Windows maximum RTO, 240 s");
        put(s, "mss", 1460, 88, 65_495, "Ethernet MTU 1500 minus 40 octets of IPv4 and TCP headers");
        put(s, "window", 65_535, 1, 65_535, "TcpWindowSize default on Ethernet before autotuning: 65535 (no scaling on XP)");
        put(s, "initial_cwnd", 2, 1, 100, "RFC 2581 initial window of two segments on XP");
        put(s, "user_timeout_ms", 0, 0, 3_600_000, "no user timeout unless an application sets one");
        return new Profile("windows-xp", Family.WINDOWS_XP, s);
    }

    /** Windows 10 defaults ({@code netsh interface tcp show global}, registry documentation). */
    public static Profile windows10() {
        Map<String, Setting> s = new LinkedHashMap<>();
        put(s, "MaxSynRetransmissions", 2, 2, 8, "netsh interface tcp show global: Max SYN Retransmissions 2");
        put(s, "TcpMaxConnectResponseRetransmissions", 2, 0, 255, TCPIP_2003 + ": TcpMaxConnectResponseRetransmissions, default 2");
        put(s, "TcpMaxDataRetransmissions", 5, 0, 255, TCPIP_2003 + ": TcpMaxDataRetransmissions, default 5");
        // Windows 2000 and XP kept TIME_WAIT 240 s (0xF0, technet cc938217); Microsoft documents
        // 120 s (0x78) from Windows Server 2003 on (technet cc757512), the value of every later Windows.
        put(s, "TcpTimedWaitDelay", 120, 30, 300,
                "Microsoft TechNet cc757512 (Windows Server 2003 and later): TcpTimedWaitDelay, default 0x78 = 120 s (240 s on 2000/XP, cc938217)");
        put(s, "SynAttackProtect", 1, 0, 1,
                "Windows Vista and later: SYN attack protection always on (cookies-like SYN-ACK without state when the backlog is full)");
        put(s, "dynamicport_start", 49152, 1025, 65535, "netsh int ipv4 show dynamicport tcp: Start Port 49152 (IANA dynamic range, since Vista)");
        put(s, "dynamicport_num", 16384, 255, 64511, "netsh int ipv4 show dynamicport tcp: Number of Ports 16384");
        put(s, "rto_initial_ms", 3000, 1, 60_000,
                "netsh interface tcp show supplemental: InitialRto 3000 ms (SYNs at 0, 3, 9 s; connect fails at 21 s)");
        put(s, "rto_min_ms", 300, 1, 60_000, "netsh interface tcp show global: Min RTO 300");
        put(s, "rto_max_ms", 60_000, 1, 3_600_000, "Windows maximum RTO, 60 s (RFC 6298 §2.5)");
        put(s, "mss", 1460, 88, 65_495, "Ethernet MTU 1500 minus 40 octets of IPv4 and TCP headers");
        put(s, "window", 64_240, 1, 65_535, "first advertised window of Windows 10 on Ethernet: 44 × 1460");
        put(s, "initial_cwnd", 10, 1, 100, "netsh interface tcp show supplemental: InitialCongestionWindow 10 (RFC 6928)");
        put(s, "user_timeout_ms", 0, 0, 3_600_000, "no user timeout unless an application sets one");
        put(s, "listen_backlog", 200, 1, 65535, "SOMAXCONN on Windows: 200 for the default backlog");
        return new Profile("windows-10", Family.WINDOWS_10, s);
    }

    private static void put(Map<String, Setting> s, String name, long value, long min, long max, String source) {
        s.put(name, new Setting(name, value, min, max, source));
    }

    public String name() {
        return name;
    }

    /** The settings in documentation order, with their sources. */
    public Map<String, Setting> settings() {
        return settings;
    }

    public long get(String setting) {
        Setting s = settings.get(setting);
        if (s == null) {
            throw new IllegalArgumentException("no setting " + setting + " in profile " + name);
        }
        return s.value();
    }

    /**
     * This profile with one setting changed. Throws {@link IllegalArgumentException} with a
     * message naming the known settings, or the allowed range, when {@code setting} or
     * {@code value} does not fit.
     */
    public Profile with(String setting, long value) {
        Setting s = settings.get(setting);
        if (s == null) {
            throw new UnknownSetting(setting, this);
        }
        if (value < s.min() || value > s.max()) {
            throw new BadSettingValue(setting, value, s.min(), s.max());
        }
        Map<String, Setting> copy = new LinkedHashMap<>(settings);
        copy.put(setting, new Setting(setting, value, s.min(), s.max(), "set by the scenario or --set"));
        return new Profile(name, family, copy);
    }

    /** Settings that are the two ends of one range, low first. */
    private static final List<String[]> RANGES = List.of(
            new String[] {"ip_local_port_range_min", "ip_local_port_range_max"},
            new String[] {"rto_min_ms", "rto_max_ms"});

    /**
     * The first range whose low end is above its high end ({low, high} names), or null. Each
     * setting is checked alone by {@link #with}; a pair only once both are set (a client port
     * range of 60000-1000 made the port choice throw).
     */
    public String[] reversedRange() {
        for (String[] r : RANGES) {
            Setting lo = settings.get(r[0]);
            Setting hi = settings.get(r[1]);
            if (lo != null && hi != null && lo.value() > hi.value()) {
                return r;
            }
        }
        return null;
    }

    /** A setting this profile does not have. */
    public static final class UnknownSetting extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        public final String setting;
        public final String profile;
        public final List<String> known;

        UnknownSetting(String setting, Profile p) {
            super("unknown setting " + setting + " for profile " + p.name + "; known: " + String.join(", ", p.settings.keySet()));
            this.setting = setting;
            this.profile = p.name;
            this.known = List.copyOf(p.settings.keySet());
        }
    }

    /** A value outside a setting's range. */
    public static final class BadSettingValue extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        public final String setting;
        public final long value;
        public final long min;
        public final long max;

        BadSettingValue(String setting, long value, long min, long max) {
            super(setting + " = " + value + " is outside " + min + ".." + max);
            this.setting = setting;
            this.value = value;
            this.min = min;
            this.max = max;
        }
    }

    // ------------------------------------------------------------------ what the simulator needs

    /** The endpoint configuration these settings give. */
    public TcpConfig tcpConfig() {
        switch (family) {
            case LINUX: {
                long orphan = get("tcp_orphan_retries");
                // tcp_orphan_retries(): "0 means 8" while the RTO has not hit its maximum.
                int orphanRetries = orphan == 0 ? 8 : (int) orphan;
                return common()
                        .synRetries((int) get("tcp_syn_retries"), (int) get("tcp_syn_linear_timeouts"))
                        .synAckRetries((int) get("tcp_synack_retries"))
                        .dataRetries((int) get("tcp_retries2"), orphanRetries, TcpConfig.GiveUp.LINUX_TIME_BUDGET)
                        .timeWaitMs(get("time_wait_ms"))
                        .finWait2TimeoutMs(get("tcp_fin_timeout") * 1000)
                        .finTimeRtoFloor(true)
                        .rttEstimator(TcpConfig.RttEstimator.LINUX)
                        // tcp_schedule_loss_probe() (net/ipv4/tcp_output.c) probes only when
                        // tcp_early_retrans is 3 or 4 (the default 3; ip-sysctl.rst).
                        .tailLossProbe(get("tcp_early_retrans") >= 3)
                        .oowRateLimitMs(get("tcp_invalid_ratelimit"))
                        .build();
            }
            case WINDOWS_XP:
                return common()
                        .synRetries((int) get("TcpMaxConnectRetransmissions"), 0)
                        .synAckRetries((int) get("TcpMaxConnectResponseRetransmissions"))
                        .dataRetries((int) get("TcpMaxDataRetransmissions"), (int) get("TcpMaxDataRetransmissions"),
                                TcpConfig.GiveUp.COUNT)
                        .timeWaitMs(get("TcpTimedWaitDelay") * 1000)
                        .build();
            default:
                // MaxSynRetransmissions is a count ("the maximum number of retransmissions that
                // will be attempted before the connection setup fails", TCP_INITIAL_RTO_PARAMETERS),
                // with no time budget; the RTO follows RFC 6298; the Anniversary Update (1607)
                // brought Tail Loss Probe and RACK to Windows 10 (Microsoft networking blog, July 2016).
                return common()
                        .synRetries((int) get("MaxSynRetransmissions"), 0)
                        .synAckRetries((int) get("TcpMaxConnectResponseRetransmissions"))
                        .dataRetries((int) get("TcpMaxDataRetransmissions"), (int) get("TcpMaxDataRetransmissions"),
                                TcpConfig.GiveUp.COUNT)
                        .timeWaitMs(get("TcpTimedWaitDelay") * 1000)
                        .tailLossProbe(true)
                        .build();
        }
    }

    /** The settings every family names alike: RTO bounds, user timeout, MSS, window, initial cwnd. */
    private TcpConfig.Builder common() {
        return TcpConfig.builder()
                .rtoInitialMs(get("rto_initial_ms")).rtoMinMs(get("rto_min_ms")).rtoMaxMs(get("rto_max_ms"))
                .userTimeoutMs(get("user_timeout_ms"))
                .mss((int) get("mss")).window((int) get("window")).initialCwnd((int) get("initial_cwnd"));
    }

    /** First client (ephemeral) port. */
    public int ephemeralLow() {
        switch (family) {
            case LINUX:
                return (int) get("ip_local_port_range_min");
            case WINDOWS_XP:
                // The seeds: "the first program to ask gets 1024/1025"; XP starts at 1025.
                return 1025;
            default:
                return (int) get("dynamicport_start");
        }
    }

    /** Last client (ephemeral) port. */
    public int ephemeralHigh() {
        switch (family) {
            case LINUX:
                return (int) get("ip_local_port_range_max");
            case WINDOWS_XP:
                return (int) get("MaxUserPort");
            default:
                return (int) Math.min(65535, get("dynamicport_start") + get("dynamicport_num") - 1);
        }
    }

    /**
     * Whether client ports are handed out in order (Windows: "the next free port", as the seeds
     * describe) or at random within the range (Linux since 4.x, RFC 6056 algorithm 3/4; modelled
     * as a seeded random start then the next free port).
     */
    public boolean sequentialPorts() {
        return family != Family.LINUX;
    }

    /** The effective listen backlog for a listen(backlog) call: capped by somaxconn on Linux. */
    public int effectiveBacklog(int requested) {
        switch (family) {
            case LINUX:
                return (int) Math.min(requested, get("somaxconn"));
            case WINDOWS_XP:
                return (int) Math.min(requested, get("TcpMaxHalfOpen"));
            default:
                return (int) Math.min(requested, get("listen_backlog"));
        }
    }

    /** The default backlog when a scenario does not give one: nginx's and Apache's 511, Windows' SOMAXCONN. */
    public int defaultBacklog() {
        return family == Family.LINUX ? 511 : effectiveBacklog(200);
    }

    /**
     * SYN cookie policy: 0 never, 1 when the SYN queue is full, 2 always (Linux tcp_syncookies;
     * Windows' SynAttackProtect is modelled as 1).
     */
    public int synCookies() {
        switch (family) {
            case LINUX:
                return (int) get("tcp_syncookies");
            case WINDOWS_XP:
                return get("SynAttackProtect") > 0 ? 1 : 0;
            default:
                return get("SynAttackProtect") > 0 ? 1 : 0;
        }
    }

    /**
     * Whether a listener's SYN queue with {@code halfOpen} requests is full for listen()'s
     * {@code backlog}. Linux: inet_csk_reqsk_queue_is_full(), {@code qlen > sk_max_ack_backlog}
     * (a strict comparison since Linux 6.12, as sk_acceptq_is_full() has it: a backlog of 128 holds
     * 129 requests, which the kernel check's syn-flood shows); elsewhere the backlog itself.
     */
    public boolean synQueueFull(int halfOpen, int backlog) {
        return family == Family.LINUX ? halfOpen > backlog : halfOpen >= backlog;
    }

    /**
     * Whether a SYN is dropped when SYN cookies are off: the queue is full, or (Linux,
     * tcp_conn_request()) fewer than a quarter of tcp_max_syn_backlog would be left, the quarter
     * kept for peers it has talked to before; the model treats every flooding peer as unproven.
     */
    public boolean dropsSynWithoutCookies(int halfOpen, int backlog) {
        if (synQueueFull(halfOpen, backlog)) {
            return true;
        }
        if (family == Family.LINUX) {
            long max = get("tcp_max_syn_backlog");
            return max - halfOpen < (max >> 2);
        }
        return false;
    }

    /**
     * The SYN-ACK retransmissions a request may have, when its timer fires, with {@code qlen}
     * requests queued of which {@code young} have not timed out yet. Linux's
     * reqsk_timer_handler() (net/ipv4/inet_connection_sock.c) "reserves half of room for young
     * embrions": once the queue is more than half full ({@code 2·qlen > max(8, backlog)}) it
     * lowers tcp_synack_retries by one, down to 2, for each halving of the young share
     * ({@code while (max_syn_ack_retries > 2 && qlen >= young·2^k)}), so that old requests
     * (a flood's) go sooner. Windows keeps its TcpMaxConnectResponseRetransmissions.
     */
    public int synAckRetriesUnderPressure(int configured, int qlen, int young, int backlog) {
        if (family != Family.LINUX || (qlen << 1) <= Math.max(8, backlog)) {
            return configured;
        }
        int retries = configured;
        long y = (long) young << 1;
        while (retries > 2) {
            if (qlen < y) {
                break;
            }
            retries--;
            y <<= 1;
        }
        return retries;
    }

    /** Whether this is a Windows profile (program names end in .exe, PIDs are multiples of 4). */
    public boolean isWindows() {
        return family != Family.LINUX;
    }

    @Override
    public String toString() {
        return name;
    }
}
