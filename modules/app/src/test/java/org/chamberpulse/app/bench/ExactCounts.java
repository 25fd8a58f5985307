package org.chamberpulse.app.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
import org.chamberpulse.config.KafkaClients;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.LoadGenerator;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Text;
import org.chamberpulse.model.Topics;
import org.chamberpulse.model.UnmatchedSummary;

/**
 * The other half of the outside check of issue 16: beside the rate, every count exact. The backlog is read back
 * (as a check that produced it knows it): the posts of each load meeting, and under every other hashtag the posts
 * that carry it. A run's final figures (the latest record of each key, read committed, written since the run
 * began) must count exactly as many: every meeting's posts on {@code pulse.summaries}, and on
 * {@code pulse.unmatched} every other hashtag's posts as unmatched and none under a meeting's hashtag. Every
 * generated post is distinct and falls in its meeting's window, so the rules count each once.
 */
final class ExactCounts {

    private static final Duration POLL = Duration.ofMillis(200);

    private final PulseConfig config;
    private final String bootstrap;
    private final Map<String, Long> postsByMeeting;
    private final Map<String, Long> unmatchedByHashtag;

    private ExactCounts(PulseConfig config, String bootstrap, Map<String, Long> postsByMeeting, Map<String, Long> unmatchedByHashtag) {
        this.config = config;
        this.bootstrap = bootstrap;
        this.postsByMeeting = postsByMeeting;
        this.unmatchedByHashtag = unmatchedByHashtag;
    }

    /** Reads the backlog back, knowing the load run {@code run}'s meetings (LoadGenerator's ids and hashtags). */
    static ExactCounts ofBacklog(PulseConfig config, String bootstrap, String run, int meetings) {
        Map<String, String> meetingOfHashtag = new HashMap<>();
        Map<String, Long> unmatched = new TreeMap<>();
        for (int m = 0; m < meetings; m++) {
            meetingOfHashtag.put(LoadGenerator.hashtag(run, m), LoadGenerator.meetingId(run, m));
            unmatched.put(LoadGenerator.hashtag(run, m), 0L);
        }
        Map<String, Long> posts = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(config, bootstrap)) {
            readToEnd(consumer, Topics.COMMENTS_RAW.name(), Map.of(), record -> {
                Comment comment = Topics.COMMENTS_RAW.valueSerde().deserializer().deserialize(record.topic(), record.value());
                for (String hashtag : new TreeSet<>(Text.hashtagsIn(comment.text()))) {
                    String meeting = meetingOfHashtag.get(hashtag);
                    if (meeting != null) {
                        posts.merge(meeting, 1L, Long::sum);
                    } else if (!Text.isItemTag(hashtag)) {
                        unmatched.merge(hashtag, 1L, Long::sum);
                    }
                }
            });
        }
        return new ExactCounts(config, bootstrap, posts, unmatched);
    }

    /** Where the figures' topics end now: a run's figures are those written after. */
    Map<TopicPartition, Long> figuresEnd() {
        try (KafkaConsumer<String, byte[]> consumer = consumer(config, bootstrap)) {
            List<TopicPartition> partitions = new ArrayList<>(partitions(consumer, Topics.SUMMARIES.name()));
            partitions.addAll(partitions(consumer, Topics.UNMATCHED.name()));
            return consumer.endOffsets(partitions);
        }
    }

    /**
     * Waits up to {@code within} (the last figures go out an emit interval after the last post) for the figures
     * written since {@code from} to count every post; fails naming the meetings and hashtags that differ.
     */
    void await(Map<TopicPartition, Long> from, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, ItemSummary> summaries = new HashMap<>();
        Map<String, UnmatchedSummary> unmatched = new HashMap<>();
        Map<TopicPartition, Long> position = new HashMap<>(from);
        Map<String, String> differ;
        try (KafkaConsumer<String, byte[]> consumer = consumer(config, bootstrap)) {
            while (true) {
                position.putAll(readToEnd(consumer, Topics.SUMMARIES.name(), position, record -> summaries.put(record.key(),
                        Topics.SUMMARIES.valueSerde().deserializer().deserialize(record.topic(), record.value()))));
                position.putAll(readToEnd(consumer, Topics.UNMATCHED.name(), position, record -> unmatched.put(record.key(),
                        Topics.UNMATCHED.valueSerde().deserializer().deserialize(record.topic(), record.value()))));
                Map<String, Long> counted = new TreeMap<>();
                summaries.values().forEach(summary -> counted.merge(summary.meetingId(), summary.count(), Long::sum));
                Map<String, Long> unmatchedCounted = new TreeMap<>();
                unmatched.values().forEach(figures -> unmatchedCounted.put(figures.hashtag(), figures.count()));
                Map<String, String> found = differences(postsByMeeting, counted);
                differences(unmatchedByHashtag, unmatchedCounted).forEach((hashtag, figures) -> found.put("#" + hashtag, figures));
                differ = found;
                if (differ.isEmpty() || System.nanoTime() > deadline) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
        if (!differ.isEmpty()) {
            throw new IllegalStateException("counts not exact " + within.toSeconds() + " s after the run, counted of posted: " + differ);
        }
        System.out.printf("    counts exact: %,d posts in %d meetings (final summaries), %,d unmatched under %d other hashtags%n",
                postsByMeeting.values().stream().mapToLong(Long::longValue).sum(), postsByMeeting.size(),
                unmatchedByHashtag.values().stream().mapToLong(Long::longValue).sum(), unmatchedByHashtag.size() - postsByMeeting.size());
    }

    /** Each key whose count differs, as "counted of expected" (a key missing on either side counts 0). */
    private static Map<String, String> differences(Map<String, Long> expected, Map<String, Long> counted) {
        Map<String, String> differ = new TreeMap<>();
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(counted.keySet());
        for (String key : keys) {
            long got = counted.getOrDefault(key, 0L);
            long posted = expected.getOrDefault(key, 0L);
            if (got != posted || !counted.containsKey(key)) {
                differ.put(key, got + " of " + posted);
            }
        }
        return differ;
    }

    private static KafkaConsumer<String, byte[]> consumer(PulseConfig config, String bootstrap) {
        Properties props = KafkaClients.committedReader(config, bootstrap);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
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
