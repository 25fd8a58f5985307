package org.chamberpulse.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chamberpulse.config.KafkaClients;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.Topic;

/**
 * The one producer of the ingest side: idempotent, {@code acks=all}, compressed and batched. Values are
 * written through each topic's own serde, so nothing reaches a topic in the wrong shape.
 */
public final class PulseProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private volatile MeterRegistry registry;

    public PulseProducer(PulseConfig config, String bootstrapServers) {
        Properties props = KafkaClients.of(config, bootstrapServers);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(64 * 1024));
        // During a broker outage records wait in the buffer and are delivered when it returns, for up to
        // a day; once the buffer is full, send() gives up after two seconds so callers can answer 503.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(24 * 60 * 60 * 1000));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public <V> Future<RecordMetadata> send(Topic<String, V> topic, String key, V value) {
        return send(topic, key, value, null);
    }

    /** Publishes the producer's own metrics and {@code chamberpulse.producer.errors} (records Kafka did not take, by topic). */
    public PulseProducer bindTo(MeterRegistry meters) {
        new KafkaClientMetrics(producer).bindTo(meters);
        this.registry = meters;
        return this;
    }

    public <V> Future<RecordMetadata> send(Topic<String, V> topic, String key, V value, Callback callback) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        try {
            return producer.send(new ProducerRecord<>(topic.name(), key, bytes), (metadata, error) -> {
                if (error != null) {
                    countError(topic);
                }
                if (callback != null) {
                    callback.onCompletion(metadata, error);
                }
            });
        } catch (RuntimeException e) {
            countError(topic);
            throw e;
        }
    }

    private void countError(Topic<String, ?> topic) {
        MeterRegistry meters = registry;
        if (meters != null) {
            Counter.builder("chamberpulse.producer.errors").tag("topic", topic.name())
                    .description("Records Kafka did not take from the ingest producer, by topic").register(meters).increment();
        }
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
