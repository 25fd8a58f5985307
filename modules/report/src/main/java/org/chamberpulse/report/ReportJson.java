package org.chamberpulse.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.timeline.Segment;
import org.chamberpulse.timeline.TimelineEvent;

/** {@code report.json}: everything the report knows, in the wire format's conventions. */
public final class ReportJson {

    /** The document; {@code provisional} is true while the meeting has not been adjourned. */
    public record Document(
            String meetingId,
            boolean provisional,
            Instant generatedAt,
            Meeting meeting,
            List<TimelineEvent> agendaEvents,
            List<Segment> segments,
            ReportData.Totals totals,
            List<ItemSummary> items,
            List<ReportComment> comments) {
    }

    private ReportJson() {
    }

    public static Document document(ReportData data) {
        return new Document(data.meeting().meetingId(), !data.adjourned(), data.generatedAt(), data.meeting(), data.timeline().events(),
                data.segments(), data.totals(), data.summaries(), comments(data));
    }

    public static String render(ReportData data) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document(data));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ReportComment> comments(ReportData data) {
        Map<String, ItemSummary> items = new HashMap<>();
        data.summaries().forEach(s -> items.put(s.itemId(), s));
        return data.comments().stream().filter(c -> !c.comment().isRepost()).map(c -> ReportComment.of(c, items.get(c.itemId()))).toList();
    }
}
