package org.chamberpulse.topology;

import java.util.List;
import java.util.TreeSet;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.ModerationEvent;
import org.chamberpulse.timeline.MeetingTimeline;

/**
 * What the control stage keeps of one meeting: its timeline (definition and agenda events), the comment
 * ids the clerk hid, and its home desk (the first of its hashtags when first published; null until then).
 */
record MeetingRecord(MeetingTimeline timeline, List<String> hidden, String home) {

    MeetingRecord {
        hidden = hidden == null ? List.of() : List.copyOf(hidden);
    }

    static MeetingRecord empty(String meetingId) {
        return new MeetingRecord(MeetingTimeline.empty(meetingId), List.of(), null);
    }

    MeetingRecord apply(ControlMessage message) {
        if (message instanceof ControlMessage.Published published) {
            String firstHome = published.meeting().hashtags().stream().sorted().findFirst().orElse(null);
            return new MeetingRecord(timeline.withMeeting(published.meeting()), hidden, home != null ? home : firstHome);
        }
        if (message instanceof ControlMessage.Deleted) {
            return new MeetingRecord(timeline.withMeeting(null), hidden, home);
        }
        if (message instanceof ControlMessage.Agenda agenda) {
            return new MeetingRecord(timeline.withEvent(agenda.event()), hidden, home);
        }
        ModerationEvent event = ((ControlMessage.Moderated) message).event();
        TreeSet<String> ids = new TreeSet<>(hidden);
        switch (event.action()) {
            case HIDE -> ids.add(event.commentId());
            case SHOW -> ids.remove(event.commentId());
            // For good: no SHOW undoes it, and the mark outlives the comment so that it never comes back.
            case ERASE -> {
                ids.remove(event.commentId());
                ids.add(ModerationMarks.ERASED + event.commentId());
            }
            case CLEAR -> ids.add(ModerationMarks.CLEARED + event.commentId());
            case FLAG -> ids.remove(ModerationMarks.CLEARED + event.commentId());
        }
        return new MeetingRecord(timeline, List.copyOf(ids), home);
    }

    List<String> hashtags() {
        Meeting meeting = timeline.meeting();
        return meeting == null ? List.of() : meeting.hashtags();
    }
}
