package org.chamberpulse.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.chamberpulse.config.PulseConfig;

/** The configuration of a whole {@code run} for one integration test: its broker embedded, free ports, its own data and application id. */
final class TestRuntimes {

    private TestRuntimes() {
    }

    /** @param settings more settings as key, value pairs; they override the test defaults */
    static PulseConfig config(Path dir, String applicationId, String... settings) {
        if (settings.length % 2 != 0) {
            throw new IllegalArgumentException("settings come in key, value pairs");
        }
        Map<String, String> all = new HashMap<>(Map.of("data.dir", dir.toString(), "broker.port", "0", "http.port", "0", "metrics.port", "0",
                "application.id", applicationId, "partitions", "2"));
        for (int i = 0; i < settings.length; i += 2) {
            all.put(settings[i], settings[i + 1]);
        }
        return PulseConfig.fromSettings(all);
    }
}
