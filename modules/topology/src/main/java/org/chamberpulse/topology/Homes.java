package org.chamberpulse.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.model.Topics;

/**
 * The meetings whose home is this desk (rules 2 to 6): their comments as placed, stored once each, and
 * their derived {@link MeetingState}s, kept in memory for the meetings in use within the instance's
 * {@link CommentBudget} and rebuilt from the store on demand. Freezes meetings that retention lets go.
 */
final class Homes {

    private final DeskStores stores;
    private final Outputs outputs;
    private final CommentBudget budget;
    private final Map<String, MeetingState> states = new LinkedHashMap<>(16, 0.75f, true);
    /** When each meeting in memory was last used (wall-clock ms), in the order of {@link #states}. */
    private final Map<String, Long> usedAt = new HashMap<>();
    /**
     * Only a meeting unused this long may be let go: letting go of one still in use (a backlog of more live
     * comments than the budget holds) would rebuild it from the store at its next comment, again and again.
     */
    static final long IDLE_BEFORE_LETTING_GO = Duration.ofMinutes(1).toMillis();
    /** When each meeting last heard of anything (wall-clock ms): retention frees it after a quiet spell. */
    private final Map<String, Long> lastHeard = new HashMap<>();
    /** What a meeting's next emit owes: its view, its record (see markMeeting). */
    static final long VIEW = 1;
    static final long RECORD = 2;
    private final Map<String, Long> meetingMarks = new HashMap<>();
    /** Items marked to publish again, with the latest receivedAt counted into each since (see markDirty). */
    private final Map<PairKey, Long> dirty = new HashMap<>();
    /** When each meeting was frozen (0: live), read from its record once rather than with every comment. */
    private final Map<String, Long> frozenAt = new HashMap<>();
    private final Pseudonyms ids;

    Homes(DeskStores stores, Outputs outputs, CommentBudget budget, Pseudonyms ids) {
        this.ids = ids;
        this.stores = stores;
        this.outputs = outputs;
        this.budget = budget;
    }

    /** A router placed a comment in a meeting whose home is here. */
    void place(String meetingId, ScoredComment comment, String via) {
        if (refused(meetingId, comment)) {
            return;
        }
        MeetingState state = state(meetingId);
        MeetingState.Touched touched = state.place(comment, via);
        if (touched == null) {
            return;
        }
        Standing standing = touched.standing();
        ScoredComment stored = touched.arrived() || touched.replaced() ? comment : load(meetingId, standing);
        stores.placed().put(standing.key(meetingId), new PlacedComment(stored, standing.via));
        if (touched.arrived()) {
            budget.add(1);
            // Meetings are mostly in memory long before their comments come: the budget holds as they grow too.
            evict(meetingId);
            if (!standing.repost && standing.counted) {
                raiseAlerts(state, standing, comment);
            }
        }
    }

    void withdraw(String meetingId, String commentId, String via) {
        MeetingState state = state(meetingId);
        Standing standing = state.withdraw(commentId, via);
        if (standing == null) {
            return;
        }
        if (standing.via.isEmpty()) {
            stores.placed().delete(standing.key(meetingId));
            budget.add(-1);
        } else {
            stores.placed().put(standing.key(meetingId), new PlacedComment(load(meetingId, standing), standing.via));
        }
    }

    /** The control stage sent the meeting's timeline and hidden comments. */
    void change(DeskMessage.MeetingChanged change) {
        String meetingId = change.timeline().meetingId();
        HomeRecord before = stores.meetings().get(meetingId);
        if (before != null && before.frozen()) {
            outputs.refuse(meetingId, new DeadLetter("meeting " + meetingId + " was closed for good at " + Instant.ofEpochMilli(before.frozenAt())
                    + " (state.retention after its last activity): this change to its agenda or moderation was not applied",
                    Topics.AGENDA.name(), -1, -1L, null, Binary.json(change.timeline()), null));
            return;
        }
        frozenAt.put(meetingId, 0L);
        MeetingState state = state(meetingId);
        stores.meetings().put(meetingId, new HomeRecord(change.timeline(), change.hidden(), 0, before == null ? null : before.report()));
        lastHeard.put(meetingId, outputs.now());
        markMeeting(meetingId, VIEW | RECORD);
        List<String> republish = state.changeTimeline(change.timeline(), change.hidden(), (from, to) -> inSpan(meetingId, from, to));
        for (Standing erased : state.takeErased()) {
            stores.placed().delete(erased.key(meetingId));
            budget.add(-1);
        }
        republish.forEach(itemId -> markDirty(meetingId, itemId, 0));
    }

