package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.chamberpulse.config.PulseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    void shouldLetKafkaSettingsChooseCompressionAndTaskIdling() {
        // given a deployment that works off backlogs and wants its tasks to wait
        PulseConfig config = PulseConfig.fromSettings(Map.of("kafka.compression.type", "lz4", "kafka.max.task.idle.ms", "0"));

        // when
        Properties props = StreamsProperties.of(config, "127.0.0.1:9092");

        // then its settings win
        assertThat(props.getProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo("lz4");
        assertThat(props.getProperty(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo("0");
    }

    /**
     * Our producer defaults (batches of 128 KB; lz4 with a cluster) and a deployment's {@code kafka.*} setting,
     * given plainly or for the producers alone, which wins either way.
     */
    @ParameterizedTest(name = "{0}: {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                              | batch.size       | 131072
            kafka.batch.size=16384                                          | batch.size       | 16384
            kafka.producer.batch.size=32768                                 | batch.size       | 32768
            bootstrap=kafka-1:9092                                          | compression.type | lz4
            bootstrap=kafka-1:9092,kafka.compression.type=none              | compression.type | none
            bootstrap=kafka-1:9092,kafka.producer.compression.type=zstd     | compression.type | zstd
            """)
    void shouldLetAKafkaSettingWinOverOurProducerDefaults(String settings, String producerSetting, String expected) {
        // given
        Map<String, String> given = new HashMap<>();
        for (String setting : settings.split(",")) {
            if (!setting.isEmpty()) {
                given.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        PulseConfig config = PulseConfig.fromSettings(given);

        // when
        Map<String, Object> producer = producerConfigs(config);

        // then
        assertThat(producer.get(producerSetting)).hasToString(expected);
    }

    private static Map<String, Object> producerConfigs(PulseConfig config) {
        return new StreamsConfig(StreamsProperties.of(config, "127.0.0.1:9092")).getProducerConfigs("test-producer");
    }
}
