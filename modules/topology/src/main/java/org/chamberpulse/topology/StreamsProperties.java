package org.chamberpulse.topology;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;

/** The Kafka Streams settings of a ChamberPulse instance: exactly-once, and the pass-through {@code kafka.*} settings. */
public final class StreamsProperties {

    /** RocksDB's memory for all stores of an instance together: block cache and memtables (BoundedRocksDb). */
    static final long ROCKSDB_BYTES = 64L * 1024 * 1024;
    /**
     * The producers' batch for one partition: what a commit interval of a backlog writes to one partition of the desk
     * topic (some 55 KB, reckoned), which the producer's default 16 KB cut into four batches, each built, sent,
     * validated and indexed on its own by the producer's network thread and the broker (docs/BENCHMARKS.md,
     * throughput). Below G1's humongous size (half a 1 MB region), which a 512 KB batch reached.
     */
    static final int PRODUCER_BATCH_BYTES = 128 * 1024;
    /** The Streams producers' compression when the broker is a cluster's, not embedded. */
    static final String CLUSTER_COMPRESSION = "lz4";

    private StreamsProperties() {
    }

    public static Properties of(PulseConfig config, String bootstrapServers) {
        Properties props = new Properties();
        props.putAll(config.kafka());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(config.commitInterval().toMillis()));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(config.streamThreads()));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(config.replicationFactor()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.dataDir().resolve("streams").toAbsolutePath().toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // An instance restarted after a crash waits until its dead predecessor leaves the group: 10 s
        // instead of the default 45 s of a dark dashboard (kafka.session.timeout.ms overrides it).
        props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        props.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        Topic.ANY_TIMESTAMP.forEach((name, value) -> props.put(StreamsConfig.topicPrefix(name), value));
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterOnProcessingError.class.getName());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class.getName());
        props.put(BoundedRocksDb.TOTAL_BYTES, Long.toString(ROCKSDB_BYTES));
        // A meeting's record for the report is one record of up to Topics.MAX_REPORT_BYTES.
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Integer.toString(Topics.MAX_REPORT_BYTES));
        defaultForProducers(props, ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(PRODUCER_BATCH_BYTES));
        // With a cluster, lz4 unless kafka.compression.type says otherwise: a cluster's deployment works off backlogs
        // (after an outage, a replay), where lz4 gave 8 % more posts a second and the broker a sixth less work
        // (docs/BENCHMARKS.md, throughput, twelfth session). With the broker embedded, uncompressed: every batch lz4
        // writes, and the broker in the same process reads back to validate, takes 64 KB buffers on both sides; at
        // a council's rates, with a batch per partition per commit, that was half the process's garbage
        // (docs/BENCHMARKS.md, memory).
        if (!config.embeddedBroker()) {
            defaultForProducers(props, ProducerConfig.COMPRESSION_TYPE_CONFIG, CLUSTER_COMPRESSION);
        }
        // A task processes what it holds instead of waiting for an empty input to be fetched: the rules do not
        // depend on the order (docs/ATTRIBUTION.md), and the wait's bookkeeping formats log text for every
        // record of a task whose other input is empty (Kafka Streams 4.4), a desk's usual state: it halved
        // what the stream threads allocate at live rates (docs/BENCHMARKS.md, memory).
        props.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        return props;
    }

    /**
     * Our default for the Streams producers' {@code key}, unless a {@code kafka.*} setting gives one: plain (for every
     * client) or {@code producer.}-prefixed. A prefixed value would win over a plain one, so ours is set only where
     * neither is.
     */
    private static void defaultForProducers(Properties props, String key, String value) {
        if (!props.containsKey(key)) {
            props.putIfAbsent(StreamsConfig.producerPrefix(key), value);
        }
    }
}
