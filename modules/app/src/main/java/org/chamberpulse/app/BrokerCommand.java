package org.chamberpulse.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.model.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run only the embedded single-node Kafka broker, with the pulse.* topics created.")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "Where the broker keeps its log (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "9092", description = "The client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of each pulse.* topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() throws Exception {
        Shutdown shutdown = Shutdown.onSignal();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), port)) {
            broker.createTopics(Topics.ALL.stream().map(topic -> topic.newTopic(partitions, (short) 1)).toList());
            System.out.println("Kafka: " + broker.bootstrapServers());
            System.out.flush();
            shutdown.awaitSignal();
        } finally {
            shutdown.completed();
        }
        return 0;
    }
}
