package org.chamberpulse.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.Messages;
import org.chamberpulse.report.Report;
import org.chamberpulse.report.ReportData;
import org.chamberpulse.report.ReportReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a meeting's report for the record (HTML, PDF, two CSV files and JSON), read from Kafka.",
                "The files: report.html, report.pdf, summary.csv, comments.csv and report.json."})
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--meeting", required = true, paramLabel = "ID", description = "The meetingId, as on pulse.meetings.")
    String meetingId;

    @Option(names = "--out", paramLabel = "DIR", description = "The directory to write the files to (default: report-<meetingId>).")
    Path out;

    @Option(names = "--language", paramLabel = "LANG", description = "The report's language: en (default) or cy; any language with a messages file.")
    String language;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws Exception {
        PulseConfig pulse = cluster.load();
        Path directory = out != null ? out : Path.of("report-" + meetingId);
        PrintStream err = System.err;
        ReportData data;
        try (ReportReader reader = new ReportReader(pulse, pulse.bootstrap(), ReportCommand::progress, Clock.systemUTC())) {
            data = reader.read(meetingId);
        }
        err.println("writing the report ...");
        String chosen = language != null ? language : data.meeting().language();
        if (language != null && Messages.supported(language).isEmpty()) {
            err.println("no messages for language '" + language + "': the report is in English (offered: " + Messages.languages() + ")");
        }
        var files = new Report(data, "", Messages.of(chosen)).writeTo(directory);
        ReportData.Totals totals = data.totals();
        System.out.printf(Locale.UK, "Report of %s (%s): %,d comments over an agenda of %d items, %,d reposts%s%n", data.meeting().meetingId(), data.meeting().title(),
                totals.count(), data.meeting().items().size(), totals.reposts(), data.adjourned() ? "" : "; PROVISIONAL: the meeting has not been adjourned");
        files.forEach(file -> System.out.println("  " + file));
        return 0;
    }

    private static void progress(String topic, long read, long total, boolean done) {
        System.err.printf(Locale.UK, "reading %-22s %,d of %,d records%s%n", topic, read, total, done ? ", done" : "");
    }
}
