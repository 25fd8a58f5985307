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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chamberpulse.ingest.LocalServer;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Pseudonyms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Mastodon client against a local server speaking the streaming API as Mastodon documents it:
 * server-sent events with keep-alive comments, then a dropped connection and the tag timeline.
 */
class MastodonClientTest {

    private final HttpServer server = start();
    private final AtomicInteger streams = new AtomicInteger();
    private final List<String> timelineQueries = new CopyOnWriteArrayList<>();
    private final CountDownLatch secondStream = new CountDownLatch(1);

    private HttpServer start() {
        return LocalServer.start(Map.of("/api/v1/streaming/hashtag", this::stream, "/api/v1/timelines/tag/bcclive", this::timeline));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void stream(HttpExchange exchange) throws IOException {
        int connection = streams.incrementAndGet();
        assertThat(exchange.getRequestURI().getQuery()).isEqualTo("tag=bcclive");
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        if (connection == 1) {
            write(out, ":thump\n\n");
            write(out, "event: update\ndata: " + Fixtures.status("110000000000000001", "alice", "<p>Great point on the <a href=\"https://x\">#<span>bcclive</span></a> bus lanes &amp; trams</p><p>Second para<br>line</p>", null) + "\n\n");
            write(out, "event: update\ndata: " + Fixtures.status("110000000000000002", "bob@other.social", "", Fixtures.status("109", "carol", "<p>Original post</p>", null)) + "\n\n");
            write(out, "event: delete\ndata: 110000000000000001\n\n");
            out.close();
            return;
        }
        write(out, "event: update\ndata: " + Fixtures.status("110000000000000004", "dave", "<p>Back again</p>", null) + "\n\n");
        secondStream.countDown();
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
    }

    private void timeline(HttpExchange exchange) throws IOException {
        timelineQueries.add(exchange.getRequestURI().getQuery());
        String body = timelineQueries.size() == 1
                ? "[" + Fixtures.status("110000000000000003", "erin", "<p>Posted while you were away</p>", null) + "]"
                : "[]";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void shouldFollowTheTagWithdrawDeletedPostsAndCatchUpAfterADroppedConnection() throws Exception {
        // given
        List<Comment> comments = new CopyOnWriteArrayList<>();
        MastodonClient client = new MastodonClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "#bcclive", null,
                comments::add, new Pseudonyms("s".getBytes(StandardCharsets.UTF_8)), Clock.systemUTC());
        Thread thread = new Thread(client);
        thread.setDaemon(true);

        // when
        thread.start();
        assertThat(secondStream.await(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> comments.size() >= 5);
        client.stop();

        // then
        assertThat(comments).extracting(Comment::id).containsExactly(
                "mastodon:https://example.social/users/alice/statuses/110000000000000001",
                "mastodon:https://example.social/users/bob@other.social/statuses/110000000000000002",
                "mastodon:https://example.social/users/alice/statuses/110000000000000001",
                "mastodon:https://example.social/users/erin/statuses/110000000000000003",
                "mastodon:https://example.social/users/dave/statuses/110000000000000004");
        Comment first = comments.get(0);
        assertThat(first.text()).isEqualTo("Great point on the #bcclive bus lanes & trams\n\nSecond para\nline");
        assertThat(first.hashtags()).containsExactly("bcclive");
        assertThat(first.author()).hasSize(32).doesNotContain("alice");
        assertThat(first.lang()).isEqualTo("en");
        Comment boost = comments.get(1);
        assertThat(boost.repostOf()).isEqualTo("mastodon:https://example.social/users/carol/statuses/109");
        assertThat(boost.hashtags()).containsExactly("bcclive");
        Comment deleted = comments.get(2);
        assertThat(deleted.withdrawn()).isTrue();
        assertThat(deleted.createdAt()).isEqualTo(first.createdAt());
        assertThat(deleted.hashtags()).isEqualTo(first.hashtags());
        assertThat(comments).filteredOn(Comment::withdrawn).hasSize(1);
        assertThat(timelineQueries.get(0)).isEqualTo("limit=40&since_id=110000000000000002");
    }

    @Test
    void shouldNameAPostByItsUrlOrItsIdWhereTheServerGivesNoUri() throws Exception {
        // given statuses from a minimal server
        var withUrl = Json.MAPPER.readTree(
                "{\"id\":\"7\",\"url\":\"https://small.example/@ann/7\",\"created_at\":\"2026-11-27T14:21:05Z\",\"content\":\"<p>Hi</p>\",\"account\":{\"acct\":\"ann\"}}");
        var withIdOnly = Json.MAPPER.readTree(
                "{\"id\":\"8\",\"created_at\":\"2026-11-27T14:21:05Z\",\"content\":\"<p>Hi</p>\",\"account\":{\"acct\":\"bob\"}}");
        Pseudonyms pseudonyms = new Pseudonyms("s".getBytes(StandardCharsets.UTF_8));

        // when / then
        assertThat(MastodonClient.toComment(withUrl, "small.example", pseudonyms, Instant.now()).id())
                .isEqualTo("mastodon:https://small.example/@ann/7");
        assertThat(MastodonClient.toComment(withIdOnly, "small.example", pseudonyms, Instant.now()).id())
                .isEqualTo("mastodon:https://small.example/statuses/8");
    }
}
