package org.chamberpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.ModerationEvent;
import org.chamberpulse.model.Validation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The limits of the public web edge, as a hostile client meets them over plain sockets. */
@Timeout(60)
class WebEdgeTest {

    private static final Instant T = Instant.parse("2026-11-27T14:00:00Z");
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;
    private final LiveState state = new LiveState();
    private final TopologyStandIn topology = new TopologyStandIn(state);
    private final ClerkSessions sessions = new ClerkSessions(Map.of("ada", Passwords.hash(PASSWORD.toCharArray())), Clock.systemUTC());
    private final List<Socket> sockets = new ArrayList<>();
    private DashboardServer server;

    private DashboardServer start(String... settings) {
        return start(false, settings);
    }

    private DashboardServer start(boolean secureCookies, String... settings) {
        ClerkPublisher publisher = new ClerkPublisher() {
            @Override
            public void publish(Meeting meeting) {
                topology.meeting(meeting);
            }

            @Override
            public void publish(AgendaEvent event) {
                topology.agenda(event);
            }

            @Override
            public void publish(ModerationEvent event) {
            }
        };
        ClerkConsole clerk = new ClerkConsole(sessions, publisher, new AuditLog(dir.resolve("audit.log"), Clock.systemUTC()), state, MeetingComments.NONE, secureCookies,
                Clock.systemUTC());
        PulseConfig.Web web = TestWeb.web(settings);
        server = new DashboardServer(state, () -> true, DashboardServer.Options.dashboard(clerk, () -> "# metrics\n", routes -> { }), web).start(0);
        return server;
    }

    @AfterEach
    void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldAnswer404ForTheLiveStreamOfAnUnknownMeeting() throws Exception {
        // given
        start();
        topology.meeting(meeting("m1", "Cabinet"));

        // when
        Answer unknown = request("GET /events?meeting=zz HTTP/1.1\r\nHost: x\r\n\r\n");
        Answer known = request("GET /events?meeting=m1 HTTP/1.1\r\nHost: x\r\n\r\n");

        // then
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("no meeting").doesNotContain("zz");
        assertThat(known.status()).isEqualTo(200);
        assertThat(known.headers()).containsEntry("content-type", "text/event-stream; charset=utf-8");
    }

