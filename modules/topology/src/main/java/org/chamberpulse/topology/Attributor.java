package org.chamberpulse.topology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Alert;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.MinuteCount;
import org.chamberpulse.model.ModerationEvent;
import org.chamberpulse.model.Quote;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.SentimentSummary;
import org.chamberpulse.model.TermCount;
import org.chamberpulse.model.Text;
import org.chamberpulse.sentiment.Terms;
import org.chamberpulse.timeline.Buckets;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.MeetingWindow;

/**
 * Rules 2 to 6 for one meeting (the record key). Holds the meeting's timeline and its comments indexed
 * by reference time, places each comment in an item, counts each once, and keeps per-item counters that
 * take deltas. When the agenda changes, only the comments whose reference time lies where the old and
 * the new agenda disagree are moved. Summaries of changed items go out at most once per emit interval.
 */
final class Attributor implements Processor<String, AttributionInput, String, AttributionOutput> {

    static final String TIMELINES = "attr-timelines";
    static final String COMMENTS = "attr-comments";
    static final String IDS = "attr-ids";
    static final String COPIES = "attr-copies";
    static final String ITEMS = "attr-items";
    static final String AUTHORS = "attr-authors";
    static final String MINUTES = "attr-minutes";
    /** Counts per item of hashtags ({@code m|item|#|tag}) and of terms ({@code m|item|w|term}). */
    static final String WORDS = "attr-words";
    private static final String HASHTAG_KIND = "#";
    private static final String TERM_KIND = "w";
    static final String INDEX = "attr-index";
    static final String DIRTY = "attr-dirty";
    /** Counted comments per minute of the whole meeting ({@code m|minute}), its baseline, per-item moods and last alerts. */
    static final String VOLUME = "attr-volume";
    static final String BASELINES = "attr-baselines";
    static final String MOODS = "attr-moods";
    static final String ALERTED = "attr-alerted";
    /** Comments a clerk hid ({@code m|commentId}): still counted, never quoted. */
    static final String HIDDEN = "attr-hidden";
    static final String HIDDEN_FLAG = "hidden";

