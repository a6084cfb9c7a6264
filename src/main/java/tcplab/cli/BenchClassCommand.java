package tcplab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tcplab.i18n.Texts;

/**
 * {@code tcplab bench class [--students N] [--questions Q]}: a class session as teachers run it
 * ({@code tcplab class --headless} in a process of its own, on loopback) and N simulated students
 * as the page uses it: each joins, holds an event stream (which brings each change), answers every
 * question within a second of its push, and sees the reveal. Prints join and answer latencies (median, 99th
 * percentile), how long the reveal took to reach every student, errors, and the server process's
 * CPU time and peak heap.
 */
@Command(name = "class", mixinStandardHelpOptions = true)
public final class BenchClassCommand implements Callable<Integer> {
    /** The system property that makes {@code tcplab class --headless} print its CPU time and peak heap when it ends. */
    static final String USAGE_PROPERTY = "tcplab.bench.usage";

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    LangOption langOption;

    @Option(names = "--students", paramLabel = "N", descriptionKey = "tcplab.bench.class.students")
    int students = 200;

    @Option(names = "--questions", paramLabel = "Q", descriptionKey = "tcplab.bench.class.questions")
    int questions = 3;

    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private volatile boolean ending;

    /** One simulated student. */
    private final class Student {
        final int id;
        String cookie;
        volatile long seen = -1;
        volatile int answeredQuestion;

        Student(int id) {
            this.id = id;
        }
    }

    @Override
    public Integer call() throws Exception {
        Texts t = Cli.texts(langOption.lang());
        if (students < 1 || students > 2000) {
            throw UserException.usage(t.get("bench.class.badStudents", students));
        }
        if (questions < 1 || questions > 50) {
            throw UserException.usage(t.get("bench.class.badQuestions", questions));
        }
        PrintWriter out = spec.commandLine().getOut();
        // The session runs as teachers start it: the launcher beside the jar (its JVM settings), else plain java.
        List<String> cmd = new ArrayList<>();
        java.nio.file.Path launcher = BenchExplainCommand.launcher();
        String props = "-D" + USAGE_PROPERTY + "=true -Dtcplab.class.joinBurst=" + Math.max(400, students * 2);
        if (launcher != null) {
            cmd.add(launcher.toString());
        } else {
            cmd.addAll(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-D" + USAGE_PROPERTY + "=true", "-Dtcplab.class.joinBurst=" + Math.max(400, students * 2),
                    "-cp", System.getProperty("java.class.path"), "tcplab.cli.Main"));
        }
        cmd.addAll(List.of("class", "--headless",
                "--bind", "127.0.0.1", "--port", "0", "--lang", "en", "--seed", "1", "--questions", Integer.toString(questions),
                "--max-students", Integer.toString(students), "--topic", "states",
                "--results", java.nio.file.Files.createTempFile("tcplab-bench-class", ".json").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (launcher != null) {
            String opts = System.getenv("TCPLAB_JAVA_OPTS");
            pb.environment().put("TCPLAB_JAVA_OPTS", (opts == null ? "" : opts + " ") + props);
        }
        Process server = pb.start();
        BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        Writer teacher = new java.io.OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
        String join = null;
        String code = null;
        String line;
        while ((join == null || code == null) && (line = serverOut.readLine()) != null) {
            if (line.startsWith("join: ")) {
                join = line.substring(6).trim();
            } else if (line.startsWith("code: ")) {
                code = line.substring(6).trim();
            }
        }
        if (join == null || code == null) {
            throw UserException.failure(t.get("bench.class.noServer"));
        }
        List<String> serverLines = Collections.synchronizedList(new ArrayList<>());
        Thread drain = new Thread(() -> {
            try {
                String l;
                while ((l = serverOut.readLine()) != null) {
                    serverLines.add(l);
                }
            } catch (IOException e) {
                // the server ended
            }
        }, "bench-drain");
        drain.setDaemon(true);
        drain.start();
        out.println(t.get("bench.class.start", students, questions, join));
        out.flush();

        // Idle connections are dropped by the client before the server's 30 s idle limit closes them
        // under a request (browsers retry such a request; Java's client does not retry a POST).
        System.setProperty("jdk.httpclient.keepalive.timeout", "20");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(8)).build();
        String base = join;
        List<Student> all = new ArrayList<>();
        List<Long> joinNs = Collections.synchronizedList(new ArrayList<>());
        List<Long> answerNs = Collections.synchronizedList(new ArrayList<>());
        List<Long> revealNs = Collections.synchronizedList(new ArrayList<>());
        // Joins: all at once, as a class does when the teacher says "go".
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int i = 0; i < students; i++) {
            Student s = new Student(i);
            all.add(s);
            long t0 = System.nanoTime();
            joins.add(http.sendAsync(post(base, "api/join", null, "{\"name\":\"student " + (i + 1) + "\",\"code\":\"" + code + "\"}"),
                    HttpResponse.BodyHandlers.ofString()).thenAccept(r -> {
                        joinNs.add(System.nanoTime() - t0);
                        if (r.statusCode() != 200) {
                            errors.add("join " + r.statusCode() + " " + r.body());
                            return;
                        }
                        String c = r.headers().firstValue("Set-Cookie").orElse("");
                        s.cookie = c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
                    }).exceptionally(e -> {
                        errors.add("join " + e);
                        return null;
                    }));
        }
        CompletableFuture.allOf(joins.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);

