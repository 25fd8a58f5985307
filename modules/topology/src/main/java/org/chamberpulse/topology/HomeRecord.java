package org.chamberpulse.topology;

import java.util.List;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.timeline.MeetingTimeline;

/**
 * A meeting as its home desk keeps it: the timeline and hidden comments the control stage sent,
 * {@code frozenAt} (wall-clock milliseconds, 0 while live): once frozen, its comments are forgotten and
 * what still arrives for it is refused with a reason; and where its final record is, once written.
 */
record HomeRecord(MeetingTimeline timeline, List<String> hidden, long frozenAt, MeetingView.ReportRef report) {

    HomeRecord {
        hidden = hidden == null ? List.of() : List.copyOf(hidden);
    }

    HomeRecord frozenAt(long at) {
        return new HomeRecord(timeline, hidden, at, report);
    }

    HomeRecord recorded(MeetingView.ReportRef written) {
        return new HomeRecord(timeline, hidden, frozenAt, written);
    }

    boolean frozen() {
        return frozenAt != 0;
    }

    /** Opened or adjourned: a meeting that has run, whose state may be freed once nothing more comes. */
    boolean hasRun() {
        return timeline.openedAt().isPresent() || timeline.adjournedAt().isPresent();
    }
}
