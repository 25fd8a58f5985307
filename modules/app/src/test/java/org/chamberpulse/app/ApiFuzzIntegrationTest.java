package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.dashboard.Passwords;
import org.chamberpulse.model.HostileInputs;
import org.chamberpulse.model.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP side of {@code run} fuzzed: ten thousand hostile comments to the ingest API, mutated meetings,
 * agenda events and moderation actions to the clerk's API (logged in, with the CSRF token), garbage
 * logins and paths. Every answer is 4xx or, for a good request, 2xx/3xx; never 5xx.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ApiFuzzIntegrationTest {

    private static final long SEED = 4242L;
    private static final String PASSWORD = "fuzz the console";
    /**
     * What is bad on the topic but the API makes good: it pseudonymises the author (so any handle becomes a
     * short hash), and fills in a missing source ("web") and createdAt (now).
     */
    private static final Set<String> REPAIRED_BY_THE_API = Set.of("huge author", "control character in author (escaped)",
            "missing source", "missing createdAt");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /**
     * For the malformed paths: Jetty answers such a request with 400 and closes the connection without
     * saying so, and the next POST sent on it would get no answer (a GET is retried); their own client
     * keeps those connections away from the other requests.
     */
    private final HttpClient pathClient = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, Integer> statuses = new TreeMap<>();

    @Test
    void shouldAnswerHostileRequestsWithClientErrorsOnly(@TempDir Path dir) throws Exception {
        // given
        PulseConfig config = TestRuntimes.config(dir, "fuzz-it", "api.rate", "100000",
                "clerk.users", "fuzz:" + Passwords.hash(PASSWORD.toCharArray()));
        Random random = new Random(SEED);
        try (PulseRuntime runtime = PulseRuntime.start(config)) {
            runtime.awaitRunning(Duration.ofSeconds(60));
            String base = "http://localhost:" + runtime.httpPort();
            List<String> serverErrors = new ArrayList<>();

            // when: hostile comments to the ingest API
            List<HostileInputs.Input> comments = new HostileInputs(SEED, Clock.systemUTC().instant(), "api").generate(10_000);
            int wrongAnswers = 0;
            for (HostileInputs.Input input : comments) {
                int status = send(post(base + "/api/v1/comments", input.value()).header("Content-Type", "application/json"), serverErrors, input.kind());
                boolean acceptable = input.valid() || REPAIRED_BY_THE_API.contains(input.kind());
                if (acceptable ? status != 202 : status < 400 || status >= 500) {
                    wrongAnswers++;
                    serverErrors.add("comment (" + input.kind() + ") answered " + status);
                }
            }

            // and: the clerk's API, logged in, with mutated meetings, agenda events and moderation actions
            ClerkLogin clerk = ClerkLogin.of(http, base, "fuzz", PASSWORD);
            ObjectNode meeting = (ObjectNode) Json.MAPPER.readTree("""
                    {"meetingId": "fuzz-1", "title": "Cabinet", "body": "Test Council", "hashtags": ["fuzzlive"],
                     "scheduledStart": "2026-11-27T18:00:00Z", "timezone": "Europe/London", "broadcastDelaySeconds": 0,
                     "items": [{"itemId": "1", "number": "1", "title": "Questions", "restricted": false}]}""");
            assertThat(send(clerk.action(base + "/api/v1/clerk/meetings", Json.MAPPER.writeValueAsBytes(meeting)), serverErrors, "meeting")).isEqualTo(202);
            ObjectNode agenda = (ObjectNode) Json.MAPPER.readTree("{\"type\": \"ITEM_STARTED\", \"itemId\": \"1\", \"at\": \"2026-11-27T18:01:00Z\"}");
            ObjectNode moderation = (ObjectNode) Json.MAPPER.readTree("{\"commentId\": \"web:1\", \"hide\": true}");
            for (int i = 0; i < 1_000; i++) {
                send(clerk.action(base + "/api/v1/clerk/meetings", mutate(meeting, random)), serverErrors, "meeting");
                send(clerk.action(base + "/api/v1/clerk/meetings/" + meetingIdSegment(random) + "/events", mutate(agenda, random)), serverErrors, "agenda");
                send(clerk.action(base + "/api/v1/clerk/meetings/fuzz-1/moderation", mutate(moderation, random)), serverErrors, "moderation");
            }

            // and: garbage logins, paths and methods
            for (int i = 0; i < 500; i++) {
                send(post(base + "/login", garbage(random)).header("Content-Type", "application/x-www-form-urlencoded"), serverErrors, "login");
                String segment = pathSegment(random);
                for (String path : List.of("/meetings/" + segment, "/api/v1/meetings/" + segment + "/summary", "/clerk/" + segment,
                        "/meetings/" + segment + "/report/report.csv")) {
                    send(pathClient, HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)), serverErrors, "GET " + path);
                }
                // Small bodies: a route refused for its method is answered before its body is read, and Jetty
                // then closes the connection under a client still sending a large one.
                send(HttpRequest.newBuilder(URI.create(base + "/api/v1/comments")).method(random.nextBoolean() ? "PUT" : "DELETE",
                        HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOf(garbage(random), 1_000))), serverErrors, "method");
            }

            // then
            System.out.printf("seed %d: answers by status %s%n", SEED, statuses);
            assertThat(serverErrors).as("seed %d: answers of 5xx or not as expected", SEED).isEmpty();
            assertThat(wrongAnswers).isZero();
            assertThat(runtime.running()).isTrue();
        }
    }

    private int send(HttpRequest.Builder request, List<String> serverErrors, String what) throws Exception {
        return send(http, request, serverErrors, what);
    }

    private int send(HttpClient client, HttpRequest.Builder request, List<String> serverErrors, String what) throws Exception {
        HttpResponse<String> response;
        HttpRequest built = request.build();
        try {
            response = sendOnce(client, built);
        } catch (IOException e) {
            serverErrors.add(what + " got no answer: " + e.getMessage() + " (" + built.uri().toString().substring(0, Math.min(120, built.uri().toString().length()))
                    + ", " + built.bodyPublisher().map(HttpRequest.BodyPublisher::contentLength).orElse(0L) + " bytes)");
            statuses.merge("no answer", 1, Integer::sum);
            return -1;
        }
        statuses.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
        if (response.statusCode() >= 500) {
            serverErrors.add(what + " answered " + response.statusCode() + ": " + response.body().substring(0, Math.min(200, response.body().length())));
        }
        return response.statusCode();
    }

    /**
     * A pooled connection the server has just closed (it may close one after refusing a large body unread, as
     * HTTP allows) gives the next request no bytes at all; Java's client retries only GETs then, as browsers
     * retry any request that got nothing on a reused connection. Such a request is sent again once: an answer
     * that never comes on a fresh connection still counts as none.
     */
    private static HttpResponse<String> sendOnce(HttpClient client, HttpRequest request) throws Exception {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                throw e;
            }
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static HttpRequest.Builder post(String url, byte[] body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** The template with one field (or one field of its first item) replaced by a hostile value, or its bytes broken. */
    private static byte[] mutate(ObjectNode template, Random random) throws Exception {
        ObjectNode node = template.deepCopy();
        ObjectNode target = node;
        if (node.has("items") && random.nextBoolean()) {
            target = (ObjectNode) node.get("items").get(0);
        }
        List<String> fields = new ArrayList<>();
        target.fieldNames().forEachRemaining(fields::add);
        String field = fields.get(random.nextInt(fields.size()));
        switch (random.nextInt(14)) {
            case 0 -> target.putNull(field);
            case 1 -> target.put(field, random.nextLong());
            case 2 -> target.put(field, -1e308 * random.nextDouble());
            case 3 -> target.put(field, random.nextBoolean());
            case 4 -> target.put(field, "");
            case 5 -> target.put(field, "x".repeat(1 + random.nextInt(200_000)));
            case 6 -> target.putArray(field).addNull();
            case 7 -> target.putObject(field).putArray("a").addObject();
            case 8 -> target.put(field, "\u0000\u0007\uFFFF\uD800");
            case 9 -> target.put(field, random.nextBoolean() ? "-999999999-01-01T00:00:00Z" : "+1000000000-12-31T23:59:59.999999999Z");
            case 10 -> target.remove(field);
            case 11 -> {
                ArrayNode many = node.putArray(node.has("items") ? "items" : field);
                for (int i = 0; i < 2_000; i++) {
                    many.addObject().put("itemId", Integer.toString(i % 3));
                }
            }
            case 12 -> {
                byte[] whole = Json.MAPPER.writeValueAsBytes(node);
                return Arrays.copyOf(whole, random.nextInt(whole.length));
            }
            default -> {
                byte[] whole = Json.MAPPER.writeValueAsBytes(node);
                whole[random.nextInt(whole.length)] = (byte) (0x80 + random.nextInt(0x80));
                return whole;
            }
        }
        return Json.MAPPER.writeValueAsBytes(node);
    }

    /** Ids in a path Jetty takes: the malformed ones are sent by GET with {@link #pathClient}. */
    private static String meetingIdSegment(Random random) {
        String[] segments = {"fuzz-1", "nope", "a%20b", "CON", "x".repeat(300), "%3Cscript%3E"};
        return segments[random.nextInt(segments.length)];
    }

    private static String pathSegment(Random random) {
        String[] segments = {"fuzz-1", "nope", "%00", "..%2F..%2Fetc%2Fpasswd", "%C0%AF", "a%20b", "<script>", "x".repeat(5_000),
                "%E2%80%AE", "..", "CON", "%FF%FE", "\u00e9t\u00e9"};
        String segment = segments[random.nextInt(segments.length)];
        return segment.chars().allMatch(c -> c < 128 && c != '<' && c != '>') ? segment : URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    private static byte[] garbage(Random random) {
        byte[] bytes = new byte[random.nextInt(random.nextBoolean() ? 100 : 100_000)];
        random.nextBytes(bytes);
        return bytes;
    }
}
