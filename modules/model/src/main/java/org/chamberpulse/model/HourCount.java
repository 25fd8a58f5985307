package org.chamberpulse.model;

import java.time.Instant;

/** Posts in one hour of their own time (a post's createdAt, truncated to the hour). */
public record HourCount(Instant hour, long count) {
}
