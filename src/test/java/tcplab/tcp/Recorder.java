package tcplab.tcp;

import java.util.ArrayList;
import java.util.List;

/** Records everything a {@link TcpEndpoint} puts out, with the virtual time it happened at. */
final class Recorder implements TcpEndpoint.Events {

    record Sent(long atUs, Segment segment) {
    }

    record Transition(TcpState from, TcpState to, Cause cause) {
        @Override
        public String toString() {
            return from + "->" + to + " (" + cause.label() + ")";
        }
    }

    /** The time stamped on what is recorded; the test sets it before each call. */
    long now;
    final List<Sent> sent = new ArrayList<>();
    final List<Transition> transitions = new ArrayList<>();
    final List<Long> transitionTimes = new ArrayList<>();
    final List<Notice> notices = new ArrayList<>();

    @Override
    public void transmit(TcpEndpoint from, Segment segment) {
        sent.add(new Sent(now, segment));
    }

    @Override
    public void stateChanged(TcpEndpoint endpoint, TcpState from, TcpState to, Cause cause) {
        transitions.add(new Transition(from, to, cause));
        transitionTimes.add(now);
    }

    @Override
    public void notice(TcpEndpoint endpoint, Notice notice, Segment segment) {
        notices.add(notice);
    }

    List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        for (Sent s : sent) {
            out.add(s.segment());
        }
        return out;
    }

    List<Long> sentTimes() {
        List<Long> out = new ArrayList<>();
        for (Sent s : sent) {
            out.add(s.atUs());
        }
        return out;
    }

    void clear() {
        sent.clear();
        transitions.clear();
        transitionTimes.clear();
        notices.clear();
    }
}
