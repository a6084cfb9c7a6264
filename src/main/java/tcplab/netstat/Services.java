package tcplab.netstat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tcplab.i18n.Lang;

/**
 * The bundled services table ({@code services.tsv}): port numbers to names and back, per
 * protocol, with an English and a Chinese description. Loaded once; lookups are map reads.
 */
public final class Services {
    /** One entry of the table. */
    public record Service(int port, Proto proto, String name, List<String> aliases, String english, String chinese) {
        public String description(Lang lang) {
            return lang == Lang.ZH ? chinese : english;
        }
    }

    private static final Services INSTANCE = load();

    /** By protocol ordinal, then port: an array read, not a boxed map lookup (every row asks). */
    private final Service[][] byPort = new Service[Proto.values().length][65536];
    private final Map<String, Service> byName = new HashMap<>();
    private final List<Service> all = new ArrayList<>();

    private Services() {
    }

    public static Services get() {
        return INSTANCE;
    }

    /** The service on {@code port}/{@code proto}, or null. */
    public Service byPort(Proto proto, int port) {
        return port >= 0 && port <= 65535 ? byPort[proto.ordinal()][port] : null;
    }

    /** The service named {@code name} (or an alias, any case) for {@code proto}, or null. */
    public Service byName(Proto proto, String name) {
        if (name.isEmpty() || name.length() > 40) {
            return null;
        }
        return byName.get(proto.ordinal() + name.toLowerCase(Locale.ROOT));
    }

    /** The port a tool's port text means: a number, or a service name; -1 when neither. */
    public int resolvePort(Proto proto, String text) {
        int p = Addresses.parsePort(text, 0, text.length());
        if (p >= 0) {
            return p;
        }
        Service s = byName(proto, text);
        if (s == null && proto == Proto.UDP) {
            s = byName(Proto.TCP, text);
        } else if (s == null) {
            s = byName(Proto.UDP, text);
        }
        return s == null ? -1 : s.port();
    }

    public List<Service> all() {
        return Collections.unmodifiableList(all);
    }

    private static Services load() {
        Services s = new Services();
        try (InputStream in = Services.class.getResourceAsStream("services.tsv")) {
            if (in == null) {
                throw new IllegalStateException("services.tsv is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 6) {
                    throw new IllegalStateException("services.tsv: bad line: " + line);
                }
                Proto proto = f[1].equals("tcp") ? Proto.TCP : Proto.UDP;
                List<String> aliases = f[3].isEmpty() ? List.of() : List.of(f[3].split(","));
                Service svc = new Service(Integer.parseInt(f[0]), proto, f[2], aliases, f[4], f[5]);
                s.all.add(svc);
                if (s.byPort[proto.ordinal()][svc.port()] == null) {
                    s.byPort[proto.ordinal()][svc.port()] = svc;
                }
                s.byName.putIfAbsent(proto.ordinal() + svc.name().toLowerCase(Locale.ROOT), svc);
                for (String a : aliases) {
                    s.byName.putIfAbsent(proto.ordinal() + a.toLowerCase(Locale.ROOT), svc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }
}
