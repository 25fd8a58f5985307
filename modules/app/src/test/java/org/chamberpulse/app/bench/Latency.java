package org.chamberpulse.app.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.chamberpulse.app.PulseRuntime;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.LoadGenerator;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Topics;

/**
 * {@code scripts/bench latency [RATE] [DURATION] [MEETINGS]}: {@code run} in this JVM (embedded broker,
 * topology, dashboard), the load generator sending RATE posts a second over MEETINGS live meetings for a
 * minute of warm-up (the JIT compiles, caches fill) and then DURATION measured, and a client following
 * {@code /events} as a browser does. A post's latency is from its
 * {@code receivedAt} to the arrival at the client of the first summary of its meeting whose count includes
 * it; posts are ranked within their meeting by {@code receivedAt}, so a post sent a few milliseconds after
 * another but counted before it lends it its time (the error is the reordering window, milliseconds).
 */
public final class Latency {

    private static final Duration WARM_UP = Duration.ofMinutes(1);
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private Latency() {
    }

    /** A summary as the client saw it: when it arrived and the count it carried. */
    private record Arrival(long atMillis, long count, long lastReceivedAtMillis) {
    }

    public static void main(String[] args) throws Exception {
        double rate = Double.parseDouble(args.length > 0 ? args[0] : "1000");
        Duration duration = PulseConfig.parseDuration(args.length > 1 ? args[1] : "5m");
        int meetings = Integer.parseInt(args.length > 2 ? args[2] : "10");
        Path dir = Files.createTempDirectory("bench-latency");
        PulseConfig config = PulseConfig.fromSettings(Map.of("data.dir", dir.toString(), "broker.port", "0", "http.port", "0", "metrics.port", "0"));
        Map<String, List<Arrival>> arrivals = new ConcurrentHashMap<>();
        Map<String, String> meetingOfHashtag = new HashMap<>();
        try (PulseRuntime runtime = PulseRuntime.start(config)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://localhost:" + runtime.httpPort();
            while (http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                Thread.sleep(100);
            }
            Thread follower = new Thread(() -> follow(http, base + "/events", arrivals), "sse-follower");
            follower.setDaemon(true);
            follower.start();

            String run = "b";
            LoadGenerator.Result result;
            try (PulseProducer producer = new PulseProducer(config, runtime.bootstrapServers())) {
                LoadGenerator generator = new LoadGenerator(producer, Clock.systemUTC(), 7);
                List<String> ids = generator.openMeetings(meetings, run);
                for (int m = 0; m < meetings; m++) {
                    meetingOfHashtag.put(LoadGenerator.hashtag(run, m), ids.get(m));
                }
                System.out.printf("sending %,.0f posts a second over %d meetings for %s of warm-up, then for %s measured%n", rate, meetings, WARM_UP, duration);
                result = generator.run(meetings, run, rate, WARM_UP.plus(duration), null);
            }
            System.out.printf("sent %,d posts in %.1f s (%,.0f a second); waiting %d s for the last summaries%n",
                    result.sent(), result.took().toMillis() / 1000.0, result.perSecond(), DRAIN.toSeconds());
            Thread.sleep(DRAIN.toMillis());
            follower.interrupt();
            report(sentTimes(runtime.bootstrapServers(), config, meetingOfHashtag), arrivals);
        } finally {
            Utils.delete(dir.toFile());
        }
    }

    private static void follow(HttpClient http, String url, Map<String, List<Arrival>> arrivals) {
        try {
            InputStream body = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream()).body();
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String event = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:") && "summary".equals(event)) {
                    long now = System.currentTimeMillis();
                    ItemSummary summary = Json.MAPPER.readValue(line.substring(5).strip(), ItemSummary.class);
                    arrivals.computeIfAbsent(summary.meetingId(), m -> new CopyOnWriteArrayList<>()).add(new Arrival(now, summary.count(),
                            summary.lastReceivedAt() == null ? 0 : summary.lastReceivedAt().toEpochMilli()));
                }
            }
        } catch (Exception e) {
            if (!Thread.currentThread().isInterrupted()) {
                e.printStackTrace();
            }
        }
    }

    /** Every post's receivedAt by meeting, read back from pulse.comments.raw. */
    private static Map<String, long[]> sentTimes(String bootstrap, PulseConfig config, Map<String, String> meetingOfHashtag) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Map<String, List<Long>> byMeeting = new HashMap<>();
        try (KafkaConsumer<String, Comment> consumer = new KafkaConsumer<>(props, Topics.COMMENTS_RAW.keySerde().deserializer(),
                Topics.COMMENTS_RAW.valueSerde().deserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < config.partitions(); p++) {
                partitions.add(new TopicPartition(Topics.COMMENTS_RAW.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    Comment comment = record.value();
                    String meetingId = comment.hashtags().stream().map(meetingOfHashtag::get).filter(Objects::nonNull).findFirst().orElseThrow();
                    byMeeting.computeIfAbsent(meetingId, m -> new ArrayList<>()).add(comment.receivedAt().toEpochMilli());
                });
            }
        }
        Map<String, long[]> sorted = new HashMap<>();
        byMeeting.forEach((meeting, times) -> {
            long[] values = times.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(values);
            sorted.put(meeting, values);
        });
        return sorted;
    }

    private static void report(Map<String, long[]> sent, Map<String, List<Arrival>> arrivals) {
        long firstSent = sent.values().stream().mapToLong(times -> times[0]).min().orElseThrow();
        long steadyFrom = firstSent + WARM_UP.toMillis();
        List<Long> all = new ArrayList<>();
        List<Long> steady = new ArrayList<>();
        List<Long> newest = new ArrayList<>();
        long unseen = 0;
        for (Map.Entry<String, long[]> meeting : sent.entrySet()) {
            long[] times = meeting.getValue();
            int counted = 0;
            for (Arrival arrival : arrivals.getOrDefault(meeting.getKey(), List.of())) {
                if (arrival.lastReceivedAtMillis() >= steadyFrom) {
                    newest.add(arrival.atMillis() - arrival.lastReceivedAtMillis());
                }
                for (; counted < Math.min(arrival.count(), times.length); counted++) {
                    long latency = arrival.atMillis() - times[counted];
                    all.add(latency);
                    if (times[counted] >= steadyFrom) {
                        steady.add(latency);
                    }
                }
            }
            unseen += times.length - counted;
        }
        System.out.printf("posts: %,d; never seen in a summary: %,d%n", all.size() + unseen, unseen);
        print("measured, after the warm-up", steady);
        print("newest post of each summary", newest);
        print("every post, warm-up included", all);
        System.out.printf("RESULT latency over the measured run p50 %d ms, p99 %d ms%n", percentile(sorted(steady), 0.50), percentile(sorted(steady), 0.99));
    }

    private static void print(String name, List<Long> latencies) {
        long[] values = sorted(latencies);
        System.out.printf("%-30s n=%,9d  p50 %5d ms  p90 %5d ms  p99 %5d ms  p99.9 %5d ms  max %6d ms%n", name, values.length,
                percentile(values, 0.50), percentile(values, 0.90), percentile(values, 0.99), percentile(values, 0.999),
                values.length == 0 ? 0 : values[values.length - 1]);
    }

    private static long[] sorted(List<Long> latencies) {
        long[] values = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(values);
        return values;
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }
}
