package org.chamberpulse.topology;

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
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2ObjectOpenHashMap;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.timeline.MeetingTimeline;

/**
 * Rules 2 to 6 for one meeting, derived from what its home desk stores (the placed comments and the
 * meeting's timeline): where each comment stands and which copies count; its {@link MeetingFigures} count
 * them. Rebuilt from the store when it is not in memory; every change is a delta. The order of calls does not
 * change the end state.
 */
final class MeetingState {

    final String meetingId;
    final MeetingFigures figures;
    private MeetingTimeline timeline;
    private Placement placement = Placement.of(null);
    private ModerationMarks marks = ModerationMarks.NONE;
    private final List<Standing> justErased = new ArrayList<>();
    /** By id; an open-addressing map: no entry object a comment (docs/BENCHMARKS.md, footprint). */
    private final Map<String, Standing> comments = new Object2ObjectOpenHashMap<>();
    private final Hash64 hash = new Hash64();
    private final TextCopies copies = new TextCopies(hash);
    /** One instance of each list of routers: thousands of comments share a few of them. */
    private final Map<Object, Object> shared = new HashMap<>();
    /**
     * Each author as a number of this meeting's (from 0, in the order met; never stored): the items' figures
     * count who used each word in primitive maps, most of a meeting's memory otherwise (docs/BENCHMARKS.md).
     * Found by the author's {@link Hash64}: no string held an author.
     */
    private final Long2IntOpenHashMap authorNumbers = new Long2IntOpenHashMap();
    private final BiFunction<String, Standing, ScoredComment> loader;
    private final UnaryOperator<String> publicId;

    /**
     * @param loader   reads a held comment back from the store (to count it out, or in again)
     * @param publicId a comment's id as public outputs give it (the clerk may hide a comment by it)
     */
    MeetingState(String meetingId, BiFunction<String, Standing, ScoredComment> loader, UnaryOperator<String> publicId) {
        this.meetingId = meetingId;
        this.figures = new MeetingFigures(meetingId);
        this.loader = loader;
        this.publicId = publicId;
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
        if (marks.isErased(comment.comment().id(), publicId)) {
            return null;
        }
        return new Touched(admit(comment, shared(List.of(via))), true, false);
    }

    /** Takes a comment (or a withdrawal's marker) into the meeting: placed, among its copies, counted where it counts. */
    private Standing admit(ScoredComment comment, List<String> via) {
        Comment c = comment.comment();
        Standing standing = new Standing(comment, authorNumber(c.author()), copies::keyOf, via);
        standing.referenceTime = placement.referenceTime(c);
        standing.itemId = placement.itemFor(c, standing.referenceTime);
        standing.hidden = marks.isHidden(standing.id, publicId);
        standing.cleared = marks.isCleared(standing.id, publicId);
        comments.put(standing.id, standing);
        if (standing.withdrawn) {
            return standing;
        }
        if (standing.repost) {
            figures.countIn(standing, comment, true, standing.itemId);
        } else {
            Copies before = copies.of(standing.text);
            Copies after = before.with(standing);
            copies.set(standing.text, after);
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
        figures.quietly(() -> place(stored.comment(), stored.via().get(0)).standing().via = shared(stored.via()));
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
            figures.countOut(standing, loader.apply(meetingId, standing), true);
        }
        comments.remove(standing.id);
        if (standing.amongCopies()) {
            Copies before = copies.of(standing.text);
            Copies after = before.without(standing);
            copies.set(standing.text, after);
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
    List<String> changeTimeline(MeetingTimeline after, List<String> moderationMarks, BiFunction<Long, Long, List<ScoredComment>> inSpan) {
        MeetingTimeline before = timeline;
        timeline = after;
        placement = Placement.of(after);
        ModerationMarks marksBefore = marks;
        marks = ModerationMarks.of(moderationMarks);
        for (Standing standing : named(marks.newlyErased(marksBefore))) {
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
        for (Standing standing : named(marks.remarked(marksBefore))) {
            ScoredComment comment = standing.counted ? loader.apply(meetingId, standing) : null;
            if (standing.counted) {
                figures.countOut(standing, comment, false);
            }
            standing.hidden = marks.isHidden(standing.id, publicId);
            standing.cleared = marks.isCleared(standing.id, publicId);
            if (comment != null) {
                figures.countIn(standing, comment, false, standing.itemId);
            }
        }
        List<String> republish = new ArrayList<>();
        if (definitionChanged) {
            if (after.meeting() != null) {
                after.meeting().items().forEach(item -> republish.add(item.itemId()));
            }
            republish.addAll(figures.items().keySet());
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
            figures.countOut(standing, comment, false);
        }
        standing.itemId = itemId;
        standing.referenceTime = referenceTime;
        if (counted) {
            figures.countIn(standing, comment, false, wasIn);
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
                figures.countOut(standing, comment, true);
            }
            standing.burst = now.burst().contains(id);
            if (now.counted().contains(id)) {
                figures.countIn(standing, comment, standing == arriving, standing.itemId);
            }
        }
    }

    private int authorNumber(String author) {
        return authorNumbers.computeIfAbsent(hash.of(author == null ? "" : author), (long a) -> authorNumbers.size());
    }

    @SuppressWarnings("unchecked")
    private <T> T shared(T value) {
        return (T) shared.computeIfAbsent(value, v -> v);
    }
}
