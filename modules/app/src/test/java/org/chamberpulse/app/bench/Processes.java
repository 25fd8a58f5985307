package org.chamberpulse.app.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the benchmarks that start {@code scripts/chamberpulse run} as processes of their own share. */
final class Processes {

    private Processes() {
    }

    /** Waits until the process answers 200 on {@code /health/ready}; fails if it stops or takes three minutes. */
    static void awaitReady(Process run, int httpPort, long pollMillis) throws Exception {
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
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException("run was not ready within 3 minutes");
    }

    /** A figure in kB from /proc/PID/status of the Java process (the script execs it, so it is the same pid). */
    static long status(Process run, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(run.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + run.pid() + "/status");
    }

    /** Stops a process as Ctrl-C would, and kills it if it has not stopped within a minute. */
    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
