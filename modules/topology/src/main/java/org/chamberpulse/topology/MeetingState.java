package org.chamberpulse.topology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.function.Supplier;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Text;
import org.chamberpulse.timeline.MeetingTimeline;

/**
 * Rules 2 to 6 for one meeting, derived from what its home desk stores (the placed comments and the
 * meeting's timeline): where each comment stands, which copies count, and the item figures. Rebuilt from
 * the store when it is not in memory; every change is a delta, and every change in what the public sees
 * goes to {@link Effects}. The order of calls does not change the end state.
 */
final class MeetingState {

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

    final String meetingId;
    private MeetingTimeline timeline;
    private Placement placement = Placement.of(null);
    /** Marks in a meeting's moderation list that erase a comment rather than hide it. */
    static final String ERASED = "erased:";
    /** Marks in a meeting's moderation list that clear a comment's moderation flags (issue 21). */
    static final String CLEARED = "cleared:";
    private Set<String> cleared = Set.of();
    private Set<String> hidden = Set.of();
    private Set<String> erased = Set.of();
    private final List<Standing> justErased = new ArrayList<>();
    private final Map<String, Standing> comments = new HashMap<>();
    /** The copies of each text: the one comment, for most texts (no list kept), or {@link Copies}. */
    private final Map<Standing.TextKey, Object> copies = new HashMap<>();
    private final Map<String, ItemTally> items = new HashMap<>();
    /** Counted comments per minute of the meeting (by reference time), reposts aside: the surge alert's volume. */
    private final Map<Long, Long> volume = new HashMap<>();
    /** One instance of each list of routers: thousands of comments share a few of them. */
    private final Map<Object, Object> shared = new HashMap<>();
    /**
     * Each author as a number of this meeting's (from 0, in the order met; never stored): the items' figures
     * count who used each word in primitive maps, most of a meeting's memory otherwise (docs/BENCHMARKS.md).
     */
    private final Object2IntOpenHashMap<String> authorNumbers = new Object2IntOpenHashMap<>();
    private final BiFunction<String, Standing, ScoredComment> loader;
    private final UnaryOperator<String> publicId;
    private final MessageDigest sha256;
    private Effects effects = Effects.NONE;
    private final Map<String, ItemSummary> published = new HashMap<>();
    /** Comments counted on arrival so far, and how many of them each item's last published summary showed. */
    private long arrivals;
    private final Map<String, Long> shownUpTo = new HashMap<>();
    /** The alerts' memory, as stored; read once. */
    private Signals signals;
    private boolean signalsRead;

