package tcplab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The same lifecycle on this machine's real TCP over loopback (127.0.0.1 only), for comparison:
 * connect, a 100-octet request, a 100-octet response, the client closes first, the server closes.
 * A bounded number of connections; the server thread ends with the run.
 */
final class KernelLoopback {
    record Result(long lifecycles, double seconds) {
        double perSecond() {
            return lifecycles / seconds;
        }
    }

    private KernelLoopback() {
    }

    static Result run(int lifecycles) throws IOException, InterruptedException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 4096, lo)) {
            Thread t = new Thread(() -> serve(server, lifecycles), "loopback-server");
            t.setDaemon(true);
            t.start();
            byte[] request = new byte[100];
            byte[] reply = new byte[100];
            long t0 = System.nanoTime();
            for (int i = 0; i < lifecycles; i++) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(lo, server.getLocalPort()));
                    OutputStream out = s.getOutputStream();
                    out.write(request);
                    readFully(s.getInputStream(), reply);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            t.join(10_000);
            return new Result(lifecycles, seconds);
        }
    }

    private static void serve(ServerSocket server, int lifecycles) {
        byte[] buf = new byte[100];
        for (int i = 0; i < lifecycles; i++) {
            try (Socket s = server.accept()) {
                readFully(s.getInputStream(), buf);
                s.getOutputStream().write(buf);
                // Wait for the client's FIN (end-of-stream) before closing: the client closes first.
                s.getInputStream().read();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void readFully(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                throw new IOException("connection closed early");
            }
            n += r;
        }
    }
}
