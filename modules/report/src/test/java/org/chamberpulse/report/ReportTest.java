package org.chamberpulse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Messages;
import org.chamberpulse.model.Quote;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.model.SentimentSummary;
import org.chamberpulse.model.TermCount;
import org.chamberpulse.timeline.MeetingTimeline;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

class ReportTest {

    private final ReportData data = ReportFixtures.data();
    private final Map<String, ItemSummary> summaries = ReportFixtures.summaries();

    @Test
    void shouldShowEveryFigureOfEverySummaryInTheItemTable() {
        // when
        Document html = Jsoup.parse(HtmlReport.render(data, ""));

        // then
        List<Element> rows = html.select("#items tbody tr");
        assertThat(rows).extracting(row -> row.attr("data-item")).containsExactly("1", "2", "3", "recess");
        for (Element row : rows) {
            ItemSummary s = summaries.get(row.attr("data-item"));
            assertThat(field(row, "count")).isEqualTo(Long.toString(s.count()));
            assertThat(field(row, "reposts")).isEqualTo(Long.toString(s.reposts()));
            assertThat(field(row, "uniqueAuthors")).isEqualTo(Long.toString(s.uniqueAuthors()));
            assertThat(field(row, "flagged")).isEqualTo(Long.toString(s.flagged()));
            assertThat(field(row, "positive")).isEqualTo(Long.toString(s.sentiment().positive()));
            assertThat(field(row, "neutral")).isEqualTo(Long.toString(s.sentiment().neutral()));
            assertThat(field(row, "negative")).isEqualTo(Long.toString(s.sentiment().negative()));
            assertThat(field(row, "unscored")).isEqualTo(Long.toString(s.sentiment().unscored()));
            assertThat(field(row, "mean")).isEqualTo(HtmlReport.mean(s.sentiment().mean()));
        }
        assertThat(html.getElementById("total-count").text()).isEqualTo("9");
        assertThat(html.getElementById("total-reposts").text()).isEqualTo("3");
        assertThat(html.select("#items tbody tr[data-item=2] td[data-field=firstAt]").text()).isEqualTo("14:11");
    }

    @Test
    void shouldDrawTheThreeChartsAsInlineSvgWithTheRecessShadedAndTheItemStartsMarked() {
        // when
        Document html = Jsoup.parse(HtmlReport.render(data, ""));

        // then
        assertThat(html.select("svg")).hasSize(3).allSatisfy(svg -> assertThat(svg.attr("xmlns")).isEqualTo("http://www.w3.org/2000/svg"));
        Element timeline = html.selectFirst("#chart-timeline + svg");
        assertThat(timeline.select("g > title")).extracting(Element::text)
                .contains("Recess", "Item 1. starts at 14:01", "Item 2. starts at 14:10", "Item 3. starts at 14:50", "14:11: 3 comments");
        Element sentiment = html.selectFirst("#chart-sentiment + svg");
        assertThat(sentiment.select("g > title")).extracting(Element::text)
                .contains("2. Gwasanaethau ŵyr ac ŷd: bus & tram services: 1 positive, 1 neutral, 2 negative, 1 unscored");
    }

    @Test
    void shouldQuoteModeratedCommentsButNothingOfARestrictedItem() {
        // when
        Document html = Jsoup.parse(HtmlReport.render(data, ""));

        // then
        assertThat(html.select("#item-2 blockquote")).extracting(Element::text)
                .containsExactly("Buses <always> late & crowded 14:20, negative", "Mae'r bysiau'n hwyr 14:11, unscored");
        assertThat(html.select("#item-3 blockquote")).isEmpty();
        assertThat(html.select("#item-3").text()).contains("Restricted item").doesNotContain("Why is this secret");
        assertThat(html.text()).doesNotContain("bollocks");
    }

