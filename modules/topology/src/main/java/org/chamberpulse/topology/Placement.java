package org.chamberpulse.topology;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.Segment;

/** Rule 2 for one meeting, precomputed from its timeline: a comment's reference time and item. */
record Placement(Meeting meeting, List<Segment> segments) {

    static Placement of(MeetingTimeline timeline) {
        if (timeline == null) {
            return new Placement(null, List.of());
        }
        return new Placement(timeline.meeting(), timeline.segments());
    }

    /** What the viewer saw when posting: the chamber {@code broadcastDelaySeconds} earlier. */
    long referenceTime(Comment comment) {
        long delayMillis = meeting == null ? 0 : meeting.broadcastDelaySeconds() * 1_000L;
        return comment.createdAt().toEpochMilli() - delayMillis;
    }

    /**
     * An {@code #item<number>} tag naming an item of the meeting wins (of several, the first in alphabetical order);
     * otherwise the item running at the reference time. A loop, not a sorted stream: this runs for every comment.
     */
    String itemFor(Comment comment, long referenceTime) {
        if (meeting != null) {
            String chosenTag = null;
            AgendaItem chosen = null;
            for (String tag : comment.hashtags()) {
                if (chosenTag == null || tag.compareTo(chosenTag) < 0) {
                    Optional<AgendaItem> tagged = meeting.itemTagged(tag);
                    if (tagged.isPresent()) {
                        chosenTag = tag;
                        chosen = tagged.get();
                    }
                }
            }
            if (chosen != null) {
                return chosen.itemId();
            }
        }
        return MeetingTimeline.itemAt(segments, Instant.ofEpochMilli(referenceTime));
    }
}
