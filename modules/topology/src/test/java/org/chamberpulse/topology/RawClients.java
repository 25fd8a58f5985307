package org.chamberpulse.topology;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;

/** Plain clients of a real broker for the integration tests: values as bytes, as any producer would send them. */
final class RawClients {

    private RawClients() {
    }

    static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** From the earliest offset, committed records only: what the dashboard and the report read. */
    static KafkaConsumer<String, byte[]> readCommitted(String bootstrapServers, String groupId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Hands each record {@code consumer} reads to {@code each} until {@code done} holds, for at most {@code atMost}.
     * It does not fail on its own: the assertions after it say what is missing, which a timeout could not.
     */
    static void readUntil(KafkaConsumer<String, byte[]> consumer, Duration atMost, Consumer<ConsumerRecord<String, byte[]>> each,
                          BooleanSupplier done) {
        try {
            await().atMost(atMost).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> {
                consumer.poll(Duration.ofMillis(250)).forEach(each);
                return done.getAsBoolean();
            });
        } catch (ConditionTimeoutException notAllThere) {
            // the caller's assertions report it
        }
    }
}
