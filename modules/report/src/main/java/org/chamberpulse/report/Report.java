package org.chamberpulse.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chamberpulse.model.Messages;

/** The files of a meeting's report, each made on demand from the same {@link ReportData}. */
public final class Report {

    /** One file of the report: its name and its media type. */
    public enum File {
        HTML("report.html", "text/html; charset=utf-8"),
        PDF("report.pdf", "application/pdf"),
        SUMMARY_CSV("summary.csv", "text/csv; charset=utf-8"),
        COMMENTS_CSV("comments.csv", "text/csv; charset=utf-8"),
        JSON("report.json", "application/json");

        private final String fileName;
        private final String mediaType;

        File(String fileName, String mediaType) {
            this.fileName = fileName;
            this.mediaType = mediaType;
        }

        public String fileName() {
            return fileName;
        }

        public String mediaType() {
            return mediaType;
        }

        public static Optional<File> named(String name) {
            for (File file : values()) {
                if (file.fileName.equals(name)) {
                    return Optional.of(file);
                }
            }
            return Optional.empty();
        }
    }

    private final ReportData data;
    private final String filesBase;
    private final Messages words;

    /** @param filesBase where the files are relative to the HTML page: "" on disk, the report's URL when served */
    public Report(ReportData data, String filesBase) {
        this(data, filesBase, Messages.of(Messages.ENGLISH));
    }

    /** The report in a language (issue 21): the HTML, the PDF and the CSV files' headers. */
    public Report(ReportData data, String filesBase, Messages words) {
        this.data = data;
        this.filesBase = filesBase;
        this.words = words;
    }

    public ReportData data() {
        return data;
    }

    public byte[] render(File file) {
        return switch (file) {
            case HTML -> utf8(HtmlReport.render(data, filesBase, words));
            case PDF -> PdfReport.render(HtmlReport.render(data, filesBase, words), data.generatedAt());
            case SUMMARY_CSV -> utf8(CsvReport.summary(data, words));
            case COMMENTS_CSV -> utf8(CsvReport.comments(data, words));
            case JSON -> utf8(ReportJson.render(data));
        };
    }

    /** Writes every file into {@code directory}, creating it; returns the paths written. */
    public List<Path> writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (File file : File.values()) {
            Path path = directory.resolve(file.fileName());
            Files.write(path, render(file));
            written.add(path);
        }
        return written;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
