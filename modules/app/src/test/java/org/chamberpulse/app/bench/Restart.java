package org.chamberpulse.app.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;
import org.chamberpulse.app.FreePorts;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.model.Json;

/**
 * {@code scripts/bench restart [MEETINGS]}: the dashboard ({@code scripts/chamberpulse run --bootstrap --role
 * dashboard}), then the whole of {@code run} (topology and dashboard), each started twice (afresh, then again
 * on its data) with MEETINGS meetings in history (default 1,000, 200 comments each): seconds from start to
 * {@code /health/ready}, every meeting then served (each page of the list, and the oldest meeting's view),
 * and the process's resident set when ready and after serving them all. Last, {@code run} with its own
 * embedded broker, the history written into it, started again on its data.
 */
public final class Restart {

    private Restart() {
    }

    public static void main(String[] args) throws Exception {
        int meetings = Integer.parseInt(args.length > 0 ? args[0] : "1000");
        Path dir = History.tempDir("bench-restart");
        try {
            List<String> ids;
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
                History.createTopics(broker, 6);
                ids = History.write(broker.bootstrapServers(), meetings, 200, true);
                System.out.printf("history: %d meetings on pulse.views and pulse.reports, %,d comments%n", meetings, meetings * 200L);
                for (String start : List.of("dashboard, first start", "dashboard, restart on its data", "run, first start", "run, restart on its data")) {
                    String role = start.startsWith("dashboard") ? "dashboard" : "all";
                    measure(start, List.of("run", "--bootstrap", broker.bootstrapServers(), "--data-dir", dir.resolve(role).toString(), "--role", role),
                            dir, ids);
                }
            }
            List<String> embedded = withHistory(dir, meetings);
            measure("run with its embedded broker, restart on its data", embedded, dir, ids);
        } finally {
            Utils.delete(dir.toFile());
        }
    }

    /** run with its own broker, the history written into it while it runs; returns its arguments, to start it again. */
    private static List<String> withHistory(Path dir, int meetings) throws Exception {
        int brokerPort = FreePorts.pick();
        List<String> embedded = List.of("run", "--data-dir", dir.resolve("embedded").toString(), "--broker-port", Integer.toString(brokerPort));
        int port = FreePorts.pick();
        Process first = start(embedded, port, dir);
        try {
            Processes.awaitReady(first, port, 50);
            History.write("127.0.0.1:" + brokerPort, meetings, 200, true);
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!get(http, port, "/api/v1/meetings?size=1").headers().firstValue("X-Total-Count").orElse("0").equals(Integer.toString(meetings))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the dashboard did not read the history within 3 minutes");
                }
                Thread.sleep(200);
            }
        } finally {
            Processes.stop(first);
        }
        return embedded;
    }

    private static Process start(List<String> arguments, int port, Path dir) throws IOException {
        List<String> command = new ArrayList<>(List.of("scripts/chamberpulse"));
        command.addAll(arguments);
        command.addAll(List.of("--http-port", Integer.toString(port), "--set", "metrics.port=0"));
        return new ProcessBuilder(command).redirectOutput(dir.resolve("run.log").toFile()).redirectErrorStream(true).start();
    }

    private static void measure(String name, List<String> arguments, Path dir, List<String> ids) throws Exception {
        int port = FreePorts.pick();
        long began = System.nanoTime();
        Process run = start(arguments, port, dir);
        try {
            HttpClient http = HttpClient.newHttpClient();
            Processes.awaitReady(run, port, 50);
            double ready = (System.nanoTime() - began) / 1e9;
            long readyRss = Processes.status(run, "VmRSS");
            int pages = Integer.parseInt(get(http, port, "/api/v1/meetings?size=200").headers().firstValue("X-Pages").orElse("0"));
            int served = 0;
            for (int page = 1; page <= pages; page++) {
                served += count(get(http, port, "/api/v1/meetings?size=200&page=" + page).body());
            }
            int oldest = get(http, port, "/api/v1/meetings/" + ids.get(0) + "/summary").statusCode();
            System.out.printf("RESULT %s: ready in %.1f s; %d of %d meetings listed, the oldest's view %d; RSS when ready %,d MB, after serving them all %,d MB, peak %,d MB%n",
                    name, ready, served, ids.size(), oldest, readyRss / 1024, Processes.status(run, "VmRSS") / 1024, Processes.status(run, "VmHWM") / 1024);
        } finally {
            Processes.stop(run);
        }
    }

    private static int count(String json) throws IOException {
        return Json.MAPPER.readTree(json).size();
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
