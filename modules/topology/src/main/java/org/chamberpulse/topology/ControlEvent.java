package org.chamberpulse.topology;

import org.chamberpulse.model.Meeting;
import org.chamberpulse.timeline.TimelineEvent;

/**
 * A change to one meeting's timeline, keyed by meetingId: a published meeting, a deleted one (a
 * tombstone on {@code pulse.meetings}), or a clerk's agenda event.
 */
public record ControlEvent(Meeting meeting, boolean deleted, TimelineEvent agenda) {

    public static ControlEvent published(Meeting meeting) {
        return new ControlEvent(meeting, false, null);
    }

    public static ControlEvent deletedMeeting() {
        return new ControlEvent(null, true, null);
    }

    public static ControlEvent agenda(TimelineEvent event) {
        return new ControlEvent(null, false, event);
    }
}
