package org.chamberpulse.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.ReportBundle;
import org.chamberpulse.model.UnmatchedSummary;
import org.chamberpulse.timeline.Buckets;

/**
 * Publishes, once per emit interval: the summary of every item that changed since its last one (with a
 * version one higher), the unmatched figures of every hashtag that changed, the view of every meeting that
 * changed, and the record of every adjourned meeting that changed and has been quiet for the grace.
 */
final class Publisher {

    /** The view version's key beside the items' in the versions store (no item id is empty). */
    private static final String VIEW = "";
    /** The record's version key (no item id holds '#'). */
    private static final String RECORD = "#record";

    /** Where publishing sends what it makes. */
    interface Sink {
        void summary(ItemSummary summary);

        void unmatched(UnmatchedSummary unmatched);

        void view(String meetingId, MeetingView view);

        void record(ReportBundle bundle);
    }

    private final DeskStores stores;
    private final Homes homes;
    private final Duration grace;

    Publisher(DeskStores stores, Homes homes, Duration grace) {
        this.stores = stores;
        this.homes = homes;
        this.grace = grace;
    }

    void publish(long now, Sink sink) {
        List<KeyValue<PairKey, Long>> items = new ArrayList<>();
        try (KeyValueIterator<PairKey, Long> it = stores.dirtyItems().all()) {
            it.forEachRemaining(items::add);
        }
        for (KeyValue<PairKey, Long> entry : items) {
            long lastReceivedAt = homes.takeDirty(entry.key, entry.value);
            String meetingId = entry.key.first();
            String itemId = entry.key.second();
            MeetingState state = homes.state(meetingId);
            ItemTally tally = state.figures.items().get(itemId);
            long version = Objects.requireNonNullElse(stores.versions().get(entry.key), 0L);
            if (Buckets.isBucket(itemId) && version == 0 && (tally == null || tally.isEmpty())) {
                // A bucket that held something only for a moment (until the agenda event that moves it
                // arrived) and was never published stays unpublished: an absent bucket means an empty one.
                continue;
            }
            stores.versions().put(entry.key, version + 1);
            ItemSummary summary = summary(state, itemId, version + 1, lastReceivedAt == 0 ? null : Instant.ofEpochMilli(lastReceivedAt));
            state.figures.shown(itemId, summary);
            sink.summary(summary);
        }
        List<String> hashtags = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = stores.dirtyHashtags().all()) {
            it.forEachRemaining(entry -> hashtags.add(entry.key));
        }
        for (String hashtag : hashtags) {
            stores.dirtyHashtags().delete(hashtag);
            UnmatchedSummary before = stores.unmatched().get(hashtag);
            UnmatchedSummary after = before.withVersion(before.version() + 1);
            stores.unmatched().put(hashtag, after);
            sink.unmatched(after.lastHours());
        }
        List<String> meetings = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = stores.dirtyMeetings().all()) {
            it.forEachRemaining(entry -> meetings.add(entry.key));
        }
        for (String meetingId : meetings) {
            long marks = homes.marks(meetingId);
            HomeRecord record = homes.record(meetingId);
            if ((marks & Homes.RECORD) != 0 && final_(record, meetingId, now)) {
                record(meetingId, now, sink);
                homes.unmark(meetingId, Homes.RECORD);
                marks |= Homes.VIEW;
            }
            if ((marks & Homes.VIEW) != 0) {
                view(meetingId, sink);
                homes.unmark(meetingId, Homes.VIEW);
            }
        }
    }

    /** Adjourned and quiet for the grace: the record for the report is final (until anything changes). */
    private boolean final_(HomeRecord record, String meetingId, long now) {
        return record != null && !record.frozen() && record.timeline().adjournedAt().isPresent()
                && homes.quietFor(meetingId, now) >= grace.toMillis();
    }

    /** Writes the meeting's record now if anything changed since the last one: retention is about to free it. */
    void recordBeforeFreezing(String meetingId, long now, Sink sink) {
        if ((homes.marks(meetingId) & Homes.RECORD) != 0 && homes.record(meetingId) != null) {
            record(meetingId, now, sink);
        }
    }

    private void record(String meetingId, long now, Sink sink) {
        MeetingState state = homes.state(meetingId);
        if (state.timeline() == null || state.meeting() == null) {
            return;
        }
        PairKey key = new PairKey(meetingId, RECORD);
        long version = Objects.requireNonNullElse(stores.versions().get(key), 0L) + 1;
        stores.versions().put(key, version);
        Instant finalAt = Instant.ofEpochMilli(now);
        sink.record(MeetingRecords.bundle(state, items(state), version, finalAt,
                standing -> state.figures.asPlaced(standing, homes.load(meetingId, standing))));
        homes.recorded(meetingId, new MeetingView.ReportRef(version, finalAt));
    }

    private void view(String meetingId, Sink sink) {
        MeetingState state = homes.state(meetingId);
        HomeRecord record = homes.record(meetingId);
        if (state.timeline() == null || record == null) {
            return;
        }
        PairKey key = new PairKey(meetingId, VIEW);
        long version = Objects.requireNonNullElse(stores.versions().get(key), 0L) + 1;
        stores.versions().put(key, version);
        if (state.meeting() == null) {
            sink.view(meetingId, null);
            return;
        }
        Signals signals = state.figures.signals(() -> stores.signals().get(meetingId));
        List<UnmatchedSummary> unmatched = new ArrayList<>();
        String home = state.meeting().hashtags().stream().sorted().findFirst().orElse("");
        UnmatchedSummary own = stores.unmatched().get(home);
        if (own != null) {
            unmatched.add(own.lastHours());
        }
        sink.view(meetingId, MeetingRecords.view(state.timeline(), items(state), signals, unmatched, record.report(), version));
    }

    /** The published summaries of the meeting's items, made again from the state where not in memory (after a restart). */
    private List<ItemSummary> items(MeetingState state) {
        Map<String, ItemSummary> published = state.figures.published();
        try (KeyValueIterator<PairKey, Long> it = stores.versions().prefixScan(state.meetingId, KeyBytes.PREFIX)) {
            it.forEachRemaining(entry -> {
                String itemId = entry.key.second();
                if (!itemId.equals(VIEW) && !itemId.equals(RECORD) && !published.containsKey(itemId)) {
                    published.put(itemId, summary(state, itemId, entry.value, null));
                }
            });
        }
        return MeetingRecords.inMeetingOrder(state.meeting(), published);
    }

    private ItemSummary summary(MeetingState state, String itemId, long version, Instant lastReceivedAt) {
        return Summaries.of(state, itemId, version, lastReceivedAt, commentId -> homes.load(state.meetingId, state.standing(commentId)));
    }
}
