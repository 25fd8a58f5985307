package org.chamberpulse.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.LoadGenerator;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.model.Topics;
import org.chamberpulse.topology.PulseTopology;
import org.chamberpulse.topology.StreamsProperties;

/**
 * A benchmark, run by {@code scripts/bench topology}: loads N generated posts for four meetings into a
 * fresh embedded broker, then starts the topology (exactly-once) and prints, every second, how far each
 * stage has come (committed offsets of the raw topic and of the two repartition topics).
 * System properties: partitions, threads, commit (e.g. 100ms).
 */
public final class TopologyBacklog {

    private TopologyBacklog() {
    }

    public static void main(String[] args) throws Exception {
        int posts = Integer.parseInt(args.length > 0 ? args[0] : "50000");
        Path dir = Files.createTempDirectory("probe");
        PulseConfig config = PulseConfig.fromSettings(Map.of("data.dir", dir.toString(), "application.id", "probe", "partitions", System.getProperty("partitions", "6"), "stream.threads", System.getProperty("threads", "1"), "commit.interval", System.getProperty("commit", "100ms")));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            broker.createTopics(Topics.ALL.stream().map(t -> t.newTopic(6, (short) 1)).toList());
            try (PulseProducer producer = new PulseProducer(config, broker.bootstrapServers())) {
                LoadGenerator generator = new LoadGenerator(producer, Clock.systemUTC(), 1);
                generator.openMeetings(4, "p");
                generator.run(4, "p", posts * 10.0, Duration.ofMillis(100), null);
                LoadGenerator.Result result = generator.run(4, "p", posts, Duration.ofSeconds(1), null);
                System.out.println("loaded " + result.sent());
            }
            long start = System.nanoTime();
            try (KafkaStreams streams = new KafkaStreams(PulseTopology.build(config), StreamsProperties.of(config, broker.bootstrapServers()))) {
                streams.start();
                long lastAttributed = -1;
                int unchanged = 0;
                try (var admin = broker.admin()) {
                    while (true) {
                        Thread.sleep(1000);
                        var offsets = admin.listConsumerGroupOffsets("probe").partitionsToOffsetAndMetadata().get();
                        long raw = offsets.entrySet().stream().filter(e -> e.getKey().topic().equals("pulse.comments.raw"))
                                .mapToLong(e -> e.getValue().offset()).sum();
                        long routed = offsets.entrySet().stream().filter(e -> e.getKey().topic().equals("probe-router-repartition"))
                                .mapToLong(e -> e.getValue().offset()).sum();
                        long attributed = offsets.entrySet().stream().filter(e -> e.getKey().topic().equals("probe-attribution-repartition"))
                                .mapToLong(e -> e.getValue().offset()).sum();
                        double seconds = (System.nanoTime() - start) / 1e9;
                        System.out.printf("%.0f s: raw %d, router %d, attribution %d%n", seconds, raw, routed, attributed);
                        unchanged = attributed > 0 && attributed == lastAttributed ? unchanged + 1 : 0;
                        if (unchanged >= 5) {
                            break;
                        }
                        lastAttributed = attributed;
                    }
                }
            }
        }
    }
}
