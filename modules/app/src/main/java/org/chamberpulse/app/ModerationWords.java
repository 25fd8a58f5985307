package org.chamberpulse.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.chamberpulse.sentiment.Moderation;
import org.chamberpulse.sentiment.WordLists;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A council's word lists ({@code moderation.words}, issue 21) on top of the shipped English and Welsh ones,
 * read at start (a broken file stops the start with the line at fault) and again whenever the file changes,
 * without a restart (a broken change is logged and the lists in use are kept). They apply to the comments
 * that arrive after: comments already moderated keep their flags.
 */
final class ModerationWords implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModerationWords.class);
    static final Duration CHECK_EVERY = Duration.ofSeconds(10);

    private final Path file;
    private final Thread watcher;
    private volatile boolean running = true;
    private FileTime loaded;

    private ModerationWords(Path file) {
        this.file = file;
        this.watcher = new Thread(this::watch, "moderation-words");
        this.watcher.setDaemon(true);
    }

    /** Loads the file (or, with none, the shipped lists) and watches it. */
    static ModerationWords start(Path file) {
        ModerationWords words = new ModerationWords(file);
        if (file == null) {
            Moderation.use(WordLists.shipped());
            return words;
        }
        words.reload(true);
        words.watcher.start();
        return words;
    }

    /** Reads the file again if it changed; true when new lists are in use. */
    boolean reload(boolean first) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!first && modified.equals(loaded)) {
                return false;
            }
            WordLists lists = WordLists.shippedAnd(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            Moderation.use(lists);
            loaded = modified;
            log.info("moderation: word lists from {} and the shipped English and Welsh ones in use: {}", file, lists.sizes());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            if (first) {
                throw new IllegalStateException("moderation.words: " + e.getMessage(), e);
            }
            log.warn("moderation: {} could not be used ({}); the lists in use are kept", file, e.getMessage());
            return false;
        }
    }

    private void watch() {
        while (running) {
            try {
                Thread.sleep(CHECK_EVERY.toMillis());
                reload(false);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        watcher.interrupt();
    }
}
