package org.chamberpulse.ingest.follow;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chamberpulse.config.KafkaClients;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.model.IngestCursor;
import org.chamberpulse.model.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The followers' resume points on {@code pulse.ingest.cursors}: read whole at start (a compacted topic, one
 * record per followed stream), written as followers save. Kept in Kafka, not on local disk, so that any
 * instance of the ingest role can take over.
 */
public final class IngestCursors {

    private static final Logger log = LoggerFactory.getLogger(IngestCursors.class);

    private final Map<String, String> positions = new ConcurrentHashMap<>();
    private final PulseProducer producer;
    private final Clock clock;

    private IngestCursors(PulseProducer producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    /** Reads every saved position, from the beginning of the topic to its end as it is now. */
    public static IngestCursors load(PulseConfig config, String bootstrapServers, PulseProducer producer, Clock clock) {
        IngestCursors cursors = new IngestCursors(producer, clock);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.committedReader(config, bootstrapServers), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INGEST_CURSORS.name(), Duration.ofSeconds(60)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(60)) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    cursors.read(record);
                }
            }
        }
        log.info("ingest: resume points read: {}", cursors.positions);
        return cursors;
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            positions.remove(record.key());
            return;
        }
        try {
            IngestCursor cursor = Topics.INGEST_CURSORS.valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (cursor != null && cursor.position() != null) {
                positions.put(record.key(), cursor.position());
            }
        } catch (RuntimeException e) {
            log.warn("ingest: an unreadable resume point for {} was ignored", record.key());
        }
    }

    public String position(String stream) {
        return positions.get(stream);
    }

    /** Saves a position; the caller has made sure every post before it is stored. */
    public void save(String stream, String position) {
        positions.put(stream, position);
        producer.send(Topics.INGEST_CURSORS, stream, new IngestCursor(stream, position, clock.instant()), (metadata, error) -> {
            if (error != null) {
                log.warn("ingest: the resume point of {} was not saved ({}); a restart reads back further", stream, error.getMessage());
            }
        });
    }
}
