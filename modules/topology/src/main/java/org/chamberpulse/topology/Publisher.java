package org.chamberpulse.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.UnmatchedSummary;
import org.chamberpulse.timeline.Buckets;

/**
 * Publishes, once per emit interval, the summary of every item that changed since its last one (with a
 * version one higher) and the unmatched figures of every hashtag that changed.
 */
final class Publisher {

    private final DeskStores stores;
    private final Homes homes;

    Publisher(DeskStores stores, Homes homes) {
        this.stores = stores;
        this.homes = homes;
    }

    void publish(Consumer<ItemSummary> summaries, Consumer<UnmatchedSummary> unmatched) {
        List<KeyValue<PairKey, Long>> items = new ArrayList<>();
        try (KeyValueIterator<PairKey, Long> it = stores.dirtyItems().all()) {
            it.forEachRemaining(items::add);
        }
        for (KeyValue<PairKey, Long> entry : items) {
            long lastReceivedAt = homes.takeDirty(entry.key, entry.value);
            String meetingId = entry.key.first();
            String itemId = entry.key.second();
            MeetingState state = homes.state(meetingId);
            ItemTally tally = state.items().get(itemId);
            long version = Objects.requireNonNullElse(stores.versions().get(entry.key), 0L);
            if (Buckets.isBucket(itemId) && version == 0 && (tally == null || tally.isEmpty())) {
                // A bucket that held something only for a moment (until the agenda event that moves it
                // arrived) and was never published stays unpublished: an absent bucket means an empty one.
                continue;
            }
            stores.versions().put(entry.key, version + 1);
            summaries.accept(Summaries.of(state, itemId, version + 1, lastReceivedAt == 0 ? null : Instant.ofEpochMilli(lastReceivedAt),
                    commentId -> homes.load(meetingId, state.standing(commentId))));
        }
        List<String> hashtags = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = stores.dirtyHashtags().all()) {
            it.forEachRemaining(entry -> hashtags.add(entry.key));
        }
        for (String hashtag : hashtags) {
            stores.dirtyHashtags().delete(hashtag);
            UnmatchedSummary before = stores.unmatched().get(hashtag);
            UnmatchedSummary after = new UnmatchedSummary(hashtag, before.count(), before.reposts(), before.version() + 1);
            stores.unmatched().put(hashtag, after);
            unmatched.accept(after);
        }
    }
}
