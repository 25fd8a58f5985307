package org.chamberpulse.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javalin.Javalin;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Comment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Bluesky client against a local WebSocket server sending Jetstream events in their documented shape. */
class JetstreamClientTest {

    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final Javalin server = Javalin.create(config -> config.routes.ws("/subscribe", ws -> ws.onConnect(ctx -> {
        queries.add(ctx.queryString());
        ctx.send(post("did:plc:alice", "3k1", 1_700_000_000_000_001L, "Great point #BCCLive", "BCCLive"));
        ctx.send(post("did:plc:bob", "3k2", 1_700_000_000_000_002L, "Nothing to do with us #other", "other"));
        ctx.send("{\"did\":\"did:plc:carol\",\"time_us\":1700000000000003,\"kind\":\"identity\",\"identity\":{}}");
        ctx.send(repost("did:plc:dave", "3r1", 1_700_000_000_000_004L, "at://did:plc:alice/app.bsky.feed.post/3k1"));
        ctx.send(repost("did:plc:erin", "3r2", 1_700_000_000_000_005L, "at://did:plc:bob/app.bsky.feed.post/3k2"));
        ctx.send(post("did:plc:alice", "3k1", 1_700_000_000_000_001L, "Great point #BCCLive", "BCCLive"));
        ctx.send("{not json");
    }))).start(0);

    @AfterEach
    void stop() {
        server.stop();
    }

    /** A resume point kept in memory, as pulse.ingest.cursors keeps it. */
    private static final class SavedCursor implements Resume {
        volatile String position;
        private final Instant backfillFrom;

        SavedCursor(String position, Instant backfillFrom) {
            this.position = position;
            this.backfillFrom = backfillFrom;
        }

        @Override
        public String position() {
            return position;
        }

        @Override
        public Instant backfillFrom() {
            return backfillFrom;
        }

        @Override
        public void save(String saved) {
            position = saved;
        }
    }

