package org.chamberpulse.model;

import java.time.Instant;
import java.util.List;
import org.chamberpulse.timeline.MeetingTimeline;

/**
 * The record of a meeting once it is final (adjourned, and quiet for {@code report.grace}), on
 * {@code pulse.reports} (compacted, key meetingId; a new version if something changes later): everything its
 * report is made from, so that {@code report.html}, {@code report.pdf}, {@code summary.csv},
 * {@code comments.csv} and {@code report.json} are made again byte for byte, whatever has expired since.
 *
 * @param summaries the latest summary of every item that has one, as published on {@code pulse.summaries}
 * @param comments  the counted comments (reposts included) as placed: pseudonymous, text redacted
 * @param finalAt   when this version was written: the report's "made" time
 */
public record ReportBundle(String meetingId, long version, Instant finalAt, MeetingTimeline timeline, List<ItemSummary> summaries,
                           List<ScoredComment> comments) {

    public ReportBundle {
        summaries = summaries == null ? List.of() : List.copyOf(summaries);
        comments = comments == null ? List.of() : List.copyOf(comments);
    }
}
