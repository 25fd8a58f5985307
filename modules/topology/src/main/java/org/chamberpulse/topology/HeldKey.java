package org.chamberpulse.topology;

import org.apache.kafka.common.serialization.Serde;

/**
 * A comment a hashtag's router holds itself (no meeting takes it, or the meeting's home is another desk):
 * by hashtag, then the comment's {@code createdAt}, then its id, so that a window's span is one range.
 */
record HeldKey(String hashtag, long createdAt, String commentId) {

    static final Serde<HeldKey> SERDE = KeyBytes.timeKeys(HeldKey::hashtag, HeldKey::createdAt, HeldKey::commentId, HeldKey::new);

    /** The first key of the comments created at or after {@code from}; as the end of a range, it leaves out those created at {@code from}. */
    static HeldKey from(String hashtag, long from) {
        return new HeldKey(hashtag, from, "");
    }
}
