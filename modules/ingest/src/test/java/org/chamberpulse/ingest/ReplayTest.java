package org.chamberpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReplayTest {

    private static final Instant T = Instant.parse("2026-11-24T14:00:00Z");

    @Test
    void shouldReplayValidLinesInTimeOrderAndReportBadOnes(@TempDir Path dir) throws Exception {
        // given: lines out of order, one unreadable, one invalid
        Path file = dir.resolve("comments.jsonl");
        Files.write(file, List.of(
                line(comment("web:2", T.plusSeconds(20))),
                "{broken",
                "",
                line(comment("web:1", T.plusSeconds(10))),
                line(new Comment("web:3", "carrier-pigeon", "a", "hi", List.of("x"), T, T, null, null))));
        List<AgendaEvent> agenda = List.of(new AgendaEvent("m1", AgendaEventType.ITEM_STARTED, "1", T.plusSeconds(15), "clerk"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            broker.createTopics(Topics.ALL.stream().map(t -> t.newTopic(1, (short) 1)).toList());
            PulseConfig config = PulseConfig.fromSettings(Map.of());

            // when: 20 seconds of archive at 40 times real time
            long started = System.nanoTime();
            Replay.Result result;
            try (PulseProducer producer = new PulseProducer(config, broker.bootstrapServers())) {
                result = new Replay(producer, new Pseudonyms("replay-test".getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true), false).run(Optional.empty(), agenda, ReplayFile.read(file, Comment.class), 40);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // then
            assertThat(result).isEqualTo(new Replay.Result(2, 1, 2));
            assertThat(out.toString()).contains("line 2 skipped: not a valid Comment").contains("line 5 skipped: unknown source");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            List<String> values = new ArrayList<>();
            assertThat(readIds(broker, values)).containsExactly("web:1", "m1", "web:2");
            assertThat(values).as("authors pseudonymised, as every source does").noneMatch(v -> v.contains("\"author\":\"a\""))
                    .anyMatch(v -> v.contains("\"author\":\"" + new Pseudonyms("replay-test".getBytes(StandardCharsets.UTF_8)).of("web", "a") + "\""));
        }
    }

    private static List<String> readIds(EmbeddedKafkaBroker broker, List<String> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-test");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.COMMENTS_RAW.name(), Topics.AGENDA.name()));
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= 3;
            });
        }
        records.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        records.forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
        return records.stream().map(r -> r.key()).toList();
    }

    private static Comment comment(String id, Instant at) {
        return new Comment(id, "web", "a", "text " + id, List.of("x"), at, at.plusSeconds(1), "en", null);
    }

    private static String line(Object value) throws Exception {
        return Json.MAPPER.writeValueAsString(value);
    }
}
