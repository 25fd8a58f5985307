package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.chamberpulse.topology.Fixtures.START;
import static org.chamberpulse.topology.Fixtures.at;
import static org.chamberpulse.topology.Fixtures.comment;
import static org.chamberpulse.topology.Fixtures.council;
import static org.chamberpulse.topology.Fixtures.repost;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.streams.KafkaStreams;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two topology instances sharing one application id on a three-broker cluster; one stops in the middle
 * of a meeting, the other takes its partitions over, and the final summaries are exact.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ScaleOutIntegrationTest {

    private static final String MEETING = "scale-out";
    private static final int COMMENTS = 900;
    private static final int AUTHORS = 300;
    private static final List<Instant> ITEM_STARTS = List.of(at(1), at(30), at(60));

    @Test
    void shouldKeepExactSummariesWhenOneOfTwoInstancesStopsMidMeeting(@TempDir Path dir) throws Exception {
        try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(false).setNumControllerNodes(1).setNumBrokerNodes(3).setBaseDirectory(dir.resolve("kafka")).build())
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("min.insync.replicas", "2")
                .build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            try (Admin admin = cluster.admin()) {
                EmbeddedKafkaBroker.createTopics(admin, Topics.ALL.stream().map(t -> t.newTopic(6, (short) 3)).toList());
            }
            // given: two instances of one application
            KafkaStreams first = instance(cluster, dir.resolve("first"));
            KafkaStreams second = instance(cluster, dir.resolve("second"));
            try (first; second; KafkaProducer<String, byte[]> producer = RawClients.producer(cluster.bootstrapServers())) {
                first.start();
                second.start();
                awaitRunning(first, second);
                send(producer, Topics.MEETINGS, MEETING, council(MEETING, START, 0));
                send(producer, Topics.AGENDA, MEETING, new AgendaEvent(MEETING, AgendaEventType.OPENED, null, at(0), "clerk"));
                for (int i = 0; i < ITEM_STARTS.size(); i++) {
                    send(producer, Topics.AGENDA, MEETING, new AgendaEvent(MEETING, AgendaEventType.ITEM_STARTED, Integer.toString(i + 1), ITEM_STARTS.get(i), "clerk"));
                }
                send(producer, Topics.AGENDA, MEETING, new AgendaEvent(MEETING, AgendaEventType.ADJOURNED, null, at(90), "clerk"));
                List<Comment> posts = posts();
                sendAll(producer, posts.subList(0, posts.size() / 2));

                // when: the second instance stops while the first half is being counted, and the rest arrives
                Map<String, ItemSummary> seen = new HashMap<>();
                try (KafkaConsumer<String, byte[]> consumer = RawClients.readCommitted(cluster.bootstrapServers(), "scale-out-it-reader")) {
                    consumer.subscribe(List.of(Topics.SUMMARIES.name()));
                    RawClients.readUntil(consumer, Duration.ofSeconds(90), summary(seen), () -> count(seen, "1") > 0);
                    second.close(Duration.ofSeconds(60));
                    sendAll(producer, posts.subList(posts.size() / 2, posts.size()));
                    Map<String, long[]> expected = expected(posts);
                    RawClients.readUntil(consumer, Duration.ofSeconds(180), summary(seen), () -> matches(seen, expected));

                    // then
                    for (Map.Entry<String, long[]> item : expected.entrySet()) {
                        ItemSummary summary = seen.get(ItemSummary.key(MEETING, item.getKey()));
                        assertThat(summary).as("summary of item %s", item.getKey()).isNotNull();
                        assertThat(new long[] {summary.count(), summary.reposts(), summary.uniqueAuthors()})
                                .as("count, reposts, unique authors of item %s", item.getKey()).containsExactly(item.getValue());
                    }
                    // the survivor may still be in the follow-up rebalance that hands it the stopped instance's tasks
                    awaitRunning(first);
                }
            }
        }
    }

    /** Comments five seconds apart from minute 2 to minute 77, each delivered twice, and a repost of every tenth. */
    private static List<Comment> posts() {
        List<Comment> posts = new ArrayList<>();
        for (int k = 0; k < COMMENTS; k++) {
            Instant time = at(2).plusSeconds(5L * k);
            Comment comment = comment("mastodon:" + k, "author" + (k % AUTHORS), "Comment number " + k + " on the budget #bcclive", time);
            posts.add(comment);
            posts.add(comment);
            if (k % 10 == 0) {
                posts.add(repost("mastodon:r" + k, "reposter" + k, comment.id(), time.plusSeconds(1)));
            }
        }
        return posts;
    }

    /** Per item: count, reposts, unique authors, worked out from the item starts alone. */
    private static Map<String, long[]> expected(List<Comment> posts) {
        Map<String, Set<String>> ids = new HashMap<>();
        Map<String, Set<String>> reposts = new HashMap<>();
        Map<String, Set<String>> authors = new HashMap<>();
        for (Comment post : posts) {
            String item = Integer.toString((int) ITEM_STARTS.stream().filter(start -> !start.isAfter(post.createdAt())).count());
            if (post.isRepost()) {
                reposts.computeIfAbsent(item, i -> new HashSet<>()).add(post.id());
            } else {
                ids.computeIfAbsent(item, i -> new HashSet<>()).add(post.id());
                authors.computeIfAbsent(item, i -> new HashSet<>()).add(post.author());
            }
        }
        Map<String, long[]> expected = new HashMap<>();
        for (String item : List.of("1", "2", "3")) {
            expected.put(item, new long[] {ids.getOrDefault(item, Set.of()).size(), reposts.getOrDefault(item, Set.of()).size(),
                    authors.getOrDefault(item, Set.of()).size()});
        }
        return expected;
    }

    private static boolean matches(Map<String, ItemSummary> seen, Map<String, long[]> expected) {
        return expected.entrySet().stream().allMatch(item -> {
            ItemSummary summary = seen.get(ItemSummary.key(MEETING, item.getKey()));
            return summary != null && summary.count() == item.getValue()[0] && summary.reposts() == item.getValue()[1]
                    && summary.uniqueAuthors() == item.getValue()[2];
        });
    }

    private static long count(Map<String, ItemSummary> seen, String item) {
        ItemSummary summary = seen.get(ItemSummary.key(MEETING, item));
        return summary == null ? 0 : summary.count();
    }

    private static Consumer<ConsumerRecord<String, byte[]>> summary(Map<String, ItemSummary> seen) {
        return record -> seen.put(record.key(), Topics.SUMMARIES.valueSerde().deserializer().deserialize(record.topic(), record.value()));
    }


    private static KafkaStreams instance(KafkaClusterTestKit cluster, Path dataDir) {
        PulseConfig config = PulseConfig.fromSettings(Map.of("application.id", "scale-out-it", "partitions", "6", "replication.factor", "3",
                "data.dir", dataDir.toString(), "emit.interval", "100ms"));
        return new KafkaStreams(PulseTopology.build(config), StreamsProperties.of(config, cluster.bootstrapServers()));
    }

    private static void awaitRunning(KafkaStreams... instances) {
        for (KafkaStreams instance : instances) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(instance.state()).isEqualTo(KafkaStreams.State.RUNNING));
        }
    }

    private static void sendAll(KafkaProducer<String, byte[]> producer, List<Comment> comments) throws Exception {
        for (Comment comment : comments) {
            producer.send(new ProducerRecord<>(Topics.COMMENTS_RAW.name(), comment.key(),
                    Topics.COMMENTS_RAW.valueSerde().serializer().serialize(Topics.COMMENTS_RAW.name(), comment)));
        }
        producer.flush();
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, Topic<String, V> topic, String key, V value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value))).get();
    }

}
