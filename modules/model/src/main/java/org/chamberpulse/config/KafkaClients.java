package org.chamberpulse.config;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** Where every plain Kafka client of an instance starts (Kafka Streams has its own: StreamsProperties). */
public final class KafkaClients {

    private KafkaClients() {
    }

    /** The deployment's {@code kafka.*} settings (security, timeouts) and the servers: what every client needs. */
    public static Properties of(PulseConfig config, String bootstrapServers) {
        Properties props = new Properties();
        props.putAll(config.kafka());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /**
     * A consumer that reads only what the topology committed (never an aborted transaction's records) and keeps its
     * place itself: the dashboard's feed, the report, the ingest's own topics, erasure.
     */
    public static Properties committedReader(PulseConfig config, String bootstrapServers) {
        Properties props = of(config, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }
}
