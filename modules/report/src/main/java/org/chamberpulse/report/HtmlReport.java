package org.chamberpulse.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Quote;
import org.chamberpulse.model.TermCount;
import org.chamberpulse.timeline.Buckets;

/**
 * The report as one self-contained XHTML page: styles inline, charts as inline SVG, nothing fetched.
 * The same page is printed to PDF, so its CSS stays within what a paged-media renderer supports.
 */
public final class HtmlReport {

    static final int QUOTES_PER_ITEM = 3;
    static final int THEMES_PER_ITEM = 8;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK);

    private static final String STYLE = """
            @page { size: A4; margin: 16mm 14mm 18mm 14mm;
              @bottom-center { content: "Page " counter(page) " of " counter(pages); font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8pt; color: #454545; } }
            html { font-family: "DejaVu Sans", Arial, sans-serif; color: #1b1b1b; font-size: 10pt; line-height: 1.4; }
            body { margin: 0 auto; max-width: 190mm; }
            header, section, footer { display: block; }
            h1 { font-size: 17pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 16pt 0 6pt; border-bottom: 1px solid #c8c8c8; }
            h3 { font-size: 11pt; margin: 12pt 0 4pt; page-break-after: avoid; }
            .status { border-left: 4px solid #a4161a; padding: 3pt 8pt; background: #fdf2f2; }
            table { border-collapse: collapse; width: 100%; font-size: 8pt; }
            #items { table-layout: fixed; } #items th.item { width: 30%; }
            th, td { border-bottom: 1px solid #c8c8c8; padding: 2pt 3pt; text-align: right; vertical-align: top; }
            th { background: #f0f0f0; } th.item, td.item { text-align: left; }
            tr { page-break-inside: avoid; }
            dl.facts { margin: 6pt 0; } dl.facts dt { font-weight: bold; float: left; width: 40mm; clear: left; } dl.facts dd { margin: 0 0 2pt 42mm; }
            .figures td, .figures th { font-size: 10pt; text-align: left; border: none; padding: 1pt 10pt 1pt 0; }
            .chart { page-break-inside: avoid; margin: 4pt 0 8pt; }
            .chart svg { max-width: 100%; height: auto; }
            .item { page-break-inside: avoid; }
            blockquote { margin: 4pt 0 6pt; padding: 2pt 8pt; border-left: 3px solid #5c5c5c; }
            blockquote.positive { border-left-color: #1d6b36; } blockquote.negative { border-left-color: #a4161a; }
            .meta { color: #454545; font-size: 8.5pt; }
            """;

    private HtmlReport() {
    }

    /**
     * @param filesBase where the report's other files are, relative to this page ("" beside it on disk;
     *                  the report's URL when served)
     */
    public static String render(ReportData data, String filesBase) {
        ZoneId zone = data.zone();
        var meeting = data.meeting();
        String title = "Public comments: " + meeting.title();
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en-GB\"><head><meta charset=\"utf-8\"/>")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
                .append("<title>").append(Xml.escape(title)).append("</title><style>").append(STYLE).append("</style></head><body>");

        html.append("<header><h1>").append(Xml.escape(title)).append("</h1>");
        if (meeting.body() != null && !meeting.body().isBlank()) {
            html.append("<p>").append(Xml.escape(meeting.body())).append("</p>");
        }
        html.append("<dl class=\"facts\">");
        fact(html, "Meeting", meeting.meetingId());
        fact(html, "Date", DAY.format(meeting.scheduledStart().atZone(zone)));
        fact(html, "Hashtags", meeting.hashtags().stream().map(tag -> "#" + tag).collect(Collectors.joining(" ")));
        fact(html, "Scheduled start", CLOCK.format(meeting.scheduledStart().atZone(zone)) + " (" + zone.getId() + ")");
        data.timeline().openedAt().ifPresent(at -> fact(html, "Opened", CLOCK.format(at.atZone(zone))));
        data.timeline().adjournedAt().ifPresent(at -> fact(html, "Adjourned", CLOCK.format(at.atZone(zone))));
        fact(html, "Broadcast delay", meeting.broadcastDelaySeconds() + " seconds");
        fact(html, "Report made", STAMP.format(data.generatedAt().atZone(zone)));
        html.append("</dl>");
        if (!data.adjourned()) {
            html.append("<p class=\"status\" role=\"note\"><strong>Provisional.</strong> The meeting has not been adjourned, so these figures may still change.</p>");
        }
        html.append("</header>");

        ReportData.Totals totals = data.totals();
        html.append("<section aria-labelledby=\"figures\"><h2 id=\"figures\">The meeting in figures</h2><table class=\"figures\"><tbody>");
        figure(html, "total-count", "Comments counted", totals.count());
        figure(html, "total-reposts", "Reposts (boosts, retweets; not counted as comments)", totals.reposts());
        figure(html, "total-flagged", "Comments flagged by moderation (counted, never quoted)", totals.flagged());
        figure(html, "total-positive", "Positive comments", totals.positive());
        figure(html, "total-neutral", "Neutral comments", totals.neutral());
        figure(html, "total-negative", "Negative comments", totals.negative());
        figure(html, "total-unscored", "Unscored comments (not in English)", totals.unscored());
        html.append("</tbody></table></section>");

        chart(html, "chart-items", "Comments per item", Charts.commentsPerItem(data));
        chart(html, "chart-timeline", "Comments per minute", Charts.timeline(data));
        chart(html, "chart-sentiment", "Sentiment per item", Charts.sentimentPerItem(data));

        html.append("<section aria-labelledby=\"table\"><h2 id=\"table\">Figures per item</h2><table id=\"items\"><thead><tr>")
                .append("<th class=\"item\" scope=\"col\">Item</th><th scope=\"col\">Com&#173;ments</th><th scope=\"col\">Re&#173;posts</th>")
                .append("<th scope=\"col\">Unique authors</th><th scope=\"col\">Flag&#173;ged</th><th scope=\"col\">Posi&#173;tive</th>")
                .append("<th scope=\"col\">Neu&#173;tral</th><th scope=\"col\">Nega&#173;tive</th><th scope=\"col\">Un&#173;scored</th>")
                .append("<th scope=\"col\">Mean senti&#173;ment</th><th scope=\"col\">First</th><th scope=\"col\">Last</th></tr></thead><tbody>");
        for (ItemSummary s : data.summaries()) {
            html.append("<tr data-item=\"").append(Xml.escape(s.itemId())).append("\"><th class=\"item\" scope=\"row\">")
                    .append(Xml.escape(data.label(s))).append(s.restricted() ? " (restricted)" : "").append("</th>");
            cell(html, "count", Long.toString(s.count()));
            cell(html, "reposts", Long.toString(s.reposts()));
            cell(html, "uniqueAuthors", Long.toString(s.uniqueAuthors()));
            cell(html, "flagged", Long.toString(s.flagged()));
            cell(html, "positive", Long.toString(s.sentiment().positive()));
            cell(html, "neutral", Long.toString(s.sentiment().neutral()));
            cell(html, "negative", Long.toString(s.sentiment().negative()));
            cell(html, "unscored", Long.toString(s.sentiment().unscored()));
            cell(html, "mean", mean(s.sentiment().mean()));
            cell(html, "firstAt", time(s.firstAt(), zone));
            cell(html, "lastAt", time(s.lastAt(), zone));
            html.append("</tr>");
        }
        html.append("</tbody></table><p class=\"meta\">Mean sentiment is the average VADER compound score of the scored comments, from −1 (most negative) to +1 (most positive). Times are ")
                .append(Xml.escape(zone.getId())).append(".</p></section>");

        html.append("<section aria-labelledby=\"details\"><h2 id=\"details\">Item by item</h2>");
        for (ItemSummary s : data.summaries()) {
            itemDetail(html, data, s);
        }
        html.append("</section>");

        html.append("<section aria-labelledby=\"method\"><h2 id=\"method\">How these figures are made</h2><ul>")
                .append("<li>A comment is a public post carrying one of the meeting's hashtags. It belongs to the item running when it was posted, less the broadcast delay, as the clerk marked items during the meeting; a hashtag such as #item4 names its item directly.</li>")
                .append("<li>A post repeated, or the same text posted again by the same person, counts once. Reposts are counted separately. A burst of identical posts by five or more accounts counts as one comment and is flagged.</li>")
                .append("<li>Comments flagged for profanity or abuse, and comments the clerk hid, are counted but never quoted. Personal details are removed from quotes. Restricted items show no quotes and no themes.</li>")
                .append("<li>Authors appear only as pseudonyms; unique authors are counted per item.</li>")
                .append("<li>Sentiment is scored with VADER for comments in English; comments in other languages, Welsh included, are counted as unscored rather than scored wrongly.</li>")
                .append("</ul></section>");

        html.append("<footer><p class=\"meta\">Files of this report: <a href=\"").append(Xml.escape(filesBase)).append("report.pdf\">report.pdf</a>, <a href=\"")
                .append(Xml.escape(filesBase)).append("summary.csv\">summary.csv</a> (one row per item), <a href=\"").append(Xml.escape(filesBase))
                .append("comments.csv\">comments.csv</a> (one row per comment), <a href=\"").append(Xml.escape(filesBase))
                .append("report.json\">report.json</a> (everything). Made by ChamberPulse from the meeting's records in Kafka.</p></footer>");
        return html.append("</body></html>\n").toString();
    }

    private static void itemDetail(StringBuilder html, ReportData data, ItemSummary s) {
        html.append("<div class=\"item\" id=\"item-").append(Xml.escape(s.itemId())).append("\"><h3>").append(Xml.escape(data.label(s))).append("</h3>");
        AgendaItem agendaItem = data.agendaItem(s.itemId()).orElse(null);
        if (agendaItem != null && (notBlank(agendaItem.minutesNumber()) || notBlank(agendaItem.externalId()))) {
            html.append("<p class=\"meta\">");
            if (notBlank(agendaItem.minutesNumber())) {
                html.append("Minute ").append(Xml.escape(agendaItem.minutesNumber())).append(". ");
            }
            if (notBlank(agendaItem.externalId())) {
                html.append("Agenda item reference ").append(Xml.escape(agendaItem.externalId())).append('.');
            }
            html.append("</p>");
        }
        html.append("<p>").append(s.count()).append(s.count() == 1 ? " comment" : " comments");
        if (s.count() > 0) {
            html.append(" from ").append(s.uniqueAuthors()).append(s.uniqueAuthors() == 1 ? " author" : " authors")
                    .append(s.firstAt() != null && s.firstAt().equals(s.lastAt()) ? ", at " + time(s.firstAt(), data.zone())
                            : ", between " + time(s.firstAt(), data.zone()) + " and " + time(s.lastAt(), data.zone()));
        }
        html.append("; ").append(s.reposts()).append(s.reposts() == 1 ? " repost" : " reposts");
        if (s.sentiment().mean() != null) {
            html.append("; mean sentiment ").append(mean(s.sentiment().mean()));
        }
        html.append(".</p>");
        if (s.restricted()) {
            html.append("<p><em>Restricted item: comments are counted, but no themes or quotes are shown.</em></p></div>");
            return;
        }
        List<TermCount> themes = s.topTerms().stream().limit(THEMES_PER_ITEM).toList();
        List<TermCount> hashtags = s.topHashtags().stream().limit(THEMES_PER_ITEM).toList();
        if (!themes.isEmpty()) {
            html.append("<p><strong>Top themes:</strong> ").append(terms(themes, "")).append("</p>");
        }
        if (!hashtags.isEmpty()) {
            html.append("<p><strong>Top hashtags:</strong> ").append(terms(hashtags, "#")).append("</p>");
        }
        List<Quote> quotes = s.quotes().stream().limit(QUOTES_PER_ITEM).toList();
        for (Quote quote : quotes) {
            String label = quote.label() == null ? "neutral" : quote.label().name().toLowerCase(Locale.ROOT);
            html.append("<blockquote class=\"").append(label).append("\"><p>").append(Xml.escape(quote.text())).append("</p><p class=\"meta\">")
                    .append(time(quote.at(), data.zone())).append(", ").append(label).append("</p></blockquote>");
        }
        if (quotes.isEmpty() && s.count() > 0 && !Buckets.isBucket(s.itemId())) {
            html.append("<p class=\"meta\">No comment of this item is fit to quote.</p>");
        }
        html.append("</div>");
    }

    private static String terms(List<TermCount> terms, String prefix) {
        return terms.stream().map(t -> Xml.escape(prefix + t.text()) + " (" + t.count() + ")").collect(Collectors.joining(", "));
    }

    private static void chart(StringBuilder html, String id, String heading, String svg) {
        html.append("<section class=\"chart\" aria-labelledby=\"").append(id).append("\"><h2 id=\"").append(id).append("\">")
                .append(Xml.escape(heading)).append("</h2>").append(svg).append("</section>");
    }

    private static void fact(StringBuilder html, String name, String value) {
        html.append("<dt>").append(Xml.escape(name)).append("</dt><dd>").append(Xml.escape(value)).append("</dd>");
    }

    private static void figure(StringBuilder html, String id, String name, long value) {
        html.append("<tr><th scope=\"row\">").append(Xml.escape(name)).append("</th><td id=\"").append(id).append("\">").append(value).append("</td></tr>");
    }

    private static void cell(StringBuilder html, String field, String value) {
        html.append("<td data-field=\"").append(field).append("\">").append(Xml.escape(value)).append("</td>");
    }

    static String mean(Double mean) {
        return mean == null ? "–" : String.format(Locale.UK, "%+.2f", mean);
    }

    private static String time(Instant at, ZoneId zone) {
        return at == null ? "–" : CLOCK.format(at.atZone(zone));
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
