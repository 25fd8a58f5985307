package org.chamberpulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Sha256;
import org.chamberpulse.model.Text;
import org.chamberpulse.model.Topics;
import org.chamberpulse.model.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/comments} for a council's own web form or SMS gateway, free of any HTTP framework:
 * the server hands over the credentials, the caller's address and the body, and sends back the answer.
 *
 * <p>A batch is all or nothing: one bad comment rejects the batch with a reason for each bad one. Accepted
 * comments are written with {@code acks=all} and answered 202 only once Kafka has them; when Kafka does
 * not answer in time the caller gets 503 and may send the same batch again, because comments are
 * idempotent by id. Authors are pseudonymised here: the topic never sees a raw handle or phone number.
 */
public final class CommentApi {

    private static final Logger log = LoggerFactory.getLogger(CommentApi.class);

    public static final int MAX_COMMENTS = 1_000;
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    /** An HTTP answer: status and a JSON-able body. */
    public record Response(int status, Object body, Map<String, String> headers) {
        static Response of(int status, Object body) {
            return new Response(status, body, Map.of());
        }

        /** The reason of a refusal, as its body says it. */
        public String error() {
            return body instanceof Map<?, ?> map && map.get("error") != null ? map.get("error").toString() : "";
        }
    }

    /** What one bad comment of a batch got wrong. */
    public record Problem(int index, String id, String reason) {
    }

    /** Sources as metric tags; anything else is "other", so a caller cannot grow the number of series. */
    private static final Set<String> KNOWN_SOURCES = Set.of("web", "sms", "x", "mastodon", "bluesky", "replay", "load");

    private final MeterRegistry meters;
    private final PulseProducer producer;
    private final Pseudonyms pseudonyms;
    private final List<byte[]> keyDigests;
    private final RateLimiter limiter;
    private final Clock clock;

    public CommentApi(PulseProducer producer, Pseudonyms pseudonyms, List<String> apiKeys, RateLimiter limiter, Clock clock, MeterRegistry meters) {
        this.meters = meters;
        this.producer = producer;
        this.pseudonyms = pseudonyms;
        this.keyDigests = apiKeys.stream().map(Sha256::of).toList();
        this.limiter = limiter;
        this.clock = clock;
    }

    /**
     * @param presentedKey the key from {@code X-API-Key} or {@code Authorization: Bearer}, or null
     * @param client       the caller's address, which the rate limit counts when no keys are configured
     */
    public Response post(String presentedKey, String client, byte[] body) {
        return admit(presentedKey, client).orElseGet(() -> accept(body));
    }

    /**
     * The checks made from the request's headers alone, before its body is read: the key and the rate.
     * Empty: go on with {@link #accept}.
     */
    public Optional<Response> admit(String presentedKey, String client) {
        if (!keyDigests.isEmpty() && !validKey(presentedKey)) {
            rejected("unknown", "unauthorized", 1);
            return Optional.of(Response.of(401, Map.of("error", "a valid API key is required (X-API-Key or Authorization: Bearer)")));
        }
        String caller = keyDigests.isEmpty() ? "address:" + client : "key:" + HexFormat.of().formatHex(Sha256.of(presentedKey), 0, 8);
        if (!limiter.tryAcquire(caller)) {
            rejected("unknown", "rate_limited", 1);
            return Optional.of(new Response(429, Map.of("error", "too many requests; slow down"),
                    Map.of("Retry-After", Long.toString(limiter.retryAfterSeconds()))));
        }
        return Optional.empty();
    }

