package org.chamberpulse.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.chamberpulse.app.FreePorts;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.LoadGenerator;
import org.chamberpulse.ingest.PulseProducer;

/**
 * {@code scripts/bench memory [RATE] [DURATION]}: starts {@code scripts/chamberpulse run} (embedded broker,
 * topology, dashboard; the script's own JVM options) as a process of its own, once with 1 live meeting and
 * once with 100, sends RATE posts a second over them for DURATION, and reads the process's resident set
 * size from /proc: when ready, at the end of the load, and its peak.
 */
public final class Memory {

    private static final int[] MEETINGS = {1, 100};

    private Memory() {
    }

    public static void main(String[] args) throws Exception {
        double rate = Double.parseDouble(args.length > 0 ? args[0] : "200");
        Duration duration = PulseConfig.parseDuration(args.length > 1 ? args[1] : "2m");
        StringBuilder result = new StringBuilder("RESULT");
        for (int meetings : MEETINGS) {
            result.append(String.format(" %d meeting(s): %s;", meetings, measure(meetings, rate, duration)));
        }
        System.out.println(result);
    }

    private static String measure(int meetings, double rate, Duration duration) throws Exception {
        Path dir = Files.createTempDirectory("bench-memory");
        int httpPort = FreePorts.pick();
        int brokerPort = FreePorts.pick();
        Process run = new ProcessBuilder("scripts/chamberpulse", "run", "--data-dir", dir.toString(),
                "--http-port", Integer.toString(httpPort), "--broker-port", Integer.toString(brokerPort), "--set", "metrics.port=0")
                .redirectOutput(dir.resolve("run.log").toFile()).redirectErrorStream(true).start();
        try {
            Processes.awaitReady(run, httpPort, 200);
            long ready = Processes.status(run, "VmRSS");
            PulseConfig config = PulseConfig.fromSettings(Map.of("data.dir", dir.resolve("load").toString(), "bootstrap", "127.0.0.1:" + brokerPort));
            try (PulseProducer producer = new PulseProducer(config, config.bootstrap())) {
                LoadGenerator generator = new LoadGenerator(producer, Clock.systemUTC(), 11);
                generator.openMeetings(meetings, "m" + meetings);
                generator.run(meetings, "m" + meetings, rate, duration, null);
            }
            // Let the topology work off what is still queued, so the figure is of the state the meetings left.
            Thread.sleep(10_000);
            long loaded = Processes.status(run, "VmRSS");
            long peak = Processes.status(run, "VmHWM");
            String figures = String.format("ready %,d MB, after %,.0f posts/s for %s %,d MB, peak %,d MB", ready / 1024, rate, duration, loaded / 1024, peak / 1024);
            System.out.printf("%3d meeting(s): %s%n", meetings, figures);
            return figures;
        } finally {
            Processes.stop(run);
            Utils.delete(dir.toFile());
        }
    }
}
