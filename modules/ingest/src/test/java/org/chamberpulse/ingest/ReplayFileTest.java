package org.chamberpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.chamberpulse.model.Comment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFileTest {

    @Test
    void shouldReadCommentsFromCsvWithQuotesAndAnyColumnOrder(@TempDir Path dir) throws Exception {
        // given
        Path file = dir.resolve("archive.csv");
        Files.writeString(file, """
                text,id,source,author,hashtags,createdAt,receivedAt
                "Buses, trams and ""bikes"" #bcclive",web:1,web,a1,bcclive buses,2026-11-24T14:05:00Z,2026-11-24T14:05:01Z
                "A second
                line",web:2,web,a2,bcclive,2026-11-24T14:06:00Z,

                broken,web:3,web,a3,bcclive,yesterday,
                """);

        // when
        List<ReplayFile.Line<Comment>> lines = ReplayFile.comments(file);

        // then
        assertThat(lines).hasSize(3);
        Comment first = lines.get(0).value();
        assertThat(first.text()).isEqualTo("Buses, trams and \"bikes\" #bcclive");
        assertThat(first.hashtags()).containsExactly("bcclive", "buses");
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-11-24T14:05:00Z"));
        assertThat(lines.get(1).value().text()).isEqualTo("A second\nline");
        assertThat(lines.get(1).value().receivedAt()).isNull();
        assertThat(lines.get(2).value()).isNull();
        assertThat(lines.get(2).problem()).startsWith("not a valid comment");
    }
}
