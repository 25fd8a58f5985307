package org.chamberpulse.timeline;

import java.time.Instant;
import java.util.List;

/**
 * The span of time in which a meeting takes comments (rule 1), as the routers of its hashtags see it.
 * {@code opening} is OPENED, or {@code scheduledStart} while the meeting has not opened.
 */
public record MeetingWindow(String meetingId, List<String> hashtags, Instant opening, Instant start, Instant end) {

    public boolean holds(Instant time) {
        return !time.isBefore(start) && time.isBefore(end);
    }

    /** How far a comment's time lies from the opening: where two windows hold it, the nearer opening wins. */
    public long distanceMillis(Instant time) {
        return Math.abs(time.toEpochMilli() - opening.toEpochMilli());
    }
}
