package tcplab.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import tcplab.tcp.TcpState;

/**
 * Infers both ends' RFC 9293 states from a connection's packets.
 *
 * <p>A capture point sees each packet once, somewhere between its sender and its receiver. The
 * sender's change on sending (SYN → SYN-SENT, FIN → FIN-WAIT-1 or LAST-ACK, RST → CLOSED) is
 * certain and is placed at the packet. When the receiver got a packet is not: this class holds
 * each packet that occupies sequence space (SYN, data, FIN) in a queue for its receiver and
 * delivers it when the receiver's own next packet acknowledges it (that packet proves it had
 * arrived), never earlier than the receiver's last packet that did not acknowledge it (that one
 * proves it had not). A packet no later one confirms (the last ACK of a close, a packet lost
 * after the capture point) is delivered at its capture time and marked as inferred, with the
 * reason; so are states changed by a packet the capture never saw (a FIN lost before the capture
 * point, revealed by the sender's later sequence numbers) and by timers (TIME-WAIT's 2MSL).
 *
 * <p>The receiving rules are RFC 9293 §3.10.7.3 and §3.10.7.4 (SYN-SENT; then the ACK step before
 * the FIN step, so a FIN that also acknowledges our FIN moves FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT,
 * as Linux's tcp_rcv_state_process() does).
 */
final class StateInference {
    /** Linux's TIME-WAIT length (TCP_TIMEWAIT_LEN, 60 s): the timer transition's time. */
    static final long TIME_WAIT_NANOS = 60_000_000_000L;

    private final Connection c;
    private final TcpState[] state = new TcpState[2];
    /** Highest sequence number each end has sent (end of its sequence space), -1 unknown. */
    private final long[] sndMax = {-1, -1};
    private final boolean[] sndSeen = new boolean[2];
    /** Sequence number of each end's FIN (the octet it occupies), from a pass over the packets; -1 none. */
    private final long[] finAt = {-1, -1};
    private final boolean[] finSent = new boolean[2];
    /** Sequence number each end has received up to (RCV.NXT as far as the inference knows). */
    private final long[] rcvNxt = {-1, -1};
    private final List<Deque<Pending>> pending = List.of(new ArrayDeque<>(), new ArrayDeque<>());
    /** Sequence numbers of packets towards each end that its later packets showed had not arrived. */
    private final List<java.util.Set<Long>> lost = List.of(new java.util.HashSet<>(), new java.util.HashSet<>());
    private final boolean serverListened;
    private final long[] lastChange = {Long.MIN_VALUE, Long.MIN_VALUE};
    /** The frame number of each end's last packet in the connection. */
    private final long[] lastFrameFrom = {-1, -1};
    /** Time and frame of each end's latest packet so far. */
    private final long[] lastSendNanos = {Long.MIN_VALUE, Long.MIN_VALUE};
    private final long[] lastSendFrame = {-1, -1};
    /** Packets held for a receiver at most: beyond, the oldest is delivered as an inference (bounded time and memory). */
    static final int MAX_PENDING = 4096;
    /** The sequence number of each end's latest SYN, -1 before it sent one. */
    private final long[] synSeq = {-1, -1};

    private static final class Pending {
        final Connection.Packet p;
        /** Earlier copies of it that were still unacknowledged when it was sent again. */
        int earlierCopies;

        Pending(Connection.Packet p) {
            this.p = p;
        }
    }

    /**
     * Whether receiver {@code x} sent a packet after {@code r} was captured: while {@code r} is
     * still held, that packet did not acknowledge it, so it had not arrived then.
     */
    private boolean unacknowledged(int x, Pending r) {
        return lastSendFrame[x] > r.p.tcp().frame();
    }

    /** The earliest {@code r} can have arrived at {@code x}: not before its capture, nor before x's last packet that did not acknowledge it. */
    private long notBefore(int x, Pending r) {
        return unacknowledged(x, r) ? Math.max(r.p.tcp().timeNanos(), lastSendNanos[x]) : r.p.tcp().timeNanos();
    }

