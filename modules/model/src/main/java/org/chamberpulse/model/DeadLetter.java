package org.chamberpulse.model;

import java.time.Instant;

/**
 * A record the topology could not use, on {@code pulse.dlq} under its original key. {@code value} is the
 * original value as UTF-8 text; when the bytes were not valid UTF-8, {@code valueBase64} holds them exactly.
 */
public record DeadLetter(
        String reason,
        String topic,
        int partition,
        long offset,
        Instant timestamp,
        String value,
        String valueBase64) {
}
