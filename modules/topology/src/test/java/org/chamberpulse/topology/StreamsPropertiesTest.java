package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.chamberpulse.config.PulseConfig;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

    @Test
    void shouldNeitherCompressNorIdleTasksByDefault() {
        // given the default settings (the broker embedded)
        PulseConfig config = PulseConfig.fromSettings(Map.of());

        // when
        Properties props = StreamsProperties.of(config, "127.0.0.1:9092");

        // then no compression is named (the producers' default is none) and tasks do not wait for an empty input
        assertThat(props.stringPropertyNames()).noneMatch(name -> name.endsWith(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertThat(props.getProperty(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo("-1");
    }

    @Test
    void shouldCompressWithLz4WhenTheBrokerIsACluster() {
        // given a cluster's deployment with its defaults, one that asks for none, and one that names it for the producers alone
        PulseConfig cluster = PulseConfig.fromSettings(Map.of("bootstrap", "kafka-1:9092"));
        PulseConfig plain = PulseConfig.fromSettings(Map.of("bootstrap", "kafka-1:9092", "kafka.compression.type", "none"));
        PulseConfig producersOnly = PulseConfig.fromSettings(Map.of("bootstrap", "kafka-1:9092", "kafka.producer.compression.type", "zstd"));

        // when
        Map<String, Object> byDefault = producerConfigs(cluster);
        Map<String, Object> set = producerConfigs(plain);
        Map<String, Object> setForProducers = producerConfigs(producersOnly);

        // then the deployment's setting wins, whichever way it is given
        assertThat(byDefault.get(ProducerConfig.COMPRESSION_TYPE_CONFIG)).hasToString("lz4");
        assertThat(set.get(ProducerConfig.COMPRESSION_TYPE_CONFIG)).hasToString("none");
        assertThat(setForProducers.get(ProducerConfig.COMPRESSION_TYPE_CONFIG)).hasToString("zstd");
    }

    @Test
    void shouldLetKafkaSettingsChooseCompressionAndTaskIdling() {
        // given a deployment that works off backlogs and wants its tasks to wait
        PulseConfig config = PulseConfig.fromSettings(Map.of("kafka.compression.type", "lz4", "kafka.max.task.idle.ms", "0"));

        // when
        Properties props = StreamsProperties.of(config, "127.0.0.1:9092");

        // then its settings win
        assertThat(props.getProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo("lz4");
        assertThat(props.getProperty(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo("0");
    }

    @Test
    void shouldGiveTheProducersBatchesOf128KilobytesUnlessKafkaSettingsSayOtherwise() {
        // given the defaults, a deployment's plain setting, and one for the producers alone
        PulseConfig defaults = PulseConfig.fromSettings(Map.of());
        PulseConfig plain = PulseConfig.fromSettings(Map.of("kafka.batch.size", "16384"));
        PulseConfig producersOnly = PulseConfig.fromSettings(Map.of("kafka.producer.batch.size", "32768"));

        // when
        Map<String, Object> byDefault = producerConfigs(defaults);
        Map<String, Object> set = producerConfigs(plain);
        Map<String, Object> setForProducers = producerConfigs(producersOnly);

        // then
        assertThat(byDefault.get(ProducerConfig.BATCH_SIZE_CONFIG)).hasToString("131072");
        assertThat(set.get(ProducerConfig.BATCH_SIZE_CONFIG)).hasToString("16384");
        assertThat(setForProducers.get(ProducerConfig.BATCH_SIZE_CONFIG)).hasToString("32768");
    }

    private static Map<String, Object> producerConfigs(PulseConfig config) {
        return new StreamsConfig(StreamsProperties.of(config, "127.0.0.1:9092")).getProducerConfigs("test-producer");
    }
}
