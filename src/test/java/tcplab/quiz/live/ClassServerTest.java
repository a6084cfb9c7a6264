package tcplab.quiz.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcplab.i18n.Lang;
import tcplab.quiz.QuestionType;
import tcplab.quiz.QuizGenerator;
import tcplab.quiz.ResultsStore;

/** The class session over real HTTP, as students' browsers and a hostile client on the classroom network use it. */
class ClassServerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    ClassSession session;
    String base;

    @BeforeEach
    void start() throws Exception {
        session = ClassSession.start(InetAddress.getLoopbackAddress(), 0, "127.0.0.1",
                new ResultsStore(dir.resolve("results.json")), dir.resolve("class.csv"),
                new ClassServer.Limits(2048, 10, 30, 400, 100, 15_000), 50);
        base = session.joinUrl();
    }

    @AfterEach
    void stop() {
        session.close();
    }

    static LiveQuestion question(int n, QuestionType type) {
        QuizGenerator.Filter f = new QuizGenerator.Filter(EnumSet.of(type), null, Map.of());
        return LiveQuestion.of(n, "generated", l -> new QuizGenerator(l).question(99, n - 1, f));
    }

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    StudentClient joined(String name) throws Exception {
        StudentClient c = new StudentClient(base);
        HttpResponse<String> r = c.join(name, session.code());
        assertEquals(200, r.statusCode(), r::body);
        return c;
    }

    @Nested
    class Joining {
        @Test
        void aStudentJoinsWithTheRoomCode_andHoldsAnHttpOnlySameSiteCookie() throws Exception {
            StudentClient c = new StudentClient(base);
            HttpResponse<String> r = c.join("小明", session.code());
            assertEquals(200, r.statusCode());
            String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            JsonNode s = json(c.state("zh"));
            assertTrue(s.get("joined").asBoolean());
            assertEquals("小明", s.get("name").asText());
            assertEquals(List.of("小明"), session.room().snapshot().names());
        }

        @Test
        void aWrongRoomCode_isRefused_andNobodyJoins() throws Exception {
            HttpResponse<String> r = new StudentClient(base).join("eve", "0000".equals(session.code()) ? "1111" : "0000");
            assertEquals(403, r.statusCode());
            assertEquals("bad_code", json(r.body()).get("error").asText());
            assertEquals(0, session.room().snapshot().joined());
        }

        @Test
        void namesAreUniqueInTheRoom_whateverTheirCase() throws Exception {
            joined("Li Lei");
            HttpResponse<String> r = new StudentClient(base).join("li lei", session.code());
            assertEquals(409, r.statusCode());
            assertEquals("name_taken", json(r.body()).get("error").asText());
        }

        @Test
        void namesAreCutTo24Characters_andLoseControlAndDirectionCharacters() throws Exception {
            joined("A\u202Eevil\u0007name\u001B[31m" + "x".repeat(40));
            String name = session.room().snapshot().names().get(0);
            assertEquals(24, name.codePointCount(0, name.length()));
            assertFalse(name.chars().anyMatch(ch -> Character.getType(ch) == Character.CONTROL
                    || Character.getType(ch) == Character.FORMAT), name);
            assertEquals(400, new StudentClient(base).join("\u200B \u0007", session.code()).statusCode(), "nothing printable");
        }

        @Test
        void aPhoneThatComesBack_isTheSameStudent_withItsNameAndScore() throws Exception {
            StudentClient c = joined("小红");
            session.push(question(1, QuestionType.STATE_MEANING), 0);
            c.answer(1, Integer.toString(session.room().snapshot().question().answerIndex()));
            session.reveal();
            // The phone slept: a new connection with the same cookie, and even a second join.
            StudentClient again = new StudentClient(base);
            again.cookies().getCookieStore().add(URI.create(base), c.cookies().getCookieStore().getCookies().get(0));
            assertEquals(200, again.join("someone else", session.code()).statusCode());
            JsonNode s = json(again.state("en"));
            assertEquals("小红", s.get("name").asText());
            assertEquals(1, s.get("score").asInt());
            assertEquals(1, session.room().snapshot().joined());
        }
    }

    @Nested
    class Answering {
        @Test
        void theAnswerOfAnOpenQuestion_isInNoResponse_untilTheReveal() throws Exception {
            StudentClient a = joined("a");
            StudentClient b = joined("b");
            LiveQuestion q = question(1, QuestionType.NEXT_STATE);
            session.push(q, 0);
            b.answer(1, "0");
            for (StudentClient c : List.of(a, b)) {
                for (String lang : List.of("en", "zh")) {
                    JsonNode s = json(c.state(lang));
                    assertNull(s.get("reveal"), s::toString);
                    assertNull(s.get("question").get("answer"));
                    assertFalse(s.toString().contains("answerIndex") || s.toString().contains("explanation")
                            || s.toString().contains("\"right\""), s::toString);
                    String explanation = q.in(Lang.parse(lang)).explanation();
                    assertFalse(s.toString().contains(explanation.substring(0, Math.min(30, explanation.length()))));
                }
            }
            for (String asset : List.of("", "app.js", "style.css", "index.html")) {
                String body = a.get(asset).body();
                assertFalse(body.contains(q.in(Lang.EN).explanation()), asset);
            }
            session.reveal();
            JsonNode s = json(b.state("en"));
            assertEquals(q.answerIndex(), s.get("reveal").get("answerIndex").asInt());
            assertEquals(q.answerIndex() == 0, s.get("reveal").get("right").asBoolean());
        }

        @Test
        void eachStudentAnswersOnce_andOnlyForThemselves() throws Exception {
            StudentClient a = joined("a");
            session.push(question(1, QuestionType.PORT_CLASS), 0);
            assertEquals(200, a.answer(1, "1").statusCode());
            HttpResponse<String> second = a.answer(1, "0");
            assertEquals(409, second.statusCode());
            assertEquals("already_answered", json(second.body()).get("error").asText());
            // No cookie, or a made-up one: not a student.
            assertEquals(401, new StudentClient(base).answer(1, "0").statusCode());
            HttpResponse<String> forged = new StudentClient(base).http().send(HttpRequest.newBuilder(URI.create(base + "api/answer"))
                    .header("Content-Type", "application/json").header("Cookie", ClassServer.COOKIE + "=AAAAAAAAAAAAAAAAAAAAAAAA")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"n\":\"1\",\"answer\":\"0\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, forged.statusCode());
            assertEquals(1, session.room().snapshot().answered());
        }

        @Test
        void afterTheTimeLimit_noAnswerIsTaken() throws Exception {
            StudentClient a = joined("a");
            session.push(question(1, QuestionType.STATE_MEANING), 1);
            Thread.sleep(1300);
            HttpResponse<String> late = a.answer(1, "0");
            assertEquals(409, late.statusCode());
            assertEquals("time_up", json(late.body()).get("error").asText());
            assertEquals(0, json(a.state("en")).get("question").get("remainingMs").asInt());
        }

        @Test
        void anAnswerToAnotherQuestionThanTheOpenOne_isRefused() throws Exception {
            StudentClient a = joined("a");
            session.push(question(1, QuestionType.STATE_MEANING), 0);
            assertEquals(409, a.answer(2, "0").statusCode());
            assertEquals(400, a.answer(1, "9").statusCode(), "no option 9");
            assertEquals(400, a.answer(1, "B").statusCode(), "options are sent by position");
            assertEquals(0, session.room().snapshot().answered());
        }
    }

    @Nested
    class HostileClients {
        @Test
        void malformedRequests_get400_andChangeNothing() throws Exception {
            StudentClient a = joined("a");
            session.push(question(1, QuestionType.STATE_MEANING), 0);
            long before = session.room().version();
            for (String body : List.of("", "{", "[1,2]", "{\"n\":{\"x\":1}}", "{\"n\":\"1\",\"answer\":\"0\"} trailing",
                    "{\"n\":\"one\",\"answer\":\"0\"}", "null", "\"text\"")) {
                assertEquals(400, a.post("api/answer", body).statusCode(), body);
            }
            assertEquals(before, session.room().version());
            assertEquals(0, session.room().snapshot().answered());
        }

        @Test
        void aBodyLargerThanTheLimit_gets413() throws Exception {
            StudentClient a = joined("a");
            HttpResponse<String> r = a.post("api/join", "{\"name\":\"" + "x".repeat(5000) + "\",\"code\":\"1\"}");
            assertEquals(413, r.statusCode());
        }

        @Test
        void aFormPostedFromAnotherSite_isRefused() throws Exception {
            StudentClient a = new StudentClient(base);
            HttpResponse<String> form = a.http().send(HttpRequest.newBuilder(URI.create(base + "api/join"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("name=x&code=" + session.code())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, form.statusCode());
            HttpResponse<String> otherOrigin = a.http().send(HttpRequest.newBuilder(URI.create(base + "api/join"))
                    .header("Content-Type", "application/json").header("Origin", "http://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"code\":\"" + session.code() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, otherOrigin.statusCode());
            assertEquals(0, session.room().snapshot().joined());
        }

        @Test
        void thereIsNoTeacherEndpoint() throws Exception {
            StudentClient a = joined("a");
            for (String path : List.of("api/push", "api/reveal", "api/end", "api/remove", "api/next", "api/teacher",
                    "api/standings", "admin")) {
                int status = a.post(path, "{}").statusCode();
                assertTrue(status == 404 || status == 405, path + " answered " + status);
            }
            assertEquals(Room.Phase.LOBBY, session.room().snapshot().phase());
            assertEquals(405, a.post("api/state", "{}").statusCode());
        }

        @Test
        void aClientThatAsksTooFast_isSlowedDown_with429() throws Exception {
            StudentClient a = joined("a");
            int limited = 0;
            for (int i = 0; i < 60; i++) {
                if (a.get("api/state").statusCode() == 429) {
                    limited++;
                }
            }
            assertTrue(limited > 0, "60 requests at once must hit the burst of 30");
            // Another student is not slowed down by it.
            assertEquals(200, joined("b").get("api/state").statusCode());
        }

        @Test
        void aSlowClientHoldingAConnection_doesNotStopTheOthers() throws Exception {
            try (Socket slow = new Socket("127.0.0.1", session.port())) {
                slow.getOutputStream().write("GET /api/state HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                // ... and never finishes its request.
                for (int i = 0; i < 5; i++) {
                    assertEquals(200, new StudentClient(base).get("").statusCode());
                }
            }
        }

        @Test
        void aStudentWhoseBrowserNeverReadsItsEvents_doesNotHoldUpTheClass() throws Exception {
            StudentClient stuck = joined("stuck");
            String cookie = stuck.cookies().getCookieStore().getCookies().get(0).getValue();
            try (Socket s = new Socket("127.0.0.1", session.port())) {
                s.setReceiveBufferSize(4096);
                s.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + ClassServer.COOKIE
                        + "=" + cookie + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                // ... and never reads a byte: megabytes of events later (far past any socket buffer;
                // before each stream had its own writer, this hung the push thread at about 1,000
                // events), the others still get theirs at once.
                Thread.sleep(200);
                long deadline = System.nanoTime() + 60_000_000_000L;
                LiveQuestion big = question(1, QuestionType.DIAGNOSE_TABLE); // a netstat table: kilobytes per event
                for (int i = 1; i <= 1500; i++) {
                    session.room().push(new LiveQuestion(i, big.byLang(), "generated"), 0);
                    session.room().reveal();
                }
                assertTrue(System.nanoTime() < deadline);
                // A student who joins now, on a fresh connection (an idle one may have been closed meanwhile).
                StudentClient good = joined("good");
                HttpResponse<InputStream> stream = good.http().send(HttpRequest.newBuilder(URI.create(base + "api/events"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
                if (stream.statusCode() != 200) {
                    fail("the new student's event stream was refused: " + stream.statusCode() + " "
                            + new String(stream.body().readAllBytes(), StandardCharsets.UTF_8));
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
                readData(r);
                session.push(question(1501, QuestionType.STATE_MEANING), 0);
                long t0 = System.nanoTime();
                JsonNode open = json(readData(r));
                assertEquals(1501, open.get("question").get("n").asInt());
                assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "the event took " + (System.nanoTime() - t0) / 1e6 + " ms");
                stream.body().close();
            }
        }

        @Test
        void pagesAreServedWithAStrictContentSecurityPolicy() throws Exception {
            HttpResponse<String> page = new StudentClient(base).get("");
            assertEquals(200, page.statusCode());
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertEquals(404, new StudentClient(base).get("../pom.xml").statusCode());
            assertEquals(404, new StudentClient(base).get("tcplab/quiz/live/ClassServer.class").statusCode());
        }
    }

    @Nested
    class TheTeacher {
        @Test
        void removesAName_whichFreesIt_andTheirBrowserIsToldItIsOut() throws Exception {
            StudentClient a = joined("dup");
            assertTrue(session.remove("dup"));
            assertFalse(json(a.state("en")).get("joined").asBoolean());
            assertEquals(401, a.answer(1, "0").statusCode());
            joined("dup");
        }

        @Test
        void eachQuestionsAnswersAreSaved_atItsReveal_notOnlyAtTheEnd() throws Exception {
            StudentClient a = joined("a");
            joined("b");
            LiveQuestion q = question(1, QuestionType.NEXT_STATE);
            session.push(q, 0);
            a.answer(1, Integer.toString(q.answerIndex()));
            session.reveal();
            ResultsStore.Loaded saved = new ResultsStore(dir.resolve("results.json")).load();
            assertEquals(1, saved.of("a").size());
            assertTrue(saved.of("a").get(0).correct());
            assertEquals("class", saved.of("a").get(0).mode());
            assertEquals("", saved.of("b").get(0).given(), "who did not answer is saved too");
            List<String> csv = Files.readAllLines(dir.resolve("class.csv"));
            assertEquals("\uFEFFname,question,question_id,prompt,chosen,answer,right,answer_ms", csv.get(0));
            assertEquals(3, csv.size());
            assertTrue(csv.get(1).startsWith("a,1,") && csv.get(1).contains(",1,"), csv.get(1));
        }

        @Test
        void theEventStream_bringsEachBrowserItsOwnView_whenAQuestionIsPushed_butNotItsAnswer() throws Exception {
            StudentClient a = joined("a");
            HttpResponse<InputStream> stream = a.http().send(HttpRequest.newBuilder(URI.create(base + "api/events"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals("text/event-stream; charset=utf-8", stream.headers().firstValue("Content-Type").orElse(""));
            BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            JsonNode lobby = json(readData(r));
            assertEquals("lobby", lobby.get("phase").asText());
            assertEquals("a", lobby.get("name").asText());
            LiveQuestion q = question(1, QuestionType.STATE_MEANING);
            session.push(q, 0);
            JsonNode open = json(readData(r));
            assertTrue(open.get("v").asLong() > lobby.get("v").asLong());
            assertEquals("open", open.get("phase").asText());
            assertEquals(q.in(Lang.EN).prompt(), open.get("question").get("prompt").asText());
            assertNull(open.get("reveal"));
            assertFalse(open.toString().contains("answerIndex"));
            session.reveal();
            JsonNode revealed = json(readData(r));
            assertEquals(q.answerIndex(), revealed.get("reveal").get("answerIndex").asInt());
            assertEquals(revealed.get("v").asLong(), json(a.state("en")).get("v").asLong());
            stream.body().close();
        }

        @Test
        void theCsvKeepsASpreadsheetFromRunningANameAsAFormula() {
            String csv = ClassSession.csv(List.of(new ClassSession.Row("=HYPERLINK(\"x\")", 1, "q", "p, with comma", "A", "B",
                    false, 1200)));
            assertTrue(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), csv);
            assertTrue(csv.contains("\"p, with comma\""), csv);
        }
    }

    private static String readData(BufferedReader r) throws Exception {
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith("data: ")) {
                return line.substring(6);
            }
        }
        throw new AssertionError("stream ended");
    }

    @Test
    void aSessionAnswersOnlyOnTheAddressItIsBoundTo() throws Exception {
        assertNotNull(session.joinUrl());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), session.port());
             OutputStream out = s.getOutputStream()) {
            out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 200 OK", status);
        }
    }
}
