package tcplab.capture;

/**
 * Zeek's summary of a TCP connection (the {@code conn_state} and {@code history} fields of its
 * conn.log, as documented for Zeek's base/protocols/conn/main.zeek): upper-case history letters
 * for the originator (our end 0), lower-case for the responder, each letter at its first occurrence.
 */
final class Zeek {
    private Zeek() {
    }

    static void summarise(Connection c) {
        StringBuilder h = new StringBuilder();
        boolean synO = false, synAckR = false, finO = false, finR = false, synR = false, synAckO = false;
        int firstRst = -1;
        for (Connection.Packet p : c.packets) {
            TcpPacket t = p.tcp();
            boolean orig = p.from() == 0;
            if (t.has(TcpPacket.SYN) && !t.has(TcpPacket.ACK)) {
                add(h, 'S', orig);
                if (orig) {
                    synO = true;
                } else {
                    synR = true;
                }
            }
            if (t.has(TcpPacket.SYN) && t.has(TcpPacket.ACK)) {
                add(h, 'H', orig);
                if (orig) {
                    synAckO = true;
                } else {
                    synAckR = true;
                }
            }
            if (t.has(TcpPacket.ACK) && t.payloadLen() == 0 && (t.flags() & (TcpPacket.SYN | TcpPacket.FIN | TcpPacket.RST)) == 0) {
                add(h, 'A', orig);
            }
            if (t.payloadLen() > 0) {
                add(h, 'D', orig);
            }
            if (t.has(TcpPacket.FIN)) {
                add(h, 'F', orig);
                if (orig) {
                    finO = true;
                } else {
                    finR = true;
                }
            }
            if (t.has(TcpPacket.RST)) {
                add(h, 'R', orig);
                if (firstRst < 0) {
                    firstRst = p.from();
                }
            }
            if (p.note() == Connection.Note.retransmission) {
                add(h, 'T', orig);
            }
        }
        c.history = h.toString();
        boolean established = synO && synAckR;
        String s;
        if (!synO && !synAckR && !synR && !synAckO) {
            s = "OTH";
        } else if (firstRst >= 0) {
            if (established) {
                s = firstRst == 0 ? "RSTO" : "RSTR";
            } else if (synO && firstRst == 1) {
                s = "REJ";
            } else if (synO) {
                s = "RSTOS0";
            } else if (synAckR) {
                s = "RSTRH";
            } else {
                s = "OTH";
            }
        } else if (synO && !synAckR) {
            s = finO ? "SH" : "S0";
        } else if (!synO && synAckR) {
            s = finR ? "SHR" : "OTH";
        } else if (finO && finR) {
            s = "SF";
        } else if (finO) {
            s = "S2";
        } else if (finR) {
            s = "S3";
        } else {
            s = "S1";
        }
        c.zeekState = s;
    }

    private static void add(StringBuilder h, char letter, boolean orig) {
        char ch = orig ? letter : Character.toLowerCase(letter);
        if (h.indexOf(String.valueOf(ch)) < 0) {
            h.append(ch);
        }
    }
}
