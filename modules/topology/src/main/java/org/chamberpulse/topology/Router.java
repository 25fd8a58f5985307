package org.chamberpulse.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.UnmatchedSummary;
import org.chamberpulse.timeline.MeetingWindow;

/**
 * Rule 1 at a desk, for each hashtag the desk serves: knows the windows of the meetings that list the
 * hashtag, places each comment carrying it in the meeting whose window holds its time (the nearer opening
 * first), and places again the comments a moved window covers. A comment placed in a meeting whose home is
 * this hashtag is stored by that meeting alone; others this router holds itself: the unmatched, counted
 * under the hashtag, and those handed to another desk's meeting.
 */
final class Router {

    private static final Comparator<MeetingWindow> SAME_DISTANCE_ORDER = Comparator.comparing(MeetingWindow::meetingId);

    /** Hashtags known to have unmatched figures are forgotten all at once past this many, and read from the store again. */
    private static final int HASHTAGS_REMEMBERED = 10_000;

    private final DeskStores stores;
    private final Homes homes;
    private final Outputs outputs;
    private final Set<String> withFigures = new HashSet<>();
    /** The windows of each hashtag, read from the store once and kept until one of them changes. */
    private final Map<String, List<DeskMessage.WindowChanged>> windows = new HashMap<>();

    Router(DeskStores stores, Homes homes, Outputs outputs) {
        this.stores = stores;
        this.homes = homes;
        this.outputs = outputs;
    }

    void arrived(String hashtag, ScoredComment comment) {
        hasFigures(hashtag);
        DeskMessage.WindowChanged window = choose(hashtag, comment.comment().createdAt().toEpochMilli());
        if (window != null && window.home().equals(hashtag)) {
            homes.place(window.window().meetingId(), comment, hashtag);
            return;
        }
        HeldKey key = heldKey(hashtag, comment);
        HeldComment known = stores.held().get(key);
        if (known != null && !comment.comment().supersedes(known.comment().comment())) {
            return; // the same comment delivered again: counted once (rule 4)
        }
        String meetingId = known != null ? known.meetingId() : window == null ? null : window.window().meetingId();
        stores.held().put(key, new HeldComment(comment, meetingId, known == null ? outputs.now() : known.heldSince()));
        if (meetingId == null) {
            if (known != null) {
                countUnmatched(hashtag, known.comment(), -1);
            }
            countUnmatched(hashtag, comment, +1);
        } else {
            // A new version goes where the comment went: its meeting's home replaces the version it holds.
            outputs.handoff(known != null ? homeOf(hashtag, meetingId) : window.home(), new DeskMessage.Place(meetingId, comment, hashtag));
        }
    }

    /** The home desk of a meeting that lists this hashtag (its own hashtag, if the window has gone meanwhile). */
    private String homeOf(String hashtag, String meetingId) {
        for (DeskMessage.WindowChanged window : windows(hashtag)) {
            if (window.window().meetingId().equals(meetingId)) {
                return window.home();
            }
        }
        return hashtag;
    }

    /** A meeting's window under this hashtag appeared, moved or went ({@code after} null): its comments are placed again. */
    void windowChanged(String hashtag, String meetingId, DeskMessage.WindowChanged after) {
        PairKey key = new PairKey(hashtag, meetingId);
        DeskMessage.WindowChanged before = stores.windows().get(key);
        if (after == null && before == null) {
            return;
        }
        if (after == null) {
            stores.windows().delete(key);
        } else {
            stores.windows().put(key, after);
        }
        windows.remove(hashtag);
        Map<String, String> homeOf = new HashMap<>();
        windows(hashtag).forEach(w -> homeOf.put(w.window().meetingId(), w.home()));
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (DeskMessage.WindowChanged window : new DeskMessage.WindowChanged[] {before, after}) {
            if (window != null) {
                homeOf.putIfAbsent(window.window().meetingId(), window.home());
                from = Math.min(from, window.window().start().toEpochMilli());
                to = Math.max(to, window.window().end().toEpochMilli());
            }
        }
        placeAgain(hashtag, from, to, homeOf);
    }

    /** Places again every comment carrying the hashtag created in [from, to). */
    private void placeAgain(String hashtag, long from, long to, Map<String, String> homeOf) {
        List<KeyValue<HeldKey, HeldComment>> held = new ArrayList<>();
        try (KeyValueIterator<HeldKey, HeldComment> it = stores.held().range(HeldKey.from(hashtag, from), HeldKey.from(hashtag, to))) {
            it.forEachRemaining(held::add);
        }
        for (KeyValue<HeldKey, HeldComment> entry : held) {
            move(hashtag, entry.value.comment(), entry.value.meetingId(), homeOf, entry.value);
        }
        for (Map.Entry<String, String> meeting : homeOf.entrySet()) {
            if (!meeting.getValue().equals(hashtag)) {
                continue;
            }
            List<ScoredComment> placedHere = new ArrayList<>();
            try (KeyValueIterator<PlacedKey, PlacedComment> it = stores.placed().range(PlacedKey.from(meeting.getKey(), from), PlacedKey.from(meeting.getKey(), to))) {
                it.forEachRemaining(entry -> {
                    if (entry.value.via().contains(hashtag)) {
                        placedHere.add(entry.value.comment());
                    }
                });
            }
            placedHere.forEach(comment -> move(hashtag, comment, meeting.getKey(), homeOf, null));
        }
    }

