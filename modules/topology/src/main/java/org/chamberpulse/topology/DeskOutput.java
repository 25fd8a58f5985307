package org.chamberpulse.topology;

import org.chamberpulse.model.Alert;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.ReportBundle;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.UnmatchedSummary;

/** What a desk sends on: to a public topic, or to another desk (a handoff, keyed by that desk's hashtag). */
sealed interface DeskOutput {

    record Summary(ItemSummary summary) implements DeskOutput {
    }

    record Scored(ScoredComment comment) implements DeskOutput {
    }

    record Raised(Alert alert) implements DeskOutput {
    }

    record Unmatched(UnmatchedSummary unmatched) implements DeskOutput {
    }

    record Handoff(DeskMessage message) implements DeskOutput {
    }

    /** A meeting's view on pulse.views; {@code view} null for a tombstone (the meeting was deleted). */
    record Viewed(String meetingId, MeetingView view) implements DeskOutput {
    }

    /** A meeting's record for pulse.reports, once final. */
    record Recorded(ReportBundle bundle) implements DeskOutput {
    }

    record Refused(DeadLetter deadLetter) implements DeskOutput {
    }
}
