package org.chamberpulse.topology;

import org.chamberpulse.model.ScoredComment;

/**
 * What the attributor of one meeting hears: the meeting's timeline, or that the router of hashtag
 * {@code via} placed a comment in the meeting ({@code placed}) or took it out ({@code removedCommentId}).
 */
public record AttributionInput(MeetingTimeline timeline, ScoredComment placed, String removedCommentId, String via) {

    public static AttributionInput timeline(MeetingTimeline timeline) {
        return new AttributionInput(timeline, null, null, null);
    }

    public static AttributionInput placed(ScoredComment comment, String via) {
        return new AttributionInput(null, comment, null, via);
    }

    public static AttributionInput removed(String commentId, String via) {
        return new AttributionInput(null, null, commentId, via);
    }
}
