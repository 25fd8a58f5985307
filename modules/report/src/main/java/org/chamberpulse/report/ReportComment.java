package org.chamberpulse.report;

import java.time.Instant;
import java.util.List;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;

/**
 * A counted comment as the report shows it: pseudonymous, and moderated. Its text is given only when
 * the comment could be quoted (no flags, item not restricted); otherwise {@code withheld} says why. A
 * restricted item's comments carry no sentiment. The id is the comment's public one (never its source id).
 */
public record ReportComment(
        String id,
        String source,
        String author,
        Instant createdAt,
        String itemId,
        String itemNumber,
        Sentiment.Label label,
        Double compound,
        String lang,
        List<String> flags,
        String text,
        String withheld) {

    static final String RESTRICTED = "restricted item";

    static ReportComment of(ScoredComment scored, ItemSummary item) {
        var c = scored.comment();
        boolean restricted = item != null && item.restricted();
        String withheld = restricted ? RESTRICTED : scored.flags().isEmpty() ? null : String.join(" ", scored.flags());
        // A restricted item's comments are counted and nothing more: no sentiment either.
        return new ReportComment(c.id(), c.source(), c.author(), c.createdAt(), scored.itemId(), item == null ? null : item.number(),
                restricted ? null : scored.sentiment().label(), restricted ? null : scored.sentiment().compound(),
                scored.sentiment().lang() != null ? scored.sentiment().lang() : c.lang(),
                scored.flags(), withheld == null ? c.text() : null, withheld);
    }
}
