package org.chamberpulse.app;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.LoadGenerator;
import org.chamberpulse.ingest.PulseProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Generate load: open live meetings and send realistic posts to them at a steady rate.")
final class LoadCommand implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "1000", description = "Posts a second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "60s", description = "How long, e.g. 30s, 5m (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--meetings", defaultValue = "1", description = "Live meetings the posts are spread over (default: ${DEFAULT-VALUE}).")
    int meetings;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated posts (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin

    ClusterOptions cluster;

    @Override
    public Integer call() throws Exception {
        PulseConfig pulse = cluster.load();
        String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000);
        try (PulseProducer producer = new PulseProducer(pulse, pulse.bootstrap())) {
            LoadGenerator generator = new LoadGenerator(producer, Clock.systemUTC(), seed);
            List<String> ids = generator.openMeetings(meetings, run);
            System.out.printf("opened %d meetings (%s … %s); sending %.0f posts a second for %s%n",
                    ids.size(), ids.get(0), ids.get(ids.size() - 1), rate, duration);
            LoadGenerator.Result result = generator.run(meetings, run, rate, PulseConfig.parseDuration(duration), System.out);
            System.out.printf("sent %d posts in %.1f s: %.0f a second%n", result.sent(), result.took().toMillis() / 1000.0, result.perSecond());
        }
        return 0;
    }
}