    private StateInference(Connection c) {
        this.c = c;
        Boolean firstServerSynWasSynAck = null;
        for (Connection.Packet p : c.packets) {
            TcpPacket t = p.tcp();
            lastFrameFrom[p.from()] = Math.max(lastFrameFrom[p.from()], t.frame());
            if (t.has(TcpPacket.FIN) && finAt[p.from()] < 0) {
                finAt[p.from()] = (t.seq() + t.payloadLen() + (t.has(TcpPacket.SYN) ? 1 : 0)) & 0xFFFFFFFFL;
            }
            if (p.from() == 1 && t.has(TcpPacket.SYN) && firstServerSynWasSynAck == null) {
                firstServerSynWasSynAck = t.has(TcpPacket.ACK);
            }
        }
        // a server whose first SYN is a SYN-ACK answered from a listening socket; one that sent a
        // SYN of its own opened actively too (a simultaneous open, RFC 9293 Figure 8)
        serverListened = Boolean.TRUE.equals(firstServerSynWasSynAck);
    }

    static void infer(Connection c) {
        new StateInference(c).run();
    }

    private void run() {
        TcpPacket first = c.packets.get(0).tcp();
        boolean synSeen = c.packets.stream().anyMatch(p -> p.tcp().has(TcpPacket.SYN));
        if (!synSeen) {
            // the capture starts after the handshake: both ends already synchronized
            for (int e = 0; e < 2; e++) {
                state[e] = TcpState.ESTABLISHED;
                c.initialReason[e] = "startedBefore";
            }
        } else {
            state[0] = TcpState.CLOSED;
            state[1] = serverListened ? TcpState.LISTEN : TcpState.CLOSED;
            if (serverListened) {
                c.initialReason[1] = "listenerAnswered";
            }
        }
        c.initial[0] = state[0];
        c.initial[1] = state[1];
        for (Connection.Packet p : c.packets) {
            onPacket(p);
        }
        // what no later packet confirms arrived: delivered at capture time, as an inference; but a
        // SYN, data or FIN its receiver never acknowledged though it sent packets afterwards was lost
        // (TCP acknowledges each of them), and changes nothing
        for (int e = 0; e < 2; e++) {
            while (!pending.get(e).isEmpty()) {
                Pending q = pending.get(e).poll();
                if (q.p.tcp().seqLen() > 0 && (unacknowledged(e, q) || lost.get(e).contains(q.p.tcp().seq()) || q.earlierCopies >= 2)) {
                    // and so, most likely, is a copy of one whose earlier copies were lost, or one
                    // its sender had to send three times without ever being acknowledged
                    continue;
                }
                receive(e, q.p, notBefore(e, q), q.p.tcp().frame(), "noLaterPacket");
            }
        }
        for (int e = 0; e < 2; e++) {
            if (state[e] == TcpState.TIME_WAIT) {
                long t = 0;
                for (Connection.Transition tr : c.transitions) {
                    if (tr.end() == e && tr.to() == TcpState.TIME_WAIT) {
                        t = tr.timeNanos();
                    }
                }
                c.transitions.add(new Connection.Transition(e, t + TIME_WAIT_NANOS, -1, TcpState.TIME_WAIT, TcpState.CLOSED, true, "timeWaitTimer"));
            }
        }
        // a stable sort: transitions at the same time keep the order they were made in
        c.transitions.sort(java.util.Comparator.comparingLong(Connection.Transition::timeNanos));
    }

