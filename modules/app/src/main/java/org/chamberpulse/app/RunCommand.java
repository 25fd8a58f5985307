package org.chamberpulse.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.chamberpulse.config.PulseConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the topology, the dashboard and the ingest role (which follows the hashtags of every meeting whose window is open on the networks set by sources.*).",
                "Without --bootstrap, an embedded Kafka broker starts first in the data directory."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers of an existing cluster.")
    String bootstrap;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the embedded broker and the Streams state live (default: data).")
    Path dataDir;

    @Option(names = "--http-port", paramLabel = "PORT", description = "The dashboard's port (default: 8080).")
    Integer httpPort;

    @Option(names = "--broker-port", paramLabel = "PORT", description = "The embedded broker's port (default: 9092).")
    Integer brokerPort;

    @Option(names = "--role", paramLabel = "ROLE",
            description = "all (default): topology, dashboard and ingest; topology: the Streams app alone, with /health and /metrics; dashboard: the dashboard, ingest API, console and report alone; ingest: follows the open meetings' hashtags on the sources.* networks alone.")
    String role;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        PulseConfig pulse = config.load(options());
        Shutdown shutdown = Shutdown.onSignal();
        try (PulseRuntime runtime = PulseRuntime.start(pulse)) {
            runtime.printAddresses(System.out);
            shutdown.awaitSignal();
        } finally {
            shutdown.completed();
        }
        return 0;
    }

    Map<String, String> options() {
        Map<String, String> options = new HashMap<>();
        options.put("bootstrap", bootstrap);
        options.put("data.dir", dataDir == null ? null : dataDir.toString());
        options.put("http.port", httpPort == null ? null : httpPort.toString());
        options.put("broker.port", brokerPort == null ? null : brokerPort.toString());
        options.put("role", role);
        return options;
    }
}
