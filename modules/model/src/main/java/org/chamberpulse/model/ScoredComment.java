package org.chamberpulse.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A comment as the topology placed it, on {@code pulse.comments.scored} keyed by meetingId: the
 * comment's own fields, flat as on {@code pulse.comments.raw}, with meetingId, itemId, sentiment and flags.
 * {@code itemId} null means the comment was withdrawn from the meeting (moved elsewhere or found to be
 * a duplicate); the latest record per comment id is the truth.
 */
public record ScoredComment(@JsonUnwrapped Comment comment, String meetingId, String itemId, Sentiment sentiment, List<String> flags) {

    public ScoredComment {
        flags = flags == null ? List.of() : List.copyOf(flags);
        sentiment = sentiment == null ? Sentiment.NONE : sentiment;
    }

    public ScoredComment withFlags(List<String> newFlags) {
        return new ScoredComment(comment, meetingId, itemId, sentiment, newFlags);
    }

    public ScoredComment placedIn(String newMeetingId, String newItemId) {
        return new ScoredComment(comment, newMeetingId, newItemId, sentiment, flags);
    }
}
