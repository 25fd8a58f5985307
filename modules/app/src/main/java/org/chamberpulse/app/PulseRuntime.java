package org.chamberpulse.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.config.KafkaClients;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.dashboard.AuditLog;
import org.chamberpulse.dashboard.BodyRule;
import org.chamberpulse.dashboard.ClerkConsole;
import org.chamberpulse.dashboard.ClerkPublisher;
import org.chamberpulse.dashboard.ClerkSessions;
import org.chamberpulse.dashboard.CommentForm;
import org.chamberpulse.dashboard.DashboardServer;
import org.chamberpulse.dashboard.FollowedSources;
import org.chamberpulse.dashboard.LiveState;
import org.chamberpulse.dashboard.Passwords;
import org.chamberpulse.dashboard.PulseFeed;
import org.chamberpulse.dashboard.Readiness;
import org.chamberpulse.ingest.CommentApi;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.ingest.RateLimiter;
import org.chamberpulse.ingest.agenda.MeetingDefaults;
import org.chamberpulse.ingest.agenda.ModernGovClient;
import org.chamberpulse.ingest.follow.IngestRole;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.ModerationEvent;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;
import org.chamberpulse.topology.PulseTopology;
import org.chamberpulse.topology.StreamsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin bootstrap of {@code run}: the embedded broker when no cluster is given, the topics, the
 * Streams app and the dashboard, started in that order and closed in the reverse one.
 */
