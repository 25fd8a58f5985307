package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.IngestCursor;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest role of {@code run} (issue 18), in a JVM of its own with its embedded broker, against local
 * Mastodon, Jetstream and X servers: a meeting published to pulse.meetings is enough for its hashtag to be
 * followed on all three, deletes withdraw posts, and a kill -9 with posts made while it is down loses and
 * doubles nothing.
 */
@Tag("integration")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class IngestRoleIntegrationTest {

    private static final String TAG = "ingestlive";
    private static final String MEETING = "ingest-1";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldFollowAPublishedMeetingsHashtagOnEverySourceAndCountExactlyAcrossAKill9(@TempDir Path dir) throws Exception {
        // given the three networks, and run (with its embedded broker, as a council would try it) told only where they are
        int brokerPort = FreePorts.pick();
        int httpPort = FreePorts.pick();
        String bootstrap = "127.0.0.1:" + brokerPort;
        try (SourceServers networks = new SourceServers(TAG)) {
            String[] runArgs = {"run", "--broker-port", Integer.toString(brokerPort), "--data-dir", dir.resolve("run").toString(), "--http-port", Integer.toString(httpPort),
                "--set", "application.id=ingest-role-it", "--set", "partitions=3", "--set", "metrics.port=0",
                "--set", "sources.mastodon.servers=" + networks.mastodon.url(), "--set", "sources.bluesky.endpoint=" + networks.jetstream.url(),
                "--set", "sources.x.bearer-token=test-token", "--set", "sources.x.endpoint=" + networks.x.url()};
            CrashIntegrationTest.Forked run = CrashIntegrationTest.Forked.start(dir.resolve("run-1.log"), runArgs);
            CrashIntegrationTest.awaitReady(http, httpPort, run);
            PulseConfig config = PulseConfig.fromSettings(Map.of("data.dir", dir.resolve("producer").toString(), "bootstrap", bootstrap));
            Instant now = Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS);
            try (PulseProducer producer = new PulseProducer(config, bootstrap);
                 KafkaConsumer<String, ItemSummary> summaries = CrashIntegrationTest.summaries(bootstrap)) {

                // when a meeting is published (as kcat would: the public topics only), and people post on each network
                Meeting meeting = new Meeting(MEETING, "Full Council", "Test Council", List.of(TAG), now.minus(Duration.ofMinutes(10)),
                        "Europe/London", 0, List.of(new AgendaItem("1", "1", "Public questions", false, null, null)));
                producer.send(Topics.MEETINGS, MEETING, meeting).get(30, TimeUnit.SECONDS);
                producer.send(Topics.AGENDA, MEETING, new AgendaEvent(MEETING, AgendaEventType.ITEM_STARTED, "1", now.minus(Duration.ofMinutes(10)), "clerk"))
                        .get(30, TimeUnit.SECONDS);
                await().atMost(Duration.ofMinutes(1)).until(() -> networks.mastodon.streaming() && networks.jetstream.connected()
                        && networks.x.connected() && networks.x.follows(TAG));
                networks.jetstream.noise(50);
                String deletedToot = null;
                for (int i = 0; i < 5; i++) {
                    String id = networks.mastodon.post("m" + i, "Mastodon view number " + i, TAG, Instant.now());
                    deletedToot = deletedToot == null ? id : deletedToot;
                    networks.jetstream.post("did:plc:b" + i, "rk" + i, "Bluesky view number " + i, TAG, Instant.now());
                    networks.x.tweet("x" + i, "X view number " + i, TAG, Instant.now());
                }
                Map<String, ItemSummary> seen = new HashMap<>();
                CrashIntegrationTest.awaitSummaries(summaries, seen, s -> count(s) == 15);

                // and one post on each of two networks is deleted
                networks.mastodon.delete(deletedToot);
                networks.jetstream.delete("did:plc:b0", "rk0");
                CrashIntegrationTest.awaitSummaries(summaries, seen, s -> count(s) == 13);

                // and run (its broker with it) is killed with SIGKILL mid-stream, once it has saved its place after the
                // fifth toot (within a second), and people post while it is down, and it starts again
                String fifthToot = networks.mastodon.statusIds().get(networks.mastodon.statusIds().size() - 1);
                await().atMost(Duration.ofSeconds(30)).until(() -> fifthToot.equals(cursors(bootstrap).get("mastodon|" + networks.mastodon.url() + "/|" + TAG)));
                networks.mastodon.post("late-m", "Posted just before the kill, on Mastodon", TAG, Instant.now());
                run.kill9();
                for (int i = 0; i < 4; i++) {
                    networks.mastodon.post("down-m" + i, "Mastodon while down " + i, TAG, Instant.now());
                    networks.jetstream.post("did:plc:down" + i, "down" + i, "Bluesky while down " + i, TAG, Instant.now());
                }
                run = CrashIntegrationTest.Forked.start(dir.resolve("run-2.log"), runArgs);
                CrashIntegrationTest.awaitReady(http, httpPort, run);

                // then every post made, less the deleted, counts once: none missed, none doubled
                CrashIntegrationTest.awaitSummaries(summaries, seen, s -> count(s) >= 22);

                // and a post made before the restart can still be withdrawn by its delete
                String keptToot = networks.mastodon.statusIds().get(0);
                networks.mastodon.delete(keptToot);
                CrashIntegrationTest.awaitSummaries(summaries, seen, s -> count(s) <= 21);
                // (anything doubled would show within a few more summaries)
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() -> {
                    summaries.poll(Duration.ofMillis(500)).forEach(record -> seen.put(record.key(), record.value()));
                    return count(seen) == 21;
                });
                assertThat(count(seen)).isEqualTo(21);
                assertThat(seen.get(MEETING + "/1").quotes()).extracting(q -> q.text()).doesNotContain("Mastodon view number 0", "Bluesky view number 0 #" + TAG);

                // and the restart resumed from the places saved in pulse.ingest.cursors: Mastodon published only the posts
                // after its saved one (4 made while down, the one just before the kill if its place was not saved yet)
                // and the withdrawal
                String resumed = networks.jetstream.queries.get(networks.jetstream.queries.size() - 1);
                long windowStartMicros = meeting.scheduledStart().minus(Duration.ofMinutes(60)).toEpochMilli() * 1_000;
                assertThat(Long.parseLong(resumed.replaceAll(".*cursor=(\\d+).*", "$1"))).isGreaterThan(windowStartMicros + 60_000_000L * 60);

                // and the operations side says what is followed
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort(run) + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).containsPattern("chamberpulse_ingest_connected\\{hashtag=\"" + TAG + "\",server=\"127.0.0.1:\\d+\",source=\"mastodon\"} 1\\.0");
                assertThat(metrics).contains("chamberpulse_ingest_posts_published_total{hashtag=\"" + TAG + "\"");
                Matcher published = Pattern.compile("chamberpulse_ingest_posts_published_total\\{hashtag=\"" + TAG + "\",server=\"[^\"]+\",source=\"mastodon\"} (\\d+)")
                        .matcher(metrics);
                assertThat(published.find()).isTrue();
                assertThat(Double.parseDouble(published.group(1))).as("posts and withdrawals Mastodon published after the restart").isBetween(5.0, 6.0);
                String health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(health).contains("\"checks\"").contains("mastodon ").contains("#" + TAG).contains("bluesky ").contains("\"up\"");
            } finally {
                run.close();
            }
        }
    }

    /** The resume points on pulse.ingest.cursors, as any Kafka client reads them. */
    private static Map<String, String> cursors(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        Map<String, String> positions = new HashMap<>();
        try (KafkaConsumer<String, IngestCursor> consumer = new KafkaConsumer<>(props,
                Topics.INGEST_CURSORS.keySerde().deserializer(), Topics.INGEST_CURSORS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INGEST_CURSORS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> positions.put(record.key(), record.value().position()));
            }
        }
        return positions;
    }

    private static long count(Map<String, ItemSummary> seen) {
        ItemSummary item = seen.get(MEETING + "/1");
        return item == null ? 0 : item.count();
    }

    private static int managementPort(CrashIntegrationTest.Forked run) throws Exception {
        Matcher port = Pattern.compile("Metrics \\(management port\\): http://localhost:(\\d+)/metrics").matcher(Files.readString(run.log()));
        assertThat(port.find()).as("run printed its management port").isTrue();
        return Integer.parseInt(port.group(1));
    }
}
