package org.chamberpulse.topology;

import java.util.List;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.sentiment.Terms;

/**
 * What one counted comment adds to its item's figures (and takes away again when it leaves): everything
 * {@link ItemTally} needs, read once from the comment as placed.
 *
 * @param flagged   carries a flag other than "hidden" (profanity, abuse, burst)
 */
record Contribution(long minute, boolean repost, boolean flagged,
                    Sentiment sentiment, List<String> hashtags, List<String> terms) {

    static final long MINUTE = 60_000L;

    /** @param placed the comment with every flag it carries now (intake's, burst, hidden) */
    static Contribution of(ScoredComment placed, long referenceTime) {
        Comment c = placed.comment();
        boolean flagged = false;
        for (String flag : placed.flags()) {
            flagged |= !flag.equals(Flags.HIDDEN) && !flag.equals(Flags.CLEARED);
        }
        // Words and hashtags come only from comments that may be quoted: none flagged, hidden or in a burst.
        boolean quotable = (placed.flags().isEmpty() || placed.flags().equals(List.of(Flags.CLEARED))) && !c.isRepost();
        return new Contribution(Math.floorDiv(referenceTime, MINUTE) * MINUTE, c.isRepost(),
                flagged, placed.sentiment(), quotable ? c.hashtags() : List.of(), quotable ? Terms.of(c.text()) : List.of());
    }

    /** The compound score in units of 1e-4 (the scorer's precision), so sums are exact; 0 when unscored. */
    long compoundE4() {
        return scored() ? Math.round(sentiment.compound() * 10_000) : 0;
    }

    boolean scored() {
        return sentiment.label() != Sentiment.Label.UNSCORED && sentiment.compound() != null;
    }
}
