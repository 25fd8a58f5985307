package org.chamberpulse.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.chamberpulse.model.JsonSerde;

/** Reads a JSON-lines file of one record type; blank lines are skipped, bad lines reported by number. */
public final class ReplayFile {

    private ReplayFile() {
    }

    public record Line<T>(int number, T value, String problem) {
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
