package org.chamberpulse.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.image.MetadataImage;
import org.apache.kafka.metadata.BrokerRegistration;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM, built
 * from the Maven Central artifacts. Storage is formatted on first start and kept in the data directory,
 * so a restart on the same directory finds its topics and offsets again. For the one-command demo and
 * the integration tests; production points at an external cluster instead.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    /**
     * Starts a broker and waits until it answers.
     *
     * @param dataDir where the log and metadata live; created and formatted when new
     * @param port    the client port on 127.0.0.1, or 0 for any free port (tests)
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            Path logDir = dataDir.toAbsolutePath().resolve("kafka-logs");
            Files.createDirectories(logDir);
            int clientPort = port == 0 ? freePort() : port;
            // A port the caller picked and let go is free again, and the system may hand it out once more.
            int controllerPort = freePort();
            while (controllerPort == clientPort) {
                controllerPort = freePort();
            }
            Properties props = brokerProperties(logDir, clientPort, controllerPort);
            formatIfNew(logDir);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            startControllerThenBroker(server);
            String bootstrap = "127.0.0.1:" + clientPort;
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, bootstrap, dataDir);
            broker.awaitReady();
            log.info("Kafka broker ready on {} (data in {})", bootstrap, logDir);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker in " + dataDir, e);
        }
    }

    /**
     * Starts the controller, waits until no registration of this node is alive, then starts the broker.
     * After a kill -9 the controller, restarted with the broker, takes the registration the crash left for
     * alive until its session times out (broker.session.timeout.ms). A broker started at once acts for those
     * seconds on leaderships it no longer holds: its transaction coordinator resends the markers of the
     * transactions that were completing at the crash, and when the fence leaves every partition leaderless it
     * drops them as if their partitions were deleted. The offsets of such a transaction then stay pending in the
     * group coordinator, and every fetch of them answers UNSTABLE_OFFSET_COMMIT for good (Streams never leaves
     * REBALANCING). Started after the fence, the broker leads its partitions only once it serves requests, and
     * the markers are written. After a clean stop the registration is fenced already and nothing waits.
     */
    private static void startControllerThenBroker(KafkaRaftServer server) {
        ControllerServer controller = (ControllerServer) serverPart(server, "controller");
        controller.startup();
        awaitNoLiveRegistration(controller);
        ((BrokerServer) serverPart(server, "broker")).startup();
    }

    /** KafkaRaftServer starts its two parts back to back and offers no way in between; its fields hold them. */
    private static Object serverPart(KafkaRaftServer server, String name) {
        try {
            Field field = KafkaRaftServer.class.getDeclaredField(name);
            field.setAccessible(true);
            return ((Option<?>) field.get(server)).get();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Kafka version's KafkaRaftServer has no " + name + " field", e);
        }
    }

    /**
     * Reads the controller's own image of the cluster once it holds every record the quorum committed: an image
     * still being replayed may show the registration as it was before its last change (fenced before unfenced).
     */
    private static void awaitNoLiveRegistration(ControllerServer controller) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        boolean told = false;
        while (System.nanoTime() < deadline) {
            MetadataImage image = controller.metadataCache().currentImage();
            if (holdsEveryCommittedRecord(controller, image)) {
                BrokerRegistration registration = image.cluster().broker(NODE_ID);
                if (registration == null || registration.fenced()) {
                    return;
                }
                if (!told) {
                    log.info("the last stop was not clean: the broker starts once the controller has fenced its old registration (up to broker.session.timeout.ms)");
                    told = true;
                }
            }
            sleepQuietly(100);
        }
        throw new IllegalStateException("the embedded controller did not fence the broker's old registration within " + READY_TIMEOUT);
    }

    private static boolean holdsEveryCommittedRecord(ControllerServer controller, MetadataImage image) {
        OptionalLong committed = controller.raftManager().client().highWatermark();
        return committed.isPresent() && image.offset() + 1 >= committed.getAsLong();
    }

    /** The broker settings: the single-node values internal topics need, or groups and transactions silently fail. */
    static Properties brokerProperties(Path logDir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "6"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "6"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "6"),
                // Event times of replayed or scheduled meetings may lie ahead of this machine's clock.
                Map.entry("log.message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE)),
                // Bounded by default: a benchmark must not fill the disk. Topics set their own retention.ms.
                Map.entry("log.retention.hours", "168"),
                Map.entry("log.retention.bytes", Long.toString(512L * 1024 * 1024)),
                Map.entry("log.segment.bytes", Integer.toString(64 * 1024 * 1024)),
                Map.entry("log.retention.check.interval.ms", "60000"),
                // The log cleaner holds its key map on the heap from the start, 128 MB by default: half the
                // application's live heap in the same JVM. 16 MB maps some 600,000 keys a pass, far more than
                // a pass of the compacted topics here holds (docs/BENCHMARKS.md, memory).
                Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024))));
        return p;
    }

    private static void formatIfNew(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setIgnoreFormatted(true)
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .run();
            log.info("formatted new Kafka storage in {}", logDir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                sleepQuietly(200);
            }
        }
        throw new IllegalStateException("the embedded Kafka broker did not answer within " + READY_TIMEOUT, last);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** Creates the topics that do not exist yet; existing topics are left as they are. */
    public void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = admin()) {
            createTopics(admin, topics);
        }
    }

    /** Creates the topics that do not exist yet through any admin client (the embedded broker or a cluster). */
    public static void createTopics(Admin admin, Collection<NewTopic> topics) {
        admin.createTopics(topics).values().forEach((name, future) -> {
            try {
                future.get(60, TimeUnit.SECONDS);
                log.info("created topic {}", name);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot create topic " + name + ": " + e.getMessage(), e);
            }
        });
        awaitLeaders(admin, topics);
    }

    /**
     * Returns once every partition of the topics answers from its leader. A partition is created before its
     * broker serves it as leader; an idempotent producer that writes in between meets NOT_LEADER_OR_FOLLOWER
     * and, seen here under load, can lose its sequence with the broker for good (OUT_OF_ORDER_SEQUENCE_NUMBER
     * on every retry). Asking each partition's latest offset succeeds only from its serving leader; until
     * then the broker answers with a retriable error (unknown partition, not the leader), asked again here.
     */
    private static void awaitLeaders(Admin admin, Collection<NewTopic> topics) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(
                        topics.stream().map(NewTopic::name).toList()).allTopicNames().get(60, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                described.values().forEach(topic -> topic.partitions().forEach(partition -> latest.put(
                        new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
                admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the topics' partitions have no serving leader: " + e.getCause().getMessage(), e.getCause());
                }
                sleepQuietly(100);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the topics' partitions have no serving leader after 60 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the topics' leaders", e);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    /** Stops the broker cleanly: its logs are flushed and the next start on the same directory is quick. */
    @Override
    public void close() {
        log.info("stopping Kafka broker on {}", bootstrapServers);
        server.shutdown();
        server.awaitShutdown();
    }
}
