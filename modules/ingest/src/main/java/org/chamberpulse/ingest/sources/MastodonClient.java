package org.chamberpulse.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one hashtag on one Mastodon server through its streaming API (server-sent events): new posts
 * ({@code update}) and edits ({@code status.update}) become comments, boosts become reposts of the
 * original. After any break it reconnects with backoff and first reads the tag timeline from the last
 * post it saw, so no post falls into the gap. Posts are identified by their global URI, so the same
 * post seen through several servers is one comment.
 */
public final class MastodonClient implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(MastodonClient.class);
    private static final int PAGE = 40;

    private final URI server;
    private final String tag;
    private final String token;
    private final CommentSink sink;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final HttpClient http;
    private final Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(2));
    private volatile boolean running = true;
    private String lastId;
    private long comments;

    public MastodonClient(URI server, String tag, String token, CommentSink sink, Pseudonyms pseudonyms, Clock clock) {
        this.server = server;
        this.tag = tag.startsWith("#") ? tag.substring(1) : tag;
        this.token = token;
        this.sink = sink;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (lastId != null) {
                    catchUp();
                }
                stream();
                log.info("mastodon {}: the stream ended; reconnecting", server.getHost());
            } catch (IOException e) {
                log.warn("mastodon {}: {}; reconnecting", server.getHost(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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

    private void stream() throws IOException, InterruptedException {
        HttpRequest request = request("/api/v1/streaming/hashtag?tag=" + encode(tag))
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("the streaming API answered " + response.statusCode());
        }
        log.info("mastodon {}: following #{}", server.getHost(), tag);
        ServerSentEvents events = new ServerSentEvents(this::onEvent);
        try (Stream<String> lines = response.body()) {
            lines.takeWhile(line -> running).forEach(line -> {
                events.line(line);
                backoff.reset();
            });
        }
    }

    private void onEvent(String event, String data) {
        switch (event) {
            case "update", "status.update" -> {
                try {
                    accept(Json.MAPPER.readTree(data));
                } catch (IOException e) {
                    log.warn("mastodon {}: an unreadable {} event was skipped", server.getHost(), event);
                }
            }
            case "delete" -> log.debug("mastodon {}: a post was deleted", server.getHost());
            default -> log.debug("mastodon {}: event {} ignored", server.getHost(), event);
        }
    }

    /** Reads the tag timeline from the last post seen, oldest first, page by page, until it is up to date. */
    private void catchUp() throws IOException, InterruptedException {
        while (running) {
            HttpRequest request = request("/api/v1/timelines/tag/" + encode(tag) + "?limit=" + PAGE + "&min_id=" + encode(lastId)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("the tag timeline answered " + response.statusCode());
            }
            List<JsonNode> statuses = new ArrayList<>();
            Json.MAPPER.readTree(response.body()).forEach(statuses::add);
            if (statuses.isEmpty()) {
                return;
            }
            statuses.sort((a, b) -> compareIds(a.path("id").asText(), b.path("id").asText()));
            statuses.forEach(this::accept);
            log.info("mastodon {}: caught up {} posts missed while disconnected", server.getHost(), statuses.size());
            if (statuses.size() < PAGE) {
                return;
            }
        }
    }

    private void accept(JsonNode status) {
        String id = status.path("id").asText(null);
        if (id != null && (lastId == null || compareIds(id, lastId) > 0)) {
            lastId = id;
        }
        Comment comment = toComment(status, server.getHost(), pseudonyms, clock.instant());
        if (comment != null) {
            sink.accept(comment);
            comments++;
        }
    }

    /** A Mastodon Status as a comment; a boost becomes a repost carrying the original's tags. */
    static Comment toComment(JsonNode status, String host, Pseudonyms pseudonyms, Instant receivedAt) {
        JsonNode reblog = status.path("reblog");
        boolean boost = reblog.isObject();
        JsonNode original = boost ? reblog : status;
        String uri = status.path("uri").asText(null);
        if (uri == null || !status.hasNonNull("created_at")) {
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
                Instant.parse(status.path("created_at").asText()),
                receivedAt,
                original.path("language").isTextual() ? original.path("language").asText() : null,
                boost ? "mastodon:" + reblog.path("uri").asText() : null);
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
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.resolve(pathAndQuery)).timeout(Duration.ofMinutes(60));
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.header("User-Agent", "ChamberPulse/0.1 (council meeting feedback)");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
