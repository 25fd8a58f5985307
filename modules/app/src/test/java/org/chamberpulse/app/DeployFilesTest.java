package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.chamberpulse.config.PulseConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** docker/compose.yml: valid for docker-compose, and every ChamberPulse service's command and settings valid for ChamberPulse. */
class DeployFilesTest {

    private static final Path COMPOSE = Path.of("../../docker/compose.yml");
    private static final File DOCKER_COMPOSE = new File("/usr/bin/docker-compose");

    @Test
    void shouldGiveEveryChamberPulseServiceAValidConfigurationAndCommand() throws Exception {
        if (!DOCKER_COMPOSE.canExecute()) {
            throw new IllegalStateException("this test needs Debian's docker-compose package: apt-get install docker-compose (.ci/run does)");
        }
        // given: the file as docker-compose resolves it (anchors, merges and ${VAR:-default} applied)
        Process check = new ProcessBuilder(DOCKER_COMPOSE.getPath(), "-f", COMPOSE.toString(), "config").start();
        String resolved = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(check.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(errors).isZero();
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(resolved);

        // when
        Map<String, PulseConfig> configs = new HashMap<>();
        Map<String, String> roles = new HashMap<>();
        compose.get("services").fields().forEachRemaining(service -> {
            JsonNode env = service.getValue().get("environment");
            if (env == null || !env.has("PULSE_BOOTSTRAP")) {
                return;
            }
            Map<String, String> variables = new HashMap<>();
            env.fields().forEachRemaining(variable -> variables.put(variable.getKey(), variable.getValue().asText()));
            configs.put(service.getKey(), PulseConfig.load(null, variables, Map.of()));
            List<?> command = new ObjectMapper().convertValue(service.getValue().get("command"), List.class);
            CommandLine.ParseResult parsed = ChamberPulse.commandLine().parseArgs(command.stream().map(Object::toString).toArray(String[]::new));
            assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("run");
            roles.put(service.getKey(), parsed.subcommand().matchedOptionValue("--role", "all"));
        });

        // then
        assertThat(roles).containsExactlyInAnyOrderEntriesOf(Map.of("topology-1", "topology", "topology-2", "topology", "dashboard", "dashboard",
                "ingest", "ingest"));
        assertThat(configs.get("ingest").sources().blueskyEndpoint()).startsWith("wss://");
        assertThat(configs.values()).allSatisfy(config -> {
            assertThat(config.replicationFactor()).isEqualTo((short) 3);
            assertThat(config.bootstrap()).isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
        });
        assertThat(configs.values().stream().map(PulseConfig::applicationId).distinct()).hasSize(1);
        assertThat(configs.values().stream().map(PulseConfig::authorSecret).distinct()).hasSize(1);
    }
}