    @Test
    void shouldKeepTaggedPostsAndTheirRepostsAndResumeFromTheSavedCursor() throws Exception {
        // given
        SavedCursor cursor = new SavedCursor(null, null);
        List<Comment> comments = new CopyOnWriteArrayList<>();
        JetstreamClient client = client(cursor, comments);
        client.follow(Map.of("#bcclive", Instant.EPOCH), tag -> new SourceStats());

        // when
        Thread thread = new Thread(client);
        thread.setDaemon(true);
        thread.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> comments.size() >= 3);
        // and nothing more: the untagged post, its repost, the identity event and the malformed line stay out
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5)).until(() -> comments.size() == 3);
        client.stop();
        thread.join(10_000);

        // then
        assertThat(comments).extracting(Comment::id).containsExactly(
                "bluesky:at://did:plc:alice/app.bsky.feed.post/3k1",
                "bluesky:at://did:plc:dave/app.bsky.feed.repost/3r1",
                "bluesky:at://did:plc:alice/app.bsky.feed.post/3k1");
        assertThat(comments.get(0).hashtags()).containsExactly("bcclive");
        assertThat(comments.get(0).text()).isEqualTo("Great point #BCCLive");
        assertThat(comments.get(0).lang()).isEqualTo("en");
        assertThat(comments.get(0).author()).hasSize(32).doesNotContain("alice");
        assertThat(comments.get(1).repostOf()).isEqualTo("bluesky:at://did:plc:alice/app.bsky.feed.post/3k1");
        assertThat(comments.get(1).hashtags()).containsExactly("bcclive");
        assertThat(queries.get(0)).isEqualTo("wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.repost");
        assertThat(cursor.position).isEqualTo("1700000000000005 bcclive");

        // and when it starts again, it asks for what came after the cursor, with a little overlap
        JetstreamClient again = client(cursor, new CopyOnWriteArrayList<>());
        again.follow(Map.of("bcclive", Instant.parse("2023-11-14T00:00:00Z")), tag -> new SourceStats());
        assertThat(again.subscribeUri().getQuery()).endsWith("&cursor=1699999995000005");
    }

    @Test
    void shouldReadBackFromTheWindowStartForAHashtagFollowedAnew() {
        // given a cursor saved while following another hashtag
        SavedCursor cursor = new SavedCursor("1700000000000005 other", null);
        JetstreamClient client = client(cursor, new CopyOnWriteArrayList<>());

        // when a meeting's window opened an hour earlier needs #bcclive
        client.follow(Map.of("other", Instant.parse("2023-11-14T00:00:00Z"), "bcclive", Instant.ofEpochSecond(1_699_996_400L)),
                tag -> new SourceStats());

        // then it reads back from the window's start, with the overlap
        assertThat(client.subscribeUri().getQuery()).endsWith("&cursor=" + (1_699_996_400_000_000L - 5_000_000L));
    }

    @Test
    void shouldTurnUpdatesAndDeletesOfFollowedPostsIntoEditsAndWithdrawals() {
        // given
        List<Comment> comments = new CopyOnWriteArrayList<>();
        JetstreamClient client = client(new SavedCursor(null, null), comments);
        client.follow(Map.of("bcclive", Instant.EPOCH), tag -> new SourceStats());

        // when
        client.onMessage(post("did:plc:alice", "3k1", 1_700_000_000_000_001L, "Great point #BCCLive", "BCCLive"));
        client.onMessage(post("did:plc:alice", "3k1", 1_700_000_000_000_002L, "Great point, well made #BCCLive", "BCCLive").replace("\"create\"", "\"update\""));
        client.onMessage(delete("did:plc:alice", "3k1", 1_700_000_000_000_003L));
        client.onMessage(delete("did:plc:zed", "3z9", 1_700_000_000_000_004L));

        // then
        assertThat(comments).hasSize(3);
        assertThat(comments.get(1).editedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(comments.get(1).text()).isEqualTo("Great point, well made #BCCLive");
        assertThat(comments.get(2).withdrawn()).isTrue();
        assertThat(comments.get(2).id()).isEqualTo(comments.get(0).id());
        assertThat(comments.get(2).createdAt()).isEqualTo(comments.get(0).createdAt());
        assertThat(comments.get(2).hashtags()).containsExactly("bcclive");
    }

    private JetstreamClient client(SavedCursor cursor, List<Comment> comments) {
        return new JetstreamClient(URI.create("ws://127.0.0.1:" + server.port() + "/subscribe"), comments::add,
                new Pseudonyms("s".getBytes(StandardCharsets.UTF_8)), Clock.systemUTC(), cursor, new SourceStats());
    }

    private static String delete(String did, String rkey, long timeUs) {
        return ("{\"did\":\"%s\",\"time_us\":%d,\"kind\":\"commit\",\"commit\":{\"rev\":\"3l3\",\"operation\":\"delete\","
                + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\"%s\"}}").formatted(did, timeUs, rkey);
    }

    /** A Jetstream commit event for a new post (https://github.com/bluesky-social/jetstream). */
    private static String post(String did, String rkey, long timeUs, String text, String tag) {
        int start = text.indexOf('#');
        return """
                {"did":"%s","time_us":%d,"kind":"commit","commit":{"rev":"3l3qo2vutsw2b","operation":"create",
                 "collection":"app.bsky.feed.post","rkey":"%s","record":{"$type":"app.bsky.feed.post",
                 "createdAt":"2026-11-27T14:21:05.000Z","langs":["en"],"text":"%s",
                 "facets":[{"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"%s"}],
                 "index":{"byteStart":%d,"byteEnd":%d}}]},"cid":"bafyreib"}}""".formatted(did, timeUs, rkey, text, tag, start,
                start + tag.length() + 1).replace("\n", "");
    }

    private static String repost(String did, String rkey, long timeUs, String subject) {
        return """
                {"did":"%s","time_us":%d,"kind":"commit","commit":{"rev":"3l3qo2vutsw2c","operation":"create",
                 "collection":"app.bsky.feed.repost","rkey":"%s","record":{"$type":"app.bsky.feed.repost",
                 "createdAt":"2026-11-27T14:22:00.000Z","subject":{"cid":"bafyreia","uri":"%s"}},"cid":"bafyreic"}}"""
                .formatted(did, timeUs, rkey, subject).replace("\n", "");
    }
}
