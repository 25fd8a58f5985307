package org.chamberpulse.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.UnmatchedSummary;
import org.chamberpulse.timeline.MeetingWindow;

/**
 * Rule 1 for one hashtag (the record key). Holds the windows of the meetings that list the hashtag and
 * every comment that carries it, by time; places each comment in the meeting whose window holds its
 * time, the nearer opening first, and places again the comments a moved window covers. Comments no
 * window holds are counted as unmatched under the hashtag.
 */
final class Router implements Processor<String, RouterInput, String, RouterOutput> {

    static final String WINDOWS = "router-windows";
    static final String COMMENTS = "router-comments";
    static final String IDS = "router-ids";
    static final String UNMATCHED = "router-unmatched";
    static final String DIRTY = "router-dirty";

    private static final StringSerializer KEYS = new StringSerializer();
    /** No window runs longer than this: 60 minutes before the opening to 60 after an adjournment within a day. */
    private static final Duration LONGEST_WINDOW = Duration.ofHours(26);
    private static final Comparator<MeetingWindow> SAME_DISTANCE_ORDER = Comparator.comparing(MeetingWindow::meetingId);

    private final Duration emitInterval;
    private final Duration retention;
    private ProcessorContext<String, RouterOutput> context;
    private KeyValueStore<String, MeetingWindow> windows;
    private KeyValueStore<String, RoutedComment> comments;
    private KeyValueStore<String, Long> ids;
    private KeyValueStore<String, UnmatchedCount> unmatched;
    private KeyValueStore<String, Boolean> dirty;
    /**
     * The latest {@code createdAt} of the comments this task received: retention runs on it. Record
     * timestamps are the time a producer sent a record, so an archive replayed today would otherwise
     * look long expired the moment it arrived.
     */
    private long eventClock = Long.MIN_VALUE;
    private long nextPurge = Long.MIN_VALUE;

