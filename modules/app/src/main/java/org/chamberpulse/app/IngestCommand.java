package org.chamberpulse.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.KafkaSink;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.ingest.sources.JetstreamClient;
import org.chamberpulse.ingest.sources.MastodonClient;
import org.chamberpulse.ingest.sources.XStreamClient;
import org.chamberpulse.model.Pseudonyms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Follow one hashtag on a social network and write its posts to pulse.comments.raw until stopped (one-off use).",
                "run follows the hashtags of every meeting whose window is open by itself (its ingest role, settings sources.*)."},
        subcommands = {IngestCommand.Mastodon.class, IngestCommand.Bluesky.class, IngestCommand.X.class})
final class IngestCommand {

    /** Options every source shares. */
    static final class Common {
        @Option(names = "--tag", required = true, description = "The hashtag to follow, with or without '#'.")
        String tag;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the author secret and resume points are kept (default: data).")
        Path dataDir;

        @Mixin
        ClusterOptions cluster;

        PulseConfig load() {
            Map<String, String> options = new HashMap<>();
            options.put("data.dir", dataDir == null ? null : dataDir.toString());
            return cluster.load(options);
        }
    }

    /** Runs the clients, one thread each, until Ctrl-C or SIGTERM; then flushes what was read. */
    static int follow(PulseConfig config, Function<KafkaSink, List<Runnable>> clients) throws InterruptedException {
        Shutdown shutdown = Shutdown.onSignal();
        try (PulseProducer producer = new PulseProducer(config, config.bootstrap()); KafkaSink sink = new KafkaSink(producer)) {
            List<Thread> threads = new ArrayList<>();
            for (Runnable client : clients.apply(sink)) {
                Thread thread = new Thread(client, "ingest-" + threads.size());
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
            Thread reporter = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(Duration.ofSeconds(30).toMillis());
                        System.out.printf("%d comments written, %d failed%n", sink.sent(), sink.failed());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "ingest-report");
            reporter.setDaemon(true);
            reporter.start();
            try {
                shutdown.awaitSignal();
            } catch (InterruptedException e) {
                // the signal interrupts the main thread too: stop
            }
            sink.flush();
            System.out.printf("stopped: %d comments written, %d failed%n", sink.sent(), sink.failed());
        } finally {
            shutdown.completed();
        }
        return 0;
    }

    @Command(name = "mastodon", mixinStandardHelpOptions = true,
            description = "Follow a hashtag on one or more Mastodon servers (streaming API, with catch-up after every break).")
    static final class Mastodon implements Callable<Integer> {
        @Option(names = "--server", required = true, paramLabel = "URL", description = "A server, e.g. https://mastodon.social; repeat for several.")
        List<URI> servers;

        @Option(names = "--token", description = "An access token with read:statuses, for servers that ask for one.")
        String token;

        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            PulseConfig config = common.load();
            Pseudonyms pseudonyms = Pseudonyms.fromConfig(config);
            return follow(config, sink -> servers.stream()
                    .<Runnable>map(server -> new MastodonClient(server, common.tag, token, sink, pseudonyms, Clock.systemUTC()))
                    .toList());
        }
    }

    @Command(name = "bluesky", mixinStandardHelpOptions = true,
            description = "Follow a hashtag on Bluesky through Jetstream from now on (run's ingest role follows meetings' hashtags and resumes after a restart).")
    static final class Bluesky implements Callable<Integer> {
        @Option(names = "--endpoint", paramLabel = "URL", defaultValue = "wss://jetstream2.us-east.bsky.network/subscribe",
                description = "The Jetstream endpoint (default: ${DEFAULT-VALUE}).")
        URI endpoint;

        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            PulseConfig config = common.load();
            Pseudonyms pseudonyms = Pseudonyms.fromConfig(config);
            return follow(config, sink -> List.of(new JetstreamClient(endpoint, common.tag, sink, pseudonyms, Clock.systemUTC())));
        }
    }

    @Command(name = "x", mixinStandardHelpOptions = true, description = "Follow a hashtag on X through the v2 filtered stream.")
    static final class X implements Callable<Integer> {
        @Option(names = "--bearer-token", required = true, description = "An app bearer token with filtered-stream access.")
        String bearerToken;

        @Option(names = "--endpoint", paramLabel = "URL", defaultValue = "https://api.x.com", description = "The API (default: ${DEFAULT-VALUE}).")
        URI endpoint;

        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            PulseConfig config = common.load();
            Pseudonyms pseudonyms = Pseudonyms.fromConfig(config);
            return follow(config, sink -> List.of(new XStreamClient(endpoint, bearerToken, common.tag, sink, pseudonyms, Clock.systemUTC())));
        }
    }
}
