package org.chamberpulse.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.ReportBundle;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.UnmatchedSummary;
import org.chamberpulse.timeline.Buckets;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.Segment;

/** A meeting's view (pulse.views) and its record for the report (pulse.reports), from its home's state. */
final class MeetingRecords {

    private MeetingRecords() {
    }

    /** The published summaries of a meeting's items, in meeting order: before, the agenda, recess, after, then any other. */
    static List<ItemSummary> inMeetingOrder(Meeting meeting, Map<String, ItemSummary> published) {
        List<ItemSummary> ordered = new ArrayList<>();
        List<String> order = new ArrayList<>();
        order.add(Buckets.PRE);
        if (meeting != null) {
            meeting.items().stream().map(AgendaItem::itemId).forEach(order::add);
        }
        order.add(Buckets.RECESS);
        order.add(Buckets.POST);
        order.forEach(itemId -> {
            ItemSummary summary = published.get(itemId);
            if (summary != null) {
                ordered.add(summary);
            }
        });
        published.keySet().stream().filter(itemId -> !order.contains(itemId)).sorted().forEach(itemId -> ordered.add(published.get(itemId)));
        return ordered;
    }

    static MeetingView view(MeetingTimeline timeline, List<ItemSummary> items, Signals signals, List<UnmatchedSummary> unmatched,
                            MeetingView.ReportRef report, long version) {
        List<Segment> segments = timeline.segments();
        return new MeetingView(timeline.meetingId(), timeline.meeting(), timeline.events(), segments,
                segments.isEmpty() ? null : segments.get(segments.size() - 1).itemId(),
                timeline.openedAt().orElse(null), timeline.adjournedAt().orElse(null), items,
                signals == null ? List.of() : signals.recent(), unmatched, report, version);
    }

    /** @param comment reads a counted comment back as placed (item, flags) */
    static ReportBundle bundle(MeetingState state, List<ItemSummary> items, long version, Instant finalAt,
                               Function<Standing, ScoredComment> comment) {
        List<ScoredComment> counted = new ArrayList<>();
        for (Standing standing : state.counted()) {
            counted.add(comment.apply(standing));
        }
        counted.sort(Comparator.comparing((ScoredComment c) -> c.comment().createdAt()).thenComparing(c -> c.comment().id()));
        return new ReportBundle(state.meetingId, version, finalAt, state.timeline(), items, counted);
    }
}
