package org.chamberpulse.model;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic: its name, the serdes of its keys and values, and how the broker keeps it. Producers, the
 * topology and the tests all use the same descriptor, so a topic cannot be read with the wrong serde.
 *
 * @param retention how long records are kept; null for a compacted topic, which keeps the latest per key
 * @param configs   further topic settings the broker applies when it creates the topic
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Duration retention, Map<String, String> configs) {

    public Topic {
        configs = Map.copyOf(configs);
    }

    public Topic(String name, Serde<K> keySerde, Serde<V> valueSerde, Duration retention) {
        this(name, keySerde, valueSerde, retention, Map.of());
    }

    public boolean compacted() {
        return retention == null;
    }

    /**
     * Kafka 4 rejects records stamped more than an hour ahead of the broker's clock. Event times may lie
     * anywhere (a test meeting next week, a client with a fast clock), so every pulse topic accepts them.
     */
    public static final Map<String, String> ANY_TIMESTAMP = Map.of(
            TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Long.toString(Long.MAX_VALUE));

    /** The same topic kept for another time (for the retention a deployment configures). */
    public Topic<K, V> withRetention(Duration otherRetention) {
        if (compacted()) {
            throw new IllegalStateException(name + " is compacted: it keeps the latest record of each key, not records for a time");
        }
        return new Topic<>(name, keySerde, valueSerde, otherRetention, configs);
    }

    public NewTopic newTopic(int partitions, short replicationFactor) {
        Map<String, String> settings = new HashMap<>(ANY_TIMESTAMP);
        if (compacted()) {
            settings.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        } else {
            settings.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
            settings.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        }
        settings.putAll(configs);
        return new NewTopic(name, partitions, replicationFactor).configs(settings);
    }
}