    private void onPacket(Connection.Packet p) {
        int e = p.from();
        int o = 1 - e;
        TcpPacket t = p.tcp();
        long now = t.timeNanos();
        // a FIN this end sent that the capture never saw: its sequence numbers have moved past it
        if (finAt[e] >= 0 && !finSent[e] && !t.has(TcpPacket.FIN) && sndSeen[e] && after(t.seq(), finAt[e])) {
            sendFin(e, now, t.frame(), true);
        }
        // what this packet acknowledges had arrived before it was sent
        Deque<Pending> q = pending.get(e);
        while (!q.isEmpty()) {
            Pending head = q.peek();
            if (t.has(TcpPacket.ACK) && covers(t.ack(), head.p.tcp())) {
                q.poll();
                receive(e, head.p, notBefore(e, head), head.p.tcp().frame(), null);
                // zero-length packets queued behind it came after it: they arrive now too
                while (!q.isEmpty() && q.peek().p.tcp().seqLen() == 0) {
                    Pending z = q.poll();
                    receive(e, z.p, notBefore(e, z), z.p.tcp().frame(), laterFrom(e, z.p) ? null : "noLaterPacket");
                }
            } else {
                break;
            }
        }
        // and what it does not acknowledge had not arrived when it was sent (see notBefore)
        send(e, p, now);
        lastSendNanos[e] = now;
        lastSendFrame[e] = t.frame();
        // the packet goes towards the other end
        Deque<Pending> toOther = pending.get(o);
        int[] copies = {0};
        if (t.seqLen() > 0 && toOther.size() <= MAX_PENDING) {
            // a retransmission of what is still on its way: the original was most likely lost
            // (the sender's timer fired for want of an ACK), so only the copy will arrive
            toOther.removeIf(r -> {
                boolean copy = r.p.tcp().seqLen() > 0 && r.p.tcp().seq() == t.seq() && r.p.tcp().flags() == t.flags();
                if (copy) {
                    copies[0] = Math.max(copies[0], r.earlierCopies + 1);
                    if (unacknowledged(o, r)) {
                        lost.get(o).add(t.seq());
                    }
                }
                return copy;
            });
        }
        while (!toOther.isEmpty() && toOther.peek().p.tcp().seqLen() == 0) {
            Pending z = toOther.poll();
            receive(o, z.p, notBefore(o, z), z.p.tcp().frame(), laterFrom(o, z.p) ? null : "noLaterPacket");
        }
        if (t.seqLen() == 0 && toOther.isEmpty()) {
            receive(o, p, now, t.frame(), laterFrom(o, p) ? null : "noLaterPacket");
        } else {
            Pending np = new Pending(p);
            np.earlierCopies = copies[0];
            toOther.add(np);
            if (toOther.size() > MAX_PENDING) {
                // a one-sided capture (the other direction filtered out) never confirms anything
                Pending old = toOther.poll();
                receive(o, old.p, notBefore(o, old), old.p.tcp().frame(), "noLaterPacket");
            }
        }
    }

    /** Whether end {@code e} sends anything after packet {@code p}: then it was alive to receive it. */
    private boolean laterFrom(int e, Connection.Packet p) {
        return lastFrameFrom[e] > p.tcp().frame();
    }

    private void send(int e, Connection.Packet p, long now) {
        TcpPacket t = p.tcp();
        long end = (t.seq() + t.seqLen()) & 0xFFFFFFFFL;
        if (!sndSeen[e] || after(end, sndMax[e])) {
            sndMax[e] = end;
        }
        sndSeen[e] = true;
        if (t.has(TcpPacket.RST)) {
            if (state[e] != TcpState.CLOSED && state[e] != TcpState.LISTEN && state[e] != TcpState.TIME_WAIT) {
                move(e, now, t.frame(), TcpState.CLOSED, null);
            }
            return;
        }
        if (t.has(TcpPacket.SYN) && !t.has(TcpPacket.ACK) && (state[e] == TcpState.CLOSED || state[e] == TcpState.LISTEN)) {
            move(e, now, t.frame(), TcpState.SYN_SENT, null);
        }
        if (t.has(TcpPacket.SYN) && t.has(TcpPacket.ACK) && state[e] == TcpState.SYN_RECEIVED && synSeq[e] >= 0 && t.seq() != synSeq[e]) {
            // a SYN-ACK with a new initial sequence number: the first attempt timed out (its SYN-ACK
            // retries ran out, Linux's tcp_synack_retries) and a new SYN made a new one
            move(e, now, t.frame(), serverListened ? TcpState.LISTEN : TcpState.CLOSED, "synAckTimeout");
            move(e, now, t.frame(), TcpState.SYN_RECEIVED, "synAckTimeout");
        }
        if (t.has(TcpPacket.SYN)) {
            synSeq[e] = t.seq();
        }
        if (t.has(TcpPacket.SYN) && t.has(TcpPacket.ACK) && (state[e] == TcpState.LISTEN || state[e] == TcpState.CLOSED)) {
            // it answers a SYN the capture did not show
            rcvNxt[e] = t.ack();
            move(e, now, t.frame(), TcpState.SYN_RECEIVED, "synNotCaptured");
        }
        if (t.has(TcpPacket.FIN) && !finSent[e]) {
            sendFin(e, now, t.frame(), false);
        }
    }

    private void sendFin(int e, long now, long frame, boolean unseen) {
        finSent[e] = true;
        String why = unseen ? "finNotCaptured" : null;
        switch (state[e]) {
            case ESTABLISHED, SYN_RECEIVED -> move(e, now, frame, TcpState.FIN_WAIT_1, why);
            case CLOSE_WAIT -> move(e, now, frame, TcpState.LAST_ACK, why);
            default -> {
            }
        }
    }

