package org.chamberpulse.app.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
                "--http-port", Integer.toString(httpPort), "--broker-port", Integer.toString(brokerPort))
                .redirectOutput(dir.resolve("run.log").toFile()).redirectErrorStream(true).start();
        try {
            awaitReady(run, httpPort);
            long ready = status(run, "VmRSS");
            PulseConfig config = PulseConfig.fromSettings(Map.of("data.dir", dir.resolve("load").toString(), "bootstrap", "127.0.0.1:" + brokerPort));
            try (PulseProducer producer = new PulseProducer(config, config.bootstrap())) {
                LoadGenerator generator = new LoadGenerator(producer, Clock.systemUTC(), 11);
                generator.openMeetings(meetings, "m" + meetings);
                generator.run(meetings, "m" + meetings, rate, duration, null);
            }
            // Let the topology work off what is still queued, so the figure is of the state the meetings left.
            Thread.sleep(10_000);
            long loaded = status(run, "VmRSS");
            long peak = status(run, "VmHWM");
            String figures = String.format("ready %,d MB, after %,.0f posts/s for %s %,d MB, peak %,d MB", ready / 1024, rate, duration, loaded / 1024, peak / 1024);
            System.out.printf("%3d meeting(s): %s%n", meetings, figures);
            return figures;
        } finally {
            run.destroy();
            if (!run.waitFor(60, TimeUnit.SECONDS)) {
                run.destroyForcibly().waitFor();
            }
            Utils.delete(dir.toFile());
        }
    }

    private static void awaitReady(Process run, int httpPort) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready")).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!run.isAlive()) {
                throw new IllegalStateException("run stopped with exit code " + run.exitValue());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the server is still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("run was not ready within 3 minutes");
    }

    /** A figure in kB from /proc/PID/status of the Java process (the script execs it, so it is the same pid). */
    private static long status(Process run, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(run.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + run.pid() + "/status");
    }

}
