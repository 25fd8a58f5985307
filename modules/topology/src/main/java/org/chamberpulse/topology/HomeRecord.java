package org.chamberpulse.topology;

import java.util.List;
import org.chamberpulse.timeline.MeetingTimeline;

/**
 * A meeting as its home desk keeps it: the timeline and hidden comments the control stage sent, and
 * {@code frozenAt} (wall-clock milliseconds, 0 while live): once frozen, its comments are forgotten and
 * what still arrives for it is refused with a reason.
 */
record HomeRecord(MeetingTimeline timeline, List<String> hidden, long frozenAt) {

    HomeRecord {
        hidden = hidden == null ? List.of() : List.copyOf(hidden);
    }

    boolean frozen() {
        return frozenAt != 0;
    }

    /** Opened or adjourned: a meeting that has run, whose state may be freed once nothing more comes. */
    boolean hasRun() {
        return timeline.openedAt().isPresent() || timeline.adjournedAt().isPresent();
    }
}