    /** Moves a comment from the meeting it was placed in (null: unmatched) to the one its windows now choose. */
    private void move(String hashtag, ScoredComment comment, String from, Map<String, String> homeOf, HeldComment held) {
        DeskMessage.WindowChanged window = choose(hashtag, comment.comment().createdAt().toEpochMilli());
        String to = window == null ? null : window.window().meetingId();
        if (Objects.equals(from, to)) {
            return;
        }
        String id = comment.comment().id();
        if (from == null) {
            countUnmatched(hashtag, comment, -1);
        } else if (hashtag.equals(homeOf.get(from))) {
            homes.withdraw(from, id, hashtag);
        } else {
            outputs.handoff(homeOf.get(from), new DeskMessage.Withdraw(from, id, hashtag));
        }
        HeldKey key = heldKey(hashtag, comment);
        long heldSince = held == null ? outputs.now() : held.heldSince();
        if (to == null) {
            stores.held().put(key, new HeldComment(comment, null, heldSince));
            countUnmatched(hashtag, comment, +1);
        } else if (window.home().equals(hashtag)) {
            if (held != null) {
                stores.held().delete(key);
            }
            homes.place(to, comment, hashtag);
        } else {
            stores.held().put(key, new HeldComment(comment, to, heldSince));
            outputs.handoff(window.home(), new DeskMessage.Place(to, comment, hashtag));
        }
    }

    /**
     * Retention: forgets the comments held since before {@code horizon} (wall-clock ms). The unmatched stay
     * counted; a window that moves over them later no longer finds them.
     */
    void forgetHeld(long horizon) {
        List<HeldKey> old = new ArrayList<>();
        try (KeyValueIterator<HeldKey, HeldComment> it = stores.held().all()) {
            it.forEachRemaining(entry -> {
                if (entry.value.heldSince() < horizon) {
                    old.add(entry.key);
                }
            });
        }
        old.forEach(stores.held()::delete);
    }

    /** Rule 1: of the meetings listing this hashtag whose window holds the time, the one with the nearer opening. */
    private DeskMessage.WindowChanged choose(String hashtag, long createdAt) {
        Instant time = Instant.ofEpochMilli(createdAt);
        DeskMessage.WindowChanged best = null;
        for (DeskMessage.WindowChanged candidate : windows(hashtag)) {
            MeetingWindow window = candidate.window();
            if (window.holds(time) && (best == null || nearer(window, best.window(), time))) {
                best = candidate;
            }
        }
        return best;
    }

    private static boolean nearer(MeetingWindow candidate, MeetingWindow best, Instant time) {
        long difference = candidate.distanceMillis(time) - best.distanceMillis(time);
        return difference < 0 || (difference == 0 && SAME_DISTANCE_ORDER.compare(candidate, best) < 0);
    }

    private List<DeskMessage.WindowChanged> windows(String hashtag) {
        return windows.computeIfAbsent(hashtag, tag -> {
            List<DeskMessage.WindowChanged> list = new ArrayList<>();
            try (KeyValueIterator<PairKey, DeskMessage.WindowChanged> it = stores.windows().prefixScan(tag, KeyBytes.PREFIX)) {
                it.forEachRemaining(entry -> list.add(entry.value));
            }
            return list;
        });
    }

    private void countUnmatched(String hashtag, ScoredComment comment, int delta) {
        if (comment.comment().withdrawn()) {
            return; // a post deleted on its network counts nowhere
        }
        UnmatchedSummary before = Objects.requireNonNullElse(stores.unmatched().get(hashtag), UnmatchedSummary.none(hashtag));
        stores.unmatched().put(hashtag, before.counted(comment.comment().createdAt(), comment.comment().isRepost(), delta));
        stores.dirtyHashtags().put(hashtag, 0L);
        // The views of the meetings at home here carry their hashtag's unmatched figures.
        for (DeskMessage.WindowChanged window : windows(hashtag)) {
            if (window.home().equals(hashtag)) {
                homes.markMeeting(window.window().meetingId(), Homes.VIEW);
            }
        }
    }

    /**
     * Every hashtag whose router has had a comment has unmatched figures, 0 or more: whether a comment was
     * unmatched for a while depends on the order things came in, whether the hashtag has figures does not (rule 3).
     */
    private void hasFigures(String hashtag) {
        if (withFigures.size() >= HASHTAGS_REMEMBERED) {
            withFigures.clear();
        }
        if (withFigures.add(hashtag) && stores.unmatched().get(hashtag) == null) {
            stores.unmatched().put(hashtag, UnmatchedSummary.none(hashtag));
            stores.dirtyHashtags().put(hashtag, 0L);
        }
    }

    private static HeldKey heldKey(String hashtag, ScoredComment comment) {
        return new HeldKey(hashtag, comment.comment().createdAt().toEpochMilli(), comment.comment().id());
    }
}
