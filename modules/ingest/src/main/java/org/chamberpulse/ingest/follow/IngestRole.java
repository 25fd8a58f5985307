package org.chamberpulse.ingest.follow;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.KafkaSink;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.ingest.sources.JetstreamClient;
import org.chamberpulse.ingest.sources.MastodonClient;
import org.chamberpulse.ingest.sources.Resume;
import org.chamberpulse.ingest.sources.SourceStats;
import org.chamberpulse.ingest.sources.XStreamClient;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest role (issue 18): follows the published meetings and, for every meeting whose window is open,
 * its hashtags on every configured source, with no operator per hashtag. Mastodon has one stream per server
 * and hashtag (its protocol has no other way); Jetstream and X one connection each for every hashtag. A
 * hashtag no open window needs is let go. Resume points live on {@code pulse.ingest.cursors}.
 */
public final class IngestRole implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestRole.class);
    /** How often the open windows are checked against what is followed. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** A follower disconnected for longer than this is reported down by the health check. */
    static final Duration DOWN_AFTER = Duration.ofSeconds(60);

    /** One follower's state, as the health check, the metrics and the clerk's console show it. */
    public record SourceState(String source, String server, String hashtag, boolean connected, long reconnects, long received,
                              long published, Instant lastPostAt, String problem) {
    }

    private final PulseConfig.Sources sources;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final PulseProducer producer;
    private final KafkaSink sink;
    private final IngestCursors cursors;
    private final MeetingWatch watch;
    private final JetstreamClient bluesky;
    private final XStreamClient x;
    private final Map<String, MastodonFollower> mastodon = new ConcurrentHashMap<>();
    private final Map<String, SourceStats> stats = new ConcurrentHashMap<>();
    private final Map<String, Long> disconnectedSince = new ConcurrentHashMap<>();
    private final Thread supervisor;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private record MastodonFollower(MastodonClient client, Thread thread) {
    }

    private IngestRole(PulseConfig config, String bootstrapServers, MeterRegistry metrics, Clock clock) {
        this.sources = config.sources();
        this.pseudonyms = Pseudonyms.fromConfig(config);
        this.clock = clock;
        this.metrics = metrics;
        this.producer = new PulseProducer(config, bootstrapServers);
        this.sink = new KafkaSink(producer);
        this.cursors = IngestCursors.load(config, bootstrapServers, producer, clock);
        this.watch = new MeetingWatch(config, bootstrapServers).start();
        if (sources.blueskyEndpoint().isEmpty()) {
            bluesky = null;
        } else {
            String stream = "bluesky|" + sources.blueskyEndpoint();
            bluesky = new JetstreamClient(URI.create(sources.blueskyEndpoint()), sink, pseudonyms, clock, resume(stream, null),
                    stats("bluesky", host(sources.blueskyEndpoint()), ""));
            threads.add(daemon(bluesky, "ingest-bluesky"));
        }
        if (sources.xBearerToken().isEmpty()) {
            x = null;
        } else {
            x = new XStreamClient(URI.create(sources.xEndpoint()), sources.xBearerToken(), sink, pseudonyms, clock, stats("x", host(sources.xEndpoint()), ""));
            threads.add(daemon(x, "ingest-x"));
        }
        supervisor = new Thread(this::supervise, "ingest-supervisor");
        supervisor.setDaemon(true);
        // Saving waits for the posts before the point to be stored, which a broker outage can make long: apart.
        threads.add(daemon(this::saveProgress, "ingest-resume-points"));
    }

    private void saveProgress() {
        while (running) {
            try {
                mastodon.values().forEach(follower -> follower.client().saveProgress());
                Thread.sleep(CHECK_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("ingest: saving the resume points failed: {}", e.toString());
            }
        }
    }

    /** Starts following; with no source configured it follows nothing and says so. */
    public static IngestRole start(PulseConfig config, String bootstrapServers, MeterRegistry metrics, Clock clock) {
        IngestRole role = new IngestRole(config, bootstrapServers, metrics, clock);
        if (!config.sources().any()) {
            log.info("ingest: no source is configured (sources.mastodon.servers, sources.bluesky.endpoint, sources.x.bearer-token): nothing is followed");
        }
        role.threads.forEach(Thread::start);
        role.supervisor.start();
        return role;
    }

    private void supervise() {
        while (running) {
            try {
                follow(watch.wanted(clock.instant()));
                long now = clock.millis();
                mastodon.values().forEach(follower -> follower.client().closeIfSilent(now));
                Thread.sleep(CHECK_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("ingest: checking the open windows failed: {}", e.toString());
            }
        }
    }

    /** Starts and stops followers so that exactly the wanted hashtags are followed. */
    void follow(Map<String, Instant> wanted) {
        for (URI server : sources.mastodonServers()) {
            for (Map.Entry<String, Instant> tag : wanted.entrySet()) {
                String stream = mastodonStream(server, tag.getKey());
                mastodon.computeIfAbsent(stream, key -> {
                    log.info("ingest: following #{} on {} (a meeting's window is open)", tag.getKey(), server.getHost());
                    MastodonClient client = new MastodonClient(server, tag.getKey(), sources.mastodonToken(), sink, pseudonyms, clock,
                            resume(key, tag.getValue()), stats("mastodon", host(server.toString()), tag.getKey()));
                    Thread thread = daemon(client, "ingest-mastodon-" + tag.getKey());
                    thread.start();
                    return new MastodonFollower(client, thread);
                });
            }
        }
        mastodon.entrySet().removeIf(entry -> {
            if (wanted.containsKey(entry.getValue().client().tag())) {
                return false;
            }
            log.info("ingest: no open window needs #{} any more; stopped following it on Mastodon", entry.getValue().client().tag());
            entry.getValue().client().stop();
            entry.getValue().thread().interrupt();
            return true;
        });
        if (bluesky != null && !wanted.keySet().equals(bluesky.tags())) {
            bluesky.follow(wanted, tag -> stats("bluesky", host(sources.blueskyEndpoint()), tag));
        }
        if (x != null) {
            x.follow(wanted.keySet(), tag -> stats("x", host(sources.xEndpoint()), tag));
        }
    }

    private Resume resume(String stream, Instant backfillFrom) {
        return new Resume() {
            @Override
            public String position() {
                return cursors.position(stream);
            }

            @Override
            public Instant backfillFrom() {
                return backfillFrom;
            }

            @Override
            public void save(String position) {
                cursors.save(stream, position);
            }
        };
    }

    /** The stats of one follower, registered as metrics the first time (tags: source, server, hashtag; "" for a shared connection). */
    private SourceStats stats(String source, String server, String hashtag) {
        return stats.computeIfAbsent(source + "|" + server + "|" + hashtag, key -> {
            SourceStats made = new SourceStats();
            Tags tags = Tags.of("source", source, "server", server, "hashtag", hashtag);
            Gauge.builder("chamberpulse.ingest.connected", made, s -> s.isConnected() ? 1 : 0).tags(tags)
                    .description("Whether the follower is connected to its source (1) or not (0)").register(metrics);
            FunctionCounter.builder("chamberpulse.ingest.reconnects", made, SourceStats::reconnects).tags(tags)
                    .description("Times the follower lost its connection").register(metrics);
            FunctionCounter.builder("chamberpulse.ingest.posts.received", made, SourceStats::receivedCount).tags(tags)
                    .description("Posts the follower read from its source").register(metrics);
            FunctionCounter.builder("chamberpulse.ingest.posts.published", made, SourceStats::publishedCount).tags(tags)
                    .description("Posts, edits and withdrawals the follower wrote to pulse.comments.raw").register(metrics);
            FunctionCounter.builder("chamberpulse.ingest.malformed", made, SourceStats::malformedCount).tags(tags)
                    .description("Upstream events the follower could not read and skipped").register(metrics);
            Gauge.builder("chamberpulse.ingest.seconds.since.last.post", made,
                            s -> s.lastPostMillis() == 0 ? Double.NaN : (clock.millis() - s.lastPostMillis()) / 1_000.0).tags(tags)
                    .description("Seconds since the follower last published a post (NaN: none yet)").register(metrics);
            return made;
        });
    }

    /** Every follower's state: shared connections first, then each hashtag's. */
    public List<SourceState> states() {
        List<SourceState> states = new ArrayList<>();
        new TreeMap<>(stats).forEach((key, s) -> {
            String[] parts = key.split("\\|", -1);
            states.add(new SourceState(parts[0], parts[1], parts[2], s.isConnected(), s.reconnects(), s.receivedCount(), s.publishedCount(),
                    s.lastPostMillis() == 0 ? null : Instant.ofEpochMilli(s.lastPostMillis()), s.problem()));
        });
        return states;
    }

    /** The followers of these hashtags (a meeting's), with the shared connections they use. */
    public List<SourceState> states(List<String> hashtags) {
        List<String> normalised = hashtags.stream().map(Text::normaliseHashtag).toList();
        return states().stream().filter(s -> normalised.contains(s.hashtag())).toList();
    }

    /**
     * What the health check says: for each connection that should be open now (a Mastodon stream per server and
     * hashtag, the Jetstream and X connections while they follow anything), "up" or why it is down; down only
     * after {@link #DOWN_AFTER} away, so that a reconnect is not an outage.
     */
    public Map<String, String> health() {
        Map<String, SourceStats> expected = new TreeMap<>();
        mastodon.forEach((stream, follower) -> expected.put("mastodon " + stream.substring("mastodon|".length()).replace("|", " #"), follower.client().stats()));
        if (bluesky != null && !bluesky.tags().isEmpty()) {
            expected.put("bluesky " + sources.blueskyEndpoint(), bluesky.stats());
        }
        if (x != null && !x.tags().isEmpty()) {
            expected.put("x " + sources.xEndpoint(), x.stats());
        }
        disconnectedSince.keySet().retainAll(expected.keySet());
        Map<String, String> checks = new LinkedHashMap<>();
        long now = clock.millis();
        expected.forEach((name, s) -> {
            if (s.isConnected()) {
                disconnectedSince.remove(name);
                checks.put(name, "up");
            } else {
                long since = disconnectedSince.computeIfAbsent(name, n -> now);
                checks.put(name, now - since > DOWN_AFTER.toMillis() ? "down: " + s.problem() : "connecting");
            }
        });
        return checks;
    }

    /** Whether every follower that should be connected is (or has been away less than {@link #DOWN_AFTER}). */
    public boolean healthy() {
        return health().values().stream().noneMatch(v -> v.startsWith("down"));
    }

    public KafkaSink sink() {
        return sink;
    }

    private static String mastodonStream(URI server, String tag) {
        return "mastodon|" + server + "|" + tag;
    }

    private static String host(String url) {
        String host = URI.create(url).getHost();
        int port = URI.create(url).getPort();
        return host == null ? url : port > 0 ? host + ":" + port : host;
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        running = false;
        supervisor.interrupt();
        mastodon.values().forEach(follower -> follower.client().stop());
        if (bluesky != null) {
            bluesky.stop();
        }
        if (x != null) {
            x.stop();
        }
        watch.close();
        sink.flush();
        sink.close();
        producer.close();
    }
}
