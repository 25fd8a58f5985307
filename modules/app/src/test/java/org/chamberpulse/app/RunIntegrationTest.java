package org.chamberpulse.app;

import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `run` as a whole: embedded broker, topology, dashboard and ingest API, driven over HTTP. */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldCountCommentsPostedToTheApi(@TempDir Path dir) throws Exception {
        // given
        PulseConfig config = TestRuntimes.config(dir, "run-it", "api.keys", "letmein");
        try (PulseRuntime runtime = PulseRuntime.start(config)) {
            runtime.awaitRunning(Duration.ofSeconds(60));
            String base = "http://localhost:" + runtime.httpPort();
            Instant now = Instant.now();
            try (PulseProducer producer = new PulseProducer(config, runtime.bootstrapServers())) {
                Meeting meeting = new Meeting("run-it", "Cabinet", "Test Council", List.of("runlive"), now.minusSeconds(600), "Europe/London", 0,
                        List.of(new AgendaItem("1", "1", "Questions", false, null, null)));
                producer.send(Topics.MEETINGS, "run-it", meeting).get();
                producer.send(Topics.AGENDA, "run-it", new AgendaEvent("run-it", AgendaEventType.ITEM_STARTED, "1", now.minusSeconds(300), "clerk")).get();
            }

            // when
            HttpResponse<String> accepted = post(base, "letmein", """
                    [{"id": "1", "author": "07700900123", "text": "Fix the potholes #runlive", "source": "sms"},
                     {"id": "2", "author": "jo", "text": "Agreed #runlive"}]""");
            HttpResponse<String> refused = post(base, null, "{\"id\": \"3\", \"author\": \"x\", \"text\": \"no key #runlive\"}");

            // then
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(accepted.body()).contains("sms:1", "web:2");
            assertThat(refused.statusCode()).isEqualTo(401);
            HttpRequest summary = HttpRequest.newBuilder(URI.create(base + "/api/v1/meetings/run-it/summary")).build();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(http.send(summary,
                    HttpResponse.BodyHandlers.ofString()).body()).contains("\"itemId\":\"1\"", "\"count\":2", "\"uniqueAuthors\":2"));
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> post(String base, String key, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/comments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