    /**
     * @param loader   reads a held comment back from the store (to count it out, or in again)
     * @param publicId a comment's id as public outputs give it (the clerk may hide a comment by it)
     */
    MeetingState(String meetingId, BiFunction<String, Standing, ScoredComment> loader, UnaryOperator<String> publicId) {
        this.meetingId = meetingId;
        this.loader = loader;
        this.publicId = publicId;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    void effects(Effects to) {
        this.effects = to;
    }

    MeetingTimeline timeline() {
        return timeline;
    }

    Meeting meeting() {
        return timeline == null ? null : timeline.meeting();
    }

    Standing standing(String commentId) {
        return comments.get(commentId);
    }

    Map<String, ItemTally> items() {
        return items;
    }

    ItemTally item(String itemId) {
        return items.computeIfAbsent(itemId, id -> new ItemTally());
    }

    long volume(long minute) {
        return volume.getOrDefault(minute, 0L);
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

    /** Every counted comment (reposts too), in no order. */
    List<Standing> counted() {
        List<Standing> counted = new ArrayList<>();
        comments.values().forEach(standing -> {
            if (standing.counted) {
                counted.add(standing);
            }
        });
        return counted;
    }

    /** The comment as it is counted now: in its item, with the flags it carries. */
    ScoredComment asPlaced(Standing standing, ScoredComment stored) {
        return asPlaced(standing, stored, standing.itemId);
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

    int size() {
        return comments.size();
    }

    /**
     * What a router's message changed: the comment's standing, whether the comment is new to the meeting, and
     * whether it is a new version of a comment held (an edit, or a withdrawal) to store in place of the old one.
     */
    record Touched(Standing standing, boolean arrived, boolean replaced) {
    }

    /**
     * A router placed the comment here through hashtag {@code via}. A comment the meeting already holds (a
     * repeated id, or the same comment through a second hashtag) counts once: only its routers change. Returns
     * null when nothing changed; else the caller stores the comment with its routers.
     */
    Touched place(ScoredComment comment, String via) {
        Standing known = comments.get(comment.comment().id());
        if (known != null) {
            if (known.supersededBy(comment.comment())) {
                return replace(known, comment, via);
            }
            if (known.via.contains(via)) {
                return null;
            }
            known.via = shared(PlacedComment.via(known.via, via, true));
            return new Touched(known, false, false);
        }
        if (isErased(comment.comment().id())) {
            return null;
        }
        return new Touched(admit(comment, shared(List.of(via))), true, false);
    }

    /** Takes a comment (or a withdrawal's marker) into the meeting: placed, among its copies, counted where it counts. */
    private Standing admit(ScoredComment comment, List<String> via) {
        Comment c = comment.comment();
        Standing standing = new Standing(comment, authorNumber(c.author()), c.isRepost() || c.withdrawn() ? null : textKey(c.text()), via);
        standing.referenceTime = placement.referenceTime(c);
        standing.itemId = placement.itemFor(c, standing.referenceTime);
        standing.hidden = isHidden(standing.id);
        standing.cleared = isCleared(standing.id);
        comments.put(standing.id, standing);
        if (standing.withdrawn) {
            return standing;
        }
        if (standing.repost) {
            countIn(standing, comment, true, standing.itemId);
        } else {
            Copies before = copiesOf(standing.text);
            Copies after = before.with(standing);
            copies.put(standing.text, after.copies().size() == 1 ? standing : after);
            settle(before.decide(), after.decide(), standing, comment);
        }
        return standing;
    }

    /**
     * A new version of a held comment, in place of the old: a withdrawal leaves a marker that no later version
     * passes; an edit is judged as it reads now (its copies too, so that the end does not depend on whether the
     * edit came before the post), in the same place, so mostly only its text, words and mood change.
     */
    private Touched replace(Standing known, ScoredComment version, String via) {
        List<String> routers = shared(known.via.contains(via) ? known.via : PlacedComment.via(known.via, via, true));
        remove(known);
        return new Touched(admit(version, routers), false, true);
    }

    /** A stored comment, as the state is rebuilt from the store: placed again without telling anyone. */
    void restore(PlacedComment stored) {
        Effects live = effects;
        effects = Effects.NONE;
        try {
            place(stored.comment(), stored.via().get(0)).standing().via = shared(stored.via());
        } finally {
            effects = live;
        }
    }

    /**
     * The router of {@code via} took the comment out; it leaves the meeting when no router places it here any
     * more. Returns null when nothing changed; else the caller deletes the stored comment (no routers left)
     * or stores its remaining routers.
     */
    Standing withdraw(String commentId, String via) {
        Standing standing = comments.get(commentId);
        if (standing == null || !standing.via.contains(via)) {
            return null;
        }
        standing.via = shared(PlacedComment.via(standing.via, via, false));
        if (!standing.via.isEmpty()) {
            return standing;
        }
        remove(standing);
        return standing;
    }

    /** Takes a comment out of the meeting altogether: out of its count, its copies and this state. */
    private void remove(Standing standing) {
        if (standing.counted) {
            countOut(standing, loader.apply(meetingId, standing), true);
        }
        comments.remove(standing.id);
        if (standing.amongCopies()) {
            Copies before = copiesOf(standing.text);
            Copies after = before.without(standing);
            if (after.isEmpty()) {
                copies.remove(standing.text);
            } else {
                copies.put(standing.text, after.copies().size() == 1 ? after.copies().get(0) : after);
            }
            settle(before.decide(), after.decide(), null, null);
        }
    }

    /** The comments erased by the last change of the moderation marks, for the caller to delete from the store. */
    List<Standing> takeErased() {
        List<Standing> taken = List.copyOf(justErased);
        justErased.clear();
        return taken;
    }

    /**
     * The meeting's timeline or hidden comments changed: comments whose item changed move (only those in the
     * spans where the old and the new agenda disagree, unless the meeting's definition changed), and the
     * comments whose hidden mark changed are counted again. {@code inSpan} lists the held comments created in
     * a span of times; returns the items to publish again whatever changed (all of them when the definition did).
     */
    List<String> changeTimeline(MeetingTimeline after, List<String> hiddenIds, BiFunction<Long, Long, List<ScoredComment>> inSpan) {
        MeetingTimeline before = timeline;
        timeline = after;
        placement = Placement.of(after);
        Set<String> hiddenBefore = hidden;
        Set<String> erasedBefore = erased;
        Set<String> clearedBefore = cleared;
        Set<String> marksHidden = new java.util.HashSet<>();
        Set<String> marksErased = new java.util.HashSet<>();
        Set<String> marksCleared = new java.util.HashSet<>();
        for (String mark : hiddenIds) {
            if (mark.startsWith(ERASED)) {
                marksErased.add(mark.substring(ERASED.length()));
            } else if (mark.startsWith(CLEARED)) {
                marksCleared.add(mark.substring(CLEARED.length()));
            } else {
                marksHidden.add(mark);
            }
        }
        hidden = Set.copyOf(marksHidden);
        erased = Set.copyOf(marksErased);
        cleared = Set.copyOf(marksCleared);
        Set<String> newlyErased = new java.util.HashSet<>(erased);
        newlyErased.removeAll(erasedBefore);
        for (Standing standing : named(newlyErased)) {
            remove(standing);
            justErased.add(standing);
        }
        boolean definitionChanged = before == null || !Objects.equals(before.meeting(), after.meeting());
        if (definitionChanged) {
            inSpan.apply(Long.MIN_VALUE, Long.MAX_VALUE).forEach(this::placeAgain);
        } else {
            long delayMillis = after.meeting() == null ? 0 : after.meeting().broadcastDelaySeconds() * 1_000L;
            for (Instant[] span : MeetingTimeline.changedSpans(Placement.of(before).segments(), placement.segments())) {
                inSpan.apply(createdAt(span[0], delayMillis), createdAt(span[1], delayMillis)).forEach(this::placeAgain);
            }
        }
        Set<String> remarked = new TreeSet<>(symmetricDifference(hiddenBefore, hidden));
        remarked.addAll(symmetricDifference(clearedBefore, cleared));
        for (Standing standing : named(remarked)) {
            ScoredComment comment = standing.counted ? loader.apply(meetingId, standing) : null;
            if (standing.counted) {
                countOut(standing, comment, false);
            }
            standing.hidden = isHidden(standing.id);
            standing.cleared = isCleared(standing.id);
            if (comment != null) {
                countIn(standing, comment, false, standing.itemId);
            }
        }
        List<String> republish = new ArrayList<>();
        if (definitionChanged) {
            if (after.meeting() != null) {
                after.meeting().items().forEach(item -> republish.add(item.itemId()));
            }
            republish.addAll(items.keySet());
        }
        return republish;
    }

    /** The creation time of a comment whose reference time is {@code referenceTime}; open-ended spans stay open. */
    private static long createdAt(Instant referenceTime, long delayMillis) {
        if (referenceTime.getEpochSecond() >= Long.MAX_VALUE / 1_000 - delayMillis / 1_000) {
            return Long.MAX_VALUE;
        }
        return referenceTime.toEpochMilli() + delayMillis;
    }

    /** Erased at its author's request, by its source id or its public id. */
    private boolean isErased(String id) {
        return !erased.isEmpty() && (erased.contains(id) || erased.contains(publicId.apply(id)));
    }

    /** Cleared by the clerk (a false positive), by its source id or its public id. */
    private boolean isCleared(String id) {
        return !cleared.isEmpty() && (cleared.contains(id) || cleared.contains(publicId.apply(id)));
    }

    /** Hidden by the clerk, by its source id or by its public id (the one the console shows). */
    private boolean isHidden(String id) {
        return !hidden.isEmpty() && (hidden.contains(id) || hidden.contains(publicId.apply(id)));
    }

    /** The public id of a comment, as summaries, views and the report give it. */
    String publicId(String id) {
        return publicId.apply(id);
    }

    /** The held comments of these ids, source or public (the latter found by one pass over the meeting, as hiding is rare). */
    private List<Standing> named(Set<String> ids) {
        List<Standing> found = new ArrayList<>();
        boolean allFound = true;
        for (String id : ids) {
            Standing standing = comments.get(id);
            if (standing != null) {
                found.add(standing);
            } else {
                allFound = false;
            }
        }
        if (!allFound) {
            for (Standing standing : comments.values()) {
                if (ids.contains(publicId.apply(standing.id)) && !found.contains(standing)) {
                    found.add(standing);
                }
            }
        }
        return found;
    }

    private static Set<String> symmetricDifference(Set<String> a, Set<String> b) {
        Set<String> differ = new TreeSet<>(a);
        differ.addAll(b);
        differ.removeIf(id -> a.contains(id) && b.contains(id));
        return differ;
    }

    /** Moves a held comment to where the current agenda puts it. */
    private void placeAgain(ScoredComment comment) {
        Standing standing = comments.get(comment.comment().id());
        if (standing == null || standing.createdAt != comment.comment().createdAt().toEpochMilli()) {
            return;
        }
        long referenceTime = placement.referenceTime(comment.comment());
        String itemId = placement.itemFor(comment.comment(), referenceTime);
        if (itemId.equals(standing.itemId) && referenceTime == standing.referenceTime) {
            return;
        }
        boolean counted = standing.counted;
        String wasIn = standing.itemId;
        if (counted) {
            countOut(standing, comment, false);
        }
        standing.itemId = itemId;
        standing.referenceTime = referenceTime;
        if (counted) {
            countIn(standing, comment, false, wasIn);
        }
    }

    /**
     * Rule 4 and the coordinated-burst rule: the copies of a text decide which of them count and which carry
     * the burst flag; every copy whose standing changed is counted out and in again.
     */
    private void settle(Copies.Decision was, Copies.Decision now, Standing arriving, ScoredComment arrivingComment) {
        Set<String> affected = new TreeSet<>();
        for (Set<String> ids : List.of(was.counted(), now.counted(), was.burst(), now.burst())) {
            affected.addAll(ids);
        }
        for (String id : affected) {
            Standing standing = comments.get(id);
            boolean changed = was.counted().contains(id) != now.counted().contains(id) || was.burst().contains(id) != now.burst().contains(id);
            if (!changed || standing == null) {
                continue;
            }
            ScoredComment comment = standing == arriving ? arrivingComment : loader.apply(meetingId, standing);
            if (standing.counted) {
                countOut(standing, comment, true);
            }
            standing.burst = now.burst().contains(id);
            if (now.counted().contains(id)) {
                countIn(standing, comment, standing == arriving, standing.itemId);
            }
        }
    }

    /**
     * The comment's receivedAt goes with its item's next summary only while the chair has not seen it: on its
     * arrival, or when it moves or is recounted before {@code wasIn}, the item it was in, was published since
     * it arrived (an agenda event that came right behind it); a post's latency is measured once.
     *
     * @param arriving whether the comment is counted on its arrival
     */
    private void countIn(Standing standing, ScoredComment comment, boolean arriving, String wasIn) {
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
    private void countOut(Standing standing, ScoredComment comment, boolean withdrawn) {
        standing.counted = false;
        apply(standing, asPlaced(standing, comment, standing.itemId), -1);
        effects.dirty(standing.itemId, 0);
        if (withdrawn) {
            effects.scored(asPlaced(standing, comment, null));
        }
    }

    private void apply(Standing standing, ScoredComment placed, int sign) {
        assert !standing.withdrawn : "a withdrawn comment is never counted";
        Contribution contribution = Contribution.of(placed, standing.referenceTime);
        item(standing.itemId).apply(standing, contribution, sign);
        if (!standing.repost) {
            volume.merge(contribution.minute(), (long) sign, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    private ScoredComment asPlaced(Standing standing, ScoredComment comment, String itemId) {
        return comment.placedIn(meetingId, itemId).withFlags(Flags.of(comment.flags(), standing.burst, standing.hidden, standing.cleared));
    }

    private Copies copiesOf(Standing.TextKey text) {
        Object held = copies.get(text);
        if (held == null) {
            return Copies.NONE;
        }
        return held instanceof Standing one ? new Copies(List.of(one)) : (Copies) held;
    }

    private int authorNumber(String author) {
        return authorNumbers.computeIfAbsent(author == null ? "" : author, (String a) -> authorNumbers.size());
    }

    @SuppressWarnings("unchecked")
    private <T> T shared(T value) {
        return (T) shared.computeIfAbsent(value, v -> v);
    }

    private Standing.TextKey textKey(String text) {
        byte[] digest = sha256.digest(Text.duplicateKey(text).getBytes(StandardCharsets.UTF_8));
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (digest[i] & 0xFF);
            low = low << 8 | (digest[i + 8] & 0xFF);
        }
        return new Standing.TextKey(high, low);
    }
}
