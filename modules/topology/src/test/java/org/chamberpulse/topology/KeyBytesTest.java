package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/**
 * The stores' keys sort, as bytes (the order RocksDB and the Streams cache keep), in the order the code
 * relies on: by their first part, then time, then the last part; a prefix scan of the first part finds
 * exactly its keys, and a time range exactly the keys in it. Seeded random keys; the seed is printed on failure.
 */
class KeyBytesTest {

    private static final Comparator<PlacedKey> DOMAIN_ORDER = Comparator.comparing(PlacedKey::meetingId, KeyBytesTest::utf8Order)
            .thenComparingLong(PlacedKey::createdAt)
            .thenComparing(PlacedKey::commentId, KeyBytesTest::utf8Order);
    private static final String[] PIECES = {"a", "b", "ab", "m-1", "m.1", "m:1", "Z", "é", "ü", "日本", "😀", "a b", "|", "0", "9"};

    @Test
    void shouldSortPlacedKeysAsBytesInTheOrderOfMeetingThenTimeThenId() {
        // given
        long seed = Long.getLong("seed", System.nanoTime());
        Random random = new Random(seed);
        List<PlacedKey> keys = new ArrayList<>();
        for (int k = 0; k < 2_000; k++) {
            keys.add(new PlacedKey(text(random), random.nextInt(3) == 0 ? random.nextLong() : 1_700_000_000_000L + random.nextInt(1_000), text(random)));
        }

        // when
        List<PlacedKey> byBytes = new ArrayList<>(keys);
        byBytes.sort(Comparator.comparing(key -> Bytes.wrap(PlacedKey.SERDE.serializer().serialize(null, key))));
        List<PlacedKey> byDomain = new ArrayList<>(keys);
        byDomain.sort(DOMAIN_ORDER);

        // then
        assertThat(byBytes).as("seed %d", seed).isEqualTo(byDomain);
        for (PlacedKey key : keys) {
            assertThat(PlacedKey.SERDE.deserializer().deserialize(null, PlacedKey.SERDE.serializer().serialize(null, key))).as("seed %d", seed).isEqualTo(key);
        }
    }

    @Test
    void shouldFindByPrefixAndTimeRangeExactlyTheKeysThatBelong() {
        // given
        long seed = Long.getLong("seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 0; round < 500; round++) {
            String meeting = text(random);
            HeldKey key = new HeldKey(text(random), random.nextLong(), text(random));
            long from = random.nextLong();
            long to = random.nextLong();

            // when
            byte[] bytes = HeldKey.SERDE.serializer().serialize(null, key);
            boolean inRange = Bytes.wrap(bytes).compareTo(Bytes.wrap(HeldKey.SERDE.serializer().serialize(null, HeldKey.from(key.hashtag(), from)))) >= 0
                    && Bytes.wrap(bytes).compareTo(Bytes.wrap(HeldKey.SERDE.serializer().serialize(null, HeldKey.from(key.hashtag(), to)))) <= 0;
            byte[] prefix = KeyBytes.PREFIX.serialize(null, meeting);
            boolean hasPrefix = bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);

            // then: a range [from, to) of one hashtag holds the keys of that hashtag created in it
            assertThat(inRange).as("seed %d: %s in [%d, %d)", seed, key, from, to).isEqualTo(key.createdAt() >= from && key.createdAt() < to);
            assertThat(hasPrefix).as("seed %d: %s under %s", seed, key, meeting).isEqualTo(key.hashtag().equals(meeting));
        }
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = 1 + random.nextInt(3);
        for (int k = 0; k < pieces; k++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    /** The order of UTF-8 bytes: the order of code points, where Java's String order is that of UTF-16 units. */
    private static int utf8Order(String a, String b) {
        return Bytes.wrap(a.getBytes(StandardCharsets.UTF_8)).compareTo(Bytes.wrap(b.getBytes(StandardCharsets.UTF_8)));
    }
}
