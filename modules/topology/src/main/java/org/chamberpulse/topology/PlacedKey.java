package org.chamberpulse.topology;

import org.apache.kafka.common.serialization.Serde;

/**
 * A comment placed in a meeting, in the store of the meeting's home desk: by meeting, then the comment's
 * {@code createdAt}, then its id. A meeting's comments are one prefix and a span of their times one range.
 */
record PlacedKey(String meetingId, long createdAt, String commentId) {

    static final Serde<PlacedKey> SERDE = KeyBytes.timeKeys(PlacedKey::meetingId, PlacedKey::createdAt, PlacedKey::commentId, PlacedKey::new);

    /** The first key of the comments created at or after {@code from}; as the end of a range, it leaves out those created at {@code from}. */
    static PlacedKey from(String meetingId, long from) {
        return new PlacedKey(meetingId, from, "");
    }

    static PlacedKey first(String meetingId) {
        return from(meetingId, Long.MIN_VALUE);
    }

    static PlacedKey last(String meetingId) {
        return from(meetingId, Long.MAX_VALUE);
    }
}
