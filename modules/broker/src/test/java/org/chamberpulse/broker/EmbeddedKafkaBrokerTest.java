package org.chamberpulse.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EmbeddedKafkaBrokerTest {

    @Test
    void shouldKeepTopicsAndCommittedTransactionsAcrossARestart(@TempDir Path dir) throws Exception {
        // given
        NewTopic compacted = new NewTopic("t.compacted", 2, (short) 1).configs(Map.of("cleanup.policy", "compact"));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0)) {
            broker.createTopics(List.of(compacted));
            broker.createTopics(List.of(compacted));

            // when: a transactional write, which needs the single-node transaction log settings
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker), new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("t.compacted", "k", "v1"));
                producer.commitTransaction();
            }
        }

        // then: the same directory starts again with the topic, its policy and the record
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0); Admin admin = broker.admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "t.compacted");
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(broker), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("t.compacted"));
                List<String> values = new ArrayList<>();
                await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                    return !values.isEmpty();
                });
                assertThat(values).containsExactly("v1");
            }
        }
    }

    private static Properties producerProps(EmbeddedKafkaBroker broker) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "broker-test");
        return props;
    }

    private static Properties consumerProps(EmbeddedKafkaBroker broker) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "broker-test");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }
}
