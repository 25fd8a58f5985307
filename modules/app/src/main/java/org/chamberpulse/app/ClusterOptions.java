package org.chamberpulse.app;

import java.util.HashMap;
import java.util.Map;
import org.chamberpulse.config.PulseConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of a command that talks to a running Kafka cluster: {@code --bootstrap}, then the shared
 * configuration. Without {@code --bootstrap} the {@code bootstrap} setting (file or {@code PULSE_BOOTSTRAP})
 * applies, and without that a broker on this machine.
 */
final class ClusterOptions {

    static final String LOCAL_BROKER = "localhost:9092";

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: the bootstrap setting, else " + LOCAL_BROKER + ").")
    String bootstrap;

    @Mixin
    ConfigOptions config;

    PulseConfig load() {
        return load(Map.of());
    }

    /** @param moreOptions other command-line settings; null values are left out */
    PulseConfig load(Map<String, String> moreOptions) {
        Map<String, String> options = new HashMap<>(moreOptions);
        options.put("bootstrap", bootstrap);
        PulseConfig pulse = config.load(options);
        if (pulse.embeddedBroker()) {
            // A client command never starts a broker: an empty bootstrap means the one on this machine.
            options.put("bootstrap", LOCAL_BROKER);
            pulse = config.load(options);
        }
        return pulse;
    }
}