    /** A body from a caller {@link #admit} let in. */
    public Response accept(byte[] body) {
        if (body == null || body.length == 0) {
            rejected("unknown", "malformed", 1);
            return Response.of(400, Map.of("error", "the body is empty: send one comment as a JSON object or up to " + MAX_COMMENTS + " in an array"));
        }
        if (body.length > MAX_BODY_BYTES) {
            rejected("unknown", "too_large", 1);
            return Response.of(413, Map.of("error", "the body is " + body.length + " bytes; the limit is " + MAX_BODY_BYTES));
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            rejected("unknown", "malformed", 1);
            return Response.of(400, Map.of("error", "the body is not JSON: " + Text.firstLine(e.getMessage(), "unreadable")));
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            rejected("unknown", "malformed", 1);
            return Response.of(400, Map.of("error", "send one comment as a JSON object or several in an array"));
        }
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(items::add);
        } else {
            items.add(root);
        }
        if (items.size() > MAX_COMMENTS) {
            rejected("unknown", "too_large", 1);
            return Response.of(413, Map.of("error", items.size() + " comments in one request; the limit is " + MAX_COMMENTS));
        }
        if (items.isEmpty()) {
            rejected("unknown", "malformed", 1);
            return Response.of(400, Map.of("error", "the array holds no comment"));
        }
        Instant now = clock.instant();
        List<Comment> comments = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            JsonNode item = items.get(index);
            String id = item.path("id").isTextual() ? item.path("id").asText() : null;
            try {
                Comment comment = prepare(item, now);
                Optional<String> problem = Validation.commentProblem(comment, now);
                if (problem.isPresent()) {
                    problems.add(new Problem(index, id, problem.get()));
                } else {
                    comments.add(comment);
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(index, id, Text.firstLine(e.getMessage(), "unreadable")));
            }
        }
        if (!problems.isEmpty()) {
            Set<Integer> invalid = problems.stream().map(Problem::index).collect(Collectors.toSet());
            for (int index = 0; index < items.size(); index++) {
                rejected(sourceOf(items.get(index)), invalid.contains(index) ? "invalid" : "batch_refused", 1);
            }
            return Response.of(400, Map.of("error", problems.size() + " of " + items.size() + " comments are invalid; none was accepted",
                    "problems", problems));
        }
        return publish(comments);
    }

    /**
     * A comment as the council's system sends it, made ready for the topic: the id carries its source
     * ("web:123"), the author is pseudonymised, receivedAt is now, createdAt defaults to now.
     */
    private Comment prepare(JsonNode item, Instant now) {
        if (!item.isObject()) {
            throw new IllegalArgumentException("a comment must be a JSON object");
        }
        ObjectNode node = ((ObjectNode) item).deepCopy();
        if (!node.hasNonNull("createdAt")) {
            node.put("createdAt", now.toString());
        }
        node.put("receivedAt", now.toString());
        if (!node.hasNonNull("source")) {
            node.put("source", "web");
        }
        Comment raw;
        try {
            raw = Json.MAPPER.treeToValue(node, Comment.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String id = raw.id() == null || raw.id().isBlank() || raw.id().startsWith(raw.source() + ":") ? raw.id() : raw.source() + ":" + raw.id();
        String author = raw.author() == null || raw.author().isBlank() ? raw.author() : pseudonyms.of(raw.source(), raw.author());
        return new Comment(id, raw.source(), author, raw.text(), raw.hashtags(), raw.createdAt(), raw.receivedAt(), raw.lang(), raw.repostOf());
    }

    private Response publish(List<Comment> comments) {
        List<Future<?>> sends = new ArrayList<>();
        try {
            for (Comment comment : comments) {
                sends.add(producer.send(Topics.COMMENTS_RAW, comment.key(), comment));
            }
            long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
            for (Future<?> send : sends) {
                send.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            log.warn("Kafka did not acknowledge {} comments in time: answering 503", comments.size());
            return unavailable(comments);
        } catch (ExecutionException e) {
            log.warn("Kafka refused a batch of {} comments: {}", comments.size(), e.getCause().getMessage());
            return unavailable(comments);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(comments);
        }
        comments.forEach(c -> Counter.builder("chamberpulse.ingest.accepted").tag("source", tag(c.source()))
                .description("Comments the ingest API accepted, by source").register(meters).increment());
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("accepted", comments.stream().map(Comment::id).toList());
        return Response.of(202, accepted);
    }

    private Response unavailable(List<Comment> comments) {
        comments.forEach(c -> rejected(tag(c.source()), "unavailable", 1));
        return new Response(503, Map.of("error", "Kafka is not available; send the same comments again later (they are idempotent by id)"),
                Map.of("Retry-After", "5"));
    }

    /**
     * {@code chamberpulse.ingest.rejected}: comments refused, by source and reason; a request refused before
     * its comments could be read counts once, as source "unknown".
     */
    private void rejected(String source, String reason, int comments) {
        Counter.builder("chamberpulse.ingest.rejected").tag("source", source).tag("reason", reason)
                .description("Comments the ingest API refused, by source and reason (a request not read counts once, as unknown)")
                .register(meters).increment(comments);
    }

    private static String sourceOf(JsonNode item) {
        return item.path("source").isTextual() ? tag(item.path("source").asText()) : "web";
    }

    private static String tag(String source) {
        return source != null && KNOWN_SOURCES.contains(source) ? source : "other";
    }

    private boolean validKey(String presented) {
        if (presented == null || presented.isBlank()) {
            return false;
        }
        byte[] digest = Sha256.of(presented.strip());
        return keyDigests.stream().anyMatch(known -> MessageDigest.isEqual(known, digest));
    }
}
