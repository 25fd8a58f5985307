package org.chamberpulse.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows hashtags on X through the v2 filtered stream, one connection for all of them: keeps one rule
 * {@code #tag} (tagged {@value #RULE_TAG}) per followed hashtag and deletes its own rules for hashtags no
 * longer followed, then reads newline-delimited JSON (blank lines are keep-alives). Retweets become reposts.
 * Reconnects as X documents: linearly for network errors, exponentially for HTTP 429 and server errors,
 * never sooner than a {@code Retry-After}. The filtered stream cannot replay what was posted while it was
 * disconnected (docs/DEPLOY.md).
 */
public final class XStreamClient implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(XStreamClient.class);
    static final String RULE_TAG = "chamberpulse";
    private static final String FIELDS = "tweet.fields=created_at,lang,author_id,referenced_tweets,entities";
    private static final String RULES = "2/tweets/search/stream/rules";

    private final URI api;
    private final String bearerToken;
    private final CommentSink sink;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final SourceStats stats;
    private final FollowedTags followed;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Backoff network = Backoff.linear(Duration.ofMillis(250), Duration.ofSeconds(16));
    private final Backoff rateLimited = Backoff.exponential(Duration.ofMinutes(1), Duration.ofMinutes(15));
    private final Backoff serverError = Backoff.exponential(Duration.ofSeconds(5), Duration.ofSeconds(320));
    private volatile boolean running = true;
    private volatile InputStream current;

    /** For one-off use: one hashtag. */
    public XStreamClient(URI api, String bearerToken, String tag, CommentSink sink, Pseudonyms pseudonyms, Clock clock) {
        this(api, bearerToken, sink, pseudonyms, clock, new SourceStats());
        follow(Set.of(tag), name -> new SourceStats());
    }

    public XStreamClient(URI api, String bearerToken, CommentSink sink, Pseudonyms pseudonyms, Clock clock, SourceStats stats) {
        this.api = api.getPath() == null || api.getPath().endsWith("/") ? api : URI.create(api + "/");
        this.bearerToken = bearerToken;
        this.sink = sink;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.stats = stats;
        this.followed = new FollowedTags(stats, Set.of());
    }

    /** The hashtags to follow; a change reconnects with the rules made to match. */
    public void follow(Set<String> wanted, Function<String, SourceStats> statsOf) {
        Set<String> normalised = new TreeSet<>();
        wanted.forEach(tag -> normalised.add(Text.normaliseHashtag(tag)));
        if (!normalised.equals(followed.tags())) {
            followed.follow(normalised, statsOf, this::closeCurrent);
        }
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
            Backoff wait = network;
            Duration atLeast = Duration.ZERO;
            try {
                Set<String> following = followed.tags();
                ensureRules(following);
                stream(following);
                followed.disconnected("the stream ended");
                if (!following.equals(followed.tags())) {
                    continue;
                }
                log.info("x: the stream ended; reconnecting");
            } catch (UpstreamStatus e) {
                followed.disconnected(e.getMessage());
                log.warn("x: {}", e.getMessage());
                wait = e.status() >= 500 ? serverError : rateLimited;
                atLeast = e.retryAfter();
            } catch (IOException e) {
                followed.disconnected(String.valueOf(e.getMessage()));
                if (running) {
                    log.warn("x: {}; reconnecting", e.getMessage());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (running && !wait.pause(atLeast)) {
                return;
            }
        }
    }

    public void stop() {
        running = false;
        closeCurrent();
        followed.wake();
    }

    private void closeCurrent() {
        BoundedLines.close(current);
    }

    /** One rule "#tag" per followed hashtag; this client's rules for other hashtags are deleted. */
    void ensureRules(Set<String> following) throws IOException, InterruptedException {
        HttpResponse<String> rules = http.send(request(RULES).GET().build(), HttpResponse.BodyHandlers.ofString());
        check(rules, "listing the stream rules");
        Set<String> present = new TreeSet<>();
        List<String> stale = new ArrayList<>();
        for (JsonNode rule : Json.MAPPER.readTree(rules.body()).path("data")) {
            String value = rule.path("value").asText().toLowerCase(Locale.ROOT);
            String tag = value.startsWith("#") ? value.substring(1) : null;
            if (tag != null && following.contains(tag)) {
                present.add(tag);
            } else if (RULE_TAG.equals(rule.path("tag").asText())) {
                stale.add(rule.path("id").asText());
            }
        }
        List<Map<String, String>> add = new ArrayList<>();
        following.stream().filter(tag -> !present.contains(tag)).forEach(tag -> add.add(Map.of("value", "#" + tag, "tag", RULE_TAG)));
        if (!add.isEmpty()) {
            post(Map.of("add", add), "adding stream rules");
            log.info("x: added stream rules for {}", following.stream().filter(tag -> !present.contains(tag)).toList());
        }
        if (!stale.isEmpty()) {
            post(Map.of("delete", Map.of("ids", stale)), "deleting stream rules");
            log.info("x: deleted {} stream rules no meeting needs", stale.size());
        }
    }

    private void post(Object body, String what) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request(RULES).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        check(answer, what);
    }

    private void stream(Set<String> following) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request("2/tweets/search/stream?" + FIELDS).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new UpstreamStatus(response.statusCode(), "the filtered stream", UpstreamStatus.retryAfter(response.headers(), clock.instant()));
            }
            current = body;
            if (!following.equals(followed.tags())) {
                return;
            }
            followed.connected(clock.millis());
            log.info("x: following {}", following);
            long overlong = BoundedLines.read(body, line -> {
                if (!running) {
                    throw new IOException("stopped");
                }
                network.reset();
                rateLimited.reset();
                serverError.reset();
                if (!line.isBlank()) {
                    onLine(line);
                }
            });
            for (long i = 0; i < overlong; i++) {
                stats.malformed();
            }
        } finally {
            current = null;
        }
    }

    void onLine(String line) {
        try {
            Comment comment = toComment(Json.MAPPER.readTree(line).path("data"), pseudonyms, clock.instant());
            if (comment == null) {
                stats.malformed();
                return;
            }
            sink.accept(comment);
            followed.published(comment.hashtags(), clock.millis());
        } catch (IOException | RuntimeException e) {
            stats.malformed();
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

    private void check(HttpResponse<?> response, String what) throws UpstreamStatus {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw new UpstreamStatus(status, what, UpstreamStatus.retryAfter(response.headers(), clock.instant()));
        }
    }
}
