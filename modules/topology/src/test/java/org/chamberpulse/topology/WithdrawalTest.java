package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chamberpulse.model.AgendaEventType.ITEM_STARTED;
import static org.chamberpulse.topology.Fixtures.START;
import static org.chamberpulse.topology.Fixtures.at;
import static org.chamberpulse.topology.Fixtures.comment;
import static org.chamberpulse.topology.Fixtures.council;

import java.util.List;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Quote;
import org.chamberpulse.model.ScoredComment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Posts deleted or edited on their network (issue 18): withdrawals and edits, in any order. */
class WithdrawalTest {

    private final PulseDriver driver = new PulseDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    private static Comment withdrawal(Comment post) {
        return Comment.withdrawal(post.id(), post.source(), post.author(), post.hashtags(), post.createdAt(), post.createdAt().plusSeconds(90));
    }

    @Test
    void shouldTakeADeletedPostOutOfTheCountsTheQuotesAndTheRecord() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));
        Comment post = comment("c1", "a1", "Bus lanes now please", at(1));
        driver.comment(post);
        driver.comment(comment("c2", "a2", "Libraries matter to us", at(2)));

        // when
        driver.comment(withdrawal(post));

        // then
        ItemSummary item = driver.summary("m1", "1");
        assertThat(item.count()).isEqualTo(1);
        assertThat(item.uniqueAuthors()).isEqualTo(1);
        assertThat(item.quotes()).extracting(Quote::text).containsExactly("Libraries matter to us");
        List<ScoredComment> scored = driver.scored();
        assertThat(scored.get(scored.size() - 1).itemId()).as("the withdrawal of c1 on pulse.comments.scored").isNull();
    }

    @Test
    void shouldNeverCountAPostWhoseWithdrawalArrivedFirst() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));
        Comment post = comment("c1", "a1", "Bus lanes now please", at(1));

        // when
        driver.comment(withdrawal(post));
        driver.comment(post);
        driver.comment(post.editedAt(at(3)).withText("Bus lanes now, please"));

        // then
        ItemSummary item = driver.summary("m1", "1");
        assertThat(item == null ? 0 : item.count()).isZero();
        assertThat(driver.scored()).isEmpty();
    }

    @Test
    void shouldQuoteTheLatestEditAndCountThePostOnce() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));
        Comment post = comment("c1", "a1", "Bus lanes now", at(1));
        Comment firstEdit = post.editedAt(at(2)).withText("Bus lanes now please");
        Comment secondEdit = post.editedAt(at(3)).withText("Bus lanes now please, and trams");

        // when the edits arrive out of order
        driver.comment(post);
        driver.comment(secondEdit);
        driver.comment(firstEdit);
        driver.comment(post);

        // then
        ItemSummary item = driver.summary("m1", "1");
        assertThat(item.count()).isEqualTo(1);
        assertThat(item.quotes()).extracting(Quote::text).containsExactly("Bus lanes now please, and trams");
    }

    @Test
    void shouldTakeAWithdrawnPostOutOfTheUnmatchedCount() {
        // given
        Comment stray = comment("c9", "a1", "Is anyone there", at(-600), List.of("bcclive"));
        driver.comment(stray);
        driver.comment(comment("c8", "a2", "Hello", at(-600), List.of("bcclive")));

        // when
        driver.comment(withdrawal(stray));

        // then
        assertThat(driver.unmatched().get("bcclive").count()).isEqualTo(1);
    }

    @Test
    void shouldWithdrawAPostThatReachedItsMeetingThroughAnotherOfItsHashtags() {
        // given a meeting at home on #bcclive that also lists #bccbudget
        Meeting meeting = council("m1", START, 0);
        driver.publish(new Meeting("m1", meeting.title(), meeting.body(), List.of("bcclive", "bccbudget"), START, meeting.timezone(), 0, meeting.items()));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));
        Comment post = comment("c1", "a1", "Cut the budget for consultants", at(1), List.of("bccbudget"));
        driver.comment(post);
        assertThat(driver.summary("m1", "1").count()).isEqualTo(1);

        // when
        driver.comment(withdrawal(post));

        // then
        assertThat(driver.summary("m1", "1").count()).isZero();
    }
}
