package org.chamberpulse.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Utils;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.ingest.Replay;
import org.chamberpulse.ingest.ReplayFile;
import org.chamberpulse.ingest.SampleMeeting;
import org.chamberpulse.model.Pseudonyms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an embedded broker, the topology and the dashboard, then replay the bundled sample council meeting.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data/demo",
            description = "Emptied at start, so every demo begins with a fresh broker (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080", description = "The dashboard's port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--broker-port", paramLabel = "PORT", defaultValue = "9092", description = "The embedded broker's port (default: ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(names = "--speed", defaultValue = "60", paramLabel = "X",
            description = "Times faster than real time (default: ${DEFAULT-VALUE}: the 2.5-hour meeting in under 3 minutes).")
    double speed;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Utils.delete(dataDir.toFile());
        PulseConfig pulse = config.load(Map.of(
                "data.dir", dataDir.toString(), "http.port", Integer.toString(httpPort), "broker.port", Integer.toString(brokerPort)));
        SampleMeeting.Sample sample = SampleMeeting.bundled();
        Shutdown shutdown = Shutdown.onSignal();
        try (PulseRuntime runtime = PulseRuntime.start(pulse)) {
            runtime.awaitRunning(Duration.ofSeconds(60));
            runtime.printAddresses(System.out);
            System.out.printf("Replaying \"%s\" (%d comments) at %sx; Ctrl-C stops.%n",
                    sample.meeting().title() + ", " + sample.meeting().body(), sample.comments().size(), speed);
            try (PulseProducer producer = new PulseProducer(pulse, runtime.bootstrapServers())) {
                Replay.Result result = new Replay(producer, Pseudonyms.fromConfig(pulse), System.out, System.console() != null).run(Optional.of(sample.meeting()), sample.agenda(),
                        sample.comments().stream().map(c -> new ReplayFile.Line<>(0, c, null)).toList(), speed);
                System.out.printf("Replay finished: %d comments, %d agenda events. The dashboard stays up; Ctrl-C stops.%n",
                        result.comments(), result.agendaEvents());
            }
            shutdown.awaitSignal();
        } finally {
            shutdown.completed();
        }
        return 0;
    }
}
