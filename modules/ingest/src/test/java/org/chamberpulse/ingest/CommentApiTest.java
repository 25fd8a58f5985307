package org.chamberpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.Pseudonyms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API's answers that never reach Kafka: keys, rate limit, size and validation. */
class CommentApiTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T14:00:00Z"), ZoneOffset.UTC);

    /** Points nowhere: none of these requests gets as far as sending. */
    private final PulseProducer producer = new PulseProducer(PulseConfig.defaultConfig(), "127.0.0.1:1");
    private final AtomicLong nanos = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CommentApi open = api(List.of());
    private final CommentApi guarded = api(List.of("k1", "k2"));

    @AfterEach
    void close() {
        producer.close();
    }

    private CommentApi api(List<String> keys) {
        return new CommentApi(producer, new Pseudonyms("test".getBytes(StandardCharsets.UTF_8)), keys, new RateLimiter(2, nanos::get), CLOCK, meters);
    }

    @Test
    void shouldRequireAValidKeyWhenKeysAreConfigured() {
        assertThat(guarded.post(null, "1.2.3.4", body("{}")).status()).isEqualTo(401);
        assertThat(guarded.post("wrong", "1.2.3.4", body("{}")).status()).isEqualTo(401);
        assertThat(guarded.post("k2", "1.2.3.4", body("{}")).status()).isEqualTo(400);
    }

    @Test
    void shouldLimitTheRateOfEachCaller() {
        // given: two requests a second, bursts of four
        for (int k = 0; k < 4; k++) {
            assertThat(open.post(null, "1.2.3.4", body("{}")).status()).isEqualTo(400);
        }

        // when
        CommentApi.Response limited = open.post(null, "1.2.3.4", body("{}"));

        // then
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers()).containsKey("Retry-After");
        assertThat(open.post(null, "5.6.7.8", body("{}")).status()).isEqualTo(400);
        nanos.addAndGet(1_000_000_000L);
        assertThat(open.post(null, "1.2.3.4", body("{}")).status()).isEqualTo(400);
    }

    @Test
    void shouldRejectOversizedRequests() {
        StringBuilder many = new StringBuilder("[");
        for (int k = 0; k <= CommentApi.MAX_COMMENTS; k++) {
            many.append(k == 0 ? "" : ",").append("{\"id\":\"").append(k).append("\",\"author\":\"a\",\"text\":\"t\"}");
        }
        assertThat(open.post(null, "a", body(many.append("]").toString())).status()).isEqualTo(413);
        assertThat(open.post(null, "b", new byte[CommentApi.MAX_BODY_BYTES + 1]).status()).isEqualTo(413);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldExplainEveryBadCommentAndAcceptNone() {
        // when
        CommentApi.Response response = open.post(null, "a", body("""
                [{"id": "1", "author": "jo", "text": "fine"},
                 {"id": "2", "text": "no author"},
                 {"id": "3", "author": "jo", "text": "%s"},
                 {"id": "4", "author": "jo", "text": "from the future", "createdAt": "2027-01-01T00:00:00Z"},
                 {"id": "5", "author": "jo", "text": 42},
                 "not an object"]""".formatted("x".repeat(5_001))));

        // then
        assertThat(response.status()).isEqualTo(400);
        List<CommentApi.Problem> problems = (List<CommentApi.Problem>) ((Map<String, Object>) response.body()).get("problems");
        assertThat(problems).extracting(CommentApi.Problem::index).containsExactly(1, 2, 3, 4, 5);
        assertThat(problems.get(0).reason()).isEqualTo("missing author");
        assertThat(problems.get(1).reason()).startsWith("text longer than 5000");
        assertThat(problems.get(2).reason()).contains("more than 5 minutes after receivedAt");
        assertThat(problems.get(4).reason()).isEqualTo("a comment must be a JSON object");
        assertThat(rejected("web", "invalid")).isEqualTo(5);
        assertThat(rejected("web", "batch_refused")).isEqualTo(1);
    }

    @Test
    void shouldAnswerNonJsonWithAReason() {
        assertThat(open.post(null, "a", body("not json")).status()).isEqualTo(400);
        assertThat(open.post(null, "a", body("")).status()).isEqualTo(400);
        assertThat(open.post(null, "a", body("[]")).status()).isEqualTo(400);
        assertThat(open.post(null, "a", body("\"text\"")).status()).isEqualTo(400);
        assertThat(rejected("unknown", "malformed")).isEqualTo(4);
    }

    @Test
    void shouldAnswer503WhenKafkaIsAway() {
        // when: a valid comment, and no broker behind the producer
        CommentApi.Response response = open.post(null, "a", body("{\"id\": \"1\", \"author\": \"jo\", \"text\": \"Hello #bcclive\"}"));

        // then
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsKey("Retry-After");
        assertThat(rejected("web", "unavailable")).isEqualTo(1);
        assertThat(meters.find("chamberpulse.ingest.accepted").counter()).isNull();
    }

    @Test
    void shouldPseudonymiseAuthorsStably() {
        Pseudonyms pseudonyms = new Pseudonyms("secret".getBytes(StandardCharsets.UTF_8));
        assertThat(pseudonyms.of("sms", "07700900123")).hasSize(32).isEqualTo(pseudonyms.of("sms", " 07700900123 "))
                .isNotEqualTo(pseudonyms.of("web", "07700900123"))
                .isNotEqualTo(new Pseudonyms("other".getBytes(StandardCharsets.UTF_8)).of("sms", "07700900123"));
    }

    private double rejected(String source, String reason) {
        var counter = meters.find("chamberpulse.ingest.rejected").tags("source", source, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
