package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;
import org.chamberpulse.model.UnmatchedSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule at once on a real broker, the hard way round: the comments arrive before the agenda events
 * that place them (a late CORRECTION among them), every comment twice, malformed records mixed in.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ScenarioIntegrationTest {

    private static final Instant T = Instant.parse("2026-11-27T14:00:00Z");

    @Test
    void shouldGiveExactFiguresWhateverTheArrivalOrder(@TempDir Path dir) throws Exception {
        PulseConfig config = PulseConfig.fromSettings(Map.of(
                "application.id", "scenario-it", "partitions", "2", "data.dir", dir.toString(), "emit.interval", "100ms"));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            broker.createTopics(Topics.ALL.stream().map(t -> t.newTopic(2, (short) 1)).toList());
            try (KafkaStreams streams = new KafkaStreams(PulseTopology.build(config), StreamsProperties.of(config, broker.bootstrapServers()));
                 KafkaProducer<String, byte[]> producer = RawClients.producer(broker.bootstrapServers())) {
                streams.start();

                // given
                Meeting meeting = new Meeting("sc", "Full Council", "Test City Council", List.of("bcclive"), T, "Europe/London", 30, List.of(
                        new AgendaItem("1", "1", "Apologies", false, null, null),
                        new AgendaItem("2", "2", "Public questions", false, null, null),
                        new AgendaItem("3", "3", "Exempt business", true, null, null)));
                send(producer, Topics.MEETINGS, "sc", meeting);

                // when: comments first, each twice, with bad records between them
                List<Comment> comments = List.of(
                        comment("c1", "alice", "Waiting for the start", at(-10, 0)),
                        comment("c2", "bob", "Apologies noted", at(6, 0)),
                        comment("c3", "carol", "Questions now?", at(18, 40)),
                        comment("c4", "dave", "Great question on buses", at(21, 0)),
                        comment("c5", "dave", "great question on   buses", at(22, 0)),
                        comment("c6", "erin", "Mae'r cyngor yn gwneud penderfyniad gwael iawn heddiw", at(23, 0)),
                        new Comment("r1", "x", "frank", "", List.of("bcclive"), at(24, 0), at(24, 1), null, "c4"),
                        comment("c7", "gina", "Tea break already", at(35, 0)),
                        comment("c8", "hank", "Still thinking about the apologies #item1", at(55, 0)),
                        comment("c9", "ivan", "Selling the land cheap #digbeth", at(52, 0)),
                        comment("c10", "judy", "Well chaired", at(75, 0)),
                        comment("c11", "kate", "Far too early", at(-240, 0)));
                for (int round = 0; round < 2; round++) {
                    for (Comment c : comments) {
                        send(producer, Topics.COMMENTS_RAW, "x:" + c.id(), c);
                    }
                    raw(producer, Topics.COMMENTS_RAW, "{broken json");
                }
                raw(producer, Topics.COMMENTS_RAW, "{\"id\":\"x:bad\",\"source\":\"x\",\"author\":\"a\",\"text\":\"t\",\"createdAt\":\"1999-01-01T00:00:00Z\"}");
                raw(producer, Topics.AGENDA, "{\"meetingId\":\"sc\",\"type\":\"LUNCH\",\"at\":\"2026-11-27T14:00:00Z\"}");
                // then the agenda, the correction before the event it corrects
                agenda(producer, AgendaEventType.CORRECTION, "2", at(18, 0));
                agenda(producer, AgendaEventType.OPENED, null, at(0, 0));
                agenda(producer, AgendaEventType.ITEM_STARTED, "1", at(5, 0));
                agenda(producer, AgendaEventType.ITEM_STARTED, "2", at(20, 0));
                agenda(producer, AgendaEventType.RECESS, null, at(30, 0));
                agenda(producer, AgendaEventType.RESUMED, null, at(40, 0));
                agenda(producer, AgendaEventType.ITEM_STARTED, "3", at(50, 0));
                agenda(producer, AgendaEventType.ADJOURNED, null, at(70, 0));
                producer.flush();

                // then
                Map<String, ItemSummary> summaries = new HashMap<>();
                Map<String, UnmatchedSummary> unmatched = new HashMap<>();
                List<String> deadLetters = new ArrayList<>();
                Map<String, long[]> expected = Map.of(
                        "sc/pre", new long[] {1, 0, 1, 0}, "sc/1", new long[] {2, 0, 2, 0}, "sc/2", new long[] {3, 1, 3, 1},
                        "sc/recess", new long[] {1, 0, 1, 0}, "sc/3", new long[] {1, 0, 1, 0}, "sc/post", new long[] {1, 0, 1, 0});
                try (KafkaConsumer<String, byte[]> consumer = RawClients.readCommitted(broker.bootstrapServers(), "scenario-reader")) {
                    consumer.subscribe(List.of(Topics.SUMMARIES.name(), Topics.UNMATCHED.name(), Topics.DLQ.name()));
                    // Until the last figures: the unmatched go out on an emit of their own, and comments held before the
                    // window reached the desk (11 for a moment) may still show there when the summaries are final.
                    RawClients.readUntil(consumer, Duration.ofSeconds(90), r -> {
                        switch (r.topic()) {
                            case "pulse.summaries" -> summaries.put(r.key(), read(Topics.SUMMARIES, r.value()));
                            case "pulse.unmatched" -> unmatched.put(r.key(), read(Topics.UNMATCHED, r.value()));
                            default -> deadLetters.add(read(Topics.DLQ, r.value()).reason());
                        }
                    }, () -> matches(summaries, expected) && deadLetters.size() == 4 && unmatched.containsKey("bcclive")
                            && unmatched.get("bcclive").count() == 1);
                }
                expected.forEach((key, figures) -> assertThat(summaries.get(key))
                        .as(key)
                        .isNotNull()
                        .extracting(ItemSummary::count, ItemSummary::reposts, ItemSummary::uniqueAuthors, s -> s.sentiment().unscored())
                        .containsExactly(figures[0], figures[1], figures[2], figures[3]));
                assertThat(summaries.get("sc/3").topTerms()).isEmpty();
                assertThat(summaries.get("sc/3").topHashtags()).isEmpty();
                assertThat(summaries.get("sc/3").quotes()).isEmpty();
                assertThat(summaries.get("sc/2").quotes()).isNotEmpty();
                assertThat(unmatched.get("bcclive").count()).isEqualTo(1);
                assertThat(deadLetters).hasSize(4).anySatisfy(reason -> assertThat(reason).contains("LUNCH"));
            }
        }
    }

    private static boolean matches(Map<String, ItemSummary> summaries, Map<String, long[]> expected) {
        return expected.entrySet().stream().allMatch(e -> {
            ItemSummary s = summaries.get(e.getKey());
            return s != null && s.count() == e.getValue()[0] && s.reposts() == e.getValue()[1] && s.uniqueAuthors() == e.getValue()[2];
        });
    }

    private static Instant at(int minutes, int seconds) {
        return T.plusSeconds(minutes * 60L + seconds);
    }

    private static Comment comment(String id, String author, String text, Instant at) {
        return new Comment(id, "x", author, text, List.of("bcclive"), at, at.plusSeconds(1), null, null);
    }

    private static void agenda(KafkaProducer<String, byte[]> producer, AgendaEventType type, String itemId, Instant at) throws Exception {
        send(producer, Topics.AGENDA, "sc", new AgendaEvent("sc", type, itemId, at, "clerk"));
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, Topic<String, V> topic, String key, V value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value))).get();
    }

    private static void raw(KafkaProducer<String, byte[]> producer, Topic<String, ?> topic, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), "bad", value.getBytes(StandardCharsets.UTF_8))).get();
    }

    private static <V> V read(Topic<String, V> topic, byte[] value) {
        return topic.valueSerde().deserializer().deserialize(topic.name(), value);
    }

}