    /** End {@code x} processes packet {@code p} from the other end (RFC 9293 §3.10.7). */
    private void receive(int x, Connection.Packet p, long when, long frame, String why) {
        TcpPacket t = p.tcp();
        long segEnd = (t.seq() + t.seqLen()) & 0xFFFFFFFFL;
        boolean duplicate = rcvNxt[x] >= 0 && t.seqLen() > 0 && !after(segEnd, rcvNxt[x]);
        if (t.has(TcpPacket.RST)) {
            switch (state[x]) {
                case SYN_SENT -> {
                    if (t.has(TcpPacket.ACK)) {
                        move(x, when, frame, TcpState.CLOSED, why);
                    }
                }
                case SYN_RECEIVED -> move(x, when, frame, serverListened && x == 1 ? TcpState.LISTEN : TcpState.CLOSED, why);
                case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK -> move(x, when, frame, TcpState.CLOSED, why);
                default -> {
                }
            }
            return;
        }
        switch (state[x]) {
            case LISTEN, CLOSED -> {
                if (t.has(TcpPacket.SYN) && !t.has(TcpPacket.ACK) && state[x] == TcpState.LISTEN) {
                    rcvNxt[x] = segEnd;
                    move(x, when, frame, TcpState.SYN_RECEIVED, why);
                }
                return;
            }
            case SYN_SENT -> {
                if (t.has(TcpPacket.SYN)) {
                    rcvNxt[x] = segEnd;
                    boolean acksOurSyn = t.has(TcpPacket.ACK) && sndSeen[x] && !after(t.ack(), sndMax[x]) && after(t.ack(), (sndMax[x] - 1) & 0xFFFFFFFFL);
                    move(x, when, frame, acksOurSyn || t.has(TcpPacket.ACK) ? TcpState.ESTABLISHED : TcpState.SYN_RECEIVED, why);
                }
                return;
            }
            default -> {
            }
        }
        if (duplicate) {
            // a simultaneous open: the peer's SYN-ACK repeats its SYN, but its ACK of our SYN counts
            if (state[x] == TcpState.SYN_RECEIVED && t.has(TcpPacket.ACK)) {
                move(x, when, frame, TcpState.ESTABLISHED, why);
            }
            return;
        }
        if (t.seqLen() > 0 && (rcvNxt[x] < 0 || !after(t.seq(), rcvNxt[x]))) {
            rcvNxt[x] = segEnd;
        }
        // the ACK step (§3.10.7.4 fifth)
        if (t.has(TcpPacket.ACK)) {
            boolean ourFinAcked = finSent[x] && finAt[x] >= 0 && !after((finAt[x] + 1) & 0xFFFFFFFFL, t.ack());
            switch (state[x]) {
                case SYN_RECEIVED -> move(x, when, frame, TcpState.ESTABLISHED, why);
                case FIN_WAIT_1 -> {
                    if (ourFinAcked) {
                        move(x, when, frame, TcpState.FIN_WAIT_2, why);
                    }
                }
                case CLOSING -> {
                    if (ourFinAcked) {
                        move(x, when, frame, TcpState.TIME_WAIT, why);
                    }
                }
                case LAST_ACK -> {
                    if (ourFinAcked) {
                        move(x, when, frame, TcpState.CLOSED, why);
                        return;
                    }
                }
                default -> {
                }
            }
        }
        // the FIN step (§3.10.7.4 eighth)
        if (t.has(TcpPacket.FIN)) {
            switch (state[x]) {
                case SYN_RECEIVED, ESTABLISHED -> move(x, when, frame, TcpState.CLOSE_WAIT, why);
                case FIN_WAIT_1 -> move(x, when, frame, TcpState.CLOSING, why);
                case FIN_WAIT_2 -> move(x, when, frame, TcpState.TIME_WAIT, why);
                default -> {
                }
            }
        }
    }

    private void move(int e, long when, long frame, TcpState to, String why) {
        if (state[e] == to) {
            return;
        }
        // an end's states follow one another: a delivery found late never goes before a change already made
        when = Math.max(when, lastChange[e]);
        lastChange[e] = when;
        c.transitions.add(new Connection.Transition(e, when, frame, state[e], to, why != null, why));
        state[e] = to;
    }

    /** Whether {@code ack} acknowledges all of {@code p}'s sequence space. */
    private static boolean covers(long ack, TcpPacket p) {
        long end = (p.seq() + p.seqLen()) & 0xFFFFFFFFL;
        return !after(end, ack);
    }

    /** a > b in sequence space (RFC 9293 §3.4, modulo 2^32). */
    static boolean after(long a, long b) {
        return (int) (a - b) > 0;
    }
}
