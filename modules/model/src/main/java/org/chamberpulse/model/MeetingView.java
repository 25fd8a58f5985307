package org.chamberpulse.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.chamberpulse.timeline.MeetingPhase;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.Segment;
import org.chamberpulse.timeline.TimelineEvent;

/**
 * Everything the dashboard shows of one meeting, as the topology computed it, on {@code pulse.views}
 * (compacted, key meetingId; at most one record per meeting per emit interval; a tombstone when the
 * meeting is deleted). The latest record per key is the truth.
 *
 * @param events      the clerk's agenda events as the timeline keeps them (in time order)
 * @param segments    the meeting's items by reference time (MeetingTimeline), what the counts follow
 * @param runningItem the item running after the clerk's latest event: an itemId, {@code pre}, {@code recess}
 *                    or {@code post} (null before any item has started)
 * @param items       the latest summary of every item, in meeting order (before, the agenda, recess, after)
 * @param alerts      the meeting's latest alerts, oldest first
 * @param unmatched   the unmatched figures of the meeting's home hashtag: posts that carried it but fell
 *                    outside every window
 * @param report      the record of the meeting once final (adjourned and quiet), or null
 * @param version     grows by one with every record of the key
 */
public record MeetingView(
        String meetingId,
        Meeting meeting,
        List<TimelineEvent> events,
        List<Segment> segments,
        String runningItem,
        Instant openedAt,
        Instant adjournedAt,
        List<ItemSummary> items,
        List<Alert> alerts,
        List<UnmatchedSummary> unmatched,
        ReportRef report,
        long version) {

    /** Where the final record of a meeting is: its version, and when it was written (the record's timestamp on {@code pulse.reports}). */
    public record ReportRef(long version, Instant at) {
    }

    public MeetingView {
        events = events == null ? List.of() : List.copyOf(events);
        segments = segments == null ? List.of() : List.copyOf(segments);
        items = items == null ? List.of() : List.copyOf(items);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        unmatched = unmatched == null ? List.of() : List.copyOf(unmatched);
    }

    /** Where the meeting stands and what the clerk may do next (derived, for the console; null before the meeting is published). */
    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    public MeetingPhase phase() {
        if (meeting == null) {
            return null;
        }
        return MeetingPhase.of(new MeetingTimeline(meetingId, meeting, events));
    }

    /** Counted comments over all items. */
    public long count() {
        return items.stream().mapToLong(ItemSummary::count).sum();
    }
}