    /**
     * The meeting's state, from memory or rebuilt from the store; when memory is full, the least recently used go
     * if they have been idle for {@link #IDLE_BEFORE_LETTING_GO}.
     */
    MeetingState state(String meetingId) {
        usedAt.put(meetingId, outputs.now());
        MeetingState state = states.get(meetingId);
        if (state == null) {
            state = rebuild(meetingId);
            states.put(meetingId, state);
            budget.add(state.size());
            evict(meetingId);
        }
        return state;
    }

    private MeetingState rebuild(String meetingId) {
        MeetingState state = new MeetingState(meetingId, this::load, ids::publicId);
        HomeRecord record = stores.meetings().get(meetingId);
        if (record != null) {
            state.changeTimeline(record.timeline(), record.hidden(), (from, to) -> List.of());
        }
        try (KeyValueIterator<PlacedKey, PlacedComment> it = stores.placed().range(PlacedKey.first(meetingId), PlacedKey.last(meetingId))) {
            it.forEachRemaining(entry -> state.restore(entry.value));
        }
        state.figures.effects(new MeetingFigures.Effects() {
            @Override
            public void scored(ScoredComment comment) {
                outputs.scored(comment);
            }

            @Override
            public void dirty(String itemId, long receivedAt) {
                markDirty(meetingId, itemId, receivedAt);
            }
        });
        return state;
    }

    private void evict(String keep) {
        Iterator<Map.Entry<String, MeetingState>> eldest = states.entrySet().iterator();
        long now = outputs.now();
        while (budget.exceeded() && eldest.hasNext()) {
            Map.Entry<String, MeetingState> entry = eldest.next();
            if (now - usedAt.getOrDefault(entry.getKey(), now) < IDLE_BEFORE_LETTING_GO) {
                return;
            }
            if (!entry.getKey().equals(keep)) {
                budget.add(-entry.getValue().size());
                usedAt.remove(entry.getKey());
                eldest.remove();
            }
        }
    }

    /** The task goes (closed, moved, or started again): what it held in memory no longer counts. */
    void release() {
        states.values().forEach(state -> budget.add(-state.size()));
        states.clear();
        usedAt.clear();
    }

    private List<ScoredComment> inSpan(String meetingId, long from, long to) {
        List<ScoredComment> comments = new ArrayList<>();
        try (KeyValueIterator<PlacedKey, PlacedComment> it = stores.placed().range(PlacedKey.from(meetingId, from), PlacedKey.from(meetingId, to))) {
            it.forEachRemaining(entry -> comments.add(entry.value.comment()));
        }
        return comments;
    }

    ScoredComment load(String meetingId, Standing standing) {
        return stores.placed().get(standing.key(meetingId)).comment();
    }

    /**
     * Marks an item to publish again. The mark is stored once per emit interval (so that a restart publishes it
     * still); the latest receivedAt among its comments is kept in memory meanwhile.
     */
    HomeRecord record(String meetingId) {
        return stores.meetings().get(meetingId);
    }

    void recorded(String meetingId, MeetingView.ReportRef report) {
        stores.meetings().put(meetingId, stores.meetings().get(meetingId).recorded(report));
    }

    void markDirty(String meetingId, String itemId, long receivedAt) {
        PairKey key = new PairKey(meetingId, itemId);
        Long before = dirty.get(key);
        if (before == null) {
            stores.dirtyItems().put(key, receivedAt);
            markMeeting(meetingId, VIEW | RECORD);
        }
        if (before == null || before < receivedAt) {
            dirty.put(key, receivedAt);
        }
    }

    /** Marks a meeting's view (and, with RECORD, its record) to publish again; stored once until published. */
    void markMeeting(String meetingId, long marks) {
        long before = meetingMarks.computeIfAbsent(meetingId, id -> Objects.requireNonNullElse(stores.dirtyMeetings().get(id), 0L));
        if ((before | marks) != before) {
            meetingMarks.put(meetingId, before | marks);
            stores.dirtyMeetings().put(meetingId, before | marks);
        }
    }

    /** What the meeting's next emit owes, as marked. */
    long marks(String meetingId) {
        return meetingMarks.computeIfAbsent(meetingId, id -> Objects.requireNonNullElse(stores.dirtyMeetings().get(id), 0L));
    }

