package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Topics;
import org.chamberpulse.model.UnmatchedSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 on real processes: {@code chamberpulse broker} and {@code chamberpulse run --bootstrap} each run
 * in a JVM of their own, started from this test's class path, and are killed with SIGKILL mid-meeting.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CrashIntegrationTest {

    private static final int PER_ITEM = 1_000;
    private static final int AUTHORS = 700;
    private static final Duration ITEM_LENGTH = Duration.ofMinutes(20);
    private static final int SPANNING_PER_ITEM = 200;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldCountExactlyWhenRunIsKilledMidMeetingAndRestartedOnItsState(@TempDir Path dir) throws Exception {
        // given a broker of its own and run against it
        int brokerPort = FreePorts.pick();
        int httpPort = FreePorts.pick();
        String bootstrap = "127.0.0.1:" + brokerPort;
        List<String> runArgs = List.of("run", "--bootstrap", bootstrap, "--data-dir", dir.resolve("run").toString(),
                "--http-port", Integer.toString(httpPort), "--set", "application.id=crash-run-it", "--set", "partitions=3", "--set", "metrics.port=0");
        try (Forked broker = Forked.start(dir.resolve("broker.log"), "broker", "--data-dir", dir.resolve("broker").toString(),
                "--port", Integer.toString(brokerPort), "--partitions", "3")) {
            awaitBroker(bootstrap);
            Forked run = Forked.start(dir.resolve("run-1.log"), runArgs.toArray(String[]::new));
            try {
                awaitReady(http, httpPort, run);
                PulseConfig config = PulseConfig.fromSettings(Map.of("data.dir", dir.resolve("producer").toString(), "bootstrap", bootstrap));
                Instant start = Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS).minus(ITEM_LENGTH.multipliedBy(3));
                List<Comment> comments = meeting(start);
                try (PulseProducer producer = new PulseProducer(config, bootstrap);
                     KafkaConsumer<String, ItemSummary> summaries = summaries(bootstrap)) {
                    publishAgenda(producer, start);

                    // when: a third of the comments are in and counting has begun, run is killed while the rest arrive
                    send(producer, comments.subList(0, PER_ITEM));
                    Map<String, ItemSummary> seen = new HashMap<>();
                    awaitSummaries(summaries, seen, s -> s.containsKey("crash-1/1") && s.get("crash-1/1").count() > 0);
                    send(producer, comments.subList(PER_ITEM, 2 * PER_ITEM));
                    run.kill9();
                    send(producer, comments.subList(2 * PER_ITEM, 3 * PER_ITEM));
                    // the same posts again, as a client that retried would send them
                    send(producer, comments.subList(0, PER_ITEM / 2));
                    run = Forked.start(dir.resolve("run-2.log"), runArgs.toArray(String[]::new));
                    awaitReady(http, httpPort, run);

                    // then
                    awaitSummaries(summaries, seen, s -> List.of("1", "2", "3").stream()
                            .allMatch(item -> s.containsKey("crash-1/" + item) && s.get("crash-1/" + item).count() >= PER_ITEM));
                    for (String item : List.of("1", "2", "3")) {
                        assertThat(seen.get("crash-1/" + item)).as("item %s", item)
                                .extracting(ItemSummary::count, ItemSummary::uniqueAuthors, ItemSummary::reposts)
                                .containsExactly((long) PER_ITEM, (long) AUTHORS, 0L);
                    }
                    assertThat(seen.get("crash-1/pre")).satisfiesAnyOf(pre -> assertThat(pre).isNull(), pre -> assertThat(pre.count()).isZero());
                    assertThat(Files.readString(run.log())).doesNotContain("Exception in thread \"main\"");
                }
            } finally {
                run.close();
            }
        }
    }

    @Test
    void shouldLoseAndDoubleNothingWhenTheBrokerIsKilledDuringAnIngest(@TempDir Path dir) throws Exception {
        // given a broker of its own and an archive of comments to replay over about 15 seconds
        int brokerPort = FreePorts.pick();
        String bootstrap = "127.0.0.1:" + brokerPort;
        String[] brokerArgs = {"broker", "--data-dir", dir.resolve("broker").toString(), "--port", Integer.toString(brokerPort), "--partitions", "3"};
        Instant start = Instant.parse("2026-11-20T18:00:00Z");
        List<Comment> comments = meeting(start);
        Path archive = dir.resolve("archive.jsonl");
        List<String> lines = new ArrayList<>();
        for (Comment comment : comments) {
            lines.add(Json.MAPPER.writeValueAsString(comment));
        }
        Files.write(archive, lines);
        Forked broker = Forked.start(dir.resolve("broker-1.log"), brokerArgs);
        awaitBroker(bootstrap);
        try (Forked replay = Forked.start(dir.resolve("replay.log"), "replay", archive.toString(), "--speed", "240", "--bootstrap", bootstrap,
                "--set", "data.dir=" + dir.resolve("replay"))) {

            // when: the broker is killed once part of the archive is in, and started again on its data
            awaitRecords(bootstrap, 300);
            broker.kill9();
            Thread.sleep(3_000);
            broker = Forked.start(dir.resolve("broker-2.log"), brokerArgs);
            assertThat(replay.process().waitFor(3, TimeUnit.MINUTES)).as("replay finished").isTrue();

            // then
            assertThat(replay.process().exitValue()).as(Files.readString(replay.log())).isZero();
            List<String> ids = rawIds(bootstrap);
            assertThat(ids).hasSize(comments.size());
            assertThat(new HashSet<>(ids)).hasSize(comments.size());
        } finally {
            broker.close();
        }
    }

    @Test
    void shouldCountExactlyWhenRunIsKilledAtRandomPointsOfAnInputSpanningDays(@TempDir Path dir) throws Exception {
        // given three meetings on one hashtag, two on one day and one four days later (past state.retention of
        // event time), and their comments sent in a seeded random order
        long seed = Long.getLong("seed", System.nanoTime());
        Random random = new Random(seed);
        int brokerPort = FreePorts.pick();
        int httpPort = FreePorts.pick();
        String bootstrap = "127.0.0.1:" + brokerPort;
        List<String> runArgs = List.of("run", "--bootstrap", bootstrap, "--data-dir", dir.resolve("run").toString(),
                "--http-port", Integer.toString(httpPort), "--set", "application.id=crash-days-it", "--set", "partitions=3", "--set", "metrics.port=0");
        Instant day = Clock.systemUTC().instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(6));
        List<Instant> starts = List.of(day, day.plus(Duration.ofHours(6)), day.plus(Duration.ofDays(4)));
        List<Comment> comments = new ArrayList<>();
        for (int m = 0; m < starts.size(); m++) {
            comments.addAll(spanningMeeting("days-" + m, starts.get(m), SPANNING_PER_ITEM));
        }
        Collections.shuffle(comments, random);
        List<Integer> kills = List.of(random.nextInt(comments.size() / 2), comments.size() / 2 + random.nextInt(comments.size() / 2));
        try (Forked broker = Forked.start(dir.resolve("broker.log"), "broker", "--data-dir", dir.resolve("broker").toString(),
                "--port", Integer.toString(brokerPort), "--partitions", "3")) {
            awaitBroker(bootstrap);
            Forked run = Forked.start(dir.resolve("run-0.log"), runArgs.toArray(String[]::new));
            try {
                awaitReady(http, httpPort, run);
                PulseConfig config = PulseConfig.fromSettings(Map.of("data.dir", dir.resolve("producer").toString(), "bootstrap", bootstrap));
                try (PulseProducer producer = new PulseProducer(config, bootstrap);
                     KafkaConsumer<String, ItemSummary> summaries = summaries(bootstrap)) {
                    for (int m = 0; m < starts.size(); m++) {
                        publishSpanningAgenda(producer, "days-" + m, starts.get(m));
                    }

                    // when: run is killed with SIGKILL at two random points of the input and started again each time
                    int sent = 0;
                    for (int k = 0; k < kills.size(); k++) {
                        send(producer, comments.subList(sent, kills.get(k)));
                        sent = kills.get(k);
                        run.kill9();
                        run = Forked.start(dir.resolve("run-" + (k + 1) + ".log"), runArgs.toArray(String[]::new));
                        awaitReady(http, httpPort, run);
                    }
                    send(producer, comments.subList(sent, comments.size()));

                    // then every comment counts in its own meeting's item, and none is unmatched
                    Map<String, ItemSummary> seen = new HashMap<>();
                    List<String> keys = new ArrayList<>();
                    for (int m = 0; m < starts.size(); m++) {
                        for (String item : List.of("1", "2", "3")) {
                            keys.add("days-" + m + "/" + item);
                        }
                    }
                    awaitSummaries(summaries, seen, s -> keys.stream().allMatch(key -> s.containsKey(key) && s.get(key).count() >= SPANNING_PER_ITEM));
                    for (String key : keys) {
                        assertThat(seen.get(key).count()).as("seed %d, kills at %s: %s", seed, kills, key).isEqualTo(SPANNING_PER_ITEM);
                    }
                    assertThat(unmatched(bootstrap, "dayslive")).as("seed %d, kills at %s: unmatched", seed, kills).isZero();
                }
            } finally {
                run.close();
            }
        }
    }

    /** A meeting of three 20-minute items from {@code start}, {@code perItem} comments in each, every text its own. */
    private static List<Comment> spanningMeeting(String meetingId, Instant start, int perItem) {
        List<Comment> comments = new ArrayList<>();
        long stepMillis = ITEM_LENGTH.toMillis() / perItem;
        for (int i = 0; i < 3 * perItem; i++) {
            Instant created = start.plusMillis(i * stepMillis + 500);
            comments.add(new Comment("web:" + meetingId + "-" + i, "web", "a" + (i % AUTHORS), "Comment " + i + " on " + meetingId + " #dayslive",
                    List.of("dayslive"), created, created.plusSeconds(1), "en", null));
        }
        return comments;
    }

    private static void publishSpanningAgenda(PulseProducer producer, String meetingId, Instant start) throws Exception {
        List<AgendaItem> items = List.of(new AgendaItem("1", "1", "Roads", false, null, null), new AgendaItem("2", "2", "Parks", false, null, null),
                new AgendaItem("3", "3", "Libraries", false, null, null));
        producer.send(Topics.MEETINGS, meetingId, new Meeting(meetingId, "Cabinet", "Test Council", List.of("dayslive"), start, "Europe/London", 0, items)).get();
        producer.send(Topics.AGENDA, meetingId, new AgendaEvent(meetingId, AgendaEventType.OPENED, null, start, "clerk")).get();
        for (int item = 0; item < 3; item++) {
            producer.send(Topics.AGENDA, meetingId, new AgendaEvent(meetingId, AgendaEventType.ITEM_STARTED, Integer.toString(item + 1),
                    start.plus(ITEM_LENGTH.multipliedBy(item)), "clerk")).get();
        }
        producer.send(Topics.AGENDA, meetingId, new AgendaEvent(meetingId, AgendaEventType.ADJOURNED, null, start.plus(ITEM_LENGTH.multipliedBy(3)), "clerk")).get();
    }

    /** The latest unmatched count of a hashtag on pulse.unmatched, 0 when it has none. */
    private static long unmatched(String bootstrap, String hashtag) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long count = 0;
        try (KafkaConsumer<String, UnmatchedSummary> consumer = new KafkaConsumer<>(props, Topics.UNMATCHED.keySerde().deserializer(),
                Topics.UNMATCHED.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.UNMATCHED.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, UnmatchedSummary> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(hashtag)) {
                        count = record.value().count();
                    }
                }
            }
        }
        return count;
    }

    /** Three 20-minute items from {@code start}, a thousand comments in each, by 700 people. */
    private static List<Comment> meeting(Instant start) {
        List<Comment> comments = new ArrayList<>();
        long stepMillis = ITEM_LENGTH.toMillis() / PER_ITEM;
        for (int i = 0; i < 3 * PER_ITEM; i++) {
            Instant created = start.plusMillis(i * stepMillis);
            comments.add(new Comment("web:crash-" + i, "web", "a" + (i % AUTHORS), "Comment " + i + " on the roads budget #crashlive",
                    List.of("crashlive"), created, created.plusSeconds(1), "en", null));
        }
        return comments;
    }

    private static void publishAgenda(PulseProducer producer, Instant start) throws Exception {
        List<AgendaItem> items = List.of(new AgendaItem("1", "1", "Roads", false, null, null), new AgendaItem("2", "2", "Parks", false, null, null),
                new AgendaItem("3", "3", "Libraries", false, null, null));
        producer.send(Topics.MEETINGS, "crash-1", new Meeting("crash-1", "Cabinet", "Test Council", List.of("crashlive"), start, "Europe/London", 0, items)).get();
        for (int item = 0; item < 3; item++) {
            producer.send(Topics.AGENDA, "crash-1", new AgendaEvent("crash-1", AgendaEventType.ITEM_STARTED, Integer.toString(item + 1),
                    start.plus(ITEM_LENGTH.multipliedBy(item)), "clerk")).get();
        }
    }

    private static void send(PulseProducer producer, List<Comment> comments) throws InterruptedException {
        int sent = 0;
        for (Comment comment : comments) {
            producer.send(Topics.COMMENTS_RAW, comment.key(), comment);
            if (++sent % 100 == 0) {
                Thread.sleep(100);
            }
        }
        producer.flush();
    }

    static KafkaConsumer<String, ItemSummary> summaries(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, ItemSummary> consumer = new KafkaConsumer<>(props, Topics.SUMMARIES.keySerde().deserializer(),
                Topics.SUMMARIES.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SUMMARIES.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Reads summaries into {@code seen} (latest per key) until the condition holds; fails after two minutes. */
    static void awaitSummaries(KafkaConsumer<String, ItemSummary> consumer, Map<String, ItemSummary> seen,
                                       Predicate<Map<String, ItemSummary>> condition) {
        await().alias("summaries as expected").atMost(Duration.ofMinutes(2)).pollInSameThread().pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(record -> seen.put(record.key(), record.value()));
                    return condition.test(seen);
                });
    }

    private static void awaitRecords(String bootstrap, long records) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> rawIds(bootstrap).size() >= records);
    }

    private static List<String> rawIds(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, Comment> consumer = new KafkaConsumer<>(props, Topics.COMMENTS_RAW.keySerde().deserializer(),
                Topics.COMMENTS_RAW.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.COMMENTS_RAW.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> ids.add(record.value().id()));
            }
        }
        return ids;
    }

    static void awaitBroker(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<String> names = Topics.ALL.stream().map(t -> t.name()).toList();
        try (Admin admin = Admin.create(props)) {
            // until the broker answers, listing fails: not yet up
            await("broker up with every topic").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> admin.listTopics().names().get(5, TimeUnit.SECONDS).containsAll(names));
        }
    }

    /** Fails at once if {@code run} has exited, with its log; if it is not ready in time, with the end of its log. */
    static void awaitReady(HttpClient http, int httpPort, Forked run) throws IOException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready")).build();
        try {
            await("run ready").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        assertThat(run.process().isAlive()).as("run is alive: %s", Files.readString(run.log())).isTrue();
                        return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            List<String> lines = Files.readAllLines(run.log());
            throw new AssertionError("run was not ready within 2 minutes; its log ends:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())), e);
        }
    }


    /** {@code chamberpulse ARGS} in a JVM of its own, from this test's class path, its output in {@code log}. */
    record Forked(Process process, Path log) implements AutoCloseable {

        static Forked start(Path log, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), ChamberPulse.class.getName()));
            command.addAll(List.of(args));
            return new Forked(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
        }

        /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
        void kill9() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }
}
