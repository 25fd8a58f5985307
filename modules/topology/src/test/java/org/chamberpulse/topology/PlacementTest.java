package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chamberpulse.topology.Fixtures.council;

import java.time.Instant;
import java.util.List;
import org.chamberpulse.model.Comment;
import org.junit.jupiter.api.Test;

class PlacementTest {

    private static final Instant START = Instant.parse("2026-11-27T14:00:00Z");

    @Test
    void shouldTakeTheFirstItemTagInAlphabeticalOrderWhateverTheOrderOfTheHashtags() {
        // given: the tags in no order, one of them naming no item of the meeting
        Placement placement = new Placement(council("m1", START, 0), List.of());
        Comment comment = new Comment("c1", "mastodon", "a1", "On items two and one", List.of("item2", "bcclive", "item1", "item0"),
                START, START, "en", null);

        // when
        String itemId = placement.itemFor(comment, START.toEpochMilli());

        // then
        assertThat(itemId).isEqualTo("1");
    }
}
