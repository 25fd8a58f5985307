package org.chamberpulse.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.LoadGenerator;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.model.Topics;
import org.chamberpulse.topology.PulseTopology;
import org.chamberpulse.topology.StreamsProperties;

/**
 * {@code scripts/bench throughput [POSTS]}: in one run on one embedded broker, the ceiling (a pass-through
 * Streams app, exactly-once, with Kafka Streams' own defaults otherwise, reading the posts and writing them to
 * another topic), then the full topology with one instance (twice: the first run also pays for compiling the
 * topology's code, as a freshly started {@code run} does) and with two, each working off the same backlog of
 * POSTS generated posts for {@code -Dmeetings} meetings (default 50). Prints posts per second from the moment
 * the app runs to the moment its last stage has committed everything.
 */
public final class Throughput {

    private static final int TRANSACTION_MARKERS = 2;
    private static final double LOAD_RATE = 50_000;
    private static final String PASS_THROUGH_TOPIC = "bench.passthrough";
    static final int MEETINGS = Integer.getInteger("meetings", 50);

    private Throughput() {
    }

    public static void main(String[] args) throws Exception {
        int posts = Integer.parseInt(args.length > 0 ? args[0] : "600000");
        Path dir = Files.createTempDirectory("bench-throughput");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            loadBacklog(broker, dir, posts);

            PulseConfig ceilingConfig = config(dir, "bench-ceiling");
            double ceiling = measure(broker, "ceiling (pass-through)", ceilingConfig, List.of(passThrough()), passThroughProperties(ceilingConfig, broker));

            PulseConfig coldConfig = config(dir, "bench-cold");
            double cold = measure(broker, "topology, 1 instance, cold", coldConfig, List.of(PulseTopology.build(coldConfig)));

            PulseConfig oneConfig = config(dir, "bench-one");
            double one = measure(broker, "topology, 1 instance", oneConfig, List.of(PulseTopology.build(oneConfig)));

            PulseConfig twoConfig = config(dir, "bench-two");
            double two = measure(broker, "topology, 2 instances", twoConfig, List.of(PulseTopology.build(twoConfig), PulseTopology.build(twoConfig)));

            System.out.printf("RESULT ceiling %,.0f posts/s; topology, first run in the JVM %,.0f posts/s (%.1f %%); again %,.0f posts/s (%.1f %% of the ceiling);"
                    + " two instances %,.0f posts/s (%.2fx, %.1f %% of the ceiling)%n",
                    ceiling, cold, 100 * cold / ceiling, one, 100 * one / ceiling, two, two / one, 100 * two / ceiling);
        } finally {
            Utils.delete(dir.toFile());
        }
    }

    /** Creates the topics and writes POSTS generated posts for {@link #MEETINGS} live meetings to pulse.comments.raw. */
    static void loadBacklog(EmbeddedKafkaBroker broker, Path dir, int posts) throws Exception {
        PulseConfig loadConfig = config(dir, "load");
        List<NewTopic> topics = new ArrayList<>(Topics.ALL.stream().map(t -> t.newTopic(loadConfig.partitions(), (short) 1)).toList());
        topics.add(new NewTopic(PASS_THROUGH_TOPIC, loadConfig.partitions(), (short) 1));
        broker.createTopics(topics);
        long loaded;
        try (PulseProducer producer = new PulseProducer(loadConfig, broker.bootstrapServers())) {
            LoadGenerator generator = new LoadGenerator(producer, Clock.systemUTC(), 1);
            generator.openMeetings(MEETINGS, "t");
            loaded = generator.run(MEETINGS, "t", LOAD_RATE, Duration.ofMillis(posts * 1000L / (long) LOAD_RATE), null).sent();
        }
        System.out.printf("backlog: %,d posts for %d meetings in %s, %d partitions, commit interval %s, exactly-once%n",
                loaded, MEETINGS, Topics.COMMENTS_RAW.name(), loadConfig.partitions(), loadConfig.commitInterval().toMillis() + " ms");
    }

    static PulseConfig config(Path dir, String applicationId) {
        Map<String, String> settings = new HashMap<>(Map.of("data.dir", dir.resolve(applicationId).toString(), "application.id", applicationId,
                "partitions", System.getProperty("partitions", "6"), "commit.interval", System.getProperty("commit", "100ms")));
        settings.put("stream.threads", System.getProperty("threads", PulseConfig.DEFAULTS.get("stream.threads")));
        if (System.getProperty("compression") != null) {
            settings.put("kafka.compression.type", System.getProperty("compression"));
        }
        return PulseConfig.fromSettings(settings);
    }

    private static Topology passThrough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.COMMENTS_RAW.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .to(PASS_THROUGH_TOPIC, Produced.with(Serdes.String(), Serdes.ByteArray()));
        return builder.build();
    }

    /** Every topic a topology reads (its inputs and its repartition topics), as named on the broker. */
    static Set<String> stages(Topology topology, String applicationId) {
        Set<String> internal = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    source.topicSet().forEach(topic -> internal.add(topic.endsWith("-repartition") ? applicationId + "-" + topic : topic));
                }
            }
        }
        return internal;
    }

    /** The pass-through as anyone would write it: exactly-once, and Kafka Streams' defaults for the rest (one thread, 100 ms commits). */
    private static Properties passThroughProperties(PulseConfig config, EmbeddedKafkaBroker broker) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return props;
    }

    static double measure(EmbeddedKafkaBroker broker, String name, PulseConfig config, List<Topology> topologies) throws Exception {
        return measure(broker, name, config, topologies, StreamsProperties.of(config, broker.bootstrapServers()));
    }

    /** Runs the instances until their group has committed every record of every stage; returns input posts a second. */
    static double measure(EmbeddedKafkaBroker broker, String name, PulseConfig config, List<Topology> topologies, Properties properties) throws Exception {
        Set<String> stages = stages(topologies.get(0), config.applicationId());
        List<KafkaStreams> instances = new ArrayList<>();
        for (int i = 0; i < topologies.size(); i++) {
            Properties props = new Properties();
            props.putAll(properties);
            props.put(StreamsConfig.STATE_DIR_CONFIG, config.dataDir().resolve("state-" + i).toString());
            instances.add(new KafkaStreams(topologies.get(i), props));
        }
        try (Admin admin = broker.admin()) {
            instances.forEach(KafkaStreams::start);
            while (!instances.stream().allMatch(s -> s.state() == KafkaStreams.State.RUNNING)) {
                Thread.sleep(20);
            }
            long start = System.nanoTime();
            long input = 0;
            while (true) {
                Thread.sleep(50);
                var committed = admin.listConsumerGroupOffsets(config.applicationId()).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                for (String stage : stages) {
                    admin.describeTopics(List.of(stage)).allTopicNames().get().get(stage).partitions()
                            .forEach(p -> ends.put(new TopicPartition(stage, p.partition()), OffsetSpec.latest()));
                }
                var endOffsets = admin.listOffsets(ends).all().get();
                boolean done = true;
                input = 0;
                for (TopicPartition partition : ends.keySet()) {
                    long end = endOffsets.get(partition).offset();
                    var offset = committed.get(partition);
                    long position = offset == null ? 0 : offset.offset();
                    if (partition.topic().equals(Topics.COMMENTS_RAW.name())) {
                        input += end;
                    }
                    // A transaction's commit marker takes an offset of its own after its last record.
                    if (end - position > TRANSACTION_MARKERS && end > 0) {
                        done = false;
                    }
                }
                if (done) {
                    break;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = input / seconds;
            System.out.printf("%-26s %,9d records in %6.1f s: %,9.0f posts/s%n", name, input, seconds, rate);
            return rate;
        } finally {
            instances.forEach(s -> s.close(Duration.ofSeconds(30)));
        }
    }
}
