package org.chamberpulse.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A key of two ids, the first a prefix: a meeting's window under a hashtag ({@code hashtag, meetingId}),
 * an item of a meeting ({@code meetingId, itemId}).
 */
record PairKey(String first, String second) {

    static final Serde<PairKey> SERDE = Serdes.serdeFrom(
            (topic, key) -> key == null ? null : KeyBytes.sized(key.first, key.second).text(key.first).last(key.second).bytes(),
            (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                KeyBytes.Reader reader = new KeyBytes.Reader(bytes);
                return new PairKey(reader.text(), reader.last());
            });
}
