package org.chamberpulse.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.chamberpulse.config.KafkaClients;
import org.chamberpulse.config.PulseConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code chamberpulse.consumer.lag}: how many records of each topic the Streams application has still to
 * process (committed offsets of its group against the topics' ends), every 15 seconds. The figure an
 * engineer on call looks at first: it grows when the topology cannot keep up.
 */
final class ConsumerLag implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);
    static final Duration EVERY = Duration.ofSeconds(15);

    private final Admin admin;
    private final String groupId;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lagByTopic = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "consumer-lag");
        thread.setDaemon(true);
        return thread;
    });

    ConsumerLag(PulseConfig config, String bootstrapServers, MeterRegistry registry) {
        Properties props = KafkaClients.of(config, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.applicationId() + "-lag");
        this.admin = Admin.create(props);
        this.groupId = config.applicationId();
        this.registry = registry;
    }

    ConsumerLag start() {
        timer.scheduleWithFixedDelay(this::measure, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    void measure() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS);
            Map<String, Long> sums = new HashMap<>();
            committed.forEach((partition, offset) -> {
                var end = ends.get(partition);
                if (offset != null && end != null) {
                    sums.merge(partition.topic(), Math.max(0, end.offset() - offset.offset()), Long::sum);
                }
            });
            sums.forEach((topic, lag) -> lagByTopic.computeIfAbsent(topic, this::register).set(lag));
        } catch (Exception e) {
            log.debug("consumer lag not measured this time: {}", e.toString());
        }
    }

    private AtomicLong register(String topic) {
        AtomicLong value = new AtomicLong();
        Gauge.builder("chamberpulse.consumer.lag", value, AtomicLong::get).tag("topic", topic)
                .description("Records of the topic the Streams application has still to process").register(registry);
        return value;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