    void unmark(String meetingId, long marks) {
        long left = marks(meetingId) & ~marks;
        meetingMarks.put(meetingId, left);
        if (left == 0) {
            stores.dirtyMeetings().delete(meetingId);
        } else {
            stores.dirtyMeetings().put(meetingId, left);
        }
    }

    /** How long the meeting has heard nothing (wall clock); a meeting first seen now has just been heard. */
    long quietFor(String meetingId, long now) {
        return now - lastHeard.computeIfAbsent(meetingId, id -> now);
    }

    /** The latest receivedAt counted into the item since its last summary (0: none), and the item no longer marked. */
    long takeDirty(PairKey key, long stored) {
        stores.dirtyItems().delete(key);
        Long latest = dirty.remove(key);
        return latest == null ? stored : Math.max(stored, latest);
    }

    private void raiseAlerts(MeetingState state, Standing standing, ScoredComment comment) {
        Signals before = state.figures.signals(() -> stores.signals().get(state.meetingId));
        AlertCheck.Outcome outcome = AlertCheck.check(state, standing, comment.comment().createdAt(),
                comment.sentiment().label() != Sentiment.Label.UNSCORED, before);
        if (!outcome.signals().equals(before)) {
            state.figures.signals(outcome.signals());
            stores.signals().put(state.meetingId, outcome.signals());
        }
        if (!outcome.alerts().isEmpty()) {
            markMeeting(state.meetingId, VIEW);
        }
        outcome.alerts().forEach(outputs::alert);
    }

    /** A comment for a meeting closed for good is refused with the reason; true when it was. */
    private boolean refused(String meetingId, ScoredComment comment) {
        lastHeard.put(meetingId, outputs.now());
        long frozen = frozenAt.computeIfAbsent(meetingId, id -> {
            HomeRecord record = stores.meetings().get(id);
            return record == null ? 0L : record.frozenAt();
        });
        if (frozen == 0) {
            return false;
        }
        outputs.refuse(comment.comment().id(), new DeadLetter("meeting " + meetingId + " was closed for good at "
                + Instant.ofEpochMilli(frozen) + " (state.retention after its last activity): the comment came too late to count",
                Topics.COMMENTS_RAW.name(), -1, -1L, null, Binary.json(comment.comment()), null));
        return true;
    }

    /**
     * Freezes every meeting that has run and heard nothing for {@code retention} of wall-clock time: its
     * comments, standings and pending summaries go; its record stays, marked frozen. A meeting first seen
     * by this instance counts as heard now, so a restart only ever delays freezing.
     */
    void freezeQuiet(long now, long retentionMillis, Consumer<String> beforeFreezing) {
        List<KeyValue<String, HomeRecord>> quiet = new ArrayList<>();
        try (KeyValueIterator<String, HomeRecord> it = stores.meetings().all()) {
            it.forEachRemaining(entry -> {
                if (!entry.value.frozen() && entry.value.hasRun() && now - lastHeard.computeIfAbsent(entry.key, id -> now) > retentionMillis) {
                    quiet.add(entry);
                }
            });
        }
        for (KeyValue<String, HomeRecord> entry : quiet) {
            String meetingId = entry.key;
            beforeFreezing.accept(meetingId);
            HomeRecord record = stores.meetings().get(meetingId);
            deleteAll(stores.placed(), PlacedKey.first(meetingId), PlacedKey.last(meetingId));
            dirty.keySet().removeIf(key -> key.first().equals(meetingId));
            List<PairKey> dirtyItems = new ArrayList<>();
            try (KeyValueIterator<PairKey, Long> it = stores.dirtyItems().prefixScan(meetingId, KeyBytes.PREFIX)) {
                it.forEachRemaining(item -> dirtyItems.add(item.key));
            }
            dirtyItems.forEach(stores.dirtyItems()::delete);
            stores.signals().delete(meetingId);
            stores.dirtyMeetings().delete(meetingId);
            meetingMarks.remove(meetingId);
            usedAt.remove(meetingId);
            MeetingState state = states.remove(meetingId);
            budget.add(state == null ? 0 : -state.size());
            lastHeard.remove(meetingId);
            frozenAt.put(meetingId, now);
            stores.meetings().put(meetingId, record.frozenAt(now));
        }
    }

    private static <K, V> void deleteAll(KeyValueStore<K, V> store, K from, K to) {
        List<K> keys = new ArrayList<>();
        try (KeyValueIterator<K, V> it = store.range(from, to)) {
            it.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }
}
