package org.chamberpulse.dashboard;

import java.util.HashMap;
import java.util.Map;
import org.chamberpulse.config.PulseConfig;

/** The web settings of a server under test: the defaults, a free management port, and any setting given. */
final class TestWeb {

    private TestWeb() {
    }

    /** @param settings key, value, key, value … */
    static PulseConfig.Web web(String... settings) {
        Map<String, String> all = new HashMap<>(Map.of("metrics.port", "0"));
        for (int i = 0; i < settings.length; i += 2) {
            all.put(settings[i], settings[i + 1]);
        }
        return PulseConfig.fromSettings(all).web();
    }
}
