package tcplab.netstat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The output formats this package reads and writes, by their {@code --dialect} names.
 *
 * <p>The first twelve are what the emitter can write (and the simulator can show); the last
 * six are only read: a German Windows, FreeBSD, the kernel's {@code /proc/net/tcp} table, lsof
 * and PowerShell's table and list views.
 */
public enum Dialect {
    /** {@code netstat -an} on Windows. */
    WINDOWS("windows", Os.WINDOWS, true),
    /** {@code netstat -a} on Windows: host and service names instead of numbers. */
    WINDOWS_NAMES("windows-names", Os.WINDOWS, true),
    /** {@code netstat -ano}: a PID column. */
    WINDOWS_PID("windows-pid", Os.WINDOWS, true),
    /** {@code netstat -anob}: the owning program (and service) on lines under each row. */
    WINDOWS_B("windows-b", Os.WINDOWS, true),
    /** {@code netstat -ano} on a Chinese Windows: translated headers, English state words. */
    WINDOWS_ZH("windows-zh", Os.WINDOWS, true),
    /** Sysinternals TCPView's text: {@code inetinfo.exe:1260 TCP 0.0.0.0:21 0.0.0.0:0 LISTENING}. */
    TCPVIEW("tcpview", Os.WINDOWS, true),
    /** {@code netstat -tan} (net-tools) on Linux. */
    LINUX("linux", Os.LINUX, true),
    /** {@code netstat -tanp}: a PID/Program name column. */
    LINUX_P("linux-p", Os.LINUX, true),
    /** {@code netstat -tuna}: TCP and UDP. */
    LINUX_TUNA("linux-tuna", Os.LINUX, true),
    /** {@code ss -tan} (iproute2). */
    SS("ss", Os.LINUX, true),
    /** {@code ss -tanp}: a Process column with {@code users:(("name",pid=N,fd=N))}. */
    SS_P("ss-p", Os.LINUX, true),
    /** {@code netstat -an -p tcp} on macOS (BSD layout, dot before the port). */
    MACOS("macos", Os.MACOS, true),
    /** {@code netstat -ano} on a German Windows: headers and state words translated. Read only. */
    WINDOWS_DE("windows-de", Os.WINDOWS, false),
    /** {@code netstat -an} on FreeBSD. Read only. */
    BSD("bsd", Os.BSD, false),
    /** The kernel's {@code /proc/net/tcp} and {@code tcp6}: hex addresses and states. Read only. */
    PROC("proc-net-tcp", Os.LINUX, false),
    /**
     * {@code lsof -i} (Linux and macOS: the same columns; the Linux port range is assumed). Read
     * only.
     */
    LSOF("lsof", Os.LINUX, false),
    /** PowerShell {@code Get-NetTCPConnection}, table view. Read only. */
    POWERSHELL("powershell", Os.WINDOWS, false),
    /**
     * PowerShell {@code Get-NetTCPConnection | Format-List}: one {@code Name : Value} line per
     * property, a blank line between connections. Read only.
     */
    POWERSHELL_LIST("powershell-list", Os.WINDOWS, false);

    /** The operating system a dialect comes from: it decides which client port range applies. */
    public enum Os { WINDOWS, LINUX, MACOS, BSD }

    private final String cliName;
    private final Os os;
    private final boolean emittable;

    Dialect(String cliName, Os os, boolean emittable) {
        this.cliName = cliName;
        this.os = os;
        this.emittable = emittable;
    }

    /** The name used by {@code --dialect} and in the jsonl {@code dialect} field. */
    public String cliName() {
        return cliName;
    }

    public Os os() {
        return os;
    }

    /** True when {@link NetstatEmitter} can write this dialect. */
    public boolean emittable() {
        return emittable;
    }

    /** True for the Windows tools, whose output ends lines with CRLF. */
    public boolean windowsLineEnds() {
        return os == Os.WINDOWS;
    }

    /** The dialect named {@code name} ({@code windows-pid}, {@code WINDOWS_PID}...), or null. */
    public static Dialect parse(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Dialect d : values()) {
            if (d.cliName.equals(n)) {
                return d;
            }
        }
        return null;
    }

    public static List<Dialect> emittableValues() {
        List<Dialect> out = new ArrayList<>();
        for (Dialect d : values()) {
            if (d.emittable) {
                out.add(d);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
