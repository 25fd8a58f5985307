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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chamberpulse.ingest.LocalServer;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Pseudonyms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The X client against a local server with the v2 rules and filtered-stream endpoints, streaming chunked NDJSON. */
class XStreamClientTest {

    private final List<String> ruleBodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final HttpServer server = start();

    private HttpServer start() {
        return LocalServer.start(Map.of("/2/tweets/search/stream/rules", this::rules, "/2/tweets/search/stream", this::stream));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void rules(HttpExchange exchange) throws IOException {
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        String body;
        if (exchange.getRequestMethod().equals("POST")) {
            ruleBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            body = "{\"data\":[{\"value\":\"#bcclive\",\"tag\":\"chamberpulse\",\"id\":\"1\"}],\"meta\":{\"summary\":{\"created\":1}}}";
        } else {
            body = "{\"data\":[{\"value\":\"cats has:images\",\"id\":\"9\"}],\"meta\":{\"result_count\":1}}";
        }
        respond(exchange, 200, body);
    }

    private void stream(HttpExchange exchange) throws IOException {
        assertThat(exchange.getRequestURI().getQuery()).contains("tweet.fields=created_at,lang,author_id,referenced_tweets,entities");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        write(out, "\r\n");
        write(out, tweet("1800000000000000001", "111", "Great point on buses #BCCLive", null) + "\r\n");
        write(out, "\r\n");
        write(out, tweet("1800000000000000002", "222", "RT @someone: Great point on buses #BCCLive", "1800000000000000001") + "\r\n");
        write(out, "{not json\r\n");
        try {
            Thread.sleep(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void shouldAddTheRuleAndReadTweetsAndRetweets() throws Exception {
        // given
        List<Comment> comments = new CopyOnWriteArrayList<>();
        XStreamClient client = new XStreamClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "token-1", "#bcclive",
                comments::add, new Pseudonyms("s".getBytes(StandardCharsets.UTF_8)), Clock.systemUTC());

        // when
        Thread thread = new Thread(client);
        thread.setDaemon(true);
        thread.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> comments.size() >= 2);
        client.stop();

        // then
        assertThat(ruleBodies).hasSize(1);
        assertThat(Json.MAPPER.readTree(ruleBodies.get(0)))
                .isEqualTo(Json.MAPPER.readTree("{\"add\":[{\"value\":\"#bcclive\",\"tag\":\"chamberpulse\"}]}"));
        assertThat(authorizations).allMatch("Bearer token-1"::equals);
        assertThat(comments).extracting(Comment::id).containsExactly("x:1800000000000000001", "x:1800000000000000002");
        assertThat(comments.get(0).hashtags()).containsExactly("bcclive");
        assertThat(comments.get(0).lang()).isEqualTo("en");
        assertThat(comments.get(1).repostOf()).isEqualTo("x:1800000000000000001");
        assertThat(comments.get(0).author()).hasSize(32).isNotEqualTo(comments.get(1).author());
    }

    /** A v2 filtered-stream line (https://docs.x.com/x-api/posts/filtered-stream). */
    private static String tweet(String id, String author, String text, String retweetOf) {
        int start = text.indexOf('#');
        return """
                {"data":{"id":"%s","text":"%s","author_id":"%s","created_at":"2026-11-27T14:21:05.000Z","lang":"en",
                 "edit_history_tweet_ids":["%s"],"entities":{"hashtags":[{"start":%d,"end":%d,"tag":"BCCLive"}]}%s},
                 "matching_rules":[{"id":"1","tag":"chamberpulse"}]}""".formatted(id, text, author, id, start, start + 8,
                retweetOf == null ? "" : ",\"referenced_tweets\":[{\"type\":\"retweeted\",\"id\":\"" + retweetOf + "\"}]").replace("\n", "");
    }
}