    static final int TOP = 10;
    static final int QUOTES = 5;
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);
    private static final StringSerializer KEYS = new StringSerializer();

    private final Duration emitInterval;
    private final Duration retention;
    private ProcessorContext<String, AttributionOutput> context;
    private KeyValueStore<String, MeetingTimeline> timelines;
    private KeyValueStore<String, AttributedComment> comments;
    private KeyValueStore<String, Long> ids;
    private KeyValueStore<String, Copies> copies;
    private KeyValueStore<String, ItemAggregate> items;
    private KeyValueStore<String, Long> authors;
    private KeyValueStore<String, Long> minutes;
    private KeyValueStore<String, Long> words;
    private KeyValueStore<String, Long> index;
    /** Items to publish again: the latest {@code receivedAt} (ms) of the comments counted since, or 0. */
    private KeyValueStore<String, Long> dirty;
    private KeyValueStore<String, Long> volume;
    private KeyValueStore<String, Baseline> baselines;
    private KeyValueStore<String, Mood> moods;
    private KeyValueStore<String, Long> alerted;
    private KeyValueStore<String, Boolean> hidden;
    /**
     * The latest {@code createdAt} of the comments placed in this task's meetings: retention runs on it,
     * not on record timestamps, which are the time a producer sent a record (an archive replayed today
     * would otherwise look long expired the moment it arrived).
     */
    private long eventClock = Long.MIN_VALUE;
    private long nextPurge = Long.MIN_VALUE;
    /** Derived from the timelines store and rebuilt on demand: the segments of each meeting's agenda. */
    private final Map<String, Placement> placements = new HashMap<>();
    private final MessageDigest sha256;

    Attributor(Duration emitInterval, Duration retention) {
        this.emitInterval = emitInterval;
        this.retention = retention;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public void init(ProcessorContext<String, AttributionOutput> context) {
        this.context = context;
        timelines = context.getStateStore(TIMELINES);
        comments = context.getStateStore(COMMENTS);
        ids = context.getStateStore(IDS);
        copies = context.getStateStore(COPIES);
        items = context.getStateStore(ITEMS);
        authors = context.getStateStore(AUTHORS);
        minutes = context.getStateStore(MINUTES);
        words = context.getStateStore(WORDS);
        index = context.getStateStore(INDEX);
        dirty = context.getStateStore(DIRTY);
        volume = context.getStateStore(VOLUME);
        baselines = context.getStateStore(BASELINES);
        moods = context.getStateStore(MOODS);
        alerted = context.getStateStore(ALERTED);
        hidden = context.getStateStore(HIDDEN);
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, now -> emitSummaries());
    }

    @Override
    public void process(Record<String, AttributionInput> record) {
        String meetingId = record.key();
        AttributionInput input = record.value();
        if (input.timeline() != null) {
            onTimeline(meetingId, input.timeline(), record.timestamp());
        } else if (input.placed() != null) {
            onPlaced(meetingId, input.placed(), input.via(), record.timestamp());
        } else if (input.removedCommentId() != null) {
            onRemoved(meetingId, input.removedCommentId(), input.via(), record.timestamp());
        } else if (input.moderation() != null) {
            onModeration(meetingId, input.moderation(), record.timestamp());
        }
    }

    // ---- the agenda changes ------------------------------------------------------------------------

    private void onTimeline(String meetingId, MeetingTimeline after, long timestamp) {
        MeetingTimeline before = timelines.get(meetingId);
        timelines.put(meetingId, after);
        placements.remove(meetingId);
        Placement placement = placement(meetingId);
        boolean definitionChanged = before == null || !Objects.equals(before.meeting(), after.meeting());
        if (definitionChanged) {
            // The delay, the items or their tags changed: every comment may move (rare: a meeting is edited).
            placeAgain(meetingId, StoreKeys.prefix(meetingId), StoreKeys.prefix(meetingId) + '\uffff', placement, timestamp);
            if (after.meeting() != null) {
                after.meeting().items().forEach(item -> markDirty(StoreKeys.of(meetingId, item.itemId()), 0));
            }
            markTouchedItemsDirty(meetingId);
            return;
        }
        for (Instant[] span : MeetingTimeline.changedSpans(before.segments(), placement.segments())) {
            placeAgain(meetingId, StoreKeys.prefix(meetingId, StoreKeys.time(span[0])),
                    StoreKeys.prefix(meetingId, StoreKeys.time(span[1])), placement, timestamp);
        }
    }

    /** Titles and restrictions may have changed: every item that has figures is published again. */
    private void markTouchedItemsDirty(String meetingId) {
        try (KeyValueIterator<String, ItemAggregate> it = items.prefixScan(StoreKeys.prefix(meetingId), KEYS)) {
            it.forEachRemaining(entry -> markDirty(entry.key, 0));
        }
    }

    /** Moves the comments keyed in [fromKey, toKey] to where the placement now puts them. */
    private void placeAgain(String meetingId, String fromKey, String toKey, Placement placement, long timestamp) {
        List<KeyValue<String, AttributedComment>> held = new ArrayList<>();
        try (KeyValueIterator<String, AttributedComment> it = comments.range(fromKey, toKey)) {
            it.forEachRemaining(held::add);
        }
        for (KeyValue<String, AttributedComment> entry : held) {
            AttributedComment comment = entry.value;
            long referenceTime = placement.referenceTime(comment.comment().comment());
            String itemId = placement.itemFor(comment.comment().comment(), referenceTime);
            String key = commentKey(meetingId, referenceTime, comment.id());
            if (itemId.equals(comment.comment().itemId()) && key.equals(entry.key)) {
                continue;
            }
            AttributedComment moved = comment.inItem(itemId);
            if (comment.counted()) {
                count(meetingId, comment, ids.get(StoreKeys.of(meetingId, comment.id())), -1);
                count(meetingId, moved, referenceTime, +1);
                emitScored(meetingId, moved, timestamp);
            }
            comments.delete(entry.key);
            comments.put(key, moved);
            ids.put(StoreKeys.of(meetingId, comment.id()), referenceTime);
        }
    }

    // ---- a router places a comment here, or takes it out ----------------------------------------------

    private void onPlaced(String meetingId, ScoredComment placed, String via, long timestamp) {
        advanceClock(placed.comment().createdAt().toEpochMilli());
        String idKey = StoreKeys.of(meetingId, placed.comment().id());
        Long knownReference = ids.get(idKey);
        if (knownReference != null) {
            // Placed here through a second hashtag, or delivered again: the comment counts once.
            String key = commentKey(meetingId, knownReference, placed.comment().id());
            comments.put(key, comments.get(key).withVia(via, true));
            return;
        }
        Placement placement = placement(meetingId);
        long referenceTime = placement.referenceTime(placed.comment());
        String itemId = placement.itemFor(placed.comment(), referenceTime);
        AttributedComment comment = new AttributedComment(placed.placedIn(meetingId, itemId), List.of(via), false)
                .withFlag(HIDDEN_FLAG, hidden.get(idKey) != null);
        ids.put(idKey, referenceTime);
        comments.put(commentKey(meetingId, referenceTime, comment.id()), comment);
        if (comment.repost()) {
            countIn(meetingId, comment, timestamp);
            return;
        }
        String copiesKey = copiesKey(meetingId, comment);
        Copies before = Objects.requireNonNullElse(copies.get(copiesKey), Copies.NONE);
        applyCopies(meetingId, copiesKey, before, before.with(copyEntry(comment)), timestamp);
        AttributedComment now = comments.get(commentKey(meetingId, referenceTime, comment.id()));
        if (now.counted()) {
            checkAlerts(meetingId, now, referenceTime, timestamp);
        }
    }

    /** A clerk hides a comment (or shows it again), whether it has arrived yet or not. */
    private void onModeration(String meetingId, ModerationEvent event, long timestamp) {
        boolean hide = event.action() == ModerationEvent.Action.HIDE;
        String key = StoreKeys.of(meetingId, event.commentId());
        if (hide) {
            hidden.put(key, Boolean.TRUE);
        } else {
            hidden.delete(key);
        }
        Long referenceTime = ids.get(key);
        if (referenceTime == null) {
            return;
        }
        String commentKey = commentKey(meetingId, referenceTime, event.commentId());
        AttributedComment comment = comments.get(commentKey);
        if (comment.comment().flags().contains(HIDDEN_FLAG) == hide) {
            return;
        }
        boolean counted = comment.counted();
        if (counted) {
            countOut(meetingId, comment, timestamp);
        }
        AttributedComment updated = comments.get(commentKey).withFlag(HIDDEN_FLAG, hide);
        comments.put(commentKey, updated);
        if (counted) {
            countIn(meetingId, updated, timestamp);
        }
    }

    // ---- alerts (live signals: a newly placed comment may raise one) ----------------------------------

    private void checkAlerts(String meetingId, AttributedComment comment, long referenceTime, long timestamp) {
        long minute = Math.floorDiv(referenceTime, 60_000L);
        Baseline baseline = Objects.requireNonNullElse(baselines.get(meetingId), Baseline.startingAt(minute));
        if (minute > baseline.lastMinute()) {
            long folded = 0;
            while (baseline.lastMinute() < minute && folded++ < AlertRules.MAX_FOLDED_MINUTES) {
                baseline = baseline.fold(Objects.requireNonNullElse(volume.get(StoreKeys.of(meetingId, StoreKeys.time(baseline.lastMinute() * 60_000L))), 0L));
            }
            baseline = new Baseline(minute, baseline.mean(), baseline.variance(), baseline.minutes());
        }
        baselines.put(meetingId, baseline);
        if (minute < baseline.lastMinute()) {
            return; // a late comment: the minute it belongs to has passed
        }
        String itemId = comment.comment().itemId();
        Instant at = comment.comment().comment().createdAt();
        long thisMinute = Objects.requireNonNullElse(volume.get(StoreKeys.of(meetingId, StoreKeys.time(minute * 60_000L))), 0L);
        if (AlertRules.surge(thisMinute, baseline) && cooledDown(meetingId, Alert.Kind.SURGE, itemId, at)) {
            alert(meetingId, new Alert(meetingId, itemId, Alert.Kind.SURGE, at, thisMinute, round2(baseline.mean()),
                    String.format(java.util.Locale.ROOT, "Surge during %s: %d comments in one minute, against a usual %.1f",
                            itemLabel(meetingId, itemId), thisMinute, baseline.mean())), timestamp);
        }
        if (comment.comment().sentiment().label() != org.chamberpulse.model.Sentiment.Label.UNSCORED) {
            Mood window = Mood.NONE;
            for (long m = minute - AlertRules.SWING_WINDOW_MINUTES + 1; m <= minute; m++) {
                window = window.plus(Objects.requireNonNullElse(moods.get(StoreKeys.of(meetingId, itemId, StoreKeys.time(m * 60_000L))), Mood.NONE));
            }
            ItemAggregate item = Objects.requireNonNullElse(items.get(StoreKeys.of(meetingId, itemId)), ItemAggregate.EMPTY);
            Mood before = new Mood(item.scored(), item.compoundSumE4()).minus(window);
            if (AlertRules.swing(window, before) && cooledDown(meetingId, Alert.Kind.SWING, itemId, at)) {
                alert(meetingId, new Alert(meetingId, itemId, Alert.Kind.SWING, at, round2(window.mean()), round2(before.mean()),
                        String.format(java.util.Locale.ROOT, "Mood during %s turned %s: mean %+.2f over the last %d minutes, against %+.2f before",
                                itemLabel(meetingId, itemId), window.mean() > before.mean() ? "more positive" : "more negative",
                                window.mean(), AlertRules.SWING_WINDOW_MINUTES, before.mean())), timestamp);
            }
        }
    }

    private boolean cooledDown(String meetingId, Alert.Kind kind, String itemId, Instant at) {
        String key = StoreKeys.of(meetingId, kind.name(), itemId);
        Long last = alerted.get(key);
        if (last != null && Math.abs(at.toEpochMilli() - last) < AlertRules.COOLDOWN.toMillis()) {
            return false;
        }
        alerted.put(key, at.toEpochMilli());
        return true;
    }

    private void alert(String meetingId, Alert alert, long timestamp) {
        context.forward(new Record<>(meetingId, new AttributionOutput(null, null, alert), timestamp));
    }

    private String itemLabel(String meetingId, String itemId) {
        MeetingTimeline timeline = timelines.get(meetingId);
        Optional<AgendaItem> item = timeline == null || timeline.meeting() == null ? Optional.empty() : timeline.meeting().item(itemId);
        return item.map(i -> "item " + i.number() + " (" + i.title() + ")").orElse(Buckets.isBucket(itemId) ? Buckets.title(itemId).toLowerCase(java.util.Locale.ROOT) : "item " + itemId);
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private void onRemoved(String meetingId, String commentId, String via, long timestamp) {
        String idKey = StoreKeys.of(meetingId, commentId);
        Long referenceTime = ids.get(idKey);
        if (referenceTime == null) {
            return;
        }
        String key = commentKey(meetingId, referenceTime, commentId);
        AttributedComment comment = comments.get(key).withVia(via, false);
        if (!comment.via().isEmpty()) {
            comments.put(key, comment);
            return;
        }
        if (comment.counted()) {
            countOut(meetingId, comment, timestamp);
        }
        comments.delete(key);
        ids.delete(idKey);
        if (comment.repost()) {
            return;
        }
        String copiesKey = copiesKey(meetingId, comment);
        Copies before = Objects.requireNonNullElse(copies.get(copiesKey), Copies.NONE);
        applyCopies(meetingId, copiesKey, before, before.without(copyEntry(comment)), timestamp);
    }

    private static String copyEntry(AttributedComment comment) {
        var c = comment.comment().comment();
        return Copies.entry(c.createdAt().toEpochMilli(), c.id(), c.author());
    }

    /**
     * Rules 4 and the coordinated-burst rule: the copies of a text decide which of them count and which
     * carry the burst flag; every copy whose standing changed is counted out and in again.
     */
    private void applyCopies(String meetingId, String copiesKey, Copies before, Copies after, long timestamp) {
        if (after.isEmpty()) {
            copies.delete(copiesKey);
        } else {
            copies.put(copiesKey, after);
        }
        Copies.Decision was = before.decide();
        Copies.Decision now = after.decide();
        java.util.Set<String> affected = new java.util.TreeSet<>();
        for (java.util.Set<String> set : List.of(was.counted(), now.counted(), was.burst(), now.burst())) {
            affected.addAll(set);
        }
        for (String id : affected) {
            boolean changed = was.counted().contains(id) != now.counted().contains(id) || was.burst().contains(id) != now.burst().contains(id);
            Long referenceTime = ids.get(StoreKeys.of(meetingId, id));
            if (!changed || referenceTime == null) {
                continue;
            }
            AttributedComment comment = comments.get(commentKey(meetingId, referenceTime, id));
            if (comment.counted()) {
                countOut(meetingId, comment, timestamp);
            }
            AttributedComment updated = comment.counted(false).withFlag(Copies.BURST, now.burst().contains(id));
            comments.put(commentKey(meetingId, referenceTime, id), updated);
            if (now.counted().contains(id)) {
                countIn(meetingId, updated, timestamp);
            }
        }
    }

    private AttributedComment held(String meetingId, String commentId) {
        long referenceTime = ids.get(StoreKeys.of(meetingId, commentId));
        return comments.get(commentKey(meetingId, referenceTime, commentId));
    }

    private void countIn(String meetingId, AttributedComment comment, long timestamp) {
        AttributedComment counted = comment.counted(true);
        long referenceTime = ids.get(StoreKeys.of(meetingId, comment.id()));
        comments.put(commentKey(meetingId, referenceTime, comment.id()), counted);
        count(meetingId, counted, referenceTime, +1);
        emitScored(meetingId, counted, timestamp);
    }

    private void countOut(String meetingId, AttributedComment comment, long timestamp) {
        AttributedComment uncounted = comment.counted(false);
        long referenceTime = ids.get(StoreKeys.of(meetingId, comment.id()));
        comments.put(commentKey(meetingId, referenceTime, comment.id()), uncounted);
        count(meetingId, comment, referenceTime, -1);
        emitScored(meetingId, uncounted.inItem(null), timestamp);
    }

    /** Adds (+1) or takes away (-1) one comment's share of its item's figures. */
    private void count(String meetingId, AttributedComment comment, long referenceTime, int sign) {
        String itemId = comment.comment().itemId();
        String itemKey = StoreKeys.of(meetingId, itemId);
        ItemAggregate aggregate = Objects.requireNonNullElse(items.get(itemKey), ItemAggregate.EMPTY);
        var received = comment.comment().comment().receivedAt();
        markDirty(itemKey, sign > 0 && received != null ? received.toEpochMilli() : 0);
        if (comment.repost()) {
            items.put(itemKey, aggregate.plusRepost(sign));
            return;
        }
        var c = comment.comment().comment();
        int newAuthor = adjust(authors, StoreKeys.of(meetingId, itemId, c.author()), sign);
        boolean flagged = comment.comment().flags().stream().anyMatch(flag -> !flag.equals(HIDDEN_FLAG));
        items.put(itemKey, aggregate.plusComment(sign, newAuthor, flagged, comment.comment().sentiment()));
        long minuteStart = Math.floorDiv(referenceTime, 60_000L) * 60_000L;
        adjust(minutes, StoreKeys.of(meetingId, itemId, StoreKeys.time(minuteStart)), sign);
        adjust(volume, StoreKeys.of(meetingId, StoreKeys.time(minuteStart)), sign);
        var sentiment = comment.comment().sentiment();
        if (sentiment.label() != org.chamberpulse.model.Sentiment.Label.UNSCORED && sentiment.compound() != null) {
            String moodKey = StoreKeys.of(meetingId, itemId, StoreKeys.time(minuteStart));
            Mood mood = Objects.requireNonNullElse(moods.get(moodKey), Mood.NONE).plus(sign, Math.round(sentiment.compound() * 10_000));
            if (mood.scored() == 0) {
                moods.delete(moodKey);
            } else {
                moods.put(moodKey, mood);
            }
        }
        c.hashtags().forEach(tag -> adjust(words, StoreKeys.of(meetingId, itemId, HASHTAG_KIND, tag), sign));
        Terms.of(c.text()).forEach(term -> adjust(words, StoreKeys.of(meetingId, itemId, TERM_KIND, term), sign));
        String indexKey = StoreKeys.of(meetingId, itemId, StoreKeys.time(c.createdAt()), c.id());
        if (sign > 0) {
            index.put(indexKey, referenceTime);
        } else {
            index.delete(indexKey);
        }
    }

    /** @return +1 when the counter went from 0 to 1, -1 when it went back to 0, else 0 */
    private static int adjust(KeyValueStore<String, Long> counters, String key, int sign) {
        long before = Objects.requireNonNullElse(counters.get(key), 0L);
        long after = before + sign;
        if (after <= 0) {
            counters.delete(key);
        } else {
            counters.put(key, after);
        }
        if (before == 0 && after > 0) {
            return 1;
        }
        return before > 0 && after <= 0 ? -1 : 0;
    }

    private void emitScored(String meetingId, AttributedComment comment, long timestamp) {
        context.forward(new Record<>(meetingId, new AttributionOutput(null, comment.comment(), null), timestamp));
    }

    // ---- summaries -------------------------------------------------------------------------------------

    private void markDirty(String itemKey, long receivedAt) {
        Long before = dirty.get(itemKey);
        if (before == null || before < receivedAt) {
            dirty.put(itemKey, receivedAt);
        }
    }

    private void emitSummaries() {
        List<KeyValue<String, Long>> keys = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = dirty.all()) {
            it.forEachRemaining(keys::add);
        }
        for (KeyValue<String, Long> entry : keys) {
            String itemKey = entry.key;
            dirty.delete(itemKey);
            int split = itemKey.indexOf(StoreKeys.SEPARATOR);
            String meetingId = itemKey.substring(0, split);
            String itemId = itemKey.substring(split + 1);
            ItemAggregate current = Objects.requireNonNullElse(items.get(itemKey), ItemAggregate.EMPTY);
            if (Buckets.isBucket(itemId) && current.version() == 0 && current.count() == 0 && current.reposts() == 0) {
                // A bucket that held something only for a moment (until the agenda event that moves it
                // arrived) and was never published stays unpublished: an absent bucket means an empty one.
                continue;
            }
            ItemAggregate aggregate = current.nextVersion();
            items.put(itemKey, aggregate);
            ItemSummary summary = summarise(meetingId, itemId, aggregate, entry.value == 0 ? null : Instant.ofEpochMilli(entry.value));
            context.forward(new Record<>(summary.key(), new AttributionOutput(summary, null, null), context.currentStreamTimeMs()));
        }
    }

    private ItemSummary summarise(String meetingId, String itemId, ItemAggregate aggregate, Instant lastReceivedAt) {
        MeetingTimeline timeline = timelines.get(meetingId);
        Meeting meeting = timeline == null ? null : timeline.meeting();
        Optional<AgendaItem> item = meeting == null ? Optional.empty() : meeting.item(itemId);
        boolean restricted = item.map(AgendaItem::restricted).orElse(false);
        String title = item.map(AgendaItem::title).orElse(Buckets.isBucket(itemId) ? Buckets.title(itemId) : itemId);
        String itemPrefix = StoreKeys.prefix(meetingId, itemId);
        List<MinuteCount> perMinute = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = minutes.prefixScan(itemPrefix, KEYS)) {
            it.forEachRemaining(entry -> perMinute.add(
                    new MinuteCount(Instant.ofEpochMilli(Long.parseLong(StoreKeys.lastPart(entry.key))), entry.value)));
        }
        // Rule 5: a restricted item publishes counts only.
        List<TermCount> topHashtags = restricted ? List.of() : topHashtags(itemPrefix, meeting);
        List<TermCount> topTerms = restricted ? List.of() : topTerms(itemPrefix, meeting);
        return new ItemSummary(
                meetingId,
                itemId,
                item.map(AgendaItem::number).orElse(null),
                title,
                aggregate.count(),
                aggregate.reposts(),
                aggregate.uniqueAuthors(),
                new SentimentSummary(aggregate.meanCompound(), aggregate.positive(), aggregate.neutral(), aggregate.negative(), aggregate.unscored()),
                perMinute,
                topHashtags,
                topTerms,
                aggregate.flagged(),
                restricted,
                edge(itemPrefix, false),
                edge(itemPrefix, true),
                restricted ? List.of() : quotes(meetingId, itemPrefix),
                aggregate.version(),
                lastReceivedAt);
    }

    /** The hashtags people used beside the meeting's own and the item tags, most used first. */
    private List<TermCount> topHashtags(String itemPrefix, Meeting meeting) {
        List<String> own = meeting == null ? List.of() : meeting.hashtags();
        return top(itemPrefix + HASHTAG_KIND + StoreKeys.SEPARATOR, tag -> !own.contains(tag) && !Text.isItemTag(tag));
    }

    /** The words people used most, stop words and the meeting's own hashtags left out. */
    private List<TermCount> topTerms(String itemPrefix, Meeting meeting) {
        List<String> own = meeting == null ? List.of() : meeting.hashtags();
        return top(itemPrefix + TERM_KIND + StoreKeys.SEPARATOR, term -> !own.contains(term));
    }

    private List<TermCount> top(String prefix, java.util.function.Predicate<String> wanted) {
        List<TermCount> all = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = words.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(entry -> {
                String word = StoreKeys.lastPart(entry.key);
                if (wanted.test(word)) {
                    all.add(new TermCount(word, entry.value));
                }
            });
        }
        return top(all);
    }

    static List<TermCount> top(List<TermCount> counts) {
        return counts.stream()
                .sorted(Comparator.comparingLong(TermCount::count).reversed().thenComparing(TermCount::text))
                .limit(TOP)
                .toList();
    }

    /** The latest counted comments of an item without flags, newest first: what the chair may read out. */
    private List<Quote> quotes(String meetingId, String itemPrefix) {
        List<Quote> quotes = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = index.reverseRange(itemPrefix, itemPrefix + '\uffff')) {
            while (it.hasNext() && quotes.size() < QUOTES) {
                KeyValue<String, Long> entry = it.next();
                if (entry.value == null) {
                    continue;
                }
                String commentId = entry.key.substring(itemPrefix.length() + StoreKeys.TIME_DIGITS + 1);
                AttributedComment held = comments.get(commentKey(meetingId, entry.value, commentId));
                if (held != null && held.comment().flags().isEmpty() && !held.comment().comment().text().isBlank()) {
                    var c = held.comment().comment();
                    quotes.add(new Quote(c.id(), c.text(), c.createdAt(), held.comment().sentiment().label()));
                }
            }
        }
        return quotes;
    }

    /** The time of the first (or last) counted comment of an item. */
    private Instant edge(String itemPrefix, boolean last) {
        String from = itemPrefix;
        String to = itemPrefix + '\uffff';
        try (KeyValueIterator<String, Long> it = last ? index.reverseRange(from, to) : index.range(from, to)) {
            while (it.hasNext()) {
                KeyValue<String, Long> entry = it.next();
                // A reverse range over the store's cache has been seen to yield an entry deleted within the
                // same commit, with a null value: that comment is no longer counted.
                if (entry.value != null) {
                    return Instant.ofEpochMilli(Long.parseLong(entry.key.substring(itemPrefix.length(), itemPrefix.length() + StoreKeys.TIME_DIGITS)));
                }
            }
            return null;
        }
    }

    // ---- retention ------------------------------------------------------------------------------------

    /**
     * Drops every meeting whose window closed more than the retention ago, by the event clock (the latest
     * comment time this task has seen), so state stays bounded and a replay purges as the live run did.
     * Its summaries stay on the compacted topic.
     */
    /** Retention is checked every {@link #PURGE_INTERVAL} of the event clock, as comments arrive. */
    private void advanceClock(long eventTime) {
        eventClock = Math.max(eventClock, eventTime);
        if (eventClock >= nextPurge) {
            purge();
            nextPurge = eventClock + PURGE_INTERVAL.toMillis();
        }
    }

    private void purge() {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, MeetingTimeline> it = timelines.all()) {
            it.forEachRemaining(entry -> {
                Instant closed = closedAt(entry.value);
                if (closed != null && closed.plus(retention).toEpochMilli() < eventClock) {
                    expired.add(entry.key);
                }
            });
        }
        for (String meetingId : expired) {
            String prefix = StoreKeys.prefix(meetingId);
            for (KeyValueStore<String, ?> store : List.of(comments, ids, copies, items, authors, minutes, words, index, dirty, volume, moods, alerted, hidden)) {
                deletePrefix(store, prefix);
            }
            timelines.delete(meetingId);
            baselines.delete(meetingId);
            placements.remove(meetingId);
        }
    }

    /** When a meeting's window closed; for a meeting never published, 12 hours after its latest agenda event. */
    private static Instant closedAt(MeetingTimeline timeline) {
        return timeline.window().map(MeetingWindow::end).orElseGet(() -> timeline.events().isEmpty() ? null
                : timeline.events().get(timeline.events().size() - 1).at().plus(MeetingTimeline.SPAN_WHILE_NOT_ADJOURNED));
    }

    static <V> void deletePrefix(KeyValueStore<String, V> store, String prefix) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }

    // ---- keys and placement ----------------------------------------------------------------------------

    private Placement placement(String meetingId) {
        return placements.computeIfAbsent(meetingId, id -> Placement.of(timelines.get(id)));
    }

    private static String commentKey(String meetingId, long referenceTime, String commentId) {
        return StoreKeys.of(meetingId, StoreKeys.time(referenceTime), commentId);
    }

    /** Copies are found by their text, hashed so that a long post makes a short key. */
    private String copiesKey(String meetingId, AttributedComment comment) {
        var c = comment.comment().comment();
        byte[] digest = sha256.digest(Text.duplicateKey(c.text()).getBytes(StandardCharsets.UTF_8));
        return StoreKeys.of(meetingId, HexFormat.of().formatHex(digest, 0, 16));
    }
}
