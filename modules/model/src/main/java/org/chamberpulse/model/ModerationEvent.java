package org.chamberpulse.model;

import java.time.Instant;

/**
 * A moderation decision on {@code pulse.moderation}, keyed by meetingId: the clerk hides a comment from
 * every quote and report (it stays counted), or shows it again; or a comment is erased at its author's
 * request (UK GDPR Article 17, {@code chamberpulse erase}): it leaves the counts, quotes, words, views and
 * records for good. {@code commentId} is the comment's source id or its public id. The clerk may also clear a
 * flagged comment (a false positive: its profanity or abuse flags no longer keep it from being quoted) and
 * flag it again (issue 21).
 */
public record ModerationEvent(String meetingId, String commentId, Action action, Instant at, String actor) {

    public enum Action { HIDE, SHOW, ERASE, CLEAR, FLAG }
}
