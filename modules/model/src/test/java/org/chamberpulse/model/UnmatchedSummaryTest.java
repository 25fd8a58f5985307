package org.chamberpulse.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnmatchedSummaryTest {

    private static final Instant START = Instant.parse("2026-11-27T14:00:00Z");

    private record Change(Instant at, int delta) {
    }

    @Test
    void shouldPublishTheSameHoursWhateverOrderPostsAreCountedAndTakenBackIn() {
        // given: posts over ten days, some of them taken back later (placed after all, or withdrawn)
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            List<Instant> posts = new ArrayList<>();
            for (int n = random.nextInt(30); n > 0; n--) {
                posts.add(START.plus(Duration.ofMinutes(random.nextInt(10 * 24 * 60))));
            }
            List<Change> inOrder = new ArrayList<>();
            posts.forEach(at -> inOrder.add(new Change(at, +1)));
            posts.stream().filter(at -> random.nextInt(3) == 0).forEach(at -> inOrder.add(new Change(at, -1)));
            List<Change> shuffled = new ArrayList<>(inOrder);
            Collections.shuffle(shuffled, random);
            // a post is taken back only once counted: each removal after its own count
            List<Change> anyOrder = new ArrayList<>();
            List<Change> pending = new ArrayList<>();
            for (Change change : shuffled) {
                if (change.delta() < 0 && anyOrder.stream().filter(c -> c.at().equals(change.at())).mapToInt(Change::delta).sum() <= 0) {
                    pending.add(change);
                } else {
                    anyOrder.add(change);
                }
            }
            anyOrder.addAll(pending);

            // when
            UnmatchedSummary first = count(inOrder);
            UnmatchedSummary second = count(anyOrder);

            // then
            assertThat(second.lastHours()).as("seed %d, round %d", seed, round).isEqualTo(first.lastHours());
            assertThat(first.lastHours().perHour()).as("seed %d, round %d", seed, round).hasSizeLessThanOrEqualTo(UnmatchedSummary.HOURS_KEPT);
        }
    }

    private static UnmatchedSummary count(List<Change> changes) {
        UnmatchedSummary summary = UnmatchedSummary.none("buses");
        for (Change change : changes) {
            summary = summary.counted(change.at(), false, change.delta());
        }
        return summary;
    }
}
