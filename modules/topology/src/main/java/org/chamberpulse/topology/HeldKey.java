package org.chamberpulse.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A comment a hashtag's router holds itself (no meeting takes it, or the meeting's home is another desk):
 * by hashtag, then the comment's {@code createdAt}, then its id, so that a window's span is one range.
 */
record HeldKey(String hashtag, long createdAt, String commentId) {

    static final Serde<HeldKey> SERDE = Serdes.serdeFrom(
            (topic, key) -> key == null ? null : KeyBytes.sized(key.hashtag, key.commentId).text(key.hashtag).time(key.createdAt).last(key.commentId).bytes(),
            (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                KeyBytes.Reader reader = new KeyBytes.Reader(bytes);
                return new HeldKey(reader.text(), reader.time(), reader.last());
            });

    /** The first key of the comments created at or after {@code from}; as the end of a range, it leaves out those created at {@code from}. */
    static HeldKey from(String hashtag, long from) {
        return new HeldKey(hashtag, from, "");
    }
}
