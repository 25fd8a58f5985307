package org.chamberpulse.report;

import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Messages;
import org.chamberpulse.model.SentimentSummary;
import org.chamberpulse.timeline.Buckets;
import org.chamberpulse.timeline.Segment;

/**
 * The report's charts as inline SVG, drawn from the summaries alone. Each carries a title and a
 * description for screen readers; the tables of the report hold the same figures as text.
 */
final class Charts {

    static final String POSITIVE = "#1d6b36";
    static final String NEUTRAL = "#5c5c5c";
    static final String NEGATIVE = "#a4161a";
    static final String UNSCORED = "#b8b8b8";
    private static final String BAR = "#0b4f8a";
    private static final String RECESS_SHADE = "#e6e6e6";
    private static final String INK = "#1b1b1b";
    private static final String GRID = "#d0d0d0";

    private static final int WIDTH = 680;
    private static final int LABEL_WIDTH = 250;
    private static final int ROW = 22;
    private static final int FONT = 11;
    private static final int LABEL_CHARS = 38;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final List<Integer> TICK_MINUTES = List.of(1, 2, 5, 10, 15, 30, 60, 120, 240, 480);
    private static final Mustache CHART = MarkupTemplates.template("chart.mustache");

    private Charts() {
    }

    /** Horizontal bars: comments per item. */
    static String commentsPerItem(ReportData data, Messages words) {
        List<ItemSummary> rows = data.summaries();
        long max = Math.max(1, rows.stream().mapToLong(ItemSummary::count).max().orElse(1));
        int barSpace = WIDTH - LABEL_WIDTH - 60;
        int height = rows.size() * ROW + 10;
        List<Mark> marks = new ArrayList<>();
        int y = 5;
        for (ItemSummary s : rows) {
            String label = HtmlReport.label(data, s, words);
            int length = (int) Math.round((double) s.count() * barSpace / max);
            marks.add(new Mark(comments(words, label, s.count()), List.of(
                    text(LABEL_WIDTH - 8, y + 15, "end", shorten(label, LABEL_CHARS)),
                    rect(LABEL_WIDTH, y + 3, Math.max(length, s.count() > 0 ? 1 : 0), ROW - 6, BAR),
                    text(LABEL_WIDTH + length + 6, y + 15, "start", Long.toString(s.count())))));
            y += ROW;
        }
        return draw("items", height, words.text("report.chart.items"), words.text("report.chart.items.desc"), marks);
    }

