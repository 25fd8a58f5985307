package org.chamberpulse.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Messages;

/**
 * The spreadsheet files of the report: RFC 4180 CSV in UTF-8 with a header row. Times come twice, as
 * ISO-8601 UTC (for programs) and as local wall-clock time in the meeting's zone (for people).
 */
public final class CsvReport {

    public static final List<String> SUMMARY_COLUMNS = List.of("itemId", "externalId", "minutesNumber", "number", "title", "restricted",
            "count", "reposts", "uniqueAuthors", "flagged", "positive", "neutral", "negative", "unscored", "meanSentiment",
            "firstAt", "lastAt", "firstAtLocal", "lastAtLocal", "version");
    public static final List<String> COMMENT_COLUMNS = List.of("id", "source", "author", "createdAt", "createdAtLocal", "itemId", "itemNumber",
            "label", "compound", "lang", "flags", "text", "withheld");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private CsvReport() {
    }

    /** One row per item (and per pre, recess and post bucket that holds anything), in meeting order. */
    public static String summary(ReportData data) {
        return summary(data, Messages.of(Messages.ENGLISH));
    }

    /** With the column names in a language: the English ones are the field names, stable for scripts. */
    public static String summary(ReportData data, Messages words) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter csv = format(SUMMARY_COLUMNS, words).print(out)) {
            for (ItemSummary s : data.summaries()) {
                AgendaItem item = data.agendaItem(s.itemId()).orElse(null);
                csv.printRecord(cells(s.itemId(), item == null ? null : item.externalId(), item == null ? null : item.minutesNumber(),
                        s.number(), s.title() == null ? data.label(s) : s.title(), s.restricted(), s.count(), s.reposts(), s.uniqueAuthors(), s.flagged(),
                        s.sentiment().positive(), s.sentiment().neutral(), s.sentiment().negative(), s.sentiment().unscored(),
                        s.sentiment().mean(), s.firstAt(), s.lastAt(), local(s.firstAt(), data.zone()), local(s.lastAt(), data.zone()), s.version()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** One row per counted comment (reposts are figures, not comments), in order of posting. */
    public static String comments(ReportData data) {
        return comments(data, Messages.of(Messages.ENGLISH));
    }

    public static String comments(ReportData data, Messages words) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter csv = format(COMMENT_COLUMNS, words).print(out)) {
            for (ReportComment c : ReportJson.comments(data)) {
                csv.printRecord(cells(c.id(), c.source(), c.author(), c.createdAt(), local(c.createdAt(), data.zone()), c.itemId(), c.itemNumber(),
                        c.label() == null ? null : c.label().name().toLowerCase(Locale.ROOT), c.compound(), c.lang(), String.join(" ", c.flags()),
                        c.text(), c.withheld()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The values of a row with every text that a spreadsheet would read as a formula neutralised (OWASP's
     * CSV-injection rule): one starting with =, +, -, @, a tab or a carriage return gets a leading quote.
     * Numbers stay numbers (a negative sentiment is not a formula).
     */
    static Object[] cells(Object... values) {
        Object[] safe = values.clone();
        for (int k = 0; k < safe.length; k++) {
            if (safe[k] instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
                safe[k] = "'" + text;
            }
        }
        return safe;
    }

    private static CSVFormat format(List<String> header, Messages words) {
        return CSVFormat.RFC4180.builder().setHeader(header.stream().map(column -> {
            String named = words.text("csv." + column);
            return named.equals("csv." + column) ? column : named;
        }).toArray(String[]::new)).get();
    }

    private static String local(Instant at, ZoneId zone) {
        return at == null ? null : LOCAL.format(at.atZone(zone));
    }
}
