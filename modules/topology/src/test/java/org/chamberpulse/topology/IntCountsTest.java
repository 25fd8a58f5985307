package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntCountsTest {

    @Test
    void shouldCountAsAMapDoesThroughGrowthAndRemovals() {
        // given: seeded random adds and takes, on few keys (many removals and moves) and on many (growth)
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int keys : new int[] {5, 40, 3_000}) {
            IntCounts counts = new IntCounts(2);
            Map<Integer, Integer> expected = new HashMap<>();
            for (int n = 0; n < 50_000; n++) {
                int key = random.nextInt(keys);
                int delta = random.nextInt(3) - 1 + (random.nextInt(50) == 0 ? 7 : 0);

                // when
                int now = counts.add(key, delta);

                // then
                int want = expected.merge(key, delta, Integer::sum);
                if (want == 0) {
                    expected.remove(key);
                }
                assertThat(now).as("seed %d, key %d, step %d", seed, key, n).isEqualTo(want);
                assertThat(counts.size()).as("seed %d, step %d", seed, n).isEqualTo(expected.size());
            }
            for (int key = 0; key < keys; key++) {
                assertThat(counts.add(key, 0)).as("seed %d, key %d", seed, key).isEqualTo(expected.getOrDefault(key, 0));
            }
        }
    }
}
