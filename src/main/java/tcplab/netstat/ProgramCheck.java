package tcplab.netstat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rule behind {@code UNEXPECTED_PROGRAM}, for rows whose owner is known.
 *
 * <ol>
 *   <li><b>Look-alike names.</b> A program whose name is one or two letters away from a well-known
 *       system or browser program, without being it: the seeds' {@code EXPLORE.EXE} next to
 *       {@code IEXPLORE.EXE}, or {@code svch0st.exe}. Malware has long hidden behind such names.</li>
 *   <li><b>Unusual server.</b> An ESTABLISHED connection on one of our listening service ports
 *       (21, 22, 23, 25, 80, 135, 139, 443, 445, 3389...) owned by a program that is not among
 *       the usual servers of that port. Reported as low severity: a developer's test server
 *       ({@code python3} on port 80) is legitimate, a stranger on port 3389 is not.</li>
 * </ol>
 */
final class ProgramCheck {
    /** System and browser programs that malware imitates (compared without case). */
    static final List<String> WELL_KNOWN = List.of("iexplore.exe", "explorer.exe", "svchost.exe", "lsass.exe",
            "services.exe", "csrss.exe", "winlogon.exe", "smss.exe", "spoolsv.exe", "rundll32.exe", "taskhost.exe",
            "taskhostw.exe", "chrome.exe", "firefox.exe", "msedge.exe", "conhost.exe", "dllhost.exe", "wininit.exe",
            "inetinfo.exe", "system");

    /** Usual owners of server ports, as their makers spell them (matched without case and without .exe). */
    static final Map<Integer, List<String>> SERVERS = Map.ofEntries(
            Map.entry(21, List.of("inetinfo", "ftpd", "vsftpd", "proftpd", "pure-ftpd", "FileZilla Server", "svchost", "inetd", "xinetd")),
            Map.entry(22, List.of("sshd", "dropbear", "sshd.exe")),
            Map.entry(23, List.of("telnetd", "in.telnetd", "tlntsvr", "inetd", "xinetd")),
            Map.entry(25, List.of("inetinfo", "master", "smtpd", "exim4", "exim", "sendmail", "postfix")),
            Map.entry(80, List.of("httpd", "apache2", "nginx", "inetinfo", "w3wp", "System", "caddy", "lighttpd", "haproxy",
                    "envoy", "traefik", "java", "node")),
            Map.entry(443, List.of("httpd", "apache2", "nginx", "inetinfo", "w3wp", "System", "caddy", "lighttpd", "haproxy",
                    "envoy", "traefik", "java", "node")),
            Map.entry(135, List.of("svchost")),
            Map.entry(139, List.of("System", "smbd", "nmbd")),
            Map.entry(445, List.of("System", "smbd")),
            Map.entry(3389, List.of("svchost", "termservice", "xrdp")),
            Map.entry(3306, List.of("mysqld", "mariadbd")),
            Map.entry(5432, List.of("postgres", "postmaster", "postgresql")));

    /**
     * Words in the process names of web browsers, as netstat -b, -p, ss and TCPView print them
     * (chrome.exe, "Google Chrome Helper", firefox-esr, msedge.exe, and the browsers common in
     * China: 360se.exe, QQBrowser.exe, SogouExplorer.exe). A browser opening a handful of
     * connections to different hosts at once is a page load, not a scan.
     */
    static final List<String> BROWSER_WORDS = List.of("chrome", "chromium", "firefox", "msedge", "iexplore", "opera",
            "brave", "safari", "vivaldi", "webkit", "360se", "360chrome", "qqbrowser", "sogouexplorer", "ucbrowser",
            "maxthon", "yandex", "2345explorer", "liebao");

    private ProgramCheck() {
    }

    /** Whether {@code program} is a web browser's process (see {@link #BROWSER_WORDS}). */
    static boolean isBrowser(String program) {
        if (program == null) {
            return false;
        }
        String p = program.toLowerCase(Locale.ROOT);
        for (String w : BROWSER_WORDS) {
            if (p.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code program} can be a program's name at all: it has a letter. The Timer column
     * of {@code netstat -tanpo} read as a name ({@code 0/0)}) has none, and no finding is made
     * about it.
     */
    static boolean isName(String program) {
        if (program == null) {
            return false;
        }
        for (int i = 0; i < program.length(); i++) {
            if (Character.isLetter(program.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The well-known program that {@code program} imitates, or null. */
    static String lookAlikeOf(String program) {
        if (program == null || program.length() < 5 || program.length() > 60) {
            return null;
        }
        String p = program.toLowerCase(Locale.ROOT);
        for (String known : WELL_KNOWN) {
            if (p.equals(known)) {
                return null;
            }
        }
        for (String known : WELL_KNOWN) {
            if (known.length() < 8 || Math.abs(known.length() - p.length()) > 2) {
                continue;
            }
            // One edit for names up to 11 letters, two for longer ones.
            int allowed = known.length() >= 12 ? 2 : 1;
            if (distance(p, known, allowed) <= allowed) {
                return known;
            }
        }
        return null;
    }

    /** The usual servers of {@code port} when {@code program} is not one of them; else null. */
    static List<String> unusualServer(int port, String program) {
        List<String> usual = SERVERS.get(port);
        if (usual == null || !isName(program)) {
            return null;
        }
        String p = program.toLowerCase(Locale.ROOT);
        if (p.endsWith(".exe")) {
            p = p.substring(0, p.length() - 4);
        }
        int colon = p.indexOf(':'); // "sshd: user" in netstat -p
        if (colon > 0) {
            p = p.substring(0, colon);
        }
        for (String u : usual) {
            if (p.startsWith(u.toLowerCase(Locale.ROOT))) {
                return null;
            }
        }
        return usual;
    }

    /** Edit distance with neighbour swaps as one edit (see {@link tcplab.i18n.Similar#distance}). */
    static int distance(String a, String b, int max) {
        return tcplab.i18n.Similar.distance(a, b, max);
    }
}
