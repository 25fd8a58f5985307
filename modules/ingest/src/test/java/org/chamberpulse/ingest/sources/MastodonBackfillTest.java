package org.chamberpulse.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.chamberpulse.ingest.LocalServer;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Pseudonyms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hashtag followed anew reads the tag timeline back to its window's start, page by page; a server that
 * answers 429 is asked again no sooner than its Retry-After; the resume point is saved once the posts before
 * it are stored.
 */
class MastodonBackfillTest {

    private static final Instant WINDOW_START = Instant.parse("2026-11-27T13:00:00Z");
    private final List<Long> streamRequests = new CopyOnWriteArrayList<>();
    private final List<String> timelineQueries = new CopyOnWriteArrayList<>();
    private final HttpServer server = LocalServer.start(Map.of("/api/v1/streaming/hashtag", this::stream, "/api/v1/timelines/tag/bcclive", this::timeline));

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void stream(HttpExchange exchange) throws IOException {
        streamRequests.add(System.nanoTime());
        if (streamRequests.size() == 1) {
            exchange.getResponseHeaders().add("Retry-After", "2");
            exchange.sendResponseHeaders(429, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 50; i++) {
                out.write(":thump\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Two pages, newest first: the second reaches back past the window's start. */
    private void timeline(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        timelineQueries.add(query);
        String body;
        if (!query.contains("max_id")) {
            body = "[" + String.join(",", IntStream.range(0, 40)
                    .mapToObj(i -> status(Integer.toString(200 - i), WINDOW_START.plusSeconds(3_600 - i * 10L))).toList()) + "]";
        } else {
            body = "[" + status("160", WINDOW_START.plusSeconds(60)) + "," + status("159", WINDOW_START.minusSeconds(60)) + "]";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String status(String id, Instant createdAt) {
        return Fixtures.status(id, "u" + id, "<p>Post " + id + "</p>", null).replace("2026-11-27T14:21:05.000Z", createdAt.toString());
    }

    @Test
    void shouldReadBackToTheWindowStartAndWaitAsTheServerAsks() {
        // given a hashtag never followed before, whose meeting's window opened at WINDOW_START
        List<Comment> comments = new CopyOnWriteArrayList<>();
        List<String> saved = new CopyOnWriteArrayList<>();
        List<Integer> storedWhenSaved = new CopyOnWriteArrayList<>();
        Resume resume = new Resume() {
            @Override
            public String position() {
                return null;
            }

            @Override
            public Instant backfillFrom() {
                return WINDOW_START;
            }

            @Override
            public void save(String position) {
                saved.add(position);
                storedWhenSaved.add(comments.size());
            }
        };
        MastodonClient client = new MastodonClient(URI.create(LocalServer.address(server)), "bcclive", null, comments::add,
                new Pseudonyms("s".getBytes(StandardCharsets.UTF_8)), Clock.systemUTC(), resume, new SourceStats());
        Thread thread = new Thread(client);
        thread.setDaemon(true);

        // when
        thread.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> comments.size() >= 41 && !saved.isEmpty());
        client.stop();

        // then: the 41 posts of the window, oldest first, and not the one before it
        assertThat(comments).hasSize(41);
        assertThat(comments.get(0).id()).endsWith("/statuses/160");
        assertThat(comments.get(40).id()).endsWith("/statuses/200");
        assertThat(timelineQueries).containsExactly("limit=40", "limit=40&max_id=161");
        assertThat(streamRequests.get(1) - streamRequests.get(0)).as("waited the Retry-After").isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(saved.get(0)).isEqualTo("200");
        assertThat(storedWhenSaved.get(0)).isEqualTo(41);
    }
}
