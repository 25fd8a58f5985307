package org.chamberpulse.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a hashtag on Bluesky through Jetstream (a WebSocket of the network's commits). Jetstream has
 * no hashtag filter, so every post is read and kept when a tag facet names the hashtag, in any case.
 * A repost of a kept post becomes a repost carrying that post's tags. The cursor (the last event's
 * {@code time_us}) is saved to a file, so a restart resumes where it stopped; repeated events are
 * harmless, because comments are idempotent by id.
 */
public final class JetstreamClient implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(JetstreamClient.class);
    static final String POST = "app.bsky.feed.post";
    static final String REPOST = "app.bsky.feed.repost";
    private static final String TAG_FACET = "app.bsky.richtext.facet#tag";
    /** Posts kept recently, by URI, with their tags: what a repost needs to know. */
    private static final int REMEMBERED_POSTS = 100_000;
    /** On resuming, go back this far before the cursor: a repeat costs nothing, a gap loses posts. */
    private static final long RESUME_OVERLAP_MICROS = 5_000_000L;

    private final URI endpoint;
    private final String tag;
    private final Path cursorFile;
    private final CommentSink sink;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(2));
    private final Map<String, List<String>> remembered = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > REMEMBERED_POSTS;
        }
    };
    private volatile boolean running = true;
    private volatile long cursor;
    private long savedCursor;
    private long comments;

    public JetstreamClient(URI endpoint, String tag, Path cursorFile, CommentSink sink, Pseudonyms pseudonyms, Clock clock) {
        this.endpoint = endpoint;
        this.tag = (tag.startsWith("#") ? tag.substring(1) : tag).toLowerCase(Locale.ROOT);
        this.cursorFile = cursorFile;
        this.sink = sink;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.cursor = readCursor();
    }

    @Override
    public void run() {
        while (running) {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            try {
                WebSocket socket = http.newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(subscribeUri(), new Listener(closed))
                        .get(30, TimeUnit.SECONDS);
                log.info("bluesky: following #{} on {}{}", tag, endpoint.getHost(), cursor > 0 ? " from cursor " + cursor : "");
                while (running && !closed.isDone()) {
                    try {
                        closed.get(1, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        saveCursor();
                    }
                }
                if (!running) {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("bluesky: {}; reconnecting", e.getMessage());
            }
            saveCursor();
            if (running && !backoff.pause()) {
                return;
            }
        }
    }

    public void stop() {
        running = false;
    }

    public long comments() {
        return comments;
    }

    URI subscribeUri() {
        StringBuilder query = new StringBuilder("wantedCollections=").append(POST).append("&wantedCollections=").append(REPOST);
        if (cursor > 0) {
            query.append("&cursor=").append(Math.max(0, cursor - RESUME_OVERLAP_MICROS));
        }
        String base = endpoint.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    /** Messages may arrive in parts; each whole message is one event. */
    private final class Listener implements WebSocket.Listener {
        private final CompletableFuture<Void> closed;
        private final StringBuilder partial = new StringBuilder();

        Listener(CompletableFuture<Void> closed) {
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                onMessage(message);
                backoff.reset();
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    void onMessage(String message) {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(message);
        } catch (IOException e) {
            log.warn("bluesky: an unreadable event was skipped");
            return;
        }
        long timeUs = event.path("time_us").asLong(0);
        if (timeUs > cursor) {
            cursor = timeUs;
        }
        JsonNode commit = event.path("commit");
        if (!"commit".equals(event.path("kind").asText()) || !"create".equals(commit.path("operation").asText())) {
            return;
        }
        String did = event.path("did").asText();
        String collection = commit.path("collection").asText();
        String uri = "at://" + did + "/" + collection + "/" + commit.path("rkey").asText();
        JsonNode record = commit.path("record");
        Instant createdAt;
        try {
            createdAt = Instant.parse(record.path("createdAt").asText());
        } catch (RuntimeException e) {
            return;
        }
        if (POST.equals(collection)) {
            List<String> tags = tags(record);
            if (!tags.contains(tag)) {
                return;
            }
            synchronized (remembered) {
                remembered.put(uri, tags);
            }
            JsonNode langs = record.path("langs");
            emit(new Comment("bluesky:" + uri, "bluesky", pseudonyms.of("bluesky", did), record.path("text").asText(""), tags, createdAt,
                    clock.instant(), langs.isArray() && !langs.isEmpty() ? langs.get(0).asText() : null, null));
        } else if (REPOST.equals(collection)) {
            String subject = record.path("subject").path("uri").asText();
            List<String> tags;
            synchronized (remembered) {
                tags = remembered.get(subject);
            }
            if (tags != null) {
                emit(new Comment("bluesky:" + uri, "bluesky", pseudonyms.of("bluesky", did), "", tags, createdAt, clock.instant(), null,
                        "bluesky:" + subject));
            }
        }
    }

    private void emit(Comment comment) {
        sink.accept(comment);
        comments++;
    }

    /** The tag facets of a post, lower case, without '#'. */
    static List<String> tags(JsonNode record) {
        List<String> tags = new ArrayList<>();
        for (JsonNode facet : record.path("facets")) {
            for (JsonNode feature : facet.path("features")) {
                if (TAG_FACET.equals(feature.path("$type").asText())) {
                    String t = feature.path("tag").asText();
                    tags.add((t.startsWith("#") ? t.substring(1) : t).toLowerCase(Locale.ROOT));
                }
            }
        }
        return tags;
    }

    private long readCursor() {
        try {
            return cursorFile != null && Files.exists(cursorFile) ? Long.parseLong(Files.readString(cursorFile).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            log.warn("bluesky: cannot read the cursor in {}; starting from now", cursorFile);
            return 0;
        }
    }

    /** Saved only once the comments before it are stored, so a restart never skips one. */
    synchronized void saveCursor() {
        long current = cursor;
        if (cursorFile == null || current == savedCursor) {
            return;
        }
        sink.flush();
        try {
            Files.createDirectories(cursorFile.toAbsolutePath().getParent());
            Path temporary = cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp");
            Files.writeString(temporary, Long.toString(current));
            Files.move(temporary, cursorFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            savedCursor = current;
        } catch (IOException e) {
            log.warn("bluesky: cannot save the cursor to {}: {}", cursorFile, e.getMessage());
        }
    }
}
