package tcplab.quiz.live;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A student's browser as the tests and the benchmark see it: its own cookie jar, JSON in and out. */
public final class StudentClient {
    private final HttpClient http;
    private final CookieManager cookies = new CookieManager();
    private final String base;

    public StudentClient(String base) {
        this.base = base.endsWith("/") ? base : base + "/";
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> join(String name, String code) throws IOException, InterruptedException {
        return post("api/join", "{\"name\":" + quote(name) + ",\"code\":" + quote(code) + "}");
    }

    public HttpResponse<String> answer(int n, String answer) throws IOException, InterruptedException {
        return post("api/answer", "{\"n\":\"" + n + "\",\"answer\":" + quote(answer) + "}");
    }

    public String state(String lang) throws IOException, InterruptedException {
        return get("api/state?lang=" + lang).body();
    }

    public HttpClient http() {
        return http;
    }

    public CookieManager cookies() {
        return cookies;
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