    @Test
    void shouldNameTheModelThatScoredTheComments() {
        // given: the same meeting with its recess scored by VADER (the setting changed during the meeting)
        Map<String, ItemSummary> changed = new LinkedHashMap<>(summaries);
        ItemSummary recess = changed.get("recess");
        changed.put("recess", new ItemSummary(recess.meetingId(), recess.itemId(), recess.number(), recess.title(), recess.count(), recess.reposts(),
                recess.uniqueAuthors(), new SentimentSummary(0.6, 1, 0, 0, 0, "vader"), recess.perMinute(), recess.topHashtags(),
                recess.topTerms(), recess.flagged(), recess.restricted(), recess.firstAt(), recess.lastAt(), recess.quotes(), recess.version(),
                recess.lastReceivedAt()));

        // when
        Document tuned = Jsoup.parse(HtmlReport.render(data, ""));
        Document mixed = Jsoup.parse(HtmlReport.render(ReportData.of(ReportFixtures.timeline(), changed, List.of(), data.generatedAt()), ""));

        // then
        assertThat(tuned.select("#sentiment-model").text()).contains("tuned model, trained on tweets labelled by people");
        assertThat(mixed.select("#sentiment-model").text()).contains("partly by ChamberPulse's tuned model and partly by VADER 3.3.1");
    }

    @Test
    void shouldMarkAReportOfAMeetingNotYetAdjournedAsProvisional() {
        // given
        var timeline = new MeetingTimeline(ReportFixtures.MEETING_ID, ReportFixtures.meeting(), List.of());
        ReportData running = ReportData.of(timeline, summaries, List.of(), data.generatedAt());

        // when
        Document html = Jsoup.parse(HtmlReport.render(running, ""));

        // then
        assertThat(html.select(".status").text()).startsWith("Provisional.");
        assertThat(Jsoup.parse(HtmlReport.render(data, "")).select(".status")).isEmpty();
    }

    @Test
    void shouldWriteOneSummaryRowPerItemKeyedByTheCouncilsIdentifiers() throws Exception {
        // when
        List<CSVRecord> rows = csv(CsvReport.summary(data));

        // then
        assertThat(rows).extracting(r -> r.get("itemId")).containsExactly("1", "2", "3", "recess");
        CSVRecord item2 = rows.get(1);
        assertThat(item2.get("externalId")).isEqualTo("63002");
        assertThat(item2.get("minutesNumber")).isEqualTo("102");
        assertThat(item2.get("title")).isEqualTo("Gwasanaethau ŵyr ac ŷd: bus & tram services");
        assertThat(item2.get("count")).isEqualTo("5");
        assertThat(item2.get("reposts")).isEqualTo("3");
        assertThat(item2.get("uniqueAuthors")).isEqualTo("4");
        assertThat(item2.get("negative")).isEqualTo("2");
        assertThat(item2.get("meanSentiment")).isEqualTo("-0.25");
        assertThat(item2.get("firstAt")).isEqualTo("2026-11-27T14:11:30Z");
        assertThat(item2.get("firstAtLocal")).isEqualTo("2026-11-27 14:11:30");
        assertThat(rows.get(2).get("restricted")).isEqualTo("true");
    }

    @Test
    void shouldListCommentsPseudonymouslyWithTheTextOfFlaggedAndRestrictedOnesWithheld() throws Exception {
        // when
        List<CSVRecord> rows = csv(CsvReport.comments(data));

        // then
        assertThat(rows).extracting(r -> r.get("id")).doesNotContain("web:8").hasSize(9);
        assertThat(rows).filteredOn(r -> r.get("id").equals("web:3")).singleElement()
                .satisfies(r -> assertThat(r.get("text")).isEmpty())
                .satisfies(r -> assertThat(r.get("withheld")).isEqualTo("profanity"));
        assertThat(rows).filteredOn(r -> r.get("id").equals("web:9")).singleElement()
                .satisfies(r -> assertThat(r.get("text")).isEmpty())
                .satisfies(r -> assertThat(r.get("withheld")).isEqualTo("restricted item"));
        assertThat(rows).filteredOn(r -> r.get("id").equals("web:5")).singleElement()
                .satisfies(r -> assertThat(r.get("text")).isEqualTo("Buses <always> late & crowded"))
                .satisfies(r -> assertThat(r.get("author")).isEqualTo("a5"))
                .satisfies(r -> assertThat(r.get("itemNumber")).isEqualTo("2."));
    }

