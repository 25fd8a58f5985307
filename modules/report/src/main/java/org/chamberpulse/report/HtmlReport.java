package org.chamberpulse.report;

import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Messages;
import org.chamberpulse.model.SentimentSummary;
import org.chamberpulse.model.TermCount;
import org.chamberpulse.model.Text;
import org.chamberpulse.timeline.Buckets;

/**
 * The report as one self-contained XHTML page: styles inline, charts as inline SVG, nothing fetched.
 * The same page is printed to PDF, so its CSS stays within what a paged-media renderer supports.
 * Its layout and styles are the template {@code report.mustache}; this class says what the page shows.
 */
public final class HtmlReport {

    static final int QUOTES_PER_ITEM = 3;
    static final int THEMES_PER_ITEM = 8;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final List<String> COLUMNS =
            List.of("comments", "reposts", "authors", "flagged", "positive", "neutral", "negative", "unscored", "mean", "first", "last");
    private static final List<String> FILES = List.of("report.pdf", "summary.csv", "comments.csv", "report.json");
    private static final Mustache PAGE = MarkupTemplates.template("report.mustache");

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
        StringWriter html = new StringWriter(64 * 1024);
        PAGE.execute(html, page(data, filesBase, words));
        return html.toString();
    }

    private static Page page(ReportData data, String filesBase, Messages words) {
        ZoneId zone = data.zone();
        var meeting = data.meeting();
        Locale locale = Locale.forLanguageTag(words.language() + "-GB");
        DateTimeFormatter day = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale);
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", locale);

        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(words.text("report.meeting"), meeting.meetingId()));
        facts.add(new Fact(words.text("report.date"), day.format(meeting.scheduledStart().atZone(zone))));
        facts.add(new Fact(words.text("report.hashtags"), meeting.hashtags().stream().map(tag -> "#" + tag).collect(Collectors.joining(" "))));
        facts.add(new Fact(words.text("report.scheduled"), CLOCK.format(meeting.scheduledStart().atZone(zone)) + " (" + zone.getId() + ")"));
        data.timeline().openedAt().ifPresent(at -> facts.add(new Fact(words.text("report.opened"), CLOCK.format(at.atZone(zone)))));
        data.timeline().adjournedAt().ifPresent(at -> facts.add(new Fact(words.text("report.adjourned"), CLOCK.format(at.atZone(zone)))));
        facts.add(new Fact(words.text("report.delay"), words.text("report.delay.value", meeting.broadcastDelaySeconds())));
        facts.add(new Fact(words.text("report.made"), stamp.format(data.generatedAt().atZone(zone))));

        ReportData.Totals totals = data.totals();
        List<Figure> figures = List.of(
                new Figure("total-count", words.text("report.total.count"), totals.count()),
                new Figure("total-reposts", words.text("report.total.reposts"), totals.reposts()),
                new Figure("total-flagged", words.text("report.total.flagged"), totals.flagged()),
                new Figure("total-positive", words.text("report.total.positive"), totals.positive()),
                new Figure("total-neutral", words.text("report.total.neutral"), totals.neutral()),
                new Figure("total-negative", words.text("report.total.negative"), totals.negative()),
                new Figure("total-unscored", words.text("report.total.unscored"), totals.unscored()));
        List<Chart> charts = List.of(
                new Chart("chart-items", words.text("report.chart.items"), Charts.commentsPerItem(data, words)),
                new Chart("chart-timeline", words.text("report.chart.timeline"), Charts.timeline(data, words)),
                new Chart("chart-sentiment", words.text("report.chart.sentiment"), Charts.sentimentPerItem(data, words)));

        return new Page(words.language(), words.text("report.title", meeting.title()),
                words.text("report.page", "\" counter(page) \"", "\" counter(pages) \""),
                notBlank(meeting.body()) ? meeting.body() : null, facts,
                data.adjourned() ? null : new Provisional(words.text("report.provisional.title"), words.text("report.provisional")),
                words.text("report.figures"), figures, charts,
                words.text("report.table"), words.text("report.col.item"), COLUMNS.stream().map(column -> words.text("report.col." + column)).toList(),
                data.summaries().stream().map(s -> row(data, s, words)).toList(), words.text("report.mean.note", zone.getId()),
                words.text("report.details"), data.summaries().stream().map(s -> detail(data, s, words)).toList(),
                words.text("report.method"), IntStream.rangeClosed(1, 4).mapToObj(k -> words.text("report.method." + k)).toList(),
                words.text("report.method.5", words.text("report.model." + scoredBy(data))), files(filesBase, words));
    }

    /** The footer's sentence with a link for each file: the links go in after the words are escaped. */
    private static String files(String filesBase, Messages words) {
        String files = Text.escapeMarkup(words.text("report.files", "%%FILE0%%", "%%FILE1%%", "%%FILE2%%", "%%FILE3%%"));
        for (int k = 0; k < FILES.size(); k++) {
            String file = FILES.get(k);
            files = files.replace("%%FILE" + k + "%%", "<a href=\"" + Text.escapeMarkup(filesBase) + file + "\">" + file + "</a>");
        }
        return files;
    }

    /** What people call an item, the pre, recess and post buckets in the page's language. */
    static String label(ReportData data, ItemSummary s, Messages words) {
        return Buckets.isBucket(s.itemId()) ? words.text("bucket." + s.itemId()) : data.label(s);
    }

    private static Row row(ReportData data, ItemSummary s, Messages words) {
        ZoneId zone = data.zone();
        SentimentSummary sentiment = s.sentiment();
        return new Row(s.itemId(), label(data, s, words), s.restricted() ? words.text("report.restricted") : null, List.of(
                new Cell("count", Long.toString(s.count())),
                new Cell("reposts", Long.toString(s.reposts())),
                new Cell("uniqueAuthors", Long.toString(s.uniqueAuthors())),
                new Cell("flagged", Long.toString(s.flagged())),
                new Cell("positive", Long.toString(sentiment.positive())),
                new Cell("neutral", Long.toString(sentiment.neutral())),
                new Cell("negative", Long.toString(sentiment.negative())),
                new Cell("unscored", Long.toString(sentiment.unscored())),
                new Cell("mean", mean(sentiment.mean())),
                new Cell("firstAt", time(s.firstAt(), zone)),
                new Cell("lastAt", time(s.lastAt(), zone))));
    }

    private static Detail detail(ReportData data, ItemSummary s, Messages words) {
        ZoneId zone = data.zone();
        AgendaItem agendaItem = data.agendaItem(s.itemId()).orElse(null);
        String references = null;
        if (agendaItem != null && (notBlank(agendaItem.minutesNumber()) || notBlank(agendaItem.externalId()))) {
            references = (notBlank(agendaItem.minutesNumber()) ? words.text("report.minute", agendaItem.minutesNumber()) : "")
                    + (notBlank(agendaItem.externalId()) ? words.text("report.reference", agendaItem.externalId()) : "");
        }
        StringBuilder line = new StringBuilder(words.text(s.count() == 1 ? "report.item.comment" : "report.item.comments", s.count()));
        if (s.count() > 0) {
            line.append(words.text(s.uniqueAuthors() == 1 ? "report.item.author" : "report.item.authors", s.uniqueAuthors()))
                    .append(s.firstAt() != null && s.firstAt().equals(s.lastAt()) ? words.text("report.item.at", time(s.firstAt(), zone))
                            : words.text("report.item.between", time(s.firstAt(), zone), time(s.lastAt(), zone)));
        }
        line.append(words.text(s.reposts() == 1 ? "report.item.repost" : "report.item.reposts", s.reposts()));
        if (s.sentiment().mean() != null) {
            line.append(words.text("report.item.mean", mean(s.sentiment().mean())));
        }
        String label = label(data, s, words);
        if (s.restricted()) {
            return new Detail(s.itemId(), label, references, line.toString(), words.text("report.item.restricted"), List.of(), List.of(), null);
        }
        List<Themes> themes = new ArrayList<>();
        List<TermCount> terms = s.topTerms().stream().limit(THEMES_PER_ITEM).toList();
        List<TermCount> hashtags = s.topHashtags().stream().limit(THEMES_PER_ITEM).toList();
        if (!terms.isEmpty()) {
            themes.add(new Themes(words.text("report.item.themes"), terms(terms, "")));
        }
        if (!hashtags.isEmpty()) {
            themes.add(new Themes(words.text("report.item.hashtags"), terms(hashtags, "#")));
        }
        List<QuoteLine> quotes = s.quotes().stream().limit(QUOTES_PER_ITEM).map(quote -> {
            String tone = quote.label() == null ? "neutral" : quote.label().name().toLowerCase(Locale.ROOT);
            return new QuoteLine(tone, quote.text(), time(quote.at(), zone), words.text("report.label." + tone));
        }).toList();
        boolean unquotable = quotes.isEmpty() && s.count() > 0 && !Buckets.isBucket(s.itemId());
        return new Detail(s.itemId(), label, references, line.toString(), null, themes, quotes, unquotable ? words.text("report.item.unquotable") : null);
    }

    private static String terms(List<TermCount> terms, String prefix) {
        return terms.stream().map(t -> prefix + t.text() + " (" + t.count() + ")").collect(Collectors.joining(", "));
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

    // What report.mustache reads, by the names it uses. Its {{{triple}}} fields are markup made here.
    private record Page(String language, String title, String pageCounter, String body, List<Fact> facts, Provisional provisional,
                        String figuresHeading, List<Figure> figures, List<Chart> charts,
                        String tableHeading, String itemColumn, List<String> columns, List<Row> rows, String meanNote,
                        String detailsHeading, List<Detail> details, String methodHeading, List<String> method, String modelNote, String files) {
    }

    private record Fact(String name, String value) {
    }

    private record Provisional(String heading, String text) {
    }

    private record Figure(String id, String name, long value) {
    }

    private record Chart(String id, String heading, String svg) {
    }

    private record Row(String itemId, String label, String restrictedMark, List<Cell> cells) {
    }

    private record Cell(String field, String value) {
    }

    /** An item's paragraph: a restricted item has its note instead of themes and quotes. */
    private record Detail(String itemId, String label, String references, String summaryLine, String restrictedNote,
                          List<Themes> themes, List<QuoteLine> quotes, String unquotable) {
    }

    private record Themes(String name, String words) {
    }

    private record QuoteLine(String tone, String text, String time, String toneText) {
    }
}
