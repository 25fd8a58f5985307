package org.chamberpulse.topology;

import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.timeline.MeetingWindow;

/**
 * What the router of one hashtag hears: a comment carrying the hashtag, the window of a meeting that
 * lists it, or that a meeting no longer lists it ({@code withdrawnMeetingId}).
 */
public record RouterInput(ScoredComment comment, MeetingWindow window, String withdrawnMeetingId) {

    public static RouterInput comment(ScoredComment comment) {
        return new RouterInput(comment, null, null);
    }

    public static RouterInput window(MeetingWindow window) {
        return new RouterInput(null, window, null);
    }

    public static RouterInput withdrawn(String meetingId) {
        return new RouterInput(null, null, meetingId);
    }
}
