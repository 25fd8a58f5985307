package org.chamberpulse.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chamberpulse.config.KafkaClients;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.Alert;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts beyond the page (issue 21): every alert on {@code pulse.alerts} is POSTed as JSON to each of
 * {@code alerts.webhook.urls}, signed with HMAC-SHA256 under {@code alerts.webhook.secret}
 * ({@code X-ChamberPulse-Signature: sha256=<hex>}), and retried with backoff when the receiver fails. It reads
 * the topic as a consumer group of its own, apart from the topology, which it never slows. The body has a
 * {@code text} that Slack and Microsoft Teams incoming webhooks show as it is (docs/DEPLOY.md).
 */
final class AlertWebhooks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertWebhooks.class);
    static final String SIGNATURE = "X-ChamberPulse-Signature";
    /** Attempts per alert and receiver: 1 s, 2 s, 4 s … apart, about two minutes in all. */
    static final int ATTEMPTS = 7;
    /** Deliveries waiting at once; beyond it the oldest are dropped with a warning, so memory stays bounded. */
    static final int MAX_WAITING = 1_000;

    private final List<URI> receivers;
    private final byte[] secret;
    private final KafkaConsumer<String, byte[]> consumer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledThreadPoolExecutor deliveries = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "alert-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final Thread reader = new Thread(this::read, "alert-webhooks-reader");
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;

    AlertWebhooks(PulseConfig config, String bootstrapServers) {
        this.receivers = config.webhooks().urls();
        this.secret = config.webhooks().secret().getBytes(StandardCharsets.UTF_8);
        Properties props = KafkaClients.of(config, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.applicationId() + "-alert-webhooks");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A first start sends the alerts from now on, not the history of every meeting.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        reader.setDaemon(true);
    }

    AlertWebhooks start() {
        consumer.subscribe(List.of(Topics.ALERTS.name()));
        reader.start();
        log.info("alerts: posted to {} webhook receiver(s)", receivers.size());
        return this;
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Alert alert;
                    try {
                        alert = Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
                    } catch (RuntimeException e) {
                        continue;
                    }
                    if (alert != null) {
                        byte[] body = body(alert);
                        receivers.forEach(receiver -> deliver(receiver, body, 1));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("alerts: reading pulse.alerts for the webhooks failed; no more alerts are posted until a restart", e);
        }
    }

    /** What a receiver gets: the alert's fields, and a text for chat tools. */
    static byte[] body(Alert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", "ChamberPulse: " + alert.message());
        body.put("meetingId", alert.meetingId());
        body.put("itemId", alert.itemId());
        body.put("kind", alert.kind());
        body.put("at", alert.at());
        body.put("value", alert.value());
        body.put("baseline", alert.baseline());
        body.put("message", alert.message());
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert is always JSON", e);
        }
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the body under the secret. */
    static String signature(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private void deliver(URI receiver, byte[] body, int attempt) {
        if (deliveries.getQueue().size() >= MAX_WAITING) {
            Runnable oldest = deliveries.getQueue().poll();
            if (oldest != null) {
                failed.incrementAndGet();
                log.warn("alerts: {} deliveries waiting; the oldest was dropped", MAX_WAITING);
            }
        }
        long delay = attempt == 1 ? 0 : 1_000L << (attempt - 2);
        deliveries.schedule(() -> send(receiver, body, attempt), delay, TimeUnit.MILLISECONDS);
    }

    private void send(URI receiver, byte[] body, int attempt) {
        int status;
        try {
            HttpRequest request = HttpRequest.newBuilder(receiver).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "ChamberPulse/0.1 (alerts)")
                    .header(SIGNATURE, signature(secret, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (status >= 200 && status < 300) {
            delivered.incrementAndGet();
        } else if (attempt < ATTEMPTS && running) {
            deliver(receiver, body, attempt + 1);
        } else {
            failed.incrementAndGet();
            log.warn("alerts: {} refused an alert {} times (last answer {}); given up", receiver.getHost(), attempt, status < 0 ? "no connection" : status);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
        deliveries.shutdownNow();
    }
}
