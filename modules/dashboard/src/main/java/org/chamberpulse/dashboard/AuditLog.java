package org.chamberpulse.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chamberpulse.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who did what in the clerk console, one JSON line an action, appended to a file and to the log. No comment text. */
public final class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final Path file;
    private final Clock clock;

    public AuditLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public synchronized void record(String user, String action, String meetingId, Map<String, String> details) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", clock.instant().toString());
        entry.put("user", user);
        entry.put("action", action);
        entry.put("meetingId", meetingId);
        entry.putAll(details);
        try {
            String line = Json.MAPPER.writeValueAsString(entry);
            Files.createDirectories(file.toAbsolutePath().getParent());
            // getBytes, not writeString: a lone surrogate in what a client sent becomes '?', not a failed action.
            Files.write(file, (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            log.info("audit: {}", line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + file, e);
        }
    }
}
