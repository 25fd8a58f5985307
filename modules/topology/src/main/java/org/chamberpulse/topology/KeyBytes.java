package org.chamberpulse.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The byte layout of the state stores' keys, made so that the stores' byte order (unsigned, lexicographic,
 * as RocksDB and the Streams cache compare keys) is the order of the parts: a leading text part ends with a
 * zero byte (ids and hashtags never hold one: Validation refuses control characters), so a shorter text
 * sorts first; a time is eight bytes, big-endian with the sign bit flipped; the last text part runs to the end.
 */
final class KeyBytes {

    private static final byte END_OF_TEXT = 0;

    /** Makes a key of the three parts of a {@link #timeKeys} layout. */
    @FunctionalInterface
    interface TimeKeyOf<K> {
        K of(String scope, long time, String id);
    }

    /** The serde of a key laid out as a leading text (meeting, hashtag), a time, and an id last. */
    static <K> Serde<K> timeKeys(Function<K, String> scope, ToLongFunction<K> time, Function<K, String> id, TimeKeyOf<K> make) {
        return Serdes.serdeFrom(
                (topic, key) -> key == null ? null
                        : sized(scope.apply(key), id.apply(key)).text(scope.apply(key)).time(time.applyAsLong(key)).last(id.apply(key)).bytes(),
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    Reader reader = new Reader(bytes);
                    return make.of(reader.text(), reader.time(), reader.last());
                });
    }

    /** The prefix of every key whose first part is the given text: {@code store.prefixScan(text, KeyBytes.PREFIX)}. */
    static final Serializer<String> PREFIX = (topic, text) -> sized(text).text(text).bytes();

    private final ByteBuffer buffer;

    private KeyBytes(int capacity) {
        buffer = ByteBuffer.allocate(capacity);
    }

    static KeyBytes sized(String... texts) {
        int capacity = 0;
        for (String text : texts) {
            capacity += text.length() * 3 + 1;
        }
        return new KeyBytes(capacity + Long.BYTES);
    }

    KeyBytes text(String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (b == END_OF_TEXT) {
                throw new SerializationException("a key part may not hold a zero character: " + part.replace('\0', '?'));
            }
        }
        buffer.put(bytes).put(END_OF_TEXT);
        return this;
    }

    KeyBytes time(long epochMillis) {
        buffer.putLong(epochMillis ^ Long.MIN_VALUE);
        return this;
    }

    KeyBytes last(String part) {
        buffer.put(part.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    byte[] bytes() {
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    /** Reads the parts back in the order they were written. */
    static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        String text() {
            int end = position;
            while (end < bytes.length && bytes[end] != END_OF_TEXT) {
                end++;
            }
            if (end == bytes.length) {
                throw new SerializationException("a key ends inside a text part");
            }
            String part = new String(bytes, position, end - position, StandardCharsets.UTF_8);
            position = end + 1;
            return part;
        }

        long time() {
            if (bytes.length - position < Long.BYTES) {
                throw new SerializationException("a key ends inside a time");
            }
            long value = ByteBuffer.wrap(bytes, position, Long.BYTES).getLong() ^ Long.MIN_VALUE;
            position += Long.BYTES;
            return value;
        }

        String last() {
            String part = new String(bytes, position, bytes.length - position, StandardCharsets.UTF_8);
            position = bytes.length;
            return part;
        }
    }
}
