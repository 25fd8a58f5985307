package org.chamberpulse.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local servers speaking each network's protocol as its documentation describes it, with posts made on
 * demand: Mastodon (hashtag streaming with keep-alives, the tag timeline paged by {@code max_id} and
 * {@code since_id}, deletes), Jetstream (a WebSocket of commits that replays from {@code cursor}) and X (stream
 * rules and the filtered stream, which replays nothing).
 */
final class SourceServers implements AutoCloseable {

    /** A Mastodon server holding one hashtag's statuses. */
    static final class Mastodon implements AutoCloseable {
        private final HttpServer server;
        private final List<String[]> statuses = new CopyOnWriteArrayList<>();
        private final List<LinkedBlockingQueue<String>> streams = new CopyOnWriteArrayList<>();
        private final AtomicLong ids = new AtomicLong(110_000_000_000_000_000L);
        final List<String> timelineQueries = new CopyOnWriteArrayList<>();

        Mastodon(String tag) {
            server = SourceServers.http(Map.of("/api/v1/streaming/hashtag", this::stream, "/api/v1/timelines/tag/" + tag, this::timeline));
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** Posts a status; returns its id. */
        String post(String author, String text, String tag, Instant createdAt) {
            String id = Long.toString(ids.incrementAndGet());
            String json = """
                    {"id":"%s","uri":"https://council.example/users/%s/statuses/%s","created_at":"%s","language":"en",
                     "content":"<p>%s</p>","account":{"acct":"%s","bot":false},"tags":[{"name":"%s"}],"reblog":null}"""
                    .formatted(id, author, id, createdAt, text, author, tag).replace("\n", "");
            statuses.add(new String[] {id, json});
            streams.forEach(queue -> queue.add("event: update\ndata: " + json + "\n\n"));
            return id;
        }

        /** The ids of the statuses not deleted, oldest first. */
        List<String> statusIds() {
            return statuses.stream().map(status -> status[0]).toList();
        }

        boolean streaming() {
            return !streams.isEmpty();
        }

        void delete(String id) {
            statuses.removeIf(status -> status[0].equals(id));
            streams.forEach(queue -> queue.add("event: delete\ndata: " + id + "\n\n"));
        }

        private void stream(HttpExchange exchange) throws IOException {
            LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
            streams.add(queue);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    String event = queue.poll(2, TimeUnit.SECONDS);
                    out.write((event == null ? ":thump\n\n" : event).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException | InterruptedException closed) {
                // the client went away
            } finally {
                streams.remove(queue);
            }
        }

        /** Newest first, at most {@code limit}, below {@code max_id} and above {@code since_id}. */
        private void timeline(HttpExchange exchange) throws IOException {
            String query = exchange.getRequestURI().getQuery();
            timelineQueries.add(query);
            Map<String, String> params = new HashMap<>();
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
            int limit = Integer.parseInt(params.getOrDefault("limit", "20"));
            BigInteger max = params.containsKey("max_id") ? new BigInteger(params.get("max_id")) : null;
            BigInteger since = params.containsKey("since_id") ? new BigInteger(params.get("since_id")) : null;
            List<String[]> page = new ArrayList<>(statuses);
            page.sort(Comparator.comparing((String[] s) -> new BigInteger(s[0])).reversed());
            List<String> body = page.stream()
                    .filter(s -> max == null || new BigInteger(s[0]).compareTo(max) < 0)
                    .filter(s -> since == null || new BigInteger(s[0]).compareTo(since) > 0)
                    .limit(limit).map(s -> s[1]).toList();
            byte[] bytes = ("[" + String.join(",", body) + "]").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A Jetstream instance: every event kept, replayed from a client's cursor, then sent live. */
    static final class Jetstream implements AutoCloseable {
        private final List<long[]> times = new CopyOnWriteArrayList<>();
        private final List<String> events = new CopyOnWriteArrayList<>();
        private final List<WsContext> clients = new CopyOnWriteArrayList<>();
        final List<String> queries = new CopyOnWriteArrayList<>();
        private final AtomicLong clock = new AtomicLong(Instant.now().toEpochMilli() * 1_000);
        private final Javalin server;

        Jetstream() {
            server = Javalin.create(config -> config.routes.ws("/subscribe", ws -> {
                ws.onConnect(ctx -> {
                    queries.add(ctx.queryString());
                    String cursor = ctx.queryParam("cursor");
                    long from = cursor == null ? Long.MAX_VALUE : Long.parseLong(cursor);
                    synchronized (this) {
                        for (int i = 0; i < events.size(); i++) {
                            if (times.get(i)[0] >= from) {
                                ctx.send(events.get(i));
                            }
                        }
                        clients.add(ctx);
                    }
                });
                ws.onClose(clients::remove);
                ws.onError(clients::remove);
            })).start(0);
        }

        String url() {
            return "ws://127.0.0.1:" + server.port() + "/subscribe";
        }

        boolean connected() {
            return !clients.isEmpty();
        }

        /** Posts with a tag facet; returns the rkey. */
        String post(String did, String rkey, String text, String tag, Instant createdAt) {
            send("""
                    {"did":"%s","time_us":%%d,"kind":"commit","commit":{"rev":"3l3","operation":"create","collection":"app.bsky.feed.post",
                     "rkey":"%s","record":{"$type":"app.bsky.feed.post","createdAt":"%s","langs":["en"],"text":"%s #%s",
                     "facets":[{"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"%s"}],"index":{"byteStart":0,"byteEnd":1}}]},"cid":"bafy"}}"""
                    .formatted(did, rkey, createdAt, text, tag, tag).replace("\n", ""));
            return rkey;
        }

        void delete(String did, String rkey) {
            send(("{\"did\":\"%s\",\"time_us\":%%d,\"kind\":\"commit\",\"commit\":{\"rev\":\"3l4\",\"operation\":\"delete\","
                    + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\"%s\"}}").formatted(did, rkey));
        }

        /** Someone else's post, on a hashtag nobody follows: what most of the firehose is. */
        void noise(int count) {
            for (int i = 0; i < count; i++) {
                post("did:plc:noise" + i, "n" + i, "Unrelated chatter", "weekend", Instant.now());
            }
        }

        private synchronized void send(String template) {
            long timeUs = clock.addAndGet(1_000);
            String event = template.formatted(timeUs);
            times.add(new long[] {timeUs});
            events.add(event);
            clients.forEach(client -> client.send(event));
        }

        @Override
        public void close() {
            server.stop();
        }
    }

    /** The X API's filtered stream: rules, and tweets matching them sent to whoever is connected. */
    static final class X implements AutoCloseable {
        private final HttpServer server;
        private final List<String> rules = new CopyOnWriteArrayList<>();
        private final List<LinkedBlockingQueue<String>> streams = new CopyOnWriteArrayList<>();
        private final AtomicLong ids = new AtomicLong(1_800_000_000_000_000_000L);

        X() {
            server = SourceServers.http(Map.of("/2/tweets/search/stream/rules", this::rules, "/2/tweets/search/stream", this::stream));
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        boolean follows(String tag) {
            return rules.contains("#" + tag);
        }

        boolean connected() {
            return !streams.isEmpty();
        }

        void tweet(String authorId, String text, String tag, Instant createdAt) {
            if (!follows(tag)) {
                return;
            }
            String json = """
                    {"data":{"id":"%d","text":"%s #%s","created_at":"%s","author_id":"%s","lang":"en",
                     "entities":{"hashtags":[{"start":0,"end":1,"tag":"%s"}]}},"matching_rules":[{"id":"1","tag":"chamberpulse"}]}"""
                    .formatted(ids.incrementAndGet(), text, tag, createdAt, authorId, tag).replace("\n", "") + "\r\n";
            streams.forEach(queue -> queue.add(json));
        }

        private void rules(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (exchange.getRequestMethod().equals("POST")) {
                Matcher values = Pattern.compile("\"value\":\"([^\"]+)\"").matcher(body);
                while (values.find()) {
                    rules.add(values.group(1));
                }
            }
            StringBuilder data = new StringBuilder("{\"data\":[");
            for (int i = 0; i < rules.size(); i++) {
                data.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i + 1).append("\",\"value\":\"").append(rules.get(i))
                        .append("\",\"tag\":\"chamberpulse\"}");
            }
            byte[] bytes = data.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        private void stream(HttpExchange exchange) throws IOException {
            LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
            streams.add(queue);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    String line = queue.poll(2, TimeUnit.SECONDS);
                    out.write((line == null ? "\r\n" : line).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException | InterruptedException closed) {
                // the client went away
            } finally {
                streams.remove(queue);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A local HTTP server, a thread per exchange (streams hold theirs). */
    static HttpServer http(Map<String, HttpHandler> handlers) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            handlers.forEach(server::createContext);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    final Mastodon mastodon;
    final Jetstream jetstream = new Jetstream();
    final X x = new X();

    SourceServers(String tag) {
        mastodon = new Mastodon(tag);
    }

    @Override
    public void close() {
        mastodon.close();
        jetstream.close();
        x.close();
    }
}
