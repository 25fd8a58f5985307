package org.chamberpulse.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.KafkaException;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.dashboard.ClientAddress;
import org.chamberpulse.dashboard.Language;
import org.chamberpulse.dashboard.LiveState;
import org.chamberpulse.dashboard.MeetingComments;
import org.chamberpulse.ingest.RateLimiter;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.Messages;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Text;
import org.chamberpulse.report.Report;
import org.chamberpulse.report.ReportData;
import org.chamberpulse.report.ReportException;
import org.chamberpulse.report.ReportReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report served at {@code /meetings/{id}/report} (the HTML page) and {@code /meetings/{id}/report/<file>}
 * (report.html, report.pdf, summary.csv, comments.csv, report.json), from the meeting's view the dashboard
 * holds: a final meeting's record on pulse.reports, else its placed comments (ReportReader). A report read
 * is kept for a few seconds, so the page and the files it links to come from the same reading.
 */
final class ReportRoutes implements AutoCloseable, MeetingComments {

    private static final Logger log = LoggerFactory.getLogger(ReportRoutes.class);
    private static final Duration KEEP = Duration.ofSeconds(10);
    static final int READS_PER_SECOND = 2;
    /** The page's own styles are inline, so that the saved file stands alone; nothing else may load. */
    private static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** A report read, of the view of this version: one read again when the meeting has changed since. */
    private record Reading(ReportData data, long version, Instant at) {
    }

    private final PulseConfig config;
    private final String bootstrapServers;
    private final LiveState views;
    private final Clock clock;
    private final Map<String, Reading> recent = new ConcurrentHashMap<>();
    /** Reports read from Kafka (not kept from a moment ago) for one address: each costs the server a read of a topic. */
    private final RateLimiter readings = new RateLimiter(READS_PER_SECOND, System::nanoTime);
    private ReportReader reader;

    ReportRoutes(PulseConfig config, String bootstrapServers, LiveState views, Clock clock) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.views = views;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.get("/meetings/{id}/report", ctx -> serve(ctx, Report.File.HTML));
        routes.get("/meetings/{id}/report/{file}", ctx -> {
            var file = Report.File.named(ctx.pathParam("file"));
            if (file.isEmpty()) {
                ctx.status(404).contentType("text/plain; charset=utf-8").result(words(ctx).text("report.error.file"));
                return;
            }
            serve(ctx, file.get());
        });
    }

    /** A refusal in the viewer's language (the switch, then Accept-Language), as the pages choose it. */
    private static Messages words(Context ctx) {
        return Language.choose(ctx, null);
    }

    private void serve(Context ctx, Report.File file) {
        String meetingId = ctx.pathParam("id");
        // Only a meeting the dashboard knows is looked for in Kafka; the answer names nothing of the server's.
        Optional<MeetingView> view = views.meeting(meetingId);
        if (view.isEmpty() || view.get().meeting() == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result(words(ctx).text("error.no.meeting"));
            return;
        }
        ReportData data = fresh(view.get());
        if (data == null) {
            if (!readings.tryAcquire(ClientAddress.of(ctx))) {
                ctx.header("Retry-After", Long.toString(readings.retryAfterSeconds()));
                ctx.status(429).contentType("text/plain; charset=utf-8").result(words(ctx).text("report.error.busy"));
                return;
            }
            try {
                data = read(view.get());
            } catch (ReportException | KafkaException e) {
                log.warn("report of {} failed: {}", Text.forLog(meetingId), Text.forLog(e.getMessage()));
                ctx.status(503).header("Retry-After", "30").contentType("text/plain; charset=utf-8")
                        .result(words(ctx).text("report.error.unavailable"));
                return;
            }
        }
        String base = "/meetings/" + URLEncoder.encode(meetingId, StandardCharsets.UTF_8) + "/report/";
        byte[] body = new Report(data, base, Language.choose(ctx, view.get().meeting().language())).render(file);
        ctx.header("Content-Security-Policy", REPORT_POLICY);
        ctx.header("Cache-Control", "no-store");
        if (file != Report.File.HTML) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + meetingId + "-" + file.fileName() + "\"");
        }
        ctx.contentType(file.mediaType()).result(body);
    }

    /** The report read within the last few seconds, or null. */
    private ReportData fresh(MeetingView view) {
        Reading reading = recent.get(view.meetingId());
        if (reading != null && reading.version() != view.version()) {
            return null;
        }
        Instant now = clock.instant();
        recent.entrySet().removeIf(entry -> !entry.getValue().at().plus(KEEP).isAfter(now));
        return reading != null && reading.at().plus(KEEP).isAfter(now) ? reading.data() : null;
    }

    private ReportData read(MeetingView view) {
        Instant now = clock.instant();
        ReportData data;
        synchronized (this) {
            // One reader for every request: a Kafka consumer is not for two threads at once, and opening one costs
            // more than most reports take to read.
            if (reader == null) {
                reader = new ReportReader(config, bootstrapServers, ReportReader.Progress.NONE, clock);
            }
            data = reader.read(view);
        }
        recent.put(view.meetingId(), new Reading(data, view.version(), now));
        return data;
    }

    /** The clerk's list: the report's reading of the meeting (kept a few seconds), reposts aside, newest first. */
    @Override
    public List<Listed> of(MeetingView view) {
        ReportData data = fresh(view);
        if (data == null) {
            try {
                data = read(view);
            } catch (ReportException e) {
                throw new KafkaException("the meeting's comments cannot be read just now", e);
            }
        }
        List<Listed> listed = new ArrayList<>();
        for (ScoredComment scored : data.comments()) {
            if (!scored.comment().isRepost()) {
                listed.add(new Listed(scored.comment().id(), scored.itemId(), scored.comment().createdAt(), scored.comment().text(), scored.flags(),
                        scored.flags().contains(HIDDEN)));
            }
        }
        listed.sort(Comparator.comparing(Listed::at).reversed().thenComparing(Listed::id));
        return listed;
    }

    /** The flag the topology gives a comment the clerk hid. */
    private static final String HIDDEN = "hidden";

    @Override
    public synchronized void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