    @Test
    void shouldNeutraliseEveryCellASpreadsheetWouldReadAsAFormula() throws Exception {
        // given: comments and an item title as an attacker writes them
        List<String> formulas = List.of("=HYPERLINK(\"http://evil.example\",\"click\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
                "\t=1+1", "\r=1+1");
        List<ScoredComment> comments = new ArrayList<>();
        for (int k = 0; k < formulas.size(); k++) {
            Comment c = new Comment("web:f" + k, "web", "=author" + k, formulas.get(k), List.of("cdflive"),
                    data.timeline().meeting().scheduledStart().plusSeconds(60 + k), data.timeline().meeting().scheduledStart().plusSeconds(61 + k), "en", null);
            comments.add(new ScoredComment(c, data.meeting().meetingId(), "1", Sentiment.NONE, List.of()));
        }
        ReportData attacked = new ReportData(data.timeline(), data.summaries(), comments, data.generatedAt());

        // when
        List<CSVRecord> rows = csv(CsvReport.comments(attacked));

        // then: every text cell starts with a quote; the text is otherwise intact
        assertThat(rows).extracting(r -> r.get("text")).containsExactlyElementsOf(formulas.stream().map(f -> "'" + f).toList());
        assertThat(rows).extracting(r -> r.get("author")).allSatisfy(author -> assertThat(author).startsWith("'="));
        assertThat(CsvReport.cells(-0.5, "plain", "-minus")).containsExactly(-0.5, "plain", "'-minus");
    }

