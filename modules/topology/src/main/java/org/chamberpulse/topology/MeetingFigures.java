package org.chamberpulse.topology;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.ScoredComment;

/**
 * The counting of one meeting (MeetingState decides what counts and where): each item's tally, the volume per
 * minute, what the chair has been shown, and the alerts' memory. Every change in what the public sees goes to
 * {@link Effects}.
 */
final class MeetingFigures {

    /** What a change makes the desk publish. */
    interface Effects {
        Effects NONE = new Effects() {
            @Override
            public void scored(ScoredComment comment) {
            }

            @Override
            public void dirty(String itemId, long receivedAt) {
            }
        };

        void scored(ScoredComment comment);

        /** @param receivedAt the latest receivedAt of a comment counted in, or 0 */
        void dirty(String itemId, long receivedAt);
    }

    private final String meetingId;
    private Effects effects = Effects.NONE;
    private final Map<String, ItemTally> items = new HashMap<>();
    /** Counted comments per minute of the meeting (by reference time), reposts aside: the surge alert's volume. */
    private final Long2LongOpenHashMap volume = new Long2LongOpenHashMap();
    private final Map<String, ItemSummary> published = new HashMap<>();
    /** Comments counted on arrival so far, and how many of them each item's last published summary showed. */
    private long arrivals;
    private final Map<String, Long> shownUpTo = new HashMap<>();
    /** The alerts' memory, as stored; read once. */
    private Signals signals;
    private boolean signalsRead;

    MeetingFigures(String meetingId) {
        this.meetingId = meetingId;
    }

    void effects(Effects to) {
        this.effects = to;
    }

    /** Runs {@code change} telling no one: the state rebuilt from the store. */
    void quietly(Runnable change) {
        Effects live = effects;
        effects = Effects.NONE;
        try {
            change.run();
        } finally {
            effects = live;
        }
    }

    Map<String, ItemTally> items() {
        return items;
    }

    ItemTally item(String itemId) {
        return items.computeIfAbsent(itemId, id -> new ItemTally());
    }

    long volume(long minute) {
        return volume.get(minute);
    }

    Signals signals(Supplier<Signals> stored) {
        if (!signalsRead) {
            signals = stored.get();
            signalsRead = true;
        }
        return signals;
    }

    void signals(Signals changed) {
        signals = changed;
        signalsRead = true;
    }

    /** An item's summary went out: every comment that had arrived in it by now has reached the chair. */
    void shown(String itemId, ItemSummary summary) {
        published.put(itemId, summary);
        shownUpTo.put(itemId, arrivals);
    }

    /** The summaries last published of this meeting's items (a cache: rebuilt from the versions when missing). */
    Map<String, ItemSummary> published() {
        return published;
    }

    /**
     * The comment's receivedAt goes with its item's next summary only while the chair has not seen it: on its
     * arrival, or when it moves or is recounted before {@code wasIn}, the item it was in, was published since
     * it arrived (an agenda event that came right behind it); a post's latency is measured once.
     *
     * @param arriving whether the comment is counted on its arrival
     */
    void countIn(Standing standing, ScoredComment comment, boolean arriving, String wasIn) {
        if (arriving) {
            standing.arrival = ++arrivals;
        }
        boolean unseen = standing.arrival > shownUpTo.getOrDefault(wasIn, 0L);
        standing.counted = true;
        ScoredComment placed = asPlaced(standing, comment, standing.itemId);
        apply(standing, placed, +1);
        Instant receivedAt = comment.comment().receivedAt();
        effects.dirty(standing.itemId, unseen && receivedAt != null ? receivedAt.toEpochMilli() : 0);
        effects.scored(placed);
    }

    /** @param withdrawn whether the comment leaves the meeting's count (told downstream), or moves within it */
    void countOut(Standing standing, ScoredComment comment, boolean withdrawn) {
        standing.counted = false;
        apply(standing, asPlaced(standing, comment, standing.itemId), -1);
        effects.dirty(standing.itemId, 0);
        if (withdrawn) {
            effects.scored(asPlaced(standing, comment, null));
        }
    }

    /** The comment as it is counted now: in its item, with the flags it carries. */
    ScoredComment asPlaced(Standing standing, ScoredComment stored) {
        return asPlaced(standing, stored, standing.itemId);
    }

    private ScoredComment asPlaced(Standing standing, ScoredComment comment, String itemId) {
        return comment.placedIn(meetingId, itemId).withFlags(Flags.of(comment.flags(), standing.burst, standing.hidden, standing.cleared));
    }

    private void apply(Standing standing, ScoredComment placed, int sign) {
        assert !standing.withdrawn : "a withdrawn comment is never counted";
        Contribution contribution = Contribution.of(placed, standing.referenceTime);
        item(standing.itemId).apply(standing, contribution, sign);
        if (!standing.repost) {
            ItemTally.adjust(volume, contribution.minute(), sign);
        }
    }
}
