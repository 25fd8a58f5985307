package org.chamberpulse.app.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.chamberpulse.app.FreePorts;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.LoadGenerator;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.model.Topics;
import org.chamberpulse.topology.PulseTopology;
import org.chamberpulse.topology.StreamsProperties;

/**
 * {@code scripts/bench throughput [POSTS]}: the shape of the outside check. One broker holds a backlog of
 * POSTS generated posts for {@code -Dmeetings} meetings (default 50) on pulse.comments.raw; then, each in
 * processes of its own started afresh, the ceiling (a pass-through Streams app, exactly-once, Kafka Streams'
 * defaults otherwise: {@link PassThrough}), {@code scripts/chamberpulse run --bootstrap} (topology and
 * dashboard, its own JVM options and defaults), and two {@code run --role topology} instances of one
 * application. Each is timed from the moment its consumer group is stable (all members joined) until it
 * has committed every record of every stage, and again from the moment every process has logged that it is
 * RUNNING (its stores opened; the outside check of issue 16 times from there); the figure is input posts a
 * second. The peak resident set of each process is printed too (the application's memory under a backlog, the
 * broker apart). Each run's final figures must then count every post exactly ({@link ExactCounts}).
 * {@code -Dtwo=false} leaves out the two instances, {@code -Drole=} picks the role of the one.
 * Every 20 s ({@code -Dprogress=} seconds) it prints what the intake and the desks have committed, and their
 * rates; {@code -Dlogs=DIR} keeps each process's log.
 */
public final class Throughput {

    private static final int TRANSACTION_MARKERS = 2;
    private static final double LOAD_RATE = 50_000;
    private static final String PASS_THROUGH_TOPIC = "bench.passthrough";
    /** The comments' way from the intake to their desks (PulseTopology). */
    private static final String DESK_STAGE = "-desk-repartition";
    static final int MEETINGS = Integer.getInteger("meetings", 50);
    /** The load generator's name for the backlog's meetings and posts. */
    private static final String LOAD_RUN = "t";
    /** The last figures go out an emit interval after the last post; a run's counts are checked after it is timed. */
    private static final Duration COUNTS_WITHIN = Duration.ofSeconds(60);
    private static final OperatingSystemMXBean OWN_PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Throughput() {
    }

