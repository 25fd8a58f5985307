package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.HostileInputs;
import org.chamberpulse.model.UnmatchedSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ten thousand hostile records on pulse.comments.raw: every one is a dead letter with a reason, or counted as unmatched. */
class HostileInputTest {

    private static final Instant WRITTEN_AT = Instant.parse("2026-11-27T19:00:00Z");
    private static final long SEED = 20261127L;

    private final PulseDriver driver = new PulseDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldAccountForEveryHostileRecordWithoutStopping() {
        // given
        List<HostileInputs.Input> inputs = new HostileInputs(SEED, WRITTEN_AT, "ttd").generate(10_000);

        // when
        for (HostileInputs.Input input : inputs) {
            driver.raw(input.key(), input.value(), WRITTEN_AT);
        }
        driver.emit();

        // then
        System.out.printf("seed %d: %,d inputs by kind %s%n", SEED, inputs.size(),
                inputs.stream().collect(Collectors.groupingBy(HostileInputs.Input::kind, TreeMap::new, Collectors.counting())));
        List<DeadLetter> dead = driver.deadLetters();
        Map<String, Long> expectedUnmatched = inputs.stream().filter(HostileInputs.Input::valid)
                .collect(Collectors.groupingBy(HostileInputs.Input::unmatchedHashtag, TreeMap::new, Collectors.counting()));
        Map<String, Long> unmatched = new TreeMap<>();
        driver.unmatched().forEach((hashtag, summary) -> unmatched.put(hashtag, summary.count()));
        List<Long> deadOffsets = dead.stream().map(DeadLetter::offset).toList();
        List<Long> expectedDeadOffsets = IntStream.range(0, inputs.size())
                .filter(i -> !inputs.get(i).valid()).mapToObj(i -> (long) i).toList();
        assertThat(deadOffsets).as("seed %d: the offsets of the dead letters", SEED).isEqualTo(expectedDeadOffsets);
        assertThat(dead).allSatisfy(d -> assertThat(d.reason()).isNotBlank());
        assertThat(unmatched).as("seed %d: unmatched counts", SEED).isEqualTo(expectedUnmatched);
        assertThat(dead.size() + unmatched.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(inputs.size());
        assertThat(driver.unmatched().values()).extracting(UnmatchedSummary::reposts).containsOnly(0L);
    }
}
