package org.chamberpulse.topology;

import org.chamberpulse.model.ScoredComment;

/** A comment held by the router of one hashtag, and the meeting it is placed in through that hashtag (null: none). */
public record RoutedComment(ScoredComment comment, String meetingId) {
}
