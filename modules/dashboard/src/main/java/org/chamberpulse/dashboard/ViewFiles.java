package org.chamberpulse.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Optional;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.Sha256;
import org.chamberpulse.model.Topics;

/**
 * The views a dashboard does not keep in memory, one file each in its data directory: a cache of
 * {@code pulse.views}, not a source of truth (emptied and filled again from the topic at every start).
 */
final class ViewFiles {

    private final Path dir;

    ViewFiles(Path dir) {
        this.dir = dir;
        try {
            if (Files.isDirectory(dir)) {
                try (var old = Files.list(dir)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the view cache in " + dir, e);
        }
    }

    void write(MeetingView view) {
        Path file = file(view.meetingId());
        Path partial = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(partial, Topics.VIEWS.valueSerde().serializer().serialize(Topics.VIEWS.name(), view));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the view of " + view.meetingId(), e);
        }
    }

    Optional<MeetingView> read(String meetingId) {
        Path file = file(meetingId);
        try {
            return Files.exists(file) ? Optional.of(Topics.VIEWS.valueSerde().deserializer().deserialize(Topics.VIEWS.name(), Files.readAllBytes(file)))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the view of " + meetingId, e);
        }
    }

    void delete(String meetingId) {
        try {
            Files.deleteIfExists(file(meetingId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the view of " + meetingId, e);
        }
    }

    /** Meeting ids are free text to a file system: the file is named by their hash. */
    private Path file(String meetingId) {
        return dir.resolve(HexFormat.of().formatHex(Sha256.of(meetingId), 0, 16) + ".json");
    }
}
