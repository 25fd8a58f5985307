package org.chamberpulse.topology;

import java.util.List;
import org.chamberpulse.timeline.MeetingTimeline;

/**
 * A new state of a meeting's timeline, with what the routers must hear: the hashtags the meeting no
 * longer lists, and whether its window moved.
 */
public record TimelineChange(MeetingTimeline timeline, List<String> droppedHashtags, boolean windowChanged) {
}
