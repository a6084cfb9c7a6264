package tcplab.capture;

import java.util.ArrayList;
import java.util.List;
import tcplab.tcp.TcpState;

/**
 * One TCP connection found in a capture, with what {@link StateInference} made of it: each end's
 * RFC 9293 states with the time and packet of every change, the packets that were
 * retransmissions or duplicates, and Zeek's {@code conn_state} and {@code history}.
 *
 * <p>End 0 is the client (the end that sent the first SYN; without a SYN in the capture, the
 * sender of the first packet) and end 1 the server.
 */
public final class Connection {
    /** How a packet relates to what its sender sent before. */
    public enum Note { retransmission, duplicate, dupAck }

    /** A transition of one end. {@code reason} is a bundle key ({@code why.NAME}) when inferred, else null. */
    public record Transition(int end, long timeNanos, long frame, TcpState from, TcpState to, boolean inferred, String reason) {
        /** Made by a timer (TIME-WAIT's end, a handshake that timed out), which no packet shows. */
        public boolean timer() {
            return "timeWaitTimer".equals(reason) || ("synAckTimeout".equals(reason) && to != TcpState.SYN_RECEIVED);
        }
    }

    /** A packet of the connection: from end {@code from}, with its note (null when nothing to say). */
    public record Packet(TcpPacket tcp, int from, Note note) {
    }

    final int id;
    final String[] addr = new String[2];
    final int[] port = new int[2];
    final int ipVersion;
    final List<Packet> packets = new ArrayList<>();
    final List<Transition> transitions = new ArrayList<>();
    final TcpState[] initial = new TcpState[2];
    final String[] initialReason = new String[2];
    String zeekState;
    String history;
    boolean ended;

    Connection(int id, TcpPacket first, boolean firstIsClient) {
        this.id = id;
        this.ipVersion = first.ipVersion();
        int c = firstIsClient ? 0 : 1;
        addr[c] = first.src();
        port[c] = first.srcPort();
        addr[1 - c] = first.dst();
        port[1 - c] = first.dstPort();
    }

    public int id() {
        return id;
    }

    /** The end's address and port as {@code 10.0.0.1:80} or {@code [2001:db8::1]:80}. */
    public String endText(int end) {
        return ipVersion == 6 ? "[" + addr[end] + "]:" + port[end] : addr[end] + ":" + port[end];
    }

    public String address(int end) {
        return addr[end];
    }

    public int port(int end) {
        return port[end];
    }

    public int ipVersion() {
        return ipVersion;
    }

    /** Which end sent {@code p}. */
    int endOf(TcpPacket p) {
        return p.src().equals(addr[0]) && p.srcPort() == port[0] ? 0 : 1;
    }

    public List<Packet> packets() {
        return packets;
    }

    public List<Transition> transitions() {
        return transitions;
    }

    /** The end's state before the first packet. */
    public TcpState initialState(int end) {
        return initial[end];
    }

    /** Why the initial state is an inference (bundle key), or null when it is not. */
    public String initialReason(int end) {
        return initialReason[end];
    }

    /** The end's state after the capture's last packet of this connection (timer transitions excluded). */
    public TcpState finalState(int end) {
        TcpState s = initial[end];
        for (Transition t : transitions) {
            if (t.end() == end && !"timeWaitTimer".equals(t.reason())) {
                s = t.to();
            }
        }
        return s;
    }

    /** The end's state after frame {@code frame} (timers included when due by then). */
    public TcpState stateAfter(int end, long frame) {
        TcpState s = initial[end];
        for (Transition t : transitions) {
            if (t.end() == end && t.frame() <= frame && t.frame() > 0) {
                s = t.to();
            }
        }
        return s;
    }

    public String zeekState() {
        return zeekState;
    }

    public String history() {
        return history;
    }

    public long firstNanos() {
        return packets.get(0).tcp().timeNanos();
    }

    public long lastNanos() {
        return packets.get(packets.size() - 1).tcp().timeNanos();
    }
}
