package tcplab.netstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import tcplab.i18n.Lang;

/** The bundled services table: the seeds' entries, the common IANA ports, lookups both ways. */
class ServicesTest {
    private final Services s = Services.get();

    @Test
    void everyEntryOfTheSeedsServicesListIsThereWithAChineseDescription() {
        String[] seeds = {"echo/7/tcp", "discard/9/udp", "systat/11/tcp", "daytime/13/udp", "qotd/17/tcp", "chargen/19/udp",
            "ftp-data/20/tcp", "ftp/21/tcp", "telnet/23/tcp", "smtp/25/tcp", "time/37/udp", "rlp/39/udp",
            "nameserver/42/tcp", "nicname/43/tcp", "domain/53/udp", "bootps/67/udp", "bootpc/68/udp", "tftp/69/udp",
            "gopher/70/tcp", "finger/79/tcp", "http/80/tcp", "kerberos/88/udp", "hostname/101/tcp", "iso-tsap/102/tcp",
            "rtelnet/107/tcp", "pop2/109/tcp", "pop3/110/tcp", "sunrpc/111/udp", "auth/113/tcp", "uucp-path/117/tcp",
            "nntp/119/tcp", "ntp/123/udp", "epmap/135/tcp", "netbios-ns/137/udp", "netbios-dgm/138/udp",
            "netbios-ssn/139/tcp", "imap/143/tcp", "pcmail-srv/158/tcp", "snmp/161/udp", "snmptrap/162/udp",
            "print-srv/170/tcp", "bgp/179/tcp", "irc/194/tcp", "ipx/213/udp", "ldap/389/tcp", "https/443/udp",
            "microsoft-ds/445/tcp", "kpasswd/464/udp", "isakmp/500/udp", "exec/512/tcp", "biff/512/udp", "login/513/tcp",
            "who/513/udp", "cmd/514/tcp", "syslog/514/udp", "printer/515/tcp", "talk/517/udp", "ntalk/518/udp",
            "efs/520/tcp", "router/520/udp", "timed/525/udp", "tempo/526/tcp", "courier/530/tcp", "conference/531/tcp",
            "netnews/532/tcp", "netwall/533/udp", "uucp/540/tcp", "klogin/543/tcp", "kshell/544/tcp", "new-rwho/550/udp",
            "remotefs/556/tcp", "rmonitor/560/udp", "monitor/561/udp", "ldaps/636/tcp", "doom/666/udp",
            "kerberos-adm/749/tcp", "kerberos-iv/750/udp", "kpop/1109/tcp", "phone/1167/udp", "ms-sql-s/1433/tcp",
            "ms-sql-m/1434/udp", "wins/1512/tcp", "ingreslock/1524/tcp", "l2tp/1701/udp", "pptp/1723/tcp",
            "radius/1812/udp", "radacct/1813/udp", "nfsd/2049/udp", "knetd/2053/tcp", "man/9535/tcp"};
        for (String e : seeds) {
            String[] f = e.split("/");
            Proto p = f[2].equals("tcp") ? Proto.TCP : Proto.UDP;
            Services.Service svc = s.byPort(p, Integer.parseInt(f[1]));
            assertNotNull(svc, e);
            assertEquals(f[0], svc.name(), e);
            assertFalse(svc.description(Lang.ZH).contains("未翻译"), e + ": " + svc.description(Lang.ZH));
            assertEquals(Integer.parseInt(f[1]), s.resolvePort(p, f[0]), e);
        }
    }

    @Test
    void commonIanaPortsAreThere() {
        int[] tcp = {22, 443, 3306, 5432, 3389, 1080, 8080, 3128, 808, 5900, 6379, 27017, 1433, 445, 139};
        for (int port : tcp) {
            assertNotNull(s.byPort(Proto.TCP, port), "tcp " + port);
        }
        assertNotNull(s.byPort(Proto.UDP, 137));
        assertNotNull(s.byPort(Proto.UDP, 138));
        assertEquals("ms-wbt-server", s.byPort(Proto.TCP, 3389).name());
    }

    @Test
    void aliasesAndNumbersResolveToo() {
        assertEquals(80, s.resolvePort(Proto.TCP, "www"));
        assertEquals(443, s.resolvePort(Proto.TCP, "HTTPS"));
        assertEquals(8081, s.resolvePort(Proto.TCP, "8081"));
        assertEquals(-1, s.resolvePort(Proto.TCP, "no-such-service"));
    }
}
