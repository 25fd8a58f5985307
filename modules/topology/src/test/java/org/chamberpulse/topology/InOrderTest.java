package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chamberpulse.topology.Fixtures.at;
import static org.chamberpulse.topology.Fixtures.comment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;
import org.junit.jupiter.api.Test;

/** An item's counted comments in order, against a tree set in the same order, under seeded random changes. */
class InOrderTest {

    @Test
    void shouldHoldTheCountedCommentsInTimeOrderWhateverOrderTheyComeAndGoIn() {
        for (int run = 0; run < 100; run++) {
            long seed = new Random().nextLong();
            Random random = new Random(seed);
            // given: a few comments or thousands (several chunks), several at the same minute (ordered by id then)
            int size = 1 + random.nextInt(random.nextBoolean() ? 40 : 5 * InOrder.CHUNK);
            List<Standing> standings = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                standings.add(standing("c" + random.nextInt(10 * size), random.nextInt(1 + size / 4)));
            }
            InOrder inOrder = new InOrder();
            TreeSet<Standing> expected = new TreeSet<>(Copies.ORDER);

            // when: they are counted in and out in a random order, some twice
            for (int step = 0; step < 3 * standings.size(); step++) {
                Standing standing = standings.get(random.nextInt(standings.size()));
                if (random.nextInt(3) == 0) {
                    inOrder.remove(standing);
                    expected.remove(standing);
                } else {
                    inOrder.add(standing);
                    expected.add(standing);
                }
            }

            // then: the same first, last, and newest-first order
            assertThat(inOrder.isEmpty()).as("seed %d", seed).isEqualTo(expected.isEmpty());
            if (!expected.isEmpty()) {
                assertThat(inOrder.first()).as("seed %d", seed).isSameAs(expected.first());
                assertThat(inOrder.last()).as("seed %d", seed).isSameAs(expected.last());
            }
            List<Standing> newestFirst = new ArrayList<>();
            for (Iterator<Standing> it = inOrder.newestFirst(); it.hasNext(); ) {
                newestFirst.add(it.next());
            }
            assertThat(newestFirst).as("seed %d", seed).containsExactlyElementsOf(expected.descendingSet());
        }
    }

    private static Standing standing(String id, int minute) {
        ScoredComment scored = new ScoredComment(comment(id, "a", "Text of " + id, at(minute)), null, null, Sentiment.NONE, List.of());
        return new Standing(scored, 0, text -> 1L, List.of("tag"));
    }
}
