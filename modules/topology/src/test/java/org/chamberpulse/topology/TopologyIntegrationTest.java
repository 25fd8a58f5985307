package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chamberpulse.topology.Fixtures.START;
import static org.chamberpulse.topology.Fixtures.at;
import static org.chamberpulse.topology.Fixtures.comment;
import static org.chamberpulse.topology.Fixtures.council;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.ReportBundle;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The topology on a real broker, exactly-once, read back with read_committed. */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TopologyIntegrationTest {

    @Test
    void shouldPublishExactSummariesOfASmallMeetingOnARealBroker(@TempDir Path dir) throws Exception {
        // given
        PulseConfig config = PulseConfig.fromSettings(Map.of(
                "application.id", "topology-it", "partitions", "3", "data.dir", dir.toString(), "emit.interval", "100ms"));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            broker.createTopics(Topics.ALL.stream().map(t -> t.newTopic(3, (short) 1)).toList());
            try (KafkaStreams streams = new KafkaStreams(PulseTopology.build(config), StreamsProperties.of(config, broker.bootstrapServers()))) {
                streams.start();

                // when
                try (KafkaProducer<String, byte[]> producer = RawClients.producer(broker.bootstrapServers())) {
                    Meeting meeting = council("it-meeting", START, 0);
                    send(producer, Topics.MEETINGS, meeting.meetingId(), meeting);
                    send(producer, Topics.AGENDA, "it-meeting", new AgendaEvent("it-meeting", AgendaEventType.OPENED, null, at(0), "clerk"));
                    send(producer, Topics.AGENDA, "it-meeting", new AgendaEvent("it-meeting", AgendaEventType.ITEM_STARTED, "1", at(1), "clerk"));
                    send(producer, Topics.COMMENTS_RAW, "mastodon:1", comment("mastodon:1", "alice", "Hello", at(-5)));
                    send(producer, Topics.COMMENTS_RAW, "mastodon:2", comment("mastodon:2", "alice", "Apologies noted", at(2)));
                    send(producer, Topics.COMMENTS_RAW, "mastodon:3", comment("mastodon:3", "bob", "Who is missing?", at(3)));
                    send(producer, Topics.AGENDA, "it-meeting", new AgendaEvent("it-meeting", AgendaEventType.ITEM_STARTED, "2", at(10), "clerk"));
                    send(producer, Topics.COMMENTS_RAW, "mastodon:4", comment("mastodon:4", "carol", "Buses!", at(11)));
                    producer.send(new ProducerRecord<>(Topics.COMMENTS_RAW.name(), "bad", "{oops".getBytes(StandardCharsets.UTF_8))).get();
                    send(producer, Topics.COMMENTS_RAW, "mastodon:5", comment("mastodon:5", "dave", "Trams!", at(12)));
                }

                // then
                Map<String, ItemSummary> summaries = new HashMap<>();
                List<DeadLetter> deadLetters = new ArrayList<>();
                try (KafkaConsumer<String, byte[]> consumer = RawClients.readCommitted(broker.bootstrapServers(), "topology-it-reader")) {
                    consumer.subscribe(List.of(Topics.SUMMARIES.name(), Topics.DLQ.name()));
                    RawClients.readUntil(consumer, Duration.ofSeconds(90), r -> {
                        if (r.topic().equals(Topics.SUMMARIES.name())) {
                            summaries.put(r.key(), read(Topics.SUMMARIES, r.value()));
                        } else {
                            deadLetters.add(read(Topics.DLQ, r.value()));
                        }
                    }, () -> settled(summaries) && !deadLetters.isEmpty());
                }
                assertThat(summaries.get("it-meeting/pre")).extracting(ItemSummary::count, ItemSummary::uniqueAuthors).containsExactly(1L, 1L);
                assertThat(summaries.get("it-meeting/1")).extracting(ItemSummary::count, ItemSummary::uniqueAuthors).containsExactly(2L, 2L);
                assertThat(summaries.get("it-meeting/2")).extracting(ItemSummary::count, ItemSummary::uniqueAuthors).containsExactly(2L, 2L);
                assertThat(summaries.get("it-meeting/3")).extracting(ItemSummary::count).isEqualTo(0L);
                assertThat(deadLetters).singleElement().satisfies(d -> {
                    assertThat(d.value()).isEqualTo("{oops");
                    assertThat(d.reason()).startsWith("not a valid Comment");
                });
            }
        }
    }

    @Test
    void shouldWriteTheRecordOfAMeetingOfTwentyThousandCommentsOnARealBroker(@TempDir Path dir) throws Exception {
        // given: a meeting of 20,000 comments, adjourned, and a grace of one second
        PulseConfig config = PulseConfig.fromSettings(Map.of(
                "application.id", "record-size-it", "partitions", "3", "data.dir", dir.toString(), "report.grace", "1s"));
        int comments = 20_000;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            broker.createTopics(Topics.ALL.stream().map(t -> t.newTopic(3, (short) 1)).toList());
            try (KafkaStreams streams = new KafkaStreams(PulseTopology.build(config), StreamsProperties.of(config, broker.bootstrapServers()))) {
                streams.start();
                try (KafkaProducer<String, byte[]> producer = RawClients.producer(broker.bootstrapServers())) {
                    Meeting meeting = council("big-meeting", START, 0);
                    send(producer, Topics.MEETINGS, meeting.meetingId(), meeting);
                    send(producer, Topics.AGENDA, "big-meeting", new AgendaEvent("big-meeting", AgendaEventType.ITEM_STARTED, "1", at(0), "clerk"));
                    for (int k = 0; k < comments; k++) {
                        String id = "web:big-" + k;
                        producer.send(new ProducerRecord<>(Topics.COMMENTS_RAW.name(), id, Topics.COMMENTS_RAW.valueSerde().serializer().serialize(
                                Topics.COMMENTS_RAW.name(), comment(id, "person" + (k % 5_000), "Point number " + k + " about the buses and the budget", at(0, 1 + k % 7_000)))));
                    }
                    send(producer, Topics.AGENDA, "big-meeting", new AgendaEvent("big-meeting", AgendaEventType.ADJOURNED, null, at(120), "clerk"));
                }

                // when its record is written
                AtomicReference<ReportBundle> latest = new AtomicReference<>();
                try (KafkaConsumer<String, byte[]> consumer = RawClients.readCommitted(broker.bootstrapServers(), "record-size-reader")) {
                    consumer.subscribe(List.of(Topics.REPORTS.name()));
                    RawClients.readUntil(consumer, Duration.ofMinutes(3), r -> latest.set(read(Topics.REPORTS, r.value())),
                            () -> latest.get() != null && latest.get().comments().size() >= comments);
                }
                ReportBundle record = latest.get();

                // then it holds them all, in one record
                assertThat(record).isNotNull();
                assertThat(record.comments()).hasSize(comments);
                assertThat(record.summaries()).filteredOn(s -> s.itemId().equals("1")).singleElement()
                        .satisfies(item -> assertThat(item.count()).isEqualTo(comments));
            }
        }
    }

    private static boolean settled(Map<String, ItemSummary> summaries) {
        ItemSummary two = summaries.get("it-meeting/2");
        ItemSummary one = summaries.get("it-meeting/1");
        return two != null && two.count() == 2 && one != null && one.count() == 2 && summaries.containsKey("it-meeting/pre");
    }

    private static <V> V read(Topic<String, V> topic, byte[] value) {
        return topic.valueSerde().deserializer().deserialize(topic.name(), value);
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, Topic<String, V> topic, String key, V value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value))).get();
    }

}
