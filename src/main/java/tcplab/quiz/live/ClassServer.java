package tcplab.quiz.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import tcplab.i18n.Lang;

/**
 * The students' side of a live class quiz over HTTP, on the JDK's own server
 * ({@code com.sun.net.httpserver}): the page and its script and style from the jar, a small JSON
 * API, and server-sent events that bring each browser its own view whenever what students see
 * changes.
 *
 * <p>Only students' requests come over the network. The teacher's actions (push, reveal, remove,
 * end) are method calls on the {@link Room} from the teacher's own process: there is no teacher
 * endpoint to find. Every request is bounded: bodies of at most {@link Limits#maxBody} bytes,
 * a token bucket per client, a cap on event streams; a malformed request gets 400 and changes
 * nothing.
 */
public final class ClassServer implements AutoCloseable {
    /** The cookie that holds a student's token: HttpOnly, so no script (nor a name a student typed) reads it. */
    static final String COOKIE = "tcplab_class";
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final String WEB = "/tcplab/quiz/live/web/";
    private static final Map<String, String> ASSETS = Map.of(
            "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/style.css", "style.css",
            "/favicon.svg", "favicon.svg");

    /**
     * What one client may ask.
     *
     * @param maxBody      bytes in a request body
     * @param ratePerSec   requests per second a student (or, before joining, an address) may make on average
     * @param burst        requests it may make at once
     * @param joinBurst    joins one address may make at once (a whole class behind one NAT joins together)
     * @param maxStreams   open event streams in all
     * @param keepAliveMs  how often a quiet event stream gets a comment, so phones and proxies keep it open
     */
    public record Limits(int maxBody, double ratePerSec, int burst, int joinBurst, int maxStreams, long keepAliveMs) {
        public static final Limits CLASSROOM = new Limits(2048, 10, 30, 400, 2000, 15_000);
    }

