package org.chamberpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T14:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldClipWhatAClientChose(@TempDir Path dir) throws Exception {
        // given
        AuditLog audit = new AuditLog(dir.resolve("audit.log"), clock);

        // when: a user name of a megabyte with a forged line
        audit.record("x".repeat(1 << 20) + "\n{\"user\":\"admin\"}", "login-failed", "m\r\n1", Map.of("commentId", "c".repeat(5_000)));

        // then
        String written = Files.readString(dir.resolve("audit.log"));
        assertThat(written).hasSizeLessThan(600).endsWith("}\n").containsOnlyOnce("\n").contains("\"meetingId\":\"m??1\"");
    }

    @Test
    void shouldRotateAndKeepFiveOlderFiles(@TempDir Path dir) throws Exception {
        // given: files of at most 1 KB
        AuditLog audit = new AuditLog(dir.resolve("audit.log"), clock, 1_024);

        // when: far more than six files' worth
        for (int i = 0; i < 500; i++) {
            audit.record("ada", "agenda-item_started", "m" + i, Map.of("itemId", "1"));
        }

        // then
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactly("audit.log", "audit.log.1", "audit.log.2", "audit.log.3", "audit.log.4", "audit.log.5");
        }
        assertThat(Files.readString(dir.resolve("audit.log"))).contains("\"meetingId\":\"m499\"");
        assertThat(Files.size(dir.resolve("audit.log.1"))).isBetween(1_024L, 1_300L);
    }
}
