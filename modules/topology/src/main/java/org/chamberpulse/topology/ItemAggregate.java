package org.chamberpulse.topology;

import org.chamberpulse.model.Sentiment;

/**
 * The running figures of one item, kept as counters that take deltas, so that a comment can be moved
 * in or out of the item in constant time. Per-author, per-minute and per-hashtag counts live in their
 * own stores; this holds the totals. Compound scores are summed in units of 1e-4 (the scorer's
 * precision), so the sum is exact whatever order comments arrive and leave in.
 */
public record ItemAggregate(
        long count,
        long reposts,
        long uniqueAuthors,
        long flagged,
        long compoundSumE4,
        long positive,
        long neutral,
        long negative,
        long unscored,
        long version) {

    static final ItemAggregate EMPTY = new ItemAggregate(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    ItemAggregate plusRepost(int sign) {
        return new ItemAggregate(count, reposts + sign, uniqueAuthors, flagged, compoundSumE4, positive, neutral, negative, unscored, version);
    }

    /**
     * @param newAuthor +1 when the comment's author now has a first comment in the item, -1 when the last left
     */
    ItemAggregate plusComment(int sign, int newAuthor, boolean isFlagged, Sentiment sentiment) {
        Sentiment.Label label = sentiment.label();
        long compoundE4 = label == Sentiment.Label.UNSCORED || sentiment.compound() == null ? 0 : Math.round(sentiment.compound() * 10_000);
        return new ItemAggregate(
                count + sign,
                reposts,
                uniqueAuthors + newAuthor,
                flagged + (isFlagged ? sign : 0),
                compoundSumE4 + sign * compoundE4,
                positive + (label == Sentiment.Label.POSITIVE ? sign : 0),
                neutral + (label == Sentiment.Label.NEUTRAL ? sign : 0),
                negative + (label == Sentiment.Label.NEGATIVE ? sign : 0),
                unscored + (label == Sentiment.Label.UNSCORED ? sign : 0),
                version);
    }

    ItemAggregate nextVersion() {
        return new ItemAggregate(count, reposts, uniqueAuthors, flagged, compoundSumE4, positive, neutral, negative, unscored, version + 1);
    }

    long scored() {
        return positive + neutral + negative;
    }

    /** The mean compound of the scored comments; null while there are none. */
    Double meanCompound() {
        long scored = scored();
        return scored == 0 ? null : Math.round((double) compoundSumE4 / scored) / 10_000.0;
    }
}