    static {
        // The JDK server's own guards (read once, when it is first used): a request must arrive
        // within 10 s (a slow-loris client is cut off) and idle connections are closed after 30 s.
        // No response time limit: an event stream is one long response.
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "10"));
        System.setProperty("sun.net.httpserver.idleInterval", System.getProperty("sun.net.httpserver.idleInterval", "30"));
        System.setProperty("sun.net.httpserver.maxReqHeaders", System.getProperty("sun.net.httpserver.maxReqHeaders", "64"));
        // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm holds
        // the body until the client's delayed ACK (40 ms on Linux) comes back.
        System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
        // A response that takes longer than this is cut by the server (its connection closed): the
        // backstop for an event stream whose reader stopped reading (see STREAM_LIFE_MS).
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "60"));
        // Every student's browser keeps a connection open between requests: the default of 200
        // idle connections would close a class's connections under their next request.
        System.setProperty("sun.net.httpserver.maxIdleConnections",
                System.getProperty("sun.net.httpserver.maxIdleConnections", "4000"));
    }

    private final Room room;
    private final Limits limits;
    private final HttpServer server;
    private final ExecutorService pool;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private final Thread pusher;
    /** The listener added to the room, kept so that close() removes this very one. */
    private final Runnable wakeListener = this::wakeUp;
    private volatile boolean closed;
    private long sentVersion;

    /** An open event stream. */
    /**
     * An open event stream. Its writes happen on the writer pool, never on the push thread: a
     * browser that stops reading (a phone asleep, a hostile client) can only hold up its own
     * stream. Views are whole states, so a view not yet sent is replaced by a newer one.
     */
    private static final class Stream {
        final String token;
        final HttpExchange exchange;
        final OutputStream out;
        final long openedNanos = System.nanoTime();
        final java.util.concurrent.atomic.AtomicReference<byte[]> pending = new java.util.concurrent.atomic.AtomicReference<>();
        final java.util.concurrent.atomic.AtomicBoolean scheduled = new java.util.concurrent.atomic.AtomicBoolean();
        volatile boolean gone;

        Stream(String token, HttpExchange exchange, OutputStream out) {
            this.token = token;
            this.exchange = exchange;
            this.out = out;
        }

        String token() {
            return token;
        }

        HttpExchange exchange() {
            return exchange;
        }
    }

    /**
     * How long one event stream lives before the server ends it and the browser reconnects (at
     * once, and gets the current view): a stream whose reader has stopped is also ended, by the
     * JDK server's response time limit set a little above this.
     */
    static final long STREAM_LIFE_MS = 45_000;
    private final ExecutorService writers;

    public ClassServer(Room room, InetSocketAddress bind, Limits limits) throws IOException {
        this.room = room;
        this.limits = limits;
        this.server = HttpServer.create(bind, 256);
        // Requests are short (the event streams are handed over to the pusher thread), so a few
        // threads serve a class; the queue is bounded by the clients' rate limits.
        this.pool = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "tcplab-class-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        this.writers = new ThreadPoolExecutor(16, 16, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "tcplab-class-events");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::handle);
        this.pusher = new Thread(this::pushLoop, "tcplab-class-push");
        pusher.setDaemon(true);
        room.addListener(wakeListener);
    }

    public void start() {
        server.start();
        pusher.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        closed = true;
        room.removeListener(wakeListener);
        wakeUp();
        for (Stream s : streams) {
            s.gone = true;
        }
        streams.clear();
        server.stop(0); // closes every connection, which also frees a writer stuck on one
        pool.shutdownNow();
        writers.shutdownNow();
    }

    /**
     * Called by the room under its own lock (on every change): it must take no lock, or the pusher,
     * which reads the room, could deadlock with it. Unparking takes none.
     */
    private void wakeUp() {
        java.util.concurrent.locks.LockSupport.unpark(pusher);
    }

    // ------------------------------------------------------------------ requests

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            Headers h = ex.getResponseHeaders();
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            h.set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                    + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
            String token = cookie(ex);
            boolean known = room.knows(token);
            String key = known ? "t:" + token : "a:" + ex.getRemoteAddress().getAddress().getHostAddress();
            if (!allow(key, path.equals("/api/join") && !known)) {
                ex.getResponseHeaders().set("Retry-After", "1");
                send(ex, 429, "application/json", StudentJson.error("too_many_requests"));
                return;
            }
            if (path.startsWith("/api/")) {
                api(ex, path, method, token);
                return;
            }
            String asset = ASSETS.get(path);
            if (asset == null) {
                send(ex, 404, "text/plain; charset=utf-8", "not found");
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(ex, 405, "text/plain; charset=utf-8", "method not allowed");
                return;
            }
            asset(ex, asset, method.equals("HEAD"));
        } catch (IOException e) {
            ex.close(); // the client went away
        } catch (RuntimeException e) {
            send(ex, 500, "application/json", StudentJson.error("server_error"));
        }
    }

    private void api(HttpExchange ex, String path, String method, String token) throws IOException {
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        switch (path) {
            case "/api/state": {
                if (!method.equals("GET")) {
                    send(ex, 405, "application/json", StudentJson.error("method_not_allowed"));
                    return;
                }
                Lang lang = langParam(ex.getRequestURI());
                Room.StudentView v = room.studentView(token);
                if (v == null) {
                    send(ex, 200, "application/json", StudentJson.notJoined(room.studentVersion()));
                    return;
                }
                if (lang != null) {
                    room.setLang(token, lang);
                }
                send(ex, 200, "application/json", StudentJson.of(v, lang != null ? lang : room.langOf(token)));
                return;
            }
            case "/api/events":
                events(ex, method, token);
                return;
            case "/api/join":
            case "/api/answer": {
                if (!method.equals("POST")) {
                    send(ex, 405, "application/json", StudentJson.error("method_not_allowed"));
                    return;
                }
                // A page of another site cannot post JSON here: browsers preflight that content
                // type, and the cookie is SameSite=Strict; an Origin, when sent, must be ours.
                String type = ex.getRequestHeaders().getFirst("Content-Type");
                if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json") || !sameOrigin(ex)) {
                    send(ex, 400, "application/json", StudentJson.error("bad_request"));
                    return;
                }
                Map<String, String> body = readBody(ex);
                if (body == null) {
                    return; // answered already (400 or 413)
                }
                if (path.equals("/api/join")) {
                    join(ex, body, token);
                } else {
                    answer(ex, body, token);
                }
                return;
            }
            default:
                send(ex, 404, "application/json", StudentJson.error("not_found"));
        }
    }

    private void join(HttpExchange ex, Map<String, String> body, String token) throws IOException {
        Lang lang = Lang.parse(body.getOrDefault("lang", "en"));
        try {
            String t = room.join(body.get("name"), body.get("code"), token, lang == null ? Lang.EN : lang);
            ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + t + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200");
            send(ex, 200, "application/json", StudentJson.fields(Map.of("ok", "joined")));
        } catch (Room.RefusedException e) {
            int status = e.refusal() == Room.Refusal.BAD_CODE ? 403 : e.refusal() == Room.Refusal.ENDED ? 410 : 409;
            if (e.refusal() == Room.Refusal.BAD_NAME) {
                status = 400;
            }
            send(ex, status, "application/json", StudentJson.error(e.refusal()));
        }
    }

    private void answer(HttpExchange ex, Map<String, String> body, String token) throws IOException {
        int n;
        try {
            n = Integer.parseInt(body.getOrDefault("n", ""));
        } catch (NumberFormatException e) {
            send(ex, 400, "application/json", StudentJson.error("bad_request"));
            return;
        }
        try {
            room.answer(token, n, body.get("answer"));
            send(ex, 200, "application/json", StudentJson.fields(Map.of("ok", "received")));
        } catch (Room.RefusedException e) {
            int status = switch (e.refusal()) {
                case NOT_JOINED -> 401;
                case BAD_ANSWER -> 400;
                default -> 409;
            };
            send(ex, status, "application/json", StudentJson.error(e.refusal()));
        }
    }

    /**
     * The body as a flat JSON object of strings and numbers; null (after answering 400 or 413)
     * when it is larger than allowed, not JSON, or not flat.
     */
    private Map<String, String> readBody(HttpExchange ex) throws IOException {
        byte[] buf = new byte[limits.maxBody() + 1];
        int n = 0;
        try (InputStream in = ex.getRequestBody()) {
            int r;
            while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
                n += r;
            }
        }
        if (n > limits.maxBody()) {
            send(ex, 413, "application/json", StudentJson.error("too_large"));
            return null;
        }
        Map<String, String> out = new HashMap<>();
        try (JsonParser p = JSON.createParser(buf, 0, n)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NUMBER_INT) {
                    throw new IOException("not flat");
                }
                if (out.size() >= 8) {
                    throw new IOException("too many fields");
                }
                out.put(name, p.getText());
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("trailing content");
            }
        } catch (IOException e) {
            send(ex, 400, "application/json", StudentJson.error("bad_request"));
            return null;
        }
        return out;
    }

    private boolean sameOrigin(HttpExchange ex) {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin == null) {
            return true;
        }
        String host = ex.getRequestHeaders().getFirst("Host");
        try {
            URI o = URI.create(origin);
            return host != null && o.getRawAuthority() != null && o.getRawAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Lang langParam(URI uri) {
        String q = uri.getRawQuery();
        if (q == null) {
            return null;
        }
        for (String part : q.split("&")) {
            if (part.startsWith("lang=")) {
                return Lang.parse(part.substring(5));
            }
        }
        return null;
    }

    private static String cookie(HttpExchange ex) {
        List<String> all = ex.getRequestHeaders().get("Cookie");
        if (all == null) {
            return null;
        }
        for (String header : all) {
            for (String c : header.split(";")) {
                String t = c.trim();
                if (t.startsWith(COOKIE + "=")) {
                    String v = t.substring(COOKIE.length() + 1);
                    // RFC 2965 clients (Java's own CookieManager among them) quote the value.
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    return v.length() <= 64 ? v : null;
                }
            }
        }
        return null;
    }

    private void asset(HttpExchange ex, String name, boolean head) throws IOException {
        byte[] body;
        try (InputStream in = ClassServer.class.getResourceAsStream(WEB + name)) {
            if (in == null) {
                send(ex, 404, "text/plain; charset=utf-8", "not found");
                return;
            }
            body = in.readAllBytes();
        }
        String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".js") ? "text/javascript; charset=utf-8"
                : name.endsWith(".css") ? "text/css; charset=utf-8" : "image/svg+xml";
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        if (head) {
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) {
        try {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        } catch (IOException e) {
            ex.close();
        }
    }

    // ------------------------------------------------------------------ rate limits

    /** A token bucket: {@code burst} requests at once, refilled at {@code rate} per second. */
    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }
    }

    private boolean allow(String key, boolean joining) {
        if (buckets.size() > 20_000) {
            // A flood of addresses: forget the idle buckets rather than grow without bound.
            long now = System.nanoTime();
            buckets.values().removeIf(b -> now - b.last > 60_000_000_000L);
            if (buckets.size() > 20_000) {
                buckets.clear();
            }
        }
        int burst = joining ? limits.joinBurst() : limits.burst();
        long now = System.nanoTime();
        Bucket b = buckets.computeIfAbsent(key + (joining ? "#join" : ""), k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.last) / 1e9 * limits.ratePerSec());
            b.last = now;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }

    // ------------------------------------------------------------------ server-sent events

    private void events(HttpExchange ex, String method, String token) throws IOException {
        if (!method.equals("GET")) {
            send(ex, 405, "application/json", StudentJson.error("method_not_allowed"));
            return;
        }
        if (!room.knows(token)) {
            send(ex, 401, "application/json", StudentJson.error("not_joined"));
            return;
        }
        if (streams.size() >= limits.maxStreams()) {
            send(ex, 503, "application/json", StudentJson.error("busy"));
            return;
        }
        // One browser keeps at most two streams (a second tab); the oldest goes.
        int mine = 0;
        for (Stream s : streams) {
            mine += s.token().equals(token) ? 1 : 0;
        }
        if (mine >= 2) {
            for (Stream s : streams) {
                if (s.token().equals(token) && !s.gone) {
                    streams.remove(s);
                    offer(s, null); // ended by its writer: this thread never writes to another stream
                    break;
                }
            }
        }
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", "text/event-stream; charset=utf-8");
        h.set("X-Accel-Buffering", "no");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        // How long to wait before reconnecting, and at once where the class is.
        Room.StudentView view = room.studentView(token);
        out.write(("retry: 500\ndata: " + (view == null ? StudentJson.notJoined(room.studentVersion())
                : StudentJson.of(view, room.langOf(token))) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        streams.add(new Stream(token, ex, out));
        // The exchange stays open: the pusher thread writes to it from now on.
    }

    private void pushLoop() {
        long lastPing = System.nanoTime();
        byte[] ping = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);
        while (!closed) {
            if (room.studentVersion() == sentVersion) {
                // Woken by wakeUp() on a change, else once a second for the time limit, the keep-alive
                // and the streams' age.
                java.util.concurrent.locks.LockSupport.parkNanos(Math.max(50, Math.min(1000, limits.keepAliveMs())) * 1_000_000L);
            }
            if (Thread.interrupted()) {
                return;
            }
            room.tick();
            long v = room.studentVersion();
            long now = System.nanoTime();
            boolean changed = v != sentVersion;
            boolean pingDue = now - lastPing > limits.keepAliveMs() * 1_000_000L;
            sentVersion = v;
            if (pingDue) {
                lastPing = now;
            }
            for (Stream s : streams) {
                if (s.gone) {
                    streams.remove(s);
                    continue;
                }
                if (now - s.openedNanos > STREAM_LIFE_MS * 1_000_000L) {
                    offer(s, null); // ended: the browser reconnects and gets the view of the moment
                } else if (changed) {
                    // Each browser gets its own view in the event itself (in its language), so that
                    // a push does not make the whole class ask at the same moment.
                    Room.StudentView view = room.studentView(s.token());
                    offer(s, view == null ? null : ("data: " + StudentJson.of(view, room.langOf(s.token())) + "\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                } else if (pingDue) {
                    offer(s, ping);
                }
            }
        }
    }

    /** Hands a message to the stream's writer (null: end the stream); never blocks. */
    private void offer(Stream s, byte[] message) {
        s.pending.set(message == null ? END : message);
        if (s.scheduled.compareAndSet(false, true)) {
            try {
                writers.execute(() -> drain(s));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                s.gone = true; // shutting down
            }
        }
    }

    /** The end of a stream, as a pending message. */
    private static final byte[] END = new byte[0];

    /** On a writer thread: writes the stream's newest message until none is left. */
    private void drain(Stream s) {
        try {
            byte[] m;
            while ((m = s.pending.getAndSet(null)) != null) {
                if (m == END) {
                    s.gone = true;
                    s.exchange().close();
                    return;
                }
                s.out.write(m);
                s.out.flush();
            }
        } catch (IOException e) {
            s.gone = true;
            s.exchange().close();
        } finally {
            s.scheduled.set(false);
            // A message set after the loop's last look must not wait for the next change.
            if (!s.gone && s.pending.get() != null && s.scheduled.compareAndSet(false, true)) {
                try {
                    writers.execute(() -> drain(s));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    s.gone = true;
                }
            }
        }
    }
}