    /**
     * Columns of comments per minute over the whole meeting, by reference time (posting time less the
     * broadcast delay), with a line where each item starts and the recess shaded.
     */
    static String timeline(ReportData data, Messages words) {
        NavigableMap<Instant, Long> minutes = data.perMinute();
        List<Segment> segments = data.segments();
        int height = 240;
        String title = words.text("report.chart.timeline");
        String description = words.text("report.chart.timeline.desc");
        List<Mark> marks = new ArrayList<>();
        if (minutes.isEmpty()) {
            marks.add(Mark.of(text(WIDTH / 2, height / 2, "middle", words.text("report.chart.none"))));
            return draw("timeline", height, title, description, marks);
        }
        Instant first = minutes.keySet().iterator().next();
        Instant last = minutes.lastKey().plus(Duration.ofMinutes(1));
        for (Segment segment : segments) {
            first = min(first, segment.from());
            last = max(last, segment.from().plus(Duration.ofMinutes(1)));
        }
        first = Instant.ofEpochSecond(Math.floorDiv(first.getEpochSecond(), 60) * 60);
        long span = Math.max(1, Duration.between(first, last).toMinutes());
        int left = 44;
        int right = WIDTH - 10;
        int top = 34;
        int bottom = height - 36;
        double perMinute = (double) (right - left) / span;
        long peak = Math.max(1, minutes.values().stream().mapToLong(Long::longValue).max().orElse(1));
        long yStep = niceStep(peak);
        long yMax = ((peak + yStep - 1) / yStep) * yStep;
        Instant start = first;
        Function<Instant, Double> xOf = t -> left + Duration.between(start, t).toSeconds() / 60.0 * perMinute;

        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (!segment.itemId().equals(Buckets.RECESS)) {
                continue;
            }
            Instant until = i + 1 < segments.size() ? segments.get(i + 1).from() : last;
            double x = xOf.apply(segment.from());
            marks.add(new Mark(words.text("bucket.recess"), List.of(rect(x, top, Math.max(1, xOf.apply(until) - x), bottom - top, RECESS_SHADE))));
            marks.add(Mark.of(text(x + 3, top + 12, "start", words.text("bucket.recess"))));
        }
        for (long value = 0; value <= yMax; value += yStep) {
            double y = bottom - (double) value * (bottom - top) / yMax;
            marks.add(Mark.of(line(left, y, right, y, GRID, 0.5), text(left - 5, y + 4, "end", Long.toString(value))));
        }
        ZoneId zone = data.zone();
        for (Map.Entry<Instant, Long> minute : minutes.entrySet()) {
            double x = xOf.apply(minute.getKey());
            double h = (double) minute.getValue() * (bottom - top) / yMax;
            marks.add(new Mark(comments(words, CLOCK.format(minute.getKey().atZone(zone)), minute.getValue()), List.of(rect(x, bottom - h, Math.max(perMinute - 0.5, 0.8), h, BAR))));
        }
        int row = 0;
        String marked = null;
        for (Segment segment : segments) {
            // An item resumed after the recess is not a new start: the shading already shows the break.
            if (Buckets.isBucket(segment.itemId()) || segment.itemId().equals(marked)) {
                continue;
            }
            marked = segment.itemId();
            double x = xOf.apply(segment.from());
            String number = data.agendaItem(segment.itemId()).map(item -> item.number() == null ? item.itemId() : item.number().strip()).orElse(segment.itemId());
            // Near the right edge the number is written leftwards of its line, so that it is not cut.
            boolean atEdge = x > WIDTH - 40;
            marks.add(new Mark(words.text("report.chart.item.starts", number, CLOCK.format(segment.from().atZone(zone))), List.of(
                    line(x, top - 12 + (row % 2) * 11, x, bottom, INK, 1),
                    text(atEdge ? x - 2 : x + 2, top - 14 + (row % 2) * 11, atEdge ? "end" : "start", shorten(number, 8)))));
            row++;
        }
        marks.add(Mark.of(line(left, bottom, right, bottom, INK, 1)));
        long tick = TICK_MINUTES.stream().filter(m -> span / m <= 8).findFirst().orElse(960);
        long offset = zone.getRules().getOffset(first).getTotalSeconds();
        Instant firstTick = Instant.ofEpochSecond(ceilTo(first.getEpochSecond() + offset, tick * 60) - offset);
        for (Instant t = firstTick; !t.isAfter(last); t = t.plus(Duration.ofMinutes(tick))) {
            double x = xOf.apply(t);
            // A tick's time is centred under it, except at the edges, where a centred label would be cut.
            marks.add(Mark.of(line(x, bottom, x, bottom + 4, INK, 1),
                    text(x, bottom + 16, x > WIDTH - 24 ? "end" : x < 24 ? "start" : "middle", CLOCK.format(t.atZone(zone)))));
        }
        marks.add(Mark.of(text((left + right) / 2.0, height - 4, "middle",
                words.text("report.chart.axis", zone.getId(), data.meeting().broadcastDelaySeconds()))));
        return draw("timeline", height, title, description, marks);
    }

    /** A bar for each item that has comments, split by sentiment label, each bar the whole of its item. */
    static String sentimentPerItem(ReportData data, Messages words) {
        List<ItemSummary> rows = data.summaries().stream().filter(s -> s.count() > 0).toList();
        int barSpace = WIDTH - LABEL_WIDTH - 20;
        int height = rows.size() * ROW + 36;
        List<Mark> marks = new ArrayList<>();
        int x = LABEL_WIDTH;
        for (String[] legend : new String[][] {{words.text("report.chart.legend.positive"), POSITIVE}, {words.text("report.chart.legend.neutral"), NEUTRAL},
            {words.text("report.chart.legend.negative"), NEGATIVE}, {words.text("report.chart.legend.unscored"), UNSCORED}}) {
            marks.add(Mark.of(rect(x, 4, 12, 12, legend[1]), text(x + 16, 14, "start", legend[0])));
            x += 20 + legend[0].length() * 6;
        }
        if (rows.isEmpty()) {
            marks.add(Mark.of(text(WIDTH / 2, 30, "middle", words.text("report.chart.none"))));
        }
        int y = 26;
        for (ItemSummary s : rows) {
            SentimentSummary m = s.sentiment();
            long total = m.positive() + m.neutral() + m.negative() + m.unscored();
            String label = HtmlReport.label(data, s, words);
            List<Shape> shapes = new ArrayList<>();
            shapes.add(text(LABEL_WIDTH - 8, y + 15, "end", shorten(label, LABEL_CHARS)));
            double left = LABEL_WIDTH;
            for (Object[] part : new Object[][] {{m.positive(), POSITIVE}, {m.neutral(), NEUTRAL}, {m.negative(), NEGATIVE}, {m.unscored(), UNSCORED}}) {
                long n = (Long) part[0];
                if (n == 0 || total == 0) {
                    continue;
                }
                double width = (double) n * barSpace / total;
                shapes.add(rect(left, y + 3, width, ROW - 6, (String) part[1]));
                left += width;
            }
            marks.add(new Mark(words.text("report.chart.item.sentiment", label, m.positive(), m.neutral(), m.negative(), m.unscored()), shapes));
            y += ROW;
        }
        return draw("sentiment", height, words.text("report.chart.sentiment"), words.text("report.chart.sentiment.desc"), marks);
    }

    /** "4. Public questions: 1 comment", "14:02: 3 comments": how many comments, after a label, in the page's words. */
    private static String comments(Messages words, String label, long count) {
        return words.text("report.chart.item.comments", label, words.text(count == 1 ? "report.item.comment" : "report.item.comments", count));
    }

    private static String draw(String name, int height, String title, String description, List<Mark> marks) {
        StringWriter svg = new StringWriter(4096);
        CHART.execute(svg, new Drawing("chart-" + name, WIDTH, height, FONT, title, description, marks));
        return svg.toString();
    }

    private static Shape text(double x, double y, String anchor, String content) {
        return new Shape(null, null, new Label(num(x), num(y), anchor, INK, content));
    }

    private static Shape rect(double x, double y, double width, double height, String fill) {
        return new Shape(new Rect(num(x), num(y), num(width), num(height), fill), null, null);
    }

    private static Shape line(double x1, double y1, double x2, double y2, String stroke, double width) {
        return new Shape(null, new Line(num(x1), num(y1), num(x2), num(y2), stroke, num(width)), null);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A step for the vertical axis: 1, 2 or 5 times a power of ten, giving at most five lines. */
    static long niceStep(long peak) {
        long magnitude = 1;
        while (true) {
            for (long factor : new long[] {1, 2, 5}) {
                long step = factor * magnitude;
                if (peak / step <= 4) {
                    return step;
                }
            }
            magnitude *= 10;
        }
    }

    private static long ceilTo(long value, long step) {
        return Math.floorDiv(value + step - 1, step) * step;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** At most {@code max} characters, with an ellipsis when cut. */
    private static String shorten(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)).strip() + "…";
    }

    // What chart.mustache reads, by the names it uses: a chart is marks, each shapes with a hint (an SVG title) or none.
    private record Drawing(String id, int width, int height, int fontSize, String title, String description, List<Mark> marks) {
    }

    private record Mark(String hint, List<Shape> shapes) {
        static Mark of(Shape... shapes) {
            return new Mark(null, List.of(shapes));
        }
    }

    /** One of a rectangle, a line or a label. */
    private record Shape(Rect rect, Line line, Label label) {
    }

    private record Rect(String x, String y, String width, String height, String fill) {
    }

    private record Line(String x1, String y1, String x2, String y2, String stroke, String strokeWidth) {
    }

    private record Label(String x, String y, String anchor, String fill, String text) {
    }
}
