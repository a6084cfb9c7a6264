package tcplab.ui.run;

import java.util.ArrayList;
import java.util.List;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;
import tcplab.sim.Timeline;
import tcplab.sim.TraceEvent;
import tcplab.sim.TraceEvent.AppEvent;
import tcplab.sim.TraceEvent.SegmentAction;
import tcplab.sim.TraceEvent.SegmentEvent;
import tcplab.sim.TraceEvent.StateChange;

/** One row of the event list (Packet Tracer's "event list"): a trace event in words. */
public record EventRow(int step, long timeUs, String host, Kind kind, String text) {

    /** For the list's filter. */
    public enum Kind { SEGMENT, STATE, APP }

    /** Its time in ms, to the microsecond when a tenth would hide it (as the ladder's rows). */
    public String timeText() {
        return LadderView.timeLabel(timeUs);
    }

    /** The rows of a whole timeline, in the chosen language, with relative sequence numbers. */
    public static List<EventRow> of(Timeline tl, Lang lang) {
        return of(tl, lang, false);
    }

    /**
     * The rows of a whole timeline, in the chosen language; sequence and acknowledgement numbers
     * relative to each direction's ISN, or {@code absolute} as on the wire: the ladder's choice,
     * so a segment reads the same in both.
     */
    public static List<EventRow> of(Timeline tl, Lang lang, boolean absolute) {
        return of(tl, lang, absolute, Object::toString, e -> null);
    }

    /**
     * As {@link #of(Timeline, Lang, boolean)}, each end written by {@code endText} (a capture's
     * IPv6 address instead of its stand-in) and each state change {@code inferredWhy} gives a
     * reason for marked as inferred, with that reason (a capture's transition no packet shows).
     */
    public static List<EventRow> of(Timeline tl, Lang lang, boolean absolute,
                                    java.util.function.Function<tcplab.tcp.Endpoint, String> endText,
                                    java.util.function.Function<TraceEvent, String> inferredWhy) {
        SeqNumbers numbers = new SeqNumbers(tl);
        Texts ui = Texts.of(LadderView.BUNDLE, lang);
        Texts ladder = Texts.of("tcplab.sim.Ladder", lang);
        List<EventRow> rows = new ArrayList<>();
        for (Timeline.Entry en : tl.entries()) {
            TraceEvent e = en.event();
            if (e instanceof StateChange s) {
                String cause = lang == Lang.ZH ? ladder.get("cause." + s.cause().name()) + " (" + s.cause().label() + ")"
                        : s.cause().label();
                String text = ui.get("event.state", s.from().name(), s.to().name(), cause, endText.apply(s.local()),
                        s.remote() == null ? "*:*" : endText.apply(s.remote()));
                String why = inferredWhy.apply(s);
                rows.add(new EventRow(en.step(), s.timeUs(), s.host(), Kind.STATE, why == null ? text : ui.get("event.inferred", text, why)));
            } else if (e instanceof SegmentEvent s) {
                String seg = numbers.label(s.id(), s.segment(), absolute);
                String text;
                if (s.action() == SegmentAction.SEND) {
                    text = ui.get("event.send", "#" + s.id(), seg, endText.apply(s.segment().src()), endText.apply(s.segment().dst()));
                } else if (s.action() == SegmentAction.DELIVER) {
                    text = ui.get("event.deliver", "#" + s.id(), seg);
                } else {
                    text = ui.get("event.drop", "#" + s.id(), seg, tcplab.sim.TextLadder.dropText(s, ladder));
                }
                rows.add(new EventRow(en.step(), s.timeUs(), s.host(), Kind.SEGMENT, text));
            } else if (e instanceof AppEvent a) {
                String result = ladder.has("result." + a.result()) ? ladder.get("result." + a.result()) : a.result();
                String call = a.call().equals("restart") ? ladder.get("ladder.restart") : a.call() + "()";
                rows.add(new EventRow(en.step(), a.timeUs(), a.host(), Kind.APP, ui.get("event.app", call, result)));
            }
        }
        return rows;
    }
}
