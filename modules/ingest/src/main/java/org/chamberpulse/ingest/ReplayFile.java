package org.chamberpulse.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.JsonSerde;

/**
 * Reads archives of comments: JSON lines (one record a line) or CSV with a header row naming the
 * columns {@code id, source, author, text, hashtags, createdAt, receivedAt, lang, repostOf} (hashtags
 * separated by spaces; columns may come in any order; missing optional ones are empty). Blank lines are
 * skipped, bad lines reported by number.
 */
public final class ReplayFile {

    private ReplayFile() {
    }

    public record Line<T>(int number, T value, String problem) {
    }

    /** The comments of a file: CSV when its name ends in ".csv", JSON lines otherwise. */
    public static List<Line<Comment>> comments(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? csv(file) : read(file, Comment.class);
    }

    static List<Line<Comment>> csv(Path file) {
        List<Line<Comment>> lines = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(false).get();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser parser = format.parse(reader)) {
            for (CSVRecord record : parser) {
                int number = (int) record.getRecordNumber() + 1;
                try {
                    lines.add(new Line<>(number, new Comment(
                            column(record, "id"), column(record, "source"), column(record, "author"), column(record, "text"),
                            hashtags(column(record, "hashtags")), instant(column(record, "createdAt")), instant(column(record, "receivedAt")),
                            column(record, "lang"), column(record, "repostOf")), null));
                } catch (RuntimeException e) {
                    lines.add(new Line<>(number, null, "not a valid comment: " + e.getMessage()));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
        }
        return lines;
    }

    private static String column(CSVRecord record, String name) {
        if (!record.isMapped(name) || !record.isSet(name)) {
            return null;
        }
        String value = record.get(name);
        return value.isEmpty() ? null : value;
    }

    private static List<String> hashtags(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(" ")).filter(tag -> !tag.isBlank()).toList();
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    public static <T> List<Line<T>> read(Path file, Class<T> type) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static <T> List<Line<T>> read(BufferedReader reader, Class<T> type) throws IOException {
        JsonSerde<T> serde = JsonSerde.of(type);
        List<Line<T>> lines = new ArrayList<>();
        String text;
        int number = 0;
        while ((text = reader.readLine()) != null) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            try {
                lines.add(new Line<>(number, serde.fromBytes(text.getBytes(StandardCharsets.UTF_8)), null));
            } catch (SerializationException e) {
                lines.add(new Line<>(number, null, e.getMessage()));
            }
        }
        return lines;
    }
}
