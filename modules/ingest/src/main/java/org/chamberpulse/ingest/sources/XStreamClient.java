package org.chamberpulse.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a hashtag on X through the v2 filtered stream: makes sure a rule for the hashtag exists, then
 * reads newline-delimited JSON (blank lines are keep-alives). Retweets become reposts. Reconnects as X
 * documents: linearly for network errors, exponentially for HTTP 429 and for server errors.
 */
public final class XStreamClient implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(XStreamClient.class);
    static final String RULE_TAG = "chamberpulse";
    private static final String FIELDS = "tweet.fields=created_at,lang,author_id,referenced_tweets,entities";

    private final URI api;
    private final String bearerToken;
    private final String tag;
    private final CommentSink sink;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Backoff network = Backoff.linear(Duration.ofMillis(250), Duration.ofSeconds(16));
    private final Backoff rateLimited = Backoff.exponential(Duration.ofMinutes(1), Duration.ofMinutes(15));
    private final Backoff serverError = Backoff.exponential(Duration.ofSeconds(5), Duration.ofSeconds(320));
    private volatile boolean running = true;
    private long comments;

    /** Thrown for an HTTP status worth waiting on. */
    static final class StatusException extends IOException {
        final int status;

        StatusException(int status, String what) {
            super(what + " answered HTTP " + status);
            this.status = status;
        }
    }

    public XStreamClient(URI api, String bearerToken, String tag, CommentSink sink, Pseudonyms pseudonyms, Clock clock) {
        this.api = api;
        this.bearerToken = bearerToken;
        this.tag = (tag.startsWith("#") ? tag.substring(1) : tag).toLowerCase(Locale.ROOT);
        this.sink = sink;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    @Override
    public void run() {
        while (running) {
            Backoff wait = network;
            try {
                ensureRule();
                stream();
                log.info("x: the stream ended; reconnecting");
            } catch (StatusException e) {
                log.warn("x: {}", e.getMessage());
                wait = e.status == 429 ? rateLimited : e.status >= 500 ? serverError : rateLimited;
            } catch (IOException e) {
                log.warn("x: {}; reconnecting", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (running && !wait.pause()) {
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

    /** Adds the rule "#tag" unless a rule with that value is there already. */
    void ensureRule() throws IOException, InterruptedException {
        String wanted = "#" + tag;
        HttpResponse<String> rules = http.send(request("/2/tweets/search/stream/rules").GET().build(), HttpResponse.BodyHandlers.ofString());
        check(rules.statusCode(), "listing the stream rules");
        for (JsonNode rule : Json.MAPPER.readTree(rules.body()).path("data")) {
            if (wanted.equalsIgnoreCase(rule.path("value").asText())) {
                return;
            }
        }
        String body = Json.MAPPER.writeValueAsString(Map.of("add", List.of(Map.of("value", wanted, "tag", RULE_TAG))));
        HttpResponse<String> added = http.send(request("/2/tweets/search/stream/rules")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        check(added.statusCode(), "adding the stream rule");
        log.info("x: added the stream rule {}", wanted);
    }

    private void stream() throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = http.send(request("/2/tweets/search/stream?" + FIELDS).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            response.body().close();
            check(response.statusCode(), "the filtered stream");
        }
        log.info("x: following #{}", tag);
        try (Stream<String> lines = response.body()) {
            lines.takeWhile(line -> running).forEach(line -> {
                network.reset();
                rateLimited.reset();
                serverError.reset();
                if (!line.isBlank()) {
                    onLine(line);
                }
            });
        }
    }

    void onLine(String line) {
        try {
            Comment comment = toComment(Json.MAPPER.readTree(line).path("data"), pseudonyms, clock.instant());
            if (comment != null) {
                sink.accept(comment);
                comments++;
            }
        } catch (IOException e) {
            log.warn("x: an unreadable line was skipped");
        }
    }

    /** A v2 Tweet as a comment; a retweet becomes a repost of the original. */
    static Comment toComment(JsonNode tweet, Pseudonyms pseudonyms, Instant receivedAt) {
        if (!tweet.hasNonNull("id") || !tweet.hasNonNull("created_at")) {
            return null;
        }
        List<String> tags = new ArrayList<>();
        tweet.path("entities").path("hashtags").forEach(h -> tags.add(h.path("tag").asText().toLowerCase(Locale.ROOT)));
        String repostOf = null;
        for (JsonNode reference : tweet.path("referenced_tweets")) {
            if ("retweeted".equals(reference.path("type").asText())) {
                repostOf = "x:" + reference.path("id").asText();
            }
        }
        return new Comment("x:" + tweet.path("id").asText(), "x", pseudonyms.of("x", tweet.path("author_id").asText()),
                tweet.path("text").asText(""), tags, Instant.parse(tweet.path("created_at").asText()), receivedAt,
                tweet.path("lang").isTextual() ? tweet.path("lang").asText() : null, repostOf);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(api.resolve(pathAndQuery))
                .header("Authorization", "Bearer " + bearerToken)
                .header("User-Agent", "ChamberPulse/0.1");
    }

    private static void check(int status, String what) throws StatusException {
        if (status < 200 || status >= 300) {
            throw new StatusException(status, what);
        }
    }
}
