package org.chamberpulse.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what in the clerk console, one JSON line an action, appended to a file and to the log. No comment
 * text; every value a client chose (a user name typed at the login, an id) clipped to {@link Text#LOG_CLIP}
 * characters, so that nobody can fill the disk through it. The file is rotated at {@link #ROTATE_BYTES}:
 * {@code audit.log.1} is the newest older file, and {@link #KEPT_FILES} of them are kept.
 */
public final class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    static final long ROTATE_BYTES = 10L * 1024 * 1024;
    static final int KEPT_FILES = 5;

    private final Path file;
    private final Clock clock;
    private final long rotateBytes;

    public AuditLog(Path file, Clock clock) {
        this(file, clock, ROTATE_BYTES);
    }

    AuditLog(Path file, Clock clock, long rotateBytes) {
        this.file = file;
        this.clock = clock;
        this.rotateBytes = rotateBytes;
    }

    public synchronized void record(String user, String action, String meetingId, Map<String, String> details) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", clock.instant().toString());
        entry.put("user", Text.forLog(user));
        entry.put("action", action);
        entry.put("meetingId", Text.forLog(meetingId));
        details.forEach((key, value) -> entry.put(key, Text.forLog(value)));
        try {
            String line = Json.MAPPER.writeValueAsString(entry);
            Files.createDirectories(file.toAbsolutePath().getParent());
            rotateIfFull();
            // getBytes, not writeString: a lone surrogate in what a client sent becomes '?', not a failed action.
            Files.write(file, (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            log.info("audit: {}", line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + file, e);
        }
    }

    private void rotateIfFull() throws IOException {
        if (!Files.exists(file) || Files.size(file) < rotateBytes) {
            return;
        }
        Files.deleteIfExists(older(KEPT_FILES));
        for (int n = KEPT_FILES - 1; n >= 1; n--) {
            if (Files.exists(older(n))) {
                Files.move(older(n), older(n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, older(1), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path older(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }
}
