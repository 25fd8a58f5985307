package org.chamberpulse.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.ReportBundle;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.SentimentSummary;
import org.chamberpulse.timeline.Buckets;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.Segment;

/**
 * Everything the report of one meeting shows, as read from Kafka: the meeting, its agenda events, the
 * latest summary of each item, and the comments as last placed. Every figure comes from the summaries;
 * the comments only list what was counted.
 *
 * @param summaries the latest summary per item, in the order of the meeting: before the first item, the
 *                  agenda's items, the recess, after the meeting
 * @param comments  the counted comments (reposts included) in order of {@code createdAt}
 */
public record ReportData(MeetingTimeline timeline, List<ItemSummary> summaries, List<ScoredComment> comments, Instant generatedAt) {

    public ReportData {
        summaries = List.copyOf(summaries);
        comments = List.copyOf(comments);
    }

    /**
     * Puts the summaries in meeting order. An agenda item without a summary yet (the topology publishes
     * one for each item as soon as it knows the meeting) shows as empty rather than missing.
     */
    public static ReportData of(MeetingTimeline timeline, Map<String, ItemSummary> summariesByItem, List<ScoredComment> comments, Instant generatedAt) {
        Meeting meeting = timeline.meeting();
        List<ItemSummary> ordered = new ArrayList<>();
        Optional.ofNullable(summariesByItem.get(Buckets.PRE)).ifPresent(ordered::add);
        for (AgendaItem item : meeting.items()) {
            ordered.add(summariesByItem.getOrDefault(item.itemId(), empty(meeting.meetingId(), item)));
        }
        Optional.ofNullable(summariesByItem.get(Buckets.RECESS)).ifPresent(ordered::add);
        Optional.ofNullable(summariesByItem.get(Buckets.POST)).ifPresent(ordered::add);
        List<ScoredComment> sorted = comments.stream()
                .sorted(Comparator.comparing((ScoredComment c) -> c.comment().createdAt()).thenComparing(c -> c.comment().id()))
                .toList();
        return new ReportData(timeline, ordered, sorted, generatedAt);
    }

    /** The report of a final meeting, from its record: made the same, byte for byte, every time. */
    public static ReportData of(ReportBundle bundle) {
        Map<String, ItemSummary> summaries = new LinkedHashMap<>();
        bundle.summaries().forEach(item -> summaries.put(item.itemId(), item));
        return of(bundle.timeline(), summaries, bundle.comments(), bundle.finalAt());
    }

    /** The same report with each comment under its public id, as everything public names it. */
    public ReportData withPublicIds(UnaryOperator<String> publicId) {
        return new ReportData(timeline, summaries, comments.stream()
                .map(c -> new ScoredComment(c.comment().withIds(publicId), c.meetingId(), c.itemId(), c.sentiment(), c.flags())).toList(), generatedAt);
    }

    private static ItemSummary empty(String meetingId, AgendaItem item) {
        return new ItemSummary(meetingId, item.itemId(), item.number(), item.title(), 0, 0, 0, SentimentSummary.EMPTY,
                List.of(), List.of(), List.of(), 0, item.restricted(), null, null, List.of(), 0, null);
    }

    public Meeting meeting() {
        return timeline.meeting();
    }

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    public ZoneId zone() {
        String timezone = meeting().timezone();
        try {
            return timezone == null || timezone.isBlank() ? LONDON : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            // Published before meetings were checked for their zone: the report still renders, in UK time.
            return LONDON;
        }
    }

    /** True once the clerk has adjourned the meeting: until then the report is provisional. */
    public boolean adjourned() {
        return timeline.adjournedAt().isPresent();
    }

    public List<Segment> segments() {
        return timeline.segments();
    }

    public Optional<AgendaItem> agendaItem(String itemId) {
        return meeting().item(itemId);
    }

    /** What people call an item: "4. Public questions", or the bucket's name. */
    public String label(ItemSummary summary) {
        if (Buckets.isBucket(summary.itemId())) {
            return Buckets.title(summary.itemId());
        }
        String number = summary.number() == null || summary.number().isBlank() ? "" : summary.number().strip();
        String title = summary.title() == null ? summary.itemId() : summary.title();
        if (number.isEmpty()) {
            return title;
        }
        return (number.endsWith(".") ? number : number + ".") + " " + title;
    }

    public Totals totals() {
        long count = 0;
        long reposts = 0;
        long flagged = 0;
        long positive = 0;
        long neutral = 0;
        long negative = 0;
        long unscored = 0;
        for (ItemSummary s : summaries) {
            count += s.count();
            reposts += s.reposts();
            flagged += s.flagged();
            positive += s.sentiment().positive();
            neutral += s.sentiment().neutral();
            negative += s.sentiment().negative();
            unscored += s.sentiment().unscored();
        }
        return new Totals(count, reposts, flagged, positive, neutral, negative, unscored);
    }

    /** Comments per minute of reference time, over all items: the sum of the items' {@code perMinute}. */
    public NavigableMap<Instant, Long> perMinute() {
        NavigableMap<Instant, Long> minutes = new TreeMap<>();
        summaries.forEach(s -> s.perMinute().forEach(m -> minutes.merge(m.minute(), m.count(), Long::sum)));
        return minutes;
    }

    /** The counted comments of each item, in meeting order, reposts left out (they are figures, not comments). */
    public Map<String, List<ScoredComment>> commentsByItem() {
        Map<String, List<ScoredComment>> byItem = new LinkedHashMap<>();
        summaries.forEach(s -> byItem.put(s.itemId(), new ArrayList<>()));
        comments.stream().filter(c -> !c.comment().isRepost())
                .forEach(c -> byItem.computeIfAbsent(c.itemId(), id -> new ArrayList<>()).add(c));
        return byItem;
    }

    /** Figures of the whole meeting: sums of the items' figures (unique authors cannot be summed, so there are none). */
    public record Totals(long count, long reposts, long flagged, long positive, long neutral, long negative, long unscored) {
    }
}
