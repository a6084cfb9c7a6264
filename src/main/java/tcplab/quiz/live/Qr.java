package tcplab.quiz.live;

import io.nayuki.qrcodegen.QrCode;

/**
 * The join address as a QR code (Nayuki's qrcodegen): a square of dark and light modules that the
 * window draws large on the projector and the terminal prints with half blocks. Medium error
 * correction (15 %), which phone cameras read from the back of a room.
 */
public final class Qr {
    private final QrCode code;

    private Qr(QrCode code) {
        this.code = code;
    }

    public static Qr of(String text) {
        return new Qr(QrCode.encodeText(text, QrCode.Ecc.MEDIUM));
    }

    /** Modules per side, without the quiet zone. */
    public int size() {
        return code.size;
    }

    /** Whether the module at column {@code x}, row {@code y} is dark; outside the code (the quiet zone) it is light. */
    public boolean dark(int x, int y) {
        return x >= 0 && y >= 0 && x < code.size && y < code.size && code.getModule(x, y);
    }

    /**
     * The code as text for a terminal: two rows of modules per line in half blocks, with a quiet
     * zone of two modules, dark modules printed as spaces on a light block so that it scans on a
     * dark terminal as well as on a light one.
     */
    public String toTerminal() {
        StringBuilder sb = new StringBuilder();
        int q = 2;
        for (int y = -q; y < code.size + q; y += 2) {
            for (int x = -q; x < code.size + q; x++) {
                boolean top = dark(x, y);
                boolean bottom = dark(x, y + 1) || y + 1 >= code.size + q;
                // Light is drawn (block), dark is left as background; a dark terminal shows it the right way round.
                sb.append(!top && !bottom ? '█' : !top ? '▀' : !bottom ? '▄' : ' ');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
