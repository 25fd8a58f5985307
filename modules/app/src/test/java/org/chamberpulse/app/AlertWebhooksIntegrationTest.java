package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.model.Alert;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Alerts beyond the page (issue 21): a surge on pulse.alerts reaches a local receiver, signed, after a failed first try. */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AlertWebhooksIntegrationTest {

    @Test
    void shouldPostASignedSurgeToTheReceiverAndRetryWhenItFails(@TempDir Path dir) throws Exception {
        // given a receiver that fails its first request, and the webhooks following a real broker's pulse.alerts
        List<String[]> received = new CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        HttpServer receiver = SourceServers.http(Map.of("/hooks/surge", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (requests.incrementAndGet() == 1) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.add(new String[] {exchange.getRequestHeaders().getFirst(AlertWebhooks.SIGNATURE), new String(body, StandardCharsets.UTF_8)});
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        }));
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/surge";
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            broker.createTopics(List.of(Topics.ALERTS.newTopic(1, (short) 1)));
            PulseConfig config = PulseConfig.fromSettings(Map.of("data.dir", dir.toString(), "application.id", "webhooks-it",
                    "alerts.webhook.urls", url, "alerts.webhook.secret", "shared-with-the-receiver"));
            try (AlertWebhooks webhooks = new AlertWebhooks(config, broker.bootstrapServers()).start();
                 PulseProducer producer = new PulseProducer(config, broker.bootstrapServers())) {
                Alert surge = new Alert("m1", "4", Alert.Kind.SURGE, Instant.parse("2026-11-27T14:21:00Z"), 40, 3,
                        "Surge during item 4 (Public questions): 40 comments in one minute");

                // when a surge is raised (again each second until the webhooks have joined the topic's end)
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    if (requests.get() == 0) {
                        producer.send(Topics.ALERTS, "m1", surge).get();
                    }
                    return !received.isEmpty();
                });

                // then it arrived on the second try, signed with the shared secret, with a text for chat tools
                String[] delivery = received.get(0);
                assertThat(delivery[0]).isEqualTo(AlertWebhooks.signature("shared-with-the-receiver".getBytes(StandardCharsets.UTF_8),
                        delivery[1].getBytes(StandardCharsets.UTF_8)));
                assertThat(delivery[0]).isNotEqualTo(AlertWebhooks.signature("another".getBytes(StandardCharsets.UTF_8),
                        delivery[1].getBytes(StandardCharsets.UTF_8)));
                var body = Json.MAPPER.readTree(delivery[1]);
                assertThat(body.path("kind").asText()).isEqualTo("SURGE");
                assertThat(body.path("meetingId").asText()).isEqualTo("m1");
                assertThat(body.path("text").asText()).isEqualTo("ChamberPulse: " + surge.message());
                assertThat(requests.get()).isGreaterThanOrEqualTo(2);
                await().atMost(Duration.ofSeconds(5)).until(() -> webhooks.delivered.get() >= 1);
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void shouldRefuseWebhooksWithoutASecret() {
        assertThatThrownBy(() -> PulseConfig.fromSettings(Map.of("alerts.webhook.urls", "https://hooks.example/x")))
                .hasMessageContaining("alerts.webhook.secret must be set with alerts.webhook.urls");
    }
}