    @Test
    void shouldAnswerABrowserWithAMissingPageInItsLanguageAndAnApiClientWithJson() throws Exception {
        // given
        start();

        // when
        Answer welsh = request("GET /no/such/page HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nAccept-Language: cy-GB,cy;q=0.9\r\n\r\n");
        Answer english = request("GET /no/such/page HTTP/1.1\r\nHost: x\r\nAccept: text/html,*/*;q=0.8\r\n\r\n");
        Answer api = request("GET /api/v1/meetings/zz/summary HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nAccept-Language: cy\r\n\r\n");

        // then
        assertThat(welsh.status()).isEqualTo(404);
        assertThat(welsh.headers().get("content-type")).startsWith("text/html");
        assertThat(welsh.headers()).containsKey("content-security-policy");
        assertThat(welsh.body()).contains("<html lang=\"cy\">", "Heb ddod o hyd i&#39;r dudalen", "Pob cyfarfod").doesNotContain("no/such");
        assertThat(english.body()).contains("<html lang=\"en\">", "Page not found", "There is no page at this address");
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.body()).isEqualTo("{\"error\":\"There is no meeting with that id.\"}");
    }

    @Test
    void shouldRefuseStreamsOverTheCapOfAnAddressWith429AndRetryAfter() throws Exception {
        // given
        start("sse.per.address", "2");
        request("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
        request("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");

        // when
        Answer third = request("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");

        // then
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.headers()).containsEntry("retry-after", "30");
        assertThat(server.refusedStreams()).isEqualTo(1);
    }

    @Test
    void shouldBelieveXForwardedForOnlyFromATrustedProxy() throws Exception {
        // given: one stream per address; the proxy on loopback trusted
        start("sse.per.address", "1", "trusted.proxies", "127.0.0.0/8, ::1");

        // when: two clients behind the proxy, then the first again
        Answer first = request("GET /events HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.7\r\n\r\n");
        Answer second = request("GET /events HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9, 127.0.0.1\r\n\r\n");
        Answer again = request("GET /events HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.7\r\n\r\n");

        // then
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(429);
    }

    @Test
    void shouldNotBelieveXForwardedForFromAPeerNotTrusted() throws Exception {
        // given: one stream per address, no proxy trusted
        start("sse.per.address", "1");

        // when: a client claims to be two others
        Answer first = request("GET /events HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.7\r\n\r\n");
        Answer second = request("GET /events HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\n\r\n");

        // then: it is one client, its own address
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(429);
    }

    @Test
    void shouldRefuseStreamsOverTheTotalCapWith503AndRetryAfter() throws Exception {
        // given
        start("sse.max", "1");
        request("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");

        // when
        Answer second = request("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");

        // then
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.headers()).containsEntry("retry-after", "30");
    }

    @Test
    void shouldFreeAStreamAsSoonAsItsClientGoesAway() throws Exception {
        // given: streams read to their snapshot, then closed, as a script would in a loop
        start("sse.per.address", "5");
        for (int i = 0; i < 300; i++) {
            try (Socket socket = new Socket("localhost", server.port())) {
                socket.getOutputStream().write(ascii("GET /events HTTP/1.1\r\nHost: x\r\n\r\n"));
                assertThat(readHead(socket).status()).isEqualTo(200);
            }
        }

        // then: no stream is left open, with no write needed to find that out
        await().atMost(Duration.ofSeconds(10)).until(() -> server.liveClients() == 0);
        assertThat(request("GET /events HTTP/1.1\r\nHost: x\r\n\r\n").status()).isEqualTo(200);
    }

    @Test
    void shouldSendHeartbeatsToAQuietStream() throws Exception {
        // given
        start("sse.heartbeat", "200ms");
        Socket socket = open();
        socket.getOutputStream().write(ascii("GET /events HTTP/1.1\r\nHost: x\r\n\r\n"));
        BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));

        // when nothing changes, then a comment line arrives
        String line;
        do {
            line = lines.readLine();
        } while (line != null && !line.equals(": ping"));
        assertThat(line).isEqualTo(": ping");
    }

    @Test
    void shouldDropAStreamWhoseClientDoesNotReadAndKeepServingTheOthers() throws Exception {
        // given: a viewer that never reads, and one that does
        start();
        Socket stalled = open();
        stalled.setReceiveBufferSize(4096);
        stalled.getOutputStream().write(ascii("GET /events HTTP/1.1\r\nHost: x\r\n\r\n"));
        Socket reading = open();
        reading.getOutputStream().write(ascii("GET /events HTTP/1.1\r\nHost: x\r\n\r\n"));
        BufferedReader lines = new BufferedReader(new InputStreamReader(reading.getInputStream(), StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.liveClients() == 2);

        // when: many meetings change (more than the kernel's buffers and the stream's queue hold)
        String filler = "x".repeat(4_000);
        Thread reader = new Thread(() -> {
            try {
                while (lines.readLine() != null) {
                    // a reader that keeps up
                }
            } catch (IOException e) {
                // closed at the end of the test
            }
        });
        reader.start();
        for (int i = 0; i < 5_000; i++) {
            topology.meeting(meeting("m" + i, filler + i));
        }

        // then the stalled stream is dropped, and the reading one stays
        await().atMost(Duration.ofSeconds(30)).until(() -> server.droppedStreams() == 1);
        assertThat(server.liveClients()).isEqualTo(1);
        reading.close();
        reader.join(5_000);
    }

    @Test
    void shouldServeMetricsOnlyOnTheManagementPort() throws Exception {
        // given
        start();

        // when
        Answer publicPort = request("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        Answer management = request(server.managementPort(), "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        Answer pageOnManagement = request(server.managementPort(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        // then
        assertThat(publicPort.status()).isEqualTo(404);
        assertThat(management.status()).isEqualTo(200);
        assertThat(management.body()).contains("# metrics");
        assertThat(pageOnManagement.status()).isEqualTo(404);
    }

    @Test
    void shouldPutTheSecurityHeadersOnJettysOwnErrorAnswers() throws Exception {
        // given
        start();

        // when: a URI too long, headers too large, a request line that is not HTTP
        List<Answer> answers = List.of(
                request("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"),
                request("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"),
                request("NOT HTTP AT ALL\r\n\r\n"));

        // then
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isBetween(400, 499);
            assertThat(answer.headers()).containsEntry("x-content-type-options", "nosniff").containsEntry("x-frame-options", "DENY")
                    .containsKey("content-security-policy");
        });
    }

    @Test
    void shouldRefuseABodyOverItsPathsLimitBeforeReadingIt() throws Exception {
        // given
        start();

        // when: a login that announces 10 MB and sends none of it
        Answer answer = request("POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\n");

        // then
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains(Integer.toString(ClerkConsole.FORM_BYTES));
    }

    @Test
    void shouldRefuseAConsoleActionWithoutASessionBeforeReadingItsBody() throws Exception {
        // given
        start();

        // when: the headers only, with a body announced that never comes
        Answer answer = request("POST /api/v1/clerk/meetings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");

        // then
        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void shouldGiveUpOnABodyThatDoesNotArriveInTime() throws Exception {
        // given
        start("http.body.timeout", "1s");
        Socket socket = open();

        // when: ten bytes of a hundred, then nothing
        socket.getOutputStream().write(ascii("POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nuser=ada&p"));
        Answer answer = readHead(socket);

        // then
        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.headers()).containsEntry("connection", "close");
    }

    @Test
    void shouldEndTheSessionOnLogoutOnlyWithItsCsrfToken() throws Exception {
        // given
        start();
        ClerkSessions.Session session = sessions.login("ada", PASSWORD.toCharArray(), "127.0.0.1").session().orElseThrow();
        String cookie = "Cookie: " + ClerkConsole.COOKIE + "=" + session.id() + "\r\n";

        // when: a logout from another site (no token), then from the console's button
        Answer forged = request("POST /logout HTTP/1.1\r\nHost: x\r\n" + cookie + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\n\r\n");
        boolean validAfterForged = sessions.find(session.id()).isPresent();
        String form = "csrf=" + session.csrfToken();
        Answer real = request("POST /logout HTTP/1.1\r\nHost: x\r\n" + cookie + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + form.length() + "\r\n\r\n" + form);

        // then
        assertThat(forged.status()).isEqualTo(403);
        assertThat(validAfterForged).isTrue();
        assertThat(real.status()).isEqualTo(303);
        assertThat(sessions.find(session.id())).isEmpty();
        assertThat(real.headers().get("set-cookie")).startsWith(ClerkConsole.COOKIE + "=;").contains("Path=/", "HttpOnly", "SameSite=Strict")
                .containsAnyOf("Max-Age=0", "Expires=Thu, 01 Jan 1970 00:00:00 GMT");
    }

    @ParameterizedTest(name = "behind HTTPS: {0}")
    @ValueSource(booleans = {false, true})
    void shouldGiveTheSessionCookieOnlyToThisSitesRequestsAndNeverToScripts(boolean behindHttps) throws Exception {
        // given
        start(behindHttps);
        String form = "user=ada&password=" + PASSWORD.replace(' ', '+');

        // when
        Answer login = request("POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + form.length() + "\r\n\r\n" + form);

        // then: a cookie for the whole console, for the session's lifetime
        assertThat(login.status()).isEqualTo(303);
        String cookie = login.headers().get("set-cookie");
        assertThat(cookie).startsWith(ClerkConsole.COOKIE + "=").contains("Path=/", "Max-Age=" + ClerkSessions.LIFETIME.toSeconds(), "HttpOnly",
                "SameSite=Strict");
        assertThat(cookie.contains("; Secure")).as("sent only over HTTPS").isEqualTo(behindHttps);
        assertThat(sessions.find(cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';')))).isPresent();
    }

    @Test
    void shouldRememberTheLanguageChosenWithTheSwitch() throws Exception {
        // given
        start();

        // when: Welsh is chosen on one page, and another is asked for by an English browser with the cookie
        Answer chosen = request("GET /?lang=cy HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n");
        Answer later = request("GET /no/such/page HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nAccept-Language: en\r\nCookie: "
                + Language.COOKIE + "=cy\r\n\r\n");

        // then
        assertThat(chosen.headers().get("set-cookie")).startsWith(Language.COOKIE + "=cy;")
                .contains("Path=/", "Max-Age=" + Language.COOKIE_SECONDS, "SameSite=Lax", "HttpOnly");
        assertThat(later.body()).contains("<html lang=\"cy\">");
    }

    @Test
    void shouldGiveTheConsolesRefusalsInTheClerksLanguage() throws Exception {
        // given: a signed-in clerk and a meeting not yet opened
        start();
        topology.meeting(meeting("m1", "Cabinet"));
        ClerkSessions.Session session = sessions.login("ada", PASSWORD.toCharArray(), "127.0.0.1").session().orElseThrow();
        String resume = "{\"type\":\"RESUMED\"}";
        String again = Json.MAPPER.writeValueAsString(meeting("m1", "Cabinet"));

        // when
        Answer welsh = request(consolePost(session, "/api/v1/clerk/meetings/m1/events", resume, "cy"));
        Answer english = request(consolePost(session, "/api/v1/clerk/meetings/m1/events", resume, "en-GB"));
        Answer exists = request(consolePost(session, "/api/v1/clerk/meetings", again, "cy"));

        // then
        assertThat(welsh.status()).isEqualTo(409);
        assertThat(welsh.body()).contains("Heb ei wneud (ailddechrau): nid yw'r cyfarfod wedi agor eto: dim ond egwyl y gellir ei hailddechrau.");
        assertThat(english.body()).contains("Not done (resumed): the meeting has not opened yet: only a recess can be resumed.");
        assertThat(exists.status()).isEqualTo(409);
        assertThat(exists.body()).contains("Mae cyfarfod gyda'r id m1 yn bodoli (Cabinet)");
    }

    private static String consolePost(ClerkSessions.Session session, String path, String json, String language) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nCookie: " + ClerkConsole.COOKIE + "=" + session.id() + "\r\nX-CSRF-Token: "
                + session.csrfToken() + "\r\nAccept-Language: " + language + "\r\nContent-Type: application/json\r\nContent-Length: "
                + json.length() + "\r\n\r\n" + json;
    }

    @Test
    void shouldRefuseAMeetingOverTheLimitWith413AndTheLimit() throws Exception {
        // given: a signed-in clerk and an agenda of 300 KB
        start();
        ClerkSessions.Session session = sessions.login("ada", PASSWORD.toCharArray(), "127.0.0.1").session().orElseThrow();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 1; i <= 1_000; i++) {
            items.add(Map.of("itemId", Integer.toString(i), "number", Integer.toString(i), "title", "An item with a long title ".repeat(11)));
        }
        Map<String, Object> meeting = new LinkedHashMap<>();
        meeting.put("meetingId", "big");
        meeting.put("title", "Council");
        meeting.put("body", "Test Council");
        meeting.put("hashtags", List.of("biglive"));
        meeting.put("scheduledStart", T.toString());
        meeting.put("timezone", "Europe/London");
        meeting.put("items", items);
        String json = Json.MAPPER.writeValueAsString(meeting);

        // when
        Answer answer = request("POST /api/v1/clerk/meetings HTTP/1.1\r\nHost: x\r\nCookie: " + ClerkConsole.COOKIE + "=" + session.id()
                + "\r\nX-CSRF-Token: " + session.csrfToken() + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length() + "\r\n\r\n" + json);

        // then
        assertThat(json.length()).isBetween(Validation.MAX_MEETING_BYTES, 2 * Validation.MAX_MEETING_BYTES);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains(Integer.toString(Validation.MAX_MEETING_BYTES));
        assertThat(state.meeting("big")).isEmpty();
    }

    private static Meeting meeting(String id, String title) {
        return new Meeting(id, title, "Test Council", List.of("testlive"), T, "Europe/London", 0,
                List.of(new AgendaItem("1", "1", "Apologies", false, null, null)));
    }

    /** A status line, the headers (names in lower case) and as much of the body as arrived with them. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("localhost", server.port());
        socket.setSoTimeout(20_000);
        sockets.add(socket);
        return socket;
    }

    private Answer request(String raw) throws IOException {
        return request(server.port(), raw);
    }

    private Answer request(int port, String raw) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(20_000);
        sockets.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(ascii(raw));
        out.flush();
        return readHead(socket);
    }

    private static Answer readHead(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        String statusLine = in.readLine();
        assertThat(statusLine).as("an answer").isNotNull();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        StringBuilder body = new StringBuilder();
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        for (int i = 0; i < length; i++) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            body.append((char) c);
        }
        return new Answer(status, headers, body.toString());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
