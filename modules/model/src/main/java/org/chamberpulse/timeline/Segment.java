package org.chamberpulse.timeline;

import java.time.Instant;

/** From {@code from} (inclusive) until the next segment, comments by reference time belong to {@code itemId}. */
public record Segment(Instant from, String itemId) {
}