public final class PulseRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PulseRuntime.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final String bootstrapServers;
    private final KafkaStreams streams;
    private final DashboardServer dashboard;
    private final boolean servesDashboard;
    private String generatedClerkPassword;
    private Path clerkUserFile;

    private PulseRuntime(PulseConfig configured) {
        // The author secret keys pseudonyms and public ids alike, in the topology, the API and the report.
        PulseConfig config = Pseudonyms.resolve(configured);
        servesDashboard = config.role().runsDashboard();
        try {
            if (config.embeddedBroker()) {
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config.dataDir().resolve("kafka"), config.brokerPort());
                started.push(broker);
                bootstrapServers = broker.bootstrapServers();
            } else {
                bootstrapServers = config.bootstrap();
            }
            createTopics(config);

            PrometheusMeterRegistry metrics = Metrics.registry();
            BooleanSupplier ready;
            if (config.role().runsTopology()) {
                started.push(ModerationWords.start(config.moderationWords()));
                streams = new KafkaStreams(PulseTopology.build(config), StreamsProperties.of(config, bootstrapServers));
                streams.setUncaughtExceptionHandler(exception -> {
                    log.error("a stream thread failed; it is replaced and resumes from its last commit", exception);
                    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
                });
                streams.setStateListener((after, before) -> log.info("streams {} -> {}", before, after));
                Metrics.bindStreams(metrics, streams);
                started.push(() -> streams.close(Duration.ofSeconds(30)));
                streams.start();
                started.push(new ConsumerLag(config, bootstrapServers, metrics).start());
                ready = () -> streams.state() == KafkaStreams.State.RUNNING;
            } else {
                streams = null;
                ready = null;
            }

            IngestRole ingest = null;
            if (config.role().runsIngest()) {
                ingest = IngestRole.start(config, bootstrapServers, metrics, Clock.systemUTC());
                started.push(ingest);
            }
            IngestRole followers = ingest;
            Supplier<Map<String, String>> sourceChecks = followers == null ? Map::of : followers::health;

            if (config.role().runsDashboard() && !config.webhooks().urls().isEmpty()) {
                AlertWebhooks webhooks = new AlertWebhooks(config, bootstrapServers).start();
                started.push(webhooks);
                Metrics.counter(metrics, "chamberpulse.webhook.delivered", "Alerts a webhook receiver took", webhooks.delivered::get);
                Metrics.counter(metrics, "chamberpulse.webhook.failed", "Alerts a webhook receiver never took, after every retry", webhooks.failed::get);
            }

            if (config.role().runsDashboard()) {
                LiveState state = new LiveState(config.dashboardViews(), config.dataDir().resolve("views"));
                PulseFeed feed = new PulseFeed(config, bootstrapServers, state);
                Metrics.bindFeed(metrics, state, feed::caughtUp, Clock.systemUTC());
                started.push(feed);
                feed.start();
                PulseProducer producer = new PulseProducer(config, bootstrapServers).bindTo(metrics);
                started.push(producer);
                CommentApi api = new CommentApi(producer, Pseudonyms.fromConfig(config), config.apiKeys(),
                        new RateLimiter(config.apiRate(), System::nanoTime), Clock.systemUTC(), metrics);
                ReportRoutes reports = new ReportRoutes(config, bootstrapServers, state, Clock.systemUTC());
                started.push(reports);
                ClerkConsole clerk = new ClerkConsole(clerkSessions(config), publisher(producer),
                        new AuditLog(config.dataDir().resolve("audit.log"), Clock.systemUTC()), state, reports, config.secureCookies(), Clock.systemUTC())
                        .councilTimezone(config.councilTimezone())
                        .agendaSource(PulseRuntime::fromModernGov)
                        .following(followers == null ? FollowedSources.NONE : hashtags -> followers.states(hashtags).stream().map(PulseRuntime::describe).toList());
                // The residents' form: the API's path, at most a comment a second (two at once) from an address.
                RateLimiter formRate = new RateLimiter(1, System::nanoTime);
                CommentForm form = !config.web().commentForm() ? null : new CommentForm(state, body -> {
                    CommentApi.Response answer = api.accept(body);
                    return answer.status() == 202 ? null : answer.error();
                }, Pseudonyms.fromConfig(config), address -> formRate.tryAcquire("form:" + address), config.secureCookies(), Clock.systemUTC());
                BooleanSupplier topologyReady = ready;
                dashboard = new DashboardServer(state, Readiness.of(topologyReady != null ? () -> topologyReady.getAsBoolean() && feed.caughtUp() : feed::caughtUp,
                        sourceChecks),
                        DashboardServer.Options.dashboard(clerk, metrics::scrape, routes -> {
                            // The key and the rate were checked by the body rule's gate, before the body was read.
                            routes.post(COMMENTS_PATH, ctx -> {
                                CommentApi.Response response = api.accept(ctx.bodyAsBytes());
                                response.headers().forEach(ctx::header);
                                ctx.status(response.status()).json(response.body());
                            });
                            reports.register(routes);
                            if (form != null) {
                                form.register(routes);
                            }
                        }, new BodyRule(COMMENTS_PATH, CommentApi.MAX_BODY_BYTES, (header, address) -> api.admit(apiKey(header), address)
                                .map(refused -> new BodyRule.Refusal(refused.status(), refused.error(), refused.headers())))), config.web());
                DashboardServer server = dashboard;
                Metrics.gauge(metrics, "chamberpulse.sse.clients", "Browsers following the dashboard live", server::liveClients);
                Metrics.counter(metrics, "chamberpulse.sse.refused", "Live streams refused by a limit (per address or in total)", server::refusedStreams);
                Metrics.counter(metrics, "chamberpulse.sse.dropped", "Live streams closed because their client read too slowly", server::droppedStreams);
            } else {
                // An instance of the topology answers for it; one of the ingest role alone, for its sources.
                Readiness readiness = ready != null ? Readiness.of(ready, sourceChecks) : Readiness.of(followers::healthy, sourceChecks);
                dashboard = new DashboardServer(new LiveState(), readiness, DashboardServer.Options.operationsOnly(metrics::scrape), config.web());
            }
            started.push(dashboard);
            dashboard.start(config.httpPort());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The console's ModernGov import: the agenda command's client, with the clerk's hashtags and zone. */
    private static Meeting fromModernGov(String url, long number, List<String> hashtags, String timezone) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return new ModernGovClient(http, url)
                .meeting(number, new MeetingDefaults(null, hashtags, ZoneId.of(timezone), null, null, null));
    }

    /** A follower's state as the console's JSON gives it. */
    private static Map<String, Object> describe(IngestRole.SourceState state) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("source", state.source());
        described.put("server", state.server());
        described.put("hashtag", state.hashtag());
        described.put("connected", state.connected());
        described.put("reconnects", state.reconnects());
        described.put("published", state.published());
        described.put("lastPostAt", state.lastPostAt());
        described.put("problem", state.problem());
        return described;
    }

    /** Where the first start keeps the console's user when {@code clerk.users} is not set. */
    static final String CLERK_USER_FILE = "clerk.user";

    /**
     * The console's users from {@code clerk.users}; with none configured, the user "clerk" kept in the data
     * directory, whose password the first start makes and prints once (there is no default password).
     */
    private ClerkSessions clerkSessions(PulseConfig config) {
        Map<String, String> users = ClerkSessions.parseUsers(config.clerkUsers());
        if (users.isEmpty()) {
            Path file = config.dataDir().resolve(CLERK_USER_FILE);
            try {
                if (!Files.exists(file)) {
                    String password = Passwords.random();
                    Files.createDirectories(config.dataDir());
                    Files.writeString(file, "clerk:" + Passwords.hash(password.toCharArray()) + "\n");
                    restrictToOwner(file);
                    generatedClerkPassword = password;
                }
                Pseudonyms.requireOwnerOnly(file);
                users = ClerkSessions.parseUsers(List.of(Files.readString(file).strip()));
                clerkUserFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the clerk's user in " + file, e);
            }
        }
        return new ClerkSessions(users, Clock.systemUTC());
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions apply.
        }
    }

    private static ClerkPublisher publisher(PulseProducer producer) {
        return new ClerkPublisher() {
            @Override
            public void publish(Meeting meeting) throws Exception {
                producer.send(Topics.MEETINGS, meeting.meetingId(), meeting).get(10, TimeUnit.SECONDS);
            }

            @Override
            public void publish(AgendaEvent event) throws Exception {
                producer.send(Topics.AGENDA, event.meetingId(), event).get(10, TimeUnit.SECONDS);
            }

            @Override
            public void publish(ModerationEvent event) throws Exception {
                producer.send(Topics.MODERATION, event.meetingId(), event).get(10, TimeUnit.SECONDS);
            }
        };
    }

    /** The API key from {@code X-API-Key}, or from {@code Authorization: Bearer}. */
    static final String COMMENTS_PATH = "/api/v1/comments";

    private static String apiKey(UnaryOperator<String> header) {
        String key = header.apply("X-API-Key");
        String authorization = header.apply("Authorization");
        if (key == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorization.substring(7).strip();
        }
        return key;
    }

    public static PulseRuntime start(PulseConfig config) {
        return new PulseRuntime(config);
    }

    /**
     * Creates the topics that do not exist yet and sets comments.retention on those that hold comments'
     * text, so that a changed setting applies to existing topics too.
     */
    private void createTopics(PulseConfig config) {
        try (Admin admin = Admin.create(adminProperties(config))) {
            EmbeddedKafkaBroker.createTopics(admin, Topics.ALL.stream()
                    .map(topic -> Topics.HOLDING_COMMENT_TEXT.contains(topic) ? topic.withRetention(config.commentRetention()) : topic)
                    .map(topic -> topic.newTopic(config.partitions(), config.replicationFactor()))
                    .toList());
            Map<ConfigResource, Collection<AlterConfigOp>> retention = new HashMap<>();
            for (Topic<String, ?> topic : Topics.HOLDING_COMMENT_TEXT) {
                retention.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(config.commentRetention().toMillis())), AlterConfigOp.OpType.SET)));
            }
            try {
                admin.incrementalAlterConfigs(retention).all().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Where the cluster's owners manage topic settings, this instance may not alter them.
                log.warn("could not set retention.ms of {} to comments.retention ({}): {}", Topics.HOLDING_COMMENT_TEXT.stream().map(Topic::name).toList(),
                        config.commentRetention(), e.getMessage());
            }
        }
    }

    private Properties adminProperties(PulseConfig config) {
        return KafkaClients.of(config, bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int httpPort() {
        return dashboard.port();
    }

    /** The port of /metrics and the health checks. */
    public int managementPort() {
        return dashboard.managementPort();
    }

    /** Whether the Streams app runs (always true for an instance that runs only the dashboard). */
    public boolean running() {
        return streams == null || streams.state() == KafkaStreams.State.RUNNING;
    }

    public void printAddresses(PrintStream out) {
        out.println("Kafka: " + bootstrapServers);
        out.println((servesDashboard ? "Dashboard: " : "Health: ") + "http://localhost:" + httpPort() + "/");
        out.println("Metrics (management port): http://localhost:" + managementPort() + "/metrics");
        if (generatedClerkPassword != null) {
            out.println("Clerk console: http://localhost:" + httpPort() + "/clerk (user clerk, password " + generatedClerkPassword
                    + "; shown this once: its hash is kept in " + clerkUserFile + "; delete that file for a new one, or set clerk.users)");
            generatedClerkPassword = null;
        } else if (clerkUserFile != null) {
            out.println("Clerk console: http://localhost:" + httpPort() + "/clerk (user clerk, with the password printed at the first start;"
                    + " delete " + clerkUserFile + " for a new one)");
        }
        out.flush();
    }

    /** Waits until the Streams app runs, so that the first records are processed promptly. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!running() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                log.warn("error while stopping: {}", e.getMessage());
            }
        }
    }
}