    public static void main(String[] args) throws Exception {
        int posts = Integer.parseInt(args.length > 0 ? args[0] : "600000");
        Path dir = Files.createTempDirectory("bench-throughput");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            loadBacklog(broker, dir, posts);
            String bootstrap = broker.bootstrapServers();
            PulseConfig probe = config(dir, "bench-run");
            ExactCounts counts = ExactCounts.ofBacklog(probe, bootstrap, LOAD_RUN, MEETINGS);

            Rates ceiling = measureForked(broker, "ceiling (pass-through)", "bench-ceiling", Set.of(Topics.COMMENTS_RAW.name()),
                    List.of(javaCommand(PassThrough.class, bootstrap, "bench-ceiling", dir.resolve("ceiling").toString(), PASS_THROUGH_TOPIC)), dir, null);
            Set<String> stages = stages(PulseTopology.build(probe), "bench-run");
            Rates one = measureForked(broker, "run, 1 instance", "bench-run", stages,
                    List.of(run(bootstrap, "bench-run", dir.resolve("run"), System.getProperty("role", "all"))), dir, counts);
            if (!Boolean.parseBoolean(System.getProperty("two", "true"))) {
                System.out.printf("RESULT ceiling %,.0f posts/s; run, 1 instance %,.0f posts/s (%s)%n", ceiling.fromStable(), one.fromStable(),
                        one.percentOf(ceiling));
                return;
            }
            Set<String> twoStages = stages(PulseTopology.build(probe), "bench-two");
            Rates two = measureForked(broker, "run, 2 instances", "bench-two", twoStages,
                    List.of(run(bootstrap, "bench-two", dir.resolve("two-a"), "topology"), run(bootstrap, "bench-two", dir.resolve("two-b"), "topology")), dir, counts);

            System.out.printf("RESULT ceiling %,.0f posts/s; run, 1 instance %,.0f posts/s (%s); 2 instances %,.0f posts/s (%.2fx, %s)%n",
                    ceiling.fromStable(), one.fromStable(), one.percentOf(ceiling), two.fromStable(), two.fromStable() / one.fromStable(),
                    two.percentOf(ceiling));
        } finally {
            keepLogs(dir);
            Utils.delete(dir.toFile());
        }
    }

    /** {@code -Dlogs=DIR} keeps each process's log (the broker's complaints name a client; its own log says what it did). */
    private static void keepLogs(Path dir) throws IOException {
        String logs = System.getProperty("logs");
        if (logs == null) {
            return;
        }
        Path target = Files.createDirectories(Path.of(logs));
        try (var files = Files.newDirectoryStream(dir, "*.log")) {
            for (Path log : files) {
                Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
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
            generator.openMeetings(MEETINGS, LOAD_RUN);
            loaded = generator.run(MEETINGS, LOAD_RUN, LOAD_RATE, Duration.ofMillis(posts * 1000L / (long) LOAD_RATE), null).sent();
        }
        System.out.printf("backlog: %,d posts for %d meetings in %s, %d partitions, exactly-once%n",
                loaded, MEETINGS, Topics.COMMENTS_RAW.name(), loadConfig.partitions());
    }

    static PulseConfig config(Path dir, String applicationId) {
        Map<String, String> settings = new HashMap<>(Map.of("data.dir", dir.resolve(applicationId).toString(), "application.id", applicationId,
                "partitions", System.getProperty("partitions", "6"), "commit.interval", System.getProperty("commit", "100ms")));
        return PulseConfig.fromSettings(settings);
    }

    /** {@code run} with the settings a deployment would leave as they are; {@code -Dset=key=value,...} adds some. */
    private static List<String> run(String bootstrap, String applicationId, Path dataDir, String role) throws IOException {
        List<String> command = new ArrayList<>(List.of("scripts/chamberpulse", "run", "--bootstrap", bootstrap, "--data-dir", dataDir.toString(),
                "--role", role, "--http-port", Integer.toString(FreePorts.pick()), "--set", "application.id=" + applicationId, "--set", "metrics.port=0"));
        for (String setting : System.getProperty("set", "").split(",")) {
            if (!setting.isBlank()) {
                command.addAll(List.of("--set", setting));
            }
        }
        return command;
    }

    private static List<String> javaCommand(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
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

    /**
     * Starts the processes, and times their group from stable until it has committed every stage; then checks that
     * their figures count every post ({@code counts}; null for the ceiling, which writes none).
     */
    private static Rates measureForked(EmbeddedKafkaBroker broker, String name, String group, Set<String> stages, List<List<String>> commands,
                                        Path dir, ExactCounts counts) throws Exception {
        Map<TopicPartition, Long> figuresBefore = counts == null ? Map.of() : counts.figuresEnd();
        List<Process> processes = new ArrayList<>();
        try (Admin admin = broker.admin()) {
            List<Path> logs = new ArrayList<>();
            for (List<String> command : commands) {
                logs.add(dir.resolve(group + "-" + processes.size() + ".log"));
                processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logs.get(logs.size() - 1).toFile()).start());
            }
            // Watched from the start: a group may be seen stable only after a second rebalance that follows RUNNING.
            RunningWatch running = new RunningWatch(logs);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!stable(admin, group, commands.size())) {
                if (System.nanoTime() > deadline || processes.stream().anyMatch(p -> !p.isAlive())) {
                    throw new IllegalStateException(name + " did not start: see " + dir);
                }
                Thread.sleep(20);
            }
            long brokerCpuBefore = OWN_PROCESS.getProcessCpuTime();
            Rates rate = timeUntilCommitted(admin, name, group, stages, running);
            // The broker is embedded in this process; the benchmark's own polling beside it is a few requests a second.
            System.out.printf("    the broker's CPU (this process) while timed: %.1f core-seconds%n", (OWN_PROCESS.getProcessCpuTime() - brokerCpuBefore) / 1e9);
            for (Process process : processes) {
                System.out.printf("  %s (pid %d): peak RSS %,d MB%n", name, process.pid(), Processes.status(process, "VmHWM") / 1024);
                Map<String, Double> cpu = Processes.cpuByThreadKind(process, group);
                StringBuilder kinds = new StringBuilder();
                cpu.forEach((kind, seconds) -> kinds.append(String.format("; %s %.1f", kind, seconds)));
                System.out.printf("    CPU from its start, core-seconds: %.1f%s%n", cpu.values().stream().mapToDouble(Double::doubleValue).sum(), kinds);
            }
            if (counts != null) {
                counts.await(figuresBefore, COUNTS_WITHIN);
            }
            return rate;
        } finally {
            for (Process process : processes) {
                Processes.stop(process);
            }
        }
    }

    private static boolean stable(Admin admin, String group, int members) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return description.groupState() == GroupState.STABLE && description.members().size() >= members;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** Runs in-process instances until their group has committed every record of every stage; returns input posts a second. */
    static double measure(EmbeddedKafkaBroker broker, String name, PulseConfig config, List<Topology> topologies) throws Exception {
        Set<String> stages = stages(topologies.get(0), config.applicationId());
        List<KafkaStreams> instances = new ArrayList<>();
        for (int i = 0; i < topologies.size(); i++) {
            Properties props = StreamsProperties.of(config, broker.bootstrapServers());
            props.put(StreamsConfig.STATE_DIR_CONFIG, config.dataDir().resolve("state-" + i).toString());
            instances.add(new KafkaStreams(topologies.get(i), props));
        }
        try (Admin admin = broker.admin()) {
            instances.forEach(KafkaStreams::start);
            while (!instances.stream().allMatch(s -> s.state() == KafkaStreams.State.RUNNING)) {
                Thread.sleep(20);
            }
            return timeUntilCommitted(admin, name, config.applicationId(), stages, null).fromStable();
        } finally {
            instances.forEach(s -> s.close(Duration.ofSeconds(30)));
        }
    }

    /** Input posts a second, timed from the group's being stable and from every process's being RUNNING. */
    record Rates(double fromStable, double fromRunning) {
        String percentOf(Rates ceiling) {
            return String.format("%.1f %% of the ceiling; from RUNNING %.1f %%", 100 * fromStable / ceiling.fromStable,
                    100 * fromRunning / ceiling.fromRunning);
        }
    }

    /** Timed from now (the group stable) and from when {@code running} saw every process RUNNING, before or after (null: now). */
    private static Rates timeUntilCommitted(Admin admin, String name, String group, Set<String> stages, RunningWatch running) throws Exception {
        long start = System.nanoTime();
        long input;
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (String stage : stages) {
            admin.describeTopics(List.of(stage)).allTopicNames().get().get(stage).partitions()
                    .forEach(p -> ends.put(new TopicPartition(stage, p.partition()), OffsetSpec.latest()));
        }
        Progress progress = new Progress(start);
        while (true) {
            Thread.sleep(100);
            var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            var endOffsets = admin.listOffsets(ends).all().get();
            boolean done = true;
            input = 0;
            long inputCommitted = 0;
            long deskCommitted = 0;
            for (TopicPartition partition : ends.keySet()) {
                long end = endOffsets.get(partition).offset();
                var offset = committed.get(partition);
                long position = offset == null ? 0 : offset.offset();
                if (partition.topic().equals(Topics.COMMENTS_RAW.name())) {
                    input += end;
                    inputCommitted += position;
                } else if (partition.topic().endsWith(DESK_STAGE)) {
                    deskCommitted += position;
                }
                // A transaction's commit marker takes an offset of its own after its last record.
                if (end - position > TRANSACTION_MARKERS && end > 0) {
                    done = false;
                }
            }
            progress.report(inputCommitted, deskCommitted);
            if (done) {
                break;
            }
        }
        long end = System.nanoTime();
        long runningAt = running == null ? start : running.close();
        double seconds = (end - start) / 1e9;
        double fromRunning = (end - runningAt) / 1e9;
        Rates rates = new Rates(input / seconds, input / fromRunning);
        System.out.printf("%-28s %,9d records in %6.1f s: %,9.0f posts/s; from RUNNING (%+.1f s) %6.1f s: %,9.0f posts/s%n", name, input, seconds,
                rates.fromStable(), (runningAt - start) / 1e9, fromRunning, rates.fromRunning());
        return rates;
    }

    /** Watches the processes' logs for their first RUNNING ({@code streams REBALANCING -> RUNNING}), every 10 ms. */
    private static final class RunningWatch {
        private final List<Path> logs;
        private final Thread thread;
        private volatile long allRunningAt;

        RunningWatch(List<Path> logs) {
            this.logs = logs;
            this.thread = new Thread(this::watch, "running-watch");
            thread.setDaemon(true);
            thread.start();
        }

        private void watch() {
            try {
                while (!logs.stream().allMatch(RunningWatch::saysRunning)) {
                    Thread.sleep(10);
                }
                allRunningAt = System.nanoTime();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }

        private static boolean saysRunning(Path log) {
            try {
                return Files.readString(log).contains("-> RUNNING");
            } catch (IOException notYet) {
                return false;
            }
        }

        /** When every process was first RUNNING; fails if one never said so. */
        long close() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(1));
            if (allRunningAt == 0) {
                thread.interrupt();
                throw new IllegalStateException("not every process logged RUNNING: " + logs);
            }
            return allRunningAt;
        }
    }

    /**
     * The posts committed by the intake and by the desks every 20 s ({@code -Dprogress=} seconds): a fresh process's
     * rates over time (its JIT compiler at work in the first minute; docs/BENCHMARKS.md) beside the whole run's.
     */
    private static final class Progress {
        private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(Long.getLong("progress", 20));
        private final long start;
        private long lastAt;
        private long lastIntake;
        private long lastDesk;

        Progress(long start) {
            this.start = start;
            this.lastAt = start;
        }

        void report(long intake, long desk) {
            long now = System.nanoTime();
            if (now - lastAt < EVERY_NANOS) {
                return;
            }
            double seconds = (now - lastAt) / 1e9;
            System.out.printf("    %4.0f s: intake %,9d posts (%,7.0f/s), desks %,9d records, one per hashtag (%,7.0f/s) in the last %.0f s%n", (now - start) / 1e9,
                    intake, (intake - lastIntake) / seconds, desk, (desk - lastDesk) / seconds, seconds);
            lastAt = now;
            lastIntake = intake;
            lastDesk = desk;
        }
    }
}
