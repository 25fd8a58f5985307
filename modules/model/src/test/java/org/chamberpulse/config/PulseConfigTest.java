package org.chamberpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PulseConfigTest {

    @Test
    void shouldUseTheDefaults() {
        PulseConfig config = PulseConfig.defaultConfig();
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.brokerPort()).isEqualTo(9092);
        assertThat(config.embeddedBroker()).isTrue();
        assertThat(config.emitInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.stateRetention()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void shouldSizeTheCommentsInMemoryByTheHeapUnlessSet() {
        // given / when
        long byHeap = PulseConfig.defaultConfig().stateComments();
        long set = PulseConfig.fromSettings(Map.of("state.comments", "250000")).stateComments();

        // then: half the heap at 600 bytes a comment, or the number given; none is refused
        assertThat(byHeap).isEqualTo(Runtime.getRuntime().maxMemory() / 2 / 600);
        assertThat(set).isEqualTo(250_000);
        assertThatThrownBy(() -> PulseConfig.fromSettings(Map.of("state.comments", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("state.comments must be 'heap' or a whole number");
    }

    @Test
    void shouldLayerFileThenEnvironmentThenOverrides(@TempDir Path dir) throws Exception {
        // given
        Path file = dir.resolve("pulse.properties");
        Files.writeString(file, "http.port=9000\npartitions=3\nkafka.security.protocol=SASL_SSL\n");
        Map<String, String> env = Map.of("PULSE_HTTP_PORT", "9100", "PULSE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "HOME", "/root");

        // when
        PulseConfig config = PulseConfig.load(file, env, Map.of("bootstrap", "kafka:9092"));

        // then
        assertThat(config.httpPort()).isEqualTo(9100);
        assertThat(config.partitions()).isEqualTo(3);
        assertThat(config.bootstrap()).isEqualTo("kafka:9092");
        assertThat(config.kafka()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void shouldReportEveryProblemClearly() {
        assertThatThrownBy(() -> PulseConfig.fromSettings(Map.of("http.port", "eighty", "emit.interval", "soon", "htp.port", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port must be a whole number, got 'eighty'")
                .hasMessageContaining("emit.interval must be a duration")
                .hasMessageContaining("unknown setting 'htp.port'");
    }

    @Test
    void shouldKeepTheManagementPortApartFromThePublicOne() {
        // given the defaults
        PulseConfig.Web web = PulseConfig.defaultConfig().web();
        assertThat(web.metricsPort()).isEqualTo(9464);
        assertThat(web.metricsBind()).isEqualTo("127.0.0.1");
        assertThat(web.bind()).isEmpty();

        // when the two ports are set alike, then the start is refused with the reason
        assertThatThrownBy(() -> PulseConfig.fromSettings(Map.of("http.port", "9464")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.port must differ from http.port");
    }

    @Test
    void shouldReadTheSourcesOfTheIngestRoleFromSettingsAndTheEnvironment() {
        // given
        Map<String, String> env = Map.of("PULSE_SOURCES_X_BEARER_TOKEN", "AAAA", "PULSE_SOURCES_BLUESKY_ENDPOINT", "wss://jetstream.example/subscribe");

        // when
        PulseConfig config = PulseConfig.load(null, env, Map.of("sources.mastodon.servers", "https://a.example, https://b.example/base", "role", "ingest"));

        // then
        assertThat(config.sources().mastodonServers()).extracting(Object::toString).containsExactly("https://a.example/", "https://b.example/base/");
        assertThat(config.sources().blueskyEndpoint()).isEqualTo("wss://jetstream.example/subscribe");
        assertThat(config.sources().xBearerToken()).isEqualTo("AAAA");
        assertThat(config.sources().xEndpoint()).isEqualTo("https://api.x.com");
        assertThat(config.role()).isEqualTo(PulseConfig.Role.INGEST);
        assertThat(config.role().runsIngest()).isTrue();
        assertThat(config.role().runsTopology()).isFalse();
        assertThat(PulseConfig.Role.ALL.runsIngest()).isTrue();
        assertThat(PulseConfig.defaultConfig().sources().any()).isFalse();
        assertThat(config.toString()).doesNotContain("AAAA");
    }

    @Test
    void shouldRefuseASourceThatIsNotAnAbsoluteUrlOfItsKind() {
        assertThatThrownBy(() -> PulseConfig.fromSettings(Map.of("sources.mastodon.servers", "mastodon.social",
                "sources.bluesky.endpoint", "https://jetstream.example/subscribe", "sources.x.endpoint", "ftp://x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.mastodon.servers: 'mastodon.social' is not an absolute http or https URL")
                .hasMessageContaining("sources.bluesky.endpoint: 'https://jetstream.example/subscribe' is not an absolute ws or wss URL")
                .hasMessageContaining("sources.x.endpoint: 'ftp://x' is not an absolute http or https URL");
    }
}
