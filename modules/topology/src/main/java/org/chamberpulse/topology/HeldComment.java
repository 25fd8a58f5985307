package org.chamberpulse.topology;

import org.chamberpulse.model.ScoredComment;

/**
 * A comment a hashtag's router holds itself: unmatched ({@code meetingId} null), or placed in a meeting
 * whose home is another desk. {@code heldSince} is when the router first held it (wall-clock
 * milliseconds): retention frees it {@code state.retention} later.
 */
record HeldComment(ScoredComment comment, String meetingId, long heldSince) {

    HeldComment placedIn(String otherMeetingId) {
        return new HeldComment(comment, otherMeetingId, heldSince);
    }
}
