package org.chamberpulse.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.MinuteCount;
import org.chamberpulse.model.Quote;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.model.SentimentSummary;
import org.chamberpulse.model.TermCount;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.TimelineEvent;

/** A small meeting as the topology would leave it: two items, a restricted one, a recess. */
final class ReportFixtures {

    static final String MEETING_ID = "cdd-2026-11-27-cabinet";
    static final Instant START = Instant.parse("2026-11-27T14:00:00Z");

    private ReportFixtures() {
    }

    static Instant at(int minutes) {
        return START.plusSeconds(minutes * 60L);
    }

    static Meeting meeting() {
        return new Meeting(MEETING_ID, "Cabinet", "Cyngor Caerdydd / Cardiff Council", List.of("cdflive"), START, "Europe/London", 30, List.of(
                new AgendaItem("1", "1.", "Apologies", false, "63001", "101"),
                new AgendaItem("2", "2.", "Gwasanaethau ŵyr ac ŷd: bus & tram services", false, "63002", "102"),
                new AgendaItem("3", "3.", "Exempt: land purchase", true, "63003", "103")));
    }

    static MeetingTimeline timeline() {
        MeetingTimeline timeline = new MeetingTimeline(MEETING_ID, meeting(), List.of());
        long issued = START.toEpochMilli();
        for (Object[] event : new Object[][] {
                {AgendaEventType.OPENED, null, 0}, {AgendaEventType.ITEM_STARTED, "1", 1}, {AgendaEventType.ITEM_STARTED, "2", 10},
                {AgendaEventType.RECESS, null, 30}, {AgendaEventType.RESUMED, null, 45}, {AgendaEventType.ITEM_STARTED, "3", 50},
                {AgendaEventType.ADJOURNED, null, 70}}) {
            timeline = timeline.withEvent(new TimelineEvent((AgendaEventType) event[0], (String) event[1], at((Integer) event[2]), issued++));
        }
        return timeline;
    }

    static Map<String, ItemSummary> summaries() {
        Map<String, ItemSummary> byItem = new LinkedHashMap<>();
        byItem.put("1", summary("1", "1.", "Apologies", 2, 0, 2, new SentimentSummary(0.1, 1, 1, 0, 0, "tuned"), false,
                List.of(new MinuteCount(at(2), 1), new MinuteCount(at(3), 1)), List.of(new Quote("web:1", "Who sent apologies?", at(2), Sentiment.Label.NEUTRAL))));
        byItem.put("2", summary("2", "2.", "Gwasanaethau ŵyr ac ŷd: bus & tram services", 5, 3, 4, new SentimentSummary(-0.25, 1, 1, 2, 1, "tuned"), false,
                List.of(new MinuteCount(at(11), 3), new MinuteCount(at(20), 2)),
                List.of(new Quote("web:5", "Buses <always> late & crowded", at(20), Sentiment.Label.NEGATIVE),
                        new Quote("web:4", "Mae'r bysiau'n hwyr", at(11), Sentiment.Label.UNSCORED))));
        byItem.put("3", summary("3", "3.", "Exempt: land purchase", 1, 0, 1, new SentimentSummary(0.0, 0, 1, 0, 0, "tuned"), true,
                List.of(new MinuteCount(at(55), 1)), List.of()));
        byItem.put("recess", summary("recess", null, "Recess", 1, 0, 1, new SentimentSummary(0.6, 1, 0, 0, 0, "tuned"), false,
                List.of(new MinuteCount(at(35), 1)), List.of()));
        return byItem;
    }

    private static ItemSummary summary(String itemId, String number, String title, long count, long reposts, long authors,
                                       SentimentSummary sentiment, boolean restricted, List<MinuteCount> perMinute, List<Quote> quotes) {
        Instant first = perMinute.get(0).minute().plusSeconds(30);
        Instant last = perMinute.get(perMinute.size() - 1).minute().plusSeconds(30);
        return new ItemSummary(MEETING_ID, itemId, number, title, count, reposts, authors, sentiment, perMinute,
                restricted ? List.of() : List.of(new TermCount("cdflive2", 2)), restricted ? List.of() : List.of(new TermCount("buses", 3), new TermCount("late", 2)),
                itemId.equals("2") ? 1 : 0, restricted, first, last, quotes, 7, last);
    }

    static List<ScoredComment> comments() {
        return List.of(
                scored("web:1", "a1", "Who sent apologies?", at(2), "1", List.of(), null),
                scored("web:2", "a2", "Good to see everyone", at(3), "1", List.of(), null),
                scored("web:3", "a3", "Total bollocks", at(11), "2", List.of("profanity"), null),
                scored("web:4", "a4", "Mae'r bysiau'n hwyr", at(11), "2", List.of(), null),
                scored("web:5", "a5", "Buses <always> late & crowded", at(20), "2", List.of(), null),
                scored("web:6", "a6", "Buses again", at(11), "2", List.of(), null),
                scored("web:7", "a5", "More buses", at(20), "2", List.of(), null),
                scored("web:8", "a7", "", at(12), "2", List.of(), "web:5"),
                scored("web:9", "a1", "Why is this secret?", at(55), "3", List.of(), null),
                scored("web:10", "a2", "Tea time", at(35), "recess", List.of(), null));
    }

    private static ScoredComment scored(String id, String author, String text, Instant at, String itemId, List<String> flags, String repostOf) {
        Comment comment = new Comment(id, "web", author, text, List.of("cdflive"), at.plusSeconds(30), at.plusSeconds(31), "en", repostOf);
        return new ScoredComment(comment, MEETING_ID, itemId, Sentiment.NONE, flags);
    }

    static ReportData data() {
        return ReportData.of(timeline(), summaries(), comments(), Instant.parse("2026-11-27T16:00:00Z"));
    }
}
