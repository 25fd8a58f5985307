package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.dashboard.Passwords;
import org.chamberpulse.model.Pseudonyms;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Runs the API, the clerk's console and the topology with secrets and words that must not be logged,
 * then scans every log line at INFO and above for them.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LogScanIntegrationTest {

    private static final String API_KEY = "api-key-3f9a1c77e0";
    private static final String PASSWORD = "password-b81d2e4409";
    private static final String AUTHOR_SECRET = "author-secret-5c0e9d1b2a";
    private static final String HANDLE = "handle_q7w3e9r1";
    private static final String TEXT = "Potholes on Quorndon Lane again zx81spectrum #scanlive";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void shouldLogNoSecretsHandlesOrCommentTexts(@TempDir Path dir) throws Exception {
        // given
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        PulseConfig config = TestRuntimes.config(dir, "log-scan-it", "api.keys", API_KEY, "author.secret", AUTHOR_SECRET,
                "clerk.users", "clerk:" + Passwords.hash(PASSWORD.toCharArray()));
        ClerkLogin clerk;
        try (PulseRuntime runtime = PulseRuntime.start(config)) {
            runtime.awaitRunning(Duration.ofSeconds(60));
            String base = "http://localhost:" + runtime.httpPort();

            // when: a clerk logs in (once wrongly), publishes a meeting, starts an item; comments arrive, good and bad
            send(post(base + "/login", "user=clerk&password=wrong-" + PASSWORD).header("Content-Type", "application/x-www-form-urlencoded"));
            clerk = ClerkLogin.of(http, base, "clerk", PASSWORD);
            Instant now = Instant.now();
            assertThat(send(clerk.action(base + "/api/v1/clerk/meetings", """
                    {"meetingId": "scan-1", "title": "Cabinet", "body": "Test Council", "hashtags": ["scanlive"],
                     "scheduledStart": "%s", "items": [{"itemId": "1", "number": "1", "title": "Roads"}]}""".formatted(now.minusSeconds(600)).getBytes(StandardCharsets.UTF_8))).statusCode())
                    .isEqualTo(202);
            assertThat(send(clerk.action(base + "/api/v1/clerk/meetings/scan-1/events",
                    ("{\"type\": \"ITEM_STARTED\", \"itemId\": \"1\", \"at\": \"" + now.minusSeconds(300) + "\"}").getBytes(StandardCharsets.UTF_8))).statusCode())
                    .isEqualTo(202);
            HttpResponse<String> accepted = send(post(base + "/api/v1/comments",
                    "{\"id\": \"1\", \"author\": \"" + HANDLE + "\", \"text\": \"" + TEXT + "\"}").header("X-API-Key", API_KEY));
            send(post(base + "/api/v1/comments", "{\"id\": \"2\", \"author\": \"" + HANDLE + "\", \"text\": \"" + TEXT + "\", \"createdAt\": \"1999-01-01T00:00:00Z\"}")
                    .header("X-API-Key", API_KEY));
            send(post(base + "/api/v1/comments", "{\"text\": \"" + TEXT + "\"}").header("X-API-Key", "wrong-" + API_KEY));
            assertThat(accepted.statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/meetings/scan-1/summary"))).body()).contains("\"count\":1"));
        } finally {
            root.detachAppender(logs);
        }

        // then
        List<String> lines = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
        assertThat(lines).as("log lines at INFO and above").hasSizeGreaterThan(10);
        String pseudonym = new Pseudonyms(AUTHOR_SECRET.getBytes(StandardCharsets.UTF_8)).of("web", HANDLE);
        for (String secret : List.of(API_KEY, PASSWORD, AUTHOR_SECRET, HANDLE, pseudonym, "Quorndon", "zx81spectrum", clerk.sessionId(), clerk.csrf())) {
            assertThat(lines).as("lines holding %s", secret).noneMatch(line -> line.contains(secret));
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
