package org.chamberpulse.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What {@code /health/ready} answers: whether the instance is ready, and the state of each part worth naming
 * (each followed source, issue 18), so that an engineer on call sees which one is down.
 */
@FunctionalInterface
public interface Readiness {

    boolean ready();

    default Map<String, String> checks() {
        return Map.of();
    }

    /** The answer's body: {@code status} and, when there are any, {@code checks}. */
    default Map<String, Object> body(boolean up) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        Map<String, String> checks = checks();
        if (!checks.isEmpty()) {
            body.put("checks", checks);
        }
        return body;
    }

    static Readiness of(BooleanSupplier ready, Supplier<Map<String, String>> checks) {
        return new Readiness() {
            @Override
            public boolean ready() {
                return ready.getAsBoolean();
            }

            @Override
            public Map<String, String> checks() {
                return checks.get();
            }
        };
    }
}
