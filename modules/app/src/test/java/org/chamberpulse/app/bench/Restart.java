package org.chamberpulse.app.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.utils.Utils;
import org.chamberpulse.app.FreePorts;
import org.chamberpulse.broker.EmbeddedKafkaBroker;
import org.chamberpulse.model.Json;

/**
 * {@code scripts/bench restart [MEETINGS]}: the dashboard ({@code scripts/chamberpulse run --bootstrap --role
 * dashboard}), then the whole of {@code run} (topology and dashboard), each started twice (afresh, then again
 * on its data) with MEETINGS meetings in history (default 1,000, 200 comments each): seconds from start to
 * {@code /health/ready}, every meeting then served (each page of the list, and the oldest meeting's view),
 * and the process's resident set when ready and after serving them all.
 */
public final class Restart {

    private Restart() {
    }

    public static void main(String[] args) throws Exception {
        int meetings = Integer.parseInt(args.length > 0 ? args[0] : "1000");
        Path dir = History.tempDir("bench-restart");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            History.createTopics(broker, 6);
            List<String> ids = History.write(broker.bootstrapServers(), meetings, 200, true);
            System.out.printf("history: %d meetings on pulse.views and pulse.reports, %,d comments%n", meetings, meetings * 200L);
            for (String start : List.of("dashboard, first start", "dashboard, restart on its data", "run, first start", "run, restart on its data")) {
                int port = FreePorts.pick();
                String role = start.startsWith("dashboard") ? "dashboard" : "all";
                long began = System.nanoTime();
                Process run = new ProcessBuilder("scripts/chamberpulse", "run", "--bootstrap", broker.bootstrapServers(), "--data-dir",
                        dir.resolve(role).toString(), "--http-port", Integer.toString(port), "--role", role)
                        .redirectOutput(dir.resolve("run.log").toFile()).redirectErrorStream(true).start();
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
                            start, ready, served, meetings, oldest, readyRss / 1024, Processes.status(run, "VmRSS") / 1024, Processes.status(run, "VmHWM") / 1024);
                } finally {
                    Processes.stop(run);
                }
            }
        } finally {
            Utils.delete(dir.toFile());
        }
    }

    private static int count(String json) throws IOException {
        return Json.MAPPER.readTree(json).size();
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