        // Event streams: each student's page listens; on a change it asks for its state.
        AtomicLong revealedAt = new AtomicLong();
        AtomicInteger answered = new AtomicInteger();
        CountDownLatch streamsOpen = new CountDownLatch(students);
        ScheduledExecutorService thinking = Executors.newScheduledThreadPool(2);
        Random rnd = new Random(1);
        for (Student s : all) {
            if (s.cookie == null) {
                streamsOpen.countDown();
                continue;
            }
            long delay = rnd.nextInt(1000);
            listen(http, base, s, delay, true, streamsOpen, thinking, revealedAt, answerNs, revealNs, answered);
        }
        if (!streamsOpen.await(60, TimeUnit.SECONDS)) {
            errors.add("not every event stream opened");
        }
        List<String> perQuestion = new ArrayList<>();
        int joined = (int) all.stream().filter(s -> s.cookie != null).count();
        for (int q = 1; q <= questions; q++) {
            answered.set(0);
            teacher.write("next\n");
            teacher.flush();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (answered.get() < joined && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (answered.get() < joined) {
                errors.add("question " + q + ": " + answered.get() + " of " + joined + " answers arrived");
            }
            List<Long> thisOne = new ArrayList<>(answerNs.subList(answerNs.size() - Math.min(answerNs.size(), answered.get()), answerNs.size()));
            perQuestion.add(ms(pct(thisOne, 50)) + "/" + ms(pct(thisOne, 99)));
            int before = revealNs.size();
            revealedAt.set(System.nanoTime());
            teacher.write("reveal\n");
            teacher.flush();
            deadline = System.nanoTime() + 20_000_000_000L;
            while (revealNs.size() - before < joined && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (revealNs.size() - before < joined) {
                errors.add("question " + q + ": the reveal reached " + (revealNs.size() - before) + " of " + joined);
            }
        }
        ending = true;
        teacher.write("end\n");
        teacher.flush();
        server.waitFor(30, TimeUnit.SECONDS);
        drain.join(5000);
        thinking.shutdownNow();
        String usage = "";
        for (String l : serverLines) {
            if (l.startsWith("usage: ")) {
                usage = l.substring(7);
            }
        }
        out.println(t.get("bench.class.joins", joinNs.size(), ms(pct(joinNs, 50)), ms(pct(joinNs, 99)), ms(pct(joinNs, 100))));
        out.println(t.get("bench.class.answers", answerNs.size(), ms(pct(answerNs, 50)), ms(pct(answerNs, 99)), ms(pct(answerNs, 100))));
        out.println(t.get("bench.class.perQuestion", String.join("  ", perQuestion)));
        out.println(t.get("bench.class.reveals", revealNs.size(), ms(pct(revealNs, 50)), ms(pct(revealNs, 99)), ms(pct(revealNs, 100))));
        out.println(t.get("bench.class.server", usage.isEmpty() ? "?" : usage));
        out.println(t.get("bench.class.errors", errors.size()));
        int shown = 0;
        for (String e : errors) {
            if (shown++ < 10) {
                out.println("  " + e);
            }
        }
        out.flush();
        return errors.isEmpty() ? 0 : 1;
    }

    /**
     * Opens a student's event stream with a non-blocking line subscriber (200 open streams must not
     * hold 200 threads of the client) and, as a browser's EventSource does, opens it again when the
     * server ends it (it does every STREAM_LIFE_MS).
     */
    private void listen(HttpClient http, String base, Student s, long delay, boolean firstTime, CountDownLatch streamsOpen,
                        ScheduledExecutorService thinking, AtomicLong revealedAt, List<Long> answerNs, List<Long> revealNs,
                        AtomicInteger answered) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "api/events")).header("Cookie", s.cookie).build();
        boolean[] first = {true};
        java.util.concurrent.Flow.Subscriber<String> lines = new java.util.concurrent.Flow.Subscriber<>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription sub) {
                sub.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String l) {
                if (!l.startsWith("data: ")) {
                    return;
                }
                if (first[0] && firstTime) {
                    first[0] = false;
                    streamsOpen.countDown();
                    return; // where the class is now: the lobby
                }
                seen(http, base, s, l.substring(6), delay, thinking, revealedAt, answerNs, revealNs, answered);
            }

            @Override
            public void onError(Throwable e) {
                if (!ending) {
                    errors.add("events " + e);
                }
            }

            @Override
            public void onComplete() {
                if (!ending) {
                    listen(http, base, s, delay, false, streamsOpen, thinking, revealedAt, answerNs, revealNs, answered);
                }
            }
        };
        http.sendAsync(req, HttpResponse.BodyHandlers.fromLineSubscriber(lines)).thenAccept(r -> {
            if (r.statusCode() != 200) {
                errors.add("events " + r.statusCode());
                if (firstTime) {
                    streamsOpen.countDown();
                }
            }
        }).exceptionally(e -> {
            if (!ending) {
                errors.add("events " + e);
            }
            return null;
        });
    }

    /** What a student's page does with the view an event brings: answer an open question after thinking, or note the reveal. */
    private void seen(HttpClient http, String base, Student s, String body, long thinkMs, ScheduledExecutorService thinking,
                      AtomicLong revealedAt, List<Long> answerNs, List<Long> revealNs, AtomicInteger answered) {
        {
            int n = number(body);
            if (body.contains("\"phase\":\"open\"") && n > s.answeredQuestion) {
                s.answeredQuestion = n;
                thinking.schedule(() -> {
                    long t0 = System.nanoTime();
                    http.sendAsync(post(base, "api/answer", s.cookie, "{\"n\":\"" + n + "\",\"answer\":\"" + (s.id % 4) + "\"}"),
                            HttpResponse.BodyHandlers.ofString()).thenAccept(a -> {
                                answerNs.add(System.nanoTime() - t0);
                                if (a.statusCode() != 200) {
                                    errors.add("answer " + a.statusCode() + " " + a.body());
                                }
                                answered.incrementAndGet();
                            }).exceptionally(e -> {
                                errors.add("answer " + e);
                                answered.incrementAndGet();
                                return null;
                            });
                }, thinkMs, TimeUnit.MILLISECONDS);
            } else if (body.contains("\"phase\":\"revealed\"") && body.contains("\"reveal\"") && s.seen != n) {
                s.seen = n;
                revealNs.add(System.nanoTime() - revealedAt.get());
            }
        }
    }

    private static int number(String body) {
        int i = body.indexOf("\"question\":{\"n\":");
        if (i < 0) {
            return 0;
        }
        int from = i + "\"question\":{\"n\":".length();
        int to = from;
        while (to < body.length() && Character.isDigit(body.charAt(to))) {
            to++;
        }
        return Integer.parseInt(body.substring(from, to));
    }

    private static HttpRequest post(String base, String path, String cookie, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b.build();
    }

    private static long pct(List<Long> xs, int p) {
        if (xs.isEmpty()) {
            return 0;
        }
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }

    private static String ms(long ns) {
        return String.format("%.1f", ns / 1e6);
    }
}
