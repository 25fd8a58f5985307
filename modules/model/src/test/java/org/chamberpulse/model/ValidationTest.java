package org.chamberpulse.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {

    private static final Instant NOW = Instant.parse("2026-11-27T14:21:06Z");

    private static Comment comment(String text, Instant createdAt, Instant receivedAt) {
        return new Comment("x:1", "x", "a1", text, List.of("bcclive"), createdAt, receivedAt, "en", null);
    }

    @Test
    void shouldAcceptAValidComment() {
        assertThat(Validation.commentProblem(comment("Good point", NOW.minusSeconds(1), NOW), NOW)).isEmpty();
    }

    @Test
    void shouldAcceptAnArchivedComment() {
        Instant longAgo = Instant.parse("2012-03-01T10:00:00Z");
        assertThat(Validation.commentProblem(comment("Old post", longAgo, longAgo.plusSeconds(5)), NOW)).isEmpty();
    }

    @Test
    void shouldRejectTimesOutsideTheValidRange() {
        assertThat(Validation.commentProblem(comment("x", Instant.parse("2005-12-31T23:59:59Z"), NOW), NOW))
                .hasValueSatisfying(reason -> assertThat(reason).contains("before 2006-01-01"));
        assertThat(Validation.commentProblem(comment("x", NOW.plusSeconds(301), NOW), NOW))
                .hasValueSatisfying(reason -> assertThat(reason).contains("more than 5 minutes after receivedAt"));
        assertThat(Validation.commentProblem(comment("x", NOW.plusSeconds(299), NOW), NOW)).isEmpty();
        assertThat(Validation.commentProblem(comment("x", NOW.plusSeconds(400), null), NOW))
                .hasValueSatisfying(reason -> assertThat(reason).contains("after the time it was processed"));
    }

    @Test
    void shouldRejectMissingAndOversizedFields() {
        assertThat(Validation.commentProblem(new Comment(null, "x", "a", "t", List.of(), NOW, NOW, null, null), NOW)).contains("missing id");
        assertThat(Validation.commentProblem(new Comment("i", "x", null, "t", List.of(), NOW, NOW, null, null), NOW)).contains("missing author");
        assertThat(Validation.commentProblem(comment("a".repeat(5_001), NOW, NOW), NOW))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("text longer than 5000"));
        assertThat(Validation.commentProblem(comment("bell\u0007", NOW, NOW), NOW)).contains("text contains control characters");
        assertThat(Validation.commentProblem(new Comment("i", "x", "a", "t", List.of("bad tag"), NOW, NOW, null, null), NOW))
                .hasValueSatisfying(reason -> assertThat(reason).contains("may hold only letters, digits and _"));
    }

    @Test
    void shouldAcceptARepostWithoutText() {
        Comment repost = new Comment("x:2", "x", "a", "", List.of("bcclive"), NOW, NOW, null, "x:1");
        assertThat(Validation.commentProblem(repost, NOW)).isEmpty();
    }

    @Test
    void shouldRejectMeetingsWithReservedOrRepeatedItems() {
        Meeting meeting = new Meeting("m1", "t", "b", List.of("bcclive"), NOW, "Europe/London", 0,
                List.of(new AgendaItem("pre", "1", "x", false, null, null)));
        assertThat(Validation.meetingProblem(meeting)).hasValueSatisfying(reason -> assertThat(reason).contains("reserved"));
        Meeting twice = new Meeting("m1", "t", "b", List.of("bcclive"), NOW, "Europe/London", 0,
                List.of(new AgendaItem("1", "1", "x", false, null, null), new AgendaItem("1", "2", "y", false, null, null)));
        assertThat(Validation.meetingProblem(twice)).contains("itemId '1' appears twice");
        Meeting slash = new Meeting("m/1", "t", "b", List.of("bcclive"), NOW, "Europe/London", 0, List.of());
        assertThat(Validation.meetingProblem(slash)).hasValueSatisfying(reason -> assertThat(reason).contains("may hold only"));
    }

    @Test
    void shouldRejectAReceivedAtAfterTheRecordWasWritten() {
        // given a comment claiming to be received a year after the record carrying it was written
        Comment forged = comment("From the future", NOW.plus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(365)));

        // when / then
        assertThat(Validation.commentProblem(forged, NOW)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("receivedAt 2027-11-27T14:21:06Z is more than 5 minutes after the time the record was written"));
        assertThat(Validation.commentProblem(comment("Just now", NOW, NOW.plusSeconds(299)), NOW)).isEmpty();
    }

    @Test
    void shouldRejectTextThatIsNotUnicode() {
        assertThat(Validation.commentProblem(comment("half an emoji \uD83D here", NOW, NOW), NOW))
                .hasValueSatisfying(reason -> assertThat(reason).contains("unpaired surrogate"));
        assertThat(Validation.commentProblem(comment("a whole one \uD83D\uDE00 here", NOW, NOW), NOW)).isEmpty();
    }

    @Test
    void shouldRejectMeetingTimesAndZonesNoCalendarHas() {
        List<AgendaItem> items = List.of(new AgendaItem("1", "1", "x", false, null, null));
        assertThat(Validation.meetingProblem(new Meeting("m1", "t", "b", List.of("bcclive"), Instant.parse("2300-01-01T00:00:00Z"), "Europe/London", 0, items)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is not between"));
        assertThat(Validation.meetingProblem(new Meeting("m1", "t", "b", List.of("bcclive"), NOW, "Mars/Olympus_Mons", 0, items)))
                .contains("timezone 'Mars/Olympus_Mons' is not a time zone such as Europe/London");
        assertThat(Validation.meetingProblem(new Meeting("m1", "t\u0007", "b", List.of("bcclive"), NOW, null, 0, items)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("control characters"));
        assertThat(Validation.agendaProblem(new AgendaEvent("m1", AgendaEventType.OPENED, null, Instant.parse("+1000000000-12-31T23:59:59Z"), "clerk")))
                .contains("at +1000000000-12-31T23:59:59Z is after 2200-01-01T00:00:00Z");
        assertThat(Validation.moderationProblem(new ModerationEvent("m1", "web:\uD800", ModerationEvent.Action.HIDE, NOW, "clerk")))
                .contains("commentId holds control characters or broken Unicode");
    }

    @Test
    void shouldRequireAnItemForItemEvents() {
        assertThat(Validation.agendaProblem(new AgendaEvent("m1", AgendaEventType.ITEM_STARTED, null, NOW, "clerk"))).contains("missing itemId");
        assertThat(Validation.agendaProblem(new AgendaEvent("m1", AgendaEventType.RECESS, null, NOW, "clerk"))).isEmpty();
    }
}
