package org.chamberpulse.topology;

import java.util.List;
import java.util.function.ToLongFunction;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Text;

/**
 * One comment's standing in its meeting (MeetingState): where it is counted, whether it counts, the flags
 * the meeting gives it (burst, hidden), and which hashtags' routers place it there. Derived, never stored.
 */
final class Standing {

    final String id;
    final long createdAt;
    final boolean repost;
    /** The author's number in the meeting (MeetingState). */
    final int author;
    /** Its text's duplicate key, hashed (TextCopies.keyOf); 0 for a post not among copies (a repost, a withdrawal). */
    final long text;
    /** No flag from intake (profanity, abuse), and some text (of the latest edit). */
    final boolean clean;
    final boolean hasText;
    /** Says enough that copies of it by many people are a campaign, not agreement (Text.isDistinctive). */
    final boolean distinctive;
    /** The post was deleted on its network: the marker stays, so that no version of it counts again. */
    final boolean withdrawn;
    /** When the version counted was edited (Long.MIN_VALUE: never). */
    final long editedAt;
    long referenceTime;
    String itemId;
    boolean counted;
    boolean burst;
    boolean hidden;
    /** The clerk cleared its moderation flags: a false positive, which may be quoted. */
    boolean cleared;
    /** Its number among the meeting's arrivals in memory (0: restored from the store): whether the chair has seen it yet. */
    long arrival;
    List<String> via;

    /** @param textKey the duplicate key of a text among copies (TextCopies.keyOf), asked only for a post that takes part */
    Standing(ScoredComment scored, int author, ToLongFunction<String> textKey, List<String> via) {
        Comment comment = scored.comment();
        this.hasText = !comment.text().isBlank();
        this.clean = scored.flags().isEmpty() && hasText;
        this.withdrawn = comment.withdrawn();
        this.repost = comment.isRepost();
        this.distinctive = amongCopies() && Text.isDistinctive(comment.text());
        this.text = amongCopies() ? textKey.applyAsLong(comment.text()) : 0;
        this.editedAt = comment.editedAt() == null ? Long.MIN_VALUE : comment.editedAt().toEpochMilli();
        this.id = comment.id();
        this.createdAt = comment.createdAt().toEpochMilli();
        this.author = author;
        this.via = via;
    }

    /** Whether it takes part among the copies of its text (rule 4): reposts and withdrawn posts do not. */
    boolean amongCopies() {
        return !repost && !withdrawn;
    }

    /** Whether {@code comment}, another version of this post, replaces the one held. */
    boolean supersededBy(Comment comment) {
        return comment.createdAt().toEpochMilli() == createdAt && comment.supersedes(withdrawn, editedAt);
    }

    /** What the chair may read out: no flag of any kind, and some text. */
    boolean quotable() {
        return (clean || (cleared && hasText)) && !burst && !hidden;
    }

    PlacedKey key(String meetingId) {
        return new PlacedKey(meetingId, createdAt, id);
    }
}
