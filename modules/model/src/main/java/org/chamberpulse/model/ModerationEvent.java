package org.chamberpulse.model;

import java.time.Instant;

/**
 * A clerk's moderation decision on {@code pulse.moderation}, keyed by meetingId: hide a comment from every
 * quote and report (it stays counted), or show it again.
 */
public record ModerationEvent(String meetingId, String commentId, Action action, Instant at, String actor) {

    public enum Action { HIDE, SHOW }
}
