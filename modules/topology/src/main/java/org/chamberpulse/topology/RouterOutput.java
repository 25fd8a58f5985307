package org.chamberpulse.topology;

import org.chamberpulse.model.UnmatchedSummary;

/** What a router sends on: a message for a meeting's attributor, or a hashtag's unmatched figures. */
record RouterOutput(AttributionInput toMeeting, UnmatchedSummary unmatched) {
}
