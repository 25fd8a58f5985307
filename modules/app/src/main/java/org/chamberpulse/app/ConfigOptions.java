package org.chamberpulse.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chamberpulse.config.PulseConfig;
import picocli.CommandLine.Option;

/** The options every command shares: a configuration file, and settings that override it. */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file of settings (see README); PULSE_* variables override it.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting, e.g. --set partitions=3 or --set kafka.security.protocol=SSL.")
    Map<String, String> settings = new LinkedHashMap<>();

    PulseConfig load(Map<String, String> fromOptions) {
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        fromOptions.forEach((key, value) -> {
            if (value != null) {
                overrides.put(key, value);
            }
        });
        return PulseConfig.load(file, System.getenv(), overrides);
    }
}
