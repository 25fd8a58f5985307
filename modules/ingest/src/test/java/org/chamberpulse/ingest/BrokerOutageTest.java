package org.chamberpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real broker stops in the middle of an ingest and comes back on the same port and directory: every
 * comment a source client handed over arrives, once.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BrokerOutageTest {

    private static final int COMMENTS = 3_000;

    @Test
    void shouldLoseAndDoubleNothingWhenTheBrokerStopsMidIngest(@TempDir Path dir) throws Exception {
        // given
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        broker.createTopics(List.of(Topics.COMMENTS_RAW.newTopic(3, (short) 1)));
        String bootstrap = broker.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        try (PulseProducer producer = new PulseProducer(PulseConfig.fromSettings(Map.of()), bootstrap);
             KafkaSink sink = new KafkaSink(producer)) {
            // when: a third is sent, the broker stops, a third is sent into the void, it comes back, the rest follow
            Instant t = Instant.parse("2026-11-27T14:00:00Z");
            for (int k = 0; k < COMMENTS; k++) {
                if (k == COMMENTS / 3) {
                    sink.flush();
                    broker.close();
                }
                if (k == 2 * COMMENTS / 3) {
                    Thread.sleep(2_000);
                    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), port);
                }
                Comment comment = new Comment("web:" + k, "web", "a" + k, "comment " + k + " #bcclive", List.of("bcclive"),
                        t.plusSeconds(k), t.plusSeconds(k), "en", null);
                sink.accept(comment);
            }
            sink.flush();
            assertThat(sink.sent()).isEqualTo(COMMENTS);

            // then
            List<String> ids = readIds(broker);
            Set<String> distinct = new HashSet<>(ids);
            assertThat(ids).hasSize(COMMENTS);
            assertThat(distinct).hasSize(COMMENTS);
        } finally {
            broker.close();
        }
    }

    private static List<String> readIds(EmbeddedKafkaBroker broker) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "outage-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.COMMENTS_RAW.name()));
            // all of them, and then nothing more for a while: a copy sent twice would show
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> ids.add(r.key()));
                return ids.size() >= COMMENTS;
            });
            await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(10)).pollInSameThread().pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        var records = consumer.poll(Duration.ofMillis(300));
                        records.forEach(r -> ids.add(r.key()));
                        return records.isEmpty();
                    });
        }
        return ids;
    }
}
