package org.chamberpulse.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Messages;
import org.chamberpulse.model.Quote;
import org.chamberpulse.model.SentimentSummary;
import org.chamberpulse.model.TermCount;
import org.chamberpulse.model.Text;
import org.chamberpulse.timeline.Buckets;

/**
 * The report as one self-contained XHTML page: styles inline, charts as inline SVG, nothing fetched.
 * The same page is printed to PDF, so its CSS stays within what a paged-media renderer supports.
 */
public final class HtmlReport {

    static final int QUOTES_PER_ITEM = 3;
    static final int THEMES_PER_ITEM = 8;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    private static final String STYLE = """
            @page { size: A4; margin: 16mm 14mm 18mm 14mm;
              @bottom-center { content: PAGE_COUNTER; font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8pt; color: #454545; } }
            html { font-family: "DejaVu Sans", Arial, sans-serif; color: #1b1b1b; font-size: 10pt; line-height: 1.4; }
            body { margin: 0 auto; max-width: 190mm; }
            header, section, footer { display: block; }
            h1 { font-size: 17pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 16pt 0 6pt; border-bottom: 1px solid #c8c8c8; }
            h3 { font-size: 11pt; margin: 12pt 0 4pt; page-break-after: avoid; }
            .status { border-left: 4px solid #a4161a; padding: 3pt 8pt; background: #fdf2f2; }
            table { border-collapse: collapse; width: 100%; font-size: 8pt; }
            #items { table-layout: fixed; } #items th.item { width: 30%; }
            th, td { border-bottom: 1px solid #c8c8c8; padding: 2pt 3pt; text-align: right; vertical-align: top; }
            th { background: #f0f0f0; padding-left: 5pt; } th.item, td.item { text-align: left; }
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
        return render(data, filesBase, Messages.of(Messages.ENGLISH));
    }

    /** The page in a language (issue 21): every word from its messages, dates in its own forms. */
    public static String render(ReportData data, String filesBase, Messages words) {
        ZoneId zone = data.zone();
        var meeting = data.meeting();
        Locale locale = Locale.forLanguageTag(words.language() + "-GB");
        DateTimeFormatter day = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale);
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", locale);
        String title = words.text("report.title", meeting.title());
        String pageCounter = words.text("report.page", "\" counter(page) \"", "\" counter(pages) \"");
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"").append(words.language()).append("\"><head><meta charset=\"utf-8\"/>")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
                .append("<title>").append(Text.escapeMarkup(title)).append("</title><style>")
                .append(STYLE.replace("PAGE_COUNTER", "\"" + pageCounter + "\"")).append("</style></head><body>");

        html.append("<header><h1>").append(Text.escapeMarkup(title)).append("</h1>");
        if (meeting.body() != null && !meeting.body().isBlank()) {
            html.append("<p>").append(Text.escapeMarkup(meeting.body())).append("</p>");
        }
        html.append("<dl class=\"facts\">");
        fact(html, words.text("report.meeting"), meeting.meetingId());
        fact(html, words.text("report.date"), day.format(meeting.scheduledStart().atZone(zone)));
        fact(html, words.text("report.hashtags"), meeting.hashtags().stream().map(tag -> "#" + tag).collect(Collectors.joining(" ")));
        fact(html, words.text("report.scheduled"), CLOCK.format(meeting.scheduledStart().atZone(zone)) + " (" + zone.getId() + ")");
        data.timeline().openedAt().ifPresent(at -> fact(html, words.text("report.opened"), CLOCK.format(at.atZone(zone))));
        data.timeline().adjournedAt().ifPresent(at -> fact(html, words.text("report.adjourned"), CLOCK.format(at.atZone(zone))));
        fact(html, words.text("report.delay"), words.text("report.delay.value", meeting.broadcastDelaySeconds()));
        fact(html, words.text("report.made"), stamp.format(data.generatedAt().atZone(zone)));
        html.append("</dl>");
        if (!data.adjourned()) {
            html.append("<p class=\"status\" role=\"note\"><strong>").append(Text.escapeMarkup(words.text("report.provisional.title"))).append("</strong> ")
                    .append(Text.escapeMarkup(words.text("report.provisional"))).append("</p>");
        }
        html.append("</header>");

        ReportData.Totals totals = data.totals();
        html.append("<section aria-labelledby=\"figures\"><h2 id=\"figures\">").append(Text.escapeMarkup(words.text("report.figures")))
                .append("</h2><table class=\"figures\"><tbody>");
        figure(html, "total-count", words.text("report.total.count"), totals.count());
        figure(html, "total-reposts", words.text("report.total.reposts"), totals.reposts());
        figure(html, "total-flagged", words.text("report.total.flagged"), totals.flagged());
        figure(html, "total-positive", words.text("report.total.positive"), totals.positive());
        figure(html, "total-neutral", words.text("report.total.neutral"), totals.neutral());
        figure(html, "total-negative", words.text("report.total.negative"), totals.negative());
        figure(html, "total-unscored", words.text("report.total.unscored"), totals.unscored());
        html.append("</tbody></table></section>");

        chart(html, "chart-items", words.text("report.chart.items"), Charts.commentsPerItem(data, words));
        chart(html, "chart-timeline", words.text("report.chart.timeline"), Charts.timeline(data, words));
        chart(html, "chart-sentiment", words.text("report.chart.sentiment"), Charts.sentimentPerItem(data, words));

        // The column names are the messages' own markup: soft hyphens (&#173;) where a narrow column may break them.
        html.append("<section aria-labelledby=\"table\"><h2 id=\"table\">").append(Text.escapeMarkup(words.text("report.table")))
                .append("</h2><table id=\"items\"><thead><tr><th class=\"item\" scope=\"col\">").append(words.text("report.col.item")).append("</th>");
        for (String column : List.of("comments", "reposts", "authors", "flagged", "positive", "neutral", "negative", "unscored", "mean", "first", "last")) {
            html.append("<th scope=\"col\">").append(words.text("report.col." + column)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (ItemSummary s : data.summaries()) {
            html.append("<tr data-item=\"").append(Text.escapeMarkup(s.itemId())).append("\"><th class=\"item\" scope=\"row\">")
                    .append(Text.escapeMarkup(label(data, s, words))).append(s.restricted() ? Text.escapeMarkup(words.text("report.restricted")) : "").append("</th>");
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
        html.append("</tbody></table><p class=\"meta\">").append(Text.escapeMarkup(words.text("report.mean.note", zone.getId()))).append("</p></section>");

        html.append("<section aria-labelledby=\"details\"><h2 id=\"details\">").append(Text.escapeMarkup(words.text("report.details"))).append("</h2>");
        for (ItemSummary s : data.summaries()) {
            itemDetail(html, data, s, words);
        }
        html.append("</section>");

        html.append("<section aria-labelledby=\"method\"><h2 id=\"method\">").append(Text.escapeMarkup(words.text("report.method"))).append("</h2><ul>");
        for (int k = 1; k <= 4; k++) {
            html.append("<li>").append(Text.escapeMarkup(words.text("report.method." + k))).append("</li>");
        }
        html.append("<li id=\"sentiment-model\">").append(Text.escapeMarkup(words.text("report.method.5", words.text("report.model." + scoredBy(data))))).append("</li>");
        html.append("</ul></section>");

        // The links go in after the words are escaped.
        String files = Text.escapeMarkup(words.text("report.files", "%%FILE0%%", "%%FILE1%%", "%%FILE2%%", "%%FILE3%%"));
        List<String> names = List.of("report.pdf", "summary.csv", "comments.csv", "report.json");
        for (int k = 0; k < names.size(); k++) {
            files = files.replace("%%FILE" + k + "%%", link(filesBase, names.get(k)));
        }
        html.append("<footer><p class=\"meta\">").append(files).append("</p></footer>");
        return html.append("</body></html>\n").toString();
    }

    private static String link(String filesBase, String file) {
        return "<a href=\"" + Text.escapeMarkup(filesBase) + file + "\">" + file + "</a>";
    }

    /** What people call an item, the pre, recess and post buckets in the page's language. */
    static String label(ReportData data, ItemSummary s, Messages words) {
        return Buckets.isBucket(s.itemId()) ? words.text("bucket." + s.itemId()) : data.label(s);
    }

    private static void itemDetail(StringBuilder html, ReportData data, ItemSummary s, Messages words) {
        html.append("<div class=\"item\" id=\"item-").append(Text.escapeMarkup(s.itemId())).append("\"><h3>").append(Text.escapeMarkup(label(data, s, words))).append("</h3>");
        AgendaItem agendaItem = data.agendaItem(s.itemId()).orElse(null);
        if (agendaItem != null && (notBlank(agendaItem.minutesNumber()) || notBlank(agendaItem.externalId()))) {
            html.append("<p class=\"meta\">");
            if (notBlank(agendaItem.minutesNumber())) {
                html.append(Text.escapeMarkup(words.text("report.minute", agendaItem.minutesNumber())));
            }
            if (notBlank(agendaItem.externalId())) {
                html.append(Text.escapeMarkup(words.text("report.reference", agendaItem.externalId())));
            }
            html.append("</p>");
        }
        StringBuilder line = new StringBuilder(words.text(s.count() == 1 ? "report.item.comment" : "report.item.comments", s.count()));
        if (s.count() > 0) {
            line.append(words.text(s.uniqueAuthors() == 1 ? "report.item.author" : "report.item.authors", s.uniqueAuthors()))
                    .append(s.firstAt() != null && s.firstAt().equals(s.lastAt()) ? words.text("report.item.at", time(s.firstAt(), data.zone()))
                            : words.text("report.item.between", time(s.firstAt(), data.zone()), time(s.lastAt(), data.zone())));
        }
        line.append(words.text(s.reposts() == 1 ? "report.item.repost" : "report.item.reposts", s.reposts()));
        if (s.sentiment().mean() != null) {
            line.append(words.text("report.item.mean", mean(s.sentiment().mean())));
        }
        html.append("<p>").append(Text.escapeMarkup(line.toString())).append(".</p>");
        if (s.restricted()) {
            html.append("<p><em>").append(Text.escapeMarkup(words.text("report.item.restricted"))).append("</em></p></div>");
            return;
        }
        List<TermCount> themes = s.topTerms().stream().limit(THEMES_PER_ITEM).toList();
        List<TermCount> hashtags = s.topHashtags().stream().limit(THEMES_PER_ITEM).toList();
        if (!themes.isEmpty()) {
            html.append("<p><strong>").append(Text.escapeMarkup(words.text("report.item.themes"))).append("</strong> ").append(terms(themes, "")).append("</p>");
        }
        if (!hashtags.isEmpty()) {
            html.append("<p><strong>").append(Text.escapeMarkup(words.text("report.item.hashtags"))).append("</strong> ").append(terms(hashtags, "#")).append("</p>");
        }
        List<Quote> quotes = s.quotes().stream().limit(QUOTES_PER_ITEM).toList();
        for (Quote quote : quotes) {
            String label = quote.label() == null ? "neutral" : quote.label().name().toLowerCase(Locale.ROOT);
            html.append("<blockquote class=\"").append(label).append("\"><p>").append(Text.escapeMarkup(quote.text())).append("</p><p class=\"meta\">")
                    .append(time(quote.at(), data.zone())).append(", ").append(Text.escapeMarkup(words.text("report.label." + label))).append("</p></blockquote>");
        }
        if (quotes.isEmpty() && s.count() > 0 && !Buckets.isBucket(s.itemId())) {
            html.append("<p class=\"meta\">").append(Text.escapeMarkup(words.text("report.item.unquotable"))).append("</p>");
        }
        html.append("</div>");
    }

    private static String terms(List<TermCount> terms, String prefix) {
        return terms.stream().map(t -> Text.escapeMarkup(prefix + t.text()) + " (" + t.count() + ")").collect(Collectors.joining(", "));
    }

    private static void chart(StringBuilder html, String id, String heading, String svg) {
        html.append("<section class=\"chart\" aria-labelledby=\"").append(id).append("\"><h2 id=\"").append(id).append("\">")
                .append(Text.escapeMarkup(heading)).append("</h2>").append(svg).append("</section>");
    }

    private static void fact(StringBuilder html, String name, String value) {
        html.append("<dt>").append(Text.escapeMarkup(name)).append("</dt><dd>").append(Text.escapeMarkup(value)).append("</dd>");
    }

    private static void figure(StringBuilder html, String id, String name, long value) {
        html.append("<tr><th scope=\"row\">").append(Text.escapeMarkup(name)).append("</th><td id=\"").append(id).append("\">").append(value).append("</td></tr>");
    }

    private static void cell(StringBuilder html, String field, String value) {
        html.append("<td data-field=\"").append(field).append("\">").append(Text.escapeMarkup(value)).append("</td>");
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

    /**
     * Which model scored the meeting's comments, as the item summaries say: tuned, vader, mixed or none (a
     * summary from before summaries named the model was VADER's).
     */
    static String scoredBy(ReportData data) {
        Set<String> models = new TreeSet<>();
        for (ItemSummary s : data.summaries()) {
            SentimentSummary sentiment = s.sentiment();
            if (sentiment.model() != null) {
                models.addAll(List.of(sentiment.model().split("\\+")));
            } else if (sentiment.positive() + sentiment.neutral() + sentiment.negative() > 0) {
                models.add("vader");
            }
        }
        if (models.size() > 1) {
            return "mixed";
        }
        return models.isEmpty() ? "none" : models.iterator().next();
    }
}
