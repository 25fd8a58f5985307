package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chamberpulse.model.AgendaEventType.ADJOURNED;
import static org.chamberpulse.model.AgendaEventType.ITEM_STARTED;
import static org.chamberpulse.model.AgendaEventType.OPENED;
import static org.chamberpulse.model.AgendaEventType.RECESS;
import static org.chamberpulse.model.AgendaEventType.REOPENED;
import static org.chamberpulse.model.AgendaEventType.RESUMED;
import static org.chamberpulse.topology.Fixtures.START;
import static org.chamberpulse.topology.Fixtures.at;
import static org.chamberpulse.topology.Fixtures.comment;
import static org.chamberpulse.topology.Fixtures.council;
import static org.chamberpulse.topology.Fixtures.repost;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.HourCount;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.ModerationEvent;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Quote;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.model.SentimentSummary;
import org.chamberpulse.timeline.MeetingPhase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rules 1, 2, 4 and 7 under TopologyTestDriver, with inputs in time order. */
class AttributionTest {

    private final PulseDriver driver = new PulseDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldPlaceCommentsInPreItemsRecessAndPost() {
        // given
        driver.publish(council("m1", START, 0));
        driver.comment(comment("c1", "a1", "Waiting for the start", at(-10)));
        driver.agenda("m1", OPENED, null, at(0));
        driver.agenda("m1", ITEM_STARTED, "1", at(2));
        driver.comment(comment("c2", "a2", "Apologies from half the cabinet", at(5)));
        driver.agenda("m1", ITEM_STARTED, "2", at(10));
        driver.comment(comment("c3", "a3", "Good question on buses", at(12)));
        driver.agenda("m1", RECESS, null, at(20));
        driver.comment(comment("c4", "a4", "Tea break already?", at(25)));
        driver.agenda("m1", RESUMED, null, at(30));
        driver.comment(comment("c5", "a5", "Back to questions", at(31)));

        // when
        driver.agenda("m1", ADJOURNED, null, at(40));
        driver.comment(comment("c6", "a6", "That was quick", at(45)));

        // then
        assertThat(counts("m1")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "pre", 1L, "1", 1L, "2", 2L, "3", 0L, "recess", 1L, "post", 1L));
    }

    @Test
    void shouldCarryTheLatestReceivedTimeOfTheCommentsASummaryCountsForTheFirstTime() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(1));
        driver.emit();

        // when
        driver.comment(comment("c1", "a1", "First", at(2)));
        driver.comment(comment("c2", "a2", "Second", at(3)));
        ItemSummary counted = driver.summary("m1", "1");
        driver.agenda("m1", ITEM_STARTED, "2", at(10));
        ItemSummary renamedOnly = driver.summary("m1", "1");

        // then
        assertThat(counted.count()).isEqualTo(2);
        assertThat(counted.lastReceivedAt()).isEqualTo(at(3).plusSeconds(1));
        assertThat(renamedOnly).isSameAs(counted);
        assertThat(driver.summary("m1", "2").lastReceivedAt()).isNull();
    }

    @Test
    void shouldNotCarryTheReceivedTimeOfACommentMovedByALateAgendaEvent() {
        // given: the comment reached the chair once, in the pre bucket, before the clerk's mark arrived
        driver.publish(council("m1", START, 0));
        driver.comment(comment("c1", "a1", "Fix the potholes", at(2)));
        ItemSummary first = driver.summary("m1", "pre");

        // when
        driver.agenda("m1", ITEM_STARTED, "1", at(1));

        // then: its move is a new count for item 1 but no new arrival (a latency is measured once per post)
        assertThat(first.lastReceivedAt()).isEqualTo(at(2).plusSeconds(1));
        assertThat(driver.summary("m1", "1").count()).isEqualTo(1);
        assertThat(driver.summary("m1", "1").lastReceivedAt()).isNull();
    }

    @Test
    void shouldCarryTheReceivedTimeOfACommentMovedBeforeTheChairSawIt() {
        // given: the clerk's mark arrives right behind the comment, before any summary went out
        driver.publish(council("m1", START, 0));
        driver.emit();
        driver.comment(comment("c1", "a1", "Fix the potholes", at(2)));

        // when
        driver.agenda("m1", ITEM_STARTED, "1", at(1));

        // then: its first appearance, in item 1, measures its latency; the pre bucket never showed it
        assertThat(driver.summary("m1", "1").lastReceivedAt()).isEqualTo(at(2).plusSeconds(1));
        assertThat(driver.summary("m1", "pre")).isNull();
    }

    @Test
    void shouldPlaceCommentsByTheirReferenceTimeAfterTheBroadcastDelay() {
        // given: viewers see the chamber 30 seconds late
        driver.publish(council("m1", START, 30));
        driver.agenda("m1", OPENED, null, at(0));
        driver.agenda("m1", ITEM_STARTED, "1", at(1));
        driver.agenda("m1", ITEM_STARTED, "2", at(10));

        // when
        driver.comment(comment("c1", "a1", "Still on apologies here", at(10, 20)));
        driver.comment(comment("c2", "a2", "Now the questions", at(10, 40)));
        driver.comment(comment("c3", "a3", "Exactly at the delayed start", at(10, 30)));

        // then
        assertThat(counts("m1")).containsEntry("1", 1L).containsEntry("2", 2L);
    }

    @Test
    void shouldCountUniqueAuthorsPerItem() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "2", at(0));

        // when
        driver.comment(comment("c1", "alice", "First point", at(1)));
        driver.comment(comment("c2", "alice", "Second point", at(2)));
        driver.comment(comment("c3", "bob", "I agree", at(3)));

        // then
        ItemSummary item = driver.summary("m1", "2");
        assertThat(item.count()).isEqualTo(3);
        assertThat(item.uniqueAuthors()).isEqualTo(2);
        assertThat(item.firstAt()).isEqualTo(at(1));
        assertThat(item.lastAt()).isEqualTo(at(3));
        assertThat(item.title()).isEqualTo("Public questions");
    }

    @Test
    void shouldServeMeetingsOnTwoDaysWithOneHashtag() {
        // given
        Instant nextDay = START.plus(Duration.ofDays(1));
        driver.publish(council("today", START, 0));
        driver.publish(council("tomorrow", nextDay, 0));
        driver.agenda("today", ITEM_STARTED, "1", at(0));
        driver.agenda("tomorrow", ITEM_STARTED, "2", nextDay);

        // when
        driver.comment(comment("c1", "a1", "Today's point", at(5)));
        driver.comment(comment("c2", "a2", "Tomorrow's point", nextDay.plusSeconds(300)));
        driver.comment(comment("c3", "a3", "Another for tomorrow", nextDay.plusSeconds(600)));

        // then
        assertThat(driver.summary("today", "1").count()).isEqualTo(1);
        assertThat(driver.summary("tomorrow", "2").count()).isEqualTo(2);
        assertThat(driver.summary("today", "2").count()).isZero();
    }

    @Test
    void shouldGiveACommentInTwoWindowsToTheMeetingWithTheNearerOpening() {
        // given: a morning committee still "open" (never adjourned) when the evening council starts
        Instant morning = START.minus(Duration.ofHours(6));
        driver.publish(council("morning", morning, 0));
        driver.publish(council("evening", START, 0));
        driver.agenda("morning", OPENED, null, morning);
        driver.agenda("evening", OPENED, null, START);

        // when
        driver.comment(comment("c1", "a1", "Evening point", at(30)));
        driver.comment(comment("c2", "a2", "Late morning point", morning.plus(Duration.ofHours(2))));

        // then
        assertThat(driver.summary("evening", "pre").count()).isEqualTo(1);
        assertThat(driver.summary("morning", "pre").count()).isEqualTo(1);
    }

    @Test
    void shouldCountOnceACommentThatReachesAMeetingThroughTwoOfItsHashtags() {
        // given: a meeting with two hashtags (its home desk is the first in order, "bcclive"; "wmcalive" hands over)
        Meeting twoTags = council("m1", START, 0);
        driver.publish(new Meeting("m1", twoTags.title(), twoTags.body(), List.of("wmcalive", "bcclive"), START, twoTags.timezone(), 0, twoTags.items()));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));

        // when: one comment through each hashtag, one carrying both
        driver.comment(comment("c1", "a1", "Through the first", at(1), List.of("bcclive")));
        driver.comment(comment("c2", "a2", "Through the second", at(2), List.of("wmcalive")));
        driver.comment(comment("c3", "a3", "Through both", at(3), List.of("bcclive", "wmcalive")));
        // and the meeting opens early, which moves its window over a comment made an hour before it was due
        driver.comment(comment("c4", "a4", "Early, second tag", START.minus(Duration.ofMinutes(90)), List.of("wmcalive")));
        driver.agenda("m1", OPENED, null, START.minus(Duration.ofMinutes(45)));

        // then
        assertThat(driver.summary("m1", "1").count()).isEqualTo(3);
        assertThat(driver.summary("m1", "pre").count()).isEqualTo(1);
        assertThat(driver.unmatched().get("wmcalive").count()).isZero();
    }

    @Test
    void shouldCountCommentsOutsideEveryMeetingAsUnmatched() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", OPENED, null, at(0));

        // when: a week early, and a hashtag no meeting lists
        driver.comment(comment("c1", "a1", "Too early", START.minus(Duration.ofDays(7))));
        driver.comment(comment("c2", "a2", "Elsewhere", at(5), List.of("othercouncil")));
        driver.comment(comment("c3", "a3", "No hashtag at all", at(6), List.of()));

        // then
        assertThat(driver.unmatched()).containsOnlyKeys("bcclive", "othercouncil", "");
        assertThat(driver.unmatched().get("bcclive").count()).isEqualTo(1);
        assertThat(driver.unmatched().get("othercouncil").count()).isEqualTo(1);
        assertThat(driver.unmatched().get("").count()).isEqualTo(1);
        assertThat(counts("m1")).containsOnly(Map.entry("1", 0L), Map.entry("2", 0L), Map.entry("3", 0L));
    }

    @Test
    void shouldKeepTheUnmatchedPostsOfTheLastDayHourByHour() {
        // given: a hashtag no meeting lists
        driver.publish(council("m1", START, 0));

        // when: posts over two days, one of them withdrawn by its author, and a repost
        driver.comment(comment("c1", "a1", "Two days ago", START.minus(Duration.ofHours(47)), List.of("elsewhere")));
        driver.comment(comment("c2", "a2", "Yesterday", START.minus(Duration.ofMinutes(22 * 60 + 30)), List.of("elsewhere")));
        driver.comment(comment("c3", "a3", "Now", START.plusSeconds(60), List.of("elsewhere")));
        driver.comment(comment("c4", "a4", "Now again", START.plusSeconds(120), List.of("elsewhere")));
        driver.comment(comment("c5", "a5", "Changed my mind", START.plusSeconds(180), List.of("elsewhere")));
        driver.comment(Comment.withdrawal("c5", "mastodon", "a5", List.of("elsewhere"), START.plusSeconds(180), START.plusSeconds(300)));
        driver.comment(repost("r1", "a6", "c3", START.plusSeconds(240)).withHashtags(List.of("elsewhere")));

        // then: the last 24 hours up to the newest, by each post's own hour; the totals since the start
        var elsewhere = driver.unmatched().get("elsewhere");
        assertThat(elsewhere.count()).isEqualTo(4);
        assertThat(elsewhere.reposts()).isEqualTo(1);
        assertThat(elsewhere.perHour()).containsExactly(
                new HourCount(START.minus(Duration.ofHours(23)), 1), new HourCount(START, 2));
    }

    @Test
    void shouldCountARepeatedIdOnceAndARepostAsARepost() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));

        // when
        driver.comment(comment("c1", "a1", "Once", at(1)));
        driver.comment(comment("c1", "a1", "Once", at(1)));
        driver.comment(repost("r1", "a2", "c1", at(2)));

        // then
        ItemSummary item = driver.summary("m1", "1");
        assertThat(item.count()).isEqualTo(1);
        assertThat(item.reposts()).isEqualTo(1);
        assertThat(item.uniqueAuthors()).isEqualTo(1);
    }

    @Test
    void shouldLetAnItemTagWinOverTime() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));

        // when
        driver.comment(comment("c1", "a1", "Back to the questions #item2", at(5)));

        // then
        assertThat(driver.summary("m1", "2").count()).isEqualTo(1);
        assertThat(driver.summary("m1", "1").count()).isZero();
    }

    @Test
    void shouldReportTheHashtagsPeopleUsedBesideTheMeetingsOwn() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));

        // when
        driver.comment(comment("c1", "a1", "Buses again #buses #item1", at(1)));
        driver.comment(comment("c2", "a2", "More #Buses and #trams", at(2)));
        driver.comment(comment("c3", "a3", "And #buses #trams", at(3)));
        driver.comment(comment("c4", "a3", "Still #trams", at(4)));

        // then: a hashtag three people used shows; one two people used does not, however often
        assertThat(driver.summary("m1", "1").topHashtags())
                .extracting(t -> t.text() + "=" + t.count())
                .containsExactly("buses=3");
    }

    @Test
    void shouldCarryTheSentimentOfTheItemsComments() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "2", at(0));

        // when
        driver.comment(comment("c1", "a1", "Great point on the bus lanes", at(1)));
        driver.comment(comment("c2", "a2", "This budget is a disaster", at(2)));
        driver.comment(comment("c3", "a3", "Buses at nine", at(3)));
        driver.comment(comment("c4", "a4", "Mae'r cyngor yn gwneud penderfyniad gwael", at(4)));

        // then
        ItemSummary item = driver.summary("m1", "2");
        assertThat(item.sentiment().positive()).isEqualTo(1);
        assertThat(item.sentiment().negative()).isEqualTo(1);
        assertThat(item.sentiment().neutral()).isEqualTo(1);
        assertThat(item.sentiment().unscored()).isEqualTo(1);
        assertThat(item.sentiment().mean()).isEqualTo(Math.round((0.6249 - 0.6249) / 3 * 10_000) / 10_000.0);
        assertThat(item.topTerms()).as("each word used by one person").isEmpty();
        assertThat(item.sentiment().model()).isEqualTo("vader");
    }

    @Test
    void shouldCountTheTunedModelsLabelsAndNameTheModel() {
        // given: the product's default model, which reads "great, another cut" as people do
        try (PulseDriver tuned = new PulseDriver(new CommentScorer(Sentiment.Model.TUNED))) {
            tuned.publish(council("m1", START, 0));
            tuned.agenda("m1", ITEM_STARTED, "2", at(0));

            // when
            tuned.comment(comment("c1", "a1", "great, another cut to the bus service. not happy", at(1)));
            tuned.comment(comment("c2", "a2", "Mae'r cyngor yn gwneud penderfyniad gwael", at(2)));

            // then
            ItemSummary item = tuned.summary("m1", "2");
            List<ScoredComment> scored = tuned.scored();
            assertThat(item.sentiment().negative()).isEqualTo(1);
            assertThat(item.sentiment().unscored()).isEqualTo(1);
            assertThat(item.sentiment().mean()).isNegative();
            assertThat(item.sentiment().model()).isEqualTo("tuned");
            assertThat(scored).extracting(c -> c.comment().id() + "=" + c.sentiment().model())
                    .containsExactlyInAnyOrder("c1=TUNED", "c2=null");
        }
    }

    @Test
    void shouldPublishOnlyWordsThreePeopleUsedInCommentsThatMayBeQuoted() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "2", at(0));

        // when: twenty people post a slur (flagged), three the word "lanes", one person "lanes" and "sycamore" many times
        for (int k = 0; k < 20; k++) {
            driver.comment(comment("s" + k, "slurring" + k, "The council are wankers number " + k, at(1)));
        }
        for (int k = 0; k < 3; k++) {
            driver.comment(comment("l" + k, "lanes" + k, "Bus lanes please " + k, at(2)));
        }
        for (int k = 0; k < 5; k++) {
            driver.comment(comment("o" + k, "one", "Sycamore Road lanes " + k, at(3)));
        }

        // then
        ItemSummary item = driver.summary("m1", "2");
        assertThat(item.flagged()).isEqualTo(20);
        assertThat(item.topTerms()).extracting(t -> t.text() + "=" + t.count()).containsExactly("lanes=8", "bus=3", "please=3");
    }

    @Test
    void shouldPublishNoTermsOrHashtagsForARestrictedItem() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "3", at(0));

        // when
        driver.comment(comment("c1", "a1", "Selling the land cheap #digbeth", at(1)));

        // then
        ItemSummary item = driver.summary("m1", "3");
        assertThat(item.count()).isEqualTo(1);
        assertThat(item.restricted()).isTrue();
        assertThat(item.topTerms()).isEmpty();
        assertThat(item.topHashtags()).isEmpty();
        assertThat(item.quotes()).isEmpty();
        // counts only: no sentiment, no minutes, no times
        assertThat(item.sentiment()).isEqualTo(SentimentSummary.EMPTY);
        assertThat(item.perMinute()).isEmpty();
        assertThat(item.firstAt()).isNull();
        assertThat(item.lastAt()).isNull();
    }

    @Test
    void shouldPublishNoAuthorIdOrMentionAsItArrived() {
        // given: a third party's producer writes raw handles and source ids, as Mastodon and Bluesky give them
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));
        String uri = "mastodon:https://mastodon.social/users/alice/statuses/113";
        String did = "bluesky:at://did:plc:abc123xyz/app.bsky.feed.post/3k";

        // when
        driver.comment(comment(uri, "alice", "Thanks @bob for raising the buses", at(1)));
        driver.comment(new Comment(did, "bluesky", "did:plc:abc123xyz", "Agree with @bob.bsky.social on buses",
                List.of("bcclive"), at(2), at(2).plusSeconds(1), "en", null));

        // then: summaries and views carry neither the author, the DID, the URI nor the person mentioned
        String published = Json.MAPPER.valueToTree(driver.summary("m1", "1")).toString()
                + Json.MAPPER.valueToTree(driver.view("m1")).toString();
        assertThat(published).doesNotContain("alice", "did:plc", "abc123xyz", "bob", "mastodon.social");
        assertThat(driver.summary("m1", "1").quotes()).extracting(q -> q.id())
                .containsExactlyInAnyOrder(PulseDriver.IDS.publicId(uri), PulseDriver.IDS.publicId(did));
        assertThat(driver.scored()).extracting(s -> s.comment().author()).doesNotContain("alice", "did:plc:abc123xyz")
                .allMatch(Pseudonyms::isPseudonym);
    }

    @Test
    void shouldCountTheSameTextByTheSameAuthorOnceInTheItemOfTheEarliestCopy() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));
        driver.agenda("m1", ITEM_STARTED, "2", at(10));

        // when: the later copy arrives first; case, spaces and links differ
        driver.comment(comment("c2", "alice", "VOTE   no on this https://t.co/x", at(12)));
        driver.comment(comment("c1", "alice", "Vote no on this", at(5)));

        // then
        assertThat(driver.summary("m1", "1").count()).isEqualTo(1);
        assertThat(driver.summary("m1", "2").count()).isZero();
    }

    @Test
    void shouldCountACoordinatedBurstAsOneFlaggedComment() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));

        // when: five accounts post the same script within minutes of each other, four others post their own
        for (int k = 0; k < 5; k++) {
            driver.comment(comment("b" + k, "bot" + k, "Sack the council NOW before they ruin this city", at(1 + k, 30)));
        }
        for (int k = 0; k < 4; k++) {
            driver.comment(comment("p" + k, "person" + k, "Keep the library open", at(2 + 5 * k)));
        }

        // then
        ItemSummary item = driver.summary("m1", "1");
        assertThat(item.count()).isEqualTo(1 + 4);
        assertThat(item.flagged()).isEqualTo(1);
        assertThat(driver.scored()).filteredOn(s -> s.itemId() != null && s.comment().id().startsWith("b"))
                .extracting(s -> s.comment().id())
                .contains("b0");
    }

    @Test
    void shouldCountEveryResidentWhoPostsTheSameShortReaction() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));
        long seed = Long.getLong("seed", System.nanoTime());
        List<Comment> reactions = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            reactions.add(comment("w" + k, "resident" + k, k % 3 == 0 ? "Well said #bcclive" : "well said", at(1, k * 15)));
        }
        Collections.shuffle(reactions, new Random(seed));

        // when: twelve residents agree within three minutes, in any order
        reactions.forEach(driver::comment);

        // then: twelve people, none flagged
        ItemSummary item = driver.summary("m1", "1");
        assertThat(item.count()).as("seed %d", seed).isEqualTo(12);
        assertThat(item.uniqueAuthors()).isEqualTo(12);
        assertThat(item.flagged()).isZero();
    }

    @Test
    void shouldCountACopyPasteCampaignOnceInAnyOrder() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));
        long seed = Long.getLong("seed", System.nanoTime());
        List<Comment> campaign = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            campaign.add(comment("s" + k, "account" + k, "Councillors must vote against the new parking charges in the city centre", at(2 + k, k * 7)));
        }
        Collections.shuffle(campaign, new Random(seed));

        // when: six accounts post one twelve-word script within ten minutes, in any order
        campaign.forEach(driver::comment);

        // then: one comment, flagged, the earliest copy
        ItemSummary item = driver.summary("m1", "1");
        assertThat(item.count()).as("seed %d", seed).isEqualTo(1);
        assertThat(item.flagged()).isEqualTo(1);
        assertThat(driver.scored()).filteredOn(s -> s.itemId() != null && s.flags().contains("burst") && s.comment().id().equals("s0")).isNotEmpty();
    }

    @Test
    void shouldQuoteAFlaggedCommentOnceTheClerkClearsItAndNotOnceFlaggedAgain() {
        // given: a post flagged as profanity that is not (a false positive from a place name, say)
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));
        driver.comment(comment("c1", "a1", "What a load of shit from the planners", at(1)));
        assertThat(driver.summary("m1", "1").flagged()).isEqualTo(1);
        assertThat(driver.summary("m1", "1").quotes()).isEmpty();

        // when the clerk clears it
        driver.moderate("m1", "c1", ModerationEvent.Action.CLEAR, at(2));

        // then it is quoted, and no longer counted as flagged
        ItemSummary cleared = driver.summary("m1", "1");
        assertThat(cleared.quotes()).extracting(Quote::text).containsExactly("What a load of shit from the planners");
        assertThat(cleared.flagged()).isZero();
        assertThat(cleared.count()).isEqualTo(1);

        // when flagged again
        driver.moderate("m1", "c1", ModerationEvent.Action.FLAG, at(3));

        // then
        assertThat(driver.summary("m1", "1").quotes()).isEmpty();
        assertThat(driver.summary("m1", "1").flagged()).isEqualTo(1);
    }

    @Test
    void shouldFlagAbuseAndRedactPersonalDataInTheScoredComments() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));

        // when
        driver.comment(comment("c1", "a1", "Call me on 07700 900123 or jo@example.org", at(1)));
        driver.comment(comment("c2", "a2", "The chair is an idiot", at(2)));

        // then
        ItemSummary item = driver.summary("m1", "1");
        assertThat(item.flagged()).isEqualTo(1);
        assertThat(item.quotes()).extracting(q -> q.text()).containsExactly("Call me on [phone removed] or [email removed]");
        var scored = driver.scored();
        assertThat(scored).filteredOn(s -> s.comment().id().equals("c1")).singleElement()
                .satisfies(s -> assertThat(s.comment().text()).isEqualTo("Call me on [phone removed] or [email removed]"));
        assertThat(scored).filteredOn(s -> s.comment().id().equals("c2")).singleElement()
                .satisfies(s -> assertThat(s.flags()).containsExactly("abuse"));
    }

    @Test
    void shouldKeepAHiddenCommentCountedButNeverQuoted() {
        // given: one comment hidden before it arrives, one after
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));
        driver.hide("m1", "c1", true, at(1));
        driver.comment(comment("c1", "a1", "Hidden early", at(2)));
        driver.comment(comment("c2", "a2", "Hidden late", at(3)));
        driver.comment(comment("c3", "a3", "Shown", at(4)));

        // when
        driver.hide("m1", "c2", true, at(5));

        // then
        ItemSummary item = driver.summary("m1", "1");
        assertThat(item.count()).isEqualTo(3);
        assertThat(item.flagged()).isZero();
        assertThat(item.quotes()).extracting(q -> q.id()).containsExactly(PulseDriver.IDS.publicId("c3"));

        // and shown again
        driver.hide("m1", "c1", false, at(6));
        assertThat(driver.summary("m1", "1").quotes()).extracting(q -> q.id()).containsExactly(PulseDriver.IDS.publicId("c3"), PulseDriver.IDS.publicId("c1"));

        // and hidden by the public id the console shows
        driver.hide("m1", PulseDriver.IDS.publicId("c3"), true, at(7));
        assertThat(driver.summary("m1", "1").quotes()).extracting(q -> q.id()).containsExactly(PulseDriver.IDS.publicId("c1"));
    }

    @Test
    void shouldCountCommentsInTheRunningItemWhenAMistakenAdjournmentIsUndoneWhateverTheOrder() {
        // given: item 2 running, adjourned by mistake at minute 20, reopened at 22; comments at 21 and 25
        driver.publish(council("m1", START, 0));
        driver.comment(comment("r1", "a1", "During the mistake", at(21)));
        driver.agenda("m1", REOPENED, null, at(22));
        driver.agenda("m1", ITEM_STARTED, "2", at(10));
        driver.comment(comment("r2", "a2", "After the undo", at(25)));
        driver.agenda("m1", ADJOURNED, null, at(20));

        // then: as if never adjourned
        assertThat(driver.summary("m1", "2").count()).isEqualTo(2);
        assertThat(driver.view("m1").adjournedAt()).isNull();
        assertThat(driver.view("m1").phase().state()).isEqualTo(MeetingPhase.State.IN_ITEM);

        // and when adjourned for real later, the record says so
        driver.agenda("m1", ADJOURNED, null, at(40));
        assertThat(driver.view("m1").adjournedAt()).isEqualTo(at(40));
        assertThat(driver.summary("m1", "2").count()).isEqualTo(2);
    }

    @Test
    void shouldTakeAnErasedCommentOutOfEverythingForGood() {
        // given: three people say "buses", one of them twice
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));
        driver.comment(comment("e1", "a1", "Buses are late", at(1)));
        driver.comment(comment("e2", "a2", "Buses are full", at(2)));
        driver.comment(comment("e3", "a3", "Buses are dirty", at(3)));
        driver.comment(comment("e4", "a3", "Still no buses", at(4)));
        assertThat(driver.summary("m1", "1").topTerms()).extracting(t -> t.text()).contains("buses");

        // when: a3's comments are erased, one by its source id and one by its public id; one arrives again later
        driver.erase("m1", "e3", at(5));
        driver.erase("m1", PulseDriver.IDS.publicId("e4"), at(5));
        driver.comment(comment("e3", "a3", "Buses are dirty", at(3)));
        driver.hide("m1", "e3", false, at(6));

        // then
        ItemSummary item = driver.summary("m1", "1");
        assertThat(item.count()).isEqualTo(2);
        assertThat(item.uniqueAuthors()).isEqualTo(2);
        assertThat(item.topTerms()).as("two people are left").isEmpty();
        assertThat(item.quotes()).extracting(q -> q.text()).containsExactly("Buses are full", "Buses are late");
        assertThat(driver.scored()).filteredOn(s -> s.comment().id().equals("e4")).last()
                .satisfies(s -> assertThat(s.itemId()).as("withdrawn downstream").isNull());
    }

    private Map<String, Long> counts(String meetingId) {
        Map<String, Long> counts = new TreeMap<>();
        driver.summaries().values().stream()
                .filter(s -> s.meetingId().equals(meetingId))
                .forEach(s -> counts.put(s.itemId(), s.count()));
        return counts;
    }
}
