package org.chamberpulse.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows hashtags on Bluesky through Jetstream, one WebSocket of the network's commits for all of them.
 * Jetstream has no hashtag filter, so every post is read and kept when a tag facet names a followed hashtag,
 * in any case. A repost of a kept post becomes a repost carrying its tags; an update of one a new version; a
 * delete of one a withdrawal. The cursor (the last event's {@code time_us}) is saved through {@link Resume}
 * once the posts before it are stored; a restart resumes from it, and a hashtag followed anew from its
 * backfill time. Repeated events are harmless: comments are idempotent by id.
 */
public final class JetstreamClient implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(JetstreamClient.class);
    static final String POST = "app.bsky.feed.post";
    static final String REPOST = "app.bsky.feed.repost";
    private static final String TAG_FACET = "app.bsky.richtext.facet#tag";
    /** Posts kept recently, by URI: what a repost, an update or a delete needs to know. */
    private static final int REMEMBERED_POSTS = 100_000;
    /** On resuming, go back this far before the cursor: a repeat costs nothing, a gap loses posts. */
    private static final long RESUME_OVERLAP_MICROS = 5_000_000L;
    /** A message longer than this is not a post: it is skipped, and memory stays bounded. */
    static final int MAX_MESSAGE_CHARS = 1 << 20;

    private final URI endpoint;
    private final CommentSink sink;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final Resume resume;
    private final SourceStats stats;
    private final FollowedTags followed;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(2));
    private final Map<String, Comment> remembered = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Comment> eldest) {
            return size() > REMEMBERED_POSTS;
        }
    };
    private volatile boolean running = true;
    private volatile boolean reconnect;
    private volatile long cursor;
    private long savedCursor;

    /** For one-off use: one hashtag from now on, nowhere saved. */
    public JetstreamClient(URI endpoint, String tag, CommentSink sink, Pseudonyms pseudonyms, Clock clock) {
        this(endpoint, sink, pseudonyms, clock, Resume.NONE, new SourceStats());
        follow(Map.of(tag, Instant.EPOCH), tagName -> new SourceStats());
    }

    public JetstreamClient(URI endpoint, CommentSink sink, Pseudonyms pseudonyms, Clock clock, Resume resume, SourceStats stats) {
        this.endpoint = endpoint;
        this.sink = sink;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.resume = resume;
        this.stats = stats;
        String saved = resume.position();
        String[] parts = saved == null ? new String[0] : saved.strip().split(" ", 2);
        this.cursor = parts.length == 0 ? 0 : parse(parts[0]);
        this.savedCursor = cursor;
        this.followed = new FollowedTags(stats, parts.length == 2 ? Set.of(parts[1].split(",")) : Set.of());
    }

    /**
     * The hashtags to follow, each with the time from which its posts are wanted: a hashtag new to the set whose
     * time lies before the cursor makes the connection start again from that time (Instant.EPOCH: from now).
     */
    public void follow(Map<String, Instant> wanted, Function<String, SourceStats> statsOf) {
        Map<String, Instant> normalised = new LinkedHashMap<>();
        wanted.forEach((tag, from) -> normalised.put(Text.normaliseHashtag(tag), from));
        Set<String> before = followed.tags();
        long earliest = Long.MAX_VALUE;
        for (Map.Entry<String, Instant> entry : normalised.entrySet()) {
            if (!before.contains(entry.getKey()) && entry.getValue() != null && !entry.getValue().equals(Instant.EPOCH)) {
                earliest = Math.min(earliest, micros(entry.getValue()));
            }
        }
        long rewind = earliest;
        followed.follow(normalised.keySet(), statsOf, () -> {
            if (rewind != Long.MAX_VALUE && (cursor == 0 || rewind < cursor)) {
                log.info("bluesky: reading back from {} for a newly followed hashtag", Instant.ofEpochMilli(rewind / 1_000));
                cursor = rewind;
                reconnect = true;
            }
            if (normalised.isEmpty()) {
                reconnect = true;
            }
        });
    }

    public Set<String> tags() {
        return followed.tags();
    }

    public SourceStats stats() {
        return stats;
    }

    public SourceStats stats(String tag) {
        return followed.stats(tag);
    }

    @Override
    public void run() {
        while (running) {
            if (followed.tags().isEmpty()) {
                if (!followed.awaitChange()) {
                    running = false;
                }
                continue;
            }
            CompletableFuture<Void> closed = new CompletableFuture<>();
            try {
                reconnect = false;
                WebSocket socket = http.newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(subscribeUri(), new Listener(closed))
                        .get(30, TimeUnit.SECONDS);
                followed.connected(clock.millis());
                log.info("bluesky: following {} on {}{}", followed.tags(), endpoint.getHost(), cursor > 0 ? " from cursor " + cursor : "");
                while (running && !closed.isDone() && !reconnect) {
                    try {
                        closed.get(1, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        saveCursor();
                    }
                }
                if (!closed.isDone()) {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
                    socket.abort();
                }
                if (closed.isCompletedExceptionally()) {
                    closed.join();
                }
                followed.disconnected(running && !reconnect ? "the stream ended" : "stopped");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                String why = e.getCause() != null ? String.valueOf(e.getCause().getMessage()) : String.valueOf(e.getMessage());
                followed.disconnected(why);
                log.warn("bluesky: {}; reconnecting", why);
            }
            saveCursor();
            if (running && !reconnect && !backoff.pause()) {
                return;
            }
        }
    }

    public void stop() {
        running = false;
        followed.wake();
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
        private boolean overlong;

        Listener(CompletableFuture<Void> closed) {
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (!overlong && partial.length() + data.length() > MAX_MESSAGE_CHARS) {
                overlong = true;
                partial.setLength(0);
                stats.malformed();
            }
            if (!overlong) {
                partial.append(data);
            }
            if (last) {
                if (!overlong) {
                    onMessage(partial.toString());
                    backoff.reset();
                }
                partial.setLength(0);
                overlong = false;
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
            stats.malformed();
            log.warn("bluesky: an unreadable event was skipped");
            return;
        }
        JsonNode commit = event.path("commit");
        if ("commit".equals(event.path("kind").asText())) {
            try {
                onCommit(event, commit);
            } catch (RuntimeException e) {
                stats.malformed();
                log.warn("bluesky: an event that could not be read was skipped ({})", e.getClass().getSimpleName());
            }
        }
        long timeUs = event.path("time_us").asLong(0);
        if (timeUs > cursor) {
            cursor = timeUs;
        }
    }

    private void onCommit(JsonNode event, JsonNode commit) {
        String operation = commit.path("operation").asText();
        String did = event.path("did").asText();
        String collection = commit.path("collection").asText();
        String uri = "at://" + did + "/" + collection + "/" + commit.path("rkey").asText();
        Instant now = clock.instant();
        if ("delete".equals(operation)) {
            Comment post;
            synchronized (remembered) {
                post = remembered.remove(uri);
            }
            if (post != null) {
                emit(Comment.withdrawal(post.id(), post.source(), post.author(), post.hashtags(), post.createdAt(), now), post.hashtags());
            }
            return;
        }
        if (!"create".equals(operation) && !"update".equals(operation)) {
            return;
        }
        JsonNode record = commit.path("record");
        Instant createdAt;
        try {
            createdAt = Instant.parse(record.path("createdAt").asText());
        } catch (RuntimeException e) {
            if (record.has("createdAt")) {
                stats.malformed();
            }
            return;
        }
        if (POST.equals(collection)) {
            List<String> postTags = tags(record);
            Set<String> following = followed.tags();
            if (postTags.stream().noneMatch(following::contains)) {
                return;
            }
            JsonNode langs = record.path("langs");
            Comment comment = new Comment("bluesky:" + uri, "bluesky", pseudonyms.of("bluesky", did), record.path("text").asText(""), postTags,
                    createdAt, now, langs.isArray() && !langs.isEmpty() ? langs.get(0).asText() : null, null);
            if ("update".equals(operation)) {
                long timeUs = event.path("time_us").asLong(0);
                comment = comment.editedAt(timeUs > 0 ? Instant.ofEpochMilli(timeUs / 1_000) : now);
            }
            synchronized (remembered) {
                remembered.put(uri, comment);
            }
            emit(comment, postTags);
        } else if (REPOST.equals(collection) && "create".equals(operation)) {
            String subject = record.path("subject").path("uri").asText();
            Comment original;
            synchronized (remembered) {
                original = remembered.get(subject);
            }
            if (original != null) {
                Comment repost = new Comment("bluesky:" + uri, "bluesky", pseudonyms.of("bluesky", did), "", original.hashtags(), createdAt, now,
                        null, "bluesky:" + subject);
                synchronized (remembered) {
                    remembered.put(uri, repost);
                }
                emit(repost, original.hashtags());
            }
        }
    }

    private void emit(Comment comment, List<String> postTags) {
        sink.accept(comment);
        followed.published(postTags, clock.millis());
    }

    /** The tag facets of a post, lower case, without '#'. */
    static List<String> tags(JsonNode record) {
        List<String> tags = new ArrayList<>();
        for (JsonNode facet : record.path("facets")) {
            for (JsonNode feature : facet.path("features")) {
                if (TAG_FACET.equals(feature.path("$type").asText())) {
                    tags.add(Text.normaliseHashtag(feature.path("tag").asText()));
                }
            }
        }
        return tags;
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }

    private static long parse(String position) {
        try {
            return Long.parseLong(position.strip());
        } catch (NumberFormatException e) {
            log.warn("bluesky: the saved cursor '{}' is not a number; starting from the backfill time", position);
            return 0;
        }
    }

    /**
     * Saved only once the comments before it are stored, so a restart never skips one; with the hashtags followed
     * then, so that a restart reads back only for the hashtags that are new since.
     */
    synchronized void saveCursor() {
        long current = cursor;
        if (current == savedCursor) {
            return;
        }
        sink.flush();
        resume.save(current + " " + String.join(",", new TreeSet<>(followed.tags())));
        savedCursor = current;
    }
}
