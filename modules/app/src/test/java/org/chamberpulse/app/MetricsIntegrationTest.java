package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
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

/** /metrics of a running instance: our figures are there, and Prometheus's own linter accepts the page. */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MetricsIntegrationTest {

    private static final File PROMTOOL = new File("/usr/bin/promtool");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldPublishMetricsThatPromtoolAccepts(@TempDir Path dir) throws Exception {
        if (!PROMTOOL.canExecute()) {
            throw new IllegalStateException("this test needs promtool from Debian's prometheus package: apt-get install prometheus (.ci/run does)");
        }
        // given an instance that also follows the meeting's hashtag on a Mastodon server (the ingest role's metrics)
        SourceServers.Mastodon mastodon = new SourceServers.Mastodon("metricslive");
        PulseConfig config = TestRuntimes.config(dir, "metrics-it", "sources.mastodon.servers", mastodon.url());
        try (mastodon; PulseRuntime runtime = PulseRuntime.start(config)) {
            runtime.awaitRunning(Duration.ofSeconds(60));
            String base = "http://localhost:" + runtime.httpPort();
            Instant now = Instant.now();
            try (PulseProducer producer = new PulseProducer(config, runtime.bootstrapServers())) {
                producer.send(Topics.MEETINGS, "metrics-it", new Meeting("metrics-it", "Cabinet", "Test Council", List.of("metricslive"),
                        now.minusSeconds(600), "Europe/London", 0, List.of(new AgendaItem("1", "1", "Questions", false, null, null)))).get();
                producer.send(Topics.AGENDA, "metrics-it", new AgendaEvent("metrics-it", AgendaEventType.ITEM_STARTED, "1", now.minusSeconds(300), "clerk")).get();
            }
            awaitReady(base);

            // when
            post(base, "{\"id\": \"1\", \"author\": \"jo\", \"text\": \"Fix the potholes #metricslive\"}");
            post(base, "{\"id\": \"2\", \"text\": \"no author #metricslive\"}");
            try (var raw = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", runtime.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                raw.send(new ProducerRecord<>(Topics.COMMENTS_RAW.name(), "bad", "{not json")).get();
            }
            String metrics = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> get("http://localhost:" + runtime.managementPort() + "/metrics"),
                            scraped -> scraped.contains("chamberpulse_post_latency_seconds_count 1\n")
                                    && scraped.contains("chamberpulse_dlq_records_total{topic=\"pulse.comments.raw\"} 1.0")
                                    && scraped.contains("chamberpulse_consumer_lag{topic=\"pulse.comments.raw\"}")
                                    && scraped.contains("chamberpulse_ingest_connected{hashtag=\"metricslive\""));

            // then
            assertThat(metrics).contains(
                    "chamberpulse_ingest_accepted_total{source=\"web\"} 1.0",
                    "chamberpulse_ingest_rejected_total{reason=\"invalid\",source=\"web\"} 1.0",
                    "chamberpulse_post_latency_seconds_bucket{le=",
                    "chamberpulse_post_latency_seconds_count 1\n",
                    "chamberpulse_dlq_records_total{topic=\"pulse.comments.raw\"} 1.0",
                    "chamberpulse_unmatched_comments",
                    "chamberpulse_consumer_lag{topic=\"pulse.comments.raw\"}",
                    "chamberpulse_sse_clients",
                    "kafka_stream_thread_process_total",
                    "kafka_producer_record_send_total",
                    "chamberpulse_ingest_posts_published_total{hashtag=\"metricslive\"",
                    "chamberpulse_ingest_seconds_since_last_post{hashtag=\"metricslive\"",
                    "jvm_memory_used_bytes");
            Process promtool = new ProcessBuilder(PROMTOOL.getPath(), "check", "metrics").redirectErrorStream(true).start();
            promtool.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
            promtool.getOutputStream().close();
            String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(promtool.exitValue()).as(verdict).isZero();
            assertThat(verdict).isBlank();
        }
    }

    private void awaitReady(String base) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/health/ready")).build();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private void post(String base, String json) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/comments")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
