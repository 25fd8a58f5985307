package org.chamberpulse.model;

import java.time.Instant;

/** Comments in one minute of chamber time (a comment's reference time, truncated to the minute). */
public record MinuteCount(Instant minute, long count) {
}
