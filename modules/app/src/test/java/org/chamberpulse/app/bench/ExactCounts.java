package org.chamberpulse.app.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chamberpulse.ingest.LoadGenerator;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Text;
import org.chamberpulse.model.Topics;

/**
 * The other half of the outside check of issue 16: beside the rate, every count exact. The posts of each load
 * meeting are counted as read back from the backlog (as a check that produced them knows them), and a run's
 * final summaries (the latest of each item, read committed, written since the run began) must count exactly as
 * many for every meeting. Every generated post is distinct, carries its meeting's hashtag and falls in its window,
 * so the rules count each once.
 */
final class ExactCounts {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrap;
    private final Map<String, Long> expected;

    private ExactCounts(String bootstrap, Map<String, Long> expected) {
        this.bootstrap = bootstrap;
        this.expected = expected;
    }

    /** Reads the backlog back: posts per meeting id of the load run {@code run} (LoadGenerator's ids and hashtags). */
    static ExactCounts ofBacklog(String bootstrap, String run, int meetings) {
        Map<String, String> meetingOfHashtag = new HashMap<>();
        for (int m = 0; m < meetings; m++) {
            meetingOfHashtag.put(LoadGenerator.hashtag(run, m), "load-" + run + "-" + m);
        }
        Map<String, Long> posts = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            readToEnd(consumer, Topics.COMMENTS_RAW.name(), Map.of(), record -> {
                Comment comment = Topics.COMMENTS_RAW.valueSerde().deserializer().deserialize(record.topic(), record.value());
                Text.hashtagsIn(comment.text()).stream().map(meetingOfHashtag::get).filter(Objects::nonNull).distinct()
                        .forEach(id -> posts.merge(id, 1L, Long::sum));
            });
        }
        return new ExactCounts(bootstrap, posts);
    }

    /** Where pulse.summaries ends now: a run's summaries are those written after. */
    Map<TopicPartition, Long> summariesEnd() {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            return consumer.endOffsets(partitions(consumer, Topics.SUMMARIES.name()));
        }
    }

    /**
     * Waits up to {@code within} (the last summaries go out an emit interval after the last post) for the summaries
     * written since {@code from} to count every meeting's posts; fails naming the meetings that differ.
     */
    void await(Map<TopicPartition, Long> from, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, ItemSummary> latest = new HashMap<>();
        Map<TopicPartition, Long> position = new HashMap<>(from);
        Map<String, Long> counted;
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            while (true) {
                position.putAll(readToEnd(consumer, Topics.SUMMARIES.name(), position, record -> latest.put(record.key(),
                        Topics.SUMMARIES.valueSerde().deserializer().deserialize(record.topic(), record.value()))));
                counted = perMeeting(latest.values());
                if (counted.equals(expected) || System.nanoTime() > deadline) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
        if (!counted.equals(expected)) {
            throw new IllegalStateException("counts not exact " + within.toSeconds() + " s after the run, meeting: counted of posted " + differences(counted));
        }
        System.out.printf("    counts exact: %,d posts in %d meetings, as the final summaries count them%n",
                expected.values().stream().mapToLong(Long::longValue).sum(), expected.size());
    }

    private static Map<String, Long> perMeeting(Collection<ItemSummary> summaries) {
        Map<String, Long> counted = new TreeMap<>();
        summaries.forEach(summary -> counted.merge(summary.meetingId(), summary.count(), Long::sum));
        return counted;
    }

    private Map<String, String> differences(Map<String, Long> counted) {
        Map<String, String> differ = new TreeMap<>();
        Set<String> meetings = new TreeSet<>(expected.keySet());
        meetings.addAll(counted.keySet());
        for (String meeting : meetings) {
            long got = counted.getOrDefault(meeting, 0L);
            long posted = expected.getOrDefault(meeting, 0L);
            if (got != posted) {
                differ.put(meeting, got + " of " + posted);
            }
        }
        return differ;
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Reads the topic from {@code from} (the beginning where absent) to its committed end; returns where it stopped. */
    private static Map<TopicPartition, Long> readToEnd(KafkaConsumer<String, byte[]> consumer, String topic, Map<TopicPartition, Long> from,
                                                       Consumer<ConsumerRecord<String, byte[]>> each) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        partitions.forEach(partition -> consumer.seek(partition, from.getOrDefault(partition, 0L)));
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
            consumer.poll(POLL).forEach(each);
        }
        Map<TopicPartition, Long> reached = new HashMap<>();
        partitions.forEach(partition -> reached.put(partition, consumer.position(partition)));
        return reached;
    }
}
