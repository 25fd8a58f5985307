package org.chamberpulse.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chamberpulse.config.KafkaClients;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;
import org.chamberpulse.model.UnmatchedSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the topology's views of the meetings ({@code pulse.views}) and the unmatched figures
 * ({@code pulse.unmatched}), both compacted, from the beginning into the {@link LiveState}, then follows
 * them; and counts dead letters from now on. No history is replayed: a view holds everything the pages show
 * of a meeting. It reads only committed records (the topology writes exactly once) and keeps no offsets:
 * every dashboard instance builds its state itself.
 */
public final class PulseFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PulseFeed.class);
    private static final List<Topic<String, ?>> FROM_THE_BEGINNING = List.of(Topics.VIEWS, Topics.UNMATCHED);

    private final KafkaConsumer<String, byte[]> consumer;
    private final LiveState state;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile boolean caughtUp;
    /** Where the compacted topics ended when the feed started: caught up once it has read that far. */
    private Map<TopicPartition, Long> startedAt = Map.of();

    public PulseFeed(PulseConfig config, String bootstrapServers, LiveState state) {
        Properties props = KafkaClients.committedReader(config, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-dashboard");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.state = state;
        this.thread = new Thread(this::run, "pulse-feed");
        this.thread.setDaemon(true);
    }

    public void start() {
        List<TopicPartition> fromTheBeginning = new ArrayList<>();
        for (Topic<String, ?> topic : FROM_THE_BEGINNING) {
            fromTheBeginning.addAll(partitions(topic));
        }
        List<TopicPartition> fromNow = partitions(Topics.DLQ);
        List<TopicPartition> all = new ArrayList<>(fromTheBeginning);
        all.addAll(fromNow);
        consumer.assign(all);
        consumer.seekToBeginning(fromTheBeginning);
        consumer.seekToEnd(fromNow);
        startedAt = consumer.endOffsets(fromTheBeginning);
        thread.start();
    }

    private List<TopicPartition> partitions(Topic<String, ?> topic) {
        return consumer.partitionsFor(topic.name(), Duration.ofSeconds(60)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    /** True once the feed has read everything that was in the topics when it started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        try {
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(250));
                for (ConsumerRecord<String, byte[]> record : records) {
                    apply(record);
                }
                if (!caughtUp && startedAt.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    caughtUp = true;
                    log.info("the dashboard has read every meeting's view ({} meetings)", state.meetingCount());
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            switch (record.topic()) {
                case "pulse.views" -> state.view(record.key(), read(Topics.VIEWS, record));
                case "pulse.unmatched" -> {
                    UnmatchedSummary summary = read(Topics.UNMATCHED, record);
                    if (summary != null) {
                        state.unmatched(summary);
                    }
                }
                case "pulse.dlq" -> {
                    DeadLetter letter = read(Topics.DLQ, record);
                    if (letter != null) {
                        state.deadLetter(letter);
                    }
                }
                default -> log.warn("unexpected topic {}", record.topic());
            }
        } catch (SerializationException e) {
            // Written by the topology, so unreadable only after a mistake: skipped, not fatal.
            log.debug("skipped an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private static <V> V read(Topic<String, V> topic, ConsumerRecord<String, byte[]> record) {
        return topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