    Router(Duration emitInterval, Duration retention) {
        this.emitInterval = emitInterval;
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, RouterOutput> context) {
        this.context = context;
        this.windows = context.getStateStore(WINDOWS);
        this.comments = context.getStateStore(COMMENTS);
        this.ids = context.getStateStore(IDS);
        this.unmatched = context.getStateStore(UNMATCHED);
        this.dirty = context.getStateStore(DIRTY);
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, now -> emitUnmatched());
    }

    @Override
    public void process(Record<String, RouterInput> record) {
        String hashtag = record.key();
        RouterInput input = record.value();
        if (input.comment() != null) {
            receive(hashtag, input.comment(), record.timestamp());
        } else if (input.window() != null) {
            MeetingWindow window = input.window();
            MeetingWindow before = windows.get(StoreKeys.of(hashtag, window.meetingId()));
            windows.put(StoreKeys.of(hashtag, window.meetingId()), window);
            placeAgain(hashtag, before == null ? window.start() : min(before.start(), window.start()),
                    before == null ? window.end() : max(before.end(), window.end()), record.timestamp());
        } else if (input.withdrawnMeetingId() != null) {
            MeetingWindow before = windows.delete(StoreKeys.of(hashtag, input.withdrawnMeetingId()));
            if (before != null) {
                placeAgain(hashtag, before.start(), before.end(), record.timestamp());
            }
        }
    }

    private void receive(String hashtag, ScoredComment comment, long timestamp) {
        String idKey = StoreKeys.of(hashtag, comment.comment().id());
        if (ids.get(idKey) != null) {
            return; // the same comment delivered again: counted once (rule 4)
        }
        long time = comment.comment().createdAt().toEpochMilli();
        advanceClock(time);
        ids.put(idKey, time);
        String meetingId = choose(hashtag, comment.comment().createdAt());
        comments.put(commentKey(hashtag, time, comment.comment().id()), new RoutedComment(comment, meetingId));
        move(hashtag, comment, null, meetingId, timestamp, true);
    }

    /** Places again every comment whose time lies in [from, to): a window covering them appeared, moved or went. */
    private void placeAgain(String hashtag, Instant from, Instant to, long timestamp) {
        List<KeyValue<String, RoutedComment>> moved = new ArrayList<>();
        try (KeyValueIterator<String, RoutedComment> it = comments.range(
                StoreKeys.prefix(hashtag, StoreKeys.time(from)), StoreKeys.prefix(hashtag, StoreKeys.time(to)))) {
            while (it.hasNext()) {
                KeyValue<String, RoutedComment> entry = it.next();
                String meetingId = choose(hashtag, entry.value.comment().comment().createdAt());
                if (!Objects.equals(meetingId, entry.value.meetingId())) {
                    moved.add(KeyValue.pair(entry.key, new RoutedComment(entry.value.comment(), meetingId)));
                    move(hashtag, entry.value.comment(), entry.value.meetingId(), meetingId, timestamp, false);
                }
            }
        }
        moved.forEach(entry -> comments.put(entry.key, entry.value));
    }

    /** Rule 1: of the meetings listing this hashtag whose window holds the time, the one with the nearer opening. */
    private String choose(String hashtag, Instant time) {
        MeetingWindow best = null;
        try (KeyValueIterator<String, MeetingWindow> it = windows.prefixScan(StoreKeys.prefix(hashtag), KEYS)) {
            while (it.hasNext()) {
                MeetingWindow window = it.next().value;
                if (window.holds(time) && (best == null || nearer(window, best, time))) {
                    best = window;
                }
            }
        }
        return best == null ? null : best.meetingId();
    }

    private static boolean nearer(MeetingWindow candidate, MeetingWindow best, Instant time) {
        long difference = candidate.distanceMillis(time) - best.distanceMillis(time);
        return difference < 0 || (difference == 0 && SAME_DISTANCE_ORDER.compare(candidate, best) < 0);
    }

    private void move(String hashtag, ScoredComment comment, String from, String to, long timestamp, boolean isNew) {
        if (!isNew && Objects.equals(from, to)) {
            return;
        }
        boolean repost = comment.comment().isRepost();
        if (from != null) {
            context.forward(new Record<>(from, new RouterOutput(AttributionInput.removed(comment.comment().id(), hashtag), null), timestamp));
        } else if (!isNew) {
            countUnmatched(hashtag, repost, -1);
        }
        if (to != null) {
            context.forward(new Record<>(to, new RouterOutput(AttributionInput.placed(comment.placedIn(to, null), hashtag), null), timestamp));
        } else {
            countUnmatched(hashtag, repost, +1);
        }
    }

    private void countUnmatched(String hashtag, boolean repost, int delta) {
        UnmatchedCount count = Objects.requireNonNullElse(unmatched.get(hashtag), UnmatchedCount.ZERO);
        unmatched.put(hashtag, count.plus(repost, delta));
        dirty.put(hashtag, Boolean.TRUE);
    }

    private void emitUnmatched() {
        List<String> hashtags = new ArrayList<>();
        try (KeyValueIterator<String, Boolean> it = dirty.all()) {
            it.forEachRemaining(entry -> hashtags.add(entry.key));
        }
        for (String hashtag : hashtags) {
            UnmatchedCount count = unmatched.get(hashtag).nextVersion();
            unmatched.put(hashtag, count);
            dirty.delete(hashtag);
            UnmatchedSummary summary = new UnmatchedSummary(hashtag, count.count(), count.reposts(), count.version());
            context.forward(new Record<>(hashtag, new RouterOutput(null, summary), context.currentStreamTimeMs()));
        }
    }

    /**
     * Forgets windows that closed more than the retention ago, and comments too old for any window still
     * kept to hold (the longest window runs a day). Unmatched counts stay as they are.
     */
    private void advanceClock(long eventTime) {
        eventClock = Math.max(eventClock, eventTime);
        if (eventClock >= nextPurge) {
            purge();
            nextPurge = eventClock + Attributor.PURGE_INTERVAL.toMillis();
        }
    }

    private void purge() {
        long windowHorizon = eventClock - retention.toMillis();
        long commentHorizon = windowHorizon - LONGEST_WINDOW.toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, MeetingWindow> it = windows.all()) {
            it.forEachRemaining(entry -> {
                if (entry.value.end().toEpochMilli() < windowHorizon) {
                    expired.add(entry.key);
                }
            });
        }
        expired.forEach(windows::delete);
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = ids.all()) {
            it.forEachRemaining(entry -> {
                if (entry.value < commentHorizon) {
                    old.add(entry.key);
                }
            });
        }
        for (String idKey : old) {
            long time = ids.get(idKey);
            int split = idKey.indexOf(StoreKeys.SEPARATOR);
            comments.delete(commentKey(idKey.substring(0, split), time, idKey.substring(split + 1)));
            ids.delete(idKey);
        }
    }

    private static String commentKey(String hashtag, long time, String commentId) {
        return StoreKeys.of(hashtag, StoreKeys.time(time), commentId);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
