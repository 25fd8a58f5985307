package org.chamberpulse.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Pseudonyms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one hashtag on one Mastodon server through its streaming API (server-sent events): new posts
 * ({@code update}) become comments, edits ({@code status.update}) new versions of them, deletes withdrawals,
 * boosts reposts of the original. Each time it connects, once the stream has answered, it reads the tag
 * timeline back to the last post it saw (or, the first time, to its {@link Resume#backfillFrom()}), so no
 * post falls into a gap; the stream's own posts wait in the socket meanwhile. Posts are identified by their
 * global URI, so the same post seen through several servers is one comment.
 */
public final class MastodonClient implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(MastodonClient.class);
    private static final int PAGE = 40;
    /** Pages read back at most in one catch-up (40 posts each). */
    private static final int MAX_PAGES = 500;
    /** Posts remembered by their server-local id, for the deletes that name only that id. */
    private static final int REMEMBERED = 50_000;
    /** A stream silent this long is taken as dead (servers send a keep-alive every 15 s or so). */
    static final Duration SILENCE = Duration.ofSeconds(90);
    private static final Duration SAVE_EVERY = Duration.ofSeconds(1);

    private final URI server;
    private final String tag;
    private final String token;
    private final CommentSink sink;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final Resume resume;
    private final SourceStats stats;
    private final HttpClient http;
    private final Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(2));
    private final Map<String, Comment> remembered = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Comment> eldest) {
            return size() > REMEMBERED;
        }
    };
    private volatile boolean running = true;
    private volatile InputStream current;
    private volatile long lastLineAt;
    /** The first catch-up reads back to the window's start (see catchUp). */
    private boolean readBackOnce = true;
    private volatile String lastId;
    private String savedId;
    private long savedAt;

    /** For one-off use: from now on, nowhere saved. */
    public MastodonClient(URI server, String tag, String token, CommentSink sink, Pseudonyms pseudonyms, Clock clock) {
        this(server, tag, token, sink, pseudonyms, clock, Resume.NONE, new SourceStats());
    }

    public MastodonClient(URI server, String tag, String token, CommentSink sink, Pseudonyms pseudonyms, Clock clock, Resume resume, SourceStats stats) {
        this.server = server.getPath() == null || server.getPath().endsWith("/") ? server : URI.create(server + "/");
        this.tag = (tag.startsWith("#") ? tag.substring(1) : tag).toLowerCase(Locale.ROOT);
        this.token = token;
        this.sink = sink;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.resume = resume;
        this.stats = stats;
        this.lastId = resume.position();
        this.savedId = lastId;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public void run() {
        while (running) {
            Duration atLeast = Duration.ZERO;
            try {
                follow();
                stats.disconnected("the stream ended");
                log.info("mastodon {} #{}: the stream ended; reconnecting", server.getHost(), tag);
            } catch (UpstreamStatus e) {
                stats.disconnected(e.getMessage());
                atLeast = e.retryAfter();
                log.warn("mastodon {} #{}: {}; retrying", server.getHost(), tag, e.getMessage());
            } catch (IOException e) {
                stats.disconnected(String.valueOf(e.getMessage()));
                if (running) {
                    log.warn("mastodon {} #{}: {}; reconnecting", server.getHost(), tag, e.getMessage());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (running && !backoff.pause(atLeast)) {
                return;
            }
        }
    }

    /** Stops following: the stream is closed and the thread ends. */
    public void stop() {
        running = false;
        closeCurrent();
    }

    public String tag() {
        return tag;
    }

    public SourceStats stats() {
        return stats;
    }

    public long comments() {
        return stats.publishedCount();
    }

    /** Closes a stream that has said nothing for {@link #SILENCE}: the follower reconnects and catches up. */
    public void closeIfSilent(long nowMillis) {
        if (current != null && nowMillis - lastLineAt > SILENCE.toMillis()) {
            log.info("mastodon {} #{}: silent for {} s; reconnecting", server.getHost(), tag, SILENCE.toSeconds());
            closeCurrent();
        }
    }

    private void closeCurrent() {
        BoundedLines.close(current);
    }

    private void follow() throws IOException, InterruptedException {
        HttpRequest request = request("api/v1/streaming/hashtag?tag=" + encode(tag)).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new UpstreamStatus(response.statusCode(), "the streaming API", UpstreamStatus.retryAfter(response.headers(), clock.instant()));
            }
            current = body;
            lastLineAt = clock.millis();
            stats.connected(clock.millis());
            log.info("mastodon {}: following #{}", server.getHost(), tag);
            catchUp();
            save(true);
            ServerSentEvents events = new ServerSentEvents(this::onEvent);
            long overlong = BoundedLines.read(body, line -> {
                if (!running) {
                    throw new IOException("stopped");
                }
                lastLineAt = clock.millis();
                events.line(line);
                backoff.reset();
                save(false);
            });
            for (long i = 0; i < overlong; i++) {
                stats.malformed();
            }
        } finally {
            current = null;
        }
    }

    private void onEvent(String event, String data) {
        switch (event) {
            case "update", "status.update" -> {
                try {
                    accept(Json.MAPPER.readTree(data), "status.update".equals(event));
                } catch (IOException e) {
                    stats.malformed();
                    log.warn("mastodon {} #{}: an unreadable {} event was skipped", server.getHost(), tag, event);
                }
            }
            case "delete" -> withdraw(data.strip());
            default -> log.debug("mastodon {}: event {} ignored", server.getHost(), event);
        }
    }

    /**
     * Reads the tag timeline from the newest post back to the last post seen, page by page, then publishes what it
     * found oldest first. The first time, it reads back to the window's start ({@link Resume#backfillFrom()})
     * whatever the saved position, so that it knows the posts a delete may name, and publishes only those after
     * the position. Paging back with {@code max_id} works on every server; {@code since_id} lets one stop early.
     */
    private void catchUp() throws IOException, InterruptedException {
        Instant from = readBackOnce ? resume.backfillFrom() : null;
        String since = lastId;
        if (since == null && from == null) {
            return;
        }
        List<JsonNode> found = new ArrayList<>();
        String maxId = null;
        for (int page = 0; page < MAX_PAGES && running; page++) {
            StringBuilder query = new StringBuilder("api/v1/timelines/tag/").append(encode(tag)).append("?limit=").append(PAGE);
            if (from == null) {
                query.append("&since_id=").append(encode(since));
            }
            if (maxId != null) {
                query.append("&max_id=").append(encode(maxId));
            }
            HttpResponse<InputStream> response = http.send(request(query.toString()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            JsonNode statuses;
            try (InputStream body = response.body()) {
                if (response.statusCode() == 404) {
                    log.warn("mastodon {} #{}: the server has no tag timeline; posts made before connecting are not fetched", server.getHost(), tag);
                    readBackOnce = false;
                    return;
                }
                if (response.statusCode() != 200) {
                    throw new UpstreamStatus(response.statusCode(), "the tag timeline", UpstreamStatus.retryAfter(response.headers(), clock.instant()));
                }
                statuses = Json.MAPPER.readTree(body.readNBytes(16 * 1024 * 1024));
            }
            String oldest = null;
            boolean reachedEnd = statuses == null || !statuses.isArray() || statuses.isEmpty();
            for (JsonNode status : reachedEnd ? Json.MAPPER.createArrayNode() : statuses) {
                String id = status.path("id").asText(null);
                if (id == null) {
                    stats.malformed();
                    continue;
                }
                if (oldest == null || compareIds(id, oldest) < 0) {
                    oldest = id;
                }
                if (from != null ? createdBefore(status, from) : compareIds(id, since) <= 0) {
                    reachedEnd = true;
                } else if (since == null || compareIds(id, since) > 0) {
                    found.add(status);
                } else {
                    remember(id, toComment(status, server.getHost(), pseudonyms, clock.instant()));
                }
            }
            if (reachedEnd || oldest == null || (maxId != null && compareIds(oldest, maxId) >= 0) || statuses.size() < PAGE) {
                break;
            }
            maxId = oldest;
        }
        found.sort((a, b) -> compareIds(a.path("id").asText(), b.path("id").asText()));
        for (JsonNode status : found) {
            accept(status, false);
        }
        readBackOnce = false;
        if (!found.isEmpty()) {
            log.info("mastodon {} #{}: caught up {} posts", server.getHost(), tag, found.size());
        }
    }

    private static boolean createdBefore(JsonNode status, Instant from) {
        try {
            return Instant.parse(status.path("created_at").asText()).isBefore(from);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void accept(JsonNode status, boolean edit) {
        stats.received();
        String id = status.path("id").asText(null);
        Comment comment = toComment(status, server.getHost(), pseudonyms, clock.instant());
        if (comment == null) {
            stats.malformed();
            return;
        }
        if (edit) {
            comment = comment.editedAt(editedAt(status));
        }
        if (id != null) {
            remember(id, comment);
            if (!edit && (lastId == null || compareIds(id, lastId) > 0)) {
                lastId = id;
            }
        }
        sink.accept(comment);
        stats.published(clock.millis());
    }

    private void remember(String id, Comment comment) {
        if (comment != null) {
            synchronized (remembered) {
                remembered.put(id, comment);
            }
        }
    }

    private Instant editedAt(JsonNode status) {
        try {
            return Instant.parse(status.path("edited_at").asText());
        } catch (RuntimeException e) {
            return clock.instant();
        }
    }

    /** A delete names the server's own id of the post: withdrawn if this follower published the post. */
    private void withdraw(String localId) {
        Comment post;
        synchronized (remembered) {
            post = remembered.remove(localId);
        }
        if (post == null) {
            log.debug("mastodon {} #{}: a delete for a post not seen here", server.getHost(), tag);
            return;
        }
        sink.accept(Comment.withdrawal(post.id(), post.source(), post.author(), post.hashtags(), post.createdAt(), clock.instant()));
        stats.published(clock.millis());
    }

    /** Saves the resume point if it moved (the ingest role calls it every second, whether the stream speaks or not). */
    public void saveProgress() {
        save(false);
    }

    /** Saves the last post's id once the sink holds everything before it: at most once a second, unless forced. */
    private synchronized void save(boolean force) {
        if (lastId == null || lastId.equals(savedId) || (!force && clock.millis() - savedAt < SAVE_EVERY.toMillis())) {
            return;
        }
        String position = lastId;
        sink.flush();
        resume.save(position);
        log.debug("mastodon {} #{}: resume point {} saved", server.getHost(), tag, position);
        savedId = position;
        savedAt = clock.millis();
    }

    /** A Mastodon Status as a comment; a boost becomes a repost carrying the original's tags. */
    static Comment toComment(JsonNode status, String host, Pseudonyms pseudonyms, Instant receivedAt) {
        JsonNode reblog = status.path("reblog");
        boolean boost = reblog.isObject();
        JsonNode original = boost ? reblog : status;
        // The URI names a post on every server alike; a server that leaves it out is asked for its URL, then its own id.
        String uri = status.hasNonNull("uri") ? status.path("uri").asText() : status.hasNonNull("url") ? status.path("url").asText()
                : status.hasNonNull("id") ? "https://" + host + "/statuses/" + status.path("id").asText() : null;
        if (uri == null || !status.hasNonNull("created_at")) {
            return null;
        }
        Instant createdAt;
        try {
            createdAt = Instant.parse(status.path("created_at").asText());
        } catch (RuntimeException e) {
            return null;
        }
        List<String> tags = new ArrayList<>();
        original.path("tags").forEach(t -> tags.add(t.path("name").asText().toLowerCase(Locale.ROOT)));
        String acct = status.path("account").path("acct").asText("");
        String handle = acct.contains("@") ? acct : acct + "@" + host;
        return new Comment(
                "mastodon:" + uri,
                "mastodon",
                pseudonyms.of("mastodon", handle),
                Html.toText(original.path("content").asText("")),
                tags,
                createdAt,
                receivedAt,
                original.path("language").isTextual() ? original.path("language").asText() : null,
                boost ? "mastodon:" + (reblog.hasNonNull("uri") ? reblog.path("uri").asText() : reblog.path("url").asText()) : null);
    }

    /** Mastodon ids are numbers too long for a long; compare them as numbers. */
    static int compareIds(String a, String b) {
        try {
            return new BigInteger(a).compareTo(new BigInteger(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.resolve(pathAndQuery));
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.header("User-Agent", "ChamberPulse/0.1 (council meeting feedback)");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