    @Test
    void shouldEscapeEveryWordOfTheMeetingAndItsCommentsInWellFormedXhtml() throws Exception {
        // given: markup, quotes, template tags and control characters where the council and the public write
        Meeting m = ReportFixtures.meeting();
        String hostile = "<script>alert('x')</script> & \"co\" {{title}}{{{files}}}\u0001";
        Meeting meeting = new Meeting(m.meetingId(), "Cabinet " + hostile, "Body " + hostile, m.hashtags(), m.scheduledStart(), m.timezone(),
                m.broadcastDelaySeconds(), List.of(new AgendaItem("1", "1.", "Item " + hostile, false, "ref " + hostile, "min " + hostile),
                        m.items().get(1), m.items().get(2)));
        Map<String, ItemSummary> byItem = new LinkedHashMap<>(summaries);
        ItemSummary first = byItem.get("1");
        byItem.put("1", new ItemSummary(first.meetingId(), first.itemId(), first.number(), "Item " + hostile, first.count(), first.reposts(),
                first.uniqueAuthors(), first.sentiment(), first.perMinute(), List.of(new TermCount("tag" + hostile, 3)), List.of(new TermCount("term" + hostile, 3)),
                first.flagged(), first.restricted(), first.firstAt(), first.lastAt(),
                List.of(new Quote("web:1", "Quote " + hostile, first.firstAt(), Sentiment.Label.NEUTRAL)), first.version(), first.lastReceivedAt()));
        ReportData hostileData = ReportData.of(new MeetingTimeline(m.meetingId(), meeting, List.of()), byItem, List.of(), data.generatedAt());

        // when
        String page = HtmlReport.render(hostileData, "https://example.org/r?a=1&b='2'/");

        // then
        var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(page)));
        assertThat(xml.getElementsByTagName("script").getLength()).isZero();
        String shown = "<script>alert('x')</script> & \"co\" {{title}}{{{files}}}";
        Document html = Jsoup.parse(page);
        assertThat(html.title()).isEqualTo("Public comments: Cabinet " + shown);
        assertThat(html.select("header p").first().text()).isEqualTo("Body " + shown);
        assertThat(html.select("#item-1 h3").text()).isEqualTo("1. Item " + shown);
        assertThat(html.select("#item-1 p.meta").first().text()).contains("min " + shown, "ref " + shown);
        assertThat(html.select("#item-1 p").text()).contains("term" + shown + " (3)", "#tag" + shown + " (3)");
        assertThat(html.select("#item-1 blockquote p").first().text()).isEqualTo("Quote " + shown);
        assertThat(html.select("section[aria-labelledby=chart-items] svg text").eachText()).anyMatch(label -> label.startsWith("1. Item <script>"));
        assertThat(html.select("footer a").first().attr("href")).isEqualTo("https://example.org/r?a=1&b='2'/report.pdf");
        assertThat(new Report(hostileData, "").render(Report.File.PDF)).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldPrintThePdfWithItsWelshLettersAndFigures() throws Exception {
        // when
        byte[] pdf = new Report(data, "").render(Report.File.PDF);

        // then
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Gwasanaethau ŵyr ac ŷd", "Comments per minute", "Sentiment per item", "Figures per item");
            assertThat(text).doesNotContain("#yr", "#d:");
        }
    }

    @Test
    void shouldMakeTheWholeReportInWelsh() throws Exception {
        // given
        Messages welsh = Messages.of("cy");

        // when
        Document html = Jsoup.parse(HtmlReport.render(data, "", welsh));
        byte[] pdf = new Report(data, "", welsh).render(Report.File.PDF);
        List<CSVRecord> rows = csv(new String(new Report(data, "", welsh).render(Report.File.SUMMARY_CSV), StandardCharsets.UTF_8));

        // then: the page says it is Welsh and is, with Welsh dates, in the PDF too with ŵ and ŷ
        assertThat(html.selectFirst("html").attr("lang")).isEqualTo("cy");
        assertThat(html.select("h2").eachText()).contains("Y cyfarfod mewn ffigurau", "Sylwadau fesul eitem", "Ffigurau fesul eitem", "Eitem wrth eitem");
        assertThat(html.select("dl.facts").text()).contains("Dyddiad").containsPattern("(?i)dydd (Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul)");
        assertThat(html.text()).doesNotContain("Comments per item", "Figures per item", "How these figures are made");
        assertThat(html.select("svg title").eachText()).isNotEmpty().noneMatch(title -> title.contains("comment"))
                .contains("2. Gwasanaethau ŵyr ac ŷd: bus & tram services: 5 o sylwadau", "1. Apologies: 2 o sylwadau", "14:02: 1 sylw");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Gwasanaethau ŵyr ac ŷd", "Sylwadau fesul munud", "Teimlad fesul eitem", "Tudalen 1 o");
        }
        assertThat(rows.get(0).isMapped("sylwadau")).isTrue();
    }

    @Test
    void shouldPutEverythingInTheJsonDocument() throws Exception {
        // when
        var json = Json.MAPPER.readTree(new Report(data, "").render(Report.File.JSON));

        // then
        assertThat(json.get("meetingId").asText()).isEqualTo(ReportFixtures.MEETING_ID);
        assertThat(json.get("provisional").asBoolean()).isFalse();
        assertThat(json.get("items")).hasSize(4);
        assertThat(json.get("items").get(1).get("count").asLong()).isEqualTo(5);
        assertThat(json.get("comments")).hasSize(9);
        assertThat(json.get("agendaEvents")).hasSize(7);
        assertThat(json.get("totals").get("count").asLong()).isEqualTo(9);
    }

    private static String field(Element row, String name) {
        return row.selectFirst("td[data-field=" + name + "]").text();
    }

    private static List<CSVRecord> csv(String text) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
    }
}
