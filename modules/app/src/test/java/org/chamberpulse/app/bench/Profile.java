package org.chamberpulse.app.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.Topics;
import org.chamberpulse.topology.PulseTopology;

/**
 * {@code scripts/bench profile [POSTS]}: the one-instance run of {@code throughput} under Java Flight
 * Recorder, after a first run that warms the process up, and where a post's time goes: CPU by thread (stream thread, producer I/O, broker, the rest of
 * the JVM), the stream thread's samples by hop and by kind of work, the records each post makes the broker
 * write, topic by topic, and the requests it serves, by type. The recording is kept as {@code target/bench/throughput.jfr}.
 */
public final class Profile {

    private static final Duration SAMPLE_PERIOD = Duration.ofMillis(10);

    private Profile() {
    }

    public static void main(String[] args) throws Exception {
        int posts = Integer.parseInt(args.length > 0 ? args[0] : "300000");
        Path dir = Files.createTempDirectory("bench-profile");
        Path jfr = Path.of("target", "bench", "throughput.jfr").toAbsolutePath();
        Files.createDirectories(jfr.getParent());
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            Throughput.loadBacklog(broker, dir, posts);
            // A first run compiles the topology's code, so that the recording shows the work of a warm process.
            PulseConfig warmUp = Throughput.config(dir, "bench-warm-up");
            Throughput.measure(broker, "topology, 1 instance, warming up", warmUp, List.of(PulseTopology.build(warmUp)));
            PulseConfig config = Throughput.config(dir, "bench-profile");
            Map<String, Long> before = endOffsets(broker);
            Map<String, Long> requestsBefore = brokerRequests();
            try (Recording recording = new Recording()) {
                recording.enable("jdk.ExecutionSample").withPeriod(SAMPLE_PERIOD);
                recording.enable("jdk.NativeMethodSample").withPeriod(SAMPLE_PERIOD);
                recording.enable("jdk.ThreadCPULoad").withPeriod(Duration.ofSeconds(1));
                recording.enable("jdk.CPULoad").withPeriod(Duration.ofSeconds(1));
                recording.enable("jdk.Deoptimization");
                recording.enable("jdk.Compilation").withThreshold(Duration.ofMillis(20));
                recording.start();
                double rate = Throughput.measure(broker, "topology, 1 instance, recorded", config, List.of(PulseTopology.build(config)));
                recording.stop();
                recording.dump(jfr);
                System.out.printf("recording: %s (%,.0f posts/s while recorded)%n", jfr, rate);
            }
            Map<String, Long> requests = new TreeMap<>();
            brokerRequests().forEach((type, count) -> {
                long delta = count - requestsBefore.getOrDefault(type, 0L);
                if (delta > 0) {
                    requests.put(type, delta);
                }
            });
            Map<String, Long> written = new TreeMap<>();
            endOffsets(broker).forEach((topic, end) -> {
                long delta = end - before.getOrDefault(topic, 0L);
                if (delta > 0 && (topic.startsWith("bench-profile-") || topic.startsWith("pulse.") && !topic.equals(Topics.COMMENTS_RAW.name()))) {
                    written.put(topic, delta);
                }
            });
            report(jfr, written, posts);
            System.out.println();
            System.out.println("Requests the broker served per 1,000 posts, by type:");
            requests.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> System.out.printf("  %-40s %8.1f%n", e.getKey(), 1000.0 * e.getValue() / posts));
        } finally {
            Utils.delete(dir.toFile());
        }
    }

    /** Requests served so far by the in-process broker, by type, from its JMX request metrics. */
    private static Map<String, Long> brokerRequests() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Long> counts = new TreeMap<>();
        for (ObjectName name : server.queryNames(new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
            counts.merge(name.getKeyProperty("request"), ((Number) server.getAttribute(name, "Count")).longValue(), Long::sum);
        }
        return counts;
    }

    private static Map<String, Long> endOffsets(EmbeddedKafkaBroker broker) throws Exception {
        try (Admin admin = broker.admin()) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (var description : admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().values()) {
                description.partitions().forEach(p -> request.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<String, Long> ends = new TreeMap<>();
            admin.listOffsets(request).all().get().forEach((partition, info) -> ends.merge(partition.topic(), info.offset(), Long::sum));
            return ends;
        }
    }

    private static void report(Path jfr, Map<String, Long> written, int posts) throws Exception {
        Map<String, double[]> cpuByGroup = new LinkedHashMap<>();
        double[] jvmTotal = new double[2];
        Map<String, Long> byHop = new TreeMap<>();
        Map<String, Long> byKind = new TreeMap<>();
        long streamSamples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            switch (event.getEventType().getName()) {
                case "jdk.ThreadCPULoad" -> {
                    double[] sum = cpuByGroup.computeIfAbsent(threadGroup(event.getThread("eventThread")), k -> new double[2]);
                    sum[0] += event.getFloat("user") + event.getFloat("system");
                }
                case "jdk.CPULoad" -> {
                    jvmTotal[0] += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                    jvmTotal[1]++;
                }
                case "jdk.ExecutionSample", "jdk.NativeMethodSample" -> {
                    RecordedThread thread = event.getThread("sampledThread");
                    if (thread == null || !threadGroup(thread).equals("stream thread")) {
                        continue;
                    }
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack == null) {
                        continue;
                    }
                    String kind = kind(stack.getFrames(), event.getEventType().getName().equals("jdk.NativeMethodSample"));
                    if (kind == null) {
                        continue; // waiting in native code (a poll on the network), not working
                    }
                    streamSamples++;
                    byKind.merge(kind, 1L, Long::sum);
                    byHop.merge(hop(stack.getFrames()), 1L, Long::sum);
                }
                default -> {
                }
            }
        }
        // ThreadCPULoad is a share of the whole machine per sample second: summing gives CPU-seconds / cores.
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println();
        System.out.println("CPU by thread (core-seconds while recorded):");
        double threads = 0;
        for (var entry : cpuByGroup.entrySet()) {
            double seconds = entry.getValue()[0] * cores;
            threads += seconds;
            System.out.printf("  %-28s %7.1f%n", entry.getKey(), seconds);
        }
        double whole = jvmTotal[0] * cores;
        System.out.printf("  %-28s %7.1f%n", "GC, JIT and other VM threads", Math.max(0, whole - threads));
        System.out.printf("  %-28s %7.1f (%.0f µs of CPU a post)%n", "whole process", whole, whole * 1e6 / posts);
        System.out.println();
        System.out.printf("Stream thread, by hop (%,d samples of work):%n", streamSamples);
        final long total = streamSamples;
        byHop.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  %-40s %5.1f %%%n", e.getKey(), 100.0 * e.getValue() / total));
        System.out.println();
        System.out.println("Stream thread, by kind of work:");
        byKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  %-40s %5.1f %%%n", e.getKey(), 100.0 * e.getValue() / total));
        System.out.println();
        System.out.println("Records written per post, by topic:");
        long records = 0;
        for (var entry : written.entrySet()) {
            records += entry.getValue();
            System.out.printf("  %-60s %6.2f%n", entry.getKey(), (double) entry.getValue() / posts);
        }
        System.out.printf("  %-60s %6.2f%n", "all (transaction markers included)", (double) records / posts);
    }

    private static String threadGroup(RecordedThread thread) {
        String name = thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
        if (name.contains("StreamThread")) {
            return "stream thread";
        }
        if (name.startsWith("kafka-producer-network-thread")) {
            return name.contains("StreamThread") || name.contains("bench-profile") ? "producer I/O (Streams)" : "producer I/O (other)";
        }
        if (name.contains("CompilerThread")) {
            return "JIT compilers";
        }
        if (name.contains("admin") || name.equals("main")) {
            return "benchmark (admin polling)";
        }
        return "broker";
    }

    /** The kind of work of the innermost frame that says: RocksDB, JSON, sentiment, producing, consuming, the store layers, ChamberPulse's own. */
    private static String kind(List<RecordedFrame> frames, boolean nativeSample) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("org.rocksdb.")) {
                return "RocksDB (native)";
            }
            if (nativeSample) {
                return null;
            }
            if (type.startsWith("com.fasterxml.jackson.")) {
                return "JSON (Jackson)";
            }
            if (type.startsWith("org.chamberpulse.sentiment.") || type.startsWith("com.optimaize.")) {
                return "sentiment and moderation";
            }
            if (type.startsWith("org.apache.kafka.clients.producer.") || type.startsWith("org.apache.kafka.common.record.")) {
                return "producer (batching records)";
            }
            if (type.startsWith("org.apache.kafka.clients.consumer.") || type.startsWith("org.apache.kafka.clients.NetworkClient")) {
                return "consumer (poll, fetch)";
            }
            if (type.startsWith("org.apache.kafka.streams.state.internals.")) {
                return "state store layers (cache, changelog, metrics)";
            }
            if (type.startsWith("org.chamberpulse.")) {
                return "ChamberPulse logic";
            }
        }
        return nativeSample ? null : "Streams runtime and the JDK";
    }

    /** The processor whose work a sample is: the outermost ChamberPulse topology class on the stack. */
    private static String hop(List<RecordedFrame> frames) {
        String hop = "Streams runtime (poll, commit, punctuate)";
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("org.chamberpulse.topology.") && !type.contains("$")) {
                hop = type.substring("org.chamberpulse.topology.".length());
            } else if (type.startsWith("org.chamberpulse.topology.")) {
                hop = type.substring("org.chamberpulse.topology.".length(), type.indexOf('$'));
            }
        }
        return hop;
    }
}
