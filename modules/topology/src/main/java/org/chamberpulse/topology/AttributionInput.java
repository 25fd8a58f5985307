package org.chamberpulse.topology;

import org.chamberpulse.model.ModerationEvent;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.timeline.MeetingTimeline;

/**
 * What the attributor of one meeting hears: the meeting's timeline; that the router of hashtag
 * {@code via} placed a comment in the meeting ({@code placed}) or took it out ({@code removedCommentId});
 * or a clerk's moderation decision.
 */
public record AttributionInput(MeetingTimeline timeline, ScoredComment placed, String removedCommentId, String via,
                               ModerationEvent moderation) {

    public static AttributionInput timeline(MeetingTimeline timeline) {
        return new AttributionInput(timeline, null, null, null, null);
    }

    public static AttributionInput placed(ScoredComment comment, String via) {
        return new AttributionInput(null, comment, null, via, null);
    }

    public static AttributionInput removed(String commentId, String via) {
        return new AttributionInput(null, null, commentId, via, null);
    }

    public static AttributionInput moderation(ModerationEvent event) {
        return new AttributionInput(null, null, null, null, event);
    }
}
