package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ClusterOptionsTest {

    @Command(name = "client")
    static final class Client {
        @Mixin
        ClusterOptions cluster;
    }

    private static ClusterOptions parse(String... args) {
        Client client = new Client();
        new CommandLine(client).parseArgs(args);
        return client.cluster;
    }

    @Test
    void shouldUseTheBootstrapSettingOfTheConfigurationFileWhenNoOptionIsGiven(@TempDir Path dir) throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("pulse.properties"), "bootstrap=kafka-1:9092\n");

        // when
        ClusterOptions fromFile = parse("--config", file.toString());
        ClusterOptions fromOption = parse("--config", file.toString(), "--bootstrap", "kafka-2:9092");

        // then
        assertThat(fromFile.load().bootstrap()).isEqualTo("kafka-1:9092");
        assertThat(fromOption.load().bootstrap()).isEqualTo("kafka-2:9092");
    }

    @Test
    void shouldTalkToTheBrokerOnThisMachineWhenNothingNamesOne() {
        // given
        ClusterOptions nothing = parse();

        // when / then (a PULSE_BOOTSTRAP in the environment would win, as it should)
        assertThat(nothing.load().bootstrap()).isEqualTo(System.getenv().getOrDefault("PULSE_BOOTSTRAP", ClusterOptions.LOCAL_BROKER));
    }
}
