package tcplab.quiz;

import static tcplab.quiz.Choices.options;
import static tcplab.quiz.Conversations.SERVERS;
import static tcplab.quiz.Conversations.listenShow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tcplab.netstat.Proto;
import tcplab.netstat.Services;
import tcplab.quiz.Conversations.Service;

/** {@code port_class}: which IANA range a port is in, or which service a well-known port is. */
final class PortClassMaker extends Maker {
    PortClassMaker(Ask ask) {
        super(ask);
    }

    /** IANA's port ranges (RFC 6335 §6): 0–1023 system (well-known), 1024–49151 user (registered), 49152–65535 dynamic. */
    static String portClass(int port) {
        return port <= 1023 ? "wellKnown" : port <= 49151 ? "registered" : "dynamic";
    }

    @Override
    public Question make() {
        boolean askService = d != Difficulty.EASY && rnd.nextBoolean();
        Map<String, String> fields = new LinkedHashMap<>();
        if (askService) {
            Service s = SERVERS.get(rnd.nextInt(SERVERS.size()));
            Services.Service svc = Services.get().byPort(Proto.TCP, s.port());
            List<String> cands = new ArrayList<>();
            for (Service o : SERVERS) {
                Services.Service x = Services.get().byPort(Proto.TCP, o.port());
                if (x != null) {
                    cands.add(x.name());
                }
            }
            fields.put("port", Integer.toString(s.port()));
            fields.put("class", portClass(s.port()));
            fields.put("service", svc.name());
            String explanation = t.get("port.service.explain", Integer.toString(s.port()), svc.name(), svc.description(lang),
                    t.get("class." + portClass(s.port())));
            List<String> opts = options(rnd, svc.name(), cands, 4);
            return new Question(id, QuestionType.PORT_CLASS, d, t.get("port.askService", Integer.toString(s.port())),
                    opts, svc.name(), AnswerKind.TEXT, svc.aliases(), explanation, null,
                    fields, listenShow(rnd, s)).withFeedback(serviceFeedback(opts, svc.name(), s.port()));
        }
        int c = rnd.nextInt(3);
        int port;
        if (c == 0) {
            List<Services.Service> known = new ArrayList<>();
            for (Services.Service s : Services.get().all()) {
                if (s.port() <= 1023 && s.proto() == Proto.TCP) {
                    known.add(s);
                }
            }
            port = d == Difficulty.EASY || known.isEmpty() ? 1 + rnd.nextInt(1023) : known.get(rnd.nextInt(known.size())).port();
        } else if (c == 1) {
            port = 1024 + rnd.nextInt(49151 - 1024 + 1);
        } else {
            port = 49152 + rnd.nextInt(65535 - 49152 + 1);
        }
        if (d == Difficulty.HARD) {
            int[] edges = {1023, 1024, 49151, 49152, 65535};
            if (rnd.nextInt(3) == 0) {
                port = edges[rnd.nextInt(edges.length)];
            }
        }
        String cls = portClass(port);
        List<String> opts = new ArrayList<>();
        for (String k : List.of("wellKnown", "registered", "dynamic")) {
            opts.add(t.get("class." + k));
        }
        Collections.shuffle(opts, rnd);
        Services.Service svc = Services.get().byPort(Proto.TCP, port);
        fields.put("port", Integer.toString(port));
        fields.put("class", cls);
        String explanation = t.get("port.class.explain." + cls, Integer.toString(port))
                + (svc != null ? " " + t.get("port.known", Integer.toString(port), svc.name(), svc.description(lang)) : "");
        List<String> accepted = List.of(t.get("class." + cls + ".accept").split("\\|"));
        Map<String, String> why = new LinkedHashMap<>();
        for (String k : List.of("wellKnown", "registered", "dynamic")) {
            if (!k.equals(cls)) {
                why.put(t.get("class." + k), t.get("fb.port.class", Integer.toString(port), t.get("class." + k),
                        t.get("class." + k + ".range")));
            }
        }
        return new Question(id, QuestionType.PORT_CLASS, d, t.get("port.askClass", Integer.toString(port)), opts,
                t.get("class." + cls), AnswerKind.TEXT, accepted, explanation, null, fields, null).withFeedback(why);
    }
}
