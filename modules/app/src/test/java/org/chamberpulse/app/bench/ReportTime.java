package org.chamberpulse.app.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.report.Report;
import org.chamberpulse.report.ReportData;
import org.chamberpulse.report.ReportReader;

/**
 * {@code scripts/bench report [MEETINGS] [COMMENTS_EACH]}: one meeting's report among MEETINGS held meetings
 * (default 500) with COMMENTS_EACH comments each (default 2,000: a million records on pulse.comments.scored),
 * made as the server makes it: with the meeting's view in hand (the dashboard holds them all) and one reader
 * kept open, read (a final meeting from its record, the running one from its comments), then rendered as HTML,
 * JSON and PDF. Each is timed five times after one warm-up; the median is given. The first reading of all, a
 * reader opened for it and the view looked up on pulse.views as the {@code report} command does, is timed too.
 */
public final class ReportTime {

    private ReportTime() {
    }

    public static void main(String[] args) throws Exception {
        int meetings = Integer.parseInt(args.length > 0 ? args[0] : "500");
        int commentsEach = Integer.parseInt(args.length > 1 ? args[1] : "2000");
        Path dir = History.tempDir("bench-report");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            History.createTopics(broker, 6);
            long writing = System.nanoTime();
            List<String> ids = History.write(broker.bootstrapServers(), meetings, commentsEach, true);
            System.out.printf("history: %d meetings, %,d comments on pulse.comments.scored, written in %.0f s%n", meetings,
                    (long) meetings * commentsEach, (System.nanoTime() - writing) / 1e9);
            PulseConfig config = PulseConfig.fromSettings(Map.of("author.secret", "bench"));
            long cold = System.nanoTime();
            try (ReportReader once = new ReportReader(config, broker.bootstrapServers(), ReportReader.Progress.NONE, Clock.systemUTC())) {
                new Report(once.read(ids.get(meetings / 2)), "/").render(Report.File.HTML);
            }
            System.out.printf("RESULT as the report command: a reader opened, the view found on pulse.views, the record read, HTML made: %.0f ms%n",
                    (System.nanoTime() - cold) / 1e6);
            ReportReader reader = new ReportReader(config, broker.bootstrapServers(), ReportReader.Progress.NONE, Clock.systemUTC());
            for (String meetingId : List.of(ids.get(meetings / 2), ids.get(meetings - 1))) {
                MeetingView view = reader.view(meetingId);
                String kind = meetingId.equals(ids.get(meetings - 1)) ? "running (view and comments)" : "final (its record)";
                double[] read = new double[5];
                double[] html = new double[5];
                double[] json = new double[5];
                double[] pdf = new double[5];
                for (int round = -1; round < 5; round++) {
                    long start = System.nanoTime();
                    ReportData data = reader.read(view);
                    long readAt = System.nanoTime();
                    Report report = new Report(data, "/meetings/" + meetingId + "/report/");
                    report.render(Report.File.HTML);
                    long htmlAt = System.nanoTime();
                    report.render(Report.File.JSON);
                    long jsonAt = System.nanoTime();
                    report.render(Report.File.PDF);
                    long pdfAt = System.nanoTime();
                    if (round >= 0) {
                        read[round] = (readAt - start) / 1e6;
                        html[round] = (htmlAt - readAt) / 1e6;
                        json[round] = (jsonAt - htmlAt) / 1e6;
                        pdf[round] = (pdfAt - jsonAt) / 1e6;
                    }
                }
                System.out.printf("RESULT %s meeting %s: read %.0f ms; +HTML %.0f ms (%.0f ms in all); +JSON %.0f ms (%.0f ms); +PDF %.0f ms (%.0f ms)%n",
                        kind, meetingId, median(read), median(html), median(read) + median(html), median(json), median(read) + median(json),
                        median(pdf), median(read) + median(pdf));
            }
            reader.close();
        } finally {
            Utils.delete(dir.toFile());
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
